from gongkai.reports.models.annual_report import (
    AnnualReport,
    ReportKind,
    ReportStatus,
    ReviewStep,
)
from gongkai.reports.models.figure import ProactiveFigure
from gongkai.reports.models.reminder import ReportReminder

__all__ = [
    "AnnualReport",
    "ProactiveFigure",
    "ReportKind",
    "ReportReminder",
    "ReportStatus",
    "ReviewStep",
]
