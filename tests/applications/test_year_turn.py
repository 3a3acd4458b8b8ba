"""The turn of the year (issue 13, point 4): December never stalls for want of next year.

On 2026-12-04 the 2027 holiday schedule is not loaded (as in a real December before the
State Council's notice). Steps whose own deadline is computable go through; the answer
date waits, shown as 「待导入2027年节假日安排」; loading 2027 recomputes every open
application at once; staff dashboards say the year is missing from 1 November.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gongkai.applications.models import Application
from gongkai.applications.services import handling, intake
from gongkai.applications.staff.viewsets import apply_queue
from gongkai.audit.context import acting
from gongkai.audit.models import AuditEntry
from gongkai.workcalendar.models import HolidaySchedule
from gongkai.workcalendar.services import do_load_schedule
from tests.conftest import next_year_schedule
from tests.test_applications import PERSON, office, officer  # noqa: F401  (office: a fixture)

DEC4 = date(2026, 12, 4)


@pytest.fixture
def december(office):  # noqa: F811
    """The office on 4 December 2026, with no 2027 schedule whatever the package ships."""
    HolidaySchedule.objects.filter(year__gte=2027).delete()
    return office


def register(district, on=DEC4, **fields):
    with officer(district):
        return intake.do_register_application(
            agency=district.a, channel="in_person", received_on=on, today=on, **PERSON, **fields
        ).application


def test_december_steps_with_computable_deadlines_are_not_refused(december):
    app = register(december)
    assert (app.phase, app.answer_due, app.due_waits_for_year) == ("in_progress", None, 2027)
    assert app.answer_due_text == "待导入2027年节假日安排"
    with officer(december):
        # Art. 30's 7 working days end on 15 December: computable, so allowed.
        handling.do_request_supplement(
            application=app, on=DEC4, due=date(2026, 12, 15), items="请写明文号", today=DEC4
        )
        online = intake.do_submit_online_application(
            today=DEC4, agency=december.a, **PERSON
        ).application
        intake.do_confirm_receipt(application=online, on=DEC4, today=DEC4)
    online.refresh_from_db()
    assert (online.phase, online.due_waits_for_year) == ("in_progress", 2027)
    receipt = online.letters.get(kind="receipt")
    assert "2027年节假日安排公布后确定" in "".join(receipt.paragraphs)


def test_a_step_that_needs_the_unknown_year_names_it_and_the_admin_screen(december):
    app = register(december)
    with pytest.raises(ValidationError) as refused, officer(december):
        handling.do_delay_answer(
            application=app,
            on=DEC4,
            due=date(2027, 1, 29),
            reason="数量明显超过合理范围",
            today=DEC4,
        )
    message = " ".join(refused.value.messages)
    assert "2027" in message and "工作日历" in message
    assert "gongkai calendar" not in message


def test_loading_the_year_recomputes_every_open_application_in_one_audited_step(december):
    waiting = register(december)
    answered = register(december)
    with officer(december):
        handling.do_answer(application=answered, on=DEC4, answer_type="disclosed", today=DEC4)
    answered.refresh_from_db()
    assert answered.answer_due_text == "待导入2027年节假日安排"
    schedule = next_year_schedule()
    with acting(actor=december.operator):
        do_load_schedule(schedule=schedule, names=dict(schedule.names), today=DEC4)
    for application in (waiting, answered):
        application.refresh_from_db()
        assert application.due_waits_for_year is None
        # 20 working days after Friday 4 December: Monday 4 January (1–3 January off).
        assert application.answer_due == date(2027, 1, 4)
    entry = AuditEntry.objects.filter(action="calendar.load").latest("pk")
    assert entry.changes["recomputed_applications"] == 2
    assert "重新计算2件" in entry.summary


def test_waiting_applications_are_in_the_due_soon_queue_not_hidden(december):
    app = register(december, on=date(2026, 12, 21))
    # On 24 December the 5-working-day horizon ends on 31 December: the answer date,
    # on or after 1 January, is not due soon. On 28 December the horizon reaches 2027:
    # the date may fall inside it, so the application is listed, not hidden.
    assert app not in apply_queue(Application.objects.all(), "due_soon", date(2026, 12, 24))
    assert app in apply_queue(Application.objects.all(), "due_soon", date(2026, 12, 28))


def test_process_page_and_list_show_the_waiting_year(december, client):
    app = register(december)
    client.force_login(december.user("a", "disclosure_officer"))
    page = client.get(reverse("applications_process", args=[app.pk])).content.decode()
    assert "待导入2027年节假日安排" in page
    listing = client.get(reverse("applications:index")).content.decode()
    assert "待导入2027年节假日安排" in listing


@pytest.mark.parametrize(
    ("today", "warned"),
    [(date(2026, 10, 31), False), (date(2026, 11, 1), True), (date(2026, 12, 4), True)],
)
def test_dashboards_warn_from_1_november(december, client, monkeypatch, today, warned):
    monkeypatch.setattr("gongkai.workcalendar.panels.timezone.localdate", lambda: today)
    client.force_login(december.user("a", "disclosure_officer"))
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert ("缺少2027年节假日安排" in page) is warned
    assert reverse("workcalendar_load") not in page  # only the operator may load
    if warned:
        assert "请联系平台运营方" in page


def test_the_operator_gets_the_link_to_the_loader(december, client, monkeypatch):
    monkeypatch.setattr("gongkai.workcalendar.panels.timezone.localdate", lambda: DEC4)
    client.force_login(december.operator)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "缺少2027年节假日安排" in page
    assert reverse("workcalendar_load") in page
