from gongkai.applications.models.appeal import Appeal
from gongkai.applications.models.applicant_file import ApplicantFile, FilePurpose
from gongkai.applications.models.application import (
    PERSON_IDENTITY_KINDS,
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
    "PERSON_IDENTITY_KINDS",
    "Appeal",
    "ApplicantFile",
    "Application",
    "Channel",
    "ClockEvent",
    "DeliveryMethod",
    "FilePurpose",
    "FilingAttempt",
    "IdentityKind",
    "InformationForm",
    "Letter",
    "LetterTemplate",
    "LookupAttempt",
    "NumberSequence",
    "Reminder",
]
