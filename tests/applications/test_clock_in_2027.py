"""The clock moved into the next year: key services with ``today`` in 2027.

Uses the stand-in 2027 schedule (tests.conftest.schedule_2027); nothing here reads the
machine's date.
"""

from __future__ import annotations

from datetime import date

from gongkai.applications.models import Application, Reminder
from gongkai.applications.reminders import create_due_reminders
from gongkai.applications.services import handling, intake
from gongkai.applications.staff.viewsets import apply_queue
from tests.test_applications import PERSON, office, officer  # noqa: F401  (office: a fixture)

MARCH1 = date(2027, 3, 1)


def test_a_2027_application_runs_its_whole_clock(office, schedule_2027):  # noqa: F811
    with officer(office):
        app = intake.do_register_application(
            agency=office.a, channel="in_person", received_on=MARCH1, today=MARCH1, **PERSON
        ).application
        assert app.answer_due == date(2027, 3, 29)
        handling.do_request_supplement(
            application=app,
            on=date(2027, 3, 3),
            due=date(2027, 3, 15),
            items="文号",
            today=MARCH1.replace(day=3),
        )
        handling.do_receive_supplement(
            application=app, on=date(2027, 3, 10), today=date(2027, 3, 10)
        )
        app.refresh_from_db()
        assert app.answer_due == date(2027, 4, 7)  # 20 working days from the supplement
        handling.do_send_consultation(
            application=app, on=date(2027, 3, 12), party="甲公司", today=date(2027, 3, 12)
        )
        handling.do_receive_consultation(
            application=app, on=date(2027, 3, 16), party="甲公司", today=date(2027, 3, 16)
        )
        handling.do_answer(
            application=app, on=date(2027, 3, 22), answer_type="disclosed", today=date(2027, 3, 22)
        )
    app.refresh_from_db()
    assert (app.phase, app.closed_date, app.due_waits_for_year) == (
        "answered",
        date(2027, 3, 22),
        None,
    )


def test_reminders_and_queues_in_2027(office, schedule_2027):  # noqa: F811
    with officer(office):
        app = intake.do_register_application(
            agency=office.a, channel="in_person", received_on=MARCH1, today=MARCH1, **PERSON
        ).application
    today = date(2027, 3, 25)  # two working days before 29 March
    assert app in apply_queue(Application.objects.all(), "due_soon", today)
    assert create_due_reminders(today=today) >= 1
    assert Reminder.objects.filter(application=app, threshold="due_in_5").exists()
    assert app in apply_queue(Application.objects.all(), "overdue", date(2027, 3, 30))


def test_december_2027_waits_for_2028(office, schedule_2027):  # noqa: F811
    dec = date(2027, 12, 10)
    with officer(office):
        app = intake.do_register_application(
            agency=office.a, channel="in_person", received_on=dec, today=dec, **PERSON
        ).application
    assert (app.answer_due, app.due_waits_for_year) == (None, 2028)
    assert app.answer_due_text == "待导入2028年节假日安排"
