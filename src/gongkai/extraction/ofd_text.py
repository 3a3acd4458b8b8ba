"""The text of an OFD file (GB/T 33190-2016, the national fixed-layout format many
agencies' document systems export): a zip of XML parts whose pages hold the text in
``ofd:TextCode`` elements.

The zip is checked like a DOCX's (entries, declared inflated size) before anything is
inflated; each part is read with the same bound and parsed without entities or network.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from gongkai.extraction.errors import ExtractionError, Reason
from gongkai.extraction.limits import Limits
from gongkai.extraction.ooxml import check_container

TEXT_CODE = "{http://www.ofdspec.org/2016}TextCode"
# Page content and annotations: Doc_0/Pages/Page_0/Content.xml, Doc_0/Annots/…
_PAGE_PART = re.compile(r"(^|/)(Pages|Annots)/.+\.xml$", re.IGNORECASE)
_SAFE_XML = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)


def ofd_to_text(data: bytes, name: str, limits: Limits) -> str:
    check_container(data, name, limits)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "OFD.xml" not in archive.namelist():
            raise ExtractionError(
                f"“{name}”不是有效的OFD文件（缺少OFD.xml）。", reason=Reason.DAMAGED
            )
        parts = sorted(
            (info for info in archive.infolist() if _PAGE_PART.search(info.filename)),
            key=lambda info: _natural(info.filename),
        )
        lines: list[str] = []
        total = 0
        for info in parts:
            root = etree.fromstring(archive.read(info), _SAFE_XML)
            for element in root.iter(TEXT_CODE, "TextCode"):
                line = element.text or ""
                total += len(line) + 1
                if total > limits.max_text_chars:
                    raise ExtractionError(
                        f"“{name}”的文字超过{limits.max_text_chars}字的上限。",
                        reason=Reason.TOO_LARGE,
                    )
                lines.append(line)
    if not any(line.strip() for line in lines):
        raise ExtractionError(
            f"“{name}”没有可提取的文字（可能是扫描图片），无法自动检查，请人工核对。",
            reason=Reason.NO_TEXT,
        )
    return "\n".join(lines)


def _natural(path: str) -> list[object]:
    """Page_10 after Page_9."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path)]
