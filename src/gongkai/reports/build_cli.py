"""``gongkai report build``: one agency's annual report as JSON, text, HTML, DOCX or PDF.

A thin shell: the data comes from :func:`gongkai.reports.compose.compose_year` (the
report as the agency sees it — frozen once final — or, without a stored report, composed
from the records with every part still to write) and the files from
:mod:`gongkai.reports.render`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from gongkai.cli_support import acting_as, fail, setup_django

BINARY_FORMATS = ("docx", "pdf")


@click.command("build")
@click.option("--agency", "agency_code", required=True, help="机构代码 · agency code")
@click.option("--year", type=int, required=True, help="报告年度 · report year")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "text", "html", "docx", "pdf"]),
    default="json",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="输出文件 · output file",
)
@click.option("--as", "as_user", default=None, help="以该账号身份 · as this user")
def report_build(
    agency_code: str, year: int, fmt: str, output: Path | None, as_user: str | None
) -> None:
    """生成年度报告并检查勾稽关系 · Build the annual report and check it."""
    if fmt in BINARY_FORMATS and output is None:
        fail(f"{fmt.upper()} 是二进制文件，请用 -o 指定输出文件。")
    setup_django()
    from django.utils import timezone

    from gongkai.agencies.models import Agency
    from gongkai.audit.context import is_system
    from gongkai.documents.fonts import FontUnavailableError, MissingGlyphError
    from gongkai.reports.compose import compose_year
    from gongkai.reports.render import render

    with acting_as(as_user) as ctx:
        agencies = Agency.objects.all()
        if not is_system(ctx.actor):
            agencies = Agency.objects.visible_to(ctx.actor)
        agency = agencies.filter(code=agency_code.strip().upper()).first()
        if agency is None:
            fail(f"找不到统一社会信用代码为“{agency_code}”的机构，或无权查看。")
        try:
            composed = compose_year(agencies=[agency], year=year, today=timezone.localdate())
            data = composed.reports[agency.pk]
            content = _text(data).encode() if fmt == "text" else render(data, fmt)
        except (ValueError, FontUnavailableError, MissingGlyphError) as error:
            fail(str(error))
    if output is None:
        text = content.decode()
        click.echo(text, nl=not text.endswith("\n"))
        return
    output.write_bytes(content)
    click.echo(f"已生成 {output}（{len(content)} 字节）")


def _text(data: dict[str, Any]) -> str:
    table = data["tables"]["applications"]
    lines = [
        f"{data['agency']} {data['year']}年度报告（{data['format']}格式）",
        f"本年新收 {table['1']['total']} 件，上年结转 {table['2']['total']} 件，"
        f"办结 {table['3.7']['total']} 件，结转下年度 {table['4']['total']} 件。",
    ]
    for finding in data["findings"] or [{"severity": "ok", "message": "勾稽关系检查通过。"}]:
        lines.append(f"[{finding['severity']}] {finding['message']}")
    return "\n".join(lines) + "\n"
