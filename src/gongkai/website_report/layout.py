"""The website report laid out once, as the official form's table, for every output format.

The form is a table of three label columns — the section (信息发布), the group some items
share (留言办理), the item — and the answer; the sign-off (单位负责人 … 填报日期) is a line
under it. The grid uses the annual report's cells (:class:`~gongkai.reports.render.layout.Grid`)
so the HTML names each answer's headers and the DOCX and PDF draw the same merged cells.
Each answer's source note is listed after the form.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from gongkai.reports.render.layout import DRAFT_MARK, Grid, GridCell
from gongkai.rules import website_report as form

COL_WIDTHS = (1.6, 2.3, 3.0, 3.1)


@dataclass(frozen=True)
class WebsiteReportLayout:
    """Title, issuer line, the form, the sign-off line and the sources of one year's report.

    ``date`` is the publication date; an unpublished report has none and is marked 草稿.
    """

    title: str
    issuer: str
    grid: Grid
    signoff: str
    sources: tuple[tuple[str, str], ...]  # (source note, the items it gave)
    date: datetime.date | None
    draft_mark: str | None


def report_data(*, year: int, figures: Mapping[str, Any], published_on: Any) -> dict[str, Any]:
    """The plain dict every renderer reads (the model's fields, dates as ISO strings)."""
    return {
        "year": year,
        "figures": dict(figures),
        "published_on": published_on.isoformat() if published_on else None,
    }


def value_of(figures: Mapping[str, Any], key: str) -> Any:
    return (figures.get(key) or {}).get("value")


def printed_value(figures: Mapping[str, Any], item: form.Item) -> str:
    return form.printed(item, value_of(figures, item.key))


def form_grid(figures: Mapping[str, Any]) -> Grid:
    """The form's table: one row per item, the section and a shared group merged down."""
    rows: list[tuple[GridCell, ...]] = []
    for section in form.SECTIONS:
        first_of_section = True
        for group, members in groupby(section.items, key=lambda item: item.group):
            items = list(members)
            for index, item in enumerate(items):
                cells: list[GridCell] = []
                if first_of_section:
                    cells.append(GridCell(section.title, "row_header", rowspan=len(section.items)))
                    first_of_section = False
                if not group:
                    cells.append(GridCell(item.printed_label, "row_header", colspan=2))
                else:
                    if index == 0:
                        cells.append(GridCell(group, "row_header", rowspan=len(items)))
                    cells.append(GridCell(item.printed_label, "row_header"))
                value = printed_value(figures, item)
                cells.append(GridCell(value, "figure", key=item.key))
                rows.append(tuple(cells))
    return Grid(name="website", rows=tuple(rows), header_rows=0, col_widths=COL_WIDTHS)


def signoff_line(figures: Mapping[str, Any]) -> str:
    """「单位负责人：… 审核人：… 填报人：… 联系电话：… 填报日期：…」 as the form prints it."""
    return "　".join(f"{item.label}：{printed_value(figures, item)}" for item in form.SIGNOFF)


def sources(figures: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """Each source note once, with the items it gave, in the form's order."""
    by_note: dict[str, list[str]] = {}
    for item in form.ITEMS:
        note = (figures.get(item.key) or {}).get("source")
        if note:
            by_note.setdefault(note, []).append(form.full_label(item))
    return tuple((note, "、".join(labels)) for note, labels in by_note.items())


def issuer(figures: Mapping[str, Any]) -> str:
    """Who publishes the form: its 主办单位, else the site's name."""
    return str(value_of(figures, "sponsor") or value_of(figures, "site_name") or "网站主办单位")


def layout_website_report(data: Mapping[str, Any]) -> WebsiteReportLayout:
    figures = data["figures"]
    published = data.get("published_on")
    return WebsiteReportLayout(
        title=form.report_title(data["year"]),
        issuer=issuer(figures),
        grid=form_grid(figures),
        signoff=signoff_line(figures),
        sources=sources(figures),
        date=datetime.date.fromisoformat(published) if published else None,
        draft_mark=None if published else DRAFT_MARK,
    )
