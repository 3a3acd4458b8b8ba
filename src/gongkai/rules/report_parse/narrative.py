"""The figures a report's own words state, and what they say about its tables.

A report tells its main figures twice: in the text (「本年度全区共收到70件申请，及时依法依规
办结69件，1件结转下年度继续办理。」) and in the tables. The text is evidence where a flattened
table row splits several ways (「行政规范性文件8855698」 beside 「现行有效行政规范性文件698件，
动态更新本年度制发的规范性文件88件」: 88/55/698), and the two disagreeing is a fault a
reader of the report would notice. Each figure keeps the sentence it came from, so a finding
can quote it.

Only figures stated in the set phrasings below are taken, one per kind (the first: a report
states the total before its parts); a figure after 其中 in its sentence is a part, not the
total, and a sentence about complaints or hotline requests is not about applications.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gongkai.rules.report_format import FORMAT_2019, ReportFormat
from gongkai.rules.report_parse.findings import NARRATIVE_MISMATCH, finding
from gongkai.rules.report_parse.meta import HEADING_LINE, processing_fee_match

# Full-width digits, as some reports print them; the rest of the text is quoted as printed.
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# A heading on a line of its own ends there: the sentence under it does not quote it.
_BREAK = "\u2029"
_ENDS = "。；;！!？?" + _BREAK
_SENTENCE_END = re.compile(f"(?<=[{_ENDS}])")
_CLAUSE_END = "，,；;：:。"
# A quoted sentence longer than this is cut to the clauses around the figure.
QUOTE_CHARS = 80

# Characters a phrase may skip between its words: anything but a clause or sentence end
# and digits (which would be another figure).
_GAP = r"[^。；;，,：:0-9]"
_GAP_LIST = r"[^。；;，,：:、0-9]"
# A figure starts where a run of digits starts: else a table flattened into one long run
# ("0123456789…" over 50,000 rows) is tried from every digit, each try backtracking the
# whole run (quadratic: minutes for a 5 MB page).
_N = r"(?<![0-9])(?P<n>[0-9]+)"
_TOTAL = r"(?:共计|总计|合计|累计|共)?"


@dataclass(frozen=True)
class FigureKind:
    """One kind of figure: how the text says it and what a finding calls it."""

    key: str
    name: str  # as a finding names the figure: "本年新收政府信息公开申请"
    patterns: tuple[re.Pattern[str], ...]
    unit: str = "件"
    # Sentences with these words state another kind of thing with the same words
    # (「共收到15564件咨询投诉件，已办结15042件」 is the hotline, not applications).
    not_in: re.Pattern[str] | None = None


def _patterns(*sources: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(source) for source in sources)


_RECEIVE = r"(?:收到|新收|受理|接收|接到)"
_APPEAL_UNIT = r"(?:件|起|宗)"
_NOT_APPLICATIONS = re.compile(r"投诉|咨询|留言|热线|诉求|信访|12345")
# The generator's own sentence names 规章 first: 「本年度制发规章0件、行政规范性文件2件」.
_AFTER_REGULATIONS = r"(?:规章[0-9]+件[、，,])?"

KINDS: tuple[FigureKind, ...] = (
    FigureKind(
        "received",
        "本年新收政府信息公开申请",
        _patterns(
            rf"{_RECEIVE}{_GAP}{{0,24}}?申请{_GAP}{{0,4}}?{_TOTAL}{_N}件",
            rf"{_RECEIVE}{_GAP}{{0,12}}?{_TOTAL}{_N}件{_GAP}{{0,10}}?申请",
        ),
        not_in=_NOT_APPLICATIONS,
    ),
    FigureKind(
        "carried_in",
        "上年结转政府信息公开申请",
        _patterns(rf"上(?:一)?年度?结转{_GAP}{{0,12}}?{_TOTAL}{_N}件"),
    ),
    FigureKind(
        "answered",
        "本年度办结的政府信息公开申请",
        _patterns(
            rf"办结(?:了)?{_TOTAL}{_N}件",
            rf"(?:办结|答复)(?:了)?{_GAP}{{0,8}}?申请(?:公开)?{_TOTAL}{_N}件",
        ),
        not_in=_NOT_APPLICATIONS,
    ),
    FigureKind(
        "carried_out",
        "结转下年度继续办理的政府信息公开申请",
        _patterns(
            rf"{_N}件{_GAP}{{0,20}}?(?:结转|顺延|转入?)(?:到|至)?下(?:一)?年度",
            rf"(?:结转|顺延|转入?)(?:到|至)?下(?:一)?年度{_GAP}{{0,10}}?{_TOTAL}{_N}件",
        ),
        not_in=_NOT_APPLICATIONS,
    ),
    FigureKind(
        "reconsideration",
        "政府信息公开行政复议",
        _patterns(
            rf"行政复议(?:案件|申请)?(?:数)?(?:为)?{_TOTAL}{_N}{_APPEAL_UNIT}",
            rf"{_N}{_APPEAL_UNIT}{_GAP_LIST}{{0,16}}?行政复议",
        ),
    ),
    FigureKind(
        "litigation",
        "政府信息公开行政诉讼",
        _patterns(
            rf"(?<!复议后)诉讼(?:案件)?(?:数)?(?:为)?{_TOTAL}{_N}{_APPEAL_UNIT}",
            rf"{_N}{_APPEAL_UNIT}{_GAP_LIST}{{0,16}}?行政诉讼",
        ),
    ),
    FigureKind(
        "normative_in_force",
        "现行有效的行政规范性文件",
        _patterns(rf"现行有效(?:的)?{_AFTER_REGULATIONS}(?:行政)?规范性文件{_TOTAL}{_N}件"),
    ),
    FigureKind(
        "normative_issued",
        "本年制发的行政规范性文件",
        _patterns(
            rf"(?:制发|制定|出台|印发)(?:了)?(?:的)?(?:(?!现行|废止){_GAP}){{0,8}}?"
            rf"{_AFTER_REGULATIONS}(?:行政)?规范性文件{_TOTAL}{_N}件"
        ),
    ),
    FigureKind(
        "normative_abolished",
        "本年废止的行政规范性文件",
        _patterns(
            rf"废止(?:了)?(?:的)?(?:(?!现行|制发){_GAP}){{0,8}}?{_AFTER_REGULATIONS}"
            rf"(?:行政)?规范性文件{_TOTAL}{_N}件"
        ),
    ),
    FigureKind(
        "proactive_published",
        "本年主动公开的政府信息",
        _patterns(rf"(?<!应)主动公开(?:了)?{_GAP}{{0,12}}?(?:政府)?信息{_TOTAL}{_N}条"),
        unit="条",
    ),
    # Read from section 六 only, by :func:`gongkai.rules.report_parse.meta.processing_fee_match`.
    FigureKind("processing_fee", "收取的信息处理费", (), unit="元"),
)
KINDS_BY_KEY: Mapping[str, FigureKind] = {k.key: k for k in KINDS}


@dataclass(frozen=True)
class Figure:
    """A figure the text states: its kind, value and the sentence (as printed) stating it."""

    kind: str
    value: int | float
    sentence: str

    @property
    def name(self) -> str:
        return KINDS_BY_KEY[self.kind].name

    def stated(self) -> str:
        """「本年新收政府信息公开申请75件」."""
        kind = KINDS_BY_KEY[self.kind]
        return f"{kind.name}{_number(self.value)}{kind.unit}"

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "name": self.name,
            "value": self.value,
            "sentence": self.sentence,
        }


def _number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _flat(text: str) -> str:
    """The text with white space removed (a PDF breaks lines inside sentences), and a
    break after each heading that has a line of its own."""
    lines = (re.sub(r"[\s\u3000]+", "", line.translate(_DIGITS)) for line in text.splitlines())
    return "".join(line + _BREAK if HEADING_LINE.fullmatch(line) else line for line in lines)


def _quote(sentence: str, start: int, end: int) -> str:
    """The sentence, or for a long one the clauses holding the figure, marked as cut."""
    if len(sentence) <= QUOTE_CHARS:
        return sentence
    left = max(sentence.rfind(c, 0, start) for c in _CLAUSE_END) + 1
    rights = [i for c in _CLAUSE_END if (i := sentence.find(c, end)) >= 0]
    right = min(rights) + 1 if rights else len(sentence)
    return ("…" if left > 0 else "") + sentence[left:right] + ("…" if right < len(sentence) else "")


def _sentence_at(flat: str, start: int, end: int) -> str:
    """The quoted sentence of ``flat`` around the span start–end."""
    begin = max(flat.rfind(c, 0, start) for c in _ENDS) + 1
    ends = [i for c in _ENDS if (i := flat.find(c, end)) >= 0]
    stop = min(ends) + 1 if ends else len(flat)
    return _quote(flat[begin:stop].rstrip(_BREAK), start - begin, end - begin)


def stated_figures(text: str) -> list[Figure]:
    """The first figure of each kind the text states, in kind order."""
    flat = _flat(text)
    found: dict[str, Figure] = {}
    fee = processing_fee_match(flat)
    if fee is not None:
        amount, start, end = fee
        found["processing_fee"] = Figure("processing_fee", amount, _sentence_at(flat, start, end))
    for sentence in (s.rstrip(_BREAK) for s in _SENTENCE_END.split(flat)):
        for kind in KINDS:
            if kind.key in found or (kind.not_in and kind.not_in.search(sentence)):
                continue
            for pattern in kind.patterns:
                match = pattern.search(sentence)
                if match and "其中" not in sentence[: match.start()]:
                    quote = _quote(sentence, match.start(), match.end())
                    found[kind.key] = Figure(kind.key, int(match.group("n")), quote)
                    break
    return [found[k.key] for k in KINDS if k.key in found]


def figure_cells(kind: str, fmt: ReportFormat) -> tuple[str, ...]:
    """The table cells whose sum a figure of ``kind`` states; () when no table holds it."""
    proactive = fmt.proactive.json_key
    if fmt.version == FORMAT_2019:
        normative = {"normative_issued": (f"{proactive}.normative_documents.made_this_year",)}
    else:
        normative = {
            f"normative_{column}": (f"{proactive}.normative_documents.{column}",)
            for column in ("issued", "abolished", "in_force")
        }
    cells = {
        "received": ("applications.1.total",),
        "carried_in": ("applications.2.total",),
        "answered": ("applications.3.7.total",),
        "carried_out": ("applications.4.total",),
        "reconsideration": ("appeals.reconsideration.total",),
        "litigation": (
            "appeals.litigation_direct.total",
            "appeals.litigation_after_reconsideration.total",
        ),
        **normative,
    }
    return cells.get(kind, ())


# Where a finding says the table has each figure.
_WHERE = {
    "received": "表三“一、本年新收政府信息公开申请数量”的总计",
    "carried_in": "表三“二、上年结转政府信息公开申请数量”的总计",
    "answered": "表三“（七）总计”行的总计",
    "carried_out": "表三“四、结转下年度继续办理”的总计",
    "reconsideration": "表四行政复议的总计",
    "litigation": "表四行政诉讼（未经复议直接起诉与复议后起诉）的总计之和",
    "normative_in_force": "表二“行政规范性文件”的现行有效件数",
    "normative_issued": "表二“行政规范性文件”的本年制发件数",
    "normative_abolished": "表二“行政规范性文件”的本年废止件数",
}


def _where(kind: str, fmt: ReportFormat) -> str:
    """How a finding names the table cells of a figure."""
    if fmt.version == FORMAT_2019 and kind == "normative_issued":
        return "表二“规范性文件”的本年新制作数量"
    return _WHERE[kind]


@dataclass
class Narrowed:
    """Readings of one printed row left after the text's figures, and what decided them."""

    options: list[tuple]
    used: list[Figure]
    contradicted: list[Figure]

    def decided(
        self, before: Sequence[tuple], positions: Mapping[str, int], fmt: ReportFormat
    ) -> dict[str, list[Figure]]:
        """Cells several readings disagreed on before and one reading settles now, each with
        the figures that settled it: its own figure if used, else all the figures used."""
        out = {}
        for cell, i in positions.items():
            if len({o[i] for o in before}) > 1 and len({o[i] for o in self.options}) == 1:
                own = [f for f in self.used if cell in figure_cells(f.kind, fmt)]
                out[cell] = own or list(self.used)
        return out


def narrow(
    options: Sequence[tuple],
    positions: Mapping[str, int],
    figures: Sequence[Figure],
    fmt: ReportFormat,
) -> Narrowed:
    """Keep the readings of a row that agree with every figure the text states about it.

    ``positions`` maps a cell name to its place in a reading. A figure no reading agrees
    with is contradicted (and decides nothing); one that removes readings is used.
    """
    result = Narrowed(list(options), [], [])
    for figure in figures:
        cells = figure_cells(figure.kind, fmt)
        if not cells or any(c not in positions for c in cells):
            continue
        agreeing = [
            o
            for o in result.options
            if all(isinstance(o[positions[c]], int) for c in cells)
            and sum(o[positions[c]] for c in cells) == figure.value
        ]
        if not agreeing:
            result.contradicted.append(figure)
        elif len(agreeing) < len(result.options):
            result.options = agreeing
            result.used.append(figure)
    return result


def cell_value(tables: Mapping, cell: str) -> object:
    """The value of a cell named "applications.3.7.total" in ``tables``; None if absent."""
    table, rest = cell.split(".", 1)
    row, column = rest.rsplit(".", 1)
    return tables.get(table, {}).get(row, {}).get(column)


def settled_note(cell: str, value: object, figures: Sequence[Figure], fmt: ReportFormat) -> str:
    """What a supervisor reads for a table 二 cell the text settled, quoting the sentences."""
    _, row_key, column_key = cell.split(".")
    block, row = fmt.proactive.row(row_key)
    column = next(c for c in block.columns if c.key == column_key)
    quoted = "、".join(f"“{s}”" for s in dict.fromkeys(f.sentence for f in figures))
    return (
        f"表二“{row.label}”的{column.label}为{_number(value)}：表中该行数字连在一起，"
        f"按报告文字{quoted}拆分。"
    )


def mismatch_findings(
    figures: Sequence[Figure],
    tables: Mapping,
    unreadable: Sequence[str],
    contradicted: Mapping[str, str],
    fmt: ReportFormat,
) -> list[dict]:
    """A warning for every figure the text states that its table cells do not hold.

    Cells read from the table are compared with the figure; where they could not be read,
    ``contradicted`` (kind → the printed digit run) names the figures that no split of
    the printed row agrees with. The fee has its own rule (proactive.processing_fee).
    """
    out = []
    for figure in figures:
        cells = figure_cells(figure.kind, fmt)
        if not cells:
            continue
        values = [cell_value(tables, c) for c in cells]
        said = f"报告文字称“{figure.sentence}”，即{figure.stated()}"
        if not any(c in unreadable for c in cells) and all(
            isinstance(v, int) and not isinstance(v, bool) for v in values
        ):
            total = sum(values)  # type: ignore[arg-type]
            if total != figure.value:
                out.append(
                    finding(
                        NARRATIVE_MISMATCH,
                        f"{said}；但{_where(figure.kind, fmt)}为{total}。",
                        [*cells, f"narrative.{figure.kind}"],
                    )
                )
        elif figure.kind in contradicted:
            out.append(
                finding(
                    NARRATIVE_MISMATCH,
                    f"{said}；但{_where(figure.kind, fmt)}所在行印为“{contradicted[figure.kind]}”，"
                    f"无论怎样拆分都不是{_number(figure.value)}。",
                    [*cells, f"narrative.{figure.kind}"],
                )
            )
    return out


__all__ = [
    "KINDS",
    "Figure",
    "FigureKind",
    "Narrowed",
    "cell_value",
    "figure_cells",
    "mismatch_findings",
    "narrow",
    "settled_note",
    "stated_figures",
]
