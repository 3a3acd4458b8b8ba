"""``today`` is an argument: no application service falls back on the machine's date.

A hidden fallback (``today=None`` → the local date now) let tests and jobs silently run
on whatever day the machine had, so a suite green in November could fail in January.
Every service that depends on the date takes ``today`` as a required keyword; only the
edges (views, CLI commands, jobs) read the local date, once, and pass it on.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gongkai.applications.services as services_package

SERVICE_MODULES = [
    *(
        f"{services_package.__name__}.{m.name}"
        for m in pkgutil.iter_modules(services_package.__path__)
    ),
    "gongkai.applications.ledger",
    "gongkai.applications.reminders",
    "gongkai.applications.public.throttle",
    "gongkai.workcalendar.services",
]

# Services whose result depends on the date: each must take ``today``.
DATED = {
    "do_register_application",
    "do_submit_online_application",
    "do_confirm_receipt",
    "do_mark_junk",
    "do_request_supplement",
    "do_receive_supplement",
    "do_expire_supplement",
    "do_send_consultation",
    "do_receive_consultation",
    "do_approve_extension",
    "do_delay_answer",
    "do_send_fee_notice",
    "do_record_payment",
    "do_expire_fee",
    "do_answer",
    "do_submit_supplement_online",
    "record_event",
    "clock_state",
    "refresh",
    "recompute_dated_applications",
    "do_import_table",
    "do_import_ledger",
    "create_due_reminders",
    "look_up_status",
    "public_status",
    "do_load_schedule",
    "seed_bundled_schedules",
}


def _public_functions() -> dict[str, Callable[..., Any]]:
    found = {}
    for dotted in SERVICE_MODULES:
        module = importlib.import_module(dotted)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == dotted and not name.startswith("_"):
                found[f"{dotted}.{name}"] = function
    return found


def test_every_service_taking_today_requires_it_by_keyword():
    taking = {}
    for dotted, function in _public_functions().items():
        parameter = inspect.signature(function).parameters.get("today")
        if parameter is not None:
            taking[dotted.rsplit(".", 1)[1]] = parameter
    assert set(taking) >= DATED, f"services without today: {sorted(DATED - set(taking))}"
    for name, parameter in taking.items():
        assert parameter.kind is parameter.KEYWORD_ONLY, name
        assert parameter.default is parameter.empty, f"{name} has a default today"


def test_no_service_module_reads_the_machines_date():
    clock_reads = re.compile(r"localdate\(\)|date\.today\(\)|now\(\)\.date\(\)|local_today")
    for dotted in SERVICE_MODULES:
        source = Path(importlib.import_module(dotted).__file__).read_text(encoding="utf-8")
        assert not clock_reads.search(source), f"{dotted} reads the machine's date"
