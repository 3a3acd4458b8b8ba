"""The kinds of clock event and the data each one carries, as typed values.

An event is stored as its kind and a JSON object (``applications.ClockEvent.data``).
Read as a loose dict, a misspelt key or a date written as a number would pass
silently and the clock would compute from a default. So each kind has one frozen
dataclass here: stored JSON becomes that dataclass only through
:func:`parse_event_data` and is written only from it through :func:`dump_event_data`.
Both refuse any other shape (a missing, extra or wrongly typed field) with
:class:`EventDataError`, and so does building a dataclass with a wrong value.

A field with a default may be absent from stored data: ledger imports record an
answer's outcome without the answer type, and only a repeated application names the
earlier one. Every other field is required.
"""

from __future__ import annotations

import dataclasses
import re
import types
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum, StrEnum
from functools import cache
from typing import Any, ClassVar, get_args, get_type_hints

from gongkai.rules.fees import FeeBasis
from gongkai.rules.outcomes import AnswerType


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


class EventDataError(ValueError):
    """Event data of the wrong shape for its kind: a fault in the code, not the user's."""


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, kw_only=True)
class EventData:
    """What one kind of event records besides its date; subclasses name their kind."""

    kind: ClassVar[EventKind]

    def __post_init__(self) -> None:
        cls = type(self)
        for name, expected in _field_types(cls).items():
            value = getattr(self, name)
            if not _is_a(value, expected):
                raise EventDataError(
                    f"{cls.kind.value}.{name}: expected {_type_name(expected)}, "
                    f"got {type(value).__name__} {value!r}"
                )


@dataclass(frozen=True, kw_only=True)
class Received(EventData):
    kind = EventKind.RECEIVED


@dataclass(frozen=True, kw_only=True)
class SupplementRequested(EventData):
    kind = EventKind.SUPPLEMENT_REQUESTED
    due: date
    items: str


@dataclass(frozen=True, kw_only=True)
class SupplementReceived(EventData):
    kind = EventKind.SUPPLEMENT_RECEIVED


@dataclass(frozen=True, kw_only=True)
class SupplementExpired(EventData):
    kind = EventKind.SUPPLEMENT_EXPIRED


@dataclass(frozen=True, kw_only=True)
class ConsultationSent(EventData):
    kind = EventKind.CONSULTATION_SENT
    party: str
    co_agency: bool  # Art. 34 (another agency) rather than Art. 32 (a third party)


@dataclass(frozen=True, kw_only=True)
class ConsultationAnswered(EventData):
    kind = EventKind.CONSULTATION_ANSWERED
    party: str
    opinion: str


@dataclass(frozen=True, kw_only=True)
class ExtensionApproved(EventData):
    kind = EventKind.EXTENSION_APPROVED
    days: int
    approved_by: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class DelayedArt35(EventData):
    kind = EventKind.DELAYED_ART35
    due: date
    reason: str


@dataclass(frozen=True, kw_only=True)
class FeeNoticeSent(EventData):
    kind = EventKind.FEE_NOTICE_SENT
    amount: int  # yuan
    basis: FeeBasis
    pages: int


@dataclass(frozen=True, kw_only=True)
class FeePaid(EventData):
    kind = EventKind.FEE_PAID


@dataclass(frozen=True, kw_only=True)
class FeeExpired(EventData):
    kind = EventKind.FEE_EXPIRED


@dataclass(frozen=True, kw_only=True)
class Answered(EventData):
    kind = EventKind.ANSWERED
    outcome: str  # the report row's code (rules.outcomes.OUTCOMES)
    # Absent from ledger imports: the 台账 records the outcome only.
    answer_type: AnswerType | None = None
    repeat_of: int | None = None  # the earlier application's id, for 重复申请


EVENT_DATA: Mapping[EventKind, type[EventData]] = {
    cls.kind: cls
    for cls in (
        Received,
        SupplementRequested,
        SupplementReceived,
        SupplementExpired,
        ConsultationSent,
        ConsultationAnswered,
        ExtensionApproved,
        DelayedArt35,
        FeeNoticeSent,
        FeePaid,
        FeeExpired,
        Answered,
    )
}
assert set(EVENT_DATA) == set(EventKind), "every kind of event needs its data class"


def parse_event_data(kind: str, raw: object) -> EventData:
    """The typed data of a stored event of ``kind``; EventDataError if its shape is wrong."""
    try:
        cls = EVENT_DATA[EventKind(kind)]
    except ValueError:
        raise EventDataError(f"unknown kind of clock event: {kind!r}") from None
    if not isinstance(raw, Mapping):
        raise EventDataError(f"{cls.kind.value}: expected an object, got {type(raw).__name__}")
    fields = {field.name: field for field in dataclasses.fields(cls)}
    extra = sorted(set(raw) - set(fields))
    if extra:
        raise EventDataError(f"{cls.kind.value}: unexpected fields {extra}")
    missing = sorted(name for name, field in fields.items() if name not in raw and _required(field))
    if missing:
        raise EventDataError(f"{cls.kind.value}: missing fields {missing}")
    types_ = _field_types(cls)
    values = {name: _from_json(cls, name, value, types_[name]) for name, value in raw.items()}
    return cls(**values)


def dump_event_data(data: EventData) -> dict[str, Any]:
    """The JSON object stored for ``data``; absent (None) optional fields are left out."""
    if not isinstance(data, EventData) or type(data) is EventData:
        raise EventDataError(f"not the data of a clock event: {data!r}")
    data.__post_init__()  # refuse a value changed behind the frozen dataclass's back
    dumped: dict[str, Any] = {}
    for field in dataclasses.fields(data):
        value = getattr(data, field.name)
        if value is None:
            continue
        if isinstance(value, Enum):
            value = value.value
        elif isinstance(value, date):
            value = value.isoformat()
        dumped[field.name] = value
    return dumped


def _required(field: dataclasses.Field[Any]) -> bool:
    return field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING


@cache
def _field_types(cls: type[EventData]) -> dict[str, Any]:
    hints = get_type_hints(cls)
    return {field.name: hints[field.name] for field in dataclasses.fields(cls)}


def _is_a(value: object, expected: Any) -> bool:
    if isinstance(expected, types.UnionType):
        return any(_is_a(value, option) for option in get_args(expected))
    if expected is type(None):
        return value is None
    if expected is int:  # a bool is an int to Python, not to the ledger
        return isinstance(value, int) and not isinstance(value, bool)
    if expected is date:
        return isinstance(value, date) and not isinstance(value, datetime)
    return isinstance(value, expected)


def _type_name(expected: Any) -> str:
    if isinstance(expected, types.UnionType):
        return " | ".join(_type_name(option) for option in get_args(expected))
    return "None" if expected is type(None) else expected.__name__


def _from_json(cls: type[EventData], name: str, value: object, expected: Any) -> object:
    """The typed value of one stored field: ISO dates and enum values become objects."""
    options = get_args(expected) if isinstance(expected, types.UnionType) else (expected,)
    if value is None and type(None) in options:
        return None
    target = next(option for option in options if option is not type(None))
    if target is date:
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise EventDataError(f"{cls.kind.value}.{name}: not a date YYYY-MM-DD: {value!r}")
    if isinstance(target, type) and issubclass(target, Enum):
        try:
            return target(value) if isinstance(value, str) else value
        except ValueError:
            raise EventDataError(f"{cls.kind.value}.{name}: unknown value {value!r}") from None
    return value  # checked against the field's type when the dataclass is built
