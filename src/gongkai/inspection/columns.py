"""The columns (栏目) an inspection judges, and their kinds.

For a listed site the operator gives them as CSV ``url,name,kind`` (kind one of
动态要闻 / 通知公告 / 政策文件 / 人事规划 / 其他); for the portal gongkai knows them from its
own page tree (``portal_columns``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from urllib.parse import urlsplit

from gongkai.rules.site_inspection import ColumnKind

HEADER = ("url", "name", "kind")

# The portal's mandatory columns (rules/catalogue.MANDATORY_COLUMNS) by the kind the
# indicators judge them as: 法规文件 is a 政策文件 column, 规划计划 and 公务员招考录用 are
# 人事、规划计划类; the rest have no period of their own in the indicators.
PORTAL_KINDS = {
    "regulations": ColumnKind.POLICY,
    "plans": ColumnKind.PERSONNEL,
    "civil_service": ColumnKind.PERSONNEL,
}
# A column the agency made itself is judged by its name.
NAME_HINTS = (
    (("动态", "要闻", "新闻"), ColumnKind.NEWS),
    (("通知", "公告", "公示"), ColumnKind.NOTICE),
    (("政策", "文件", "法规"), ColumnKind.POLICY),
    (("人事", "规划", "计划", "招考", "任免"), ColumnKind.PERSONNEL),
)


@dataclass(frozen=True, slots=True)
class Column:
    url: str
    name: str
    kind: ColumnKind


class ColumnFileError(ValueError):
    """A column list that cannot be used; the message names the row."""


def parse_columns(content: bytes | str) -> list[Column]:
    """Columns from CSV text (UTF-8, with or without BOM, or GB18030), header required."""
    if isinstance(content, bytes):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("gb18030", errors="replace")
    else:
        text = content
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or tuple(cell.strip().lower() for cell in rows[0]) != HEADER:
        raise ColumnFileError("栏目清单第1行应为表头：url,name,kind。")
    kinds = "、".join(kind.value for kind in ColumnKind)
    columns = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 3:
            raise ColumnFileError(
                f"栏目清单第{number}行应有3列（url,name,kind），实有{len(row)}列。"
            )
        url, name, kind = (cell.strip() for cell in row)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ColumnFileError(
                f"栏目清单第{number}行的网址“{url}”无效，应以http://或https://开头。"
            )
        if not name:
            raise ColumnFileError(f"栏目清单第{number}行缺少栏目名称。")
        try:
            column_kind = ColumnKind(kind)
        except ValueError:
            raise ColumnFileError(
                f"栏目清单第{number}行的类别“{kind}”无效，应为{kinds}之一。"
            ) from None
        columns.append(Column(url, name, column_kind))
    return columns


def kind_by_name(name: str) -> ColumnKind:
    for words, kind in NAME_HINTS:
        if any(word in name for word in words):
            return kind
    return ColumnKind.OTHER


def portal_column_kind(key: str, title: str) -> ColumnKind:
    """A portal column's kind: a mandatory column's by its key, the agency's own by its name.

    Also how the website report (gongkai.website_report) tells 政务动态 columns.
    """
    return PORTAL_KINDS.get(key) or kind_by_name(title)


def portal_columns(base_url: str) -> list[Column]:
    """Every live column of the portal's catalogue, at ``base_url``, with its kind.

    A column is named with its agency (「武汉市硚口区教育局：监督检查情况」): every agency
    keeps the same mandatory columns, and a finding about 「监督检查情况」 alone does not
    say whose it is.
    """
    from gongkai.disclosure.models import AgencyCataloguePage, ColumnPage

    branches = [
        (branch.path, branch.agency.name)
        for branch in AgencyCataloguePage.objects.select_related("agency")
    ]
    base = base_url.rstrip("/")
    columns = []
    for page in ColumnPage.objects.live().order_by("path"):
        _site, _root, path = page.get_url_parts() or (None, "", "")
        if not path:
            continue
        owner = next((name for prefix, name in branches if page.path.startswith(prefix)), "")
        name = f"{owner}：{page.title}" if owner else page.title
        columns.append(Column(f"{base}{path}", name, portal_column_kind(page.key, page.title)))
    return columns
