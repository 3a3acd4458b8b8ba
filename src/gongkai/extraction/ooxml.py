"""What DOCX and XLSX share: a zip container, checked before anything is inflated."""

from __future__ import annotations

import io
import zipfile

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
    except (zipfile.BadZipFile, ValueError, OSError) as error:
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
            reason=Reason.TOO_LARGE,
        )
