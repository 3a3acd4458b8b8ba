"""One uploaded report audited in a child process with a memory and a time limit.

Issue 12 (5): the worker that audited a 3,000-page PDF kept 5.6 GB resident afterwards,
and a hostile file can make a parser work for minutes. Each file of a batch is audited
by :func:`~gongkai.reports.audit.audit.audit_file` in a short-lived child (the mechanism
screening's extraction uses, :func:`gongkai.extraction.isolated.run_isolated`) limited
by ``GONGKAI_REPORT_AUDIT_MEMORY_MB`` and ``GONGKAI_REPORT_AUDIT_SECONDS``. A child
stopped by a limit, or one that crashes, gives that file a finding saying so; the
batch goes on with the next file.
"""

from __future__ import annotations

from django.conf import settings

from gongkai.extraction.isolated import ChildFailed, Failure, run_isolated
from gongkai.reports.audit.audit import AuditResult, audit_file
from gongkai.rules.report_parse.findings import FILE_UNREADABLE, finding


def audit_file_isolated(name: str, data: bytes) -> AuditResult:
    """:func:`~gongkai.reports.audit.audit.audit_file` of one file, run in a limited child."""
    memory_mb = settings.GONGKAI_REPORT_AUDIT_MEMORY_MB
    seconds = settings.GONGKAI_REPORT_AUDIT_SECONDS
    try:
        return run_isolated(
            audit_file, name, data, memory_bytes=memory_mb * 1024 * 1024, seconds=seconds
        )
    except ChildFailed as failed:
        result = AuditResult(file=name)
        result.findings.append(
            finding(FILE_UNREADABLE, _message(failed.failure, memory_mb, seconds))
        )
        return result


def _message(failure: Failure, memory_mb: int, seconds: int) -> str:
    if failure is Failure.MEMORY:
        return f"文件过大或过于复杂，审查超出内存限制（{memory_mb}MB），未能完成核查。"
    if failure is Failure.TIMEOUT:
        return f"文件过大或过于复杂，审查超出时间限制（{seconds}秒），未能完成核查。"
    return "文件格式异常，审查程序异常退出，未能完成核查。"
