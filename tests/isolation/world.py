"""The data the isolation matrix runs against: agency a, agency b, and b's secrets.

Everything of agency b that nobody outside b may read carries a marker (an ASCII token
inside Chinese text, so a leak is one substring search, whatever the encoding of the
page or JSON around it). Agency a gets an applicant with a query code, and the objects
the matrix uses as its own side of a cross-agency request.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

MISSING = 999999  # an id that names nothing
TODAY = date(2026, 11, 20)  # the date the services run on, never the machine's

# Markers of agency b's private data. The applicant's personal data is also private from
# the operator (the platform runs the agencies' work, not their cases); the rest is
# configuration and content the operator administers.
PERSONAL = {
    "applicant_name": "钱乙申请人",
    "phone": "13977015533",
    "address": "乙区QXBADDR路77号",
    "description": "QXBDESC 乙局申请公开的内容",
}
B_IDENTITY_BODY = "42010419770515403"
CONTENT = {
    "draft": "乙局草稿QXBDRAFT",
    "live_draft": "乙局在线条目的新草稿QXBLIVEDRAFT",
    "document": "乙局未公开附件QXBDOC",
    "image": "乙局图片QXBIMG",
    "template": "乙局文书模板QXBTPL",
    "file": "QXBFILEBYTES",
}


def _resident_id(body: str) -> str:
    from gongkai.rules.identifiers import resident_id_check_char

    return body + resident_id_check_char(body)


@dataclass
class World:
    """The district plus agency b's objects, by the names URL arguments use."""

    district: Any
    b: dict[str, Any] = field(default_factory=dict)  # b's objects by kind
    a: dict[str, Any] = field(default_factory=dict)  # a's objects by kind
    applicant: dict[str, str] = field(default_factory=dict)  # a's receipt number and code

    def markers(self, *, personal_only: bool, case_numbers: bool = True) -> list[bytes]:
        """Byte strings whose presence in a response is a leak of agency b's data.

        ``case_numbers=False`` for the audit administrator, whose audit log names every
        case by its receipt number (申请编号) — a case, not a person: the applicant's
        name, contacts, ID and request stay markers.
        """
        texts = [*PERSONAL.values(), self.b["identity_number"]]
        if case_numbers:
            texts.append(self.b["receipt_number"])
        if not personal_only:
            texts += CONTENT.values()
        found = []
        for text in texts:
            found.append(text.encode())
            escaped = json.dumps(text)[1:-1].encode()  # JSON with ensure_ascii
            if escaped != found[-1]:
                found.append(escaped)
        return found


def build_world(district: Any) -> World:
    """Agency b with a draft in review, a live entry with a newer draft, an unpublished
    document and image, an answered online application with an identity proof, a letter,
    an appeal, a letter template and an annual report draft; agency a with an applicant."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from gongkai.agencies.services import do_update_guide_details
    from gongkai.applications.models import ApplicantFile, LetterTemplate
    from gongkai.applications.services import handling, intake
    from gongkai.applications.uploads import screen_bytes
    from gongkai.audit.context import acting
    from gongkai.disclosure.permissions import agency_collection
    from gongkai.disclosure.services.catalogue import ensure_agency_catalogue
    from gongkai.reports.services import do_create_report
    from gongkai.workcalendar.services import seed_bundled_schedules
    from tests.disclosure.test_catalogue import new_entry, run_chain
    from tests.test_applicant_identity import png_bytes
    from tests.test_applications import PERSON

    world = World(district=district)
    seed_bundled_schedules(today=TODAY)
    for agency in (district.a, district.b):
        do_update_guide_details(
            agency=agency,
            reconsideration_body="测试区人民政府",
            court="测试区人民法院",
            office_name=f"{agency.name}办公室",
            office_phone="027-12345678",
        )
    for agency in (district.a.parent, district.a, district.b):
        ensure_agency_catalogue(agency=agency)
    b, a = world.b, world.a

    # --- pages: a's own draft first, then b's, so b's is the newest edited of its type;
    # b's draft is in review, and b's live entry has a newer draft
    a["page"] = new_entry(district, slug="a", title="甲局自己的草稿")
    a["column"] = a["page"].get_parent()
    draft = new_entry(district, slug="b", title=CONTENT["draft"])
    draft.get_workflow().start(draft, district.user("b", "editor"))
    draft.refresh_from_db()
    b["page"] = draft
    b["revision"] = draft.latest_revision
    b["workflow_state"] = draft.current_workflow_state
    b["task_state"] = draft.current_workflow_task_state
    b["task"] = draft.current_workflow_task
    live = run_chain(new_entry(district, slug="b", title="乙局已公开条目"), district, slug="b")
    live.title = CONTENT["live_draft"]
    live.save_revision(user=district.user("b", "editor"))
    b["live"] = live
    b["column"] = draft.get_parent()
    b["branch"] = b["column"].get_parent()

    # --- files in b's collection, used by no published entry
    b["document"] = get_document_model().objects.create(
        title=CONTENT["document"],
        file=ContentFile(b"%PDF-1.4 " + CONTENT["file"].encode(), name="qxb.pdf"),
        collection=agency_collection(district.b),
    )
    b["image"] = get_image_model().objects.create(
        title=CONTENT["image"],
        file=ImageFile(BytesIO(png_bytes()), name="qxb.png"),
        collection=agency_collection(district.b),
    )
    b["collection"] = agency_collection(district.b)

    # --- b's application, answered, with an identity proof and an appeal
    b["identity_number"] = _resident_id(B_IDENTITY_BODY)
    person = {**PERSON, **PERSONAL, "identity_number": b["identity_number"]}
    proof = screen_bytes(png_bytes(), name="乙身份证.png", what="身份证明文件")
    receipt = intake.do_submit_online_application(
        today=TODAY, agency=district.b, identity_proof=proof, **person
    )
    with acting(actor=district.user("b", "disclosure_officer"), channel="web"):
        application = receipt.application
        intake.do_confirm_receipt(today=TODAY, application=application, on=date(2026, 9, 1))
        letter = handling.do_answer(
            today=TODAY, application=application, on=date(2026, 9, 4), answer_type="disclosed"
        )
        appeal = handling.do_record_appeal(
            application=application,
            kind="reconsideration",
            body="QXBAPPEAL",
            filed_on=date(2026, 10, 8),
        )
        b["report"] = do_create_report(agency=district.b, year=2026)
    b["application"], b["letter"], b["appeal"] = application, letter, appeal
    b["waiting"] = intake.do_submit_online_application(
        today=TODAY, agency=district.b, **{**person, "description": PERSONAL["description"] + "2"}
    ).application
    b["receipt_number"] = application.receipt_number
    b["applicant_file"] = ApplicantFile.objects.get(application=application)
    b["template"] = LetterTemplate.objects.create(
        agency=district.b, kind=letter.kind, title="乙局模板", body=CONTENT["template"]
    )

    # --- rows the admin's generic views take by pk
    from django.contrib.auth.models import Group
    from wagtail.models import Site

    from gongkai.agencies.models import Membership
    from gongkai.audit.models import AuditEntry
    from gongkai.disclosure.models.vocabulary import ScreeningTerm
    from gongkai.jobs.models import JobRun
    from gongkai.site_identity.models import SiteIdentity
    from gongkai.workcalendar.models import HolidaySchedule

    b["audit"] = AuditEntry.objects.filter(agency=district.b).order_by("pk").first().pk
    b["membership"] = Membership.objects.filter(agency=district.b).order_by("pk").first().pk
    b["group"] = Group.objects.order_by("pk").first().pk
    b["setting"] = SiteIdentity.load().pk
    b["schedule"] = HolidaySchedule.objects.order_by("pk").first().pk
    term = ScreeningTerm.objects.order_by("pk").first()
    b["screening_term"] = term.pk if term else MISSING
    b["site"] = Site.objects.order_by("pk").first().pk
    job = JobRun.objects.order_by("pk").first()
    b["job"] = job.pk if job else MISSING

    # --- an inspection of b's site: a run, a finding in b's content, b's ticket
    from gongkai.inspection.models import Finding, InspectionRun, ListedSite, RectificationTicket

    run = InspectionRun.objects.create(inspected_on=TODAY)
    finding = Finding.objects.create(
        type="broken_link",
        url="https://mzj.example.gov.cn/a.html",
        evidence="-",
        severity="minor",
        site="https://mzj.example.gov.cn/",
        key="qxb-finding",
        first_seen=TODAY,
        last_seen=TODAY,
        last_run=run,
        agency=district.b,
    )
    b["inspection_run"], b["finding"] = run, finding
    b["ticket"] = RectificationTicket.objects.create(
        finding=finding, agency=district.b, sent_on=TODAY, due_on=TODAY
    )
    b["listed_site"] = ListedSite.objects.create(
        url="https://mzj.example.gov.cn/", name="乙局网站", agency=district.b
    )

    # --- a's applicant, who will hold the query code
    a_receipt = intake.do_submit_online_application(
        today=TODAY, agency=district.a, **{**PERSON, "applicant_name": "孙甲申请人"}
    )
    a["application"] = a_receipt.application
    world.applicant = {
        "receipt_number": a_receipt.application.receipt_number,
        "query_code": a_receipt.query_code,
    }
    return world


def snapshot_b(world: World, *, personal_only: bool) -> dict[str, list[Any]]:
    """Agency b's rows as they are: applications and everything under them and, unless
    the actor is the operator who administers content (and whose changes to it are
    audited under agency b), b's pages, files, staff, configuration and audit rows."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Revision, WorkflowState

    from gongkai.agencies.models import Agency, Membership
    from gongkai.applications.models import (
        Appeal,
        ApplicantFile,
        Application,
        Letter,
        LetterTemplate,
    )
    from gongkai.audit.models import AuditEntry
    from gongkai.inspection.models import RectificationTicket
    from gongkai.reports.models import AnnualReport

    b = world.district.b
    application = Application.objects.filter(agency=b)
    tables: dict[str, Any] = {
        "applications": application,
        "letters": Letter.objects.filter(application__agency=b),
        "applicant_files": ApplicantFile.objects.filter(application__agency=b),
        "appeals": Appeal.objects.filter(application__agency=b),
    }
    if not personal_only:
        branch = world.b["branch"]
        pages = Page.objects.filter(path__startswith=branch.path)
        tables |= {
            "audit": AuditEntry.objects.filter(agency=b).exclude(action__startswith="auth."),
            "agency": Agency.objects.filter(pk=b.pk),
            "memberships": Membership.objects.filter(agency=b),
            "pages": pages,
            "revisions": Revision.page_revisions.filter(object_id__in=[str(p.pk) for p in pages]),
            "workflow_states": WorkflowState.objects.filter(base_content_type__isnull=False),
            "documents": get_document_model().objects.filter(collection=world.b["collection"]),
            "images": get_image_model().objects.filter(collection=world.b["collection"]),
            "templates": LetterTemplate.objects.filter(agency=b),
            "reports": AnnualReport.objects.filter(agency=b),
            "tickets": RectificationTicket.objects.filter(agency=b),
        }
    return {name: sorted(map(repr, qs.values())) for name, qs in tables.items()}
