"""Authorization fails closed: nobody (no actor, an anonymous visitor) may change anything.

Every ``do_*`` service in the source is discovered and called with an anonymous context
and arguments that would otherwise be valid; each must refuse with ``PermissionDenied``
before writing a row. A new service without a check fails here by itself.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

import gongkai
from gongkai.audit.context import SYSTEM, acting, current
from gongkai.audit.models import AuditEntry
from tests.test_applications import office  # noqa: F401  (fixture)

TODAY = date(2026, 11, 20)  # the date the services run on, never the machine's

SOURCE = Path(gongkai.__file__).parent

# Services open to the public by design, with the reason.
PUBLIC = {
    # Art. 29: anyone may apply; the applicant is not a user of the system.
    "gongkai.applications.services.intake.do_submit_online_application",
}


def _services() -> list[str]:
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = ".".join(path.relative_to(SOURCE.parent).with_suffix("").parts)
        found += [
            f"{module}.{node.name}"
            for node in tree.body
            if isinstance(node, ast.FunctionDef) and node.name.startswith("do_")
        ]
    return found


SERVICES = _services()


def _resolve(dotted: str) -> Callable[..., Any]:
    module, name = dotted.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


def test_the_services_are_found() -> None:
    assert len(SERVICES) >= 40
    assert "gongkai.agencies.services.do_create_agency" in SERVICES
    assert set(SERVICES) >= PUBLIC


class Arguments:
    """Valid-looking arguments by parameter name, built lazily as the system."""

    # Values a service checks before its caller's rights, where the name is not enough.
    SPECIAL: dict[tuple[str, str], Any] = {
        ("do_decide_appeal", "result"): "upheld",
        ("do_record_appeal", "kind"): "reconsideration",
        ("do_save_letter_template", "kind"): "receipt",
        ("do_save_letter_template", "body"): "{applicant}",
        ("do_send_fee_notice", "basis"): "by_pages",
        ("do_send_fee_notice", "pages"): 500,
        ("do_answer", "answer_type"): "already_published",
        ("do_change_validity", "validity"): "abolished",
        ("do_grant_role", "role"): "editor",
        ("do_register_application", "channel"): "in_person",
        ("do_create_staff_user", "roles"): ["editor"],
    }

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self.request = request
        self.cache: dict[str, Any] = {}

    def district(self) -> Any:
        return self.request.getfixturevalue("district")

    def catalogue(self) -> Any:
        return self.request.getfixturevalue("catalogue")

    def application(self) -> Any:
        if "application" not in self.cache:
            from gongkai.applications.services.intake import do_submit_online_application
            from tests.test_applications import PERSON

            receipt = do_submit_online_application(today=TODAY, agency=self.district().a, **PERSON)
            self.cache["application"] = receipt.application
        return self.cache["application"]

    def report(self) -> Any:
        if "report" not in self.cache:
            from gongkai.reports.services import do_create_report

            self.cache["report"] = do_create_report(agency=self.district().a, year=2025)
        return self.cache["report"]

    def website_report(self) -> Any:
        from gongkai.website_report.services import do_prefill_website_report

        return do_prefill_website_report(year=2025, today=date(2026, 1, 20))

    def entry(self) -> Any:
        if "entry" not in self.cache:
            from tests.disclosure.test_catalogue import new_entry

            self.cache["entry"] = new_entry(self.catalogue())
        return self.cache["entry"]

    def column(self) -> Any:
        from gongkai.disclosure.services.catalogue import column_for

        return column_for(agency=self.catalogue().a, key="regulations")

    def letter(self) -> Any:
        from gongkai.applications.services.intake import do_register_application
        from tests.test_applications import PERSON

        agencies = self.request.getfixturevalue("office")
        receipt = do_register_application(
            today=TODAY,
            agency=agencies.a,
            channel="in_person",
            received_on=date(2026, 9, 1),
            **PERSON,
        )
        return receipt.application.letters.get()

    def upload(self) -> Any:
        """An identity proof the applicant sent with the application."""
        from gongkai.applications.models import FilePurpose
        from gongkai.applications.services.applicant_files import store_file
        from gongkai.applications.uploads import screen_bytes
        from tests.test_applicant_identity import png_bytes

        screened = screen_bytes(png_bytes(), name="id.png", what="身份证明文件")
        return store_file(
            application=self.application(), screened=screened, purpose=FilePurpose.IDENTITY_PROOF
        )

    def appeal(self) -> Any:
        from gongkai.applications.models import Appeal

        return Appeal.objects.create(
            application=self.application(),
            kind=Appeal.Kind.RECONSIDERATION,
            body="测试区人民政府",
            filed_on=date(2026, 3, 2),
        )

    def membership(self) -> Any:
        from gongkai.agencies.models import Membership

        return Membership.objects.filter(agency=self.district().a).first()

    def schedule(self) -> Any:
        from gongkai.workcalendar import bundled

        return bundled.bundled_schedule(max(bundled.bundled_years()))

    def value(self, service: str, name: str) -> Any:
        if (service, name) in self.SPECIAL:
            return self.SPECIAL[(service, name)]
        by_name: dict[str, Callable[[], Any]] = {
            "agency": lambda: self.district().a,
            "agencies": lambda: [self.district().a],
            "to_agency": lambda: self.district().b,
            "application": self.application,
            "appeal": self.appeal,
            "letter": self.letter,
            "upload": self.upload,
            "report": self.report,
            "website_report": self.website_report,
            "entry": self.entry,
            "column": self.column,
            "revision": lambda: self.entry().latest_revision,
            "membership": self.membership,
            "user": AnonymousUser,
            "handler": lambda: self.district().user("a", "disclosure_officer"),
            "schedule": self.schedule,
            "names": dict,
            "files": lambda: [("a.pdf", b"%PDF-1.4")],
            "content": lambda: b"",
            "file_name": lambda: "ledger.xlsx",
            "year": lambda: 2025,
            "days": lambda: 5,
            "pages": lambda: 0,
            "entries": dict,
            "narrative": dict,
            "fields": dict,
        }
        if name in by_name:
            return by_name[name]()
        if name in {"on", "received_on", "decided_on", "changed_on", "due", "filed_on", "today"}:
            return date(2026, 3, 2)
        return "测试用的足够长的说明文字，不少于十个字"


@pytest.mark.parametrize("dotted", sorted(set(SERVICES) - PUBLIC))
def test_nobody_is_refused_before_any_write(
    dotted: str, request: pytest.FixtureRequest, db: None
) -> None:
    service = _resolve(dotted)
    name = dotted.rsplit(".", 1)[1]
    arguments = Arguments(request)
    kwargs = {
        param.name: arguments.value(name, param.name)
        for param in inspect.signature(service).parameters.values()
        if param.kind == param.KEYWORD_ONLY
        and (param.default is param.empty or (name, param.name) in Arguments.SPECIAL)
    }
    assert current().actor is SYSTEM  # the arguments were built by the system
    entries = AuditEntry.objects.count()
    with acting(actor=AnonymousUser()), pytest.raises(PermissionDenied):
        service(**kwargs)
    assert AuditEntry.objects.count() == entries


def test_without_any_context_the_actor_is_nobody(district: Any) -> None:
    """Code that sets no context at all (a stray shell, a thread) is nobody, not the operator."""
    import contextvars

    from gongkai.agencies.services import do_create_agency
    from tests.conftest import make_code

    def create() -> None:
        do_create_agency(code=make_code(99), name="匿名机构")

    with pytest.raises(PermissionDenied):
        contextvars.Context().run(create)


def test_the_systems_actions_are_recorded_as_system(district: Any) -> None:
    from gongkai.agencies.services import do_update_agency

    with acting(actor=SYSTEM, channel="cli"):
        do_update_agency(agency=district.a, short_name="测教育局")
    entry = AuditEntry.objects.filter(action="agency.update").get()
    assert (entry.actor, entry.actor_name, entry.channel) == (None, "系统", "cli")
    assert "系统" in str(entry)


def test_the_cli_without_as_is_the_system_and_with_as_is_that_user(district: Any) -> None:
    from click.testing import CliRunner

    from gongkai.cli import main
    from tests.conftest import make_code

    runner = CliRunner()
    as_system = runner.invoke(
        main, ["agency", "create", "--code", make_code(77), "--name", "测试区财政局"]
    )
    assert as_system.exit_code == 0, as_system.output
    entry = AuditEntry.objects.filter(action="agency.create").latest("pk")
    assert entry.actor_name == "系统"
    officer = district.user("a", "disclosure_officer").username
    refused = runner.invoke(
        main,
        ["agency", "create", "--code", make_code(78), "--name", "测试区审计局", "--as", officer],
    )
    assert refused.exit_code == 1 and "平台运营方" in refused.output


def test_jobs_run_as_the_system(db: None) -> None:
    """A job acts for the platform whoever queued it, and even when nobody did."""
    from gongkai.jobs.queue import as_system

    seen = []
    job = as_system(lambda: seen.append((current().actor, current().channel)))
    with acting(actor=AnonymousUser()):
        job()
    assert seen == [(SYSTEM, "task")]
