"""Writes for what the operator has inspected: listed sites, their columns (typed in or
imported as CSV ``url,name,kind``), and the 重要时期 that tighten the schedule."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.audit.services import record
from gongkai.inspection.columns import ColumnFileError, parse_columns
from gongkai.inspection.inspect import site_root
from gongkai.inspection.models import ImportantPeriod, ListedColumn, ListedSite


def do_list_site(
    *, url: str, name: str, agency: Any = None, check_external: bool = False
) -> ListedSite:
    """Add a site to the inspection (its root URL), owned by ``agency`` for tickets."""
    from gongkai.agencies.services import require_operator

    require_operator()
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationError({"url": f"网址“{url}”无效，应以http://或https://开头。"})
    root = site_root(url.strip())
    if ListedSite.objects.filter(url=root).exists():
        raise ValidationError({"url": f"网站{root}已在巡检清单中。"})
    with transaction.atomic():
        site = ListedSite.objects.create(
            url=root, name=name.strip(), agency=agency, check_external=check_external
        )
        record(
            action="inspection.site.add",
            summary=f"将网站“{site.name}”（{root}）纳入巡检",
            obj=site,
            agency=agency,
            changes={"url": root, "check_external": check_external},
        )
    return site


def do_import_columns(*, site: ListedSite, content: bytes | str) -> int:
    """Replace the site's columns with those of a CSV ``url,name,kind``; every row must be
    on the site itself."""
    from gongkai.agencies.services import require_operator

    require_operator()
    try:
        columns = parse_columns(content)
    except ColumnFileError as error:
        raise ValidationError({"file": str(error)}) from None
    host = urlsplit(site.url).netloc
    for number, column in enumerate(columns, start=2):
        if urlsplit(column.url).netloc != host:
            raise ValidationError(
                {"file": f"栏目清单第{number}行的网址“{column.url}”不属于网站{site.url}。"}
            )
    with transaction.atomic():
        site.columns.all().delete()
        ListedColumn.objects.bulk_create(
            ListedColumn(site=site, url=c.url, name=c.name, kind=c.kind.value)
            for c in {c.url: c for c in columns}.values()
        )
        record(
            action="inspection.columns.import",
            summary=f"导入网站“{site.name}”的栏目清单：{len(columns)}个栏目",
            obj=site,
            agency=site.agency,
            changes={"columns": len(columns)},
        )
    return len(columns)


def do_add_column(*, site: ListedSite, url: str, name: str, kind: str) -> ListedColumn:
    """One column typed in by the operator; the same rules as a CSV row."""
    from gongkai.agencies.services import require_operator

    require_operator()
    header = "url,name,kind\n"
    row = ",".join(f'"{value.replace(chr(34), chr(34) * 2)}"' for value in (url, name, kind))
    try:
        [column] = parse_columns(header + row + "\n")
    except ColumnFileError as error:
        raise ValidationError(str(error).replace("栏目清单第2行", "栏目")) from None
    if urlsplit(column.url).netloc != urlsplit(site.url).netloc:
        raise ValidationError({"url": f"栏目网址“{column.url}”不属于网站{site.url}。"})
    if site.columns.filter(url=column.url).exists():
        raise ValidationError({"url": f"栏目网址“{column.url}”已在清单中。"})
    with transaction.atomic():
        listed = ListedColumn.objects.create(
            site=site, url=column.url, name=column.name, kind=column.kind.value
        )
        record(
            action="inspection.column.add",
            summary=f"为网站“{site.name}”添加栏目“{listed.name}”（{listed.kind}）",
            obj=site,
            agency=site.agency,
            changes={"url": listed.url, "kind": listed.kind},
        )
    return listed


def do_mark_period(*, name: str, starts_on: date, ends_on: date) -> ImportantPeriod:
    from gongkai.agencies.services import require_operator

    require_operator()
    if not name.strip():
        raise ValidationError({"name": "请填写重要时期的名称。"})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": "结束日期不能早于开始日期。"})
    with transaction.atomic():
        period = ImportantPeriod.objects.create(
            name=name.strip(), starts_on=starts_on, ends_on=ends_on
        )
        record(
            action="inspection.period.mark",
            summary=f"标记重要时期“{period.name}”：{starts_on}至{ends_on}，加强巡检",
            obj=period,
        )
    return period
