"""The text of a DOCX: body (paragraphs, tables, text boxes), headers and footers,
footnotes, endnotes and comments — every place a number can hide in a Word file.

python-docx opens the package (and so validates it); each part's XML is then read with
a parser that resolves no entities and fetches nothing. Paragraphs are read by walking
the tree, so a text box inside a paragraph becomes its own line instead of being run
into its anchor's text, and the fallback copy Word keeps of every text box
(mc:Fallback) is skipped rather than read twice.
"""

from __future__ import annotations

import io

from lxml import etree

from gongkai.extraction.errors import ExtractionError, Reason
from gongkai.extraction.limits import Limits

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Content types of the parts read, in this order (ECMA-376 Part 1, §11.3).
TEXT_PARTS = (
    "document.main+xml",
    "header+xml",
    "footer+xml",
    "footnotes+xml",
    "endnotes+xml",
    "comments+xml",
)
_CONTENT_TYPE_PREFIX = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_SAFE_XML = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)


def docx_to_text(data: bytes, name: str, limits: Limits) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = list(document.part.package.iter_parts())
    lines: list[str] = []
    total = 0
    for suffix in TEXT_PARTS:
        content_type = _CONTENT_TYPE_PREFIX + suffix
        for part in parts:
            if part.content_type != content_type:
                continue
            for line in _paragraphs(etree.fromstring(part.blob, _SAFE_XML)):
                total += len(line) + 1
                if total > limits.max_text_chars:
                    raise ExtractionError(
                        f"“{name}”的文字超过{limits.max_text_chars}字的上限。",
                        reason=Reason.TOO_LARGE,
                    )
                lines.append(line)
    return "\n".join(lines)


def _paragraphs(root: etree._Element) -> list[str]:
    """One string per w:p in reading order; a paragraph nested in another (a text box)
    gets a line of its own after its anchor's."""
    lines: list[str] = []
    open_paragraphs: list[tuple[int, list[str]]] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag
        if event == "end":
            if tag == f"{W}p" and open_paragraphs:
                index, parts = open_paragraphs.pop()
                lines[index] = "".join(parts)
        elif tag == MC_FALLBACK:
            walker.skip_subtree()
        elif tag == f"{W}p":
            lines.append("")
            open_paragraphs.append((len(lines) - 1, []))
        elif open_paragraphs:
            if tag == f"{W}t":
                open_paragraphs[-1][1].append(element.text or "")
            elif tag == f"{W}tab":
                open_paragraphs[-1][1].append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                open_paragraphs[-1][1].append("\n")
    return lines
