"""Which entries a demo agency publishes in a year, on which dates, under which numbers.

Half of a year's entries come from the agency's calendar (budgets in spring, 决算 in
summer, quarterly figures the month after the quarter, 春节值班 in January), the rest from
its recurring work (news, 办法, decisions), one matter at a time so that news does not
crowd out the rest. A title is never used twice by one agency: a 文号 series never holds
two documents of one name. Numbers follow the dates: 第1号 is the year's first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from random import Random

from gongkai.demo.bodies import Genre
from gongkai.demo.subjects import ALL_YEAR, QUARTERS, STREETS, Matter, Subject
from gongkai.rules.catalogue import InfoType

# Publication lags in days: now and then later than Art. 26's 20 working days allow,
# so the inspection has something to find; calendar titles go out within days.
LAGS = (2, 3, 5, 7, 10, 14, 40)
SEASONAL_LAGS = (1, 2, 3, 5)
DECISION_NUMBER = re.compile(r"（(.+〔\d{4}〕\d+号)）")


@dataclass(frozen=True)
class Planned:
    """One entry to publish: its matter, its title and dates, its number if any."""

    matter: Matter
    title: str
    months: tuple[int, ...]
    item: str = ""
    street: str = ""
    numbered: bool = False  # the title has {n}: a series numbered in date order
    once: bool = False  # no year in the title: published once, in whichever year
    formed: date | None = None
    published: date | None = None
    document_number: str = ""

    @property
    def seasonal(self) -> bool:
        return self.months != ALL_YEAR


def _fill(pattern: str, *, short: str, year: int, item: str = "", street: str = "") -> str:
    return (
        pattern.replace("{a}", short)
        .replace("{y}", str(year))
        .replace("{py}", str(year - 1))
        .replace("{ny}", str(year + 1))
        .replace("{item}", item)
        .replace("{street}", street)
    )


def _candidates(
    subject: Subject, *, short: str, year: int, columns: set[str]
) -> tuple[list[Planned], dict[int, list[Planned]]]:
    """(calendar entries, recurring entries by matter) the agency could publish in ``year``."""
    scheduled: list[Planned] = []
    recurring: dict[int, list[Planned]] = {}
    for index, matter in enumerate(subject.matters):
        if matter.column not in columns:
            continue
        for title in matter.titles:
            pattern = title.pattern
            if "{q}" in pattern:
                for quarter, month in QUARTERS:
                    text = _fill(pattern.replace("{q}", quarter), short=short, year=year)
                    scheduled.append(Planned(matter, text, (month,)))
            elif "{n}" in pattern:
                text = _fill(pattern, short=short, year=year)
                pool = recurring.setdefault(index, [])
                pool += [Planned(matter, text, title.months, numbered=True)] * matter.repeat
            elif "{item}" in pattern or "{street}" in pattern:
                streets = STREETS if "{street}" in pattern else ("",)
                once = not any(slot in pattern for slot in ("{y}", "{py}", "{ny}"))
                for item in matter.items or ("",):
                    for street in streets:
                        text = _fill(pattern, short=short, year=year, item=item, street=street)
                        planned = Planned(
                            matter, text, title.months, item=item, street=street, once=once
                        )
                        recurring.setdefault(index, []).append(planned)
            else:
                text = _fill(pattern, short=short, year=year)
                scheduled.append(Planned(matter, text, title.months))
    return scheduled, recurring


def _dated(planned: Planned, *, year: int, today: date, rng: Random) -> Planned | None:
    """Give a date in one of its months; None when that would not be public by ``today``."""
    months = [m for m in planned.months if date(year, m, 1) < today]
    if not months:
        return None
    month = rng.choice(months)
    # Calendar titles early in their month, so they are out within it.
    day = rng.randint(1, 20) if planned.seasonal else rng.randint(1, 28)
    formed = date(year, month, day)
    published = formed + timedelta(days=rng.choice(SEASONAL_LAGS if planned.seasonal else LAGS))
    if published >= today:
        return None
    return replace(planned, formed=formed, published=published)


def plan_year(
    subject: Subject,
    *,
    short: str,
    year: int,
    count: int,
    columns: set[str],
    used: set[str],
    today: date,
    rng: Random,
) -> list[Planned]:
    """About ``count`` entries of ``year``, dated, numbered, titles not in ``used``.

    ``used`` grows with the titles taken. Titles without a year are spread over the years
    up to ``today``'s, so the last years are not left with fewer. Each 规范性文件 brings
    its 政策解读 on the same day (三同步), beyond ``count``.
    """
    scheduled, recurring = _candidates(subject, short=short, year=year, columns=columns)
    years_left = today.year - year + 1
    for key, pool in list(recurring.items()):
        once = [p for p in pool if p.once and p.title not in used]
        share = rng.sample(once, -(-len(once) // years_left))
        recurring[key] = [p for p in pool if not p.once] + share
        if not recurring[key]:
            del recurring[key]
    rng.shuffle(scheduled)
    chosen: list[Planned] = []

    def take(planned: Planned) -> None:
        dated = _dated(planned, year=year, today=today, rng=rng)
        # A numbered series repeats its pattern; its titles are told apart by {n} later.
        if dated is not None and (planned.numbered or planned.title not in used):
            used.add(planned.title)
            chosen.append(dated)

    for planned in scheduled[: (count + 1) // 2]:
        take(planned)
    while len(chosen) < count and recurring:
        key = rng.choice(sorted(recurring))
        pool = recurring[key]
        take(pool.pop(rng.randrange(len(pool))))
        if not pool:
            del recurring[key]
    for planned in scheduled[(count + 1) // 2 :]:
        if len(chosen) >= count:
            break
        take(planned)
    chosen.sort(key=lambda p: (p.formed, p.title))
    return _numbered(chosen, subject=subject, year=year)


def _numbered(chosen: list[Planned], *, subject: Subject, year: int) -> list[Planned]:
    """Numbers in date order: {n} of each series, and the 文号 of the year's documents."""
    serials: dict[str, int] = {}
    result: list[Planned] = []
    for planned in chosen:
        title, number = planned.title, ""
        if planned.numbered:
            serials[title] = serials.get(title, 0) + 1
            title = title.replace("{n}", str(serials[title]))
            found = DECISION_NUMBER.search(title)
            number = found.group(1) if found else ""
        info_type = planned.matter.info_type
        if info_type in (InfoType.NORMATIVE_DOCUMENT, InfoType.OTHER_DOCUMENT):
            kind = "规" if info_type == InfoType.NORMATIVE_DOCUMENT else "发"
            serials[kind] = serials.get(kind, 0) + 1
            number = f"{subject.code}{kind}〔{year}〕{serials[kind]}号"
        result.append(replace(planned, title=title, document_number=number))
        if info_type == InfoType.NORMATIVE_DOCUMENT:
            result.append(_interpretation(planned))
    return result


def _interpretation(document: Planned) -> Planned:
    """The 政策解读 published with a 规范性文件 (三同步), in the same column and on its day."""
    matter = replace(
        document.matter, info_type=InfoType.OTHER, genre=Genre.INTERPRETATION, topic_column=""
    )
    return replace(document, matter=matter, title=f"关于《{document.item}》的政策解读")
