"""``gongkai report audit``: check published annual reports, one file or folders of them.

Needs no database: reading and checking are pure, so a supervisor can run it on a laptop
over a folder of downloaded reports. Exit status 1 when any report has an error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from gongkai.reports.audit.audit import AuditResult, audit_path, cross_check
from gongkai.reports.audit.readers import SUFFIXES
from gongkai.reports.audit.summary import SUFFIXES as SUMMARY_SUFFIXES
from gongkai.reports.audit.summary import summary_rows, write_summary


def collect_files(paths: tuple[Path, ...]) -> tuple[list[Path], bool]:
    """Files to audit: each file as given, each folder's report files recursively.

    Returns the files and whether any folder was given (then a progress bar is shown).
    """
    files: list[Path] = []
    folders = False
    for path in paths:
        if path.is_dir():
            folders = True
            files.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            )
        else:
            files.append(path)
    return files, folders


def _echo_text(result: AuditResult) -> None:
    title = f"{result.agency or '（机构未注明）'} {result.year or '（年度未注明）'}"
    click.echo(f"== {result.file}：{title}，格式 {result.format or '未识别'}")
    if result.sections_missing:
        click.echo(f"   缺少部分：{'、'.join(result.sections_missing)}")
    for finding in result.findings:
        level = "错误" if finding["severity"] == "error" else "警告"
        click.echo(f"   [{level}] {finding['message']}")
    if not result.findings:
        click.echo("   未发现问题。")


@click.command("audit")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option(
    "--summary",
    "summary_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="汇总表（.xlsx 或 .csv） · summary table",
)
def report_audit(paths: tuple[Path, ...], fmt: str, summary_path: Path | None) -> None:
    """核查已公开的年度报告（PDF、DOCX、HTML、文本或文件夹） · Audit published reports."""
    if summary_path is not None and summary_path.suffix.lower() not in SUMMARY_SUFFIXES:
        raise click.BadParameter(
            f"汇总表只能保存为{'或'.join(SUMMARY_SUFFIXES)}文件。", param_hint="--summary"
        )
    files, folders = collect_files(paths)
    results: list[AuditResult] = []
    if folders and len(files) > 1:
        with click.progressbar(files, label="核查年度报告", file=sys.stderr) as bar:
            results.extend(audit_path(path, str(path)) for path in bar)
    else:
        results.extend(audit_path(p, p.name if len(files) == 1 else str(p)) for p in files)
    cross_check(results)
    if fmt == "json":
        click.echo(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2))
    else:
        for result in results:
            _echo_text(result)
        rows = summary_rows(results)
        click.echo(
            f"共核查{len(rows)}份报告，其中{sum(1 for r in results if r.errors)}份有错误，"
            f"{sum(1 for r in results if r.warnings)}份有警告。"
        )
    if summary_path is not None:
        write_summary(summary_path, results)
        click.echo(f"汇总表已保存到 {summary_path}", err=fmt == "json")
    if any(r.errors for r in results):
        sys.exit(1)
