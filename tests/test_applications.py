"""Applications through the service layer and the office's screens."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from gongkai.agencies.services import do_update_guide_details
from gongkai.applications.models import Application, Letter, Reminder
from gongkai.applications.reminders import create_due_reminders, deliver_pending
from gongkai.applications.services import handling, intake
from gongkai.audit.context import acting
from gongkai.audit.models import AuditEntry
from gongkai.rules.identifiers import resident_id_check_char
from gongkai.workcalendar.services import seed_bundled_schedules

TODAY = date(2026, 11, 20)  # the date the services run on, never the machine's


def resident_id(body: str = "42010419900307123") -> str:
    return body + resident_id_check_char(body)


PERSON = {
    "category": "natural_person",
    "applicant_name": "张三",
    "identity_kind": "resident_id",
    "identity_number": resident_id(),
    "phone": "13812345678",
    "description": "2025年某街道老旧小区改造项目的立项批复",
    "information_form": "paper",
    "delivery_method": "pick_up",  # by mail would need an address (Art. 29)
}


@pytest.fixture
def office(district):
    seed_bundled_schedules(today=TODAY)
    for agency in (district.a, district.b):
        do_update_guide_details(
            agency=agency,
            reconsideration_body="测试区人民政府",
            court="测试区人民法院",
            office_name=f"{agency.name}办公室",
            office_phone="027-12345678",
        )
    return district


def officer(district, slug="a"):
    return acting(actor=district.user(slug, "disclosure_officer"), channel="web")


def test_received_date_follows_the_channel(office):
    with officer(office):
        in_person = intake.do_register_application(
            today=TODAY,
            agency=office.a,
            channel="in_person",
            received_on=date(2026, 9, 28),
            **PERSON,
        ).application
        letter = intake.do_register_application(
            today=TODAY, agency=office.a, channel="ordinary_letter", received_on=None, **PERSON
        ).application
    assert (in_person.phase, in_person.received_date) == ("in_progress", date(2026, 9, 28))
    assert in_person.answer_due == date(2026, 10, 30)
    assert (letter.phase, letter.received_date) == ("to_confirm", None)
    with pytest.raises(ValidationError, match="签收之日"), officer(office):
        intake.do_register_application(
            today=TODAY, agency=office.a, channel="registered_mail", received_on=None, **PERSON
        )
    with officer(office):
        intake.do_confirm_receipt(today=TODAY, application=letter, on=date(2026, 10, 9))
    letter.refresh_from_db()
    assert letter.received_date == date(2026, 10, 9)


def test_receipt_numbers_are_sequential_per_agency(office):
    numbers = []
    for agency in (office.a, office.a, office.b, office.a):
        numbers.append(intake.do_submit_online_application(today=TODAY, agency=agency, **PERSON))
    a_numbers = [r.application.receipt_number for r in numbers if r.application.agency == office.a]
    assert [int(n[-5:]) for n in a_numbers] == [1, 2, 3]
    assert len({r.query_code for r in numbers}) == 4


def test_full_flow_with_letters(office):
    with officer(office):
        app = intake.do_register_application(
            today=TODAY,
            agency=office.a,
            channel="in_person",
            received_on=date(2026, 9, 1),
            **PERSON,
        ).application
        handling.do_request_supplement(
            today=TODAY,
            application=app,
            on=date(2026, 9, 3),
            due=date(2026, 9, 14),
            items="请写明文号",
        )
        handling.do_receive_supplement(today=TODAY, application=app, on=date(2026, 9, 10))
        handling.do_approve_extension(
            today=TODAY,
            application=app,
            on=date(2026, 10, 9),
            days=20,
            approved_by="王主任",
            reason="数量大",
        )
        answer = handling.do_answer(
            today=TODAY,
            application=app,
            on=date(2026, 10, 20),
            answer_type="partial",
            detail="涉及个人隐私部分",
        )
    app.refresh_from_db()
    assert (app.phase, app.outcome, app.closed_date) == ("answered", "3.2", date(2026, 10, 20))
    letters = list(Letter.objects.filter(application=app).order_by("sequence"))
    assert [letter.kind for letter in letters] == [
        "receipt",
        "supplement_notice",
        "extension_notice",
        "answer",
    ]
    assert [letter.sequence for letter in letters] == [1, 2, 3, 4]
    assert answer.number.endswith("〔2026〕4号")
    text = "".join(answer.paragraphs)
    assert "第三十七条" in text and "测试区人民政府申请行政复议" in text
    assert answer.pdf.read(5) == b"%PDF-"
    assert AuditEntry.objects.filter(action="letter.issue", agency=office.a).count() == 4


def test_unlawful_steps_are_refused_with_reasons(office):
    with officer(office):
        app = intake.do_register_application(
            today=TODAY,
            agency=office.a,
            channel="in_person",
            received_on=date(2026, 9, 1),
            **PERSON,
        ).application
        with pytest.raises(ValidationError, match="7个工作日"):
            handling.do_request_supplement(
                today=TODAY, application=app, on=date(2026, 9, 30), due=date(2026, 10, 9), items="x"
            )
        with pytest.raises(ValidationError, match="届满前"):
            handling.do_approve_extension(
                today=TODAY,
                application=app,
                on=date(2026, 10, 20),
                days=5,
                approved_by="王",
                reason="r",
            )
    assert Letter.objects.count() == 1  # the receipt; refused steps leave no letter behind
    app.refresh_from_db()
    assert app.events.count() == 1


def test_only_handlers_of_the_agency_may_act(office):
    with officer(office):
        app = intake.do_register_application(
            today=TODAY,
            agency=office.a,
            channel="in_person",
            received_on=date(2026, 9, 1),
            **PERSON,
        ).application
    for actor in (office.user("a", "editor"), office.user("b", "disclosure_officer")):
        with acting(actor=actor), pytest.raises(PermissionDenied):
            handling.do_answer(
                today=TODAY, application=app, on=date(2026, 9, 5), answer_type="disclosed"
            )


def test_fee_by_pages_then_unpaid_ends_it(office):
    with officer(office):
        app = intake.do_register_application(
            today=TODAY,
            agency=office.a,
            channel="in_person",
            received_on=date(2026, 3, 2),
            **PERSON,
        ).application
        notice = handling.do_send_fee_notice(
            today=TODAY, application=app, on=date(2026, 3, 5), basis="by_pages", pages=2219
        )
        app.refresh_from_db()
        assert app.fee_amount == 83460
        assert "83460" in "".join(notice.paragraphs)
        handling.do_expire_fee(today=TODAY, application=app, on=date(2026, 4, 10))
    app.refresh_from_db()
    assert (app.phase, app.outcome) == ("ended", "3.6.2")


def test_repeated_application_points_at_the_earlier_answer(office):
    with officer(office):
        first = intake.do_register_application(
            today=TODAY,
            agency=office.a,
            channel="in_person",
            received_on=date(2026, 9, 1),
            **PERSON,
        ).application
        handling.do_answer(
            today=TODAY, application=first, on=date(2026, 9, 4), answer_type="disclosed"
        )
        again = intake.do_register_application(
            today=TODAY,
            agency=office.a,
            channel="in_person",
            received_on=date(2026, 9, 8),
            **PERSON,
        ).application
        assert list(handling.earlier_answers_for_same_applicant(again)) == [first]
        with pytest.raises(ValidationError):
            handling.do_answer(
                today=TODAY, application=again, on=date(2026, 9, 9), answer_type="repeated"
            )
        handling.do_answer(
            today=TODAY,
            application=again,
            on=date(2026, 9, 9),
            answer_type="repeated",
            repeat_of=first,
        )
    again.refresh_from_db()
    assert (again.outcome, again.repeat_of) == ("3.5.2", first)


def test_reminders_once_per_threshold_and_catch_up(office, mailoutbox):
    with officer(office):
        app = intake.do_register_application(
            today=TODAY,
            agency=office.a,
            channel="in_person",
            received_on=date(2026, 9, 28),
            **PERSON,
        ).application
        handling.do_assign(application=app, handler=office.user("a", "disclosure_officer"))
    handler = office.user("a", "disclosure_officer")
    handler.email = "officer@example.org"
    handler.save()
    assert create_due_reminders(today=date(2026, 10, 9)) == 0  # 15 working days left
    # A run missed on the 5-day mark is caught up later: both thresholds at once.
    assert create_due_reminders(today=date(2026, 10, 29)) == 2
    assert create_due_reminders(today=date(2026, 10, 29)) == 0
    assert deliver_pending() == 2
    assert deliver_pending() == 0
    assert len(mailoutbox) == 2
    assert create_due_reminders(today=date(2026, 11, 2)) == 1  # overdue
    assert Reminder.objects.filter(threshold="overdue").count() == 1


def test_office_screens_are_scoped(client, office):
    with officer(office):
        app = intake.do_register_application(
            today=TODAY,
            agency=office.a,
            channel="in_person",
            received_on=date(2026, 9, 1),
            **PERSON,
        ).application
        letter = handling.do_answer(
            today=TODAY, application=app, on=date(2026, 9, 4), answer_type="disclosed"
        )
    client.force_login(office.user("a", "disclosure_officer"))
    page = client.get(reverse("applications_process", args=[app.pk]))
    assert page.status_code == 200
    assert "张三" in page.content.decode()
    assert client.get(reverse("applications_letter", args=[letter.pk, "pdf"])).status_code == 200
    client.force_login(office.user("b", "disclosure_officer"))
    assert client.get(reverse("applications_process", args=[app.pk])).status_code == 404
    assert client.get(reverse("applications_letter", args=[letter.pk, "pdf"])).status_code == 404
    listing = client.get(reverse("applications:index") + "?export=csv")
    body = b"".join(listing.streaming_content) if listing.streaming else listing.content
    assert "张三".encode() not in body


def test_step_errors_are_shown_and_change_nothing(client, office):
    with officer(office):
        app = intake.do_register_application(
            today=TODAY,
            agency=office.a,
            channel="in_person",
            received_on=date(2026, 9, 1),
            **PERSON,
        ).application
    client.force_login(office.user("a", "disclosure_officer"))
    response = client.post(
        reverse("applications_step", args=[app.pk, "extension"]),
        {
            "extension-on": "2026-10-20",
            "extension-days": "5",
            "extension-approved_by": str(office.user("a", "final_approver").pk),
            "extension-reason": "r",
        },
    )
    assert response.status_code == 200
    assert "届满前" in response.content.decode()
    assert app.events.count() == 1
    ok = client.post(
        reverse("applications_step", args=[app.pk, "answer"]),
        {"answer-on": "2026-09-04", "answer-answer_type": "not_held", "answer-detail": ""},
    )
    assert ok.status_code == 302
    app.refresh_from_db()
    assert app.outcome == "3.4.1"


def test_staff_register_form(client, office):
    client.force_login(office.user("a", "disclosure_officer"))
    url = reverse("applications_register", args=[office.a.code])
    data = {
        **PERSON,
        "channel": "in_person",
        "received_on": "2026-09-01",
        "identity_number": "420104199003071230",
    }
    bad = client.post(url, data)
    assert "校验位错误" in bad.content.decode()
    assert not Application.objects.exists()
    good = client.post(url, {**data, "identity_number": resident_id()})
    assert good.status_code == 302
    assert Application.objects.get().received_date == date(2026, 9, 1)
    assert client.get(reverse("applications_register", args=[office.b.code])).status_code == 404


def test_migrations_are_complete(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_agency_wording_is_used_and_checked(client, office):
    from gongkai.applications.models import LetterTemplate

    client.force_login(office.user("a", "agency_admin"))
    url = reverse("letter_templates:add")
    bad = client.post(
        url,
        {"agency": office.a.pk, "kind": "receipt", "title": "回执", "body": "您好{applicant_id}"},
    )
    assert "未知的占位符" in bad.content.decode()
    foreign = client.post(
        url, {"agency": office.b.pk, "kind": "receipt", "title": "回执", "body": "您好"}
    )
    assert foreign.status_code == 200
    assert not LetterTemplate.objects.exists()
    good = client.post(
        url,
        {
            "agency": office.a.pk,
            "kind": "receipt",
            "title": "收件回执",
            "body": "{applicant}：您的申请{receipt_number}已于{received_date}收到。",
        },
    )
    assert good.status_code == 302, good.content.decode()[:2000]
    with officer(office):
        app = intake.do_register_application(
            today=TODAY,
            agency=office.a,
            channel="in_person",
            received_on=date(2026, 9, 1),
            **PERSON,
        ).application
    receipt = Letter.objects.get(application=app, kind="receipt")
    assert receipt.title == "收件回执"
    assert receipt.paragraphs[0] == f"张三：您的申请{app.receipt_number}已于2026年9月1日收到。"
    assert AuditEntry.objects.filter(action="letter_template.save", agency=office.a).exists()
    client.force_login(office.user("b", "agency_admin"))
    template = LetterTemplate.objects.get()
    assert client.get(reverse("letter_templates:edit", args=[template.pk])).status_code == 404


def test_no_public_page_shows_personal_data(client, office):
    from gongkai.portal.setup import ensure_site

    ensure_site()
    receipt = intake.do_submit_online_application(today=TODAY, agency=office.a, **PERSON)
    with officer(office):
        intake.do_confirm_receipt(today=TODAY, application=receipt.application, on=date(2026, 9, 1))
        handling.do_answer(
            today=TODAY,
            application=receipt.application,
            on=date(2026, 9, 4),
            answer_type="disclosed",
        )
    pages = [
        client.get("/"),
        client.get(reverse("applications_public:choose_agency")),
        client.get(reverse("applications_public:apply", args=[office.a.code])),
        client.post(
            reverse("applications_public:track"),
            {
                "receipt_number": receipt.application.receipt_number,
                "query_code": receipt.query_code,
            },
        ),
    ]
    assert "予以公开" in pages[-1].content.decode()
    for response in pages:
        body = response.content.decode()
        for private in (
            PERSON["applicant_name"],
            PERSON["identity_number"],
            PERSON["phone"],
            PERSON["description"],
        ):
            assert private not in body, (response.request["PATH_INFO"], private)
