"""Staff screens name people by their names, and the extension's approver is a head of
the agency chosen from a list (Art. 33 ¶2), not free text."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.test import Client
from django.urls import reverse

from gongkai.applications.services import intake
from tests.test_applications import PERSON, office, officer  # noqa: F401 (fixture)

TODAY = date(2026, 11, 20)  # the date the services run on, never the machine's


def test_membership_list_shows_names(client: Client, district: Any) -> None:
    client.force_login(district.operator)
    page = client.get("/admin/memberships/").content.decode()
    editor = district.user("a", "editor")
    assert editor.get_full_name() in page
    assert f">{editor.get_username()}<" not in page.replace("\n", "").replace(" ", "")


def test_extension_approver_is_chosen_from_the_agencys_heads(
    client: Client,
    office: Any,  # noqa: F811
) -> None:
    with officer(office):
        app = intake.do_register_application(
            today=TODAY,
            agency=office.a,
            channel="in_person",
            received_on=date(2026, 9, 1),
            **PERSON,
        ).application
    client.force_login(office.user("a", "disclosure_officer"))
    page = client.get(reverse("applications_process", args=[app.pk])).content.decode()
    field = page[page.index('name="extension-approved_by"') :]
    field = field[: field.index("</select>")]
    for role in ("first_reviewer", "second_reviewer", "final_approver"):
        head = office.user("a", role)
        assert f'value="{head.pk}"' in field and head.get_full_name() in field
    for outsider in (office.user("a", "editor"), office.user("b", "final_approver")):
        assert f'value="{outsider.pk}"' not in field

    other_head = office.user("b", "final_approver")
    refused = client.post(
        reverse("applications_step", args=[app.pk, "extension"]),
        {
            "extension-on": "2026-09-10",
            "extension-days": "10",
            "extension-approved_by": str(other_head.pk),
            "extension-reason": "需调取档案",
        },
    )
    assert "请从本机构的负责人中选择批准人" in refused.content.decode()
    assert app.events.count() == 1

    head = office.user("a", "second_reviewer")
    done = client.post(
        reverse("applications_step", args=[app.pk, "extension"]),
        {
            "extension-on": "2026-09-10",
            "extension-days": "10",
            "extension-approved_by": str(head.pk),
            "extension-reason": "需调取档案",
        },
    )
    assert done.status_code == 302
    event = app.events.order_by("pk").last()
    assert event.data["approved_by"] == head.get_full_name()
    # The process page names who recorded each step.
    page = client.get(reverse("applications_process", args=[app.pk])).content.decode()
    assert office.user("a", "disclosure_officer").get_full_name() in page
