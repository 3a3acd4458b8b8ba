"""How far one node's index has followed the catalogue's change feed.

Every change is a numbered row in the database (feed.py). A node's index stores,
with each commit, the position it has reached: every change up to ``through`` is
in the index, and so are the changes listed in ``beyond``. ``beyond`` exists for
PostgreSQL, where numbers are handed out before commit: change 101 can become
visible while change 100 is still in a running transaction. The node applies 101
at once (search stays current) but keeps ``through`` at 99 until 100 appears or
the database proves it never will (it was rolled back); a crash then re-applies
101, which is harmless, and never skips 100. Django-free, like the engine.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class SeenChange:
    id: int
    settled: bool  # every change numbered below it is committed or will never be


@dataclass(frozen=True)
class FeedPosition:
    through: int = 0
    beyond: frozenset[int] = frozenset()

    def includes(self, change_id: int) -> bool:
        return change_id <= self.through or change_id in self.beyond

    def after(self, seen: Sequence[SeenChange]) -> FeedPosition:
        """The position once ``seen`` (every change read after ``through``, in order) is applied.

        ``through`` moves over a change that follows it directly, or over a gap that
        the next change proves settled: nothing numbered inside it can still appear.
        """
        through = self.through
        for change in seen:
            if change.id != through + 1 and not change.settled:
                break
            through = change.id
        beyond = self.beyond | {change.id for change in seen}
        return FeedPosition(through, frozenset(i for i in beyond if i > through))

    def to_json(self) -> bytes:
        return json.dumps({"through": self.through, "beyond": sorted(self.beyond)}).encode()

    @classmethod
    def from_json(cls, payload: bytes) -> FeedPosition:
        data = json.loads(payload)
        return cls(int(data["through"]), frozenset(int(i) for i in data["beyond"]))
