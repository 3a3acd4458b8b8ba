"""The isolation matrix's command line: every ``gongkai`` command that names an agency
or another object, run as each staff role of agency a against agency b.

A command refuses (non-zero exit) or answers without agency b's data, and agency b's
rows are the same afterwards. Commands without ``--as`` are the server's own shell
(``cli_support.acting_as``): whoever runs them holds the machine, and is not a role.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from gongkai.agencies.models import AGENCY_ROLES
from gongkai.cli import main
from tests.isolation.world import World, snapshot_b

ROLES = [role.value for role in AGENCY_ROLES]

# Commands run as a role of agency a, with agency b's code or an object of b.
AS_ROLE: dict[str, Any] = {
    "applications import": lambda w, f: [
        "applications",
        "import",
        f["csv"],
        "--agency",
        w.district.b.code,
    ],
    "applications export": lambda w, f: [
        *("applications", "export", "--agency", w.district.b.code, "--year", "2026"),
        *("-o", f["out"]),
    ],
    "catalogue import": lambda w, f: [
        "catalogue",
        "import",
        f["csv"],
        "--agency",
        w.district.b.code,
    ],
    "agency create": lambda w, f: [
        *("agency", "create", "--code", "11420104MB7654321X", "--name", "乙局下属假机构"),
        *("--parent", w.district.b.code),
    ],
    "agency list": lambda w, f: ["agency", "list", "--format", "json"],
    "staff create": lambda w, f: [
        *(
            "staff",
            "create",
            "--username",
            "intruder",
            "--name",
            "某人",
            "--agency",
            w.district.b.code,
        ),
        *("--role", "editor"),
    ],
    "staff reset-2fa": lambda w, f: ["staff", "reset-2fa", "b_editor"],
    "staff unlock": lambda w, f: ["staff", "unlock", "b_editor"],
    "audit export": lambda w, f: ["audit", "export", "--format", "json"],
    "audit archive": lambda w, f: [
        *("audit", "archive", "--before", "2099-01-01", "--out", f["out"]),
    ],
    "report rollup": lambda w, f: ["report", "rollup", "--year", "2026", "--format", "json"],
    "report build": lambda w, f: [
        *("report", "build", "--agency", w.district.b.code, "--year", "2026", "-o", f["out"]),
    ],
}

# Commands that take no role, or name nothing of an agency.
CLASSIFIED: dict[str, str] = {
    "backup": "the server's shell: copies the whole instance for its administrator",
    "restore": "the server's shell: replaces the whole instance",
    "catalogue check": "the server's shell (no --as): the operator's consistency check",
    "inspect": "crawls websites over the network; its --as only attributes the run",
    "screen": "reads files given on the command line, names no agency's data",
    "search query": "searches the public index: published entries only (asserted below)",
    "search reindex": "the server's shell: rebuilds the index of published entries",
    "search follow": "the server's shell: a long-running index follower",
    "search status": "the server's shell: counts of the index",
    "init": "the server's shell: prepares an empty instance",
    "serve": "the server's shell: starts the web server",
    "worker": "the server's shell: starts the task worker",
    "demo": "the server's shell: loads the demo district",
    "manage": "the server's shell: Django's manage.py",
    "audit verify": "the server's shell: checks the hash chain, prints no entries",
    "audit verify-archive": "reads an archive file given on the command line",
    "report audit": "reads report files given on the command line",
    "calendar load": "the server's shell: loads the State Council's schedule (no agency)",
    "calendar list": "public working-day calendar",
    "deadline": "a date calculation, names no data",
}


def _leaves(command: click.Command, path: tuple[str, ...] = ()) -> list[str]:
    if isinstance(command, click.Group):
        return [leaf for n, c in command.commands.items() for leaf in _leaves(c, (*path, n))]
    return [" ".join(path)]


def test_every_command_is_run_as_a_role_or_classified() -> None:
    commands = set(_leaves(main))
    assert commands == set(AS_ROLE) | set(CLASSIFIED), (
        commands - set(AS_ROLE) - set(CLASSIFIED),
        (set(AS_ROLE) | set(CLASSIFIED)) - commands,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_no_command_reads_or_changes_agency_b_as_a_role_of_a(
    world: World, role: str, tmp_path: Path
) -> None:
    files = {"csv": str(tmp_path / "in.csv"), "out": str(tmp_path / "out")}
    Path(files["csv"]).write_text("标题,文号\n乙局伪造条目,乙发〔2026〕1号\n", encoding="utf-8")
    markers = world.markers(personal_only=False)
    before = snapshot_b(world, personal_only=False)
    leaks = []
    for name, build in AS_ROLE.items():
        args = [*build(world, files), "--as", f"a_{role}"]
        result = CliRunner().invoke(main, args, env={"GONGKAI_NEW_PASSWORD": "Str0ng-Passw0rd!"})
        written = Path(files["out"]).read_bytes() if Path(files["out"]).is_file() else b""
        output = result.output.encode() + written
        if any(m in output for m in markers):
            leaks.append((name, result.exit_code, result.output[:300]))
        Path(files["out"]).unlink(missing_ok=True)
    assert not leaks, leaks
    assert snapshot_b(world, personal_only=False) == before
    public = CliRunner().invoke(
        main, ["search", "query", "QXBDRAFT", "--agency", world.district.b.code]
    )
    assert b"QXB" not in public.output.encode()
