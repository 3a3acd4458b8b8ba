"""A damaged .xlsx is refused with a Chinese message, never a traceback, and nothing is written.

The ledger and catalogue imports share one reader (gongkai.tabular); the fuzz test feeds
it a few hundred mutations of a valid workbook, seeded so a failure can be replayed.
"""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path
from typing import Any

import pytest

from gongkai.applications.models import Application
from gongkai.tabular import TableImportError, read_table
from tests.fuzzing.mutate import replace_member
from tests.test_ledger import GOOD_ROWS, cli, write_csv, write_xlsx

SHEET = "xl/worksheets/sheet1.xml"


def _valid(tmp_path: Path) -> bytes:
    return write_xlsx(tmp_path / "valid.xlsx", GOOD_ROWS).read_bytes()


_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_OPEN = b'<worksheet xmlns="' + _NS + b'"><sheetData><row r="1">'
_CLOSE = b"</row></sheetData></worksheet>"
DAMAGE = {
    "empty sheet": b"",
    "not xml": b"this is not xml at all \x00\xff",
    "truncated xml": b'<?xml version="1.0"?>' + _OPEN + b'<c r="A1" t="s"><v>0',
    "wrong root": b"<html><body>hello</body></html>",
    "bad shared string index": _OPEN + b'<c r="A1" t="s"><v>99999</v></c>' + _CLOSE,
    "bad number": _OPEN + b'<c r="A1"><v>abc</v></c>' + _CLOSE,
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_sheet_is_refused_in_chinese(tmp_path: Path, damage: str) -> None:
    content = replace_member(_valid(tmp_path), SHEET, DAMAGE[damage])
    try:
        read_table(content, file_name="台账.xlsx")
    except TableImportError as error:
        assert "台账.xlsx" in str(error)


@pytest.mark.parametrize("damage", ["empty sheet", "not xml"])
def test_the_ledger_import_of_a_damaged_sheet_writes_nothing(
    district: Any, tmp_path: Path, damage: str
) -> None:
    path = tmp_path / "台账.xlsx"
    path.write_bytes(replace_member(_valid(tmp_path), SHEET, DAMAGE[damage]))

    result = cli("import", str(path), "--agency", district.a.code)

    assert result.exit_code == 1
    assert "无法读取" in result.output and "台账.xlsx" in result.output
    assert "Traceback" not in result.output
    assert not Application.objects.exists()


def test_the_catalogue_import_of_a_damaged_sheet_is_refused(district: Any, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from gongkai.cli import main

    path = tmp_path / "目录.xlsx"
    path.write_bytes(replace_member(_valid(tmp_path), SHEET, DAMAGE["not xml"]))
    result = CliRunner().invoke(
        main,
        ["catalogue", "import", str(path), "--agency", district.a.code, "--as", "operator"],
    )
    assert result.exit_code != 0
    assert "无法读取" in result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception


@pytest.mark.parametrize(
    "damage",
    [b"x" * 200_000, b'"' + b"x" * 200_000],
    ids=["a cell past the csv field limit", "an unclosed quote swallowing the file"],
)
def test_a_csv_cell_too_long_is_refused_in_chinese(
    district: Any, tmp_path: Path, damage: bytes
) -> None:
    """The csv module's own error escaped as a traceback (found by tests/abuse/test_fuzz.py)."""
    path = write_csv(tmp_path / "台账.csv", GOOD_ROWS, encoding="utf-8")
    path.write_bytes(path.read_bytes() + damage + b",x\r\n")

    result = cli("import", str(path), "--agency", district.a.code)

    assert result.exit_code == 1, result.output
    assert "台账.csv" in result.output and "超过131072个字符" in result.output
    assert "Traceback" not in result.output
    assert not Application.objects.exists()


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_csv_with_a_nul_byte_is_refused_before_the_database_sees_it(
    district: Any, tmp_path: Path, encoding: str
) -> None:
    """PostgreSQL refuses NUL in text: the import crashed there (found by the fuzz in CI)."""
    path = write_csv(tmp_path / "台账.csv", GOOD_ROWS, encoding=encoding)
    lines = path.read_bytes().split(b"\r\n")
    lines[2] = lines[2][:3] + b"\x00" + lines[2][3:]
    path.write_bytes(b"\r\n".join(lines))

    result = cli("import", str(path), "--agency", district.a.code)

    assert result.exit_code == 1, result.output
    assert "第3行含有空字符（NUL）" in result.output
    assert "Traceback" not in result.output
    assert not Application.objects.exists()


def _mutations(valid: bytes, seed: int, count: int) -> list[bytes]:
    """Byte flips, truncations, and members replaced by garbage or by other members."""
    rng = random.Random(seed)
    with zipfile.ZipFile(io.BytesIO(valid)) as archive:
        names = archive.namelist()
        members = {name: archive.read(name) for name in names}
    files = []
    for n in range(count):
        kind = n % 4
        if kind == 0:  # flip bytes anywhere in the zip
            data = bytearray(valid)
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            files.append(bytes(data))
        elif kind == 1:  # cut it short
            files.append(valid[: rng.randrange(len(valid))])
        elif kind == 2:  # a member's XML mangled
            name = rng.choice(names)
            text = bytearray(members[name])
            if text:
                start = rng.randrange(len(text))
                text[start : start + rng.randint(1, 50)] = rng.randbytes(rng.randint(0, 50))
            files.append(replace_member(valid, name, bytes(text)))
        else:  # a member removed or swapped for another
            name = rng.choice(names)
            other = rng.choice([None, *names])
            files.append(replace_member(valid, name, None if other is None else members[other]))
    return files


def test_fuzzed_workbooks_never_escape_the_reader(tmp_path: Path) -> None:
    escaped = []
    for n, content in enumerate(_mutations(_valid(tmp_path), seed=20261203, count=400)):
        try:
            read_table(content, file_name="fuzz.xlsx")
        except TableImportError:
            continue
        except Exception as error:
            escaped.append((n, type(error).__name__, str(error)[:80]))
    assert not escaped, escaped[:10]
