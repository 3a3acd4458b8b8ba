"""Quoting someone's words inside a sentence of ours (GB/T 15834-2011 4.5).

Letters quote the applicant's request: 「申请获取“{description}”。」. A request typed as a
sentence ends in 。 itself, and quoting it whole gives 「…测算依据。”。」 — two full stops
for one sentence. When quoted words are part of our sentence, their own closing pause
mark goes; question and exclamation marks stay, because they carry meaning.
"""

from __future__ import annotations

# Pause marks a quoted phrase gives up to the sentence around it (full and half width).
_TRAILING_PAUSES = "。．.，,、；;：: \t\r\n\u3000"


def for_quotation(text: str) -> str:
    """``text`` ready to stand inside “…” in the middle of a sentence."""
    return text.strip().rstrip(_TRAILING_PAUSES)
