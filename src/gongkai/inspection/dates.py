"""The dates a list page shows, so a column's last update is the newest of them.

Three forms are common on Chinese government sites: 2025-03-01, 2025年3月1日 and
2025/03/01 (also 2025.03.01). A date in a URL (``/202503/t20250301_1.html``) is not a date
a reader sees and is not read: only the visible text is passed in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)(?:"
    r"(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})"
    r"|年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日"
    r")(?!\d)"
)


def dates_in(text: str, *, today: date) -> Iterator[date]:
    """Every valid calendar date in ``text``; dates after ``today`` are not an update
    (a 截止日期 announced in advance) and are skipped."""
    for match in _DATE.finditer(text):
        month = match.group("m") or match.group("m2")
        day = match.group("d") or match.group("d2")
        try:
            found = date(int(match.group("y")), int(month), int(day))
        except ValueError:
            continue  # 2025-02-30 is not a date; nothing to judge
        if found <= today:
            yield found


def newest_date(text: str, *, today: date) -> date | None:
    return max(dates_in(text, today=today), default=None)
