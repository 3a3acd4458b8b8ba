"""The one error extraction raises, with a reason code next to the Chinese message."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    TOO_LARGE = "too_large"
    TOO_MANY_PAGES = "too_many_pages"
    ZIP_BOMB = "zip_bomb"
    MISMATCH = "mismatch"
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

    def __reduce__(self) -> tuple:
        # Pickled by the isolated child (isolated.py): ``reason`` is keyword-only, which
        # the default exception pickling (``cls(*args)``) cannot pass.
        return (_rebuild, (type(self), str(self), self.reason), self.__dict__)


def _rebuild(cls: type[ExtractionError], message: str, reason: Reason) -> ExtractionError:
    return cls(message, reason=reason)


def out_of_memory(error: BaseException | None) -> bool:
    """Whether ``error`` is, or was raised while handling, a lack of memory: a
    ``MemoryError`` however a library wrapped it (pdfplumber wraps every error of
    pdfminer's), or lxml's ``ERR_NO_MEMORY``, which it raises as a syntax error.

    In the isolated child (isolated.py) that is its memory limit speaking, not a damaged
    file, and must end the child as such rather than become a finding about the file.
    """
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, MemoryError):
            return True
        if any(entry.type_name == "ERR_NO_MEMORY" for entry in getattr(error, "error_log", ())):
            return True
        error = error.__cause__ or error.__context__
    return False
