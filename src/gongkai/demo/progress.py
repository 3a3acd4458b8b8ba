"""Progress of a demo build: a line per phase and per agency, for whoever is watching.

Building the demo district takes minutes; ``gongkai demo`` (and ``./run start``) print
what is being built as it goes, instead of nothing until the end. Builders take a
``say`` callable; tests and scripts leave it at :func:`quiet`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Say = Callable[[str], None]


def quiet(line: str) -> None:
    """Say nothing (the default)."""


@contextmanager
def phase(say: Say, title: str) -> Iterator[None]:
    """Announce a phase, and when it ends, how long it took."""
    say(f"{title}……")
    started = time.monotonic()
    yield
    say(f"{title}完成（用时{time.monotonic() - started:.0f}秒）。")
