"""Screening what an applicant uploads: identity proofs and supplement material.

The files are personal data by nature (a scan of an ID card), so screening here does
not look for personal data to block; it makes sure staff can open what was sent and
that nothing else rides in under a harmless name: the size is bounded before the file
is read, the kind is decided by the first bytes (PDF, JPEG or PNG only), an image must
decode, and a PDF goes through the text extractor in a limited child process, so an
encrypted or damaged one is refused with a message saying what to fix, while a scan
without a text layer (the usual identity proof) is accepted and noted as such.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from gongkai.extraction import ExtractionError, Limits, Reason, extract_text_isolated
from gongkai.extraction.sniff import LABELS, sniff

# Kind by magic bytes -> the suffix the stored file gets.
ACCEPTED_KINDS = {"pdf": ".pdf", "jpeg": ".jpg", "png": ".png"}
ACCEPTED_TEXT = "PDF、JPG或PNG"
# Identity proofs are one or two pages; a supplement a few. Anything longer is not
# something staff read online, and would only slow the extractor.
MAX_PDF_PAGES = 200
# A decompression bomb: a small PNG declaring a gigantic canvas.
MAX_IMAGE_PIXELS = 60_000_000
NAME_MAX = 200


@dataclass(frozen=True)
class ScreenedFile:
    """An upload that passed screening, with what staff are told about it."""

    original_name: str
    content_kind: str
    data: bytes
    screening_note: str

    @property
    def suffix(self) -> str:
        return ACCEPTED_KINDS[self.content_kind]

    @property
    def size(self) -> int:
        return len(self.data)


def max_upload_bytes() -> int:
    return settings.GONGKAI_APPLICANT_UPLOAD_MAX_MB * 1024 * 1024


def screen_upload(upload: UploadedFile, *, what: str) -> ScreenedFile:
    """Read and check one upload, or raise a ValidationError naming ``what`` and the fault."""
    name = (upload.name or "文件")[-NAME_MAX:]
    limit = max_upload_bytes()
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            f"{what}“{name}”过大（{_megabytes(upload.size)}），"
            f"不能超过{settings.GONGKAI_APPLICANT_UPLOAD_MAX_MB}MB。请压缩或缩小后重新上传。"
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            f"{what}“{name}”过大，不能超过{settings.GONGKAI_APPLICANT_UPLOAD_MAX_MB}MB。"
        )
    if not data:
        raise ValidationError(f"{what}“{name}”是空文件，请重新选择。")
    return screen_bytes(data, name=name, what=what)


def screen_bytes(data: bytes, *, name: str, what: str) -> ScreenedFile:
    kind = sniff(data)
    if kind not in ACCEPTED_KINDS:
        raise ValidationError(
            f"{what}只接受{ACCEPTED_TEXT}文件；“{name}”的内容是{LABELS[kind]}。"
            "请拍照或扫描后以图片或PDF上传。"
        )
    if kind == "pdf":
        note = _screen_pdf(data, name=name, what=what)
    else:
        note = _screen_image(data, name=name, what=what)
    return ScreenedFile(original_name=name, content_kind=kind, data=data, screening_note=note)


def _screen_pdf(data: bytes, *, name: str, what: str) -> str:
    limits = Limits(max_file_bytes=max_upload_bytes(), max_pdf_pages=MAX_PDF_PAGES)
    try:
        extract_text_isolated(data, "upload.pdf", limits=limits)
    except ExtractionError as error:
        if error.reason == Reason.NO_TEXT:
            return "PDF扫描件（无文字层），请人工查看"
        if error.reason == Reason.ENCRYPTED:
            raise ValidationError(
                f"{what}“{name}”设置了密码，工作人员无法打开。请去除密码后重新上传。"
            ) from None
        if error.reason == Reason.TOO_MANY_PAGES:
            raise ValidationError(
                f"{what}“{name}”页数过多（上限{MAX_PDF_PAGES}页），请只上传所需的页面。"
            ) from None
        raise ValidationError(
            f"{what}“{name}”无法读取（文件可能已损坏），请重新导出或扫描后上传。"
        ) from None
    return "PDF，可读取文字"


def _screen_image(data: bytes, *, name: str, what: str) -> str:
    from PIL import Image

    damaged = ValidationError(f"{what}“{name}”图片已损坏，无法打开，请重新拍照或扫描后上传。")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ValidationError(
                        f"{what}“{name}”图片尺寸过大（{width}×{height}像素），请缩小后上传。"
                    )
                image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ValidationError(f"{what}“{name}”图片尺寸过大，请缩小后上传。") from None
    except Exception:  # any decoder failure means staff cannot open it
        raise damaged from None
    return f"{LABELS[sniff(data)]}，{width}×{height}像素"


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}MB"
