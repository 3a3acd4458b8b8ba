"""``gongkai report audit``: check published annual reports, one file or folders of them.

Needs no database: reading and checking are pure, so a supervisor can run it on a laptop
over a folder of downloaded reports. Exit status 1 when any report has an error.
"""

from __future__ import annotations

import json
import sys
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
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
    for settled in result.from_narrative.values():
        click.echo(f"   [说明] {settled['note']}")
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
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    help="并行进程数（PDF多时可设为CPU核数） · worker processes",
)
def report_audit(paths: tuple[Path, ...], fmt: str, summary_path: Path | None, jobs: int) -> None:
    """核查已公开的年度报告（PDF、DOCX、HTML、文本或文件夹） · Audit published reports."""
    if summary_path is not None and summary_path.suffix.lower() not in SUMMARY_SUFFIXES:
        raise click.BadParameter(
            f"汇总表只能保存为{'或'.join(SUMMARY_SUFFIXES)}文件。", param_hint="--summary"
        )
    files, folders = collect_files(paths)
    names = [p.name if len(files) == 1 else str(p) for p in files]
    with ProcessPoolExecutor(jobs) if jobs > 1 else nullcontext() as pool:
        audited = pool.map(audit_path, files, names) if pool else map(audit_path, files, names)
        if folders and len(files) > 1:
            with click.progressbar(
                audited, length=len(files), label="核查年度报告", file=sys.stderr
            ) as bar:
                results = list(bar)
        else:
            results = list(audited)
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
