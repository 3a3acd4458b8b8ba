"""An application's clock as a ledger of events (Art. 30–35, 国办函〔2020〕109号).

The due date is never stored: it is recomputed from the events every time, so a
correction to one event (a wrong receipt date, say) flows through everything,
and the answer can always explain itself. :func:`evaluate` reads the ledger;
:func:`check` decides whether a new event is lawful given the ones before it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Any, TypeVar

from gongkai.rules.clock import (
    EXTENSION_MAX_DAYS,
    Deadline,
    Pause,
    compute_deadline,
    consultation_reply_due,
    supplement_notice_due,
)
from gongkai.rules.clock_events import (
    Answered,
    ConsultationAnswered,
    ConsultationSent,
    DelayedArt35,
    EventData,
    EventKind,
    ExtensionApproved,
    FeeNoticeSent,
    SupplementRequested,
)
from gongkai.rules.fees import PAYMENT_WORKING_DAYS
from gongkai.rules.workdays import (
    UnknownYearError,
    WorkingDayCalendar,
    format_date,
    load_hint,
    waiting_for_year,
)

# 国办函〔2020〕109号 as reported (LAW.md §3.3, not verified verbatim): the time
# between sending a fee notice and payment is not counted in the answer period.
# Kept as one switch so it can be corrected when the original text is checked.
FEE_PERIOD_EXCLUDED = True

# Art. 31: 当面提交的，以提交之日为收到申请之日；以邮寄方式提交的，以签收之日为收到申请之日；
# 平常信函、互联网渠道、传真提交的，以双方确认之日为收到申请之日。Channels whose received
# date is fixed on arrival; every other channel waits for confirmation with the applicant.
RECEIVED_ON_ARRIVAL = frozenset({"in_person", "registered_mail"})
# The same article in a reader's words, by channel, for the disclosure guide.
RECEIVED_DATE_WORDS: Mapping[str, str] = MappingProxyType(
    {
        "in_person": "以提交之日为收到申请之日",
        "registered_mail": "以行政机关签收之日为收到申请之日",
        "ordinary_letter": "以政府信息公开工作机构与申请人确认之日为收到申请之日",
        "online": "以双方确认之日为收到申请之日",
        "fax": "以双方确认之日为收到申请之日",
    }
)

# Outcomes the clock itself decides (the report's 其他处理 rows).
OUTCOME_SUPPLEMENT_NOT_PROVIDED = "3.6.1"  # Art. 30: 逾期不补正的，视为放弃申请
OUTCOME_FEE_NOT_PAID = "3.6.2"  # 办法: 逾期未缴纳的视为放弃申请


class Phase(StrEnum):
    TO_CONFIRM = "to_confirm"
    IN_PROGRESS = "in_progress"
    WAITING_ON_APPLICANT = "waiting_on_applicant"
    WAITING_ON_THIRD_PARTY = "waiting_on_third_party"
    ANSWERED = "answered"
    ENDED = "ended"

    @property
    def label(self) -> str:
        return {
            Phase.TO_CONFIRM: "待确认",
            Phase.IN_PROGRESS: "办理中",
            Phase.WAITING_ON_APPLICANT: "等待申请人",
            Phase.WAITING_ON_THIRD_PARTY: "征求意见中",
            Phase.ANSWERED: "已答复",
            Phase.ENDED: "已终止",
        }[self]


# Phases in which the law's clock runs: the application is confirmed and not yet ended.
OPEN_PHASES = frozenset(
    {Phase.IN_PROGRESS, Phase.WAITING_ON_APPLICANT, Phase.WAITING_ON_THIRD_PARTY}
)

# The phases in which each event may be recorded. :func:`check` enforces it, and the
# staff screen offers a step exactly when its event is allowed here (staff.steps).
ALLOWED_PHASES: Mapping[EventKind, frozenset[Phase]] = {
    EventKind.RECEIVED: frozenset({Phase.TO_CONFIRM}),
    EventKind.SUPPLEMENT_REQUESTED: frozenset({Phase.IN_PROGRESS}),
    EventKind.SUPPLEMENT_RECEIVED: frozenset({Phase.WAITING_ON_APPLICANT}),
    EventKind.SUPPLEMENT_EXPIRED: frozenset({Phase.WAITING_ON_APPLICANT}),
    EventKind.CONSULTATION_SENT: frozenset({Phase.IN_PROGRESS, Phase.WAITING_ON_THIRD_PARTY}),
    # A late reply (after Art. 32/34's 15 days) is still recorded, without pausing.
    EventKind.CONSULTATION_ANSWERED: frozenset({Phase.WAITING_ON_THIRD_PARTY}),
    EventKind.EXTENSION_APPROVED: frozenset({Phase.IN_PROGRESS, Phase.WAITING_ON_THIRD_PARTY}),
    EventKind.DELAYED_ART35: frozenset({Phase.IN_PROGRESS}),
    EventKind.FEE_NOTICE_SENT: frozenset({Phase.IN_PROGRESS}),
    EventKind.FEE_PAID: frozenset({Phase.WAITING_ON_APPLICANT}),
    EventKind.FEE_EXPIRED: frozenset({Phase.WAITING_ON_APPLICANT}),
    EventKind.ANSWERED: OPEN_PHASES,
}


class ClockRuleError(ValueError):
    """An event the law does not allow at this point; the message says why, in Chinese."""


@dataclass(frozen=True)
class Event:
    """One entry of the clock's list: its date and its typed data (which names its kind)."""

    on: date
    data: EventData

    @property
    def kind(self) -> EventKind:
        return self.data.kind


@dataclass(frozen=True)
class ClockState:
    phase: Phase
    received: date | None = None
    supplement_notice_due: date | None = None
    supplement_due: date | None = None
    fee_due: date | None = None
    original_due: date | None = None
    answer_due: date | None = None
    paused: bool = False
    extended_days: int = 0
    outcome: str | None = None
    answered_on: date | None = None
    explanation: tuple[str, ...] = ()
    deadline: Deadline | None = None
    # Date field name → the year whose holiday schedule it waits for. Such a date is
    # unknown, but not unbounded: its count ran into that year, so it is no earlier
    # than 1 January of it — enough to allow any step taken before then.
    unknown: Mapping[str, int] = field(default_factory=dict)

    @property
    def missing_year(self) -> int | None:
        """The first year whose schedule some date of this application waits for."""
        return min(self.unknown.values()) if self.unknown else None

    def is_overdue(self, today: date) -> bool:
        return (
            self.phase in {Phase.IN_PROGRESS, Phase.WAITING_ON_THIRD_PARTY}
            and self.answer_due is not None
            and not self.paused
            and today > self.answer_due
        )

    def has_date(self, name: str) -> bool:
        """Whether the date ``name`` applies: known, or waiting for a year's schedule."""
        return getattr(self, name) is not None or name in self.unknown

    def on_or_before(self, day: date, name: str, *, step: str) -> bool:
        """Whether ``day`` falls on or before the date ``name`` (e.g. "answer_due").

        A date waiting for year Y lies on or after 1 January of Y, so any ``day``
        before then is answered; only a ``day`` inside Y cannot be, and ``step`` (what
        is being done) is refused with the year to load — never guessed.
        """
        due = getattr(self, name)
        if due is not None:
            return bool(day <= due)
        year = self.unknown.get(name)
        if year is None:
            raise ValueError(f"{name} is neither known nor waiting for a year")
        if day < date(year, 1, 1):
            return True
        raise ClockRuleError(
            f"{step}需要核对的期限落在{year}年，{waiting_for_year(year)}后才能计算。"
            f"{load_hint(year)}"
        )


def _first(events: Sequence[Event], kind: EventKind) -> Event | None:
    return next((e for e in events if e.kind == kind), None)


D = TypeVar("D", bound=EventData)


def _data(event: Event, cls: type[D]) -> D:
    """``event``'s data as the class its kind carries (``Event`` holds any kind's)."""
    assert isinstance(event.data, cls), (event.kind, cls)
    return event.data


def _open_consultations(events: Sequence[Event]) -> dict[str, Event]:
    """Consultations sent and not yet answered, by party (a late reply may still come)."""
    open_: dict[str, Event] = {}
    for event in events:
        if isinstance(event.data, ConsultationSent):
            open_[event.data.party] = event
        elif isinstance(event.data, ConsultationAnswered):
            open_.pop(event.data.party, None)
    return open_


def _consultation_article(co_agency: bool) -> str:
    return "第三十四条" if co_agency else "第三十二条"


def _consultation_pause(
    sent: Event, answered: date | None, *, calendar: WorkingDayCalendar, today: date
) -> tuple[Pause, bool, str]:
    """One consultation's pause, whether it still runs on ``today``, and why it ended.

    Art. 32 and 34 give the consulted party 15 working days; the clock stops at most
    that long (Art. 33 ¶3 excludes only the time the consultation *needs*): the pause
    ends at the reply or when the period runs out, whichever is first.
    """
    party = _data(sent, ConsultationSent).party
    co_agency = _data(sent, ConsultationSent).co_agency
    article = _consultation_article(co_agency)
    reason = f"征求{party}意见"
    try:
        limit = consultation_reply_due(calendar=calendar, sent=sent.on, co_agency=co_agency)
    except UnknownYearError as error:
        # The limit lies in an unloaded year: a reply (or today) before that year ends
        # the pause first; otherwise the pause's end, and so the answer date, waits.
        first_unknown = date(error.year, 1, 1)
        end = answered if answered is not None else today
        if end >= first_unknown:
            raise
        limit = None
    if answered is not None and (limit is None or answered <= limit):
        why = f"{reason}：于{format_date(answered)}收到答复，期限暂停至该日。"
        return Pause(start=sent.on, end=max(sent.on, answered), reason=reason), False, why
    if limit is not None and (answered is not None or today > limit):
        late = "，其后收到的答复不再暂停期限" if answered is not None else ""
        why = (
            f"{reason}：{article}规定的15个工作日于{format_date(limit)}届满，期间未收到答复，"
            f"期限自次日起继续计算{late}（{article}）。"
        )
        return Pause(start=sent.on, end=limit, reason=reason), False, why
    until = f"，最迟至{format_date(limit)}（{article}规定的15个工作日）" if limit else ""
    why = f"{reason}：尚未收到答复，期限暂停中{until}。"
    return Pause(start=sent.on, end=max(sent.on, today), reason=reason), True, why


def _pauses(
    events: Sequence[Event], *, calendar: WorkingDayCalendar, today: date
) -> tuple[list[Pause], bool, list[str]]:
    """Consultation (and fee) periods, whether one still runs on ``today``, and why each ended.

    An open one is counted up to ``today``.
    """
    pauses: list[Pause] = []
    reasons: list[str] = []
    still_open = False
    sent: dict[str, Event] = {}
    closed: list[tuple[Event, date | None]] = []
    for event in events:
        if isinstance(event.data, ConsultationSent):
            sent[event.data.party] = event
        elif isinstance(event.data, ConsultationAnswered) and event.data.party in sent:
            closed.append((sent.pop(event.data.party), event.on))
    closed.extend((event, None) for event in sent.values())
    for event, answered in closed:
        pause, running, why = _consultation_pause(event, answered, calendar=calendar, today=today)
        pauses.append(pause)
        reasons.append(why)
        still_open = still_open or running
    if FEE_PERIOD_EXCLUDED:
        notice = _first(events, EventKind.FEE_NOTICE_SENT)
        if notice is not None:
            paid = _first(events, EventKind.FEE_PAID)
            end = paid.on if paid else max(notice.on, today)
            pauses.append(Pause(start=notice.on, end=end, reason="收费通知至缴费"))
            still_open = still_open or paid is None
    return pauses, still_open, reasons


def evaluate(events: Sequence[Event], *, calendar: WorkingDayCalendar, today: date) -> ClockState:
    """The clock as the ledger says it stands on ``today``.

    Each date is computed on its own: when one needs a year with no holiday schedule
    (an answer date in January, counted from a December receipt), that date alone is
    unknown — named in ``unknown`` and in the explanation — while the state and every
    other date stay known. Never a guess.
    """
    events = sorted(events, key=lambda e: e.on)
    received = _first(events, EventKind.RECEIVED)
    if received is None:
        return ClockState(phase=Phase.TO_CONFIRM, explanation=("尚未确认收到申请，期限未起算。",))
    unknown: dict[str, int] = {}

    def attempt(names: tuple[str, ...], compute: Any) -> Any:
        try:
            return compute()
        except UnknownYearError as error:
            unknown.update(dict.fromkeys(names, error.year))
            return None

    answered = _first(events, EventKind.ANSWERED)
    common: dict[str, Any] = {
        "received": received.on,
        "supplement_notice_due": attempt(
            ("supplement_notice_due",),
            lambda: supplement_notice_due(calendar=calendar, received=received.on),
        ),
        "unknown": unknown,
    }
    requested = _first(events, EventKind.SUPPLEMENT_REQUESTED)
    supplied = _first(events, EventKind.SUPPLEMENT_RECEIVED)
    if requested is not None:
        common["supplement_due"] = _data(requested, SupplementRequested).due
    if _first(events, EventKind.SUPPLEMENT_EXPIRED) is not None:
        return ClockState(
            phase=Phase.ENDED,
            outcome=OUTCOME_SUPPLEMENT_NOT_PROVIDED,
            explanation=("申请人无正当理由逾期不补正，视为放弃申请（第三十条）。",),
            **common,
        )
    if requested is not None and supplied is None and answered is None:
        return ClockState(
            phase=Phase.WAITING_ON_APPLICANT,
            explanation=(
                f"已于{format_date(requested.on)}告知补正，补正期限至"
                f"{format_date(common['supplement_due'])}；答复期限自收到补正之日起重新计算"
                "（第三十条）。",
            ),
            **common,
        )
    notice = _first(events, EventKind.FEE_NOTICE_SENT)
    if notice is not None:
        sent_on = notice.on
        common["fee_due"] = attempt(
            ("fee_due",), lambda: calendar.nth_working_day_after(sent_on, PAYMENT_WORKING_DAYS)
        )
    if _first(events, EventKind.FEE_EXPIRED) is not None:
        return ClockState(
            phase=Phase.ENDED,
            outcome=OUTCOME_FEE_NOT_PAID,
            explanation=("申请人逾期未缴纳信息处理费，视为放弃申请（国办函〔2020〕109号）。",),
            **common,
        )
    answer_on = answered.on if answered else today
    extension = _first(events, EventKind.EXTENSION_APPROVED)
    extension_days = _data(extension, ExtensionApproved).days if extension else 0
    paused = bool(_open_consultations(events)) or (
        notice is not None and _first(events, EventKind.FEE_PAID) is None
    )

    def answer_dates() -> tuple[Deadline, Deadline, bool, list[str]]:
        pauses, still_open, reasons = _pauses(events, calendar=calendar, today=answer_on)
        arguments: dict[str, Any] = {
            "calendar": calendar,
            "received": received.on,
            "supplement_received": supplied.on if supplied else None,
            "pauses": pauses,
        }
        deadline = compute_deadline(
            **arguments,
            extended=extension is not None,
            extension_days=extension_days or EXTENSION_MAX_DAYS,
        )
        return deadline, compute_deadline(**arguments), still_open, reasons

    dates = attempt(("answer_due", "original_due"), answer_dates)
    deadline = original = None
    explanation: list[str] = []
    answer_due: date | None = None
    if dates is not None:
        deadline, original, paused, reasons = dates
        explanation = [*deadline.explanation, *reasons]
        answer_due = deadline.answer_due
    else:
        year = unknown["answer_due"]
        explanation = [
            f"收到申请之日为{format_date(received.on)}。",
            f"答复期限计算到{year}年，缺少该年度节假日安排，暂无法确定"
            f"（{waiting_for_year(year)}，导入后自动补算）。{load_hint(year)}",
        ]
    delayed = _first(events, EventKind.DELAYED_ART35)
    if delayed is not None:
        answer_due = _data(delayed, DelayedArt35).due
        unknown.pop("answer_due", None)
        explanation.append(
            f"因申请数量、频次明显超过合理范围，已确定延迟答复至{format_date(answer_due)}"
            "（第三十五条）。"
        )
    if paused and not answered and answer_due is not None:
        explanation.append("期限暂停中：征求意见或缴费尚未完成，以上日期按今日暂停计算，将顺延。")
    dated: dict[str, Any] = {
        "original_due": original.answer_due if original else None,
        "answer_due": answer_due,
        "extended_days": extension_days,
        "explanation": tuple(explanation),
        "deadline": deadline,
    }
    if answered is not None:
        outcome = _data(answered, Answered).outcome
        # A ledger import records 3.6.1 / 3.6.2 endings as answers with that outcome.
        ended = outcome in {OUTCOME_SUPPLEMENT_NOT_PROVIDED, OUTCOME_FEE_NOT_PAID}
        return ClockState(
            phase=Phase.ENDED if ended else Phase.ANSWERED,
            outcome=outcome,
            answered_on=answered.on,
            **dated,
            **common,
        )
    if notice is not None and _first(events, EventKind.FEE_PAID) is None:
        phase = Phase.WAITING_ON_APPLICANT
    elif _open_consultations(events):
        phase = Phase.WAITING_ON_THIRD_PARTY
    else:
        phase = Phase.IN_PROGRESS
    return ClockState(phase=phase, paused=paused, **dated, **common)


def check(
    events: Sequence[Event], new: Event, *, calendar: WorkingDayCalendar, today: date
) -> None:
    """Raise ClockRuleError if ``new`` may not follow ``events``."""
    state = evaluate(events, calendar=calendar, today=new.on)
    kind = new.kind
    if new.on > today:
        raise ClockRuleError(f"日期{format_date(new.on)}晚于今天，不能登记未来发生的事项。")
    if kind == EventKind.RECEIVED:
        if state.phase != Phase.TO_CONFIRM:
            raise ClockRuleError("该申请已确认收到，不能重复确认。")
        return
    if state.phase == Phase.TO_CONFIRM:
        raise ClockRuleError("申请尚未确认收到，请先确认收到之日。")
    if state.received and new.on < state.received:
        raise ClockRuleError(
            f"{kind.label}的日期不能早于收到申请之日（{format_date(state.received)}）。"
        )
    if state.phase in {Phase.ANSWERED, Phase.ENDED}:
        raise ClockRuleError(f"该申请已{state.phase.label}，不能再{kind.label}。")
    _CHECKS[kind](events, new, state, calendar)
    if state.phase not in ALLOWED_PHASES[kind]:
        raise ClockRuleError(f"该申请当前{state.phase.label}，不能{kind.label}。")


def _check_supplement_requested(
    events: Sequence[Event], new: Event, state: ClockState, calendar: WorkingDayCalendar
) -> None:
    # Art. 30: 一次性告知 — once only, within 7 working days of receipt.
    if _first(events, EventKind.SUPPLEMENT_REQUESTED) is not None:
        raise ClockRuleError("补正只能一次性告知，该申请已告知过补正（第三十条）。")
    if not state.on_or_before(new.on, "supplement_notice_due", step=new.kind.label):
        assert state.supplement_notice_due is not None
        raise ClockRuleError(
            f"告知补正应在收到申请之日起7个工作日内，即{format_date(state.supplement_notice_due)}"
            "前作出（第三十条）。"
        )
    if _data(new, SupplementRequested).due <= new.on:
        raise ClockRuleError("请给出晚于告知日的合理补正期限。")


def _check_supplement_received(
    events: Sequence[Event], new: Event, state: ClockState, calendar: WorkingDayCalendar
) -> None:
    requested = _first(events, EventKind.SUPPLEMENT_REQUESTED)
    if requested is None:
        raise ClockRuleError("该申请未告知补正，不能登记收到补正。")
    if _first(events, EventKind.SUPPLEMENT_RECEIVED) is not None:
        raise ClockRuleError("已登记收到补正。")
    if new.on < requested.on:
        raise ClockRuleError("收到补正之日不能早于告知补正之日。")


def _check_supplement_expired(
    events: Sequence[Event], new: Event, state: ClockState, calendar: WorkingDayCalendar
) -> None:
    if state.phase != Phase.WAITING_ON_APPLICANT or state.supplement_due is None:
        raise ClockRuleError("该申请不在等待补正状态。")
    if new.on <= state.supplement_due:
        raise ClockRuleError(
            f"补正期限至{format_date(state.supplement_due)}，期限届满后才能认定逾期未补正。"
        )


def _check_consultation_sent(
    events: Sequence[Event], new: Event, state: ClockState, calendar: WorkingDayCalendar
) -> None:
    party = _data(new, ConsultationSent).party.strip()
    if not party:
        raise ClockRuleError("请填写被征求意见的第三方或机关名称。")
    if party in _open_consultations(events):
        raise ClockRuleError(f"已向“{party}”发出征求意见书，尚未收到答复。")
    if state.phase == Phase.WAITING_ON_APPLICANT and state.supplement_due is not None:
        raise ClockRuleError("申请尚在补正中，期限未重新起算。")


def _check_consultation_answered(
    events: Sequence[Event], new: Event, state: ClockState, calendar: WorkingDayCalendar
) -> None:
    party = _data(new, ConsultationAnswered).party.strip()
    sent = _open_consultations(events).get(party)
    if sent is None:
        raise ClockRuleError(f"没有向“{party}”发出且未答复的征求意见书。")
    if new.on < sent.on:
        raise ClockRuleError("收到答复之日不能早于发出征求意见书之日。")


def _check_extension(
    events: Sequence[Event], new: Event, state: ClockState, calendar: WorkingDayCalendar
) -> None:
    # Art. 33 ¶2: 经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。
    if _first(events, EventKind.EXTENSION_APPROVED) is not None:
        raise ClockRuleError("该申请已延期过一次，延长期限合计不得超过20个工作日（第三十三条）。")
    extension = _data(new, ExtensionApproved)
    if not 1 <= extension.days <= EXTENSION_MAX_DAYS:
        raise ClockRuleError(f"延长的期限应为1至{EXTENSION_MAX_DAYS}个工作日（第三十三条）。")
    if not extension.approved_by.strip():
        raise ClockRuleError("延期答复须经政府信息公开工作机构负责人同意，请填写批准人。")
    if not state.has_date("original_due"):
        raise ClockRuleError("原答复期限未起算，不能批准延期。")
    if not state.on_or_before(new.on, "original_due", step=new.kind.label):
        due = format_date(state.original_due) if state.original_due else ""
        raise ClockRuleError(f"延期须在原答复期限（{due}）届满前批准。")


def _check_delay(
    events: Sequence[Event], new: Event, state: ClockState, calendar: WorkingDayCalendar
) -> None:
    due = _data(new, DelayedArt35).due
    # Later than the answer date: refused when on or before it (or when that cannot be
    # told yet, which ``on_or_before`` refuses itself, naming the year to load).
    if state.has_date("answer_due") and state.on_or_before(due, "answer_due", step=new.kind.label):
        raise ClockRuleError("延迟答复期限应晚于原答复期限（第三十五条）。")


def _check_fee_notice(
    events: Sequence[Event], new: Event, state: ClockState, calendar: WorkingDayCalendar
) -> None:
    if _first(events, EventKind.FEE_NOTICE_SENT) is not None:
        raise ClockRuleError("该申请已发出收费通知。")
    if _data(new, FeeNoticeSent).amount <= 0:
        raise ClockRuleError("收费金额应大于0。")
    if (
        state.has_date("answer_due")
        and not state.paused
        and not state.on_or_before(new.on, "answer_due", step=new.kind.label)
    ):
        raise ClockRuleError("收费通知应在答复期限内发出。")


def _check_fee_paid(
    events: Sequence[Event], new: Event, state: ClockState, calendar: WorkingDayCalendar
) -> None:
    notice = _first(events, EventKind.FEE_NOTICE_SENT)
    if notice is None:
        raise ClockRuleError("该申请未发出收费通知。")
    if _first(events, EventKind.FEE_PAID) is not None:
        raise ClockRuleError("已登记缴费。")
    if new.on < notice.on:
        raise ClockRuleError("缴费日期不能早于收费通知日期。")
    if not state.on_or_before(new.on, "fee_due", step=new.kind.label):
        assert state.fee_due is not None
        raise ClockRuleError(f"缴费期限至{format_date(state.fee_due)}，已逾期。")


def _check_fee_expired(
    events: Sequence[Event], new: Event, state: ClockState, calendar: WorkingDayCalendar
) -> None:
    if _first(events, EventKind.FEE_NOTICE_SENT) is None:
        raise ClockRuleError("该申请未发出收费通知。")
    if _first(events, EventKind.FEE_PAID) is not None:
        raise ClockRuleError("申请人已缴费。")
    if state.on_or_before(new.on, "fee_due", step=new.kind.label):
        due = format_date(state.fee_due) if state.fee_due else "尚未届满"
        raise ClockRuleError(f"缴费期限至{due}，届满后才能认定逾期未缴费。")


def _check_answer(
    events: Sequence[Event], new: Event, state: ClockState, calendar: WorkingDayCalendar
) -> None:
    if not _data(new, Answered).outcome:
        raise ClockRuleError("答复须有办理结果。")
    if (
        state.phase == Phase.WAITING_ON_APPLICANT
        and state.supplement_due is not None
        and _first(events, EventKind.SUPPLEMENT_RECEIVED) is None
    ):
        raise ClockRuleError("申请尚在补正中：收到补正或逾期未补正后再作答复。")


_CHECKS = {
    EventKind.SUPPLEMENT_REQUESTED: _check_supplement_requested,
    EventKind.SUPPLEMENT_RECEIVED: _check_supplement_received,
    EventKind.SUPPLEMENT_EXPIRED: _check_supplement_expired,
    EventKind.CONSULTATION_SENT: _check_consultation_sent,
    EventKind.CONSULTATION_ANSWERED: _check_consultation_answered,
    EventKind.EXTENSION_APPROVED: _check_extension,
    EventKind.DELAYED_ART35: _check_delay,
    EventKind.FEE_NOTICE_SENT: _check_fee_notice,
    EventKind.FEE_PAID: _check_fee_paid,
    EventKind.FEE_EXPIRED: _check_fee_expired,
    EventKind.ANSWERED: _check_answer,
}
