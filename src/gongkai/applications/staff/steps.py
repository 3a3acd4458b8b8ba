"""The legal steps offered on an application's page: form, service, and when it applies.

A step that records a clock event is offered exactly in the phases the law's clock
allows that event (``rules.application_clock.ALLOWED_PHASES``): the list is derived,
never written a second time. The other steps (transfer, assign, appeal) are not clock
events and say their phases here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from gongkai.applications.models import Application
from gongkai.applications.services import handling, intake
from gongkai.applications.staff import forms
from gongkai.rules.application_clock import ALLOWED_PHASES, OPEN_PHASES, EventKind, Phase

K = EventKind


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    form: type
    run: Callable[[Application, dict[str, Any], date], Any]  # (application, data, today)
    phases: frozenset[str]
    needs_application: bool = False  # the form's __init__ takes the application

    def make_form(self, application: Application, data: Any = None) -> Any:
        kwargs = {"application": application} if self.needs_application else {}
        return self.form(data, prefix=self.name, **kwargs)


def _s(name, label, form, run, when, needs_application=False):  # type: ignore[no-untyped-def]
    """``when`` is the clock event the step records, or the phases of a non-clock step."""
    phases = ALLOWED_PHASES[when] if isinstance(when, EventKind) else frozenset(when)
    return Step(name, label, form, run, phases, needs_application)


STEPS: list[Step] = [
    _s(
        "confirm",
        "确认收到申请",
        forms.OnForm,
        lambda a, d, t: intake.do_confirm_receipt(application=a, on=d["on"], today=t),
        K.RECEIVED,
    ),
    _s(
        "transfer",
        "转其他机构办理",
        forms.TransferForm,
        lambda a, d, t: handling.do_transfer(application=a, **d),
        {Phase.TO_CONFIRM},
        True,
    ),
    _s(
        "assign",
        "指定承办人",
        forms.AssignForm,
        lambda a, d, t: handling.do_assign(application=a, **d),
        {Phase.TO_CONFIRM, *OPEN_PHASES},
        True,
    ),
    _s(
        "supplement",
        "告知补正（7个工作日内，一次性）",
        forms.SupplementForm,
        lambda a, d, t: handling.do_request_supplement(application=a, today=t, **d),
        K.SUPPLEMENT_REQUESTED,
    ),
    _s(
        "supplement_received",
        "登记收到补正",
        forms.OnForm,
        lambda a, d, t: handling.do_receive_supplement(application=a, on=d["on"], today=t),
        K.SUPPLEMENT_RECEIVED,
    ),
    _s(
        "supplement_expired",
        "认定逾期未补正",
        forms.OnForm,
        lambda a, d, t: handling.do_expire_supplement(application=a, on=d["on"], today=t),
        K.SUPPLEMENT_EXPIRED,
    ),
    _s(
        "consultation",
        "发出征求意见书",
        forms.ConsultationForm,
        lambda a, d, t: handling.do_send_consultation(application=a, today=t, **d),
        K.CONSULTATION_SENT,
    ),
    _s(
        "consultation_answered",
        "登记征求意见答复",
        forms.ConsultationAnswerForm,
        lambda a, d, t: handling.do_receive_consultation(application=a, today=t, **d),
        K.CONSULTATION_ANSWERED,
    ),
    _s(
        "extension",
        "延期答复（须负责人同意）",
        forms.ExtensionForm,
        lambda a, d, t: handling.do_approve_extension(application=a, today=t, **d),
        K.EXTENSION_APPROVED,
        True,  # the approver is chosen among the agency's office heads
    ),
    _s(
        "delay",
        "延迟答复（第三十五条）",
        forms.DelayForm,
        lambda a, d, t: handling.do_delay_answer(application=a, today=t, **d),
        K.DELAYED_ART35,
    ),
    _s(
        "fee",
        "发出收费通知",
        forms.FeeForm,
        lambda a, d, t: handling.do_send_fee_notice(application=a, today=t, **d),
        K.FEE_NOTICE_SENT,
    ),
    _s(
        "fee_paid",
        "登记缴费",
        forms.OnForm,
        lambda a, d, t: handling.do_record_payment(application=a, on=d["on"], today=t),
        K.FEE_PAID,
    ),
    _s(
        "fee_expired",
        "认定逾期未缴费",
        forms.OnForm,
        lambda a, d, t: handling.do_expire_fee(application=a, on=d["on"], today=t),
        K.FEE_EXPIRED,
    ),
    _s(
        "answer",
        "作出答复",
        forms.AnswerForm,
        lambda a, d, t: handling.do_answer(application=a, today=t, **d),
        K.ANSWERED,
        True,
    ),
    _s(
        "appeal",
        "登记行政复议/行政诉讼",
        forms.AppealForm,
        lambda a, d, t: handling.do_record_appeal(application=a, **d),
        {Phase.ANSWERED, Phase.ENDED},
    ),
]
BY_NAME = {step.name: step for step in STEPS}


def steps_for(application: Application) -> list[Step]:
    return [step for step in STEPS if application.phase in step.phases]
