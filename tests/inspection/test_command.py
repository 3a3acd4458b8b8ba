"""``gongkai inspect``: JSON out, exit 1 on a failed veto item, runs stored, fixes closed."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from gongkai.audit.models import AuditEntry
from gongkai.cli import main
from gongkai.inspection.models import Finding, InspectionRun
from tests.inspection.conftest import COLUMNS_CSV, TODAY


def _inspect(site, tmp_path: Path, *extra: str, with_columns: bool = True):
    columns = tmp_path / "columns.csv"
    columns.write_text(COLUMNS_CSV.format(base=site.base), encoding="utf-8")
    return CliRunner().invoke(
        main,
        [
            "inspect",
            site.base + "/",
            *(["--columns", str(columns)] if with_columns else []),
            "--format",
            "json",
            "--delay",
            "0",
            "--today",
            TODAY.isoformat(),
            *extra,
        ],
    )


def test_json_output_and_exit_code(planted, tmp_path, db) -> None:
    site, _ = planted
    result = _inspect(site, tmp_path)
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    mobile = next(f for f in report["findings"] if f["type"] == "mobile")
    assert mobile == {
        "type": "mobile",
        "url": site.base + "/news/2026/phone.html",
        "evidence": mobile["evidence"],
        "severity": "high",
    }
    assert "138****5678" in mobile["evidence"]
    broken = next(f for f in report["findings"] if f["type"] == "broken_link")
    assert broken["target"] == site.base + "/missing.html"
    failed = {v["indicator"] for v in report["veto"] if v["passed"] is False}
    assert failed == {"栏目不更新", "安全、泄密事故等严重问题"}
    assert all(set(v) >= {"indicator", "passed", "evidence"} for v in report["veto"])
    assert InspectionRun.objects.get().vetoed
    assert AuditEntry.objects.filter(action="inspection.run").count() == 1


def test_a_clean_site_exits_0(planted, tmp_path, db) -> None:
    site, _ = planted
    for path in list(site.pages):
        if path != "/":
            del site.pages[path]
    site.html("/", "<p>今日要闻</p><p>2026-06-14</p>")
    result = _inspect(site, tmp_path, with_columns=False)
    assert json.loads(result.output)["findings"] == []
    assert result.exit_code == 0, result.output


def test_the_next_run_closes_a_fixed_finding(planted, tmp_path, db) -> None:
    site, _ = planted
    _inspect(site, tmp_path)
    phone = Finding.objects.get(type="mobile")
    assert phone.status == Finding.Status.NEW and phone.first_seen == TODAY
    site.html("/news/2026/phone.html", "<p>联系人：张三，电话027-88886666。</p><p>2026-04-20</p>")
    _inspect(site, tmp_path)
    phone.refresh_from_db()
    assert phone.status == Finding.Status.FIXED
    assert Finding.objects.get(type="secret_mark").status == Finding.Status.NEW
    assert InspectionRun.objects.count() == 2


def test_a_bad_column_row_is_named(tmp_path) -> None:
    columns = tmp_path / "columns.csv"
    columns.write_text("url,name,kind\nhttp://a.gov.cn/x/,新闻,新闻类\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["inspect", "http://a.gov.cn/", "--columns", str(columns)])
    assert result.exit_code == 2
    assert "第2行" in result.output and "新闻类" in result.output
