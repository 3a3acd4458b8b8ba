"""Adding annual-report figures cell by cell.

A district's report is the sum of its agencies' reports, and one agency's tables are
the sum of its per-agency rows of a GROUP BY; both add nested ``{key: number}`` mappings
of the DESIGN.md shape, so one function does it and the two cannot drift apart.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any


def add_into(total: dict[str, Any], part: dict[str, Any]) -> dict[str, Any]:
    """Add ``part`` into ``total`` in place (nested mappings of numbers); return ``total``.

    Keys missing from ``total`` are copied; money stays a float rounded to 4 places
    (万元 with four decimals is one yuan) so repeated additions do not print 0.30000000004.
    ``None`` is a figure nobody entered: a sum with an unknown part is unknown.
    """
    for key, value in part.items():
        if isinstance(value, dict):  # not the Mapping ABC: its check is slow in a roll-up
            add_into(total.setdefault(key, {}), value)
            continue
        before = total.get(key, 0)
        if value is None or before is None:
            total[key] = None
        elif isinstance(value, float) or isinstance(before, float):
            total[key] = round(float(before) + float(value), 4)
        else:
            total[key] = before + value
    return total


def sum_figures(parts: Iterable[dict[str, Any]], *, zero: Mapping[str, Any]) -> dict[str, Any]:
    """``zero`` (every cell present) plus each of ``parts``; a new dict, inputs untouched."""
    total = copy.deepcopy(dict(zero))
    for part in parts:
        add_into(total, part)
    return total
