"""Secret markings (密级标志): a document that carries one must not be published.

What a marking looks like, and so what is and is not a finding:

* 国家秘密标志 "密级★保密期限" (GB/T 9704-2012 §7.2.3, after 《中华人民共和国保守国家秘密
  法》 Art. 17–18): 绝密/机密/秘密 followed by ★ (☆ in some fonts), with or without the
  period — "机密★1年", "秘密★", "绝密★启用前", "秘密★2026年12月31日". Found anywhere,
  except when quoted in prose (“标注‘秘密★1年’”), which is talking *about* a marking.
  A plain "*" stands in for ★ only when a period follows ("机密*5年"), since "秘密*" may be
  a footnote.
* A labelled level: "密级：机密", "密级 秘密".
* A level standing alone on its line, as GB/T 9704 places it (top left, its own line),
  optionally bracketed, followed by a period or a 紧急程度, or preceded by the 6-digit
  份号: "机密", "【秘密】", "秘密级", "000123 机密 特急".
* 内部资料 with 注意保存 (or 请勿外传 / 不得外传): "内部资料 注意保存"; either phrase alone on
  its line, or "【内部资料】".

Not findings: the words in running prose — 保守国家秘密, 商业秘密, 涉及秘密级事项, 机密文件
管理, "不得将内部资料对外提供", "请注意保存缴费凭证". Prose about secrecy is common in
government text; a marking is layout, so it is recognised by its layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongkai.rules.screening.findings import FindingType, Match, Spans

LEVELS = "绝密|机密|秘密"
SPACE = r"[ \t]*"  # spaces inside a marking; never a line break
# 保密期限 as written after ★: "1年", "6个月", "长期", "启用前", "2026年12月31日(前)".
PERIOD = (  # the full date first, or "2026年" alone would win
    rf"(?:[0-9]{{4}}{SPACE}年{SPACE}[0-9]{{1,2}}{SPACE}月(?:{SPACE}[0-9]{{1,2}}{SPACE}日)?"
    rf"{SPACE}(?:前|止|以前)?|[0-9]+{SPACE}(?:年|个月|月|周|天|日)(?:{SPACE}(?:前|止|以前))?"
    rf"|[一二三四五六七八九十两]+{SPACE}(?:年|个月)|长期|永久|启用前|解密前)"
)
URGENCY = "特急|加急|特提|平急"

_AFTER_LEVEL = rf"{SPACE}(?:[★☆]{SPACE}(?:{PERIOD})?|[*＊]{SPACE}{PERIOD})"
# One alternative per level rather than (绝密|机密|秘密)…: alternatives that all start with a
# literal let the regex engine skip through the text in C (3–4x faster).
_STRONG = re.compile(
    "|".join(f"{level}{_AFTER_LEVEL}" for level in LEVELS.split("|"))
    + rf"|密{SPACE}级{SPACE}[:：]?{SPACE}(?:{LEVELS})级?"
    + r"|内部资料[ \t，,、。.·:：]*(?:注意保存|请勿外传|不得外传|严禁外传)"
)
_CANDIDATE = re.compile(rf"{LEVELS}|内部资料|注意保存")
_OPEN = "【[［（(〔<《"
_CLOSE = "】]］）)〕>》"
_STANDALONE = re.compile(
    rf"(?:[0-9]{{6}}\s+)?"
    rf"[{re.escape(_OPEN)}]?\s*(?P<mark>(?:{LEVELS})级?(?:\s*(?:{PERIOD}))?|内部资料|注意保存)"
    rf"\s*[{re.escape(_CLOSE)}]?(?:\s+(?:{URGENCY}))?"
)
_QUOTES = {"“": "”", '"': '"', "「": "」", "『": "』", "‘": "’", "'": "'"}


def find_secret_marks(text: str) -> Iterator[Match]:
    """Every secret marking in ``text`` (already width-normalised)."""
    covered = Spans()
    for found in _STRONG.finditer(text):
        start, end = found.span()
        if _quoted(text, start, end):
            continue
        covered.add(start, end)
        yield Match(FindingType.SECRET_MARK, start, end)
    seen_lines: set[int] = set()
    for found in _CANDIDATE.finditer(text):
        if covered.overlaps(found.start(), found.end()):
            continue
        line_start = text.rfind("\n", 0, found.start()) + 1
        if line_start in seen_lines:
            continue
        seen_lines.add(line_start)
        line_end = text.find("\n", found.start())
        line = text[line_start : len(text) if line_end == -1 else line_end]
        stripped = line.strip()
        standalone = _STANDALONE.fullmatch(stripped)
        if standalone:
            offset = line_start + line.index(stripped)
            mark_start, mark_end = standalone.span("mark")
            yield Match(FindingType.SECRET_MARK, offset + mark_start, offset + mark_end)


def _quoted(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    return before in _QUOTES and text[end : end + 1] == _QUOTES[before]
