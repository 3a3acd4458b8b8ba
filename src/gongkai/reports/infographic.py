"""图解（一图读懂）: a one-page graphic reading of an annual report, as SVG and PNG.

Agencies publish a graphic beside their report. Drawn by hand it often disagrees with
the report; here it is drawn from the report's own JSON (DESIGN.md shape), last year's
JSON for the year-on-year change, and the share of applications answered within the
statutory limit (counted from the records' due dates, see
:func:`gongkai.reports.statistics.timeliness`), so every number on it is one of the
report's.

The page is laid out once, as a list of rectangles and text runs in pixels
(:func:`layout`); :func:`to_svg` writes them as SVG text (searchable, readable by a
screen reader, with ``<title>``, ``<desc>`` and ``role="img"``) and :func:`to_png`
paints the same list with Pillow, using the Chinese face the documents module already
ships (Noto Sans SC from the ``pylopdf-fonts-zh-cn`` package), so a fresh machine
renders it with no system font, no browser and no network. :func:`text_alternative`
gives the same content as plain sentences for the page around the image.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal
from xml.sax.saxutils import escape

from gongkai.rules.report_format import (
    APPLICANT_COLUMN_KEYS,
    APPLICATION_COLUMNS,
    TOTAL_COLUMN,
    RowKind,
    format_by_version,
)

WIDTH = 1080
MARGIN = 60
# Colours of the shared design tokens (portal/static/gongkai/tokens.css).
RED, BLUE, INK, MUTED, LINE, WASH, OK = (
    "#a8201a",
    "#1d4f91",
    "#1f2329",
    "#5c6370",
    "#d9dde3",
    "#f4f6f9",
    "#1e7b34",
)
# Faces a reader's machine may have, as the portal's CSS lists them; "Noto Sans SC" is the
# face the PNG is drawn with.
FONT_FAMILY = (
    "'Noto Sans SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', "
    "'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif"
)
APPEAL_GROUPS = {
    "行政复议": ("reconsideration",),
    "行政诉讼": ("litigation_direct", "litigation_after_reconsideration"),
}

Anchor = Literal["start", "middle", "end"]


@dataclass(frozen=True)
class Bar:
    label: str
    value: float


@dataclass(frozen=True)
class Change:
    """One figure this year against last year."""

    label: str
    last: float
    this: float

    @property
    def text(self) -> str:
        if self.last == 0:
            return "上年为0" if self.this else "持平"
        percent = (self.this - self.last) / self.last * 100
        if round(percent, 1) == 0:
            return "持平"
        return f"{'增长' if percent > 0 else '下降'}{abs(percent):.1f}%"


@dataclass(frozen=True)
class Figures:
    """What the graphic shows, every number taken from the report (or the records)."""

    agency: str
    year: int
    received: int
    carried_in: int
    answered: int
    carried_over: int
    by_outcome: list[Bar]
    by_applicant: list[Bar]
    proactive: list[Bar]
    appeals: list[Bar]
    year_on_year: list[Change] | None  # None: no report for last year
    answered_with_due: int
    on_time: int

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.answered_with_due if self.answered_with_due else None


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _outcome_groups(fmt: Any, applications: Mapping) -> list[Bar]:
    """Table 三's result rows added up per outcome group (予以公开 … 其他处理)."""
    totals: dict[str, float] = {}
    for row in fmt.applications.rows:
        if row.kind is not RowKind.RESULT:
            continue
        name = (row.group_label or row.label).split("）", 1)[-1].split("（")[0]
        totals[name] = totals.get(name, 0) + applications[row.key][TOTAL_COLUMN]
    return [Bar(name, value) for name, value in totals.items()]


def _appeals(appeals: Mapping) -> list[Bar]:
    return [
        Bar(label, sum(appeals[key]["total"] for key in keys))
        for label, keys in APPEAL_GROUPS.items()
    ]


def figures(
    report: Mapping[str, Any],
    *,
    previous: Mapping[str, Any] | None,
    timeliness: Mapping[str, int],
) -> Figures:
    """The graphic's figures from a report's JSON, last year's JSON (or ``None``) and
    ``{"answered": n, "on_time": n}`` from the records."""
    fmt = format_by_version(str(report["format"]))
    tables = report["tables"]
    apps = tables["applications"]
    labels = {c.key: c.label for c in APPLICATION_COLUMNS}
    proactive = [
        Bar(f"{row.label}·{column.label.replace('（单位：万元）', '（万元）')}", value)
        for block in fmt.proactive.blocks
        for row in block.rows
        for column in block.columns
        if (value := tables[fmt.proactive.json_key][row.key][column.key]) is not None
    ]
    year_on_year = None
    if previous is not None:
        last = previous["tables"]
        year_on_year = [
            Change("收到申请", last["applications"]["1"][TOTAL_COLUMN], apps["1"][TOTAL_COLUMN]),
            Change(
                "办结申请", last["applications"]["3.7"][TOTAL_COLUMN], apps["3.7"][TOTAL_COLUMN]
            ),
            *(
                Change(bar.label, before.value, bar.value)
                for bar, before in zip(
                    _appeals(tables["appeals"]), _appeals(last["appeals"]), strict=True
                )
            ),
        ]
    return Figures(
        agency=str(report["agency"]),
        year=int(report["year"]),
        received=apps["1"][TOTAL_COLUMN],
        carried_in=apps["2"][TOTAL_COLUMN],
        answered=apps["3.7"][TOTAL_COLUMN],
        carried_over=apps["4"][TOTAL_COLUMN],
        by_outcome=_outcome_groups(fmt, apps),
        by_applicant=[Bar(labels[key], apps["1"][key]) for key in APPLICANT_COLUMN_KEYS],
        proactive=proactive,
        appeals=_appeals(tables["appeals"]),
        year_on_year=year_on_year,
        answered_with_due=int(timeliness.get("answered", 0)),
        on_time=int(timeliness.get("on_time", 0)),
    )


# ---------------------------------------------------------------------------------------
# Layout: rectangles and text in pixels, shared by the SVG and the PNG
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    size: int
    fill: str = INK
    anchor: Anchor = "start"
    bold: bool = False


Shape = Rect | Text


@dataclass(frozen=True)
class Page:
    title: str
    description: str
    height: int
    shapes: list[Shape]


def title_of(agency: str, year: int) -> str:
    return f"{agency}{year}年度政府信息公开工作年度报告（一图读懂）"


class _Pen:
    """Moves down the page as sections are added."""

    def __init__(self) -> None:
        self.y = 0.0
        self.shapes: list[Shape] = []

    def heading(self, text: str) -> None:
        self.y += 56
        self.shapes.append(Rect(MARGIN, self.y - 30, 8, 36, RED))
        self.shapes.append(Text(MARGIN + 22, self.y, text, 32, RED, bold=True))
        self.y += 24

    def note(self, text: str) -> None:
        self.y += 34
        self.shapes.append(Text(MARGIN, self.y, text, 22, MUTED))

    def bars(self, bars: list[Bar], colour: str) -> None:
        """Horizontal bars, labels on the left, values at the bars' ends."""
        top = max((b.value for b in bars), default=0) or 1
        left, span = MARGIN + 250, WIDTH - 2 * MARGIN - 250 - 110
        for bar in bars:
            self.y += 48
            self.shapes.append(Text(left - 16, self.y, bar.label, 24, INK, anchor="end"))
            width = span * bar.value / top
            self.shapes.append(Rect(left, self.y - 24, max(width, 2), 30, colour))
            self.shapes.append(
                Text(left + width + 12, self.y, f"{_number(bar.value)}", 24, INK, bold=True)
            )

    def tiles(self, items: list[tuple[str, str]], columns: int, colour: str) -> None:
        """Big numbers with a caption under each, ``columns`` to a row."""
        gap = 16
        width = (WIDTH - 2 * MARGIN - gap * (columns - 1)) / columns
        for start in range(0, len(items), columns):
            self.y += 20
            for i, (value, caption) in enumerate(items[start : start + columns]):
                x = MARGIN + i * (width + gap)
                self.shapes.append(Rect(x, self.y, width, 128, WASH))
                centre = x + width / 2
                size = 48 if len(value) <= 6 else 36
                self.shapes.append(Text(centre, self.y + 64, value, size, colour, "middle", True))
                for n, line in enumerate(_wrap(caption, int(width // 21))):
                    self.shapes.append(
                        Text(centre, self.y + 96 + n * 24, line, 20, MUTED, "middle")
                    )
            self.y += 128


def _wrap(text: str, width: int) -> list[str]:
    """Split a caption into at most two lines of ``width`` characters (CJK: one em each)."""
    if len(text) <= width:
        return [text]
    return [text[:width], text[width : 2 * width]]


def layout(f: Figures) -> Page:
    pen = _Pen()
    name_size = min(44, int((WIDTH - 2 * MARGIN) / max(len(f.agency), 1)))
    pen.shapes.append(Rect(0, 0, WIDTH, 190, RED))
    pen.shapes.append(Text(WIDTH / 2, 80, f.agency, name_size, "#ffffff", "middle", True))
    pen.shapes.append(
        Text(WIDTH / 2, 140, f"{f.year}年度政府信息公开工作年度报告", 34, "#ffffff", "middle")
    )
    pen.shapes.append(Text(WIDTH / 2, 176, "一图读懂", 24, "#ffffff", "middle"))
    pen.y = 190

    pen.heading("依申请公开总体情况")
    share = f.on_time_share
    pen.tiles(
        [
            (str(f.received), "本年新收申请（件）"),
            (str(f.carried_in), "上年结转（件）"),
            (str(f.answered), "本年办结（件）"),
            (str(f.carried_over), "结转下年度（件）"),
        ],
        4,
        BLUE,
    )
    pen.heading("按期答复")
    if share is None:
        pen.note("本年没有可计算答复期限的已答复申请。")
    else:
        pen.tiles(
            [
                (f"{share * 100:.1f}%", "在法定期限内答复的比例"),
                (str(f.on_time), "按期答复（件）"),
                (str(f.answered_with_due - f.on_time), "超过期限答复（件）"),
            ],
            3,
            OK,
        )
        pen.note("法定期限含依法延长的期限（条例第三十三条），按办理记录中的答复期限计算。")

    pen.heading("办理结果")
    pen.bars(f.by_outcome, BLUE)
    pen.heading("申请人类型（本年新收）")
    pen.bars(f.by_applicant, BLUE)

    pen.heading("与上年相比")
    if f.year_on_year is None:
        pen.note(f"没有{f.year - 1}年度报告的数据，不作同比。")
    else:
        pen.tiles(
            [
                (c.text, f"{c.label}：{_number(c.this)}件（上年{_number(c.last)}件）")
                for c in f.year_on_year
            ],
            2,
            RED,
        )

    pen.heading("行政复议、行政诉讼（件）")
    pen.bars(f.appeals, RED)
    pen.heading("主动公开")
    pen.tiles([(_number(b.value), b.label) for b in f.proactive], 4, BLUE)

    pen.y += 70
    pen.shapes.append(
        Text(
            MARGIN, pen.y, f"数据来源：{f.agency}{f.year}年度政府信息公开工作年度报告。", 20, MUTED
        )
    )
    height = int(pen.y + 40)
    return Page(
        title=title_of(f.agency, f.year),
        description=text_alternative(f),
        height=height,
        shapes=pen.shapes,
    )


def text_alternative(f: Figures) -> str:
    """The graphic as sentences, for screen readers and for the page beside the image."""
    parts = [
        f"{f.year}年度，{f.agency}新收政府信息公开申请{f.received}件，上年结转{f.carried_in}件，"
        f"办结{f.answered}件，结转下年度继续办理{f.carried_over}件。"
    ]
    if f.on_time_share is not None:
        parts.append(
            f"已答复且有答复期限的{f.answered_with_due}件中，{f.on_time}件在法定期限内答复，"
            f"占{f.on_time_share * 100:.1f}%。"
        )
    parts.append(
        "办理结果：" + "，".join(f"{b.label}{_number(b.value)}件" for b in f.by_outcome) + "。"
    )
    parts.append(
        "申请人类型：" + "，".join(f"{b.label}{_number(b.value)}件" for b in f.by_applicant) + "。"
    )
    if f.year_on_year is None:
        parts.append(f"没有{f.year - 1}年度报告的数据，不作同比。")
    else:
        parts.append(
            "与上年相比："
            + "，".join(
                f"{c.label}{_number(c.this)}件（上年{_number(c.last)}件，{c.text}）"
                for c in f.year_on_year
            )
            + "。"
        )
    parts.append(
        "行政复议、行政诉讼："
        + "，".join(f"{b.label}{_number(b.value)}件" for b in f.appeals)
        + "。"
    )
    parts.append(
        "主动公开：" + "，".join(f"{b.label}{_number(b.value)}" for b in f.proactive) + "。"
    )
    return "".join(parts)


# ---------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------


def _svg_shape(shape: Shape) -> str:
    if isinstance(shape, Rect):
        return (
            f'<rect x="{shape.x:.1f}" y="{shape.y:.1f}" width="{shape.w:.1f}" '
            f'height="{shape.h:.1f}" fill="{shape.fill}"/>'
        )
    weight = ' font-weight="bold"' if shape.bold else ""
    return (
        f'<text x="{shape.x:.1f}" y="{shape.y:.1f}" font-size="{shape.size}" '
        f'fill="{shape.fill}" text-anchor="{shape.anchor}"{weight}>{escape(shape.text)}</text>'
    )


def to_svg(page: Page) -> str:
    """The page as a standalone SVG document (text stays text: selectable and searchable)."""
    body = "\n".join(_svg_shape(s) for s in page.shapes)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{page.height}" '
        f'viewBox="0 0 {WIDTH} {page.height}" role="img" lang="zh-CN" '
        'aria-labelledby="tujie-title tujie-desc" '
        f'font-family="{escape(FONT_FAMILY)}">\n'
        f'<title id="tujie-title">{escape(page.title)}</title>\n'
        f'<desc id="tujie-desc">{escape(page.description)}</desc>\n'
        f'<rect width="{WIDTH}" height="{page.height}" fill="#ffffff"/>\n'
        f"{body}\n</svg>\n"
    )


_PIL_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


def to_png(page: Page) -> bytes:
    """The page painted with Pillow in the bundled Chinese face; raises the documents
    module's :class:`~gongkai.documents.fonts.FontUnavailableError` if there is none."""
    from PIL import Image, ImageDraw, ImageFont

    from gongkai.documents.fonts import FontRole, default_fonts

    face = default_fonts()[FontRole.HEI].face
    fonts: dict[int, Any] = {}
    image = Image.new("RGB", (WIDTH, page.height), "#ffffff")
    draw = ImageDraw.Draw(image)
    for shape in page.shapes:
        if isinstance(shape, Rect):
            draw.rectangle(
                (shape.x, shape.y, shape.x + shape.w, shape.y + shape.h), fill=shape.fill
            )
            continue
        if shape.size not in fonts:
            fonts[shape.size] = ImageFont.truetype(str(face.path), shape.size, index=face.index)
        draw.text(
            (shape.x, shape.y),
            shape.text,
            font=fonts[shape.size],
            fill=shape.fill,
            anchor=_PIL_ANCHORS[shape.anchor],
            stroke_width=1 if shape.bold else 0,
            stroke_fill=shape.fill,
        )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
