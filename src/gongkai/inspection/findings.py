"""What an inspection reports: one observation per problem, with a fixed ``type``.

The names are the ones ``gongkai inspect --format json`` prints and the stored findings
keep (issue 14 (3)); evidence is always safe to show (personal data masked).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gongkai.rules.screening import FindingType as ScreeningType


class Severity(StrEnum):
    HIGH = "high"  # a veto item at risk, personal data, a secret marking
    MEDIUM = "medium"  # a broken or redirected link, an empty or undated column
    LOW = "low"  # wording the editor should read


class FindingKind(StrEnum):
    UNREACHABLE = "unreachable"
    STALE_HOMEPAGE = "stale_homepage"
    STALE_COLUMN = "stale_column"
    EMPTY_COLUMN = "empty_column"
    MISSING_DATE = "missing_date"
    BROKEN_LINK = "broken_link"
    HIDDEN_LINK = "hidden_link"
    REDIRECTED_LINK = "redirected_link"
    TAMPERED_PAGE = "tampered_page"
    MANDATORY_COLUMN = "mandatory_column"
    ID_CARD = ScreeningType.ID_CARD.value
    MOBILE = ScreeningType.MOBILE.value
    BANK_CARD = ScreeningType.BANK_CARD.value
    SECRET_MARK = ScreeningType.SECRET_MARK.value
    SENSITIVE_WORD = ScreeningType.SENSITIVE_WORD.value
    WORDING_ERROR = ScreeningType.WORDING_ERROR.value
    TYPO = ScreeningType.TYPO.value

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    FindingKind.UNREACHABLE: "站点无法访问",
    FindingKind.STALE_HOMEPAGE: "首页不更新",
    FindingKind.STALE_COLUMN: "栏目不更新",
    FindingKind.EMPTY_COLUMN: "空白栏目",
    FindingKind.MISSING_DATE: "未注明发布日期",
    FindingKind.BROKEN_LINK: "错链断链",
    FindingKind.HIDDEN_LINK: "隐藏链接（暗链）",
    FindingKind.REDIRECTED_LINK: "外链跳转到其他域名",
    FindingKind.TAMPERED_PAGE: "页面被篡改",
    FindingKind.MANDATORY_COLUMN: "法定栏目缺失或不更新",
    FindingKind.ID_CARD: "身份证号码",
    FindingKind.MOBILE: "手机号码",
    FindingKind.BANK_CARD: "银行卡号",
    FindingKind.SECRET_MARK: "密级标志",
    FindingKind.SENSITIVE_WORD: "敏感词",
    FindingKind.WORDING_ERROR: "表述错误",
    FindingKind.TYPO: "错别字",
}

# The text detectors' types; ``unreadable`` is a verdict on a file before publication,
# which an inspection reports as a broken link or leaves alone, never as found text.
SCREENING_KINDS = frozenset(
    FindingKind(str(t)) for t in ScreeningType if t is not ScreeningType.UNREADABLE
)


@dataclass(frozen=True, slots=True)
class Observation:
    """One problem seen by a run: the page (or attachment) ``url`` where it is, the link or
    attachment ``target`` where there is one, and masked ``evidence``."""

    type: FindingKind
    url: str
    evidence: str
    severity: Severity
    target: str = ""

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What makes two runs' observations the same finding. Two ID numbers on one page
        are two findings, so screening evidence is part of it; a stale column's evidence
        names today's date and is not."""
        evidence = self.evidence if self.type in SCREENING_KINDS else ""
        return (str(self.type), self.url, self.target, evidence)

    def as_dict(self) -> dict[str, str]:
        data = {
            "type": str(self.type),
            "url": self.url,
            "evidence": self.evidence,
            "severity": str(self.severity),
        }
        if self.target:
            data["target"] = self.target
        return data
