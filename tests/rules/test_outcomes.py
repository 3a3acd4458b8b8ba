"""The outcome taxonomy against a literal copy of the 2021 report table (LAW.md §2.4).

The expected labels are typed out here, not imported, so that an edit to the module that
changes a single character of a printed label fails a test.
"""

from __future__ import annotations

import re

import pytest

from gongkai.rules.outcomes import (
    ANSWER_TO_OUTCOME,
    OUTCOMES,
    REMEDY_CLAUSES,
    TRIAL_2019_ROW_FOR,
    AnswerType,
    ApplicantCategory,
    Outcome,
    RemedyKind,
    outcome,
    outcome_for,
    outcome_from_ledger_text,
    remedy_clause,
    remedy_kind,
)

# (code, group, label, printed row label) — copied from LAW.md §2.4.
EXPECTED_ROWS = [
    ("3.1", "予以公开", "予以公开", "（一）予以公开"),
    (
        "3.2",
        "部分公开",
        "部分公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ),
    ("3.3.1", "不予公开", "属于国家秘密", "1.属于国家秘密"),
    ("3.3.2", "不予公开", "其他法律行政法规禁止公开", "2.其他法律行政法规禁止公开"),
    ("3.3.3", "不予公开", "危及“三安全一稳定”", "3.危及“三安全一稳定”"),
    ("3.3.4", "不予公开", "保护第三方合法权益", "4.保护第三方合法权益"),
    ("3.3.5", "不予公开", "属于三类内部事务信息", "5.属于三类内部事务信息"),
    ("3.3.6", "不予公开", "属于四类过程性信息", "6.属于四类过程性信息"),
    ("3.3.7", "不予公开", "属于行政执法案卷", "7.属于行政执法案卷"),
    ("3.3.8", "不予公开", "属于行政查询事项", "8.属于行政查询事项"),
    ("3.4.1", "无法提供", "本机关不掌握相关政府信息", "1.本机关不掌握相关政府信息"),
    ("3.4.2", "无法提供", "没有现成信息需要另行制作", "2.没有现成信息需要另行制作"),
    ("3.4.3", "无法提供", "补正后申请内容仍不明确", "3.补正后申请内容仍不明确"),
    ("3.5.1", "不予处理", "信访举报投诉类申请", "1.信访举报投诉类申请"),
    ("3.5.2", "不予处理", "重复申请", "2.重复申请"),
    ("3.5.3", "不予处理", "要求提供公开出版物", "3.要求提供公开出版物"),
    ("3.5.4", "不予处理", "无正当理由大量反复申请", "4.无正当理由大量反复申请"),
    (
        "3.5.5",
        "不予处理",
        "要求行政机关确认或重新出具已获取信息",
        "5.要求行政机关确认或重新出具已获取信息",
    ),
    (
        "3.6.1",
        "其他处理",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    (
        "3.6.2",
        "其他处理",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("3.6.3", "其他处理", "其他", "3.其他"),
]


# --- applicant categories ------------------------------------------------------------


def test_applicant_categories_are_the_report_columns_in_order() -> None:
    assert [c.value for c in ApplicantCategory] == [
        "natural_person",
        "commercial_enterprise",
        "research_institution",
        "public_welfare_organization",
        "legal_service_agency",
        "other",
    ]
    assert [c.label for c in ApplicantCategory] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]


def test_only_natural_person_is_not_an_organisation() -> None:
    assert not ApplicantCategory.NATURAL_PERSON.is_organisation
    assert all(c.is_organisation for c in ApplicantCategory if c.value != "natural_person")


@pytest.mark.parametrize("category", list(ApplicantCategory))
def test_applicant_category_from_label_round_trip(category: ApplicantCategory) -> None:
    assert ApplicantCategory.from_label(category.label) is category
    assert ApplicantCategory.from_label(f"  {category.label}\t") is category


def test_applicant_category_from_unknown_label_names_value_and_choices() -> None:
    with pytest.raises(ValueError, match="法人或其他组织") as info:
        ApplicantCategory.from_label("法人或其他组织")
    message = str(info.value)
    assert "无法识别的申请人类别" in message
    assert "自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他" in message


# --- outcomes ------------------------------------------------------------------------


def test_twenty_one_result_rows_in_official_order() -> None:
    assert len(OUTCOMES) == 21
    assert [o.code for o in OUTCOMES] == [row[0] for row in EXPECTED_ROWS]


@pytest.mark.parametrize(("code", "group", "label", "printed"), EXPECTED_ROWS)
def test_labels_match_the_2021_table_exactly(
    code: str, group: str, label: str, printed: str
) -> None:
    row = outcome(code)
    assert row.code == code
    assert row.group == group
    assert row.label == label
    assert row.report_label == printed


def test_group_report_labels() -> None:
    assert outcome("3.3.5").group_report_label == "（三）不予公开"
    assert outcome("3.4.1").group_report_label == "（四）无法提供"
    assert outcome("3.5.5").group_report_label == "（五）不予处理"
    assert outcome("3.6.3").group_report_label == "（六）其他处理"


def test_ledger_text_examples() -> None:
    assert outcome("3.1").ledger_text == "予以公开"
    assert outcome("3.2").ledger_text == "部分公开"
    assert outcome("3.3.1").ledger_text == "不予公开：属于国家秘密"
    assert outcome("3.6.3").ledger_text == "其他处理：其他"


@pytest.mark.parametrize("row", OUTCOMES, ids=lambda o: o.code)
def test_ledger_text_round_trip(row: Outcome) -> None:
    assert outcome_from_ledger_text(row.ledger_text) is row


@pytest.mark.parametrize(
    "text",
    ["不予公开:属于国家秘密", " 不予公开 ： 属于国家秘密 ", "不予公开 :属于国家秘密\n"],
)
def test_ledger_text_accepts_half_width_colon_and_spaces(text: str) -> None:
    assert outcome_from_ledger_text(text).code == "3.3.1"


@pytest.mark.parametrize("text", ["已公开", "不予公开", "不予公开：国家秘密", ""])
def test_unknown_ledger_text_is_refused_in_chinese(text: str) -> None:
    with pytest.raises(ValueError) as info:
        outcome_from_ledger_text(text)
    message = str(info.value)
    assert f"无法识别的办理结果“{text}”" in message
    assert "“予以公开”" in message
    assert "“不予公开：属于国家秘密”" in message
    assert "“其他处理：其他”" in message


def test_unknown_code_is_refused_in_chinese() -> None:
    with pytest.raises(ValueError, match=re.escape("未知的办理结果编号“3.3”")):
        outcome("3.3")


def test_only_the_refusal_rows_are_final_refusals() -> None:
    refusals = [o.code for o in OUTCOMES if o.is_final_refusal]
    assert refusals == [f"3.3.{n}" for n in range(1, 9)]


# --- answer types --------------------------------------------------------------------


def test_every_answer_type_maps_to_a_result_row() -> None:
    assert set(ANSWER_TO_OUTCOME) == set(AnswerType)
    codes = {o.code for o in OUTCOMES}
    for answer in AnswerType:
        assert ANSWER_TO_OUTCOME[answer] in codes
        assert outcome_for(answer).code == ANSWER_TO_OUTCOME[answer]


def test_every_answer_type_has_chinese_label_and_article() -> None:
    for answer in AnswerType:
        assert answer.label
        assert answer.article


def test_every_result_row_is_reachable_from_some_answer() -> None:
    reached = {ANSWER_TO_OUTCOME[a] for a in AnswerType}
    assert reached == {o.code for o in OUTCOMES}


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        (AnswerType.ALREADY_PUBLISHED, "3.1"),  # Art. 36 (一)
        (AnswerType.DISCLOSED, "3.1"),  # Art. 36 (二)
        (AnswerType.PARTIAL, "3.2"),  # Art. 37
        (AnswerType.REFUSED_STATE_SECRET, "3.3.1"),
        (AnswerType.REFUSED_ADMIN_QUERY, "3.3.8"),
        (AnswerType.NOT_HELD, "3.4.1"),  # Art. 36 (四)
        (AnswerType.NOT_RESPONSIBLE, "3.4.1"),  # Art. 36 (五)
        (AnswerType.NEEDS_NEW_PRODUCTION, "3.4.2"),  # Art. 38
        (AnswerType.STILL_UNCLEAR, "3.4.3"),
        (AnswerType.PETITION_COMPLAINT, "3.5.1"),  # Art. 39 ¶1
        (AnswerType.REPEATED, "3.5.2"),  # Art. 36 (六)
        (AnswerType.PUBLICATION, "3.5.3"),  # Art. 39 ¶2
        (AnswerType.UNREASONABLE_VOLUME, "3.5.4"),  # Art. 35
        (AnswerType.CONFIRM_OR_REISSUE, "3.5.5"),
        (AnswerType.SUPPLEMENT_OVERDUE, "3.6.1"),  # Art. 30
        (AnswerType.FEE_UNPAID, "3.6.2"),  # 办法
        (AnswerType.OTHER, "3.6.3"),
    ],
)
def test_mapping_spot_checks(answer: AnswerType, code: str) -> None:
    assert outcome_for(answer).code == code


def test_answer_articles_name_the_right_provision() -> None:
    assert AnswerType.ALREADY_PUBLISHED.article.endswith("第三十六条第（一）项")
    assert AnswerType.SPECIAL_LAW.article.endswith("第三十六条第（七）项")
    assert AnswerType.PARTIAL.article.endswith("第三十七条")
    assert "第十五条" in AnswerType.REFUSED_THIRD_PARTY.article
    assert "国办函〔2020〕109号" in AnswerType.FEE_UNPAID.article


# --- remedies ------------------------------------------------------------------------

BODIES = {"reconsideration_body": "武汉市硚口区人民政府", "court": "武汉市江汉区人民法院"}


@pytest.mark.parametrize("code", [f"3.3.{n}" for n in range(1, 9)])
def test_refusal_remedy_requires_reconsideration_first(code: str) -> None:
    clause = remedy_clause(outcome(code), **BODIES)
    assert clause == (
        "如对本答复不服，可以自收到本答复之日起60日内向武汉市硚口区人民政府申请行政复议；"
        "对行政复议决定不服的，可以依法向人民法院提起行政诉讼。"
    )
    assert "6个月" not in clause
    assert "或者" not in clause


def test_disclosure_remedy_offers_direct_litigation() -> None:
    clause = remedy_clause(outcome("3.1"), **BODIES)
    assert clause == (
        "如对本答复不服，可以自收到本答复之日起60日内向武汉市硚口区人民政府申请行政复议，"
        "或者自收到本答复之日起6个月内向武汉市江汉区人民法院提起行政诉讼。"
    )


def test_partial_remedy_requires_reconsideration_for_the_refused_part() -> None:
    clause = remedy_clause(outcome("3.2"), **BODIES)
    assert clause.startswith("如对本答复中不予公开的部分不服")
    refused_part, rest = clause.split("。", 1)
    assert "6个月" not in refused_part
    assert "6个月内向武汉市江汉区人民法院提起行政诉讼" in rest


def test_every_outcome_has_a_remedy_and_templates_use_known_placeholders() -> None:
    assert set(REMEDY_CLAUSES) == set(RemedyKind)
    for row in OUTCOMES:
        clause = remedy_clause(row, **BODIES)
        assert "{" not in clause
        assert "武汉市硚口区人民政府申请行政复议" in clause
    assert remedy_kind(outcome("3.4.1")) is RemedyKind.EITHER


def test_remedy_clause_requires_both_bodies() -> None:
    with pytest.raises(ValueError, match="行政复议机关"):
        remedy_clause(outcome("3.1"), reconsideration_body=" ", court="某法院")
    with pytest.raises(ValueError, match="人民法院"):
        remedy_clause(outcome("3.1"), reconsideration_body="某政府", court="")


# --- 2019 trial format ---------------------------------------------------------------


def test_trial_2019_rows() -> None:
    for row in OUTCOMES:
        expected = "3.6" if row.code.startswith("3.6.") else row.code
        assert TRIAL_2019_ROW_FOR[row.code] == expected
    for key in ("1", "2", "3.7", "4"):
        assert TRIAL_2019_ROW_FOR[key] == key
    assert len(set(TRIAL_2019_ROW_FOR.values())) == 23  # 25 rows in 2021, 3.6.x fold to one
