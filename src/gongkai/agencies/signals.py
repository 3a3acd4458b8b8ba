"""Signals other apps hook into without the agencies app knowing them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.dispatch import Signal


class MutableSignal(Signal):
    """A signal whose receivers can be switched off for a block (bulk loads, fixtures)."""

    _muted = False

    def send(self, sender: Any, **named: Any) -> list[tuple[Any, Any]]:
        return [] if self._muted else super().send(sender, **named)

    @contextmanager
    def muted(self) -> Iterator[None]:
        self._muted = True
        try:
            yield
        finally:
            self._muted = False


# Sent inside the creating transaction with ``agency=``; the catalogue app gives the new
# agency its page branch and mandatory columns, so a failure there undoes the agency too.
agency_created = MutableSignal()
