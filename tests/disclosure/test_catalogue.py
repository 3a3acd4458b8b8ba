"""The catalogue: branches, the review chain, index numbers, screening gate, validity."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongkai.audit.models import AuditEntry
from gongkai.disclosure.models import (
    AgencyCataloguePage,
    CatalogueEntryPage,
    ColumnPage,
    ConfidentialityReviewState,
    DisclosureGuidePage,
    ScreeningOverride,
)
from gongkai.disclosure.models.review import ConfidentialityChecklistForm
from gongkai.disclosure.publication import PublicationBlocked
from gongkai.disclosure.services.catalogue import (
    column_for,
    do_change_validity,
    do_create_entry,
    do_withdraw_entry,
)
from gongkai.rules.catalogue import (
    MANDATORY_COLUMNS,
    RULES_COLUMN,
    Validity,
    parse_index_number,
)

CLEAR = {"state_secret": "no", "security_risk": "no", "trade_secret": "no", "privacy": "no"}
CLEAR["internal"] = "no"
# A resident ID with a valid GB 11643 check digit (the standard's own example).
PLANTED_ID = "11010519491231002X"


def new_entry(
    catalogue: Any,
    *,
    body: str = "<p>为进一步做好教育工作，现将有关事项通知如下。</p>",
    slug: str = "a",
    **fields: Any,
) -> CatalogueEntryPage:
    agency = catalogue.a if slug == "a" else catalogue.b
    defaults = {
        "title": "关于做好2026年秋季学期开学工作的通知",
        "formed_on": timezone.localdate() - timedelta(days=3),
        "subject": "科技、教育",
        "info_type": "normative_document",
        "document_number": "测教发〔2026〕5号",
    }
    defaults.update(fields)
    return do_create_entry(
        column=column_for(agency=agency, key="regulations"),
        user=catalogue.user(slug, "editor"),
        body=body,
        **defaults,
    )


def act(entry: CatalogueEntryPage, user: Any, action: str, **data: Any) -> None:
    entry.refresh_from_db()
    state = entry.current_workflow_task_state
    state.task.specific.on_action(state, user, action, **data)


def run_chain(entry: CatalogueEntryPage, catalogue: Any, slug: str = "a") -> CatalogueEntryPage:
    entry.get_workflow().start(entry, catalogue.user(slug, "editor"))
    act(entry, catalogue.user(slug, "first_reviewer"), "approve")
    act(entry, catalogue.user(slug, "first_reviewer"), "approve", comment="", **CLEAR)
    act(entry, catalogue.user(slug, "second_reviewer"), "approve")
    act(entry, catalogue.user(slug, "final_approver"), "approve")
    entry.refresh_from_db()
    return entry


def test_new_agency_gets_branch_columns_guide_and_workflow(district: Any) -> None:
    from gongkai.agencies.services import do_create_agency
    from tests.conftest import make_code

    agency = do_create_agency(code=make_code(9), name="测试区财政局", parent=district.a.parent)
    branch = AgencyCataloguePage.objects.get(agency=agency)
    keys = set(ColumnPage.objects.child_of(branch).values_list("key", flat=True))
    # A district department: Art. 20 + 21, and the 信息公开制度 column (Art. 45).
    assert keys == {c.key for c in MANDATORY_COLUMNS} | {RULES_COLUMN.key}
    assert DisclosureGuidePage.objects.child_of(branch).exists()
    assert [t.name for t in branch.get_workflow().tasks] == [
        "科室负责人初审",
        "保密审查",
        "分管领导审核",
        "主要负责人把关",
    ]


def test_chain_publishes_with_gap_free_index_numbers(catalogue: Any) -> None:
    first = run_chain(new_entry(catalogue), catalogue)
    second = run_chain(
        new_entry(catalogue, title="关于公布2026年义务教育招生范围的通告"), catalogue
    )
    assert first.live and second.live
    year = timezone.localdate().year
    assert first.index_number == f"{catalogue.a.code}/{year}-00001"
    assert second.index_number == f"{catalogue.a.code}/{year}-00002"
    assert parse_index_number(second.index_number) == (catalogue.a.code, year, 2)
    assert first.published_on == timezone.localdate()
    # Agency b counts on its own.
    other = run_chain(new_entry(catalogue, slug="b"), catalogue, slug="b")
    assert other.index_number == f"{catalogue.b.code}/{year}-00001"


def test_index_number_never_changes_on_republication(catalogue: Any) -> None:
    entry = run_chain(new_entry(catalogue), catalogue)
    number = entry.index_number
    entry.body = "<p>修订后的正文。</p>"
    entry.save_revision(user=catalogue.user("a", "editor"))
    run_chain(entry, catalogue)
    entry.refresh_from_db()
    assert entry.index_number == number
    assert "修订后的正文" in entry.body


def test_each_step_belongs_to_its_role_in_its_agency(catalogue: Any) -> None:
    entry = new_entry(catalogue)
    entry.get_workflow().start(entry, catalogue.user("a", "editor"))
    entry.refresh_from_db()
    task = entry.current_workflow_task
    assert task.get_actions(entry, catalogue.user("a", "editor")) == []
    assert task.get_actions(entry, catalogue.user("a", "second_reviewer")) == []
    assert task.get_actions(entry, catalogue.user("b", "first_reviewer")) == []
    assert task.get_actions(entry, catalogue.user("a", "first_reviewer"))
    states = task.get_task_states_user_can_moderate(catalogue.user("a", "first_reviewer"))
    assert states.count() == 1
    assert not task.get_task_states_user_can_moderate(
        catalogue.user("b", "first_reviewer")
    ).exists()


def test_rejection_returns_to_editor_with_comment(catalogue: Any) -> None:
    entry = new_entry(catalogue)
    entry.get_workflow().start(entry, catalogue.user("a", "editor"))
    act(entry, catalogue.user("a", "first_reviewer"), "reject", comment="请补充文号")
    entry.refresh_from_db()
    state = entry.workflow_states.get()
    assert state.status == state.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "请补充文号"
    assert not entry.live


def test_confidentiality_answers_are_required_and_recorded(catalogue: Any) -> None:
    form = ConfidentialityChecklistForm({**CLEAR, "privacy": "yes"})
    assert not form.is_valid()
    assert "个人隐私" in str(form.errors)
    assert not ConfidentialityChecklistForm({"state_secret": "no"}).is_valid()
    entry = run_chain(new_entry(catalogue), catalogue)
    record = ConfidentialityReviewState.objects.get(workflow_state__object_id=str(entry.pk))
    assert record.answers == CLEAR
    assert record.finished_by == catalogue.user("a", "first_reviewer")


def test_planted_id_number_blocks_publication(catalogue: Any) -> None:
    entry = new_entry(catalogue, body=f"<p>申请人张三，身份证号{PLANTED_ID}，现予公示。</p>")
    entry.get_workflow().start(entry, catalogue.user("a", "editor"))
    act(entry, catalogue.user("a", "first_reviewer"), "approve")
    reason = "名单依法应当公示，请主要负责人决定"
    act(entry, catalogue.user("a", "first_reviewer"), "approve", privacy_reason=reason, **CLEAR)
    act(entry, catalogue.user("a", "second_reviewer"), "approve")
    entry.refresh_from_db()
    actions = entry.current_workflow_task.get_actions(entry, catalogue.user("a", "final_approver"))
    assert [a[0] for a in actions] == ["reject", "override"]
    # Publishing by any other path is refused too, and no index number is used up.
    with pytest.raises(PublicationBlocked, match="身份证号码"):
        entry.get_latest_revision().publish(user=catalogue.operator, skip_permission_checks=True)
    entry.refresh_from_db()
    assert not entry.live and entry.index_number is None


def test_final_approver_override_is_recorded_and_publishes(catalogue: Any) -> None:
    entry = new_entry(catalogue, body=f"<p>身份证号{PLANTED_ID}</p>")
    entry.get_workflow().start(entry, catalogue.user("a", "editor"))
    act(entry, catalogue.user("a", "first_reviewer"), "approve")
    act(
        entry,
        catalogue.user("a", "first_reviewer"),
        "approve",
        comment="",
        privacy_reason="获奖人员名单依法应当公示，请主要负责人决定",
        **CLEAR,
    )
    act(entry, catalogue.user("a", "second_reviewer"), "approve")
    act(
        entry,
        catalogue.user("a", "final_approver"),
        "override",
        reason="依法应当公示的获奖人员名单，已取得本人同意",
    )
    entry.refresh_from_db()
    assert entry.live
    override = ScreeningOverride.objects.get(entry=entry)
    assert override.user == catalogue.user("a", "final_approver")
    assert PLANTED_ID not in str(override.findings)
    audit = AuditEntry.objects.get(action="catalogue.screening.override")
    assert PLANTED_ID not in str(audit.changes)


def test_masked_id_does_not_block(catalogue: Any) -> None:
    entry = run_chain(
        new_entry(catalogue, body="<p>身份证号110105********002X，电话138****1234。</p>"), catalogue
    )
    assert entry.live


def test_validity_change_is_authorised_dated_and_audited(catalogue: Any) -> None:
    entry = run_chain(new_entry(catalogue), catalogue)
    today = timezone.localdate()
    with pytest.raises(PermissionDenied):
        do_change_validity(
            entry=entry, validity="abolished", changed_on=today, user=catalogue.user("a", "editor")
        )
    with pytest.raises(PermissionDenied):
        do_change_validity(
            entry=entry,
            validity="abolished",
            changed_on=today,
            user=catalogue.user("b", "final_approver"),
        )
    with pytest.raises(ValidationError, match="早于发布日期"):
        do_change_validity(
            entry=entry,
            validity="abolished",
            changed_on=today - timedelta(days=30),
            user=catalogue.user("a", "final_approver"),
        )
    assert CatalogueEntryPage.objects.in_force_on(today).filter(pk=entry.pk).exists()
    do_change_validity(
        entry=entry,
        validity="abolished",
        changed_on=today,
        user=catalogue.user("a", "final_approver"),
    )
    assert entry.validity == Validity.ABOLISHED
    assert not CatalogueEntryPage.objects.in_force_on(today).filter(pk=entry.pk).exists()
    assert AuditEntry.objects.filter(
        action="catalogue.entry.validity", object_id=str(entry.pk)
    ).exists()
    # A later revision published through the chain keeps the abolition.
    entry.save_revision(user=catalogue.user("a", "editor"))
    run_chain(entry, catalogue)
    entry.refresh_from_db()
    assert entry.validity == Validity.ABOLISHED


def test_branch_permissions_are_per_agency(catalogue: Any) -> None:
    entry = new_entry(catalogue)
    assert entry.permissions_for_user(catalogue.user("a", "editor")).can_edit()
    assert not entry.permissions_for_user(catalogue.user("b", "editor")).can_edit()
    # Nobody publishes around the chain.
    assert not entry.permissions_for_user(catalogue.user("a", "final_approver")).can_publish()


def test_entry_outside_a_branch_is_refused(catalogue: Any) -> None:
    from gongkai.portal.models import HomePage

    entry = CatalogueEntryPage(
        title="孤立条目",
        slug="orphan",
        formed_on=date(2026, 1, 5),
        subject="其他",
        info_type="other",
    )
    with pytest.raises(ValidationError):
        HomePage.objects.get().add_child(instance=entry)


def test_search_follows_publication_validity_and_withdrawal(
    catalogue: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from gongkai.search.engine import SearchRequest
    from gongkai.search.indexing import search

    title = "关于调整城乡低保标准的通知（检索联动测试）"
    entry = new_entry(catalogue, title=title, body="<p>低保标准每人每月提高五十元。</p>")

    def found() -> list[Any]:
        hits = search(SearchRequest(text="检索联动测试", limit=50)).hits
        return [h.document for h in hits if h.document.id == str(entry.pk)]

    assert found() == []  # drafts are never searchable
    with django_capture_on_commit_callbacks(execute=True):
        run_chain(entry, catalogue)
    [document] = found()
    assert document.index_number == entry.index_number
    assert document.agency_name == catalogue.a.name and document.validity == "有效"
    assert "低保" in document.body
    with django_capture_on_commit_callbacks(execute=True):
        do_change_validity(entry=entry, validity="abolished", changed_on=timezone.localdate(),
                           user=catalogue.user("a", "final_approver"))  # fmt: skip
    assert found()[0].validity == "废止"
    entry.refresh_from_db()
    with pytest.raises(PermissionDenied):
        do_withdraw_entry(entry=entry, user=catalogue.user("a", "editor"), reason="误发")
    with django_capture_on_commit_callbacks(execute=True):
        do_withdraw_entry(entry=entry, user=catalogue.user("a", "final_approver"), reason="误发")
    assert found() == []
    assert AuditEntry.objects.filter(action="catalogue.entry.withdraw").exists()


def test_operator_creates_and_publishes_topic_columns_only(catalogue: Any) -> None:
    from gongkai.disclosure.models import TopicColumnPage
    from gongkai.portal.models import HomePage

    home = HomePage.objects.get()
    operator = catalogue.operator
    assert home.permissions_for_user(operator).can_add_subpage()
    assert not home.permissions_for_user(catalogue.user("a", "agency_admin")).can_add_subpage()
    topic = TopicColumnPage(title="优化营商环境专题", slug="yingshang")
    home.add_child(instance=topic)
    operator = type(operator).objects.get(pk=operator.pk)  # Wagtail caches rights per user
    assert topic.permissions_for_user(operator).can_publish()
    # The operator's rights stop at topic columns: agency entries still need the chain.
    assert not new_entry(catalogue).permissions_for_user(operator).can_publish()
