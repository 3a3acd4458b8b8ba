"""Writes to the catalogue: an agency's branch, entries, publication outside the chain
(imports only), and validity changes."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.html import escape
from wagtail.actions.unpublish_page import UnpublishPageAction

from gongkai.agencies.models import Agency, Role
from gongkai.audit.services import record
from gongkai.disclosure.models import (
    AgencyCataloguePage,
    CatalogueEntryPage,
    ColumnPage,
    DisclosureGuidePage,
)
from gongkai.disclosure.permissions import (
    grant_branch_permissions,
    grant_operator_home_permissions,
)
from gongkai.portal.caching import bump_catalogue_version
from gongkai.rules.catalogue import LOCAL_GOVERNMENT_KINDS, Validity, mandatory_columns
from gongkai.search.indexing import refresh_documents

# Who may change validity or withdraw what is published: 把关 and the agency's administrator.
WITHDRAWERS = {Role.FINAL_APPROVER, Role.AGENCY_ADMIN}


def guide_text(agency: Agency) -> str:
    """A first draft of the Art. 12 guide from the agency's own particulars."""
    office = escape(agency.office_name or f"{agency.name}政府信息公开工作机构")
    lines = [
        "<h2>一、主动公开</h2>",
        f"<p>{escape(agency.name)}主动公开的政府信息，通过本平台的政府信息公开目录发布，"
        "自该信息形成或者变更之日起20个工作日内公开。公众可通过检索、查阅、下载获取。</p>",
        "<h2>二、依申请公开</h2>",
        "<p>公民、法人或者其他组织可以通过本平台在线提交、当面递交、邮寄或传真方式提出申请。"
        "申请应当包括申请人的姓名或者名称、身份证明、联系方式，申请公开的政府信息的名称、"
        "文号或者便于查询的其他特征性描述，以及申请公开的政府信息的形式要求。</p>",
        "<p>能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；"
        "需要延长答复期限的，经政府信息公开工作机构负责人同意，延长期限不超过20个工作日。</p>",
        "<h2>三、政府信息公开工作机构</h2>",
        f"<p>名称：{office}</p>",
    ]
    for label, value in (
        ("办公地址", agency.office_address),
        ("办公时间", agency.office_hours),
        ("联系电话", agency.office_phone),
        ("传真", agency.office_fax),
        ("电子邮箱", agency.office_email),
    ):
        if value:
            lines.append(f"<p>{label}：{escape(value)}</p>")
    lines += [
        "<h2>四、监督和救济</h2>",
        "<p>公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，"
        "可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，"
        "也可以依法申请行政复议或者提起行政诉讼。</p>",
    ]
    return "".join(lines)


def ensure_agency_catalogue(*, agency: Agency) -> AgencyCataloguePage:
    """Give an agency its branch: catalogue page, mandatory columns, guide, permissions and
    review workflow. Idempotent, so it also repairs a branch after the law adds a column."""
    from gongkai.disclosure.services.review import ensure_review_workflow
    from gongkai.portal.setup import ensure_site

    with transaction.atomic():
        home = ensure_site()
        grant_operator_home_permissions(home=home)
        branch = AgencyCataloguePage.objects.filter(agency=agency).first()
        if branch is None:
            branch = home.add_child(
                instance=AgencyCataloguePage(
                    title=agency.name, slug=agency.code.lower(), agency=agency
                )
            )
            record(
                action="catalogue.branch",
                summary=f"为“{agency.name}”建立政府信息公开目录",
                obj=branch,
                agency=agency,
            )
        present = set(
            ColumnPage.objects.child_of(branch).exclude(key="").values_list("key", flat=True)
        )
        for column in mandatory_columns(local_government=agency.kind in LOCAL_GOVERNMENT_KINDS):
            if column.key in present:
                continue
            branch.add_child(
                instance=ColumnPage(
                    title=column.title,
                    slug=column.key.replace("_", "-"),
                    key=column.key,
                    article=column.article,
                    stale_after_days=column.stale_after_days,
                )
            )
        if not DisclosureGuidePage.objects.child_of(branch).exists():
            branch.add_child(
                instance=DisclosureGuidePage(
                    title="政府信息公开指南", slug="guide", body=guide_text(agency)
                )
            )
        grant_branch_permissions(agency=agency, branch=branch)
        ensure_review_workflow(branch=branch)
    return branch


def column_for(*, agency: Agency, key: str) -> ColumnPage:
    branch = ensure_agency_catalogue(agency=agency)
    column = ColumnPage.objects.child_of(branch).filter(key=key).first()
    if column is None:
        raise ValidationError(f"“{agency.name}”没有代码为“{key}”的法定栏目。")
    return column


def do_create_entry(
    *,
    column: ColumnPage,
    user: Any,
    title: str,
    formed_on: date,
    subject: str,
    info_type: str,
    body: str = "",
    summary: str = "",
    document_number: str = "",
    keywords: str = "",
    slug: str | None = None,
) -> CatalogueEntryPage:
    """A new entry as a draft; it goes public only through the review workflow."""
    from gongkai.agencies.services import require_signed_in

    require_signed_in(user)
    if not column.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied(f"没有在“{column.title}”中新建条目的权限。")
    entry = CatalogueEntryPage(
        title=title,
        slug=slug or f"e{secrets.token_hex(5)}",
        formed_on=formed_on,
        subject=subject,
        info_type=info_type,
        body=body,
        summary=summary,
        document_number=document_number,
        keywords=keywords,
        live=False,
        owner=user,
    )
    with transaction.atomic():
        column.add_child(instance=entry)
        entry.save_revision(user=user, log_action=True)
        record(
            action="catalogue.entry.create",
            summary=f"新建目录条目“{title}”（草稿）",
            obj=entry,
            agency=entry.agency,
            actor=user,
        )
    return entry


def do_change_validity(
    *,
    entry: CatalogueEntryPage,
    validity: str,
    changed_on: date,
    user: Any,
    superseded_by: CatalogueEntryPage | None = None,
) -> CatalogueEntryPage:
    """Abolish or expire a published document (or restore it); table 二 follows."""
    from gongkai.agencies.selectors import is_operator, roles_of

    value = Validity(validity)
    if not (is_operator(user) or roles_of(user, entry.agency) & WITHDRAWERS):
        raise PermissionDenied("只有主要负责人或机构管理员可以变更有效性。")
    if not entry.live or entry.published_on is None:
        raise ValidationError("尚未发布的条目不能变更有效性。")
    if value != Validity.VALID and changed_on < entry.published_on:
        raise ValidationError("失效或废止日期不能早于发布日期。")
    if superseded_by is not None and superseded_by.agency_id != entry.agency_id:
        raise ValidationError("废止或修订依据必须是本机构发布的条目。")
    before = {"validity": entry.validity, "validity_changed_on": entry.validity_changed_on}
    with transaction.atomic():
        CatalogueEntryPage.objects.filter(pk=entry.pk).update(
            validity=value.value,
            validity_changed_on=None if value == Validity.VALID else changed_on,
            superseded_by=superseded_by,
        )
        entry.refresh_from_db()
        refresh_documents([str(entry.pk)])
        # A queryset update sends no model signal: the public pages are invalidated here.
        bump_catalogue_version()
        record(
            action="catalogue.entry.validity",
            summary=f"“{entry.title}”有效性变更为“{value.label}”",
            obj=entry,
            agency=entry.agency,
            actor=user,
            changes={
                "validity": [before["validity"], value.value],
                "validity_changed_on": [before["validity_changed_on"], entry.validity_changed_on],
            },
        )
    return entry


def do_withdraw_entry(*, entry: CatalogueEntryPage, user: Any, reason: str) -> None:
    """Take a published entry off the platform (撤回), e.g. after a leak is spotted.

    Nobody holds Wagtail's publish permission, so withdrawal is this service: the final
    approver, the agency administrator or the operator, always with a reason on record.
    The index number stays with the entry and is never reused.
    """
    from gongkai.agencies.selectors import is_operator, roles_of

    if not (is_operator(user) or roles_of(user, entry.agency) & WITHDRAWERS):
        raise PermissionDenied("只有主要负责人、机构管理员或平台运营方可以撤回已发布的信息。")
    reason = reason.strip()
    if not reason:
        raise ValidationError("请说明撤回理由。")
    if not entry.live:
        raise ValidationError("该条目未发布，无需撤回。")
    with transaction.atomic():
        UnpublishPageAction(entry, user=user).execute(skip_permission_checks=True)
        record(
            action="catalogue.entry.withdraw",
            summary=f"撤回“{entry.title}”：{reason}",
            obj=entry,
            agency=entry.agency,
            actor=user,
            changes={"reason": reason},
        )
