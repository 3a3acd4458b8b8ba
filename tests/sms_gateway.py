"""A fake SMS gateway on loopback, started by the tests that need one.

It speaks the protocol of :class:`gongkai.sms.HttpGatewayBackend`: a POST of
``{"to", "text"}`` as JSON with a bearer token, answered 200 (or 500 when told to fail).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

TOKEN = "test-gateway-token"


@dataclass
class FakeGateway:
    url: str
    received: list[dict[str, Any]] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    failing: bool = False

    def texts(self) -> list[str]:
        return [message["text"] for message in self.received]


def _handler(gateway: FakeGateway) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                gateway.refused.append("token")
                self.send_response(401)
            elif gateway.failing:
                self.send_response(500)
            else:
                gateway.received.append(json.loads(body.decode("utf-8")))
                self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            return

    return Handler


@pytest.fixture
def sms_gateway(settings: Any) -> Iterator[FakeGateway]:
    """A gateway on 127.0.0.1, and the settings pointing the HTTP backend at it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), None)  # type: ignore[arg-type]
    gateway = FakeGateway(url=f"http://127.0.0.1:{server.server_address[1]}/send")
    server.RequestHandlerClass = _handler(gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.GONGKAI_SMS_BACKEND = "gongkai.sms.HttpGatewayBackend"
    settings.GONGKAI_SMS_URL = gateway.url
    settings.GONGKAI_SMS_TOKEN = TOKEN
    settings.GONGKAI_SMS_TIMEOUT = 5
    try:
        yield gateway
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
