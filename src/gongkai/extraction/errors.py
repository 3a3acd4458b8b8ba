"""The one error extraction raises, with a reason code next to the Chinese message."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    TOO_LARGE = "too_large"
    ENCRYPTED = "encrypted"
    DAMAGED = "damaged"
    NO_TEXT = "no_text"
    UNSUPPORTED = "unsupported"
    UNREADABLE = "unreadable"


class ExtractionError(Exception):
    """The file's text cannot be had; ``str(error)`` tells staff why, ``reason`` tells code
    (the screening UI asks for a manual check on ``no_text``, search just skips the file)."""

    def __init__(self, message: str, *, reason: Reason) -> None:
        super().__init__(message)
        self.reason = reason
