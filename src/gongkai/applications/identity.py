"""Validating and masking applicants' identity data (Art. 29 (一))."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError

from gongkai.applications.models import PERSON_IDENTITY_KINDS, IdentityKind
from gongkai.rules.identifiers import (
    InvalidCodeError,
    mask_resident_id,
    validate_foreign_permanent_id,
    validate_hk_macao_permit,
    validate_passport,
    validate_resident_id,
    validate_taiwan_permit,
    validate_uscc,
)
from gongkai.rules.outcomes import ApplicantCategory

QUERY_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L confusion
QUERY_CODE_LENGTH = 10

# Each document a person may prove identity with, and the check its format allows.
PERSON_VALIDATORS: dict[str, Callable[[str], str]] = {
    IdentityKind.RESIDENT_ID: validate_resident_id,
    IdentityKind.PASSPORT: validate_passport,
    IdentityKind.HK_MACAO_PERMIT: validate_hk_macao_permit,
    IdentityKind.TAIWAN_PERMIT: validate_taiwan_permit,
    IdentityKind.FOREIGN_PERMANENT_ID: validate_foreign_permanent_id,
}
assert set(PERSON_VALIDATORS) == set(PERSON_IDENTITY_KINDS)


def clean_identity(*, category: str, kind: str, number: str) -> tuple[str, str]:
    """Normalise the identity proof: persons by one of their documents, organisations by USCC.

    An empty ``kind`` means the usual document: the resident ID card for a person, the
    unified social credit code for an organisation. ``other`` (recorded by staff for a
    document not listed) is kept as typed.
    """
    number = number.strip()
    applicant = ApplicantCategory(category)
    if not kind:
        kind = IdentityKind.USCC if applicant.is_organisation else IdentityKind.RESIDENT_ID
    try:
        if kind in PERSON_VALIDATORS:
            if applicant.is_organisation:
                raise ValidationError({"identity_kind": "法人或其他组织请提供统一社会信用代码。"})
            return kind, PERSON_VALIDATORS[kind](number)
        if kind == IdentityKind.USCC:
            if not applicant.is_organisation:
                raise ValidationError({"identity_kind": "自然人请提供身份证件。"})
            return kind, validate_uscc(number)
    except InvalidCodeError as error:
        raise ValidationError({"identity_number": str(error)}) from None
    if kind != IdentityKind.OTHER:
        raise ValidationError({"identity_kind": "请从列出的证件类型中选择。"})
    if not number:
        raise ValidationError({"identity_number": "请填写证件号码。"})
    return kind, number[:40]


def masked_identity(kind: str, number: str) -> str:
    if kind == IdentityKind.RESIDENT_ID and len(number) == 18:
        return mask_resident_id(number)
    return number[:4] + "*" * max(len(number) - 6, 0) + number[-2:] if len(number) > 6 else "***"


def new_query_code() -> str:
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))


def hash_query_code(receipt_number: str, code: str) -> str:
    """Keyed hash: a leaked database does not reveal codes that open status pages."""
    message = f"{receipt_number}:{code.strip().upper()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def query_code_matches(receipt_number: str, code: str, stored: str) -> bool:
    return hmac.compare_digest(hash_query_code(receipt_number, code), stored)
