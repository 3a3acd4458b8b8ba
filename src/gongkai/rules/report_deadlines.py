"""When annual reports are due (条例 Art. 49), and what counts as late.

Both dates are calendar dates, not working days (LAW.md: "except the annual-report
dates"), in the year after the report year.
"""

from __future__ import annotations

from datetime import date

# Art. 49 ¶1: 县级以上人民政府部门应当在每年1月31日前 … 提交 … 上一年度 … 年度报告并向社会公布。
AGENCY_REPORT_DUE_MONTH_DAY = (1, 31)
# Art. 49 ¶2: 县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布
# 本级政府上一年度政府信息公开工作年度报告。
DISTRICT_REPORT_DUE_MONTH_DAY = (3, 31)


def agency_report_due(year: int) -> date:
    """The last day an agency may publish its report for ``year``."""
    return date(year + 1, *AGENCY_REPORT_DUE_MONTH_DAY)


def district_report_due(year: int) -> date:
    """The last day the district government's report for ``year`` may be published."""
    return date(year + 1, *DISTRICT_REPORT_DUE_MONTH_DAY)


def is_late(*, year: int, today: date, finalised_on: date | None) -> bool:
    """Late: finalised after the due date, or not finalised and the due date has passed."""
    due = agency_report_due(year)
    if finalised_on is not None:
        return finalised_on > due
    return today > due
