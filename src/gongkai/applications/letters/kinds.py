"""The letters an application produces (LAW.md §5.3–5.4: the 江苏/宿迁 document sets)."""

from __future__ import annotations

from enum import StrEnum


class LetterKind(StrEnum):
    RECEIPT = "receipt"
    SUPPLEMENT_NOTICE = "supplement_notice"
    EXTENSION_NOTICE = "extension_notice"
    THIRD_PARTY_CONSULTATION = "third_party_consultation"
    CO_AGENCY_CONSULTATION = "co_agency_consultation"
    DELAY_NOTICE = "delay_notice"
    FEE_NOTICE = "fee_notice"
    ANSWER = "answer"

    @property
    def label(self) -> str:
        return {
            LetterKind.RECEIPT: "政府信息公开申请接收回执",
            LetterKind.SUPPLEMENT_NOTICE: "政府信息公开申请补正告知书",
            LetterKind.EXTENSION_NOTICE: "政府信息公开申请延期答复告知书",
            LetterKind.THIRD_PARTY_CONSULTATION: "政府信息公开申请征求意见书（第三方）",
            LetterKind.CO_AGENCY_CONSULTATION: "政府信息公开申请征求意见书（共同制作机关）",
            LetterKind.DELAY_NOTICE: "政府信息公开申请延迟答复告知书",
            LetterKind.FEE_NOTICE: "政府信息公开申请收费通知书",
            LetterKind.ANSWER: "政府信息公开申请答复书",
        }[self]

    @property
    def to_applicant(self) -> bool:
        """Whether the letter is addressed to the applicant, who may then download it.

        Consultation letters go to a third party or a co-producing agency (Art. 32, 34):
        they are the case file's, not the applicant's.
        """
        return self not in {LetterKind.THIRD_PARTY_CONSULTATION, LetterKind.CO_AGENCY_CONSULTATION}
