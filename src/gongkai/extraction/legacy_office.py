"""The text of legacy Office files — Word 97–2003 ``.doc``, WPS ``.wps``, Excel 97–2003
``.xls`` and WPS ``.et`` — through Debian's antiword and catdoc packages (issue 12 (4):
a ``.doc`` with an ID number was published unread).

Word 97–2003 and WPS Writer files are read in Python first (:mod:`word97`, the piece
table); older ones (Word 6/95) go to ``antiword`` (UTF-8 under a UTF-8 locale), then
``catdoc``; a tool that crashes on a file ends the attempt (the next one's guess would
not be trusted). ``xls2csv`` (catdoc's package) reads the sheets of Excel and WPS
Spreadsheets. They run as child processes under the memory and CPU limits of
:mod:`isolated`'s child, set here whoever calls (the crawler and the screening CLI read
files in their own process: an ``.xls`` whose sector chain loops made ``xls2csv`` take
15 GB in 20 s), on a private temporary copy of the file (they read paths, not pipes), in a
bare environment.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import tempfile
from pathlib import Path, PurePath

from gongkai.extraction.errors import ExtractionError, Reason
from gongkai.extraction.limits import Limits

# The commands tried in turn for each kind, and the Debian package of each.
COMMANDS = {
    ".doc": (["antiword"], ["catdoc", "-d", "utf-8"]),
    ".wps": (["antiword"], ["catdoc", "-d", "utf-8"]),
    ".xls": (["xls2csv", "-d", "utf-8"],),
    ".et": (["xls2csv", "-d", "utf-8"],),
}


class NotReadBy(ExtractionError):
    """The tool declined the file (not its format); another tool may read it."""


PACKAGES = {"antiword": "antiword", "catdoc": "catdoc", "xls2csv": "catdoc"}


def legacy_to_text(data: bytes, name: str, limits: Limits) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix in {".doc", ".wps"}:
        from gongkai.extraction.word97 import NotWord97, word97_to_text

        try:
            return _checked(word97_to_text(data, name, limits), name, limits)
        except NotWord97:
            pass
    commands = [c for c in COMMANDS[suffix] if shutil.which(c[0])]
    if not commands:
        packages = "、".join(sorted({PACKAGES[c[0]] for c in COMMANDS[suffix]}))
        raise ExtractionError(
            f"服务器未安装读取{suffix}文件所需的Debian软件包（{packages}），"
            f"无法读取“{name}”；请另存为.docx/.xlsx后再试。",
            reason=Reason.UNSUPPORTED,
        )
    with tempfile.TemporaryDirectory(prefix="gongkai-legacy-") as folder:
        path = Path(folder) / f"file{suffix}"
        path.write_bytes(data)
        # antiword needs a HOME and takes its output encoding from the locale.
        environment = {
            "LC_ALL": "C.UTF-8",
            "LANG": "C.UTF-8",
            "HOME": folder,
            "PATH": "/usr/bin:/bin",
        }
        error: ExtractionError | None = None
        for command in commands:
            try:
                return _run(command, path, name, environment, limits)
            except NotReadBy as refused:  # not this tool's format: the next may read it
                error = error or refused
    assert error is not None
    raise error


def _run(
    command: list[str], path: Path, name: str, environment: dict[str, str], limits: Limits
) -> str:
    try:
        finished = subprocess.run(
            _limited([shutil.which(command[0]) or command[0], *command[1:], str(path)], limits),
            capture_output=True,
            timeout=limits.child_seconds,
            env=environment,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ExtractionError(
            f"读取“{name}”超过{limits.child_seconds}秒的上限，文件格式异常。",
            reason=Reason.DAMAGED,
        ) from None
    errors = finished.stderr.decode("utf-8", "replace").lower()
    if "encrypt" in errors or "password" in errors:
        raise ExtractionError(
            f"“{name}”设置了打开密码，无法读取；请去除密码后再试。", reason=Reason.ENCRYPTED
        )
    if "cannot allocate memory" in errors:  # the tool met its memory limit (_limited)
        from gongkai.extraction.isolated import Failure, limit_refusal

        raise limit_refusal(name, Failure.MEMORY, limits)
    if finished.returncode < 0:  # killed by a signal: the file crashed the tool
        raise ExtractionError(
            f"“{name}”格式异常，读取程序异常退出，无法读取。", reason=Reason.DAMAGED
        )
    if finished.returncode != 0:
        raise NotReadBy(f"“{name}”已损坏或格式异常，无法读取。", reason=Reason.DAMAGED)
    return _checked(finished.stdout.decode("utf-8", "replace").replace("\x0c", "\n"), name, limits)


def _limited(command: list[str], limits: Limits) -> list[str]:
    """The command started by ``/bin/sh`` after ``ulimit``: at most ``child_memory_bytes``
    of address space and ``child_seconds`` of CPU, never looser than this process's own
    (so ``ulimit`` may always set them). Not ``preexec_fn``: the crawler calls from
    threads, where Python code between fork and exec can deadlock."""
    memory = _at_most(resource.RLIMIT_AS, limits.child_memory_bytes) // 1024  # KB
    seconds = _at_most(resource.RLIMIT_CPU, limits.child_seconds)
    script = 'ulimit -v "$1" && ulimit -t "$2" && shift 2 && exec "$@"'
    return ["/bin/sh", "-c", script, "sh", str(memory), str(seconds), *command]


def _at_most(kind: int, wanted: int) -> int:
    current, _ = resource.getrlimit(kind)
    return wanted if current == resource.RLIM_INFINITY else min(wanted, current)


def _checked(text: str, name: str, limits: Limits) -> str:
    if len(text) > limits.max_text_chars:
        raise ExtractionError(
            f"“{name}”的文字超过{limits.max_text_chars}字的上限。", reason=Reason.TOO_LARGE
        )
    if not text.strip():
        raise ExtractionError(
            f"“{name}”没有可提取的文字，无法自动检查，请人工核对。", reason=Reason.NO_TEXT
        )
    return text
