"""The whole demo district in one call, phase by phase, as ``gongkai demo`` builds it."""

from __future__ import annotations

from datetime import date

from gongkai.demo.progress import Say, phase, quiet


def build_everything(
    *, today: date, per_year: int = 50, say: Say = quiet
) -> list[tuple[str, str, str]]:
    """Build what is missing of the demo; return the main logins (see ``build_demo``).

    Each phase is idempotent, so running it again adds nothing and changes nothing.
    """
    from gongkai.demo.applications import build_demo_applications
    from gongkai.demo.build import build_demo
    from gongkai.demo.catalogue import build_demo_catalogue
    from gongkai.demo.identity import build_demo_identity
    from gongkai.demo.organisation import build_demo_organisation
    from gongkai.demo.reports import build_demo_reports
    from gongkai.search.indexing import rebuild

    with phase(say, "【1/5】机构与人员"):
        logins = build_demo(say=say)
        build_demo_identity()
    with phase(say, "【2/5】政府信息公开目录"):
        entries = build_demo_catalogue(today=today, per_year=per_year, say=say)
        say(f"新发布目录条目{entries}条。")
        say(f"填写机构信息和指南资料{build_demo_organisation(today=today, say=say)}个机构。")
    with phase(say, "【3/5】依申请公开"):
        build_demo_applications(today=today, say=say)
    with phase(say, "【4/5】年度报告"):
        say(f"新建年度报告{build_demo_reports(today=today)}份。")
    with phase(say, "【5/5】全文检索索引"):
        say(f"全文检索索引：{rebuild()}条。")
    return logins
