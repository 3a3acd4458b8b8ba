"""What an agency's 政府信息公开指南 (Art. 12) says below the agency's own text.

The agency writes how its information is classified, arranged and obtained (the guide's
body). The rest is composed here from data kept elsewhere, so the guide cannot drift from
what the platform does: how to apply by each channel (its disclosure office's address,
hours and fax from the agency's 指南资料, the received date of Art. 31), the paper form
(the online form's questions, as DOCX and PDF), the periods (rules.clock), the
processing fee (rules.fees) and the remedy bodies its answer letters also name
(rules.outcomes).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.rules.application_clock import RECEIVED_DATE_WORDS
from gongkai.rules.catalogue import GUIDE_CONTACT_ITEMS
from gongkai.rules.fees import fee_explanation
from gongkai.rules.outcomes import remedy_guidance

NOT_PUBLISHED = "（尚未公布）"


@dataclass(frozen=True)
class ApplyChannel:
    """One way to hand in an application, and when it counts as received."""

    title: str
    how: str
    received: str
    url: str = ""  # where the channel is, when it is on this platform


@dataclass(frozen=True)
class GuideSections:
    agency: Agency
    office_name: str
    downloads: list[tuple[str, str]]  # (label, url) of the paper form
    channels: list[ApplyChannel]
    notes: list[str]
    fees: list[str]
    remedies: list[str]


# Where each item of the guide's contacts (rules.catalogue.GUIDE_CONTACT_ITEMS) is kept.
GUIDE_CONTACT_FIELDS = {
    "name": "office_name",
    "address": "office_address",
    "office_hours": "office_hours",
    "phone": "office_phone",
    "fax": "office_fax",
    "internet": "office_email",
    "reconsideration_body": "reconsideration_body",
    "court": "court",
}


def missing_guide_items(agency: Agency) -> list[str]:
    """The guide's contacts and remedy bodies the agency has not entered, by their names."""
    return [
        label
        for key, label in GUIDE_CONTACT_ITEMS
        if not getattr(agency, GUIDE_CONTACT_FIELDS[key]).strip()
    ]


def office_name(agency: Agency) -> str:
    return agency.office_name or f"{agency.name}政府信息公开工作机构"


def apply_channels(agency: Agency, *, apply_url: str) -> list[ApplyChannel]:
    """Online, by letter, in person, and by fax where the office has one (Art. 29, 31)."""
    office = office_name(agency)
    address = agency.office_address or NOT_PUBLISHED
    postcode = f"（邮政编码{agency.office_postcode}）" if agency.office_postcode else ""
    words = RECEIVED_DATE_WORDS
    channels = [
        ApplyChannel(
            "在线申请",
            "在本平台填写并提交申请，提交后凭申请编号和查询码查询办理进度。",
            f"网上提交的，{words['online']}。",
            url=apply_url,
        ),
        ApplyChannel(
            "信函申请",
            f"将申请表邮寄至{address}{postcode}，{office}收，"
            "并在信封左下角注明“政府信息公开申请”字样。",
            f"以挂号信等需要签收的方式邮寄的，{words['registered_mail']}；"
            f"以平常信函邮寄的，{words['ordinary_letter']}。",
        ),
        ApplyChannel(
            "当面申请",
            f"在办公时间（{agency.office_hours or NOT_PUBLISHED}）到{address}{office}"
            "当面提交申请表；书面申请确有困难的，可以口头提出，由工作人员代为填写。",
            f"当面提交的，{words['in_person']}。",
        ),
    ]
    if agency.office_fax:
        channels.append(
            ApplyChannel(
                "传真申请",
                f"将申请表传真至{agency.office_fax}，并来电确认。",
                f"传真提交的，{words['fax']}。",
            )
        )
    return channels


def guide_sections(agency: Agency) -> GuideSections:
    from gongkai.portal.xxgk import application_notes

    apply_url = reverse("applications_public:apply", args=[agency.code])
    downloads = [
        (label, reverse("applications_public:paper_form", args=[agency.code, fmt]))
        for label, fmt in (("申请表（Word 版，DOCX）", "docx"), ("申请表（PDF 版）", "pdf"))
    ]
    superior = agency.parent.name if agency.parent_id else ""
    return GuideSections(
        agency=agency,
        office_name=office_name(agency),
        downloads=downloads,
        channels=apply_channels(agency, apply_url=apply_url),
        notes=application_notes(with_fees=False),
        fees=fee_explanation(),
        remedies=remedy_guidance(
            reconsideration_body=agency.reconsideration_body,
            court=agency.court,
            superior=superior,
        ),
    )
