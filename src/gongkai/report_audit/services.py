"""Creating an audit batch and running it: the only writes of this app.

Small batches are audited in the request (an operator checking a few reports wants the
answer at once); big ones go to the task queue so a hundred PDFs do not hold a web worker.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.services import require_operator
from gongkai.audit.context import current_user
from gongkai.audit.services import record
from gongkai.report_audit.models import AuditBatch, AuditedReport, BatchStatus
from gongkai.report_audit.uploads import expand_uploads
from gongkai.reports.audit.audit import audit_file, cross_check

# Up to this many files the batch is audited at once; more go to the task queue.
SYNC_LIMIT = 20


@transaction.atomic
def do_create_batch(*, name: str, files: list[tuple[str, bytes]]) -> AuditBatch:
    """Store an upload as a batch (zips expanded) and audit it now or on the queue.

    Raises :class:`~gongkai.report_audit.uploads.UploadError` when the upload is refused
    as a whole (nothing is stored then).
    """
    require_operator()
    upload = expand_uploads(files)
    batch = AuditBatch.objects.create(
        name=name.strip()[:200] or f"{timezone.localdate():%Y-%m-%d} 核查",
        created_by=current_user(),
        skipped=upload.skipped,
    )
    AuditedReport.objects.bulk_create(
        AuditedReport(batch=batch, position=i, file_name=n, content=data, size=len(data))
        for i, (n, data) in enumerate(upload.files)
    )
    record(
        action="report_audit.upload",
        summary=f"上传{len(upload.files)}份年度报告进行核查：{batch.name}",
        obj=batch,
        changes={"files": [n for n, _ in upload.files], "skipped": upload.skipped},
    )
    if len(upload.files) <= SYNC_LIMIT:
        run_batch(batch_id=batch.pk)
    else:
        from gongkai.report_audit.jobs import audit_batch_job

        transaction.on_commit(lambda: audit_batch_job(batch.pk))
    return batch


def run_batch(*, batch_id: int) -> AuditBatch:
    """Audit every file of a batch, then the cross-year checks; store each result."""
    batch = AuditBatch.objects.get(pk=batch_id)
    reports = list(batch.reports.order_by("position"))
    results = [audit_file(r.file_name, bytes(r.content)) for r in reports]
    cross_check(results)
    with transaction.atomic():
        for report, result in zip(reports, results, strict=True):
            report.agency = result.agency[:200]
            report.year = result.year
            report.format = result.format or ""
            report.errors, report.warnings = result.errors, result.warnings
            report.result = result.as_dict()
            report.save(update_fields=["agency", "year", "format", "errors", "warnings", "result"])
        batch.status = BatchStatus.DONE
        batch.finished_at = timezone.now()
        batch.save(update_fields=["status", "finished_at"])
    return batch
