"""What a screening finding is, and which findings stop publication.

Issue 6 (5): personal data (居民身份证号码, 手机号码, 银行卡号) and secret markings block
publication until fixed or overridden by the final approver; dictionary hits (sensitive
words, wrong names or titles, typos) are warnings the editor should read. Issue 12 (4):
screening fails closed — an attachment whose text cannot be read (unsupported format,
too large, too many pages, damaged, encrypted, a zip bomb, content not matching its
extension, no text layer) is an ``unreadable`` finding and blocks like personal data,
because nobody can say what it holds. :func:`blocks_publication` is the one place that
decides; every gate, panel and command asks it. The names in ``FindingType`` are the ones
``gongkai screen --format json`` prints.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class FindingType(StrEnum):
    ID_CARD = "id_card"
    MOBILE = "mobile"
    BANK_CARD = "bank_card"
    SECRET_MARK = "secret_mark"
    SENSITIVE_WORD = "sensitive_word"
    WORDING_ERROR = "wording_error"
    TYPO = "typo"
    UNREADABLE = "unreadable"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    FindingType.ID_CARD: "身份证号码",
    FindingType.MOBILE: "手机号码",
    FindingType.BANK_CARD: "银行卡号",
    FindingType.SECRET_MARK: "密级标志",
    FindingType.SENSITIVE_WORD: "敏感词",
    FindingType.WORDING_ERROR: "表述错误",
    FindingType.TYPO: "错别字",
    FindingType.UNREADABLE: "无法读取的附件",
}

# Why an attachment could not be read: the extraction's reason codes
# (:class:`gongkai.extraction.Reason`), as the final approver reads them.
UNREADABLE_REASONS = {
    "unsupported": "不支持的文件格式",
    "too_large": "文件过大",
    "too_many_pages": "页数过多",
    "damaged": "文件已损坏",
    "encrypted": "文件已加密",
    "zip_bomb": "压缩炸弹（解压后过大）",
    "mismatch": "内容与扩展名不符",
    "no_text": "没有可提取的文字（扫描件或图片）",
    "unreadable": "无法读取",
}

# Personal data can be masked in place (mask_findings); a secret marking cannot: a
# document that carries one must not be published at all, so only removing the marking
# after a confidentiality review, or the final approver's recorded override, clears it.
PERSONAL_DATA_TYPES = frozenset({FindingType.ID_CARD, FindingType.MOBILE, FindingType.BANK_CARD})
BLOCKING_TYPES = PERSONAL_DATA_TYPES | {FindingType.SECRET_MARK, FindingType.UNREADABLE}


def blocks(finding_type: FindingType) -> bool:
    """Whether a finding of this kind stops publication (until fixed or overridden)."""
    return finding_type in BLOCKING_TYPES


def blocks_publication(findings: Iterable[Finding]) -> bool:
    """The one decision: do these findings stop a publication?"""
    return any(blocks(finding.type) for finding in findings)


@dataclass(frozen=True, slots=True)
class Finding:
    """One hit in a text: where it is (character offsets, 1-based line and column),
    a preview that is safe to show anyone (``masked``), and for wording errors and typos
    the correct form."""

    type: FindingType
    text: str
    start: int
    end: int
    line: int
    column: int
    masked: str
    blocking: bool
    correct: str | None = None
    # For an unreadable file: the extraction's reason code (a key of UNREADABLE_REASONS).
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["type"] = str(self.type)
        if data["reason"] is None:
            del data["reason"]
        return data

    @property
    def reason_label(self) -> str:
        return UNREADABLE_REASONS.get(self.reason or "", "")


def unreadable_finding(message: str, *, reason: str) -> Finding:
    """A file nobody could read: blocks like personal data (fail closed). ``message`` is
    the extraction's Chinese explanation; it is safe to show (it names no content)."""
    label = UNREADABLE_REASONS.get(reason, UNREADABLE_REASONS["unreadable"])
    return Finding(
        type=FindingType.UNREADABLE,
        text="",
        start=0,
        end=0,
        line=1,
        column=1,
        masked=f"{label}：{message}",
        blocking=blocks(FindingType.UNREADABLE),
        reason=reason,
    )


@dataclass(frozen=True, slots=True)
class Match:
    """A detector's raw hit, before line and column are worked out for the whole text."""

    type: FindingType
    start: int
    end: int
    masked: str | None = None
    correct: str | None = None


class LineIndex:
    """Offsets of line starts, so each finding's line and column is a binary search."""

    def __init__(self, text: str) -> None:
        starts = [0]
        position = text.find("\n")
        while position != -1:
            starts.append(position + 1)
            position = text.find("\n", position + 1)
        self._starts = starts

    def locate(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def to_findings(text: str, matches: Iterable[Match]) -> list[Finding]:
    """Findings in reading order; ``masked`` defaults to the matched text itself."""
    index = LineIndex(text)
    findings = []
    for match in sorted(matches, key=lambda m: (m.start, m.end)):
        line, column = index.locate(match.start)
        matched = text[match.start : match.end]
        findings.append(
            Finding(
                type=match.type,
                text=matched,
                start=match.start,
                end=match.end,
                line=line,
                column=column,
                masked=matched if match.masked is None else match.masked,
                blocking=blocks(match.type),
                correct=match.correct,
            )
        )
    return findings


class Spans:
    """Sorted, non-overlapping character ranges with an overlap test."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        index = bisect.bisect_left(self._starts, start)
        self._starts.insert(index, start)
        self._ends.insert(index, end)

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self._starts, end - 1)
        return index > 0 and self._ends[index - 1] > start
