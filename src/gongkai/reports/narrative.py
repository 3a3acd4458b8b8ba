"""The annual report's written parts, and the factual sentences the data already states.

The tables come from records; the text around them is written by staff. Two things keep
that text honest: a fixed shape (the five parts of 一、总体情况 that the 2021 format asks
for, a short note above each table, sections 五 and 六), so every report covers what the
format requires; and sentences generated from the same JSON the tables are printed from
(「本年度收到依申请公开申请0件。」), so the words never contradict the numbers.

Pure Python, no Django: the renderers, the staff editor and the demo all read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from gongkai.rules.report_format import SECTION_ONE_PARTS, format_by_version


@dataclass(frozen=True)
class OverviewPart:
    """One part of 一、总体情况: its JSON key and the heading printed by default."""

    key: str
    topic: str  # as SECTION_ONE_PARTS names it
    heading: str


# The five parts, in the order the 2021 format lists them (report_format.SECTION_ONE_PARTS).
OVERVIEW_PARTS: tuple[OverviewPart, ...] = tuple(
    OverviewPart(key, topic, f"（{ordinal}）{heading}")
    for key, topic, ordinal, heading in zip(
        ("proactive", "applications", "management", "platform", "oversight"),
        SECTION_ONE_PARTS,
        "一二三四五",
        ("主动公开情况", "依申请公开情况", "政府信息管理情况", "平台建设情况", "监督保障情况"),
        strict=True,
    )
)
OVERVIEW_KEYS: tuple[str, ...] = tuple(p.key for p in OVERVIEW_PARTS)

# Free text besides section 一, with the section it belongs to (for labels and errors).
TEXT_FIELDS: Mapping[str, str] = {
    "proactive_note": "二、主动公开政府信息情况（表前说明）",
    "applications_note": "三、收到和处理政府信息公开申请情况（表前说明）",
    "appeals_note": "四、政府信息公开行政复议、行政诉讼情况（表前说明）",
    "problems": "五、存在的主要问题及改进情况",
    "other": "六、其他需要报告的事项",
}

# A report is read on paper; one part longer than this is a pasted document, not a part.
MAX_PART_CHARS = 20_000


def empty_narrative() -> dict[str, Any]:
    """A narrative with every part present and empty, headings at their defaults."""
    return {
        "overview": [{"key": p.key, "heading": p.heading, "text": ""} for p in OVERVIEW_PARTS],
        **{name: "" for name in TEXT_FIELDS},
    }


def normalize_narrative(data: Mapping[str, Any] | None) -> dict[str, Any]:
    """Check a narrative's shape and return it complete; a ValueError says what is wrong.

    Missing parts become empty (an old snapshot or a half-filled form still renders);
    unknown keys, wrong types and oversized text are refused, naming the part.
    """
    result = empty_narrative()
    if data is None:
        return result
    if not isinstance(data, Mapping):
        raise ValueError("报告文字部分格式不正确：应为各部分文字的集合。")
    unknown = set(data) - {"overview", *TEXT_FIELDS}
    if unknown:
        raise ValueError(f"报告文字部分含有未知项目：{'、'.join(sorted(unknown))}。")
    parts = data.get("overview") or []
    if not isinstance(parts, list) or len(parts) > len(OVERVIEW_PARTS):
        raise ValueError("“一、总体情况”应分为五个部分。")
    by_key = {p["key"]: p for p in result["overview"]}
    for part in parts:
        if not isinstance(part, Mapping) or part.get("key") not in by_key:
            raise ValueError("“一、总体情况”含有无法识别的部分。")
        target = by_key[part["key"]]
        for field in ("heading", "text"):
            value = part.get(field, target[field])
            label = f"“一、总体情况”{target['heading']}"
            target[field] = _text(value, label)
        if not target["heading"].strip():
            target["heading"] = _default_heading(part["key"])
    for name, label in TEXT_FIELDS.items():
        result[name] = _text(data.get(name, ""), f"“{label}”")
    return result


def _default_heading(key: str) -> str:
    return next(p.heading for p in OVERVIEW_PARTS if p.key == key)


def _text(value: object, label: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{label}应为文字。")
    text = value.replace("\r\n", "\n").strip()
    if len(text) > MAX_PART_CHARS:
        raise ValueError(f"{label}过长（{len(text)}字），每部分不超过{MAX_PART_CHARS}字。")
    return text


def required_parts(narrative: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    """The parts every report must write, by key: (label as printed, text).

    The five parts of 一、总体情况, 五 and 六; the notes above the tables are optional (the
    tables say it). ``narrative`` is a normalized one (:func:`normalize_narrative`).
    """
    parts = {p["key"]: (f"一、总体情况{p['heading']}", p["text"]) for p in narrative["overview"]}
    for name in ("problems", "other"):
        parts[name] = (TEXT_FIELDS[name], narrative[name])
    return parts


def paragraphs(text: str) -> list[str]:
    """A part's text as printed paragraphs: one per non-empty line."""
    return [line.strip() for line in text.split("\n") if line.strip()]


# ---------------------------------------------------------------------------------------
# Sentences generated from the data
# ---------------------------------------------------------------------------------------


def number_text(value: object) -> str:
    """A figure as printed: whole numbers without a decimal point, amounts as entered."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        text = format(Decimal(str(value)).normalize(), "f")
        return "0" if text in ("-0", "") else text
    return str(value)


def generated_sentences(report: Mapping[str, Any]) -> dict[str, list[str]]:
    """The facts the report's numbers state, as sentences, keyed by narrative part.

    Only numbers that are in the JSON are used, so a sentence can never disagree with a
    table printed from the same JSON. Staff keep, edit or drop them.
    """
    tables = report["tables"]
    year = report["year"]
    apps = tables["applications"]
    sentences: dict[str, list[str]] = {}
    sentences["proactive"] = _proactive_sentences(report)
    received, carried, done, left = (apps[k]["total"] for k in ("1", "2", "3.7", "4"))
    applications = [f"本年度收到依申请公开申请{received}件。"]
    if received or carried or done or left:
        applications.append(
            f"上年结转{carried}件，本年度办结{done}件，结转下年度继续办理{left}件。"
        )
        applications.extend(_outcome_sentence(report))
    sentences["applications"] = applications
    appeals = tables["appeals"]
    reconsideration = appeals["reconsideration"]["total"]
    litigation = sum(
        appeals[key]["total"] for key in ("litigation_direct", "litigation_after_reconsideration")
    )
    sentences["appeals_note"] = [
        f"本年度因政府信息公开被申请行政复议{reconsideration}件，被提起行政诉讼{litigation}件。"
    ]
    fees = report.get("processing_fees")
    if fees is not None:
        sentences["other"] = [
            f"{year}年度收取政府信息公开信息处理费{fees['count']}件，"
            f"共计{number_text(fees['amount_yuan'])}元。"
        ]
    return sentences


def _proactive_sentences(report: Mapping[str, Any]) -> list[str]:
    fmt = format_by_version(report["format"])
    table = report["tables"].get(fmt.proactive.json_key, {})
    if fmt.version != "2021" or not table:
        return []
    regs, docs = table["regulations"], table["normative_documents"]
    if any(v is None for row in (regs, docs) for v in row.values()):
        return []  # a fact nobody has entered yet is not stated
    return [
        f"本年度制发规章{regs['issued']}件、行政规范性文件{docs['issued']}件，"
        f"废止规章{regs['abolished']}件、行政规范性文件{docs['abolished']}件；"
        f"现行有效规章{regs['in_force']}件、行政规范性文件{docs['in_force']}件。"
    ]


def _outcome_sentence(report: Mapping[str, Any]) -> list[str]:
    """「其中予以公开3件、部分公开1件……」 from the result groups that are not zero."""
    fmt = format_by_version(report["format"])
    apps = report["tables"]["applications"]
    groups: dict[str, int] = {}
    for row in fmt.applications.rows:
        if row.key not in fmt.applications.result_row_keys:
            continue
        name = (row.group_label or row.label).split("）", 1)[-1].split("（", 1)[0]
        groups[name] = groups.get(name, 0) + apps[row.key]["total"]
    parts = [f"{name}{n}件" for name, n in groups.items() if n]
    return [f"办结的申请中，{'、'.join(parts)}。"] if parts else []


def prefilled_narrative(
    report: Mapping[str, Any],
    last_year: Mapping[str, Any] | None,
    last_year_report: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Last year's text with this year's generated sentences put first in each part.

    Last year's figures inside its text are stale by construction; putting the fresh
    sentences first and leaving the old text below lets staff see both and edit. Lines
    that are exactly last year's generated sentences (``last_year_report`` is last
    year's report JSON) are dropped, so the facts are not stated twice.
    """
    narrative = normalize_narrative(last_year)
    sentences = generated_sentences(report)
    stale = generated_sentences(last_year_report) if last_year_report else {}
    for part in narrative["overview"]:
        key = part["key"]
        part["text"] = _join(sentences.get(key, []), part["text"], stale.get(key, []))
    for name in TEXT_FIELDS:
        narrative[name] = _join(sentences.get(name, []), narrative[name], stale.get(name, []))
    return narrative


def _join(fresh: list[str], old: str, stale: list[str]) -> str:
    kept = [line for line in old.split("\n") if line.strip() and line.strip() != "".join(stale)]
    return "\n".join(filter(None, ["".join(fresh), *kept]))
