"""A real gunicorn worker on loopback, its peak memory, and bodies streamed into it.

Shared by ``tests/abuse/test_upload_memory.py`` (one cheap case in CI) and
``bench/upload_memory.py`` (200 MB bodies, chunked bodies, zip bombs). The worker's peak
resident memory is the kernel's ``VmHWM`` in ``/proc/<pid>/status``: a body read into
memory anywhere in the request raises it, whatever freed the memory afterwards.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHUNK = 1024 * 1024


@dataclass
class Server:
    port: int
    master: subprocess.Popen

    @property
    def worker(self) -> int:
        """The one worker's pid (a child of the gunicorn master)."""
        children = Path(f"/proc/{self.master.pid}/task/{self.master.pid}/children").read_text()
        return int(children.split()[0])

    def peak_kib(self) -> int:
        for line in Path(f"/proc/{self.worker}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        raise RuntimeError("no VmHWM")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(home: Path, **environment: str) -> Iterator[Server]:
    """One sync worker serving gongkai from ``home`` (SQLite there), until the block ends."""
    port = _free_port()
    env = {
        **os.environ,
        "GONGKAI_HOME": str(home),
        "DATABASE_URL": f"sqlite:///{home / 'gongkai.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        **environment,
    }
    command = [sys.executable, "-m", "gunicorn", "gongkai.wsgi:application"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "120"]
    master = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    server = Server(port, master)
    try:
        deadline = time.monotonic() + 120
        while True:
            if master.poll() is not None:
                raise RuntimeError(master.stderr.read().decode()[-2000:] if master.stderr else "")
            try:
                if request(server, "GET", "/healthz")[0]:
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        yield server
    finally:
        master.terminate()
        try:
            master.wait(timeout=20)
        except subprocess.TimeoutExpired:
            master.kill()


def request(
    server: Server,
    method: str,
    path: str,
    *,
    size: int = 0,
    chunked: bool = False,
    content_type: str = "application/octet-stream",
    headers: dict[str, str] | None = None,
    head: bytes = b"",
    tail: bytes = b"",
) -> tuple[int, str]:
    """Send ``head`` + ``size`` zero bytes + ``tail`` as the body, a megabyte at a time
    (declared, or chunked without a length); the status and the answer's text.

    The server may answer before the body is sent and close: the rest is dropped.
    """
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    total = len(head) + size + len(tail)
    if total or chunked:
        lines.append(f"Content-Type: {content_type}")
        lines.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {total}")
    with socket.create_connection(("127.0.0.1", server.port), timeout=120) as connection:
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        try:
            for piece in _pieces(head, size, tail):
                connection.sendall(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
            if chunked:
                connection.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # answered and closed early: what an unread body looks like
        answer = b""
        try:
            while data := connection.recv(65536):
                answer += data
        except ConnectionResetError:
            pass
    status_line, _, rest = answer.partition(b"\r\n")
    status = int(status_line.split()[1]) if status_line else 0
    return status, rest.decode("utf-8", "replace")


def _pieces(head: bytes, size: int, tail: bytes) -> Iterator[bytes]:
    if head:
        yield head
    block = bytes(CHUNK)
    for _ in range(size // CHUNK):
        yield block
    if size % CHUNK:
        yield bytes(size % CHUNK)
    if tail:
        yield tail


def multipart(
    field: str, file_name: str, size: int, *, fields: dict[str, str] | None = None
) -> tuple[str, bytes, bytes]:
    """Content type, head and tail of a multipart body holding one ``size``-byte file,
    after the text ``fields``."""
    boundary = "gongkaiboundary7d9"
    head = "".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in (fields or {}).items()
    )
    head += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
        f'filename="{file_name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
    )
    return (
        f"multipart/form-data; boundary={boundary}",
        head.encode(),
        f"\r\n--{boundary}--\r\n".encode(),
    )
