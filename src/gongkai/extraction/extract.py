"""Choose the reader by file name, check the content agrees (by its first bytes, see
:mod:`sniff`), enforce the limits."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path, PurePath

from gongkai.extraction.docx_text import docx_to_text
from gongkai.extraction.errors import ExtractionError, Reason, out_of_memory
from gongkai.extraction.html_text import html_to_text
from gongkai.extraction.legacy_office import legacy_to_text
from gongkai.extraction.limits import DEFAULT_LIMITS, Limits
from gongkai.extraction.ofd_text import ofd_to_text
from gongkai.extraction.ooxml import check_container
from gongkai.extraction.pdf_text import pdf_to_text
from gongkai.extraction.plain_text import decode_text
from gongkai.extraction.sniff import check_content
from gongkai.extraction.xlsx_text import xlsx_to_text


def _text(data: bytes, name: str, limits: Limits) -> str:
    return decode_text(data, name)


def _html(data: bytes, name: str, limits: Limits) -> str:
    return html_to_text(decode_text(data, name))


def _pdf(data: bytes, name: str, limits: Limits) -> str:
    return pdf_to_text(data, name, limits)


def _docx(data: bytes, name: str, limits: Limits) -> str:
    check_container(data, name, limits)
    return docx_to_text(data, name, limits)


def _xlsx(data: bytes, name: str, limits: Limits) -> str:
    check_container(data, name, limits)
    return xlsx_to_text(data, name, limits)


READERS: dict[str, Callable[[bytes, str, Limits], str]] = {
    ".txt": _text,
    ".csv": _text,
    ".html": _html,
    ".htm": _html,
    ".pdf": _pdf,
    ".docx": _docx,
    ".xlsx": _xlsx,
    ".ofd": ofd_to_text,
    ".doc": legacy_to_text,
    ".wps": legacy_to_text,
    ".xls": legacy_to_text,
    ".et": legacy_to_text,
}
SUPPORTED_SUFFIXES = tuple(READERS)


def extract_text(
    source: bytes | str | os.PathLike[str],
    filename: str | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
) -> str:
    """The file's text with ``\\n`` line ends, or ExtractionError saying why not.

    ``source`` is the file's path or its content; ``filename`` (required with bytes)
    decides the format by its extension and is named in error messages.
    """
    if isinstance(source, bytes):
        if not filename:
            raise ExtractionError("未提供文件名，无法判断文件类型。", reason=Reason.UNSUPPORTED)
        name, data = PurePath(filename).name, source
        reader = _reader(name)
        check_size(len(data), name, limits)
    else:
        path = Path(source)
        name = PurePath(filename).name if filename else path.name
        reader = _reader(name)
        data = _read(path, name, limits)
    check_content(data, name)
    try:
        text = reader(data, name, limits)
    except ExtractionError:
        raise
    except Exception as error:  # any parser failure on a hostile file is "damaged"
        if out_of_memory(error):  # the child's limit speaking (isolated.py), not damage
            raise MemoryError(f"out of memory reading {name}") from error
        raise ExtractionError(
            f"“{name}”已损坏或格式异常，无法读取（{type(error).__name__}）。",
            reason=Reason.DAMAGED,
        ) from error
    if len(text) > limits.max_text_chars:
        raise ExtractionError(
            f"“{name}”的文字超过{limits.max_text_chars}字的上限。", reason=Reason.TOO_LARGE
        )
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def _reader(name: str) -> Callable[[bytes, str, Limits], str]:
    suffix = PurePath(name).suffix.lower()
    if suffix not in READERS:
        supported = "、".join(SUPPORTED_SUFFIXES)
        raise ExtractionError(
            f"不支持“{name}”的文件类型（{suffix or '无扩展名'}），可读取：{supported}。",
            reason=Reason.UNSUPPORTED,
        )
    return READERS[suffix]


def check_size(size: int, name: str, limits: Limits) -> None:
    if size > limits.max_file_bytes:
        raise ExtractionError(
            f"“{name}”有{_human(size)}，超过{_human(limits.max_file_bytes)}的上限。",
            reason=Reason.TOO_LARGE,
        )


def _human(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f}MB"
    return f"{size / 1024:.1f}KB"


def _read(path: Path, name: str, limits: Limits) -> bytes:
    try:
        if not path.is_file():
            raise ExtractionError(f"“{name}”不存在或不是文件。", reason=Reason.UNREADABLE)
        check_size(path.stat().st_size, name, limits)
        with path.open("rb") as handle:
            data = handle.read(limits.max_file_bytes + 1)
    except OSError as error:
        raise ExtractionError(
            f"无法读取“{name}”：{error.strerror or error}。", reason=Reason.UNREADABLE
        ) from None
    check_size(len(data), name, limits)
    return data
