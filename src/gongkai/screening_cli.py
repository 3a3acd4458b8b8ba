"""``gongkai screen``: check files for personal data, secret markings and wording before
they are uploaded (issue 6 (6)).

The same extraction and detectors as the review workflow, without Django or a database,
so staff can run it on any machine with gongkai installed.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import click

from gongkai.extraction import SUPPORTED_SUFFIXES, ExtractionError, extract_text
from gongkai.extraction.plain_text import decode_text
from gongkai.rules.screening import (
    DictionaryError,
    Finding,
    ScreeningDictionary,
    blocks_publication,
    default_dictionary,
    parse_dictionary,
    screen_text,
)

# Exit status: blocking findings outrank unreadable files, which outrank a clean run.
EXIT_BLOCKING = 1
EXIT_UNREADABLE = 2


@dataclass
class FileResult:
    path: Path
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None

    @property
    def blocking(self) -> int:
        return sum(1 for f in self.findings if blocks_publication([f]))

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "error": self.error,
            "blocking": self.blocking,
            "findings": [f.as_dict() for f in self.findings],
        }


@click.command("screen")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--dictionary",
    "dictionary_files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="追加词库文件（可多次指定） · extra dictionary file (repeatable)",
)
def screen(paths: tuple[Path, ...], fmt: str, dictionary_files: tuple[Path, ...]) -> None:
    """检查文件中的个人信息、密级标志和用词 · Screen files before publication.

    \b
    读取 .txt .csv .html .htm .pdf .docx .xlsx .ofd .doc .wps .xls .et；目录递归检查。
    退出码：1 有须处理的问题（个人信息、密级标志）；2 有文件无法读取；0 未发现须处理的问题。
    """
    dictionary = default_dictionary().merged(*(_load(path) for path in dictionary_files))
    today = date.today()
    results = [_screen_file(path, dictionary, today) for path in _expand(paths)]
    if fmt == "json":
        click.echo(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2))
    else:
        for result in results:
            _echo_text(result)
        _echo_summary(results)
    context = click.get_current_context()
    if any(r.blocking for r in results):
        context.exit(EXIT_BLOCKING)
    if any(r.error for r in results):
        context.exit(EXIT_UNREADABLE)


def _load(path: Path) -> ScreeningDictionary:
    try:
        return parse_dictionary(decode_text(path.read_bytes(), path.name), source=path.name)
    except (OSError, ExtractionError, DictionaryError) as error:
        message = error.strerror if isinstance(error, OSError) else str(error)
        raise click.BadParameter(
            f"词库“{path}”无法使用：{message}", param_hint="--dictionary"
        ) from None


def _expand(paths: tuple[Path, ...]) -> list[Path]:
    """Named files as given; folders walked (sorted, links not followed) for the
    supported kinds, skipping hidden entries and Office lock files (~$报告.docx)."""
    files: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        for folder, subfolders, names in os.walk(path):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            files.extend(
                Path(folder) / name
                for name in sorted(names)
                if Path(name).suffix.lower() in SUPPORTED_SUFFIXES
                and not name.startswith((".", "~$"))
            )
    return files


def _screen_file(path: Path, dictionary: ScreeningDictionary, today: date) -> FileResult:
    try:
        text = extract_text(path)
    except ExtractionError as error:
        return FileResult(path, error=str(error))
    return FileResult(path, findings=screen_text(text, dictionary=dictionary, today=today))


def _echo_text(result: FileResult) -> None:
    if result.error:
        click.echo(f"{result.path}：无法检查——{result.error}")
        return
    if not result.findings:
        click.echo(f"{result.path}：未发现问题")
        return
    click.echo(
        f"{result.path}：发现{len(result.findings)}处，其中{result.blocking}处须处理后方可公开"
    )
    for finding in result.findings:
        where = f"第{finding.line}行第{finding.column}列"
        what = finding.masked + (f" → {finding.correct}" if finding.correct else "")
        flag = "  [阻止公开]" if blocks_publication([finding]) else ""
        click.echo(f"  {where}  {finding.type.label}  {what}{flag}")


def _echo_summary(results: list[FileResult]) -> None:
    blocking = sum(r.blocking for r in results)
    unreadable = sum(1 for r in results if r.error)
    line = f"合计：检查{len(results)}个文件，{blocking}处须处理"
    if unreadable:
        line += f"，{unreadable}个文件无法检查"
    click.echo(line + "。")
