"""Findings as XLSX for the operator's follow-up, and the inspection report (通报) for
leadership as an official document (公文), rendered to DOCX and PDF by
``gongkai.documents`` in the GB/T 9704 layout the annual reports use.

The report names problems by type, page and agency; it never repeats the (masked)
evidence, which belongs in the operator's screens, not in a document passed around.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable
from datetime import date

from gongkai.documents.model import Cell, Heading, OfficialDocument, Paragraph, Table
from gongkai.inspection.findings import FindingKind
from gongkai.inspection.models import Finding, InspectionRun, RectificationTicket
from gongkai.rules.workdays import format_date
from gongkai.spreadsheet_export import text_cell_type

XLSX_HEADER = (
    "类型",
    "严重程度",
    "网站",
    "页面",
    "链接或附件",
    "证据（已脱敏）",
    "所属机构",
    "状态",
    "首次发现",
    "最近发现",
    "核减理由",
)
SEVERITY_LABELS = {"high": "高", "medium": "中", "low": "低"}
REPORT_LISTED = 50  # findings named one by one in the report; the rest are counted


def _label(kind: str) -> str:
    try:
        return FindingKind(kind).label
    except ValueError:
        return kind


def findings_xlsx(findings: Iterable[Finding]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "巡检发现"
    sheet.append(XLSX_HEADER)
    for f in findings:
        sheet.append(
            [
                _label(f.type),
                SEVERITY_LABELS.get(f.severity, f.severity),
                f.site,
                f.url,
                f.target,
                f.evidence,
                f.agency.name if f.agency else "",
                f.get_status_display(),
                f.first_seen,
                f.last_seen,
                f.struck_reason,
            ]
        )
        for cell in sheet[sheet.max_row]:
            text_cell_type(cell)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def report_document(run: InspectionRun, *, issuer: str, on: date) -> OfficialDocument:
    """通报 of one run: the veto items per site, the problems by type, the tickets sent."""
    findings = list(
        Finding.objects.filter(last_run=run)
        .exclude(status=Finding.Status.STRUCK)
        .select_related("agency")
        .order_by("severity", "type", "url")
    )
    by_type = Counter(f.type for f in findings)
    failed_sites = sorted({v["site"] for v in run.veto if v["passed"] is False})
    blocks: list[Heading | Paragraph | Table] = [
        Paragraph(
            f"{format_date(run.inspected_on)}，政府信息公开平台对{len(run.sites)}个网站开展"
            f"巡检，检查页面{run.pages}个、附件{run.attachments}个，发现问题{len(findings)}个；"
            + (
                f"{len(failed_sites)}个网站存在单项否决问题。"
                if failed_sites
                else "未发现单项否决问题。"
            )
            + "现将有关情况通报如下。"
        ),
        Heading("一、单项否决指标情况"),
        Table(
            rows=[
                [Cell("网站", bold=True), Cell("指标", bold=True), Cell("结论", bold=True)],
                *(
                    [
                        Cell(v["site"], align="left"),
                        Cell(v["indicator"]),
                        Cell({True: "合格", False: "不合格", None: "无法判定"}[v["passed"]]),
                    ]
                    for v in run.veto
                ),
            ],
            header_rows=1,
            col_widths=[5, 4, 2],
        ),
        Heading("二、发现问题情况"),
    ]
    if by_type:
        blocks.append(
            Table(
                rows=[
                    [Cell("问题类型", bold=True), Cell("数量", bold=True)],
                    *(
                        [Cell(_label(k), align="left"), Cell(str(n))]
                        for k, n in by_type.most_common()
                    ),
                ],
                header_rows=1,
                col_widths=[4, 1],
            )
        )
        for number, f in enumerate(findings[:REPORT_LISTED], start=1):
            owner = f"（{f.agency.name}）" if f.agency else ""
            blocks.append(Paragraph(f"{number}．{_label(f.type)}{owner}：{f.url}"))
        if len(findings) > REPORT_LISTED:
            blocks.append(Paragraph(f"其余{len(findings) - REPORT_LISTED}个问题见巡检发现清单。"))
    else:
        blocks.append(Paragraph("本次巡检未发现问题。"))
    tickets = RectificationTicket.objects.filter(finding__in=findings).select_related("agency")
    blocks.append(Heading("三、整改要求"))
    if tickets:
        per_agency = Counter(t.agency.name for t in tickets)
        blocks.append(
            Paragraph(
                "已向"
                + "、".join(f"{name}（{n}个问题）" for name, n in sorted(per_agency.items()))
                + "下发整改工单，请各单位在整改期限内完成整改并在平台答复。"
            )
        )
    blocks.append(
        Paragraph(
            "请各单位对照问题清单逐项整改，举一反三，加强日常检查，"
            "确保网站内容准确、更新及时、安全可靠。"
        )
    )
    return OfficialDocument(
        title=f"关于{run.inspected_on.year}年{run.inspected_on.month}月{run.inspected_on.day}日"
        "政府网站巡检情况的通报",
        number=None,
        addressee="各单位：",
        blocks=blocks,
        signature=issuer,
        date=on,
    )


def report_docx(run: InspectionRun, *, issuer: str, on: date) -> bytes:
    from gongkai.documents.docx import render_docx

    return render_docx(report_document(run, issuer=issuer, on=on))


def report_pdf(run: InspectionRun, *, issuer: str, on: date) -> bytes:
    from gongkai.documents.pdf import render_pdf

    return render_pdf(report_document(run, issuer=issuer, on=on))
