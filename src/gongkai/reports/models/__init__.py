from gongkai.reports.models.annual_report import AnnualReport, ReportStatus, ReviewStep
from gongkai.reports.models.figure import ProactiveFigure

__all__ = ["AnnualReport", "ProactiveFigure", "ReportStatus", "ReviewStep"]
