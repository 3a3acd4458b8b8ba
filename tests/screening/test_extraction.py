"""Text extraction from each supported kind of file, and refusal of hostile ones."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter

from gongkai.extraction import (
    SUPPORTED_SUFFIXES,
    ExtractionError,
    Limits,
    Reason,
    extract_text,
)
from tests.screening import files

LINES = [
    "关于2021年低保对象的公示",
    "张三，联系电话13812345678。",
    "索引号：11420104MB0001000A/2021-00012",
]


def test_txt_in_utf8_gb18030_and_utf16() -> None:
    for encoding in ("utf-8", "gb18030", "utf-16"):
        assert extract_text(files.txt_file(LINES, encoding=encoding), "a.txt") == "\n".join(LINES)


def test_txt_line_ends_are_normalised() -> None:
    assert extract_text("甲\r\n乙\r丙".encode(), "a.csv") == "甲\n乙\n丙"


def test_html_visible_text_only() -> None:
    text = extract_text(files.html_file([*LINES, "A&B <不是标签>"]), "page.html")
    assert text.splitlines() == ["公示", *LINES, "A&B <不是标签>", "姓名\t备注"]
    assert "13900001111" not in text and "13900002222" not in text


def test_html_broken_markup_still_yields_text() -> None:
    assert extract_text(b"<p>\xe5\x85\xac\xe7\xa4\xba<div><b>13812345678", "x.htm") == (
        "公示\n13812345678"
    )


def test_pdf_text_layer() -> None:
    text = extract_text(files.pdf_file(LINES[1:]), "notice.pdf")
    assert "13812345678" in text
    assert "关于公示的通知" in text


def test_docx_body_header_table_and_text_box_once() -> None:
    data = files.docx_file(LINES, header="内部资料 注意保存", cell="身份证号见附件")
    text = extract_text(data, "a.docx")
    assert text.splitlines() == [*LINES, "备注", "身份证号见附件", "内部资料 注意保存"]
    boxed = extract_text(files.docx_with_text_box("正文", "电话13812345678"), "b.docx")
    assert boxed.splitlines() == ["正文", "电话13812345678"]


def test_xlsx_cells_rows_and_hidden_sheets() -> None:
    data = files.xlsx_file(
        [["姓名", "电话", "金额"], ["张三", 13812345678, 1200.5], ["李四", None, None]],
        hidden=["底稿", "420104199003071234"],
    )
    assert extract_text(data, "名单.xlsx").splitlines() == [
        "【名单】",
        "姓名\t电话\t金额",
        "张三\t13812345678\t1200.5",
        "李四",
        "【底稿】",
        "底稿\t420104199003071234",
    ]


def test_path_and_filename_override(tmp_path: Path) -> None:
    path = tmp_path / "upload.bin"
    path.write_bytes(files.txt_file(LINES))
    assert extract_text(path, "原件.txt") == "\n".join(LINES)
    (tmp_path / "b.txt").write_bytes(b"ok")
    assert extract_text(str(tmp_path / "b.txt")) == "ok"


def refused(data: bytes, name: str, **limits: int) -> ExtractionError:
    with pytest.raises(ExtractionError) as caught:
        extract_text(data, name, limits=Limits(**limits))
    return caught.value


def test_unsupported_and_nameless() -> None:
    error = refused(b"x", "a.pages")
    assert error.reason is Reason.UNSUPPORTED and "不支持“a.pages”" in str(error)
    with pytest.raises(ExtractionError, match="未提供文件名"):
        extract_text(b"x")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="不存在") as caught:
        extract_text(tmp_path / "nope.pdf")
    assert caught.value.reason is Reason.UNREADABLE


def test_size_limit_before_parsing() -> None:
    error = refused(b"a" * 2048, "a.txt", max_file_bytes=1024)
    assert error.reason is Reason.TOO_LARGE
    assert str(error) == "“a.txt”有2.0KB，超过1.0KB的上限。"


def test_binary_named_txt() -> None:
    assert refused(b"\x89PNG\x00\x00", "a.txt").reason is Reason.MISMATCH


def test_undecodable_text() -> None:
    error = refused(b"abc\xffdef", "a.txt")
    assert error.reason is Reason.UNREADABLE and "编码无法识别" in str(error)


def test_wrong_extension_and_garbage() -> None:
    assert refused(files.txt_file(LINES), "a.pdf").reason is Reason.MISMATCH
    assert refused(b"%PDF-1.7\n" + bytes(range(256)) * 4, "a.pdf").reason is Reason.DAMAGED
    assert refused(files.pdf_file(LINES), "a.docx").reason is Reason.MISMATCH
    assert refused(b"PK\x03\x04" + b"\x00" * 100, "a.xlsx").reason is Reason.DAMAGED
    docx_bytes = files.docx_file(LINES)
    assert refused(docx_bytes, "a.xlsx").reason is Reason.DAMAGED


def test_ole_container_is_encrypted_office_or_legacy() -> None:
    error = refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "a.docx")
    assert error.reason is Reason.ENCRYPTED and "打开密码" in str(error)


def _encrypted_pdf(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(files.pdf_file(LINES)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_password_protected_pdf_is_refused_but_owner_only_is_read() -> None:
    assert refused(_encrypted_pdf("secret"), "a.pdf").reason is Reason.ENCRYPTED
    assert "13812345678" in extract_text(_encrypted_pdf(""), "b.pdf")


def test_scanned_pdf_has_no_text() -> None:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    error = refused(buffer.getvalue(), "scan.pdf")
    assert error.reason is Reason.NO_TEXT and "扫描" in str(error)


def test_page_and_text_limits() -> None:
    assert refused(files.pdf_file(LINES), "a.pdf", max_pdf_pages=0).reason is Reason.TOO_MANY_PAGES
    assert refused(files.docx_file(LINES), "a.docx", max_text_chars=10).reason is Reason.TOO_LARGE
    data = files.xlsx_file([[1, 2, 3]] * 10)
    assert refused(data, "a.xlsx", max_sheet_cells=20).reason is Reason.TOO_LARGE


def test_zip_bomb_is_refused_before_inflating() -> None:
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(files.docx_file(LINES))) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for item in source.infolist():
            bomb.writestr(item, source.read(item))
        bomb.writestr("word/media/padding.bin", b"\x00" * (4 * 1024 * 1024))
    error = refused(buffer.getvalue(), "bomb.docx", max_unzipped_bytes=2 * 1024 * 1024)
    assert error.reason is Reason.ZIP_BOMB and "压缩炸弹" in str(error)


def test_xml_entities_are_not_expanded() -> None:
    """A billion-laughs DOCX part: the entity is not resolved, so nothing blows up."""
    buffer = io.BytesIO()
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
        + "".join(
            f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + "]>"
    )
    with (
        zipfile.ZipFile(io.BytesIO(files.docx_file(LINES))) as source,
        zipfile.ZipFile(buffer, "w") as bomb,
    ):
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                body = data.decode().split("?>", 1)[1].replace("<w:t>张三", "<w:t>&i;张三", 1)
                data = (laughs + body).encode()
            bomb.writestr(item, data)
    try:
        text = extract_text(buffer.getvalue(), "laughs.docx")
    except ExtractionError as error:
        assert error.reason is Reason.DAMAGED
    else:
        assert "哈哈哈" not in text and len(text) < 1000


SAMPLES = {
    ".pdf": files.pdf_file(LINES),
    ".docx": files.docx_file(LINES, header="页眉", cell="单元格"),
    ".xlsx": files.xlsx_file([["姓名", 13812345678]]),
    ".html": files.html_file(LINES),
    ".txt": files.txt_file(LINES),
}


def _text_or_extraction_error(data: bytes, name: str) -> None:
    try:
        assert isinstance(extract_text(data, name), str)
    except ExtractionError as error:
        assert str(error) and error.reason in Reason


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(SUPPORTED_SUFFIXES))
def test_random_bytes_never_crash(data: bytes, suffix: str) -> None:
    _text_or_extraction_error(data, f"x{suffix}")


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(sorted(SAMPLES)),
    st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=8),
    st.floats(0.1, 1),
)
def test_damaged_real_files_never_crash(
    suffix: str, flips: list[tuple[float, int]], keep: float
) -> None:
    """Real files with bytes overwritten and the tail cut off, as a broken upload is."""
    data = bytearray(SAMPLES[suffix])
    for where, value in flips:
        data[int(where * len(data))] = value
    _text_or_extraction_error(bytes(data[: max(1, int(len(data) * keep))]), f"x{suffix}")
