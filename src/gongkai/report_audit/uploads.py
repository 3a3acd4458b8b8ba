"""Uploaded files and zips, treated as hostile: sizes capped, zips expanded in memory only.

Nothing from an upload is written to disk under its own name, so a member called
``../../etc/passwd`` is only a label; it is still reduced to a plain relative name for
display. A zip bomb is stopped by the declared sizes, the compression ratio and, since
declared sizes can lie, by reading each member with a hard limit.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import PurePath, PurePosixPath

from gongkai.reports.audit.readers import SUFFIXES

MAX_FILE_BYTES = 20 * 1024 * 1024  # one published report
MAX_BATCH_BYTES = 200 * 1024 * 1024  # all files of one batch, zips expanded
MAX_FILES = 1000
MAX_COMPRESSION_RATIO = 100  # text compresses ~10×; a bomb compresses 1000×
ZIP_SUFFIX = ".zip"
# What opening a damaged zip or reading a member raises: a header that disagrees with
# the directory or a bad CRC (BadZipFile), a compression method or zip version Python
# lacks (NotImplementedError), a broken deflate stream (zlib.error), a cut-off file
# (EOFError), an offset before the start (ValueError). Found by tests/abuse/test_fuzz.py.
_DAMAGED_ZIP = (
    zipfile.BadZipFile,
    NotImplementedError,
    zlib.error,
    EOFError,
    ValueError,
    OSError,
)


class UploadError(Exception):
    """The upload as a whole is refused; ``str(error)`` says why, in Chinese."""


@dataclass
class Upload:
    """The report files of one upload, and the names left out with the reason."""

    files: list[tuple[str, bytes]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    total: int = 0

    def add(self, name: str, data: bytes) -> None:
        if len(self.files) >= MAX_FILES:
            raise UploadError(f"一次最多核查{MAX_FILES}个文件。")
        self.total += len(data)
        if self.total > MAX_BATCH_BYTES:
            raise UploadError(f"上传内容合计超过{MAX_BATCH_BYTES // 2**20}MB，请分批上传。")
        self.files.append((name, data))


def safe_name(name: str) -> str:
    """A display name without directories that climb or start at the root."""
    parts = [
        p for p in PurePosixPath(name.replace("\\", "/")).parts if p not in ("", ".", "..", "/")
    ]
    return "/".join(parts)[-300:] or "未命名"


def _known(name: str) -> bool:
    return PurePath(name).suffix.lower() in SUFFIXES


def _expand_zip(name: str, data: bytes, upload: Upload) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _DAMAGED_ZIP:
        raise UploadError(f"“{name}”不是有效的ZIP文件。") from None
    with archive:
        if len(archive.infolist()) > 10 * MAX_FILES:
            raise UploadError(f"“{name}”中的文件过多，一次最多核查{MAX_FILES}个文件。")
        for info in archive.infolist():
            member = f"{name}/{safe_name(info.filename)}"
            if info.is_dir():
                continue
            if not _known(info.filename):
                upload.skipped.append(f"{member}：不是可核查的文件类型")
                continue
            if info.flag_bits & 0x1:
                upload.skipped.append(f"{member}：zip内文件已加密")
                continue
            if info.file_size > MAX_FILE_BYTES:
                upload.skipped.append(f"{member}：超过{MAX_FILE_BYTES // 2**20}MB")
                continue
            if info.compress_size and info.file_size / info.compress_size > MAX_COMPRESSION_RATIO:
                raise UploadError(f"“{name}”中的“{member}”压缩比异常，疑似压缩炸弹，已拒绝。")
            try:
                with archive.open(info) as handle:
                    content = handle.read(MAX_FILE_BYTES + 1)
            except _DAMAGED_ZIP:
                raise UploadError(
                    f"“{name}”中的“{member}”已损坏，无法解压。请重新打包后上传。"
                ) from None
            if len(content) > MAX_FILE_BYTES:
                raise UploadError(f"“{name}”中的“{member}”实际大小与声明不符，已拒绝。")
            upload.add(member, content)


def expand_uploads(files: list[tuple[str, bytes]]) -> Upload:
    """Report files from uploaded files and zips (one level: a zip inside a zip is skipped)."""
    upload = Upload()
    for raw_name, data in files:
        name = safe_name(raw_name)
        if len(data) > MAX_FILE_BYTES and not name.lower().endswith(ZIP_SUFFIX):
            upload.skipped.append(f"{name}：超过{MAX_FILE_BYTES // 2**20}MB")
        elif name.lower().endswith(ZIP_SUFFIX):
            _expand_zip(name, data, upload)
        elif _known(name):
            upload.add(name, data)
        else:
            upload.skipped.append(f"{name}：不是可核查的文件类型")
    if not upload.files:
        raise UploadError(
            "没有可核查的文件：请上传" + "、".join(SUFFIXES) + "文件或包含它们的ZIP文件。"
        )
    return upload
