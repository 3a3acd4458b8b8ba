"""How an application ended, in the words of the annual report (国办公开办函〔2021〕30号).

The annual report's table 三、收到和处理政府信息公开申请情况 is the only place the State
Council fixes a closed list of outcomes, and every agency must fill it in every year. So
the system records an application's outcome *as a row of that table*: the report then is
a GROUP BY over applications, not a transcription, and a ledger (台账) exported today
reads the same as the report printed next January.

Three layers live here:

* :class:`ApplicantCategory` — the report's columns (who applied).
* :class:`Outcome` / :data:`OUTCOMES` — the report's 21 result rows (3.1 … 3.6.3).
* :class:`AnswerType` — what the handler actually decides under the 条例 (Art. 30, 35–39,
  the fee 办法). :data:`ANSWER_TO_OUTCOME` is the *one* table that turns a legal answer
  into a report row; nothing else in the code base may decide that.

It also holds the remedy sentence closing an answer letter (:data:`REMEDY_CLAUSES`),
because which remedy applies depends on the outcome, and the 2019 trial-format row keys
(:data:`TRIAL_2019_ROW_FOR`) so reports for 2019–2020 can be built from the same data.
Labels are copied character for character from the 2021 table (LAW.md §2.4); the tests
hold a second, literal copy so an accidental edit fails loudly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

# ---------------------------------------------------------------------------------------
# Applicant categories: the report's columns
# ---------------------------------------------------------------------------------------


class ApplicantCategory(StrEnum):
    """Who applied, as the columns of table 三 (2021 format) classify applicants.

    Values are the JSON column keys of DESIGN.md, so a stored category *is* a report
    column. The header prints 自然人 | 法人或其他组织 (商业企业 … 其他) | 总计; 总计 is a
    sum, not a category, so it has no member.
    """

    NATURAL_PERSON = "natural_person"
    COMMERCIAL_ENTERPRISE = "commercial_enterprise"
    RESEARCH_INSTITUTION = "research_institution"
    PUBLIC_WELFARE_ORGANIZATION = "public_welfare_organization"
    LEGAL_SERVICE_AGENCY = "legal_service_agency"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The column header exactly as the 2021 table prints it."""
        return _APPLICANT_LABELS[self]

    @property
    def is_organisation(self) -> bool:
        """True for the five columns grouped under 法人或其他组织 in the table header.

        Art. 29 (一) asks a natural person for 姓名 and an organisation for 名称, so
        intake forms and identity checks branch on this.
        """
        return self is not ApplicantCategory.NATURAL_PERSON

    @classmethod
    def from_label(cls, text: str) -> ApplicantCategory:
        """Parse a printed column header (e.g. from an imported ledger) into a category."""
        wanted = text.strip()
        for category, label in _APPLICANT_LABELS.items():
            if label == wanted:
                return category
        allowed = "、".join(_APPLICANT_LABELS.values())
        raise ValueError(f"无法识别的申请人类别“{text}”，应为以下之一：{allowed}。")


# 2021 format, table 三 header (LAW.md §2.4): 自然人 | 法人或其他组织: 商业企业 | 科研机构 |
# 社会公益组织 | 法律服务机构 | 其他 | 总计.
_APPLICANT_LABELS: Mapping[ApplicantCategory, str] = MappingProxyType(
    {
        ApplicantCategory.NATURAL_PERSON: "自然人",
        ApplicantCategory.COMMERCIAL_ENTERPRISE: "商业企业",
        ApplicantCategory.RESEARCH_INSTITUTION: "科研机构",
        ApplicantCategory.PUBLIC_WELFARE_ORGANIZATION: "社会公益组织",
        ApplicantCategory.LEGAL_SERVICE_AGENCY: "法律服务机构",
        ApplicantCategory.OTHER: "其他",
    }
)

# ---------------------------------------------------------------------------------------
# Outcomes: the report's result rows
# ---------------------------------------------------------------------------------------

# The ledger joins group and reason with a FULL-WIDTH colon, as Chinese prose does.
LEDGER_SEPARATOR = "："

# 2021 format, table 三, row group 三、本年度办理结果: the six outcome groups with the
# numeral the table prints in front of each (（七）总计 is a sum, not an outcome).
GROUP_NUMERALS: Mapping[str, str] = MappingProxyType(
    {
        "3.1": "（一）",
        "3.2": "（二）",
        "3.3": "（三）",
        "3.4": "（四）",
        "3.5": "（五）",
        "3.6": "（六）",
    }
)
GROUP_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "3.1": "予以公开",
        "3.2": "部分公开",
        "3.3": "不予公开",
        "3.4": "无法提供",
        "3.5": "不予处理",
        "3.6": "其他处理",
    }
)


@dataclass(frozen=True)
class Outcome:
    """One result row of table 三 (2021 format).

    ``label`` is the printed sub-row text without its "1." number; for the two rows that
    have no sub-rows (3.1, 3.2) it is the group label itself. ``note`` is printed text
    that belongs to the row label but not to the outcome's name: only 3.2 has one, the
    counting rule 区分处理的，只计这一情形，不计其他情形.
    """

    code: str
    group: str
    label: str
    note: str = field(default="", repr=False)

    @property
    def group_code(self) -> str:
        """ "3.3" for "3.3.5"; a row without sub-rows is its own group ("3.1")."""
        return ".".join(self.code.split(".")[:2])

    @property
    def is_group_row(self) -> bool:
        """True for 3.1 and 3.2, whose group label is the row itself."""
        return self.code == self.group_code

    @property
    def ledger_text(self) -> str:
        """The outcome as one ledger cell: "予以公开" or "不予公开：属于国家秘密".

        The group is kept in front of the reason because several reasons read alike out
        of context (e.g. 3.5.2 重复申请 is 不予处理, not 不予公开).
        """
        if self.is_group_row:
            return self.group
        return f"{self.group}{LEDGER_SEPARATOR}{self.label}"

    @property
    def report_label(self) -> str:
        """The row label exactly as the 2021 table prints it ("1.属于国家秘密")."""
        if self.is_group_row:
            return f"{GROUP_NUMERALS[self.code]}{self.label}{self.note}"
        return f"{self.code.rsplit('.', 1)[1]}.{self.label}"

    @property
    def group_report_label(self) -> str:
        """The group cell printed beside the first sub-row, e.g. "（三）不予公开"."""
        return f"{GROUP_NUMERALS[self.group_code]}{self.group}"

    @property
    def is_final_refusal(self) -> bool:
        """True for the 不予公开 rows: a decision not to disclose.

        Since 2024-01-01 such decisions must go to reconsideration before a court (2023
        行政复议法 art. 23 ¶1 (四), see :func:`remedy_kind`), so the answer letter's remedy
        sentence depends on this.
        """
        return self.group_code == "3.3"


def _rows(group_code: str, labels: tuple[str, ...]) -> tuple[Outcome, ...]:
    group = GROUP_LABELS[group_code]
    return tuple(
        Outcome(code=f"{group_code}.{n}", group=group, label=label)
        for n, label in enumerate(labels, start=1)
    )


# 2021 format, table 三 (LAW.md §2.4), result rows in printed order. Exact labels.
OUTCOMES: tuple[Outcome, ...] = (
    # （一）予以公开
    Outcome(code="3.1", group="予以公开", label="予以公开"),
    # （二）部分公开（区分处理的，只计这一情形，不计其他情形）— the counting rule is part of
    # the printed label: an Art. 37 answer is counted here only, never also under （三）–（六）.
    Outcome(
        code="3.2",
        group="部分公开",
        label="部分公开",
        note="（区分处理的，只计这一情形，不计其他情形）",
    ),
    # （三）不予公开: Art. 14 (1–3), Art. 15 (4), Art. 16 (5–7); 8 has no article of its own.
    *_rows(
        "3.3",
        (
            "属于国家秘密",
            "其他法律行政法规禁止公开",
            "危及“三安全一稳定”",
            "保护第三方合法权益",
            "属于三类内部事务信息",
            "属于四类过程性信息",
            "属于行政执法案卷",
            "属于行政查询事项",
        ),
    ),
    # （四）无法提供
    *_rows(
        "3.4",
        (
            "本机关不掌握相关政府信息",
            "没有现成信息需要另行制作",
            "补正后申请内容仍不明确",
        ),
    ),
    # （五）不予处理
    *_rows(
        "3.5",
        (
            "信访举报投诉类申请",
            "重复申请",
            "要求提供公开出版物",
            "无正当理由大量反复申请",
            "要求行政机关确认或重新出具已获取信息",
        ),
    ),
    # （六）其他处理 — split into three rows by the 2021 revision (a single row in 2019).
    *_rows(
        "3.6",
        (
            "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "其他",
        ),
    ),
)

_BY_CODE: Mapping[str, Outcome] = MappingProxyType({o.code: o for o in OUTCOMES})
_BY_LEDGER_TEXT: Mapping[str, Outcome] = MappingProxyType({o.ledger_text: o for o in OUTCOMES})

# Either colon, with any spaces around it, so hand-typed ledgers still import.
_COLON = re.compile(r"\s*[:：]\s*")


def outcome(code: str) -> Outcome:
    """The outcome row for a report code such as "3.3.1"."""
    try:
        return _BY_CODE[code.strip()]
    except KeyError:
        allowed = "、".join(_BY_CODE)
        raise ValueError(f"未知的办理结果编号“{code}”，应为以下之一：{allowed}。") from None


def outcome_from_ledger_text(text: str) -> Outcome:
    """Parse a ledger cell written as :attr:`Outcome.ledger_text`.

    Accepts a half-width colon and spaces around the text or the colon, because ledgers
    are typed by hand in spreadsheets; anything else is refused rather than guessed, since
    a wrongly guessed row silently corrupts the annual report.
    """
    normalised = _COLON.sub(LEDGER_SEPARATOR, text.strip())
    found = _BY_LEDGER_TEXT.get(normalised)
    if found is None:
        allowed = "、".join(f"“{t}”" for t in _BY_LEDGER_TEXT)
        raise ValueError(
            f"无法识别的办理结果“{text}”。可接受的写法为（分组与情形之间用冒号“：”或“:”分隔）："
            f"{allowed}。"
        )
    return found


# ---------------------------------------------------------------------------------------
# Answer types: what the handler decides under the 条例
# ---------------------------------------------------------------------------------------


class AnswerType(StrEnum):
    """The legal answer a handler chooses; each rests on an article (see :attr:`article`).

    Finer than the report rows where the law is finer (Art. 36 (四) and (五) are different
    answers with different letters but one report row), so letters can be generated from
    the answer type and the report row derived from it via :data:`ANSWER_TO_OUTCOME`.
    """

    ALREADY_PUBLISHED = "already_published"
    DISCLOSED = "disclosed"
    REFUSED_STATE_SECRET = "refused_state_secret"
    REFUSED_PROHIBITED_BY_LAW = "refused_prohibited_by_law"
    REFUSED_SECURITY_STABILITY = "refused_security_stability"
    REFUSED_THIRD_PARTY = "refused_third_party"
    REFUSED_INTERNAL_AFFAIRS = "refused_internal_affairs"
    REFUSED_PROCESS_INFORMATION = "refused_process_information"
    REFUSED_ENFORCEMENT_FILE = "refused_enforcement_file"
    REFUSED_ADMIN_QUERY = "refused_admin_query"
    NOT_HELD = "not_held"
    NOT_RESPONSIBLE = "not_responsible"
    REPEATED = "repeated"
    SPECIAL_LAW = "special_law"
    PARTIAL = "partial"
    NEEDS_NEW_PRODUCTION = "needs_new_production"
    STILL_UNCLEAR = "still_unclear"
    PETITION_COMPLAINT = "petition_complaint"
    PUBLICATION = "publication"
    UNREASONABLE_VOLUME = "unreasonable_volume"
    CONFIRM_OR_REISSUE = "confirm_or_reissue"
    SUPPLEMENT_OVERDUE = "supplement_overdue"
    FEE_UNPAID = "fee_unpaid"
    OTHER = "other"

    @property
    def label(self) -> str:
        """What the handler sees when choosing the answer."""
        return _ANSWER_INFO[self][0]

    @property
    def article(self) -> str:
        """The provision the answer rests on, for the letter and the case file."""
        return _ANSWER_INFO[self][1]


_REG = "《政府信息公开条例》"
_ART36_3 = f"{_REG}第三十六条第（三）项"
# Article numbers of the fee 办法 were not verified (LAW.md §3.3): cite the document only.
_FEE_RULES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

_ANSWER_INFO: Mapping[AnswerType, tuple[str, str]] = MappingProxyType(
    {
        # Art. 36 (一): 所申请公开信息已经主动公开的，告知申请人获取该政府信息的方式、途径
        AnswerType.ALREADY_PUBLISHED: (
            "已主动公开，告知获取方式和途径",
            f"{_REG}第三十六条第（一）项",
        ),
        # Art. 36 (二): 所申请公开信息可以公开的，向申请人提供该政府信息……
        AnswerType.DISCLOSED: ("予以公开", f"{_REG}第三十六条第（二）项"),
        # Art. 36 (三) with Art. 14: 依法确定为国家秘密的政府信息……不予公开
        AnswerType.REFUSED_STATE_SECRET: ("不予公开：属于国家秘密", f"{_ART36_3}、第十四条"),
        # Art. 14: 法律、行政法规禁止公开的政府信息……不予公开
        AnswerType.REFUSED_PROHIBITED_BY_LAW: (
            "不予公开：法律、行政法规禁止公开",
            f"{_ART36_3}、第十四条",
        ),
        # Art. 14: 公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息，不予公开
        AnswerType.REFUSED_SECURITY_STABILITY: (
            "不予公开：公开后可能危及国家安全、公共安全、经济安全、社会稳定",
            f"{_ART36_3}、第十四条",
        ),
        # Art. 15: 涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的……不得公开;
        # Art. 32: 第三方不同意公开且有合理理由的，行政机关不予公开.
        AnswerType.REFUSED_THIRD_PARTY: (
            "不予公开：涉及商业秘密、个人隐私等，公开会损害第三方合法权益",
            f"{_ART36_3}、第十五条、第三十二条",
        ),
        # Art. 16 ¶1: 内部事务信息，包括人事管理、后勤管理、内部工作流程……可以不予公开
        AnswerType.REFUSED_INTERNAL_AFFAIRS: (
            "不予公开：属于内部事务信息",
            f"{_ART36_3}、第十六条第一款",
        ),
        # Art. 16 ¶2: 讨论记录、过程稿、磋商信函、请示报告等过程性信息……可以不予公开
        AnswerType.REFUSED_PROCESS_INFORMATION: (
            "不予公开：属于过程性信息",
            f"{_ART36_3}、第十六条第二款",
        ),
        # Art. 16 ¶2: ……以及行政执法案卷信息，可以不予公开
        AnswerType.REFUSED_ENFORCEMENT_FILE: (
            "不予公开：属于行政执法案卷信息",
            f"{_ART36_3}、第十六条第二款",
        ),
        # No article names "行政查询事项"; the reason exists only as report row 3.3.8. It is
        # the sibling of Art. 36 (七): information obtained through a query procedure of its
        # own (archives, registers) rather than through an OGI application.
        AnswerType.REFUSED_ADMIN_QUERY: (
            "不予公开：属于行政查询事项",
            f"{_ART36_3}（参照第三十六条第（七）项）",
        ),
        # Art. 36 (四): 经检索没有所申请公开信息的，告知申请人该政府信息不存在
        AnswerType.NOT_HELD: ("经检索没有所申请公开的信息", f"{_REG}第三十六条第（四）项"),
        # Art. 36 (五): 所申请公开信息不属于本行政机关负责公开的，告知申请人并说明理由……
        AnswerType.NOT_RESPONSIBLE: (
            "不属于本机关负责公开，告知申请人并说明理由",
            f"{_REG}第三十六条第（五）项",
        ),
        # Art. 36 (六): ……申请人重复申请公开相同政府信息的，告知申请人不予重复处理
        AnswerType.REPEATED: ("重复申请，不予重复处理", f"{_REG}第三十六条第（六）项"),
        # Art. 36 (七): 所申请公开信息属于工商、不动产登记资料等信息，有关法律、行政法规对
        # 信息的获取有特别规定的，告知申请人依照有关法律、行政法规的规定办理
        AnswerType.SPECIAL_LAW: (
            "属于工商、不动产登记资料等信息，告知依照有关法律、行政法规的规定办理",
            f"{_REG}第三十六条第（七）项",
        ),
        # Art. 37: 能够作区分处理的，行政机关应当向申请人提供可以公开的政府信息内容，并对
        # 不予公开的内容说明理由
        AnswerType.PARTIAL: ("部分公开（区分处理）", f"{_REG}第三十七条"),
        # Art. 38: 需要行政机关对现有政府信息进行加工、分析的，行政机关可以不予提供
        AnswerType.NEEDS_NEW_PRODUCTION: (
            "需要对现有政府信息进行加工、分析，不予提供",
            f"{_REG}第三十八条",
        ),
        # Art. 30: the one-time supplement request was answered but still leaves the
        # request unclear (report row 3.4.3 补正后申请内容仍不明确).
        AnswerType.STILL_UNCLEAR: ("补正后申请内容仍不明确", f"{_REG}第三十条"),
        # Art. 39 ¶1: 以政府信息公开申请的形式进行信访、投诉、举报等活动……不作为政府信息
        # 公开申请处理
        AnswerType.PETITION_COMPLAINT: (
            "以申请形式进行信访、投诉、举报，不作为政府信息公开申请处理",
            f"{_REG}第三十九条第一款",
        ),
        # Art. 39 ¶2: 要求行政机关提供政府公报、报刊、书籍等公开出版物的，行政机关可以
        # 告知获取的途径
        AnswerType.PUBLICATION: (
            "要求提供公开出版物，告知获取途径",
            f"{_REG}第三十九条第二款",
        ),
        # Art. 35: 数量、频次明显超过合理范围……认为申请理由不合理的，告知申请人不予处理
        AnswerType.UNREASONABLE_VOLUME: (
            "申请数量、频次明显超过合理范围且理由不合理，不予处理",
            f"{_REG}第三十五条",
        ),
        # No article of the 条例; the case exists as report row 3.5.5.
        AnswerType.CONFIRM_OR_REISSUE: (
            "要求确认或重新出具已获取的信息，不予处理",
            f"{_REG}无专门条款（年度报告格式列为“不予处理”情形）",
        ),
        # Art. 30: 申请人无正当理由逾期不补正的，视为放弃申请，行政机关不再处理
        AnswerType.SUPPLEMENT_OVERDUE: (
            "无正当理由逾期不补正，视为放弃申请，不再处理",
            f"{_REG}第三十条",
        ),
        # 办法 (article number unverified, LAW.md §3.3): 申请人应当在收到收费通知次日起20个
        # 工作日内缴纳费用，逾期未缴纳的视为放弃申请，行政机关不再处理该政府信息公开申请
        AnswerType.FEE_UNPAID: ("逾期未缴纳信息处理费，视为放弃申请，不再处理", _FEE_RULES),
        AnswerType.OTHER: ("其他", "视具体情形"),
    }
)

# The ONE table from legal answer to report row. Where a line is a judgement call, the
# comment says so: change it here, nowhere else, and the report follows.
ANSWER_TO_OUTCOME: Mapping[AnswerType, str] = MappingProxyType(
    {
        # Art. 36 (一) → 3.1 予以公开. The applicant is told where and how to get the
        # information, so the request is satisfied: the information is provided, only by
        # pointing at the published copy. Judgement call (the table has no "已主动公开"
        # row), but the one that matches how agencies report it.
        AnswerType.ALREADY_PUBLISHED: "3.1",
        # Art. 36 (二) → 3.1 予以公开: the plain case.
        AnswerType.DISCLOSED: "3.1",
        # Art. 36 (三) + Art. 14/15/16 → 3.3.1–3.3.7: each report reason names one ground
        # of Art. 14–16 (LAW.md §1 note), one to one.
        AnswerType.REFUSED_STATE_SECRET: "3.3.1",  # Art. 14 国家秘密 → 属于国家秘密
        AnswerType.REFUSED_PROHIBITED_BY_LAW: "3.3.2",  # Art. 14 法律、行政法规禁止公开
        AnswerType.REFUSED_SECURITY_STABILITY: "3.3.3",  # Art. 14 三安全一稳定
        AnswerType.REFUSED_THIRD_PARTY: "3.3.4",  # Art. 15 → 保护第三方合法权益
        AnswerType.REFUSED_INTERNAL_AFFAIRS: "3.3.5",  # Art. 16 ¶1 人事/后勤/内部流程 = 三类
        AnswerType.REFUSED_PROCESS_INFORMATION: "3.3.6",  # Art. 16 ¶2 讨论记录…请示报告 = 四类
        AnswerType.REFUSED_ENFORCEMENT_FILE: "3.3.7",  # Art. 16 ¶2 行政执法案卷
        AnswerType.REFUSED_ADMIN_QUERY: "3.3.8",  # the report's own reason, by name
        # Art. 36 (四) → 3.4.1 本机关不掌握相关政府信息: after a search the agency holds no
        # such information; "不掌握" is exactly "经检索没有".
        AnswerType.NOT_HELD: "3.4.1",
        # Art. 36 (五) → 3.4.1 as well. Judgement call: the table has no "非本机关负责公开"
        # row; the answer is still "this agency cannot provide it" (无法提供), and 不掌握
        # (not this agency's to hold/publish) is the closest reason. The alternative,
        # 3.6.3 其他, would hide a common answer in a catch-all.
        AnswerType.NOT_RESPONSIBLE: "3.4.1",
        # Art. 36 (六) 不予重复处理 → 3.5.2 重复申请: same words.
        AnswerType.REPEATED: "3.5.2",
        # Art. 36 (七) 工商、不动产登记资料等 → 3.3.8 属于行政查询事项. Judgement call: the
        # information is not released under the 条例 but through the special law's own
        # query procedure (e.g. 不动产登记资料查询), which is what "行政查询事项" names; it
        # is the only 不予公开 reason with no Art. 14–16 ground, and (七) is the only
        # Art. 36 answer with no other row. Alternative readings would put it in 3.6.3
        # 其他. Consequence to note: as a 不予公开 row it gets the reconsideration-first
        # remedy, which is the safe side for the applicant (see remedy_kind).
        AnswerType.SPECIAL_LAW: "3.3.8",
        # Art. 37 区分处理 → 3.2 部分公开; the row label says it is counted only here.
        AnswerType.PARTIAL: "3.2",
        # Art. 38 加工、分析 → 3.4.2 没有现成信息需要另行制作: same ground.
        AnswerType.NEEDS_NEW_PRODUCTION: "3.4.2",
        # Art. 30 补正 given but still unclear → 3.4.3 补正后申请内容仍不明确: same words.
        AnswerType.STILL_UNCLEAR: "3.4.3",
        # Art. 39 ¶1 信访、投诉、举报 → 3.5.1 信访举报投诉类申请: same ground.
        AnswerType.PETITION_COMPLAINT: "3.5.1",
        # Art. 39 ¶2 公开出版物 → 3.5.3 要求提供公开出版物: same ground. Although the
        # applicant is told where to get the publication, it is 不予处理 (not 3.1): the
        # table has a row naming exactly this case.
        AnswerType.PUBLICATION: "3.5.3",
        # Art. 35 数量、频次明显超过合理范围, reason not accepted → 3.5.4 无正当理由大量反复申请.
        AnswerType.UNREASONABLE_VOLUME: "3.5.4",
        # No article → 3.5.5 要求行政机关确认或重新出具已获取信息: the row names it.
        AnswerType.CONFIRM_OR_REISSUE: "3.5.5",
        # Art. 30 视为放弃申请 → 3.6.1 逾期不补正、不再处理: same words.
        AnswerType.SUPPLEMENT_OVERDUE: "3.6.1",
        # Fee 办法 逾期未缴纳视为放弃申请 → 3.6.2 逾期未按收费通知要求缴纳费用: same words.
        AnswerType.FEE_UNPAID: "3.6.2",
        # Anything else (e.g. withdrawn by the applicant, Art. 41 correction requests
        # filed as applications) → 3.6.3 其他.
        AnswerType.OTHER: "3.6.3",
    }
)


def outcome_for(answer: AnswerType) -> Outcome:
    """The report row an answer is counted in (the only place this is decided)."""
    return _BY_CODE[ANSWER_TO_OUTCOME[answer]]


# ---------------------------------------------------------------------------------------
# Remedies: the closing sentence of an answer letter
# ---------------------------------------------------------------------------------------


class RemedyKind(StrEnum):
    """Which remedy sentence an answer letter ends with."""

    # 不予公开: reconsideration first, court only after it.
    RECONSIDERATION_FIRST = "reconsideration_first"
    # 部分公开: reconsideration first for the refused part, free choice for the rest.
    PARTIAL = "partial"
    # Everything else: reconsideration or court, applicant's choice.
    EITHER = "either"


# The remedy sentences, in ONE place. Placeholders: {reconsideration_body} (行政复议机关)
# and {court} (人民法院 with jurisdiction).
#
# Sources and verification status (LAW.md §5.4, §7):
# * The 60-day / 6-month pair is the wording of the pre-2019 reference templates
#   ("60日内……申请行政复议；或者6个月内依法向人民法院提起行政诉讼", LAW.md §5.4); the
#   periods themselves (行政复议法 60日, 行政诉讼法 6个月) were NOT re-verified against the
#   statute texts in LAW.md.
# * Reconsideration first for 不予公开 rests on the 2023 行政复议法 (in force 2024-01-01)
#   art. 23 ¶1 (四) "申请政府信息公开，行政机关不予公开的，应当先申请行政复议", known to
#   LAW.md §7 only from secondary sources — UNVERIFIED against the statute text. Whether
#   it also covers 无法提供 / 不予处理 answers, and its exact reach for partial refusals,
#   is likewise unverified; we apply it to 不予公开 and to the refused part of 部分公开.
# The two periods, shared by the letters' sentences and the guide (remedy_guidance).
RECONSIDERATION_DAYS = 60  # 行政复议法 (not re-verified, see above)
LITIGATION_MONTHS = 6  # 行政诉讼法 (not re-verified, see above)
_RECONSIDER = f"{RECONSIDERATION_DAYS}日内向{{reconsideration_body}}申请行政复议"
_SUE = f"{LITIGATION_MONTHS}个月内向{{court}}提起行政诉讼"
REMEDY_CLAUSES: Mapping[str, str] = MappingProxyType(
    {
        RemedyKind.RECONSIDERATION_FIRST: (
            f"如对本答复不服，可以自收到本答复之日起{_RECONSIDER}；"
            "对行政复议决定不服的，可以依法向人民法院提起行政诉讼。"
        ),
        RemedyKind.PARTIAL: (
            f"如对本答复中不予公开的部分不服，可以自收到本答复之日起{_RECONSIDER}；"
            "对行政复议决定不服的，可以依法向人民法院提起行政诉讼。如对本答复的其他内容不服，"
            f"可以自收到本答复之日起{_RECONSIDER}，或者自收到本答复之日起{_SUE}。"
        ),
        RemedyKind.EITHER: (
            f"如对本答复不服，可以自收到本答复之日起{_RECONSIDER}，或者自收到本答复之日起{_SUE}。"
        ),
    }
)


def remedy_kind(outcome: Outcome) -> RemedyKind:
    """Which remedy sentence fits an outcome.

    Telling an applicant they may go straight to court when the law requires
    reconsideration first can cost them their case, while the reverse only adds a step;
    so every refusal to disclose, including 3.3.8, gets the reconsideration-first form.
    """
    if outcome.is_final_refusal:
        return RemedyKind.RECONSIDERATION_FIRST
    if outcome.code == "3.2":
        return RemedyKind.PARTIAL
    return RemedyKind.EITHER


def remedy_clause(outcome: Outcome, *, reconsideration_body: str, court: str) -> str:
    """The remedy sentence for an answer letter, with the bodies filled in."""
    body = reconsideration_body.strip()
    court_name = court.strip()
    if not body:
        raise ValueError("未填写行政复议机关，无法生成救济途径告知。")
    if not court_name:
        raise ValueError("未填写人民法院，无法生成救济途径告知。")
    template = REMEDY_CLAUSES[remedy_kind(outcome)]
    return template.format(reconsideration_body=body, court=court_name)


def remedy_guidance(*, reconsideration_body: str, court: str, superior: str) -> list[str]:
    """监督和救济 in a disclosure guide: Art. 51's complaint, and the same remedies and
    periods an answer letter names (:data:`REMEDY_CLAUSES`), for a reader before applying.

    ``superior`` is the agency's 上一级行政机关 (empty for a top-level agency); a body not
    yet entered is said to be unentered rather than left out, so the gap shows.
    """
    unentered = "（尚未填写）"
    complaint = f"上一级行政机关（{superior}）" if superior else "上一级行政机关"
    body = reconsideration_body.strip() or f"行政复议机关{unentered}"
    court_name = court.strip() or f"有管辖权的人民法院{unentered}"
    return [
        f"公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向{complaint}"
        "或者政府信息公开工作主管部门投诉、举报（《条例》第五十一条）。",
        f"对本机关作出的政府信息公开答复不服的，可以自收到答复之日起{RECONSIDERATION_DAYS}日内"
        f"向{body}申请行政复议，或者自收到答复之日起{LITIGATION_MONTHS}个月内向{court_name}"
        "提起行政诉讼。",
        "对决定不予公开的答复不服的，应当先申请行政复议；对行政复议决定不服的，"
        "可以依法向人民法院提起行政诉讼。",
    ]


# ---------------------------------------------------------------------------------------
# 2019 trial format
# ---------------------------------------------------------------------------------------

# The 2019 trial format (国办公开办函〔2019〕60号), used for report years 2019 and 2020,
# printed （六）其他处理 as one row; the 2021 revision split it into 3.6.1–3.6.3 (LAW.md
# §2.8: 三、本年度办理结果 spans 20 rows in 2019, 22 in 2021). All other rows of table 三
# are the same in both formats, so they keep their key. The non-outcome rows ("1", "2",
# "3.7", "4") are included so a 2019 report can be built through this table alone.
TRIAL_2019_OTHER_ROW = "3.6"
TRIAL_2019_ROW_FOR: Mapping[str, str] = MappingProxyType(
    {
        "1": "1",
        "2": "2",
        **{o.code: TRIAL_2019_OTHER_ROW if o.group_code == "3.6" else o.code for o in OUTCOMES},
        "3.7": "3.7",
        "4": "4",
    }
)
