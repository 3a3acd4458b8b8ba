"""The annual report as data (the JSON of DESIGN.md), built from the records.

Tables 三 and 四 and the processing fees are counted from applications; table 二
needs the catalogue, which does not hold those documents yet, so its figures are
zero with a source note saying staff must enter them — never an invented number.
"""

from __future__ import annotations

from typing import Any

from gongkai.agencies.models import Agency
from gongkai.reports.statistics import appeals_table, applications_table, processing_fees
from gongkai.rules.report_checks import check_report
from gongkai.rules.report_format import empty_tables, format_for_year

MANUAL_SOURCE = "目录中尚无此类信息记录，须由工作人员填报并注明来源"


def build_report(*, agency: Agency, year: int, with_previous: bool = True) -> dict[str, Any]:
    fmt = format_for_year(year)
    agencies = [agency]
    tables = empty_tables(fmt)
    tables["applications"] = applications_table(agencies=agencies, year=year)
    tables["appeals"] = appeals_table(agencies=agencies, year=year)
    report: dict[str, Any] = {
        "agency": agency.name,
        "year": year,
        "format": fmt.version,
        "tables": tables,
        "processing_fees": processing_fees(agencies=agencies, year=year),
        "sources": {
            fmt.proactive.json_key: MANUAL_SOURCE,
            "applications": "依申请公开办理记录（收到申请之日、办结日期、办理结果）",
            "appeals": "行政复议、行政诉讼登记记录",
            "processing_fees": "收费通知与缴费记录",
        },
    }
    previous = None
    if with_previous and year - 1 >= 2019:
        previous = build_report(agency=agency, year=year - 1, with_previous=False)
    report["findings"] = check_report(report, previous=previous)
    return report
