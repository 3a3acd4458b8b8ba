"""The text layer of a PDF, page by page (pypdf: pure Python, and it reads the
Identity-H TrueType fonts gongkai's own documents embed, in reading order)."""

from __future__ import annotations

import io

from gongkai.extraction.errors import ExtractionError, Reason
from gongkai.extraction.limits import Limits


def pdf_to_text(data: bytes, name: str, limits: Limits) -> str:
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        # Many PDFs carry only an owner password (no printing, no copying) and open with
        # an empty user password; those are readable and must still be screened.
        try:
            opened = reader.decrypt("")
        except (DependencyError, NotImplementedError):
            opened = PasswordType.NOT_DECRYPTED
        if opened == PasswordType.NOT_DECRYPTED:
            raise ExtractionError(
                f"“{name}”是加密的PDF（需要密码才能打开），无法读取其中的文字；请去除密码后再试。",
                reason=Reason.ENCRYPTED,
            )
    try:
        count = len(reader.pages)
    except FileNotDecryptedError:
        raise ExtractionError(f"“{name}”是加密的PDF，无法读取。", reason=Reason.ENCRYPTED) from None
    if count > limits.max_pdf_pages:
        raise ExtractionError(
            f"“{name}”有{count}页，超过{limits.max_pdf_pages}页的上限。",
            reason=Reason.TOO_MANY_PAGES,
        )
    pages: list[str] = []
    total = 0
    for page in reader.pages:
        text = (page.extract_text() or "").replace("\x00", "")
        total += len(text)
        if total > limits.max_text_chars:
            raise ExtractionError(
                f"“{name}”的文字超过{limits.max_text_chars}字的上限。", reason=Reason.TOO_LARGE
            )
        pages.append(text)
    if count and not any(page.strip() for page in pages):
        raise ExtractionError(
            f"“{name}”没有可提取的文字（可能是扫描图片），无法自动检查，请人工核对。",
            reason=Reason.NO_TEXT,
        )
    return "\n".join(pages)
