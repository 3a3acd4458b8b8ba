"""Published report files → the item stream and plain text the parser reads.

One reader per kind of file. Each turns tables into grid rows (cell boundaries kept, a
blank cell is a blank) and everything else into running text, in reading order. A file
that cannot be read — encrypted, scanned, empty, damaged, not one of the known kinds —
raises :class:`UnreadableFile` with a Chinese message saying which; the audit reports
that as a finding instead of guessing.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from gongkai.extraction import ExtractionError
from gongkai.extraction.errors import out_of_memory
from gongkai.extraction.limits import DEFAULT_LIMITS
from gongkai.extraction.ooxml import check_container
from gongkai.rules.report_parse.layout import Item, grid_row_items, markdown_items, text_items

# A published annual report is a few MB at most; anything far bigger is not one, and
# reading it would only cost memory.
MAX_FILE_BYTES = DEFAULT_LIMITS.max_file_bytes
# Zip-based DOCX: the XML inside may not expand beyond this (a zip bomb would).
MAX_DOCX_XML_BYTES = DEFAULT_LIMITS.max_unzipped_bytes
# Word XML compresses about 10×; a member compressed 200× is a bomb, not a document.
MAX_DOCX_RATIO = 200


class UnreadableFile(Exception):
    """The file cannot be read as a report; ``str(error)`` says why, in Chinese."""


@dataclass(frozen=True)
class Document:
    """A file's content as the parser wants it: items for tables, text for the rest.

    ``reader`` names the PDF reader that read a PDF ("pdfium" or "pdfminer").
    """

    items: list[Item]
    text: str
    reader: str = ""


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile("文本文件的编码无法识别（既不是UTF-8也不是GB18030）。")


def read_text(data: bytes) -> Document:
    """Plain text or markdown (text extracted from a PDF or a web page)."""
    text = _decode(data)
    items = markdown_items(text) if "|" in text else text_items(text)
    return Document(items, text)


def read_html(data: bytes) -> Document:
    """An HTML page: each table holding no other table read as a grid, the rest as text."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(data)
    except (etree.ParserError, ValueError) as error:
        raise UnreadableFile(f"HTML文件无法解析：{error}") from error
    for element in root.xpath("//script|//style|//noscript|//template"):
        element.drop_tree()
    for element in root.iter("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "table"):
        element.tail = "\n" + (element.tail or "")
    # Innermost tables only: government sites often lay the whole page out in a table.
    tables = [t for t in root.iter("table") if not t.xpath(".//table")]
    grids: list[list[list[str]]] = []
    markers: list[str] = []
    for index, table in enumerate(tables):
        grids.append(
            [
                [_html_cell(cell) for cell in row.xpath("./td|./th")]
                for row in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
            ]
        )
        markers.append(f"\ue000{index}\ue000")
        placeholder = lxml.html.Element("span")
        placeholder.text = markers[-1]
        placeholder.tail = table.tail
        table.getparent().replace(table, placeholder)
    text = root.text_content()
    items: list[Item] = []
    plain: list[str] = []
    rest = text
    for index, marker in enumerate(markers):
        before, _, rest = rest.partition(marker)
        items.extend(text_items(before))
        plain.append(before)
        for row in grids[index]:
            items.extend(grid_row_items(row))
            plain.append(" ".join(c for c in row if c) + "\n")
    items.extend(text_items(rest))
    plain.append(rest)
    return Document(items, "".join(plain))


def _html_cell(cell) -> str:
    return cell.text_content().replace("\xa0", " ").strip()


def read_docx(data: bytes) -> Document:
    """A Word document: paragraphs as text, tables as grids, in body order."""
    from docx import Document as open_docx
    from docx.oxml.ns import qn

    try:
        # Shared with screening: refuses encrypted (OLE) and non-zip files, too many parts.
        check_container(data, "该文件", DEFAULT_LIMITS)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if sum(info.file_size for info in members) > MAX_DOCX_XML_BYTES or any(
                info.compress_size and info.file_size > MAX_DOCX_RATIO * info.compress_size
                for info in members
            ):
                raise UnreadableFile("DOCX文件解压后过大（疑似压缩炸弹），拒绝读取。")
        document = open_docx(io.BytesIO(data))
    except ExtractionError as error:
        raise UnreadableFile(str(error)) from error
    except UnreadableFile:
        raise
    except Exception as error:  # python-docx raises several unrelated types on bad files
        raise UnreadableFile(f"DOCX文件无法打开（文件损坏或不是Word文档）：{error}") from error
    # python-docx opens whatever part the package names as the main document (another
    # part swapped in, or a document without a body) and fails later on its attributes.
    body = document.element.body if document.element.tag == qn("w:document") else None
    if body is None:
        raise UnreadableFile("DOCX文件的正文部分已损坏（不是Word正文），无法读取。")
    items: list[Item] = []
    plain: list[str] = []
    paragraph, table, cell_tag = qn("w:p"), qn("w:tbl"), qn("w:tc")
    # Paragraphs between two tables are read as one text: a table typed as text in Word
    # may put one row's numbers in several paragraphs.
    prose: list[str] = []
    for block in body.iterchildren():
        if block.tag == paragraph:
            line = "".join(t.text or "" for t in block.iter(qn("w:t")))
            prose.append(line + "\n")
            plain.append(line + "\n")
        elif block.tag == table:
            items.extend(text_items("".join(prose)))
            prose = []
            for row in block.iter(qn("w:tr")):
                cells = [
                    "\n".join(
                        "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(paragraph)
                    ).strip()
                    for tc in row.iterchildren(cell_tag)
                ]
                items.extend(grid_row_items(cells))
                plain.append(" ".join(c for c in cells if c) + "\n")
    items.extend(text_items("".join(prose)))
    return Document(items, "".join(plain))


def read_pdf(data: bytes) -> Document:
    """A text PDF, parsed by PDFium and laid out by pdfplumber's rules (fast).

    Its pages are read as :func:`read_pdf_pdfminer` reads them (the tests compare the two
    on every labelled PDF). Where PDFium's geometry is not pdfminer's (a rotated page), or
    it finds no text or cannot parse the file, pdfminer reads it instead; the audit also
    has pdfminer read a PDF whose tables PDFium's reading leaves cells open in
    (:func:`.audit.audit_file`). An encrypted file is unreadable either way.
    """
    from gongkai.reports.audit.pdfium_pages import Encrypted, Unsuitable, read_pages

    try:
        pages = read_pages(data, _check_pages)
    except Encrypted as error:
        raise UnreadableFile("PDF文件已加密，无法读取内容。") from error
    except Unsuitable:
        return read_pdf_pdfminer(data)
    items: list[Item] = []
    plain: list[str] = []
    for page in pages:
        _read_pdf_page(page, items, plain)
    text = "".join(plain)
    if not text.strip():
        return read_pdf_pdfminer(data)
    return Document(items, text, "pdfium")


def _check_pages(count: int) -> None:
    if count > DEFAULT_LIMITS.max_pdf_pages:
        raise UnreadableFile(f"PDF文件有{count}页，超过{DEFAULT_LIMITS.max_pdf_pages}页的上限。")


def read_pdf_pdfminer(data: bytes) -> Document:
    """A text PDF read by pdfplumber (pdfminer): ruled tables, the text between them as text.

    A PDF without any text layer is a scan; OCR is out of scope, so it is unreadable.
    """
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    items: list[Item] = []
    plain: list[str] = []
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        # Not ``with``: pdfplumber's close() builds the pages again, failing again. Pages
        # that could not be built hold nothing but the BytesIO, freed with it.
        pages = _pdfplumber_pages(pdf)
        try:
            _check_pages(len(pages))
            for page in pages:
                _read_pdf_page(page, items, plain)
        finally:
            pdf.close()
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise UnreadableFile("PDF文件已加密，无法读取内容。") from error
        raise UnreadableFile(f"PDF文件无法打开（文件损坏或不是PDF）：{cause}") from error
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise UnreadableFile("PDF文件已加密，无法读取内容。") from error
    text = "".join(plain)
    if not text.strip():
        raise UnreadableFile(
            "PDF文件没有可提取的文字（可能是扫描件），需要OCR识别，本工具不识别图片。"
        )
    return Document(items, text, "pdfminer")


def _pdfplumber_pages(pdf) -> list:
    """Every page, which pdfplumber builds from what the file says: a page without a
    MediaBox fails as a TypeError, not as the PdfminerException it declares."""
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        return pdf.pages
    except PdfminerException:
        raise
    except Exception as error:
        if out_of_memory(error):  # the isolated child's limit, not a damaged file
            raise
        name = type(error).__name__
        raise UnreadableFile(f"PDF文件的页面已损坏，无法读取（{name}）。") from error


def _read_pdf_page(page, items: list[Item], plain: list[str]) -> None:
    """One page (pdfplumber's, or :class:`.pdfium_pages.Page`) into items and text."""
    page_text = page.extract_text() or ""
    plain.append(page_text + "\n")
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    top = 0.0
    for table in tables:
        _, t_top, _, t_bottom = table.bbox
        if t_top > top:
            region = page.crop((0, top, page.width, min(t_top, page.height)))
            items.extend(text_items(region.extract_text() or ""))
        for row in table.extract():
            items.extend(grid_row_items(row))
        top = max(top, t_bottom)
    if top < page.height:
        region = page.crop((0, top, page.width, page.height))
        items.extend(text_items(region.extract_text() or ""))


READERS: dict[str, Callable[[bytes], Document]] = {
    ".txt": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
}
SUFFIXES = tuple(READERS)


def read_document(name: str, data: bytes) -> Document:
    """Read a file by its name's suffix; a wrong kind of content is caught, not trusted."""
    suffix = PurePath(name).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise UnreadableFile(
            f"不支持的文件类型“{suffix or '无扩展名'}”，只能读取" + "、".join(SUFFIXES) + "文件。"
        )
    if not data.strip():
        raise UnreadableFile("文件为空。")
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(f"文件超过{MAX_FILE_BYTES // (1024 * 1024)}MB，不是年度报告。")
    if suffix == ".pdf" and not data.lstrip()[:5].startswith(b"%PDF"):
        raise UnreadableFile("文件扩展名为.pdf，但内容不是PDF。")
    return reader(data)
