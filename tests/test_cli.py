"""The ``gongkai`` command: help, init, demo and agency creation."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gongkai.agencies.models import AGENCY_ROLES, Agency, AgencyKind, Membership, Role
from gongkai.audit.context import acting
from gongkai.audit.models import AuditEntry
from gongkai.cli import main
from gongkai.demo.build import build_demo
from gongkai.rules.identifiers import validate_uscc

GONGKAI = str(Path(sys.executable).with_name("gongkai"))


def test_help_lists_commands_in_chinese_and_english():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command, chinese, english in [
        ("init", "初始化", "Create or migrate"),
        ("serve", "Web 服务", "production web server"),
        ("worker", "后台任务", "background jobs"),
        ("demo", "演示数据", "demo data"),
        ("agency", "机构", "Agencies"),
        ("calendar", "工作日历", "calendar"),
        ("deadline", "答复期限", "deadline"),
    ]:
        line = next(line for line in result.output.splitlines() if line.strip().startswith(command))
        assert chinese in line and english in line, line


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GONGKAI_", "DJANGO_")) and k != "DATABASE_URL"
    }
    env["GONGKAI_HOME"] = str(home)
    return subprocess.run(
        [GONGKAI, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )


def test_init_on_a_fresh_home_is_idempotent(tmp_path):
    first = _run(tmp_path, "init")
    assert first.returncode == 0, first.stderr
    assert "数据库已就绪" in first.stdout
    database = tmp_path / "gongkai.sqlite3"
    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        pages = conn.execute("SELECT count(*) FROM portal_homepage").fetchone()[0]
        years = conn.execute("SELECT count(*) FROM workcalendar_holidayschedule").fetchone()[0]
    assert (pages, years) == (1, len(range(2004, 2027)))
    assert (tmp_path / "static" / "gongkai" / "portal.css").exists()
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0

    second = _run(tmp_path, "init")
    assert second.returncode == 0, second.stderr
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM portal_homepage").fetchone()[0] == 1
        again = conn.execute("SELECT count(*) FROM workcalendar_holidayschedule").fetchone()[0]
    assert again == years


def test_commands_refuse_an_uninitialised_database(tmp_path):
    result = _run(tmp_path, "agency", "list")
    assert result.returncode == 1
    assert "gongkai init" in result.stderr


def test_demo_builds_a_district_with_every_role(db):
    with acting(channel="cli"):
        logins = build_demo()
        build_demo()  # idempotent
    assert Agency.objects.count() >= 15
    kinds = set(Agency.objects.values_list("kind", flat=True))
    assert {AgencyKind.GOVERNMENT, AgencyKind.DEPARTMENT, AgencyKind.STREET} <= kinds
    for agency in Agency.objects.all():
        validate_uscc(agency.code)
        roles = set(Membership.objects.filter(agency=agency).values_list("role", flat=True))
        assert roles >= {r.value for r in AGENCY_ROLES}, agency.name
    assert Membership.objects.filter(role=Role.OPERATOR, user__username="operator").exists()
    assert {username for username, _, _ in logins} >= {"operator", "qzfb_editor", "qzfb_admin"}
    root = Agency.objects.get(name="武汉市硚口区人民政府")
    assert root.children.count() == Agency.objects.count() - 1
    # The privileged accounts are enrolled with the authenticator secret the README gives.
    from base64 import b32decode

    from django_otp.plugins.otp_totp.models import TOTPDevice

    from gongkai.demo.build import DEMO_TOTP_SECRET

    enrolled = set(TOTPDevice.objects.values_list("user__username", "key"))
    key = b32decode(DEMO_TOTP_SECRET).hex()
    assert {("operator", key), ("qzfb_admin", key), ("jyj_admin", key)} <= enrolled
    # 三员分立: the security and audit administrators beside the operator, each enrolled.
    for username, role in (
        ("security_admin", Role.SECURITY_ADMIN),
        ("audit_admin", Role.AUDIT_ADMIN),
    ):
        assert Membership.objects.filter(user__username=username, role=role).count() == 1
        assert (username, key) in enrolled
    assert not TOTPDevice.objects.filter(user__username="qzfb_editor").exists()


def test_agency_create_validates_the_code(db):
    runner = CliRunner()
    result = runner.invoke(
        main, ["agency", "create", "--code", "11420104MB1234567X", "--name", "甲"]
    )
    assert result.exit_code == 1
    assert "校验位错误" in result.output
    assert not Agency.objects.exists()
    assert not AuditEntry.objects.exists()


def test_agency_create_with_parent(db):
    runner = CliRunner()
    parent = runner.invoke(
        main,
        [
            "agency",
            "create",
            "--code",
            "11441700007280420Y",
            "--name",
            "某市人民政府",
            "--kind",
            "government",
        ],
    )
    assert parent.exit_code == 0, parent.output
    child = runner.invoke(
        main,
        [
            "agency",
            "create",
            "--code",
            "11341702486344515H",
            "--name",
            "某市教育局",
            "--parent",
            "11441700007280420Y",
        ],
    )
    assert child.exit_code == 0, child.output
    assert Agency.objects.get(code="11341702486344515H").parent.name == "某市人民政府"
    missing = runner.invoke(
        main,
        [
            "agency",
            "create",
            "--code",
            "91350100M000100Y43",
            "--name",
            "某公司",
            "--parent",
            "11111111111111111X",
        ],
    )
    assert missing.exit_code == 1
    assert "找不到" in missing.output


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("1144170000728042", "应为18位"),
        ("11441700007280420I", "不允许的字符"),
        ("11AB1700007280420Y", "行政区划代码"),
        ("11441700007280420X", "校验位错误"),
    ],
)
def test_code_errors_say_what_is_wrong(code, fragment):
    from gongkai.rules.identifiers import InvalidCodeError

    with pytest.raises(InvalidCodeError) as raised:
        validate_uscc(code)
    assert fragment in str(raised.value)
