"""``gongkai report build`` writes the stored report in every format, scoped to the user."""

from __future__ import annotations

import json

from click.testing import CliRunner

from gongkai.audit.context import acting
from gongkai.cli import main
from gongkai.reports.services import do_create_report, do_save_narrative


def build(*args: str):
    return CliRunner().invoke(main, ["report", "build", *args])


def test_formats_and_output_file(district, tmp_path) -> None:
    with acting(actor=district.user("a", "editor")):
        report = do_create_report(agency=district.a, year=2025)
        do_save_narrative(report=report, narrative={"problems": "简报信息不够。"})
    code = district.a.code
    data = json.loads(build("--agency", code, "--year", "2025").output)
    assert data["narrative"]["problems"] == "简报信息不够。"
    assert data["status"] == "draft"
    html = build("--agency", code, "--year", "2025", "--format", "html")
    assert "<p>简报信息不够。</p>" in html.output and html.output.startswith("<!DOCTYPE html>")
    for fmt, magic in (("docx", b"PK"), ("pdf", b"%PDF-")):
        target = tmp_path / f"report.{fmt}"
        result = build("--agency", code, "--year", "2025", "--format", fmt, "-o", str(target))
        assert result.exit_code == 0, result.output
        assert target.read_bytes().startswith(magic)
    refused = build("--agency", code, "--year", "2025", "--format", "pdf")
    assert refused.exit_code == 1 and "-o" in refused.output
    hidden = build("--agency", code, "--year", "2025", "--as", "b_editor")
    assert hidden.exit_code == 1 and "无权查看" in hidden.output
    old = build("--agency", code, "--year", "2017")
    assert old.exit_code == 1 and "2017年度" in old.output
