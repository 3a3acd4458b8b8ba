"""Law back in rules/: Art. 29 on every intake channel, the fee's same-applicant rule."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.applications.ledger import HEADERS, LedgerError, do_import_table
from gongkai.applications.models import Application
from gongkai.applications.services import handling, intake
from tests.test_applications import PERSON, office, officer  # noqa: F401  (office: a fixture)

TODAY = date(2026, 11, 20)  # the date the services run on, never the machine's

ORGANISATION = {
    **PERSON,
    "category": "commercial_enterprise",
    "applicant_name": "测试建设有限公司",
    "identity_kind": "",
    "identity_number": "91420100MA4KXXXX0X",
}


def _register(district, **fields):
    with officer(district):
        return intake.do_register_application(
            agency=district.a,
            channel="in_person",
            received_on=date(2026, 11, 2),
            today=date(2026, 11, 2),
            **fields,
        )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"delivery_method": "email"}, "email", "请填写电子邮箱"),
        ({"information_form": "email"}, "email", "请填写电子邮箱"),
        ({"delivery_method": "mail"}, "address", "请填写通信地址"),
        ({"phone": ""}, "phone", "至少填写一种联系方式"),
    ],
)
def test_staff_registration_checks_article_29(office, changes, field, message):  # noqa: F811
    """Before: only the public form asked for these; staff could register without them."""
    with pytest.raises(ValidationError) as refused:
        _register(office, **{**PERSON, **changes})
    assert message in " ".join(refused.value.message_dict[field])
    assert not Application.objects.exists()


def test_an_organisation_names_its_contact_person(office):  # noqa: F811
    from gongkai.rules.identifiers import uscc_check_char

    body = "91420100MA4KXXXX0"
    organisation = {**ORGANISATION, "identity_number": body + uscc_check_char(body)}
    with pytest.raises(ValidationError) as refused:
        _register(office, **organisation)
    assert "法人或其他组织请填写联系人" in " ".join(refused.value.message_dict["contact_person"])
    assert _register(office, **organisation, contact_person="王经理").application.pk


def _ledger(*rows):
    header = [*HEADERS, "联系人", "联系电话", "获取信息的方式", "通信地址"]
    return [(1, header)] + [(n, list(row)) for n, row in enumerate(rows, start=2)]


def test_the_ledger_checks_article_29_on_open_rows_only(office):  # noqa: F811
    answered = [
        "T-1",
        "2026-10-09",
        "商业企业",
        "甲公司",
        "当面",
        "某文件",
        "予以公开",
        "2026-10-20",
    ]
    open_org = ["T-2", "2026-10-09", "商业企业", "乙公司", "当面", "某文件", "", ""]
    by_mail = [
        "T-3",
        "2026-10-09",
        "自然人",
        "王五",
        "当面",
        "某文件",
        "",
        "",
        "",
        "13800000000",
        "邮寄",
    ]
    with pytest.raises(LedgerError) as refused, officer(office):
        do_import_table(
            today=TODAY, agency=office.a, table=_ledger(answered, open_org, by_mail), source="t"
        )
    text = str(refused.value)
    assert "第2行" not in text  # an answered row is history, taken as it is
    assert "第3行：" in text and "法人或其他组织请填写联系人（“联系人”列）" in text
    assert "第4行：" in text and "选择邮寄的，请填写通信地址（“通信地址”列）" in text
    assert not Application.objects.exists()


def test_the_ledger_default_delivery_is_pick_up(office):  # noqa: F811
    row = ["T-4", "2026-10-09", "自然人", "王五", "当面", "某文件", "", "", "", "13800000000"]
    with officer(office):
        result = do_import_table(today=TODAY, agency=office.a, table=_ledger(row), source="t")
    assert result.applications[0].delivery_method == "pick_up"


def test_a_count_based_fee_is_refused_without_an_identity(office):  # noqa: F811
    """Ledger imports carry no identity: before, all of them counted as one applicant."""
    rows = [
        [
            f"T-{n}",
            "2026-10-09",
            "自然人",
            f"申请人{n}",
            "当面",
            "某文件",
            "",
            "",
            "",
            "13800000000",
        ]
        for n in range(12)
    ]
    with officer(office):
        imported = do_import_table(today=TODAY, agency=office.a, table=_ledger(*rows), source="t")
    last = imported.applications[-1]
    with pytest.raises(ValidationError, match="身份证明号码未登记"), officer(office):
        handling.do_send_fee_notice(
            application=last, on=date(2026, 10, 20), basis="by_count", today=date(2026, 10, 20)
        )
