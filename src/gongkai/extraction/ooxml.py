"""What DOCX and XLSX share: a zip container, checked before anything is inflated."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from gongkai.extraction.errors import ExtractionError, Reason
from gongkai.extraction.limits import Limits

# An encrypted DOCX/XLSX (打开密码) is not a zip but an OLE compound file holding the
# encrypted package (MS-OFFCRYPTO); so is a legacy .doc/.xls renamed.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def check_container(data: bytes, name: str, limits: Limits) -> None:
    """Refuse encrypted, non-zip and zip-bomb files with a message saying which."""
    if data.startswith(OLE_MAGIC):
        raise ExtractionError(
            f"“{name}”设置了打开密码，或是旧版Office格式（.doc/.xls），无法读取；"
            "请去除密码或另存为.docx/.xlsx后再试。",
            reason=Reason.ENCRYPTED,
        )
    if not data.startswith(ZIP_MAGIC):
        raise ExtractionError(
            f"“{name}”不是有效的Office文档（文件已损坏或扩展名不符）。", reason=Reason.DAMAGED
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError) as error:
        # NotImplementedError: a zip version or feature Python lacks (tests/abuse/test_fuzz.py)
        raise ExtractionError(
            f"“{name}”已损坏，无法打开（{error}）。", reason=Reason.DAMAGED
        ) from None
    if len(entries) > limits.max_zip_entries:
        raise ExtractionError(
            f"“{name}”内部含{len(entries)}个部件，超过{limits.max_zip_entries}个的上限。",
            reason=Reason.TOO_LARGE,
        )
    inflated = sum(entry.file_size for entry in entries)
    if inflated > limits.max_unzipped_bytes:
        raise ExtractionError(
            f"“{name}”解压后达{inflated // (1024 * 1024)}MB，超过"
            f"{limits.max_unzipped_bytes // (1024 * 1024)}MB的上限（可能是压缩炸弹）。",
            reason=Reason.ZIP_BOMB,
        )
    _check_true_sizes(data, entries, name)


# Inflated a megabyte at a time: the check itself never holds more.
_CHUNK = 1024 * 1024
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature … name length, extra length


def _check_true_sizes(data: bytes, entries: list[zipfile.ZipInfo], name: str) -> None:
    """Inflate each deflated member in bounded chunks; refuse one holding more than it
    declares.

    The declared sizes above can lie. ``zipfile`` stops *returning* bytes at the
    declared size, but it inflates all of a member's compressed data in one call first
    (``ZipExtFile.read()``), so a member declaring 8 KB and holding 400 MB costs 400 MB
    and seconds in whichever reader opens it (python-docx, openpyxl) — found by
    tests/abuse/test_fuzz.py. Counting here caps the whole file at the checked total.
    """
    for entry in entries:
        if entry.compress_type != zipfile.ZIP_DEFLATED:
            continue  # stored members hold what they are; other methods fail in the reader
        header = data[entry.header_offset : entry.header_offset + _LOCAL_HEADER.size]
        if len(header) < _LOCAL_HEADER.size:
            continue  # the reader reports the damage
        _, name_length, extra_length = _LOCAL_HEADER.unpack(header)
        start = entry.header_offset + _LOCAL_HEADER.size + name_length + extra_length
        pending = data[start : start + entry.compress_size]
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        held = 0
        try:
            while pending and not inflater.eof:
                held += len(inflater.decompress(pending, _CHUNK))
                if held > entry.file_size:
                    raise ExtractionError(
                        f"“{name}”中的部件“{entry.filename}”解压后超过其声明的大小"
                        "（可能是压缩炸弹），拒绝读取。",
                        reason=Reason.ZIP_BOMB,
                    )
                pending = inflater.unconsumed_tail
        except zlib.error:
            continue  # a broken stream: the reader reports the damage
