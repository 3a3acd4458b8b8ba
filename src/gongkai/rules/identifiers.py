"""Check digits of the identity codes the law asks for.

统一社会信用代码 (unified social credit code, GB 32100-2015) identifies every
agency: Art. 12 guides and the index number (索引号, 前段码) are keyed on it.
"""

from __future__ import annotations

# GB 32100-2015 §4: 31 characters; I, O, S, V and Z are never used.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
USCC_LENGTH = 18


class InvalidCodeError(ValueError):
    """A code that cannot be right; the message names what is wrong, in Chinese."""


def uscc_check_char(body: str) -> str:
    """The 18th character for the first 17 (GB 32100-2015 §5, modulus 31)."""
    total = sum(USCC_ALPHABET.index(ch) * w for ch, w in zip(body, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def validate_uscc(code: str) -> str:
    """Return the normalised code, or raise InvalidCodeError saying why it is wrong."""
    normalised = code.strip().upper()
    if len(normalised) != USCC_LENGTH:
        raise InvalidCodeError(f"统一社会信用代码应为18位，“{code}”为{len(normalised)}位。")
    bad = sorted({ch for ch in normalised if ch not in USCC_ALPHABET})
    if bad:
        raise InvalidCodeError(
            f"统一社会信用代码“{code}”含有不允许的字符：{'、'.join(bad)}（不使用I、O、S、V、Z）。"
        )
    if not normalised[2:8].isdigit():
        raise InvalidCodeError(f"统一社会信用代码“{code}”第3至8位应为行政区划代码（6位数字）。")
    expected = uscc_check_char(normalised[:17])
    if normalised[17] != expected:
        raise InvalidCodeError(
            f"统一社会信用代码“{code}”校验位错误：第18位应为“{expected}”，实为“{normalised[17]}”。"
        )
    return normalised
