"""Bytes of a text file → str, in the encodings Chinese agencies' files come in."""

from __future__ import annotations

import codecs

from gongkai.extraction.errors import ExtractionError, Reason

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# UTF-8 first (what every current editor writes), then GB18030, the superset of GBK and
# GB2312 that older Windows tools in Chinese government offices still save in.
_FALLBACKS = ("utf-8", "gb18030")


def decode_text(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data, encoding, name)
    if b"\x00" in data:
        raise ExtractionError(f"“{name}”含有二进制内容，不是文本文件。", reason=Reason.DAMAGED)
    for encoding in _FALLBACKS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ExtractionError(
        f"“{name}”的文字编码无法识别（既不是UTF-8也不是GB18030），请另存为UTF-8后再试。",
        reason=Reason.UNREADABLE,
    )


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ExtractionError(
            f"“{name}”声明为{encoding.upper()}编码，但内容不符。", reason=Reason.UNREADABLE
        ) from None
