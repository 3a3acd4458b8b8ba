"""Real legacy Office files, built here: a Word 97 ``.doc`` and an Excel 97 ``.xls``.

No tool on the machine writes ``.doc``, so :func:`doc_file` assembles the smallest file
Word 97 readers accept: an OLE2 compound file (MS-CFB, version 3, 512-byte sectors)
holding a ``WordDocument`` stream (the FIB and the text, UTF-16) and a ``1Table`` stream
whose piece table (CLX) says where the text is (MS-DOC §2.4.1). ``xls_file`` uses xlwt.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Sequence

END, FREE, FAT_SECTOR = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
SECTOR = 512
MIN_STREAM = 4096  # smaller streams would live in the mini stream, which this omits


def compound_file(streams: Sequence[tuple[str, bytes]]) -> bytes:
    """An OLE2 file with these streams (each at least 4 KB), names in ascending order."""
    fat = [FAT_SECTOR]
    sectors: list[bytes] = []
    starts: list[int] = []
    for _, data in streams:
        assert len(data) >= MIN_STREAM
        padded = data + b"\x00" * (-len(data) % SECTOR)
        count = len(padded) // SECTOR
        starts.append(len(fat))
        for i in range(count):
            fat.append(len(fat) + 1 if i < count - 1 else END)
            sectors.append(padded[i * SECTOR : (i + 1) * SECTOR])
    directory_sector = len(fat)
    fat.append(END)
    entries = [_entry("Root Entry", 5, left=FREE, child=len(streams), start=END, size=0)]
    for i, (name, data) in enumerate(streams):
        entries.append(_entry(name, 2, left=i or FREE, child=FREE, start=starts[i], size=len(data)))
    directory = b"".join(entries).ljust(SECTOR, b"\x00")
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<9I", 0, 1, directory_sector, 0, MIN_STREAM, END, 0, END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", FREE) * 108
    )
    fat_sector = struct.pack("<128I", *(fat + [FREE] * (128 - len(fat))))
    return header + fat_sector + b"".join(sectors) + directory


def _entry(name: str, kind: int, *, left: int, child: int, start: int, size: int) -> bytes:
    raw = name.encode("utf-16-le") + b"\x00\x00"
    return (
        raw.ljust(64, b"\x00")
        + struct.pack("<HBBIII", len(raw), kind, 1, left, FREE, child)
        + b"\x00" * 36
        + struct.pack("<IIi", start, size, 0)
    )


def doc_file(text: str) -> bytes:
    """A Word 97 document whose one paragraph is ``text``."""
    encoded = (text + "\r").encode("utf-16-le")
    characters = len(text) + 1
    word = bytearray(MIN_STREAM)
    struct.pack_into("<HH", word, 0, 0xA5EC, 0x00C1)  # wIdent, nFib (Word 97)
    struct.pack_into("<H", word, 0x0A, 0x0200)  # fWhichTblStm: the table is 1Table
    struct.pack_into("<II", word, 0x18, 0x400, 0x400 + len(encoded))  # fcMin, fcMac
    struct.pack_into("<I", word, 0x4C, characters)  # ccpText
    word[0x400 : 0x400 + len(encoded)] = encoded
    # One piece: characters 0..n are UTF-16 at byte 0x400 of WordDocument.
    pieces = struct.pack("<II", 0, characters) + struct.pack("<HIH", 0, 0x400, 0)
    clx = b"\x02" + struct.pack("<I", len(pieces)) + pieces
    struct.pack_into("<II", word, 0x1A2, 0, len(clx))  # fcClx, lcbClx
    table = clx.ljust(MIN_STREAM, b"\x00")
    return compound_file([("1Table", table), ("WordDocument", bytes(word))])


def xls_file(rows: Sequence[Sequence[str]]) -> bytes:
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("名单")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
