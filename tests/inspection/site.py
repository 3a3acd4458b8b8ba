"""A small website served on loopback for the inspection tests and the bench.

Pages are held in memory: path → (status, content type, body). Responses carry an ETag,
and a matching If-None-Match gets 304, as a real server's would. The server runs in a
thread and is shut down by the caller (a context manager).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Site:
    pages: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # method, path, status
    port: int = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def html(self, path: str, body: str, *, status: int = 200) -> None:
        self.pages[path] = (status, "text/html; charset=utf-8", body.encode())

    def file(self, path: str, content: bytes, content_type: str) -> None:
        self.pages[path] = (200, content_type, content)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the tests read ``site.requests`` instead."""

        def _answer(self, send_body: bool) -> None:
            path = self.path.split("?", 1)[0]
            if path in site.redirects:
                site.requests.append((self.command, path, "302"))
                self.send_response(302)
                self.send_header("Location", site.redirects[path])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status, content_type, body = site.pages.get(
                path, (404, "text/html; charset=utf-8", b"<h1>404</h1>")
            )
            etag = '"' + hashlib.sha1(body).hexdigest() + '"'
            if status == 200 and self.headers.get("If-None-Match") == etag:
                site.requests.append((self.command, path, "304"))
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            site.requests.append((self.command, path, str(status)))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if status == 200:
                self.send_header("ETag", etag)
            self.end_headers()
            if send_body:
                self.wfile.write(body)

        def do_GET(self) -> None:
            self._answer(True)

        def do_HEAD(self) -> None:
            self._answer(False)

    return Handler


@contextmanager
def serving(site: Site) -> Iterator[Site]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def free_port() -> int:
    """A loopback port nobody listens on (bound, then released): connection refused."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
