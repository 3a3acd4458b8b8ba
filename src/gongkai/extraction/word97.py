"""The text of a Word 97–2003 (and WPS Writer) binary document, read in Python.

An OLE2 compound file (olefile) holds the ``WordDocument`` stream, whose FIB says which
table stream (``0Table``/``1Table``) holds the piece table (MS-DOC §2.4.1): each piece
is a run of characters stored as UTF-16 or, when compressed, as cp1252 bytes. Reading
the pieces in order gives the text in reading order, including fast-saved files. Word 6
and 95 files (no such piece table) are left to the Debian tools (:mod:`legacy_office`).
"""

from __future__ import annotations

import io
import struct

from gongkai.extraction.errors import ExtractionError, Reason
from gongkai.extraction.limits import Limits

WORD97_NFIB = 0xC1  # nFib of Word 97; later versions are higher
F_ENCRYPTED = 0x0100
F_WHICH_TABLE = 0x0200
FC_CLX, LCB_CLX = 0x01A2, 0x01A6
COMPRESSED = 0x40000000
# Word's control characters as a reader sees them: paragraph and cell ends are line
# ends, field codes' delimiters vanish (their result text stays).
CONTROL = str.maketrans(
    {"\r": "\n", "\x07": "\t", "\x0b": "\n", "\x0c": "\n", "\x0e": "\n"}
    | dict.fromkeys("\x13\x14\x15\x01\x08")
)


class NotWord97(Exception):
    """Not a Word 97+ document: let another reader try."""


def word97_to_text(data: bytes, name: str, limits: Limits) -> str:
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError, struct.error) as error:
        raise ExtractionError(
            f"“{name}”已损坏，无法打开（{error}）。", reason=Reason.DAMAGED
        ) from None
    with ole:
        if not ole.exists("WordDocument"):
            raise NotWord97(name)
        word = _stream(ole, "WordDocument", name, limits)
        if len(word) < LCB_CLX + 4:
            raise NotWord97(name)
        ident, nfib = struct.unpack_from("<HH", word, 0)
        flags = struct.unpack_from("<H", word, 0x0A)[0]
        if ident != 0xA5EC or nfib < WORD97_NFIB:
            raise NotWord97(name)
        if flags & F_ENCRYPTED:
            raise ExtractionError(
                f"“{name}”设置了打开密码，无法读取；请去除密码后再试。", reason=Reason.ENCRYPTED
            )
        table_name = "1Table" if flags & F_WHICH_TABLE else "0Table"
        if not ole.exists(table_name):
            raise ExtractionError(f"“{name}”缺少{table_name}，已损坏。", reason=Reason.DAMAGED)
        table = _stream(ole, table_name, name, limits)
    fc_clx, lcb_clx = struct.unpack_from("<II", word, FC_CLX)
    pieces = _piece_table(table[fc_clx : fc_clx + lcb_clx], name)
    parts: list[str] = []
    total = 0
    for start_cp, end_cp, fc in pieces:
        count = max(0, end_cp - start_cp)
        total += count
        if total > limits.max_text_chars:
            raise ExtractionError(
                f"“{name}”的文字超过{limits.max_text_chars}字的上限。", reason=Reason.TOO_LARGE
            )
        if fc & COMPRESSED:
            offset = (fc & ~COMPRESSED) // 2
            parts.append(word[offset : offset + count].decode("cp1252", "replace"))
        else:
            parts.append(word[fc : fc + 2 * count].decode("utf-16-le", "replace"))
    return "".join(parts).translate(CONTROL)


def _stream(ole: object, stream: str, name: str, limits: Limits) -> bytes:
    size = ole.get_size(stream)  # type: ignore[attr-defined]
    if size > limits.max_unzipped_bytes:
        raise ExtractionError(f"“{name}”的内容过大，超过上限。", reason=Reason.TOO_LARGE)
    return ole.openstream(stream).read()  # type: ignore[attr-defined]


def _piece_table(clx: bytes, name: str) -> list[tuple[int, int, int]]:
    """(first CP, end CP, fc) of each piece, from the Clx (MS-DOC §2.9.38)."""
    position = 0
    while position < len(clx) and clx[position] == 0x01:  # Prc: property modifiers
        position += 3 + struct.unpack_from("<H", clx, position + 1)[0]
    if position + 5 > len(clx) or clx[position] != 0x02:
        raise ExtractionError(f"“{name}”的文字索引已损坏。", reason=Reason.DAMAGED)
    size = struct.unpack_from("<I", clx, position + 1)[0]
    plc = clx[position + 5 : position + 5 + size]
    count = (len(plc) - 4) // 12  # n+1 CPs of 4 bytes and n descriptors of 8
    if count < 1:
        raise ExtractionError(f"“{name}”的文字索引已损坏。", reason=Reason.DAMAGED)
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    pieces = []
    for i in range(count):
        fc = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * i + 2)[0]
        pieces.append((cps[i], cps[i + 1], fc))
    return pieces
