"""``gongkai screen`` on real files of every supported kind, generated here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from gongkai.cli import main
from tests.screening import files
from tests.screening.numbers import bank_card, resident_id

ID = resident_id("42010419851120001")
CARD = bank_card("621700123456789012")
LINES = [
    "关于2021年城乡低保对象的公示",
    f"张三，身份证号码{ID}，联系电话13812345678。",
    "索引号：11420104MB0001000A/2021-00012，办公电话027-85123456。",
    "请按装修标准按装空调。",
]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["screen", *args])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("upload")
    (root / "a.txt").write_bytes(files.txt_file(LINES, encoding="gb18030"))
    (root / "b.html").write_bytes(files.html_file(LINES))
    (root / "c.pdf").write_bytes(files.pdf_file(LINES))
    (root / "d.docx").write_bytes(files.docx_file(LINES[:1], header="机密★1年", cell=LINES[1]))
    sub = root / "表格"
    sub.mkdir()
    (sub / "e.xlsx").write_bytes(
        files.xlsx_file([["姓名", "电话"], ["李四", 13912345678]], hidden=["卡号", CARD])
    )
    (sub / "clean.txt").write_text("本机关2021年共主动公开政府信息120条。", encoding="utf-8")
    (sub / "~$d.docx").write_bytes(b"lock")
    (sub / "notes.png").write_bytes(b"\x89PNG")
    return root


def by_file(output: str) -> dict[str, dict]:
    return {Path(r["file"]).name: r for r in json.loads(output)}


def test_json_per_file_findings_with_type_text_and_position(folder: Path) -> None:
    code, output = run(str(folder), "--format", "json")
    assert code == 1
    results = by_file(output)
    assert sorted(results) == ["a.txt", "b.html", "c.pdf", "clean.txt", "d.docx", "e.xlsx"]
    for name in ("a.txt", "b.html", "c.pdf"):
        kinds = [(f["type"], f["text"]) for f in results[name]["findings"]]
        assert ("id_card", ID) in kinds and ("mobile", "13812345678") in kinds, name
        assert ("typo", "按装") in kinds, name
        assert not any(k == "mobile" and t.startswith("027") for k, t in kinds)
    first = results["a.txt"]["findings"][0]
    assert first == {
        "type": "id_card",
        "text": ID,
        "start": LINES[0].__len__() + 1 + len("张三，身份证号码"),
        "end": LINES[0].__len__() + 1 + len("张三，身份证号码") + 18,
        "line": 2,
        "column": len("张三，身份证号码") + 1,
        "masked": f"420104********{ID[-4:]}",
        "blocking": True,
        "correct": None,
    }
    docx_kinds = {f["type"] for f in results["d.docx"]["findings"]}
    assert docx_kinds == {"secret_mark", "id_card", "mobile"}
    xlsx_kinds = [(f["type"], f["text"]) for f in results["e.xlsx"]["findings"]]
    assert xlsx_kinds == [("mobile", "13912345678"), ("bank_card", CARD)]
    assert results["clean.txt"] == {
        "file": str(folder / "表格" / "clean.txt"),
        "error": None,
        "blocking": 0,
        "findings": [],
    }


def test_text_report_shows_masked_previews_only(folder: Path) -> None:
    code, output = run(str(folder / "a.txt"))
    assert code == 1
    assert ID not in output and "13812345678" not in output
    assert f"第2行第9列  身份证号码  420104********{ID[-4:]}  [阻止公开]" in output
    assert "错别字  按装 → 安装" in output
    assert output.rstrip().endswith("合计：检查1个文件，2处须处理。")


def test_clean_file_exits_zero(folder: Path) -> None:
    code, output = run(str(folder / "表格" / "clean.txt"))
    assert (code, output.splitlines()[0]) == (0, f"{folder / '表格' / 'clean.txt'}：未发现问题")


def test_unreadable_files_are_reported_and_exit_two(tmp_path: Path) -> None:
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04broken")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    code, output = run(
        str(tmp_path / "broken.docx"), str(tmp_path / "old.doc"), str(tmp_path / "gone.pdf")
    )
    assert code == 2
    assert "broken.docx：无法检查——“broken.docx”已损坏" in output
    assert "old.doc：无法检查——“old.doc”的内容是文本，与扩展名.doc不符" in output
    assert "gone.pdf：无法检查——“gone.pdf”不存在或不是文件" in output
    assert "3个文件无法检查" in output


def test_blocking_outranks_unreadable(folder: Path, tmp_path: Path) -> None:
    (tmp_path / "broken.pdf").write_bytes(b"not a pdf")
    code, output = run(str(folder / "a.txt"), str(tmp_path / "broken.pdf"), "--format", "json")
    assert code == 1
    error = by_file(output)["broken.pdf"]["error"]
    assert error.startswith("“broken.pdf”的内容是文本，与扩展名.pdf不符")


def test_extra_dictionary(tmp_path: Path) -> None:
    words = tmp_path / "本地词库.txt"
    words.write_text("[表述错误]\n硚口区政府办 => 硚口区人民政府办公室\n", encoding="gb18030")
    doc = tmp_path / "a.txt"
    doc.write_text("报硚口区政府办审定。", encoding="utf-8")
    code, output = run(str(doc), "--dictionary", str(words), "--format", "json")
    assert code == 0
    (finding,) = json.loads(output)[0]["findings"]
    assert (finding["type"], finding["correct"]) == ("wording_error", "硚口区人民政府办公室")


def test_bad_dictionary_is_a_usage_error(tmp_path: Path) -> None:
    words = tmp_path / "bad.txt"
    words.write_text("按装 => 安装\n", encoding="utf-8")
    code, output = run(str(words), "--dictionary", str(words))
    assert code == 2
    assert "bad.txt第1行：词条前应先写分类" in output
