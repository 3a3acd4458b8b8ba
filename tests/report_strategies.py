"""Hypothesis strategies for annual reports, shared by the rules and the audit tests."""

from __future__ import annotations

from hypothesis import strategies as st

from gongkai.rules.report_format import (
    APPEAL_PART_KEYS,
    APPLICANT_COLUMN_KEYS,
    TOTAL_COLUMN,
    empty_tables,
    format_by_version,
)


@st.composite
def valid_reports(draw: st.DrawFn, max_count: int = 3000) -> dict:
    """A report whose tables obey every reconciliation rule of its format, all cells filled."""
    counts = st.integers(min_value=0, max_value=max_count)
    version = draw(st.sampled_from(["2021", "2019"]))
    fmt = format_by_version(version)
    tables = empty_tables(fmt)
    apps = tables["applications"]
    results = fmt.applications.result_row_keys
    for column in APPLICANT_COLUMN_KEYS:
        for row in results:
            apps[row][column] = draw(counts)
        done = sum(apps[row][column] for row in results)
        apps["3.7"][column] = done
        apps["4"][column] = draw(counts)
        apps["2"][column] = draw(st.integers(0, done + apps["4"][column]))
        apps["1"][column] = done + apps["4"][column] - apps["2"][column]
    for row in apps.values():
        row[TOTAL_COLUMN] = sum(row[c] for c in APPLICANT_COLUMN_KEYS)
    for group in tables["appeals"].values():
        for key in APPEAL_PART_KEYS:
            group[key] = draw(st.integers(0, min(50, max_count)))
        group[TOTAL_COLUMN] = sum(group[k] for k in APPEAL_PART_KEYS)
    for block in fmt.proactive.blocks:
        for row in block.rows:
            for column in block.columns:
                if column.kind == "amount":
                    cents = draw(st.integers(0, 10_000_000))
                    value = round(cents / 100, 2)
                elif column.key == "change_this_year":
                    value = draw(st.integers(-50, 50))
                else:
                    value = draw(counts)
                tables[fmt.proactive.json_key][row.key][column.key] = value
    year = draw(st.integers(fmt.first_year, fmt.last_year or 2030))
    return {"agency": "测试区人民政府办公室", "year": year, "format": version, "tables": tables}
