"""The task queues' names, a leaf module: the queues (gongkai.jobs.queue) are built with
them and the back office titles them (gongkai.jobs.titles), which the queue module's
imports (recorder → models → titles) cannot import back."""

from __future__ import annotations

MAIN = "gongkai"  # short, clock-bound work
BATCH = "gongkai-batch"  # long batch work: never ahead of the clock-bound jobs
