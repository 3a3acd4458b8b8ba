"""Search-after cursors: where the previous page ended, not how many hits to skip.

A cursor names the last hit shown (its score and its unique sort key), so the next
page starts strictly after it and consecutive pages never overlap, even when
entries are published between two clicks. The token travels in URLs, so decoding
treats it as hostile input.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from dataclasses import dataclass

from gongkai.search.query import QueryError

MAX_DEPTH = 10_000  # hits a person can page through for one query


@dataclass(frozen=True)
class Cursor:
    order: str  # "relevance" or "date"
    key: int  # schema.sort_key of the last hit shown
    score: float = 0.0  # its score (relevance order only)
    depth: int = 0  # hits shown so far (relevance order: how many candidates to collect)

    def encode(self) -> str:
        data = {"o": self.order, "k": self.key, "s": self.score, "d": self.depth}
        raw = json.dumps(data, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str, *, order: str) -> Cursor:
        invalid = QueryError("翻页参数无效，请从第一页重新检索。")
        if len(token) > 200:
            raise invalid
        try:
            data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        except (binascii.Error, ValueError, UnicodeDecodeError):
            raise invalid from None
        if not isinstance(data, dict):
            raise invalid
        key, score, depth = data.get("k"), data.get("s"), data.get("d")
        if (
            data.get("o") != order
            or not isinstance(key, int)
            or not 0 <= key < 2**64
            or not isinstance(score, int | float)
            or not math.isfinite(score)
            or not isinstance(depth, int)
            or not 0 < depth <= MAX_DEPTH
        ):
            raise invalid
        return cls(order=order, key=key, score=float(score), depth=depth)
