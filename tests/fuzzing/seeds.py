"""Real files to mutate: the published reports in ../shared/data, the test suite's fixtures,
and files gongkai itself writes (ledgers, reports, letters-like documents).

Built once per process (``functools.cache``): the reports render in about a second.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[2]
# The lead's checkout keeps shared/ beside the repository; CI copies it there too.
SHARED_REPORTS = next(
    (
        p
        for p in (ROOT.parent / "shared" / "data" / "reports", Path("/work/shared/data/reports"))
        if p.is_dir()
    ),
    None,
)
CORPUS = ROOT / "tests" / "screening" / "corpus"


def xlsx(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list[Any]], *, encoding: str = "utf-8") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)


@cache
def ledger_files() -> tuple[tuple[str, bytes], ...]:
    """The ledger tests' six good rows, as .xlsx and as CSV in both encodings clerks use."""
    from tests.test_ledger import GOOD_ROWS, WITH_CONTACT

    rows = [list(WITH_CONTACT), *GOOD_ROWS]
    return (
        ("台账.xlsx", xlsx(rows)),
        ("台账.csv", csv_bytes(rows)),
        ("台账.csv", csv_bytes(rows, encoding="gb18030")),
    )


@cache
def catalogue_files() -> tuple[tuple[str, bytes], ...]:
    """A catalogue export with every column, rows that would import into the test district."""
    header = ["名称", "栏目", "成文日期", "主题分类", "信息类别", "索引号", "发布日期", "文号"]
    header += ["有效性", "失效或废止日期", "内容概述", "关键词", "正文"]
    rows = [
        header,
        [
            *("关于调整城乡低保标准的通知", "regulations", date(2025, 3, 1), "民政、扶贫、救灾"),
            *("行政规范性文件", "", "2025-03-05", "测民发〔2025〕3号", "有效", "", "低保标准"),
            *("低保", "城乡最低生活保障标准自4月起调整。"),
        ],
        [
            *("2024年部门预算", "budget", "2024/1/20", "财政、金融、审计", "部门预算", ""),
            *("2024年2月1日", "", "废止", "2025-01-01", "", "", "收支总表。\n第二段。"),
        ],
    ]
    return (
        ("目录.xlsx", xlsx(rows)),
        ("目录.csv", csv_bytes(rows)),
        ("目录.csv", csv_bytes(rows, encoding="gb18030")),
    )


@cache
def rendered_report() -> dict:
    """The simplest 2021-format report the shared Hypothesis strategy draws (found at once,
    no shrinking): the layout is what the mutations work on, not the figures."""
    from hypothesis import find, settings

    from tests.report_strategies import valid_reports

    return find(
        valid_reports(max_count=200),
        lambda r: r["format"] == "2021",
        settings=settings(database=None, max_examples=200),
    )


@cache
def report_files() -> tuple[tuple[str, bytes], ...]:
    """Published reports as agencies post them (text, markdown, HTML, PDF) and gongkai's own."""
    from gongkai.reports.render import render_docx, render_html, render_pdf

    found: list[tuple[str, bytes]] = []
    if SHARED_REPORTS:
        for path in sorted(SHARED_REPORTS.glob("*/*")):
            if path.suffix in (".txt", ".md", ".html", ".pdf"):
                found.append((path.name, path.read_bytes()))
    report = rendered_report()
    found += [
        ("report.html", render_html(report).encode()),
        ("report.docx", render_docx(report)),
        ("report.pdf", render_pdf(report)),
    ]
    return tuple(found)


@cache
def corpus_texts() -> tuple[str, ...]:
    """The screening corpus (labels stripped: real IDs, phones, cards, markings, decoys)."""
    from tests.screening.test_corpus import read_labelled

    return tuple(read_labelled(p.read_text("utf-8")).text for p in sorted(CORPUS.glob("*.txt")))


@cache
def document_files() -> tuple[tuple[str, bytes], ...]:
    """One file of every kind the extractor reads, with screening-relevant text inside."""
    from tests.screening.files import docx_file, html_file, pdf_file, txt_file, xlsx_file
    from tests.screening.legacy_files import doc_file, xls_file
    from tests.screening.test_hostile_files import ofd_file

    lines = corpus_texts()[0].splitlines()[:30]
    files = [
        ("公示.txt", txt_file(lines)),
        ("公示.csv", txt_file([",".join(line.split()) for line in lines], encoding="gb18030")),
        ("公示.html", html_file(lines)),
        ("公示.pdf", pdf_file(lines[:10])),
        ("公示.docx", docx_file(lines, header="内部资料 注意保存", cell="13800138000")),
        (
            "名单.xlsx",
            xlsx_file([line.split()[:5] for line in lines], hidden=["420104199001011234"]),
        ),
        ("公示.ofd", ofd_file(lines[0])),
        ("公示.doc", doc_file("\n".join(lines))),
        ("公示.wps", doc_file("\n".join(lines[:5]))),
        ("名单.xls", xls_file([line.split()[:3] for line in lines[:10]])),
        ("名单.et", xls_file([line.split()[:3] for line in lines[:3]])),
    ]
    if SHARED_REPORTS:
        files += [(p.name, p.read_bytes()) for p in sorted(SHARED_REPORTS.glob("*/report.pdf"))]
    return tuple(files)


CALENDAR = """\
年度 = 2027
来源 = 国务院办公厅关于2027年部分节假日安排的通知
2027-01-01 休 元旦
2027-02-06~2027-02-13 休 春节      # a range covers every day from A to B
2027-02-14 班 春节
2027-04-05 休 清明节
2027-05-01~2027-05-05 休 劳动节
2027-05-08 班 劳动节
2027-06-09 休 端午节
2027-09-15 休 中秋节
2027-10-01~2027-10-07 休 国庆节
2027-10-09 班 国庆节
"""
