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
from typing import Any

from gongkai.rules.clock import (
    EXTENSION_MAX_DAYS,
    Deadline,
    Pause,
    compute_deadline,
)
from gongkai.rules.fees import PAYMENT_WORKING_DAYS
from gongkai.rules.workdays import UnknownYearError, WorkingDayCalendar, format_date

# 国办函〔2020〕109号 as reported (LAW.md §3.3, not verified verbatim): the time
# between sending a fee notice and payment is not counted in the answer period.
# Kept as one switch so it can be corrected when the original text is checked.
FEE_PERIOD_EXCLUDED = True

# Art. 31: 当面提交的，以提交之日为收到申请之日；以邮寄方式提交的，以签收之日为收到申请之日；
# 平常信函、互联网渠道、传真提交的，以双方确认之日为收到申请之日。Channels whose received
# date is fixed on arrival; every other channel waits for confirmation with the applicant.
RECEIVED_ON_ARRIVAL = frozenset({"in_person", "registered_mail"})

# Outcomes the clock itself decides (the report's 其他处理 rows).
OUTCOME_SUPPLEMENT_NOT_PROVIDED = "3.6.1"  # Art. 30: 逾期不补正的，视为放弃申请
OUTCOME_FEE_NOT_PAID = "3.6.2"  # 办法: 逾期未缴纳的视为放弃申请


class EventKind(StrEnum):
    RECEIVED = "received"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    SUPPLEMENT_RECEIVED = "supplement_received"
    SUPPLEMENT_EXPIRED = "supplement_expired"
    CONSULTATION_SENT = "consultation_sent"
    CONSULTATION_ANSWERED = "consultation_answered"
    EXTENSION_APPROVED = "extension_approved"
    DELAYED_ART35 = "delayed_art35"
    FEE_NOTICE_SENT = "fee_notice_sent"
    FEE_PAID = "fee_paid"
    FEE_EXPIRED = "fee_expired"
    ANSWERED = "answered"

    @property
    def label(self) -> str:
        return EVENT_LABELS[self]


EVENT_LABELS = {
    EventKind.RECEIVED: "收到申请（确认收到之日）",
    EventKind.SUPPLEMENT_REQUESTED: "告知补正",
    EventKind.SUPPLEMENT_RECEIVED: "收到补正",
    EventKind.SUPPLEMENT_EXPIRED: "逾期未补正",
    EventKind.CONSULTATION_SENT: "发出征求意见书",
    EventKind.CONSULTATION_ANSWERED: "收到征求意见答复",
    EventKind.EXTENSION_APPROVED: "批准延期答复",
    EventKind.DELAYED_ART35: "确定延迟答复期限（第三十五条）",
    EventKind.FEE_NOTICE_SENT: "发出收费通知",
    EventKind.FEE_PAID: "缴纳信息处理费",
    EventKind.FEE_EXPIRED: "逾期未缴费",
    EventKind.ANSWERED: "作出答复",
}


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


class ClockRuleError(ValueError):
    """An event the law does not allow at this point; the message says why, in Chinese."""


@dataclass(frozen=True)
class Event:
    kind: EventKind
    on: date
    data: Mapping[str, Any] = field(default_factory=dict)


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
    missing_year: int | None = None  # dates unknown until this year's schedule is loaded

    def is_overdue(self, today: date) -> bool:
        return (
            self.phase in {Phase.IN_PROGRESS, Phase.WAITING_ON_THIRD_PARTY}
            and self.answer_due is not None
            and not self.paused
            and today > self.answer_due
        )


def _first(events: Sequence[Event], kind: EventKind) -> Event | None:
    return next((e for e in events if e.kind == kind), None)


def _open_consultations(events: Sequence[Event]) -> dict[str, date]:
    open_: dict[str, date] = {}
    for event in events:
        party = str(event.data.get("party", ""))
        if event.kind == EventKind.CONSULTATION_SENT:
            open_[party] = event.on
        elif event.kind == EventKind.CONSULTATION_ANSWERED:
            open_.pop(party, None)
    return open_


def _pauses(events: Sequence[Event], today: date) -> tuple[list[Pause], bool]:
    """Consultation (and fee) periods; an open one is counted up to ``today``."""
    pauses: list[Pause] = []
    sent: dict[str, date] = {}
    for event in events:
        party = str(event.data.get("party", ""))
        if event.kind == EventKind.CONSULTATION_SENT:
            sent[party] = event.on
        elif event.kind == EventKind.CONSULTATION_ANSWERED and party in sent:
            pauses.append(Pause(start=sent.pop(party), end=event.on, reason=f"征求{party}意见"))
    still_open = bool(sent)
    for party, start in sent.items():
        pauses.append(Pause(start=start, end=max(start, today), reason=f"征求{party}意见"))
    if FEE_PERIOD_EXCLUDED:
        notice = _first(events, EventKind.FEE_NOTICE_SENT)
        if notice is not None:
            paid = _first(events, EventKind.FEE_PAID)
            end = paid.on if paid else max(notice.on, today)
            pauses.append(Pause(start=notice.on, end=end, reason="收费通知至缴费"))
            still_open = still_open or paid is None
    return pauses, still_open


def evaluate(events: Sequence[Event], *, calendar: WorkingDayCalendar, today: date) -> ClockState:
    """The clock as the ledger says it stands on ``today``.

    When a needed year has no holiday schedule the state is still known (an
    application received on 28 December is in progress), but its dates are not:
    they stay empty and the explanation names the missing year — never a guess.
    """
    try:
        return _evaluate(events, calendar=calendar, today=today)
    except UnknownYearError as error:
        return _without_dates(sorted(events, key=lambda e: e.on), error)


def _without_dates(events: Sequence[Event], error: UnknownYearError) -> ClockState:
    received = _first(events, EventKind.RECEIVED)
    answered = _first(events, EventKind.ANSWERED)
    outcome = str(answered.data.get("outcome")) if answered else None
    if _first(events, EventKind.SUPPLEMENT_EXPIRED):
        phase, outcome = Phase.ENDED, OUTCOME_SUPPLEMENT_NOT_PROVIDED
    elif _first(events, EventKind.FEE_EXPIRED):
        phase, outcome = Phase.ENDED, OUTCOME_FEE_NOT_PAID
    elif answered is not None:
        ended = outcome in {OUTCOME_SUPPLEMENT_NOT_PROVIDED, OUTCOME_FEE_NOT_PAID}
        phase = Phase.ENDED if ended else Phase.ANSWERED
    elif (
        _first(events, EventKind.SUPPLEMENT_REQUESTED)
        and not _first(events, EventKind.SUPPLEMENT_RECEIVED)
    ) or (_first(events, EventKind.FEE_NOTICE_SENT) and not _first(events, EventKind.FEE_PAID)):
        phase = Phase.WAITING_ON_APPLICANT
    elif _open_consultations(events):
        phase = Phase.WAITING_ON_THIRD_PARTY
    else:
        phase = Phase.IN_PROGRESS
    return ClockState(
        phase=phase,
        received=received.on if received else None,
        outcome=outcome,
        answered_on=answered.on if answered else None,
        missing_year=error.year,
        explanation=(f"{error}答复期限暂无法计算，导入该年度安排后自动补算。",),
    )


def _evaluate(events: Sequence[Event], *, calendar: WorkingDayCalendar, today: date) -> ClockState:
    events = sorted(events, key=lambda e: e.on)
    received = _first(events, EventKind.RECEIVED)
    if received is None:
        return ClockState(phase=Phase.TO_CONFIRM, explanation=("尚未确认收到申请，期限未起算。",))
    base = compute_deadline(calendar=calendar, received=received.on)
    supplement_notice_due = base.supplement_notice_due
    answered = _first(events, EventKind.ANSWERED)
    common: dict[str, Any] = {
        "received": received.on,
        "supplement_notice_due": supplement_notice_due,
    }
    requested = _first(events, EventKind.SUPPLEMENT_REQUESTED)
    supplied = _first(events, EventKind.SUPPLEMENT_RECEIVED)
    if requested is not None:
        common["supplement_due"] = date.fromisoformat(str(requested.data["due"]))
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
        delivered = date.fromisoformat(str(notice.data.get("delivered_on", notice.on.isoformat())))
        common["fee_due"] = calendar.nth_working_day_after(delivered, PAYMENT_WORKING_DAYS)
    if _first(events, EventKind.FEE_EXPIRED) is not None:
        return ClockState(
            phase=Phase.ENDED,
            outcome=OUTCOME_FEE_NOT_PAID,
            explanation=("申请人逾期未缴纳信息处理费，视为放弃申请（国办函〔2020〕109号）。",),
            **common,
        )
    answer_on = answered.on if answered else today
    pauses, paused = _pauses(events, answer_on)
    extension = _first(events, EventKind.EXTENSION_APPROVED)
    extension_days = int(extension.data.get("days", EXTENSION_MAX_DAYS)) if extension else 0
    deadline = compute_deadline(
        calendar=calendar,
        received=received.on,
        supplement_received=supplied.on if supplied else None,
        pauses=pauses,
        extended=extension is not None,
        extension_days=extension_days or EXTENSION_MAX_DAYS,
    )
    original = compute_deadline(
        calendar=calendar,
        received=received.on,
        supplement_received=supplied.on if supplied else None,
        pauses=pauses,
    )
    explanation = list(deadline.explanation)
    answer_due = deadline.answer_due
    delayed = _first(events, EventKind.DELAYED_ART35)
    if delayed is not None:
        answer_due = date.fromisoformat(str(delayed.data["due"]))
        explanation.append(
            f"因申请数量、频次明显超过合理范围，已确定延迟答复至{format_date(answer_due)}"
            "（第三十五条）。"
        )
    if paused and not answered:
        explanation.append("期限暂停中：征求意见或缴费尚未完成，以上日期按今日暂停计算，将顺延。")
    if answered is not None:
        outcome = str(answered.data.get("outcome"))
        # A ledger import records 3.6.1 / 3.6.2 endings as answers with that outcome.
        ended = outcome in {OUTCOME_SUPPLEMENT_NOT_PROVIDED, OUTCOME_FEE_NOT_PAID}
        return ClockState(
            phase=Phase.ENDED if ended else Phase.ANSWERED,
            original_due=original.answer_due,
            answer_due=answer_due,
            extended_days=extension_days,
            outcome=outcome,
            answered_on=answered.on,
            explanation=tuple(explanation),
            deadline=deadline,
            **common,
        )
    if notice is not None and _first(events, EventKind.FEE_PAID) is None:
        phase = Phase.WAITING_ON_APPLICANT
    elif _open_consultations(events):
        phase = Phase.WAITING_ON_THIRD_PARTY
    else:
        phase = Phase.IN_PROGRESS
    return ClockState(
        phase=phase,
        original_due=original.answer_due,
        answer_due=answer_due,
        paused=paused,
        extended_days=extension_days,
        explanation=tuple(explanation),
        deadline=deadline,
        **common,
    )


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
    if state.missing_year is not None and kind in _NEED_DATES:
        raise ClockRuleError(state.explanation[0])
    _CHECKS[kind](events, new, state, calendar)


def _check_supplement_requested(
    events: Sequence[Event], new: Event, state: ClockState, calendar: WorkingDayCalendar
) -> None:
    # Art. 30: 一次性告知 — once only, within 7 working days of receipt.
    if _first(events, EventKind.SUPPLEMENT_REQUESTED) is not None:
        raise ClockRuleError("补正只能一次性告知，该申请已告知过补正（第三十条）。")
    assert state.supplement_notice_due is not None
    if new.on > state.supplement_notice_due:
        raise ClockRuleError(
            f"告知补正应在收到申请之日起7个工作日内，即{format_date(state.supplement_notice_due)}"
            "前作出（第三十条）。"
        )
    due = new.data.get("due")
    if not due or date.fromisoformat(str(due)) <= new.on:
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
    party = str(new.data.get("party", "")).strip()
    if not party:
        raise ClockRuleError("请填写被征求意见的第三方或机关名称。")
    if party in _open_consultations(events):
        raise ClockRuleError(f"已向“{party}”发出征求意见书，尚未收到答复。")
    if state.phase == Phase.WAITING_ON_APPLICANT and state.supplement_due is not None:
        raise ClockRuleError("申请尚在补正中，期限未重新起算。")


def _check_consultation_answered(
    events: Sequence[Event], new: Event, state: ClockState, calendar: WorkingDayCalendar
) -> None:
    party = str(new.data.get("party", "")).strip()
    sent = _open_consultations(events).get(party)
    if sent is None:
        raise ClockRuleError(f"没有向“{party}”发出且未答复的征求意见书。")
    if new.on < sent:
        raise ClockRuleError("收到答复之日不能早于发出征求意见书之日。")


def _check_extension(
    events: Sequence[Event], new: Event, state: ClockState, calendar: WorkingDayCalendar
) -> None:
    # Art. 33 ¶2: 经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。
    if _first(events, EventKind.EXTENSION_APPROVED) is not None:
        raise ClockRuleError("该申请已延期过一次，延长期限合计不得超过20个工作日（第三十三条）。")
    days = int(new.data.get("days", 0))
    if not 1 <= days <= EXTENSION_MAX_DAYS:
        raise ClockRuleError(f"延长的期限应为1至{EXTENSION_MAX_DAYS}个工作日（第三十三条）。")
    if not str(new.data.get("approved_by", "")).strip():
        raise ClockRuleError("延期答复须经政府信息公开工作机构负责人同意，请填写批准人。")
    if state.original_due is None or new.on > state.original_due:
        due = format_date(state.original_due) if state.original_due else "（未起算）"
        raise ClockRuleError(f"延期须在原答复期限（{due}）届满前批准。")


def _check_delay(
    events: Sequence[Event], new: Event, state: ClockState, calendar: WorkingDayCalendar
) -> None:
    due = new.data.get("due")
    if not due:
        raise ClockRuleError("请填写确定的延迟答复期限。")
    if state.answer_due is not None and date.fromisoformat(str(due)) <= state.answer_due:
        raise ClockRuleError("延迟答复期限应晚于原答复期限（第三十五条）。")


def _check_fee_notice(
    events: Sequence[Event], new: Event, state: ClockState, calendar: WorkingDayCalendar
) -> None:
    if _first(events, EventKind.FEE_NOTICE_SENT) is not None:
        raise ClockRuleError("该申请已发出收费通知。")
    if int(new.data.get("amount", 0)) <= 0:
        raise ClockRuleError("收费金额应大于0。")
    if state.answer_due is not None and not state.paused and new.on > state.answer_due:
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
    if state.fee_due is not None and new.on > state.fee_due:
        raise ClockRuleError(f"缴费期限至{format_date(state.fee_due)}，已逾期。")


def _check_fee_expired(
    events: Sequence[Event], new: Event, state: ClockState, calendar: WorkingDayCalendar
) -> None:
    if _first(events, EventKind.FEE_NOTICE_SENT) is None:
        raise ClockRuleError("该申请未发出收费通知。")
    if _first(events, EventKind.FEE_PAID) is not None:
        raise ClockRuleError("申请人已缴费。")
    if state.fee_due is not None and new.on <= state.fee_due:
        raise ClockRuleError(f"缴费期限至{format_date(state.fee_due)}，届满后才能认定逾期未缴费。")


def _check_answer(
    events: Sequence[Event], new: Event, state: ClockState, calendar: WorkingDayCalendar
) -> None:
    if not new.data.get("outcome"):
        raise ClockRuleError("答复须有办理结果。")
    if (
        state.phase == Phase.WAITING_ON_APPLICANT
        and state.supplement_due is not None
        and _first(events, EventKind.SUPPLEMENT_RECEIVED) is None
    ):
        raise ClockRuleError("申请尚在补正中：收到补正或逾期未补正后再作答复。")


# Steps whose lawfulness depends on a computed date (7-day notice, deadlines).
_NEED_DATES = {
    EventKind.SUPPLEMENT_REQUESTED,
    EventKind.EXTENSION_APPROVED,
    EventKind.DELAYED_ART35,
    EventKind.FEE_NOTICE_SENT,
    EventKind.FEE_PAID,
    EventKind.FEE_EXPIRED,
}

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
