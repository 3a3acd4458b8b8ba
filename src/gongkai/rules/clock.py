"""The statutory answer clock of the 《中华人民共和国政府信息公开条例》 (2019 revision).

One pure function, :func:`compute_deadline`, so the CLI, the application workflow and
the tests all agree on a single reading of Articles 30 and 32-34. It returns not just
the date but a Chinese explanation of every step, because an agency must be able to show
an applicant (or a court) *why* the answer was due on that day.

Conventions:

* A period of N working days ends on the N-th working day after its start day; the start
  day itself is not counted (开始的当日不计入, the general rule for periods in Chinese law).
* The date of receipt (收到申请之日) is decided upstream according to Art. 31 (in person,
  by post, online); this module takes it as given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from gongkai.rules.workdays import WorkingDayCalendar, format_date, format_date_weekday

# Art. 30: 申请内容不明确的，行政机关应当……自收到申请之日起7个工作日内一次性告知申请人作出补正……
# 答复期限自行政机关收到补正的申请之日起计算。
SUPPLEMENT_NOTICE_DAYS = 7

# Art. 33 ¶2: 行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复；
ANSWER_DAYS = 20

# Art. 33 ¶2 (cont.): 需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，
# 延长的期限最长不得超过20个工作日。
EXTENSION_MAX_DAYS = 20

# Art. 32: 第三方应当自收到征求意见书之日起15个工作日内提出意见。
THIRD_PARTY_REPLY_DAYS = 15

# Art. 34: 被征求意见机关应当自收到征求意见书之日起15个工作日内提出意见，
# 逾期未提出意见的视为同意公开。
CO_AGENCY_REPLY_DAYS = 15


def consultation_reply_due(*, calendar: WorkingDayCalendar, sent: date, co_agency: bool) -> date:
    """The last day a consulted party may reply: Art. 32 (third party) or Art. 34 (agency).

    Counted from the day the letter was sent, not from its (unrecorded) receipt: the
    pause this bounds can only be shorter, never longer than the law allows, so the
    answer date it yields is never later than the lawful one.
    """
    days = CO_AGENCY_REPLY_DAYS if co_agency else THIRD_PARTY_REPLY_DAYS
    return calendar.nth_working_day_after(sent, days)


def supplement_notice_due(*, calendar: WorkingDayCalendar, received: date) -> date:
    """Art. 30: the last day to ask for a supplement, 7 working days after receipt."""
    return calendar.nth_working_day_after(received, SUPPLEMENT_NOTICE_DAYS)


@dataclass(frozen=True)
class Pause:
    """A consultation under Art. 32 or 34 that stops the clock.

    Art. 33 ¶3: 行政机关征求第三方和其他机关意见所需时间不计算在前款规定的期限内。
    The letter goes out on ``start`` and the last reply arrives on ``end``; the working
    days after ``start`` up to and including ``end`` are not counted. ``start`` itself
    stays counted because the agency was still working on the request that day.
    """

    start: date
    end: date
    reason: str = "征求意见"

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(
                f"{self.reason}的结束日期（{format_date(self.end)}）"
                f"早于开始日期（{format_date(self.start)}）。"
            )

    def covers(self, d: date) -> bool:
        """True if ``d`` is one of the days this pause removes from the count."""
        return self.start < d <= self.end


@dataclass(frozen=True)
class Deadline:
    """The computed answer clock, with a step-by-step explanation in Chinese."""

    received: date
    clock_start: date
    answer_due: date
    supplement_notice_due: date
    period_days: int
    paused_working_days: int
    explanation: list[str]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (ISO dates) for the CLI and API."""
        return {
            "received": self.received.isoformat(),
            "clock_start": self.clock_start.isoformat(),
            "answer_due": self.answer_due.isoformat(),
            "supplement_notice_due": self.supplement_notice_due.isoformat(),
            "period_days": self.period_days,
            "paused_working_days": self.paused_working_days,
            "explanation": list(self.explanation),
        }


def _days(after: date, through: date) -> list[date]:
    """Calendar days ``d`` with ``after < d <= through``."""
    return [after + timedelta(days=i) for i in range(1, (through - after).days + 1)]


def compute_deadline(
    *,
    calendar: WorkingDayCalendar,
    received: date,
    supplement_received: date | None = None,
    pauses: Sequence[Pause] = (),
    extended: bool = False,
    extension_days: int = EXTENSION_MAX_DAYS,
) -> Deadline:
    """Compute when the answer to an information request is due, and explain why.

    The period is 20 working days (Art. 33 ¶2), counted from receipt or, when the
    applicant was asked to clarify, from receipt of the clarification (Art. 30). An
    approved extension adds at most 20 more (Art. 33 ¶2). Consultation pauses are
    removed (Art. 33 ¶3); overlapping pauses remove each day once. Raises
    ``UnknownYearError`` if any year the count passes through has no holiday schedule.
    """
    if supplement_received is not None and supplement_received < received:
        raise ValueError(
            f"补正日期（{format_date(supplement_received)}）"
            f"不能早于收到申请之日（{format_date(received)}）。"
        )
    if extended and not 1 <= extension_days <= EXTENSION_MAX_DAYS:
        raise ValueError(
            f"延长期限应为1至{EXTENSION_MAX_DAYS}个工作日（第三十三条第二款），"
            f"收到的是{extension_days}个工作日。"
        )

    clock_start = supplement_received if supplement_received is not None else received
    period_days = ANSWER_DAYS + (extension_days if extended else 0)

    def paused(d: date) -> bool:
        return any(p.covers(d) for p in pauses)

    answer_due = calendar.nth_working_day_after(clock_start, period_days, excluded=paused)
    notice_due = supplement_notice_due(calendar=calendar, received=received)

    span = _days(clock_start, answer_due)
    working = {d for d in span if calendar.is_working_day(d)}
    removed = {d for d in working if paused(d)}

    explanation = [f"收到申请之日为{format_date_weekday(received)}。"]
    if supplement_received is not None:
        explanation.append(
            f"申请人于{format_date_weekday(supplement_received)}提交补正，"
            "答复期限自补正之日起算（《政府信息公开条例》第三十条）。"
        )
    explanation.append(
        f"答复期限为{ANSWER_DAYS}个工作日（《政府信息公开条例》第三十三条第二款），起算当日不计入。"
    )
    if extended:
        explanation.append(
            f"经批准延长{extension_days}个工作日，共{period_days}个工作日（第三十三条第二款）。"
        )
    explanation.extend(_pause_sentences(pauses, working, len(removed)))
    explanation.extend(_calendar_sentences(calendar, span, working, removed, paused))
    explanation.append(f"答复截止日为{format_date_weekday(answer_due)}。")
    explanation.append(
        f"补正告知截止日为{format_date_weekday(notice_due)}，"
        f"即收到申请之日起{SUPPLEMENT_NOTICE_DAYS}个工作日内（第三十条）。"
    )

    return Deadline(
        received=received,
        clock_start=clock_start,
        answer_due=answer_due,
        supplement_notice_due=notice_due,
        period_days=period_days,
        paused_working_days=len(removed),
        explanation=explanation,
    )


def _pause_sentences(pauses: Sequence[Pause], working: set[date], total: int) -> list[str]:
    """One sentence per pause, counting only working days that would otherwise count."""
    sentences = []
    per_pause = 0
    for pause in sorted(pauses, key=lambda p: (p.start, p.end)):
        n = sum(1 for d in working if pause.covers(d))
        per_pause += n
        sentences.append(
            f"{pause.reason}期间（{format_date(pause.start)}至{format_date(pause.end)}）"
            f"不计入答复期限，扣除{n}个工作日（第三十三条第三款）。"
        )
    if len(pauses) > 1:
        overlap = "（重叠日期只扣除一次）" if per_pause != total else ""
        sentences.append(f"各征求意见期间合计扣除{total}个工作日{overlap}。")
    return sentences


def _calendar_sentences(
    calendar: WorkingDayCalendar,
    span: list[date],
    working: set[date],
    removed: set[date],
    paused: Callable[[date], bool],
) -> list[str]:
    """Name the holidays that pushed the date back and the 调休 Saturdays that counted.

    Days inside a pause are left out: the pause already explains them, and an adjusted
    working day inside a pause did *not* count.
    """
    # Runs of consecutive days off that are not paused; a run matters only if it
    # swallows at least one Monday-to-Friday, i.e. a public holiday cost a working day.
    runs: list[list[date]] = []
    for d in span:
        if d in working or paused(d):
            continue
        if runs and runs[-1][-1] == d - timedelta(days=1):
            runs[-1].append(d)
        else:
            runs.append([d])
    holiday_parts = []
    for run in runs:
        if all(d.weekday() >= 5 for d in run):
            continue
        names = list(dict.fromkeys(n for d in run if (n := calendar.holiday_name(d))))
        label = "、".join(names)
        period = (
            format_date(run[0])
            if len(run) == 1
            else f"{format_date(run[0])}至{format_date(run[-1])}"
        )
        holiday_parts.append(f"{label}（{period}）" if label else period)

    sentences = []
    if holiday_parts:
        sentences.append(f"期间遇法定节假日顺延：{'；'.join(holiday_parts)}。")
    adjusted = sorted(d for d in working - removed if d.weekday() >= 5)
    if adjusted:
        days = "、".join(format_date_weekday(d) for d in adjusted)
        sentences.append(f"调休上班日计入期限：{days}。")
    return sentences
