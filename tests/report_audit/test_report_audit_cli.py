"""``gongkai report audit``: bad files, exit codes, the summary file, cross-year findings."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from fpdf import FPDF
from openpyxl import load_workbook
from pypdf import PdfReader, PdfWriter

from gongkai.cli import main
from gongkai.extraction.ooxml import OLE_MAGIC
from gongkai.reports.audit.audit import audit_file, cross_check

REFERENCE = Path("/work/shared/reference/qiaokou-2021-annual-report.txt")
SHANGHAI = Path("/work/shared/data/reports/027_shanghai-bgt_2019/page.html")
pytestmark = pytest.mark.skipif(not REFERENCE.is_file(), reason="shared reference missing")


def _blank_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 50, 50)  # a drawing, no text: what a scan looks like to a text reader
    return bytes(pdf.output())


def _encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_blank_pdf())))
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _finding(name: str, data: bytes) -> dict:
    result = audit_file(name, data)
    assert result.errors == 1 and result.tables == {}
    return result.findings[0]


@pytest.mark.parametrize(
    ("name", "data", "rule", "words"),
    [
        ("empty.txt", b"", "file.unreadable", "文件为空"),
        ("blank.pdf", b"   \n", "file.unreadable", "文件为空"),
        ("scan.pdf", _blank_pdf(), "file.unreadable", "扫描件"),
        ("locked.pdf", _encrypted_pdf(), "file.unreadable", "已加密"),
        ("broken.pdf", b"%PDF-1.4\n%garbage\n", "file.unreadable", "无法打开"),
        ("fake.pdf", b"<html>not a pdf</html>", "file.unreadable", "内容不是PDF"),
        ("fake.docx", b"plain text", "file.unreadable", "不是有效的Office文档"),
        ("locked.docx", OLE_MAGIC + b"\0" * 512, "file.unreadable", "设置了打开密码"),
        ("broken.docx", b"PK\x03\x04broken", "file.unreadable", "无法打开"),
        ("report.exe", b"MZ\x90\x00", "file.unreadable", "不支持的文件类型"),
        ("notes.txt", "今天开会讨论了食堂的菜单。".encode(), "file.not_a_report", "不是年度报告"),
        ("gbk.txt", "今天开会讨论了食堂。".encode("gb18030"), "file.not_a_report", "不是年度报告"),
    ],
)
def test_bad_files_give_a_finding_not_a_crash(name: str, data: bytes, rule: str, words: str):
    finding = _finding(name, data)
    assert finding["rule"] == rule and finding["severity"] == "error"
    assert words in finding["message"]


def test_single_clean_report_exits_zero() -> None:
    result = CliRunner().invoke(main, ["report", "audit", str(REFERENCE)])
    assert result.exit_code == 0, result.output
    assert "硚口区大数据中心 2021，格式 2021" in result.output
    assert "未发现问题" in result.output


def test_errors_exit_one_and_json_lists_findings() -> None:
    result = CliRunner().invoke(main, ["report", "audit", str(SHANGHAI), "--format", "json"])
    assert result.exit_code == 1
    (report,) = json.loads(result.stdout)
    assert report["format"] == "2019" and report["year"] == 2019
    assert report["errors"] == 12 and len(report["tables"]["applications"]) == 23
    assert {f["rule"] for f in report["findings"]} == {
        "applications.results_total",
        "applications.row_total",
    }


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_folder_batch_writes_the_summary(tmp_path: Path, suffix: str) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "qiaokou.txt").write_bytes(REFERENCE.read_bytes())
    (folder / "shanghai.html").write_bytes(SHANGHAI.read_bytes())
    (folder / "scan.pdf").write_bytes(_blank_pdf())
    (folder / "label.json").write_text("{}")  # not a report kind: not picked up
    summary = tmp_path / f"summary{suffix}"
    jobs = ["--jobs", "2"] if suffix == ".xlsx" else []  # the same summary from two processes
    args = ["report", "audit", str(folder), "--summary", str(summary), *jobs]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "共核查3份报告，其中2份有错误" in result.output
    if suffix == ".csv":
        rows = list(csv.reader(summary.read_text(encoding="utf-8-sig").splitlines()))
    else:
        rows = [list(r) for r in load_workbook(summary).active.iter_rows(values_only=True)]
    assert rows[0] == ["文件", "机构", "年度", "表格格式", "错误", "警告", "无法读取的表格"]
    by_file = {Path(r[0]).name: r for r in rows[1:]}
    assert set(by_file) == {"qiaokou.txt", "shanghai.html", "scan.pdf"}
    assert [str(v) for v in by_file["shanghai.html"][1:6]] == [
        "上海市人民政府办公厅",
        "2019",
        "2019年试行格式",
        "12",
        "0",
    ]
    assert str(by_file["scan.pdf"][4]) == "1"


def test_summary_must_be_csv_or_xlsx(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["report", "audit", str(REFERENCE), "--summary", str(tmp_path / "s.txt")]
    )
    assert result.exit_code == 2 and "汇总表" in result.output


def test_two_years_of_one_agency_are_compared() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    copied = text.replace("2021", "2022").replace(
        "二、上年结转政府信息公开申请数量 0  0 0 0 0 0 0",
        "二、上年结转政府信息公开申请数量 2  0 0 0 0 0 2",
    )
    this_year = audit_file("2022.txt", copied.encode())
    last_year = audit_file("2021.txt", text.encode())
    cross_check([this_year, last_year])
    rules = [f["rule"] for f in this_year.findings]
    assert rules.count("applications.carry_over") == 2  # 自然人 and 总计
    assert "narrative.copy" in rules
    assert not any(
        f["rule"].startswith(("narrative", "applications.carry")) for f in last_year.findings
    )
    copy = next(f for f in this_year.findings if f["rule"] == "narrative.copy")
    assert "内容雷同" in copy["message"] and "2021年度" in copy["message"]


def test_fee_stated_in_section_six_is_checked_against_table_two() -> None:
    text = REFERENCE.read_text(encoding="utf-8").replace(
        "收取政府信息处理费为 0 元", "收取政府信息处理费为 380 元"
    )
    result = audit_file("fee.txt", text.encode())
    assert result.processing_fee_yuan == 380
    (fee,) = [f for f in result.findings if f["rule"] == "proactive.processing_fee"]
    assert "380元" in fee["message"] and "0万元" in fee["message"]


def test_tables_in_the_wrong_format_for_the_year_are_a_warning() -> None:
    text = SHANGHAI.read_text(encoding="utf-8").replace("2019年上海市", "2022年上海市")
    result = audit_file("shanghai-2022.html", text.encode())
    assert (result.year, result.format) == (2022, "2019")
    (wrong,) = [f for f in result.findings if f["rule"] == "format.year"]
    assert wrong["severity"] == "warning" and "国办公开办函〔2021〕30号" in wrong["message"]


def test_dashes_in_cells_read_as_blank() -> None:
    page = SHANGHAI.read_text(encoding="utf-8")
    html = page.replace('<td style="width:40px;">&nbsp;</td>', '<td style="width:40px;">—</td>')
    assert html != page
    assert (
        audit_file("dash.html", html.encode()).tables
        == audit_file("page.html", SHANGHAI.read_bytes()).tables
    )


def test_docx_bomb_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b"a" * 3_000_000)
    finding = _finding("bomb.docx", out.getvalue())
    assert "压缩炸弹" in finding["message"]


def test_a_number_that_cannot_be_a_count_is_an_error() -> None:
    page = SHANGHAI.read_text(encoding="utf-8").replace(">821<", ">821.5<", 1)
    result = audit_file("fraction.html", page.encode())
    (bad,) = [f for f in result.findings if f["rule"] == "cells.count"]
    assert bad["cells"] == ["applications.1.natural_person"] and "821.5" in bad["message"]
