"""Big audit batches run on the task queue (see :mod:`gongkai.jobs`)."""

from __future__ import annotations

from gongkai.jobs.queue import job


@job(batch=True)  # minutes per upload: never ahead of the clock-bound jobs
def audit_batch_job(batch_id: int) -> None:
    """Audit an uploaded batch in a worker."""
    from gongkai.report_audit.services import run_batch

    run_batch(batch_id=batch_id)
