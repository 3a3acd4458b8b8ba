"""The three statutory tables recovered from a report's item stream, cell by cell.

Rows and columns come from :mod:`gongkai.rules.report_format`, the same definition the
generator and the renderers use. A cell the layout does not determine (digits run
together that split several ways, a row that is not there) is listed as unreadable and
left out — never guessed. Where a run of digits splits several ways, table 三's own
column sums (第一项加第二项之和等于第三项加第四项之和, and （七）总计) pick the reading:
that is the arithmetic the format prints, and a published table that breaks it is still
read as printed when its cells are separate.

Table 二 has no sums: a flattened row ("8855698") may split many ways, and the figures
the report's text states (:mod:`.narrative`) are the only other evidence. A cell they
settle is recorded with the figures that settled it. (Tables 三 and 四 have their sums:
the splits those leave open differ, in the reports seen, in the applicant and outcome
columns, which the text does not state, not in the 总计 cells it does.)
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from gongkai.rules.report_format import (
    APPEAL_OUTCOMES,
    APPLICATION_COLUMN_KEYS,
    FORMAT_2019,
    FORMAT_2021,
    ReportFormat,
    RowKind,
    format_by_version,
)
from gongkai.rules.report_parse.digits import RowSpec, candidates
from gongkai.rules.report_parse.layout import BLANK, Item, Values, normalise
from gongkai.rules.report_parse.narrative import Figure, narrow

Number = int | float | str
Reading = tuple[Number, ...]

APPLICATION_ROW = RowSpec(len(APPLICATION_COLUMN_KEYS), ((0, len(APPLICATION_COLUMN_KEYS) - 1),))
_GROUP = len(APPEAL_OUTCOMES)
APPEALS_ROW = RowSpec(3 * _GROUP, tuple((g * _GROUP, g * _GROUP + _GROUP - 1) for g in range(3)))

# Words that open each table in every layout seen (the row label of 一、本年新收…, and the
# first header of table 四); section headings vary, these do not.
APPLICATIONS_START = "本年新收"
APPEALS_START = "行政复议"
PROACTIVE_START = "第二十条"
# Printed only in the 2021 table's three 其他处理 sub-rows.
OTHER_SUB_ROW_WORDS = ("逾期不补正", "收费通知")
# Number groups table 四's row may be cut into by a text extraction.
APPEAL_WINDOW = 3
# Beyond this many combinations of ambiguous rows, the column sums are not searched.
MAX_COMBINATIONS = 200_000
# A label matches a format label when this similar (misprints: "其他法律行政止公开").
LABEL_SIMILARITY = 0.75


@dataclass
class TableReading:
    """One table as read: its cells in DESIGN.md shape, unreadable cells, where it was."""

    values: dict = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)
    found: bool = False
    problem: str = ""
    span: tuple[int, int] | None = None
    # Cells only the report's text settled, with the figures that settled them.
    from_narrative: dict[str, list[Figure]] = field(default_factory=dict)
    # Figures no reading of their printed row agrees with: kind → the row as printed.
    contradicted: dict[str, str] = field(default_factory=dict)


def find_label(items: Sequence[Item], start: int, word: str, stop: int | None = None) -> int | None:
    """Index of the first label item at or after ``start`` whose text contains ``word``."""
    for index in range(start, len(items) if stop is None else stop):
        item = items[index]
        if isinstance(item, str) and word in normalise(item):
            return index
    return None


def _groups(items: Sequence[Item], start: int, end: int) -> list[tuple[str, Values]]:
    """The value groups of a region, each with the label text printed before it."""
    out: list[tuple[str, Values]] = []
    label: list[str] = []
    for item in items[start:end]:
        if isinstance(item, Values):
            out.append(("".join(label), item))
            label = []
        else:
            label.append(normalise(item))
    return out


def _region_text(items: Sequence[Item], start: int, end: int) -> str:
    return "".join(normalise(i) for i in items[start:end] if isinstance(i, str))


def similar(label: str, text: str) -> float:
    """How well the end of ``text`` matches ``label`` (both already normalised)."""
    tail = text[-len(label) :]
    return SequenceMatcher(None, label, tail).ratio() if tail else 0.0


# --- table 三 -------------------------------------------------------------------------


def application_rows(fmt: ReportFormat, *, sub_rows: bool) -> tuple[str, ...]:
    """Row keys as printed: the 2021 rows, with （六）其他处理 as one row or three."""
    source = format_by_version(FORMAT_2021 if sub_rows else FORMAT_2019)
    if fmt.version == source.version:
        return fmt.applications.row_keys
    return source.applications.row_keys


def _equations(rows: Sequence[str]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Row sums that every column of table 三 obeys: (left rows, right rows)."""
    fmt = format_by_version(FORMAT_2021 if "3.6.1" in rows else FORMAT_2019)
    results = tuple(r.key for r in fmt.applications.rows if r.kind is RowKind.RESULT)
    return [(results, ("3.7",)), (("1", "2"), ("3.7", "4"))]


def _score(chosen: dict[str, Reading], equations: list) -> int:
    score = 0
    for column in range(len(APPLICATION_COLUMN_KEYS)):
        for left, right in equations:
            try:
                if sum(chosen[r][column] for r in left) == sum(chosen[r][column] for r in right):
                    score += 1
            except (KeyError, TypeError):
                continue
    return score


def _resolve(rows: Sequence[str], options: dict[str, list[Reading]]) -> tuple[dict, set]:
    """Pick one reading per row; cells the column sums cannot decide are unreadable."""
    fixed = {r: o[0] for r, o in options.items() if len(o) == 1}
    open_rows = [r for r in rows if len(options.get(r, ())) > 1]
    unreadable: set[tuple[str, int]] = set()
    combos = 1
    for r in open_rows:
        combos *= len(options[r])
    if combos > MAX_COMBINATIONS:
        for r in open_rows:
            unreadable |= {(r, c) for c in range(len(APPLICATION_COLUMN_KEYS))}
        return fixed, unreadable
    equations = _equations(rows)
    best: list[dict[str, Reading]] = []
    best_score = -1
    for combo in itertools.product(*(options[r] for r in open_rows)):
        chosen = {**fixed, **dict(zip(open_rows, combo, strict=True))}
        score = _score(chosen, equations)
        if score > best_score:
            best, best_score = [chosen], score
        elif score == best_score:
            best.append(chosen)
    chosen = dict(best[0]) if best else dict(fixed)
    for r in open_rows:
        for c in range(len(APPLICATION_COLUMN_KEYS)):
            if len({b[r][c] for b in best}) > 1:
                unreadable.add((r, c))
    return chosen, unreadable


def _applications_region(
    items: Sequence[Item],
) -> tuple[int, int, list[tuple[str, list[Reading]]]] | None:
    """Where table 三 is: from a 本年新收 label to the next 行政复议, holding number rows.

    The overview may say "本年新收政府信息公开申请5件…行政复议1件" before the table, so
    each 本年新收 is tried until one opens a region with most of the table's rows.
    """
    start = find_label(items, 0, APPLICATIONS_START)
    while start is not None:
        end = find_label(items, start + 1, APPEALS_START) or len(items)
        groups = [
            (label, options)
            for label, v in _groups(items, start, end)
            if (options := candidates(v.tokens, APPLICATION_ROW))
        ]
        if 2 * len(groups) >= len(format_by_version(FORMAT_2019).applications.rows):
            return start, end, groups
        start = find_label(items, start + 1, APPLICATIONS_START)
    return None


def read_applications(items: Sequence[Item], fmt: ReportFormat) -> TableReading:
    """Table 三: 25 rows (23 when （六）其他处理 is one row) of seven numbers each."""
    reading = TableReading()
    region = _applications_region(items)
    if region is None:
        reading.problem = "未找到此表"
        return reading
    start, end, groups = region
    reading.found, reading.span = True, (start, end)
    text = _region_text(items, start, end)
    sub_rows = any(word in text for word in OTHER_SUB_ROW_WORDS)
    rows = application_rows(fmt, sub_rows=sub_rows)
    other = application_rows(fmt, sub_rows=not sub_rows)
    aligned = ""
    if len(groups) == len(rows):
        options = {row: opts for row, (_, opts) in zip(rows, groups, strict=True)}
    elif len(groups) == len(other):
        rows = other
        options = {row: opts for row, (_, opts) in zip(rows, groups, strict=True)}
    else:
        options = _align_by_labels(groups, rows)
        aligned = (
            f"识别出{len(groups)}行数字，与该格式应有的{len(rows)}行不符；"
            f"按行名对应到{len(options)}行，其余的行未核对"
        )
    chosen, unreadable = _resolve(rows, options)
    for row in rows:
        reading.values[row] = {}
        for index, column in enumerate(APPLICATION_COLUMN_KEYS):
            if row not in options or (row, index) in unreadable:
                reading.unreadable.append(f"applications.{row}.{column}")
            else:
                reading.values[row][column] = chosen[row][index]
    if aligned:
        reading.problem = aligned
    elif reading.unreadable:
        reading.problem = "部分数字连在一起，无法唯一拆分"
    return reading


_NUMBERING = re.compile(r"^(?:[0-9]+[.、]|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)")


def _core(label: str) -> str:
    """A row label without its numbering ("1.属于国家秘密" → "属于国家秘密")."""
    return _NUMBERING.sub("", normalise(label))


def _align_by_labels(
    groups: Sequence[tuple[str, list[Reading]]], rows: Sequence[str]
) -> dict[str, list[Reading]]:
    """Rows for number groups by the label printed just before each, in table order.

    The fallback when the count of number rows does not fit the format (a row printed
    twice, a row lost in extraction): only a group whose own label names a row is used,
    so a lost row is unread rather than filled with its neighbour's numbers.
    """
    table = format_by_version(FORMAT_2021 if "3.6.1" in rows else FORMAT_2019).applications
    cores = {key: _core(table.row(key).label) for key in rows}
    out: dict[str, list[Reading]] = {}
    twice: set[str] = set()
    pointer = 0
    for label, options in groups:
        best: tuple[int, int, int] | None = None  # (end of match, length of name, row index)
        # The row just matched is searched again: a row printed twice is unreadable.
        for index in range(max(pointer - 1, 0), len(rows)):
            core = cores[rows[index]]
            found = label.rfind(core)
            if core and found >= 0:
                candidate = (found + len(core), len(core), index)
                if best is None or candidate[:2] > best[:2]:
                    best = candidate
        if best is None:
            continue
        row = rows[best[2]]
        if row in out:
            twice.add(row)
        out[row] = options
        pointer = best[2] + 1
    return {row: options for row, options in out.items() if row not in twice}


# --- table 四 -------------------------------------------------------------------------


def read_appeals(items: Sequence[Item], fmt: ReportFormat, start: int = 0) -> TableReading:
    """Table 四: one row of fifteen numbers, three groups of five."""
    reading = TableReading()
    anchor = find_label(items, start, APPEALS_START)
    if anchor is None:
        reading.problem = "未找到此表"
        return reading
    groups = [i for i in range(anchor + 1, len(items)) if isinstance(items[i], Values)]
    found = _appeals_row(items, groups)
    if found is not None:
        last, options = found
        reading.found, reading.span = True, (anchor, last + 1)
        for g, group in enumerate(fmt.appeals.groups):
            reading.values[group.key] = {}
            for o, outcome in enumerate(fmt.appeals.outcomes):
                position = g * _GROUP + o
                if len({opt[position] for opt in options}) > 1:
                    reading.unreadable.append(f"appeals.{group.key}.{outcome.key}")
                else:
                    reading.values[group.key][outcome.key] = options[0][position]
        if reading.unreadable:
            reading.problem = "部分数字连在一起，无法唯一拆分"
        return reading
    reading.problem = "未找到该表的十五个数字"
    return reading


def _appeals_row(items: Sequence[Item], groups: Sequence[int]) -> tuple[int, list] | None:
    """The first run of number groups that reads as table 四's fifteen numbers.

    Mostly one group; a text extraction may cut the row where a header cell sat, so up to
    three consecutive groups are also tried together. Returns (last group, readings).
    """
    for position in range(len(groups)):
        tokens: tuple = ()
        for last in groups[position : position + APPEAL_WINDOW]:
            item = items[last]
            assert isinstance(item, Values)
            tokens = (*tokens, *item.tokens)
            options = candidates(tokens, APPEALS_ROW)
            if options:
                return last, options
            if len(tokens) >= APPEALS_ROW.width:
                break
    return None


# --- table 二 -------------------------------------------------------------------------


def read_proactive(
    items: Sequence[Item], fmt: ReportFormat, end: int | None, figures: Sequence[Figure] = ()
) -> TableReading:
    """Table 二: each row found by its label, followed by its block's numbers.

    A row that splits several ways keeps the readings that agree with the ``figures`` the
    text states about it (「现行有效行政规范性文件698件」).
    """
    table = fmt.proactive
    reading = TableReading()
    start = find_label(items, 0, PROACTIVE_START, end)
    if start is None:
        reading.problem = "未找到此表"
        return reading
    stop = end if end is not None else len(items)
    reading.found, reading.span = True, (start, stop)
    missing: list[str] = []
    ambiguous = False
    for block in table.blocks:
        spec = RowSpec(len(block.columns))
        for row in block.rows:
            label = normalise(row.label)
            options: list[Reading] = []
            for index in range(start, stop - 1):
                item, following = items[index], items[index + 1]
                if not isinstance(item, str) or not isinstance(following, Values):
                    continue
                if similar(label, normalise(item)) < LABEL_SIMILARITY:
                    continue
                positions = {
                    f"{table.json_key}.{row.key}.{c.key}": i for i, c in enumerate(block.columns)
                }
                options = _settle(
                    reading,
                    candidates(following.tokens, spec),
                    positions,
                    figures,
                    fmt,
                    " ".join("" if t is BLANK else t for t in following.tokens),
                )
                if options:
                    break
            values: dict[str, Number] = {}
            for position, column in enumerate(block.columns):
                cell = f"{table.json_key}.{row.key}.{column.key}"
                if len({o[position] for o in options}) != 1:
                    reading.unreadable.append(cell)
                    continue
                value = options[0][position]
                values[column.key] = (
                    float(value) if column.kind == "amount" and isinstance(value, int) else value
                )
            if not options:
                missing.append(row.label)
            ambiguous = ambiguous or len(options) > 1
            reading.values[row.key] = values
    problems = []
    if missing:
        problems.append("未能读出以下各行：" + "、".join(missing))
    if ambiguous:
        problems.append("部分数字连在一起，无法唯一拆分")
    reading.problem = "；".join(problems)
    return reading


def _settle(
    reading: TableReading,
    options: list[Reading],
    positions: Mapping[str, int],
    figures: Sequence[Figure],
    fmt: ReportFormat,
    printed: str,
) -> list[Reading]:
    """A row's readings narrowed by the text's figures, noting what settled what.

    A row read one way only is left alone: a figure that disagrees with it is compared,
    and reported, with the other figures (:func:`.narrative.mismatch_findings`).
    """
    if len(options) < 2 or not figures:
        return options
    narrowed = narrow(options, positions, figures, fmt)
    for figure in narrowed.contradicted:
        reading.contradicted[figure.kind] = printed
    reading.from_narrative.update(narrowed.decided(options, positions, fmt))
    return narrowed.options


def _column_labels(version: str) -> set[str]:
    fmt = format_by_version(version)
    return {normalise(c.label) for b in fmt.proactive.blocks for c in b.columns}


def detect_format(items: Sequence[Item]) -> str | None:
    """ "2019" or "2021" from table 二's column headers, which differ between versions.

    Only headers that are no part of the other version's headers count (the trial
    format's 处理决定数量 is inside the 2021 format's 本年处理决定数量).
    """
    text = "".join(normalise(i) for i in items if isinstance(i, str))
    for version, other in ((FORMAT_2021, FORMAT_2019), (FORMAT_2019, FORMAT_2021)):
        theirs = _column_labels(other)
        own = {
            label
            for label in _column_labels(version)
            if not any(label in their for their in theirs)
        }
        if any(label in text for label in own):
            return version
    return None
