"""Issue 12 (5): each uploaded report is audited in a child with a memory and time limit.

Through the child a report audits exactly as in the worker; a file past the limit gets a
finding saying so and the batch goes on; the worker's own memory does not grow by
auditing a large file (in-process, the table below grew it by about 150 MB).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import override_settings

from gongkai.report_audit.isolated import audit_file_isolated
from gongkai.report_audit.models import BatchStatus
from gongkai.report_audit.services import do_create_batch, run_batch
from gongkai.reports.audit.audit import audit_file

REPORTS = Path("/work/shared/data/reports")
PUBLISHED = [
    REPORTS / "000_qiaokou-dsjzx_2021" / "report.txt",
    REPORTS / "027_shanghai-bgt_2019" / "page.html",
    REPORTS / "020_hongzequ_2023" / "report.pdf",
]
pytestmark = pytest.mark.skipif(
    not all(p.is_file() for p in PUBLISHED), reason="shared reports missing"
)
LIMIT = "文件过大或过于复杂，审查超出内存限制（150MB），未能完成核查。"


def big_table(rows: int = 50_000) -> bytes:
    """A 5 MB HTML page of one table: lxml and the parser hold ~150 MB reading it."""
    row = "<tr>" + "".join(f"<td>{i}</td>" for i in range(10)) + "</tr>"
    return f"<html><body><h1>报告</h1><table>{row * rows}</table></body></html>".encode()


def resident_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


@pytest.mark.parametrize("path", PUBLISHED, ids=lambda p: p.suffix)
def test_a_report_audits_in_the_child_as_in_the_worker(path: Path) -> None:
    data = path.read_bytes()
    here, there = audit_file(path.name, data), audit_file_isolated(path.name, data)
    assert there.as_dict() == here.as_dict() and there.narrative == here.narrative
    assert here.tables or path.suffix == ".txt"  # real tables were read, not just errors


@override_settings(GONGKAI_REPORT_AUDIT_MEMORY_MB=150)
def test_a_file_past_the_memory_limit_is_a_finding_and_the_batch_goes_on(db) -> None:
    reference = PUBLISHED[0].read_bytes()
    batch = do_create_batch(
        name="超限", files=[("大表.html", big_table()), ("qiaokou.txt", reference)]
    )
    run_batch(batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and batch.audited == 2
    big, normal = batch.reports.order_by("position")
    assert big.errors == 1 and big.result["findings"] == [
        {"rule": "file.unreadable", "severity": "error", "message": LIMIT, "cells": []}
    ]
    assert normal.result == audit_file("qiaokou.txt", reference).as_dict()
    assert normal.agency == "硚口区大数据中心"


def test_the_worker_does_not_keep_the_memory_of_a_large_file(db) -> None:
    batch = do_create_batch(name="大文件", files=[("大表.html", big_table())])
    before = resident_mb()
    run_batch(batch_id=batch.pk)
    growth = resident_mb() - before
    report = batch.reports.get()
    assert report.result["findings"][0]["rule"] == "file.not_a_report"  # read in full
    assert growth < 20, f"the worker grew by {growth:.0f} MB"
