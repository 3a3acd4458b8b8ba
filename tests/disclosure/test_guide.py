"""The 政府信息公开指南 (Art. 12) beyond the agency's own text, its paper form, and the
catalogue check of empty 机构信息 and guide contacts (issue 15.4).

The fee and remedy wording is checked against the 办法's and the letters' figures read
independently here, not against the functions that produce it.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pdfplumber
import pytest
from click.testing import CliRunner
from django.core.exceptions import PermissionDenied
from django.test import Client
from docx import Document

from gongkai.agencies.services import do_update_guide_details
from gongkai.applications.public.forms import ApplicationForm
from gongkai.applications.services.intake import APPLICANT_FIELDS
from gongkai.audit.context import acting
from gongkai.audit.models import AuditEntry
from gongkai.disclosure.models import AgencyCataloguePage, DisclosureGuidePage
from gongkai.disclosure.selectors import column_health, information_gaps
from tests.disclosure.test_review_chain_http import client_for

DETAILS = {
    "office_name": "测试区教育局办公室",
    "office_address": "测试区京汉大道118号<script>alert(1)</script>",
    "office_postcode": "430030",
    "office_hours": "工作日上午9:00—12:00，下午14:00—17:30",
    "office_phone": "027-83755100",
    "office_contact": "王敏",
    "office_fax": "027-83755101",
    "office_email": "gongkai@jyj.example.gov.cn",
    "reconsideration_body": "测试区人民政府",
    "court": "测试区人民法院",
}


def guide_of(agency: Any) -> DisclosureGuidePage:
    branch = AgencyCataloguePage.objects.get(agency=agency)
    return DisclosureGuidePage.objects.child_of(branch).get()


@pytest.fixture
def guided(catalogue: Any) -> Any:
    do_update_guide_details(agency=catalogue.a, **DETAILS)
    return catalogue


def test_the_guide_lists_channels_form_fees_office_and_remedies(
    guided: Any, client: Client
) -> None:
    html = client.get(guide_of(guided.a).url).content.decode()
    text = re.sub(r"<[^>]+>", "", html)
    for channel in ("在线申请", "信函申请", "当面申请", "传真申请"):
        assert channel in text
    # Where to come and write to, from the agency's 指南资料, escaped.
    assert "测试区京汉大道118号&lt;script&gt;" in html and "<script>alert(1)" not in html
    assert "（邮政编码430030），测试区教育局办公室收" in text
    assert "在办公时间（工作日上午9:00—12:00，下午14:00—17:30）到" in text
    assert "将申请表传真至027-83755101" in text
    for value in ("027-83755100", "王敏", "gongkai@jyj.example.gov.cn"):
        assert value in text
    assert f'href="/apply/{guided.a.code}/"' in html
    assert f'href="/apply/{guided.a.code}/form.docx"' in html
    assert f'href="/apply/{guided.a.code}/form.pdf"' in html
    # 办法 Art. 4 and 5, and the 20 working days to pay, as the 办法 states them.
    for figure in (
        "10件以下（含10件）的，不收费",
        "11—30件（含30件）的部分，100元/件",
        "以10件为一档，每增加一档，收费标准提高100元/件",
        "30页以下（含30页）的，不收费",
        "31—100页（含100页）的部分，10元/页",
        "101—200页（含200页）的部分，20元/页",
        "201页以上的部分，40元/页",
        "国办函〔2020〕109号",
        "20个工作日内缴纳",
    ):
        assert figure in text, figure
    # The remedy bodies its letters name, and where to complain (Art. 51).
    assert "60日内向测试区人民政府申请行政复议" in text
    assert "6个月内向测试区人民法院提起行政诉讼" in text
    assert "上一级行政机关（测试区人民政府）" in text
    # The statutory periods come along with the applying part.
    assert "20个工作日内答复" in text


def test_an_agency_without_details_shows_the_gaps_not_blanks(
    catalogue: Any, client: Client
) -> None:
    text = re.sub(r"<[^>]+>", "", client.get(guide_of(catalogue.b).url).content.decode())
    assert "将申请表邮寄至（尚未公布）" in text
    assert "行政复议机关（尚未填写）" in text
    assert "传真申请" not in text  # no fax, no fax channel


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "".join(page.extract_text() or "" for page in pdf.pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_paper_form_downloads_as_docx_and_pdf_with_the_online_questions(
    guided: Any, client: Client
) -> None:
    form = ApplicationForm()
    labels = [str(form.fields[name].label) for name in APPLICANT_FIELDS]
    choices = [
        str(label)
        for name in ("category", "identity_kind", "information_form", "delivery_method")
        for value, label in form.fields[name].choices
        if value
    ]
    for fmt, read in (("docx", _docx_text), ("pdf", _pdf_text)):
        response = client.get(f"/apply/{guided.a.code}/form.{fmt}")
        assert response.status_code == 200, fmt
        assert "attachment" in response["Content-Disposition"]
        text = _flat(read(response.content))
        assert "政府信息公开申请表" in text
        assert _flat(f"受理机关：{guided.a.name}（测试区教育局办公室）") in text
        for label in labels:
            assert _flat(label) in text, (fmt, label)
        for label in choices:
            assert _flat(f"□{label}") in text, (fmt, label)
        assert "申请人签名（盖章）" in text
    # The kept file follows what it says: a renamed office is a new file.
    do_update_guide_details(agency=guided.a, office_name="测试区教育局政务公开科")
    renamed = _flat(_docx_text(client.get(f"/apply/{guided.a.code}/form.docx").content))
    assert "测试区教育局政务公开科" in renamed and "测试区教育局办公室" not in renamed
    assert client.get(f"/apply/{guided.a.code}/form.doc").status_code == 404
    assert client.get("/apply/91420104MA4KXXXXXX/form.pdf").status_code == 404


def test_guide_details_are_the_agencys_own(guided: Any) -> None:
    """Its administrator and disclosure office edit them; another agency and the operator
    cannot, over HTTP or through the service."""
    url = f"/admin/guide-details/{guided.a.pk}/"
    admin = client_for(guided.user("a", "agency_admin"))
    page = admin.get(url)
    assert page.status_code == 200 and "测试区教育局办公室" in page.content.decode()
    data = {**DETAILS, "office_phone": "027-83750000", "office_postcode": "4300"}
    refused = admin.post(url, data)
    assert refused.status_code == 200 and "邮政编码应为6位数字" in refused.content.decode()
    saved = admin.post(url, {**data, "office_postcode": "430031"})
    assert saved.status_code == 302
    guided.a.refresh_from_db()
    assert (guided.a.office_phone, guided.a.office_postcode) == ("027-83750000", "430031")
    entry = AuditEntry.objects.filter(action="agency.guide_details").latest("pk")
    assert entry.actor == guided.user("a", "agency_admin")
    assert entry.changes["office_phone"] == ["027-83755100", "027-83750000"]
    officer = client_for(guided.user("a", "disclosure_officer"))
    assert officer.get("/admin/guide-details/").status_code == 302
    for outsider in (guided.user("b", "agency_admin"), guided.user("a", "editor"), guided.operator):
        client = client_for(outsider)
        assert client.get(url).status_code in (403, 404), outsider
        assert client.post(url, {**DETAILS, "court": "别的法院"}).status_code in (403, 404)
        with acting(actor=outsider), pytest.raises(PermissionDenied):
            do_update_guide_details(agency=guided.a, court="别的法院")
    guided.a.refresh_from_db()
    assert guided.a.court == "测试区人民法院"
    # The operator's own form no longer carries them.
    operator = client_for(guided.operator)
    edit = operator.get(f"/admin/agencies/edit/{guided.a.pk}/").content.decode()
    assert 'name="office_phone"' not in edit and 'name="court"' not in edit


def test_the_catalogue_check_flags_empty_organisation_and_guide_contacts(guided: Any) -> None:
    from gongkai.cli import main

    gaps = {gap.agency.pk: gap for gap in information_gaps(agency_ids=[guided.a.pk, guided.b.pk])}
    assert gaps[guided.b.pk].organisation == [
        "机关职能",
        "机构设置",
        "办公地址",
        "办公时间",
        "联系方式",
        "负责人姓名",
    ]
    assert "政府信息公开工作机构名称" in gaps[guided.b.pk].guide
    assert "行政复议机关" in gaps[guided.b.pk].guide
    assert gaps[guided.a.pk].guide == []  # filled in by the fixture
    # An empty 机构信息 column is judged by 机构信息's items, not as an empty column.
    columns = {c.column.key for c in column_health(agency_ids=[guided.b.pk]) if c.empty}
    assert "organisation" not in columns and "regulations" in columns

    result = CliRunner().invoke(
        main, ["catalogue", "check", "--agency", guided.b.code, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    (item,) = json.loads(result.output)["information"]
    assert item["agency"] == guided.b.name and "负责人姓名" in item["organisation_missing"]
    text = CliRunner().invoke(main, ["catalogue", "check", "--agency", guided.b.code]).output
    assert f"{guided.b.name} · 机构信息缺少：机关职能、机构设置" in text
    assert f"{guided.b.name} · 政府信息公开指南缺少：政府信息公开工作机构名称" in text

    health = client_for(guided.user("b", "agency_admin")).get("/admin/catalogue/health/")
    assert "负责人姓名" in health.content.decode()


def test_the_check_clears_when_the_agency_fills_everything_in(guided: Any) -> None:
    from tests.disclosure.test_organisation import branch_of, photo_of

    branch = branch_of(guided.a)
    branch.functions = "<p>负责全区教育工作。</p>"
    branch.address, branch.office_hours, branch.phone = "京汉大道118号", "工作日", "027-83755100"
    branch.departments.add(branch.departments.model(name="办公室", duties="综合协调"))
    branch.leadership.add(
        branch.leadership.model(name="王建华", post="局长", photo=photo_of(guided.a))
    )
    branch.save()
    assert guided.a.pk not in {g.agency.pk for g in information_gaps(agency_ids=[guided.a.pk])}


def test_unedited_guides_get_the_new_draft_and_edited_ones_are_kept(catalogue: Any) -> None:
    """The old generated body wrote 依申请公开 into the text; the page now composes it."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("gongkai.disclosure.migrations.0006_guide_drafts")
    untouched, edited = guide_of(catalogue.a), guide_of(catalogue.b)
    old = "<h2>二、依申请公开</h2><p>可以通过本平台在线提交。</p>"
    DisclosureGuidePage.objects.filter(pk__in=[untouched.pk, edited.pk]).update(body=old)
    edited.refresh_from_db()
    edited.body = old + "<p>本局补充的说明。</p>"
    edited.save_revision(user=catalogue.user("b", "editor")).publish()
    migration.renew_unedited_drafts(apps, None)
    untouched.refresh_from_db()
    edited.refresh_from_db()
    assert "依申请公开" not in untouched.body and "编排体系" in untouched.body
    assert edited.body == old + "<p>本局补充的说明。</p>"
