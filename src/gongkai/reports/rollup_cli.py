"""``gongkai report rollup``: the district government's report summed from its agencies.

A thin shell over :func:`gongkai.reports.rollup.build_rollup`; shared CLI helpers come
from the leaf module :mod:`gongkai.cli_support`.
"""

from __future__ import annotations

import json

import click

from gongkai.cli_support import acting_as, fail, setup_django

# The rows of table 三 a one-screen summary shows.
TEXT_ROWS = (("1", "本年新收"), ("2", "上年结转"), ("3.7", "办结"), ("4", "结转下年度"))


@click.command("rollup")
@click.option("--year", type=int, required=True, help="报告年度 · report year")
@click.option(
    "--district", "district_code", default=None, help="区政府机构代码（默认唯一顶级机构）"
)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json")
@click.option("--as", "as_user", default=None, help="以该账号身份 · as this user")
def rollup(year: int, district_code: str | None, fmt: str, as_user: str | None) -> None:
    """汇总全区年度报告并列出逾期、未通过检查的机构 · Sum the district's report."""
    setup_django()
    from django.core.exceptions import PermissionDenied
    from django.utils import timezone

    from gongkai.agencies.selectors import agency_by_code
    from gongkai.reports.rollup import build_rollup, default_district

    with acting_as(as_user) as ctx:
        try:
            district = agency_by_code(district_code) if district_code else default_district()
            result = build_rollup(
                district=district, year=year, today=timezone.localdate(), actor=ctx.actor
            )
        except (LookupError, PermissionDenied, ValueError) as error:
            fail(str(error))
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return
    table = result.report["tables"]["applications"]
    click.echo(f"{result.report['agency']} {year}年度报告汇总（{len(result.agencies)}个机构）")
    click.echo("，".join(f"{label}{table[row]['total']}件" for row, label in TEXT_ROWS) + "。")
    findings = result.report["findings"]
    click.echo("汇总表勾稽关系检查通过。" if not findings else "汇总表勾稽关系问题：")
    for finding in findings:
        click.echo(f"  [{finding['severity']}] {finding['message']}")
    click.echo(f"各机构报告应于{result.agency_due:%Y年%m月%d日}前公布：")
    for agency in result.agencies:
        flags = [agency.status]
        if agency.late:
            flags.append("逾期")
        if agency.errors or agency.warnings:
            flags.append(f"错误{agency.errors}项、提醒{agency.warnings}项")
        click.echo(f"  {agency.code} {agency.name}：{'，'.join(flags)}")
