"""The report's own words in the audit: figures that settle a run, contradict a table, empty parts.

Constructed from real published reports by changing one thing: a flattened table-二 row
the text states (the case of Pingtan's later reports: 「8855698」 beside 「…现行有效行政规范性
文件698件，动态更新本年度制发的规范性文件88件」), a figure the text states differently from
the table, a section left with only its heading.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from gongkai.cli import main
from gongkai.reports.audit.audit import audit_file

PINGTAN = Path("/work/shared/data/reports/015_pingtan_2021/page.txt")
SHANGHAI = Path("/work/shared/data/reports/027_shanghai-bgt_2019/page.html")
REFERENCE = Path("/work/shared/reference/qiaokou-2021-annual-report.txt")
pytestmark = pytest.mark.skipif(
    not (PINGTAN.is_file() and SHANGHAI.is_file() and REFERENCE.is_file()),
    reason="shared reports missing",
)
STATED = "集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。"


def _pingtan(run: str, sentence: str = STATED) -> str:
    page = PINGTAN.read_text(encoding="utf-8")
    page = page.replace("行政规范性文件693665", f"行政规范性文件{run}")
    return page.replace("（一）主动公开方面。", f"（一）主动公开方面。{sentence}")


def test_the_sentences_stating_a_flattened_row_split_it(tmp_path: Path) -> None:
    result = audit_file("pingtan.txt", _pingtan("8855698").encode())
    assert result.tables["proactive"]["normative_documents"] == {
        "issued": 88,
        "abolished": 55,
        "in_force": 698,
    }
    assert result.unreadable == []
    assert not [f for f in result.findings if f["rule"].startswith(("table.", "narrative."))]
    settled = result.from_narrative
    assert set(settled) == {
        "proactive.normative_documents.issued",
        "proactive.normative_documents.abolished",
        "proactive.normative_documents.in_force",
    }
    # Each stated cell names its own figure; 废止 is what both leave over.
    assert settled["proactive.normative_documents.issued"]["figures"] == [
        "本年制发的行政规范性文件88件"
    ]
    assert settled["proactive.normative_documents.in_force"]["figures"] == [
        "现行有效的行政规范性文件698件"
    ]
    assert len(settled["proactive.normative_documents.abolished"]["figures"]) == 2
    note = settled["proactive.normative_documents.abolished"]["note"]
    assert note.startswith("表二“行政规范性文件”的本年废止件数为55") and STATED in note
    path = tmp_path / "pingtan.txt"
    path.write_text(_pingtan("8855698"), encoding="utf-8")
    text = CliRunner().invoke(main, ["report", "audit", str(path)]).output
    assert "[说明] 表二“行政规范性文件”的本年制发件数为88" in text and STATED in text


def test_a_figure_no_split_agrees_with_settles_nothing_and_is_a_warning() -> None:
    sentence = "现行有效行政规范性文件700件。"
    result = audit_file("pingtan.txt", _pingtan("8855698", sentence).encode())
    assert result.tables["proactive"]["normative_documents"] == {}
    assert result.from_narrative == {}
    (mismatch,) = [f for f in result.findings if f["rule"] == "narrative.table_mismatch"]
    assert mismatch["severity"] == "warning"
    assert "“现行有效行政规范性文件700件。”" in mismatch["message"]
    assert "所在行印为“8855698”，无论怎样拆分都不是700" in mismatch["message"]


def test_text_contradicting_a_flattened_table_names_both() -> None:
    page = PINGTAN.read_text(encoding="utf-8").replace(
        "本年度全区共收到70件申请", "全区收到政府信息公开申请75件"
    )
    result = audit_file("pingtan.txt", page.encode())
    (mismatch,) = [f for f in result.findings if f["rule"] == "narrative.table_mismatch"]
    assert mismatch["severity"] == "warning"
    assert "“全区收到政府信息公开申请75件，" in mismatch["message"]
    assert "表三“一、本年新收政府信息公开申请数量”的总计为70" in mismatch["message"]
    assert mismatch["cells"] == ["applications.1.total", "narrative.received"]
    assert result.tables["applications"]["1"]["total"] == 70  # the table is read as printed


def test_text_contradicting_a_grid_table_names_both() -> None:
    page = SHANGHAI.read_text(encoding="utf-8")
    changed = page.replace("信息公开类行政复议7件", "信息公开类行政复议8件")
    assert changed != page
    result = audit_file("shanghai.html", changed.encode())
    (mismatch,) = [f for f in result.findings if f["rule"] == "narrative.table_mismatch"]
    assert "即政府信息公开行政复议8件；但表四行政复议的总计为7。" in mismatch["message"]
    assert audit_file("shanghai.html", page.encode()).warnings == 0


def test_a_section_with_only_its_heading_is_an_error(tmp_path: Path) -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    emptied = re.sub(
        r"(五、存在的主要问题及改进情况\s*\n).*?(六、其他需要报告的事项)",
        r"\1\n\2",
        text,
        flags=re.S,
    )
    assert emptied != text
    before, after = audit_file("r.txt", text.encode()), audit_file("r.txt", emptied.encode())
    assert before.sections_empty == [] and before.errors == 0
    (empty,) = [f for f in after.findings if f["rule"] == "sections.empty"]
    assert empty["severity"] == "error"
    assert empty["message"] == "“五、存在的主要问题及改进情况”部分只有标题，没有内容。"
    assert after.sections_found == before.sections_found  # present, not missing
    path = tmp_path / "r.txt"
    path.write_text(emptied, encoding="utf-8")
    run = CliRunner().invoke(main, ["report", "audit", str(path)])
    assert run.exit_code == 1 and "[错误] “五、存在的主要问题及改进情况”部分只有标题" in run.output
