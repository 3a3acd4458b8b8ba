"""What a file is by its first bytes, not by its name (issue 12 (4): an ``.exe`` renamed
``.pdf`` went through the screening gate).

Each extension admits the containers its format can come in; anything else is a
``mismatch`` and the file is not read. Text formats admit no known binary signature.
"""

from __future__ import annotations

from pathlib import PurePath

from gongkai.extraction.errors import ExtractionError, Reason

# (signature, offset window, kind, label). PDF readers accept up to 1 KB of junk before
# the header (Acrobat does), so the PDF signature is looked for in that window.
SIGNATURES: tuple[tuple[bytes, int, str, str], ...] = (
    (b"%PDF-", 1024, "pdf", "PDF文件"),
    (b"PK\x03\x04", 0, "zip", "ZIP压缩包"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "ole", "旧版Office（OLE）文件"),
    (b"MZ", 0, "exe", "Windows可执行程序"),
    (b"\x7fELF", 0, "elf", "Linux可执行程序"),
    (b"\x89PNG", 0, "png", "PNG图片"),
    (b"\xff\xd8\xff", 0, "jpeg", "JPEG图片"),
    (b"GIF8", 0, "gif", "GIF图片"),
    (b"Rar!", 0, "rar", "RAR压缩包"),
    (b"7z\xbc\xaf", 0, "7z", "7z压缩包"),
    (b"\x1f\x8b", 0, "gzip", "gzip压缩包"),
)
TEXT = "text"  # no known binary signature
LABELS = {kind: label for _, _, kind, label in SIGNATURES} | {TEXT: "文本"}

# What each readable extension may contain. An encrypted DOCX/XLSX is an OLE file
# (MS-OFFCRYPTO), so those admit "ole" and the OOXML reader says which it is.
EXPECTED: dict[str, frozenset[str]] = {
    ".txt": frozenset({TEXT}),
    ".csv": frozenset({TEXT}),
    ".html": frozenset({TEXT}),
    ".htm": frozenset({TEXT}),
    ".pdf": frozenset({"pdf"}),
    ".docx": frozenset({"zip", "ole"}),
    ".xlsx": frozenset({"zip", "ole"}),
    ".ofd": frozenset({"zip"}),
    ".doc": frozenset({"ole"}),
    ".wps": frozenset({"ole"}),
    ".xls": frozenset({"ole"}),
    ".et": frozenset({"ole"}),
}


def sniff(data: bytes) -> str:
    """The kind of container ``data`` starts with, or ``"text"`` when none is known."""
    for signature, window, kind, _ in SIGNATURES:
        if data.startswith(signature) or (window and signature in data[:window]):
            # "MZ" also begins ordinary text (a CSV cell); a DOS header has NULs.
            if kind == "exe" and b"\x00" not in data[:64]:
                continue
            return kind
    return TEXT


def check_content(data: bytes, name: str) -> None:
    """Refuse a file whose content is not what its extension says."""
    suffix = PurePath(name).suffix.lower()
    expected = EXPECTED.get(suffix)
    kind = sniff(data)
    if expected is None or kind in expected:
        return
    raise ExtractionError(
        f"“{name}”的内容是{LABELS[kind]}，与扩展名{suffix}不符，无法读取。",
        reason=Reason.MISMATCH,
    )
