from gongkai.applications.models.appeal import Appeal
from gongkai.applications.models.application import (
    Application,
    Channel,
    DeliveryMethod,
    IdentityKind,
    InformationForm,
)
from gongkai.applications.models.event import ClockEvent
from gongkai.applications.models.filing import FilingAttempt
from gongkai.applications.models.letter import Letter, LetterTemplate
from gongkai.applications.models.lookup import LookupAttempt
from gongkai.applications.models.reminder import Reminder
from gongkai.applications.models.sequence import NumberSequence

__all__ = [
    "Appeal",
    "Application",
    "Channel",
    "ClockEvent",
    "DeliveryMethod",
    "FilingAttempt",
    "IdentityKind",
    "InformationForm",
    "Letter",
    "LetterTemplate",
    "LookupAttempt",
    "NumberSequence",
    "Reminder",
]
