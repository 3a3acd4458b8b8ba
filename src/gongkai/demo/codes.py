"""Checksum-valid (but invented) unified social credit codes for demo agencies."""

from __future__ import annotations

from gongkai.rules.identifiers import uscc_check_char

# GB 11714-1997: the 9-character organisation code inside a USCC has its own check.
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def _org_code(serial: int) -> str:
    body = f"{serial:08d}"
    remainder = 11 - sum(int(ch) * w for ch, w in zip(body, _ORG_WEIGHTS, strict=True)) % 11
    check = {10: "X", 11: "0"}.get(remainder, str(remainder))
    return body + check


def demo_code(*, authority_and_kind: str, division: str, serial: int) -> str:
    """``11`` = 机构编制部门/机关, ``12`` = 机构编制部门/事业单位; ``division`` = 行政区划代码."""
    body = authority_and_kind + division + _org_code(serial)
    return body + uscc_check_char(body)
