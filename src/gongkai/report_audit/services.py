"""Creating an audit batch and running it: the only writes of this app.

Every batch is audited by a background job (issue 12 (5): auditing a 2,990-page PDF in
the request took 196 s inside ``transaction.atomic`` and made 54 of 79 concurrent public
submissions fail on SQLite's write lock). The upload only stores the files; the job
audits each file outside any transaction, in a child process with a memory and time
limit (:mod:`.isolated`), counting progress for the batch's page, and writes the results
in one short transaction at the end.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gongkai.agencies.services import require_operator
from gongkai.audit.context import current_user
from gongkai.audit.services import record
from gongkai.report_audit.isolated import audit_file_isolated
from gongkai.report_audit.models import AuditBatch, AuditedReport, BatchStatus
from gongkai.report_audit.uploads import expand_uploads
from gongkai.reports.audit.audit import cross_check


@transaction.atomic
def do_create_batch(*, name: str, files: list[tuple[str, bytes]]) -> AuditBatch:
    """Store an upload as a batch (zips expanded) and queue its audit.

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
    from gongkai.jobs.outbox import enqueue_on_commit
    from gongkai.report_audit.jobs import audit_batch_job

    enqueue_on_commit(audit_batch_job, batch.pk)
    return batch


def run_batch(*, batch_id: int) -> AuditBatch:
    """Audit every file of a batch, then the cross-year checks; store each result.

    Runs in a worker, outside any transaction: each file's bytes are loaded and audited
    one at a time (not the whole batch in memory), each in a child process with a memory
    and time limit (a file past them gets a finding saying so, and the batch goes on),
    and only the progress counter is written meanwhile (single-row autocommit updates).
    """
    batch = AuditBatch.objects.get(pk=batch_id)
    AuditBatch.objects.filter(pk=batch_id).update(status=BatchStatus.RUNNING, audited=0)
    reports = list(batch.reports.defer("content").order_by("position"))
    results = []
    for report in reports:
        content = AuditedReport.objects.filter(pk=report.pk).values_list("content", flat=True)
        results.append(audit_file_isolated(report.file_name, bytes(content.get())))
        AuditBatch.objects.filter(pk=batch_id).update(audited=F("audited") + 1)
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
        batch.audited = len(reports)
        batch.finished_at = timezone.now()
        batch.save(update_fields=["status", "audited", "finished_at"])
    return batch
