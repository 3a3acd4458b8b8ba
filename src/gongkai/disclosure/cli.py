"""``gongkai catalogue``: import an existing catalogue and check the agencies' columns.

Thin shells over :mod:`gongkai.disclosure.services`; shared CLI helpers come from the
leaf module :mod:`gongkai.cli_support`.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from gongkai.cli_support import acting_as, error_text, fail, setup_django


@click.group("catalogue")
def catalogue() -> None:
    """政府信息公开目录 · The proactive-disclosure catalogue."""


@catalogue.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--agency", "agency_code", required=True, help="机构代码 · agency code")
@click.option("--as", "as_user", required=True, help="以该账号身份导入 · import as this user")
def import_catalogue(path: Path, agency_code: str, as_user: str) -> None:
    """导入已有目录（.xlsx 或 .csv，全部成功或全部不导入） · Import a catalogue, all or nothing."""
    setup_django()
    from django.core.exceptions import PermissionDenied, ValidationError

    from gongkai.agencies.selectors import agency_by_code
    from gongkai.audit.context import current
    from gongkai.disclosure.services.importing import do_import_catalogue
    from gongkai.tabular import TableImportError

    with acting_as(as_user):
        try:
            entries = do_import_catalogue(
                agency=agency_by_code(agency_code),
                content=path.read_bytes(),
                file_name=path.name,
                user=current().actor,
            )
        except (TableImportError, PermissionDenied, ValidationError, LookupError) as error:
            fail(error_text(error))
    click.echo(f"已导入{len(entries)}条目录信息。")


@catalogue.command("check")
@click.option("--agency", "agency_code", default=None, help="只检查该机构 · one agency only")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def check(agency_code: str | None, fmt: str) -> None:
    """空白、不更新的法定栏目，机构信息和指南资料缺项，超期公开的信息 · Empty/stale
    columns, empty 机构信息 or guide contacts, and late entries."""
    setup_django()
    from django.utils import timezone

    from gongkai.agencies.models import Agency
    from gongkai.agencies.selectors import agency_by_code
    from gongkai.disclosure.selectors import column_health, information_gaps, late_entries

    try:
        ids = (
            [agency_by_code(agency_code).pk]
            if agency_code
            else list(Agency.objects.values_list("pk", flat=True))
        )
    except LookupError as error:
        fail(str(error))
    today = timezone.localdate()
    columns = [c for c in column_health(agency_ids=ids) if c.empty or c.stale(today)]
    lateness = late_entries(agency_ids=ids, today=today)
    late = lateness.late
    gaps = information_gaps(agency_ids=ids)
    if fmt == "json":
        data = {
            "columns": [
                {
                    "agency": c.column.get_parent().title,
                    "column": c.column.title,
                    "entries": c.entries,
                    "last_published": c.last_published.isoformat() if c.last_published else None,
                    "problem": "empty" if c.empty else "stale",
                }
                for c in columns
            ],
            "information": [
                {
                    "agency": gap.agency.name,
                    "organisation_missing": gap.organisation,
                    "guide_missing": gap.guide,
                }
                for gap in gaps
            ],
            "late": [
                {
                    "title": item.entry.title,
                    "formed_on": item.entry.formed_on.isoformat(),
                    "due": item.due.isoformat(),
                    "published_on": item.published.isoformat() if item.published else None,
                    "days_late": item.days_late,
                }
                for item in late
            ],
            "waiting": [
                {
                    "title": item.entry.title,
                    "formed_on": item.entry.formed_on.isoformat(),
                    "waits_for_year": item.waits_for_year,
                }
                for item in lateness.waiting
            ],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for c in columns:
        problem = "空白栏目" if c.empty else f"超过{c.column.stale_after_days}天未更新"
        click.echo(f"{c.column.get_parent().title} · {c.column.title}：{problem}")
    for gap in gaps:
        if gap.organisation:
            click.echo(f"{gap.agency.name} · 机构信息缺少：{'、'.join(gap.organisation)}")
        if gap.guide:
            click.echo(f"{gap.agency.name} · 政府信息公开指南缺少：{'、'.join(gap.guide)}")
    for item in late:
        click.echo(f"超期{item.days_late}天：{item.entry.title}（应于{item.due}前公开）")
    for waiting in lateness.waiting:
        click.echo(f"无法判断是否超期（{waiting.due_text}）：{waiting.entry.title}")
    click.echo(
        f"共{len(columns)}个栏目、{len(gaps)}个机构的机构信息或指南、{len(late)}条信息需要处理，"
        f"{len(lateness.waiting)}条信息待导入节假日安排后判断。"
    )
