"""``gongkai inspect``: inspect websites once and print what the website checks would fail.

A thin shell over :func:`gongkai.inspection.inspect.inspect_sites` and
:func:`gongkai.inspection.services.do_record_inspection`; the shared CLI helpers come
from the leaf module :mod:`gongkai.cli_support`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from gongkai.cli_support import acting_as, error_text, fail, parse_date, setup_django
from gongkai.inspection.columns import Column, ColumnFileError, parse_columns

# Exit status: a failed veto item.
EXIT_VETOED = 1


@click.command("inspect")
@click.argument("urls", nargs=-1, required=True)
@click.option(
    "--columns",
    "columns_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="栏目清单CSV（url,name,kind） · column list",
)
@click.option("--max-pages", default=2000, show_default=True, help="页面预算 · page budget")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--check-external", is_flag=True, help="检查外部链接 · also check outside links")
@click.option(
    "--portal", is_flag=True, help="第一个网址是本平台门户 · the first URL is this portal"
)
@click.option("--delay", default=0.5, show_default=True, help="同一网站两次请求间隔（秒）")
@click.option("--probes", default=20, show_default=True, help="可访问性探测次数 · probes per site")
@click.option("--today", "today_text", default=None, help="巡检日期YYYY-MM-DD（默认今天）")
@click.option("--as", "as_user", default=None, help="以该账号身份记录 · record as this user")
def inspect(
    urls: tuple[str, ...],
    columns_file: Path | None,
    max_pages: int,
    fmt: str,
    check_external: bool,
    portal: bool,
    delay: float,
    probes: int,
    today_text: str | None,
    as_user: str | None,
) -> None:
    """巡检网站：可访问性、更新、栏目、链接、暗链、个人信息和密级标志 · Inspect websites.

    \b
    退出码：1 有单项否决指标不合格；0 未发现单项否决问题。
    """
    columns = _columns(columns_file)
    setup_django()
    from django.core.exceptions import PermissionDenied
    from django.utils import timezone

    from gongkai.inspection.crawler import CrawlOptions
    from gongkai.inspection.inspect import inspect_sites
    from gongkai.inspection.services import do_record_inspection

    today = parse_date(today_text, "--today") if today_text else timezone.localdate()
    approved: dict[str, str] = {}
    mandatory = []
    if portal:
        from gongkai.inspection.columns import portal_columns
        from gongkai.inspection.portal import agency_columns, approved_documents

        columns = [*portal_columns(urls[0]), *columns]
        approved = approved_documents(urls[0])
        mandatory = agency_columns(urls[0])
    options = CrawlOptions(
        max_pages=max_pages, delay=delay, check_external=check_external, probes=probes
    )
    cache = _load_cache()
    inspection = inspect_sites(
        list(urls),
        today=today,
        columns=columns,
        options=options,
        cache=cache,
        approved=approved,
        mandatory=mandatory,
    )
    _save_cache(cache)
    with acting_as(as_user):
        try:
            do_record_inspection(
                inspection=inspection, today=today, portal=urls[0] if portal else ""
            )
        except PermissionDenied as error:
            fail(error_text(error))
    if fmt == "json":
        click.echo(json.dumps(inspection.as_dict(), ensure_ascii=False, indent=2))
    else:
        _echo_text(inspection.as_dict())
    if inspection.failed:
        click.get_current_context().exit(EXIT_VETOED)


def _columns(path: Path | None) -> list[Column]:
    if path is None:
        return []
    try:
        return parse_columns(path.read_bytes())
    except ColumnFileError as error:
        raise click.BadParameter(str(error), param_hint="--columns") from None


def _cache_file() -> Path:
    from django.conf import settings

    return Path(settings.HOME) / "inspection" / "http-cache.json"


def _load_cache() -> dict[str, Any]:
    """ETag/Last-Modified and what the checks read, per URL, from the previous runs."""
    try:
        return json.loads(_cache_file().read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def _save_cache(cache: dict[str, Any]) -> None:
    path = _cache_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(cache, ensure_ascii=False), encoding="utf-8")
    temporary.replace(path)


def _echo_text(report: dict[str, Any]) -> None:
    for verdict in report["veto"]:
        mark = {True: "合格", False: "不合格", None: "无法判定"}[verdict["passed"]]
        click.echo(f"[{mark}] {verdict['site']} {verdict['indicator']}：{verdict['evidence']}")
    for finding in report["findings"]:
        target = f" → {finding['target']}" if finding.get("target") else ""
        click.echo(f"  {finding['severity']:6} {finding['type']:16} {finding['url']}{target}")
        click.echo(f"         {finding['evidence']}")
    for note in report["not_judged"]:
        click.echo(f"  未判定：{note}")
    if report["not_checked"]:
        click.echo(f"  外部链接未检查（未启用 --check-external）：{len(report['not_checked'])}个")
    click.echo(
        f"合计：页面{report['pages']}个，附件{report['attachments']}个，"
        f"发现{len(report['findings'])}个问题。"
    )
