"""The answer clock in plain words, for the applicant on the status page.

Staff read the clock's step-by-step computation with its articles
(:attr:`ClockState.explanation`); an applicant wants to know what happens now, by when,
and what they have to do. The periods come from :mod:`gongkai.rules.clock` and
:mod:`gongkai.rules.fees`, so the words cannot drift from what is computed.
"""

from __future__ import annotations

from datetime import date

from gongkai.rules.application_clock import (
    OUTCOME_FEE_NOT_PAID,
    OUTCOME_SUPPLEMENT_NOT_PROVIDED,
    ClockState,
    Phase,
)
from gongkai.rules.clock import ANSWER_DAYS
from gongkai.rules.workdays import format_date

WORKING_DAYS = "工作日不含周末和法定节假日，遇调休按国家安排计算"


def _day(day: date | None) -> str:
    return format_date(day) if day is not None else "—"


def plain_explanation(state: ClockState, *, fee_unpaid: bool) -> tuple[str, ...]:
    """What the clock means for the applicant now, in a few short sentences."""
    if state.phase == Phase.TO_CONFIRM:
        return (
            "您的申请已提交，正在等待受理机构确认。",
            "网上提交的申请，以工作人员与您确认之日为收到申请之日；受理机构应自该日起"
            f"{ANSWER_DAYS}个工作日内答复您（{WORKING_DAYS}）。",
        )
    received = f"受理机构于{_day(state.received)}收到您的申请。"
    if state.phase == Phase.WAITING_ON_APPLICANT:
        return (
            received,
            f"受理机构需要您补正申请内容，请在{_day(state.supplement_due)}前提交补正材料"
            "（可在本页上传，也可按补正告知书所列方式提交）。",
            f"等待补正期间不计算答复期限：受理机构收到您的补正后，{ANSWER_DAYS}个工作日的"
            "答复期限重新开始计算。逾期不补正的，视为放弃申请。",
        )
    if state.phase == Phase.ENDED:
        if state.outcome == OUTCOME_SUPPLEMENT_NOT_PROVIDED:
            return (received, "您未在补正期限内补正，按规定视为放弃申请，本申请已终止。")
        if state.outcome == OUTCOME_FEE_NOT_PAID:
            return (received, "您未在缴费期限内缴纳信息处理费，按规定视为放弃申请，本申请已终止。")
        return (received, "本申请已终止办理。")
    if state.phase == Phase.ANSWERED:
        return (
            received,
            f"受理机构已于{_day(state.answered_on)}作出答复，答复书可在下方下载。",
            "如对答复不服，可以依法申请行政复议或者提起行政诉讼，复议机关和法院见答复书。",
        )
    lines = [received]
    if "answer_due" in state.unknown:
        year = state.unknown["answer_due"]
        lines.append(f"答复期限计算到{year}年，要等国家公布{year}年节假日安排后才能确定具体日期。")
    else:
        base = f"按规定应在{ANSWER_DAYS}个工作日内答复（{WORKING_DAYS}）"
        if state.extended_days:
            base += f"；因情况复杂，经批准延长{state.extended_days}个工作日"
        lines.append(f"{base}，答复期限为{_day(state.answer_due)}。")
    if state.phase == Phase.WAITING_ON_THIRD_PARTY:
        lines.append(
            "您申请的信息涉及他人或其他机关，受理机构正在征求意见；征求意见的时间不计算在"
            "答复期限内，期限将相应顺延。"
        )
    if fee_unpaid:
        lines.append(
            f"受理机构已向您发出信息处理费缴费通知，请在{_day(state.fee_due)}前缴纳；"
            "缴费期间不计算在答复期限内，逾期未缴纳的视为放弃申请。"
        )
    return tuple(lines)
