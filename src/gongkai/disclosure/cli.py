"""``gongkai catalogue``: import an existing catalogue and check the agencies' columns.

Thin shells over :mod:`gongkai.disclosure.services`; shared CLI helpers are imported in
each command so ``gongkai.cli`` can register the group without a circular import.
"""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.group("catalogue")
def catalogue() -> None:
    """政府信息公开目录 · The proactive-disclosure catalogue."""


@catalogue.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--agency", "agency_code", required=True, help="机构代码 · agency code")
@click.option("--as", "as_user", required=True, help="以该账号身份导入 · import as this user")
def import_catalogue(path: Path, agency_code: str, as_user: str) -> None:
    """导入已有目录（.xlsx 或 .csv，全部成功或全部不导入） · Import a catalogue, all or nothing."""
    from gongkai.cli import _acting_as, _errors, _fail, _setup

    _setup()
    from django.core.exceptions import PermissionDenied, ValidationError

    from gongkai.agencies.selectors import agency_by_code
    from gongkai.audit.context import current
    from gongkai.disclosure.services.importing import do_import_catalogue
    from gongkai.tabular import TableImportError

    with _acting_as(as_user):
        try:
            entries = do_import_catalogue(
                agency=agency_by_code(agency_code),
                content=path.read_bytes(),
                file_name=path.name,
                user=current().actor,
            )
        except (TableImportError, PermissionDenied, ValidationError, LookupError) as error:
            _fail(_errors(error))
    click.echo(f"已导入{len(entries)}条目录信息。")


@catalogue.command("check")
@click.option("--agency", "agency_code", default=None, help="只检查该机构 · one agency only")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def check(agency_code: str | None, fmt: str) -> None:
    """空白、不更新的法定栏目和超期公开的信息 · Empty/stale columns and late entries."""
    from gongkai.cli import _fail, _setup

    _setup()
    from django.utils import timezone

    from gongkai.agencies.models import Agency
    from gongkai.agencies.selectors import agency_by_code
    from gongkai.disclosure.selectors import column_health, late_entries

    try:
        ids = (
            [agency_by_code(agency_code).pk]
            if agency_code
            else list(Agency.objects.values_list("pk", flat=True))
        )
    except LookupError as error:
        _fail(str(error))
    today = timezone.localdate()
    columns = [c for c in column_health(agency_ids=ids) if c.empty or c.stale(today)]
    late = late_entries(agency_ids=ids)
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
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for c in columns:
        problem = "空白栏目" if c.empty else f"超过{c.column.stale_after_days}天未更新"
        click.echo(f"{c.column.get_parent().title} · {c.column.title}：{problem}")
    for item in late:
        click.echo(f"超期{item.days_late}天：{item.entry.title}（应于{item.due}前公开）")
    click.echo(f"共{len(columns)}个栏目、{len(late)}条信息需要处理。")
