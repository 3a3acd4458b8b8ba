"""The public side of 依申请公开: applying online, the receipt, and the progress lookup."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.test import Client

from gongkai.agencies.models import Agency
from gongkai.applications.models import Application, Channel, Letter
from gongkai.applications.public.throttle import CHALLENGE_AFTER_PER_NUMBER, FAILURES_PER_CLIENT
from gongkai.demo.codes import demo_code
from gongkai.rules.application_clock import Phase
from gongkai.rules.identifiers import resident_id_check_char

pytestmark = pytest.mark.django_db

ID_BODY = "42010419850612003"
GOOD_ID = ID_BODY + resident_id_check_char(ID_BODY)
BAD_ID = ID_BODY + ("0" if GOOD_ID[-1] != "0" else "1")
GOOD_USCC = demo_code(authority_and_kind="91", division="420104", serial=4711)
BAD_USCC = GOOD_USCC[:-1] + ("0" if GOOD_USCC[-1] != "0" else "1")

NAME = "张小明"
PHONE = "13912345678"
DESCRIPTION = "2023年度本局城市道路维修项目的招标文件和中标结果"

LOOKUP_FAILED = "申请编号或查询码不正确"
FOREIGN_URL = re.compile(r"""(?:https?:)?//(?!testserver[/:"'])[A-Za-z0-9.-]+\.[A-Za-z]{2,}""")


def person(**overrides: Any) -> dict[str, Any]:
    data = {
        "category": "natural_person",
        "applicant_name": NAME,
        "identity_number": GOOD_ID,
        "contact_person": "",
        "phone": PHONE,
        "email": "",
        "address": "武汉市测试区和平路1号",
        "postal_code": "430000",
        "description": DESCRIPTION,
        "document_number": "",
        "information_form": "paper",
        "delivery_method": "mail",
        "declaration": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def organisation(**overrides: Any) -> dict[str, Any]:
    defaults = {
        "category": "commercial_enterprise",
        "applicant_name": "武汉某某科技有限公司",
        "identity_number": GOOD_USCC,
        "contact_person": "李四",
    }
    return person(**{**defaults, **overrides})


def apply_url(agency: Agency) -> str:
    return f"/apply/{agency.code}/"


def submit(client: Client, agency: Agency, data: dict[str, Any]) -> Any:
    """Post the form as a browser would: with the token of a page it was given."""
    if "submission_token" not in data:
        html = client.get(apply_url(agency)).content.decode()
        token = re.search(r'name="submission_token" value="([^"]+)"', html)
        data = {**data, "submission_token": token.group(1) if token else ""}
    return client.post(apply_url(agency), data)


def submitted(client: Client, agency: Agency) -> tuple[Application, str]:
    """Apply as a natural person; the stored application and the query code shown."""
    response = submit(client, agency, person())
    assert response.status_code == 302, response.content.decode()
    page = client.get(response["Location"]).content.decode()
    code = re.search(r'id="query-code">([A-Z0-9]+)<', page)
    assert code is not None, page
    return Application.objects.get(), code.group(1)


def track(client: Client, number: str, code: str, ip: str = "127.0.0.1") -> Any:
    return client.post("/track/", {"receipt_number": number, "query_code": code}, REMOTE_ADDR=ip)


def field_error(html: str, field: str) -> str:
    found = re.search(rf'id="id_{field}_error">(.*?)</p>', html, re.S)
    return found.group(1) if found else ""


# --- applying ------------------------------------------------------------------------


def test_choose_agency_lists_active_agencies_in_tree_order(client: Client, district: Any) -> None:
    district.b.is_active = False
    district.b.save()

    html = client.get("/apply/").content.decode()

    assert "测试区人民政府" in html
    assert f'href="/apply/{district.a.code}/"' in html
    assert district.b.name not in html
    assert html.index("测试区人民政府") < html.index(district.a.name)


def test_natural_person_application_is_stored_and_receipt_shows_number_and_code(
    client: Client, district: Any
) -> None:
    response = submit(client, district.a, person())

    assert response.status_code == 302
    assert response["Location"] == "/apply/receipt/"  # no personal data in the URL
    page = client.get("/apply/receipt/")
    html = page.content.decode()
    application = Application.objects.get()
    assert application.receipt_number in html
    code = re.search(r'id="query-code">([A-Z0-9]+)<', html)
    assert code is not None and len(code.group(1)) == 10
    assert "待确认" in html
    assert "第三十一条" in html and "以双方确认之日为收到申请之日" in html
    assert "no-store" in page["Cache-Control"]
    assert page["Referrer-Policy"] == "no-referrer"
    assert application.phase == Phase.TO_CONFIRM
    assert application.channel == Channel.ONLINE
    assert application.agency == district.a
    assert application.identity_number == GOOD_ID
    assert application.contact_person == ""


def test_query_code_is_shown_once_only(client: Client, district: Any) -> None:
    application, code = submitted(client, district.a)

    again = client.get("/apply/receipt/").content.decode()

    assert application.receipt_number in again
    assert code not in again
    assert "查询码已在提交成功时显示过一次" in again


def test_receipt_page_without_a_submission_goes_back_to_the_start(
    client: Client, district: Any
) -> None:
    response = client.get("/apply/receipt/")

    assert response.status_code == 302
    assert response["Location"] == "/apply/"


def test_bad_id_checksum_is_reported_on_the_identity_field_and_nothing_is_stored(
    client: Client, district: Any
) -> None:
    response = submit(client, district.a, person(identity_number=BAD_ID))

    html = response.content.decode()
    assert response.status_code == 200
    assert "校验位错误" in field_error(html, "identity_number")
    assert 'href="#id_identity_number"' in html  # the error summary links to the field
    assert 'aria-describedby="id_identity_number_hint id_identity_number_error"' in html
    assert 'aria-invalid="true"' in html
    assert "no-store" in response["Cache-Control"]
    assert not Application.objects.exists()


def test_organisation_with_bad_uscc_is_refused(client: Client, district: Any) -> None:
    response = submit(client, district.a, organisation(identity_number=BAD_USCC))

    assert "统一社会信用代码" in field_error(response.content.decode(), "identity_number")
    assert not Application.objects.exists()


def test_organisation_is_stored_with_contact_person(client: Client, district: Any) -> None:
    response = submit(client, district.a, organisation())

    assert response.status_code == 302
    application = Application.objects.get()
    assert application.category == "commercial_enterprise"
    assert application.identity_kind == "uscc"
    assert application.contact_person == "李四"


def test_organisation_without_contact_person_is_refused(client: Client, district: Any) -> None:
    response = submit(client, district.a, organisation(contact_person=""))

    assert "联系人" in field_error(response.content.decode(), "contact_person")
    assert not Application.objects.exists()


def test_missing_contact_details_are_refused_on_the_phone_field(
    client: Client, district: Any
) -> None:
    data = person(phone="", address="", email="", delivery_method="pick_up")

    response = submit(client, district.a, data)

    assert "至少填写一种联系方式" in field_error(response.content.decode(), "phone")
    assert not Application.objects.exists()


def test_missing_fields_are_named_in_the_error_summary(client: Client, district: Any) -> None:
    response = submit(client, district.a, {})

    html = response.content.decode()
    assert "请选择申请人类型" in html
    assert 'href="#id_category_0"' in html
    assert "请填写申请人姓名或名称" in html
    assert "请填写所需政府信息的描述" in html
    assert "请阅读并勾选声明后再提交" in html
    assert "<title>错误：" in html
    assert not Application.objects.exists()


def test_too_long_input_is_named_with_its_limit(client: Client, district: Any) -> None:
    response = submit(client, district.a, person(applicant_name="张" * 101))

    assert "申请人姓名或名称不能超过100个字符（现为101个）" in field_error(
        response.content.decode(), "applicant_name"
    )


def test_delivery_by_mail_needs_an_address(client: Client, district: Any) -> None:
    response = submit(client, district.a, person(address=""))

    assert "通信地址" in field_error(response.content.decode(), "address")


def test_inactive_or_unknown_agency_is_not_found(client: Client, district: Any) -> None:
    district.a.is_active = False
    district.a.save()

    assert client.get(apply_url(district.a)).status_code == 404
    assert submit(client, district.a, person()).status_code == 404
    assert client.get("/apply/91420104MA0000000X/").status_code == 404
    assert not Application.objects.exists()


def test_resubmitting_the_same_page_files_one_application(client: Client, district: Any) -> None:
    html = client.get(apply_url(district.a)).content.decode()
    token = re.search(r'name="submission_token" value="([^"]+)"', html)
    assert token is not None
    data = person(submission_token=token.group(1))

    first = submit(client, district.a, data)
    second = submit(client, district.a, data)

    assert first.status_code == second.status_code == 302
    assert Application.objects.count() == 1


def test_apply_form_is_accessible_and_needs_csrf(district: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    html = client.get(apply_url(district.a)).content.decode()

    assert "csrfmiddlewaretoken" in html
    assert html.count("<fieldset") >= 6 and "<legend" in html
    assert '<label for="id_applicant_name">' in html
    assert 'aria-describedby="id_phone_hint"' in html
    assert "/static/gongkai/applications/apply.js" in html
    assert client.post(apply_url(district.a), person()).status_code == 403


# --- tracking ------------------------------------------------------------------------


def test_track_with_the_right_code_shows_status_and_no_personal_data(
    client: Client, district: Any
) -> None:
    application, code = submitted(client, district.a)

    response = track(client, application.receipt_number, code.lower())

    html = response.content.decode()
    assert response.status_code == 200
    assert application.receipt_number in html
    assert district.a.name in html
    assert "待确认" in html
    for secret in (NAME, GOOD_ID, PHONE, DESCRIPTION, "和平路", code):
        assert secret not in html
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_track_shows_outcome_and_letter_titles_once_answered(client: Client, district: Any) -> None:
    application, code = submitted(client, district.a)
    Application.objects.filter(pk=application.pk).update(
        phase=Phase.ANSWERED,
        received_date=date(2026, 3, 2),
        answer_due=date(2026, 3, 30),
        outcome="3.1",
        closed_date=date(2026, 3, 20),
    )
    Letter.objects.create(
        application=application,
        kind="answer",
        year=2026,
        sequence=1,
        number="教育局依申请〔2026〕1号",
        title="政府信息公开申请答复书",
        paragraphs=[f"{NAME}：你申请的{DESCRIPTION}……"],
        issued_on=date(2026, 3, 20),
    )

    html = track(client, application.receipt_number, code).content.decode()

    assert "已答复" in html
    assert "予以公开" in html
    assert "2026年3月20日" in html and "2026年3月2日" in html
    assert "政府信息公开申请答复书" in html
    assert NAME not in html and DESCRIPTION not in html
    assert ".pdf" not in html and ".docx" not in html


def test_wrong_code_and_unknown_number_look_the_same(client: Client, district: Any) -> None:
    application, code = submitted(client, district.a)
    wrong = "A" * 10 if code != "A" * 10 else "B" * 10

    def message(response: Any) -> tuple[int, str]:
        found = re.search(r'<p id="lookup-error">(.*?)</p>', response.content.decode())
        assert found is not None
        return response.status_code, found.group(1)

    wrong_code = message(track(client, application.receipt_number, wrong))
    unknown = message(track(client, "YSQ2026999999999", code))

    assert wrong_code == unknown
    assert wrong_code[1].startswith(LOOKUP_FAILED)


def test_failed_lookups_are_throttled_per_client_address(client: Client, district: Any) -> None:
    application, code = submitted(client, district.a)
    for _ in range(FAILURES_PER_CLIENT):
        assert track(client, "YSQ2026000000001", "WRONGCODE2", ip="203.0.113.9").status_code == 200

    refused = track(client, "YSQ2026000000001", "WRONGCODE2", ip="203.0.113.9")
    right_but_refused = track(client, application.receipt_number, code, ip="203.0.113.9")
    elsewhere = track(client, application.receipt_number, code, ip="198.51.100.7")

    assert refused.status_code == 429
    assert "查询失败次数过多" in refused.content.decode()
    assert refused["Retry-After"] == "3600"
    assert right_but_refused.status_code == 429
    assert "待确认" not in right_but_refused.content.decode()
    assert elsewhere.status_code == 200
    assert "待确认" in elsewhere.content.decode()


def test_successful_lookups_do_not_count(client: Client, district: Any) -> None:
    application, code = submitted(client, district.a)
    for _ in range(FAILURES_PER_CLIENT + 2):
        assert track(client, application.receipt_number, code).status_code == 200
    for _ in range(FAILURES_PER_CLIENT):
        assert track(client, application.receipt_number, "WRONGCODE2").status_code == 200
    assert track(client, application.receipt_number, code).status_code == 429


def test_failed_lookups_on_a_receipt_number_ask_for_a_challenge(
    client: Client, district: Any
) -> None:
    # Never a block for the number: see tests/abuse/test_track_challenge.py.
    application, code = submitted(client, district.a)
    for n in range(CHALLENGE_AFTER_PER_NUMBER):
        track(client, application.receipt_number, "WRONGCODE2", ip=f"192.0.2.{n + 1}")

    from_a_fresh_address = track(client, application.receipt_number, code, ip="192.0.2.200")
    other_number = track(client, "YSQ2026000000002", "WRONGCODE2", ip="192.0.2.201")

    assert from_a_fresh_address.status_code == 200
    assert "请完成验证" in from_a_fresh_address.content.decode()
    assert "待确认" not in from_a_fresh_address.content.decode()
    assert "请完成验证" not in other_number.content.decode()


def test_ipv6_clients_are_counted_by_their_64_network(client: Client, district: Any) -> None:
    for n in range(FAILURES_PER_CLIENT):
        track(client, "YSQ2026000000001", "WRONGCODE2", ip=f"2001:db8:1:2::{n + 1:x}")

    assert track(client, "YSQ2026000000001", "WRONGCODE2", ip="2001:db8:1:2::ff").status_code == 429
    assert track(client, "YSQ2026000000001", "WRONGCODE2", ip="2001:db8:1:3::1").status_code == 200


def test_form_pages_keep_the_origin_header_for_csrf(client: Client, district: Any) -> None:
    # Under no-referrer, browsers post "Origin: null" and Django's CSRF check refuses it.
    for url in ("/track/", apply_url(district.a)):
        assert client.get(url)["Referrer-Policy"] == "same-origin"
    failed = track(client, "YSQ2026000000001", "WRONGCODE2")
    assert failed["Referrer-Policy"] == "same-origin"
    assert "no-store" in failed["Cache-Control"]


def test_track_is_posted_not_got(client: Client, district: Any) -> None:
    page = client.get("/track/", {"receipt_number": "YSQ1", "query_code": "X"})

    html = page.content.decode()
    assert 'method="post"' in html
    assert LOOKUP_FAILED not in html  # a GET never performs a lookup
    assert "no-store" in page["Cache-Control"]


# --- the pages themselves ------------------------------------------------------------


@pytest.mark.parametrize("path", ["/apply/", "apply_form", "/track/"])
def test_public_pages_load_nothing_from_other_hosts(
    client: Client, district: Any, path: str
) -> None:
    url = apply_url(district.a) if path == "apply_form" else path

    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert FOREIGN_URL.search(html) is None, FOREIGN_URL.search(html)
    assert '<html lang="zh-CN">' in html


def test_home_page_links_to_apply_and_track(client: Client, district: Any) -> None:
    from gongkai.portal.setup import ensure_site

    ensure_site()

    html = client.get("/", HTTP_HOST="localhost").content.decode()

    assert 'href="/apply/"' in html and "申请公开" in html
    assert 'href="/track/"' in html and "查询办理进度" in html
