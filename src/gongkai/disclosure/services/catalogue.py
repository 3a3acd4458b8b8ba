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
from gongkai.rules.catalogue import (
    LOCAL_GOVERNMENT_KINDS,
    PUBLISH_WITHIN_WORKING_DAYS,
    RULES_COLUMN,
    Validity,
    mandatory_columns,
)
from gongkai.search.indexing import refresh_documents

# Who may change validity or withdraw what is published: 把关 and the agency's administrator.
WITHDRAWERS = {Role.FINAL_APPROVER, Role.AGENCY_ADMIN}


def guide_text(agency: Agency) -> str:
    """A first draft of the part of the Art. 12 guide the agency writes itself: what it
    publishes, how the catalogue is arranged and how to obtain it. The guide page adds
    applying, fees, the disclosure office and remedies (``disclosure.guide``)."""
    local = agency.kind in LOCAL_GOVERNMENT_KINDS
    columns = "、".join(column.title for column in mandatory_columns(local_government=local))
    name = escape(agency.name)
    return "".join(
        [
            "<h2>主动公开</h2>",
            f"<p>（一）公开范围。{name}依照《条例》第二十条"
            f"{'、第二十一条' if local else ''}主动公开本机关的政府信息，包括{escape(columns)}"
            "等方面的信息，以及本机关的信息公开制度、年度报告。</p>",
            "<p>（二）编排体系。本机关政府信息公开目录按栏目编排；每条信息标注索引号（机构代码/"
            "年份-序号）、名称、内容概述、发布机构、成文日期和发布日期，可按主题分类、信息类别、"
            "年份检索和筛选。</p>",
            "<p>（三）公开方式和时限。主动公开的政府信息通过本平台发布，自该信息形成或者变更之日起"
            f"{PUBLISH_WITHIN_WORKING_DAYS}个工作日内公开；公众可以检索、查阅、下载，"
            "也可以订阅本机关的信息更新。</p>",
        ]
    )


def ensure_agency_catalogue(*, agency: Agency) -> AgencyCataloguePage:
    """Give an agency its branch: catalogue page, mandatory columns, its 信息公开制度 column,
    guide, permissions and review workflow. Idempotent, so it also repairs a branch after
    the law adds a column."""
    from gongkai.disclosure.services.review import ensure_review_workflow
    from gongkai.disclosure.services.topics import ensure_topic_workflow
    from gongkai.portal.setup import ensure_site

    with transaction.atomic():
        home = ensure_site()
        grant_operator_home_permissions(home=home)
        ensure_topic_workflow(home=home)
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
        local = agency.kind in LOCAL_GOVERNMENT_KINDS
        for column in (*mandatory_columns(local_government=local), RULES_COLUMN):
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
