"""Text messages through a pluggable backend, the way Django sends mail.

``GONGKAI_SMS_BACKEND`` names the backend class: the console backend (the default)
writes each message to standard output, as Django's console mail backend does; the HTTP
backend posts it to an SMS gateway at ``GONGKAI_SMS_URL`` with the bearer token
``GONGKAI_SMS_TOKEN``; the in-memory backend keeps messages in :data:`outbox` for tests.
The gateway protocol is the common minimum: a JSON body ``{"to": "139…", "text": "…"}``
answered by any 2xx status; anything else is a failure the caller may retry.

What goes into a message is the caller's business; the applicant notices keep personal
data out of it (:mod:`gongkai.applications.notices`).
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from gongkai.rules.identifiers import mask_phone


class SmsError(Exception):
    """The message was not accepted; the caller's job retries it."""


@dataclass(frozen=True)
class Sms:
    to: str
    text: str


class SmsBackend(Protocol):
    def send(self, message: Sms) -> None: ...


class ConsoleBackend:
    """Writes messages to standard output (a development machine has no gateway)."""

    def send(self, message: Sms) -> None:
        # The number is masked: console output ends up in logs.
        sys.stdout.write(f"[短信] 发送至 {mask_phone(message.to)}：{message.text}\n")
        sys.stdout.flush()


outbox: list[Sms] = []


class LocmemBackend:
    """Keeps messages in :data:`outbox`, for tests."""

    def send(self, message: Sms) -> None:
        outbox.append(message)


class HttpGatewayBackend:
    """Posts each message to the configured SMS gateway."""

    def __init__(self) -> None:
        self.url = settings.GONGKAI_SMS_URL
        self.token = settings.GONGKAI_SMS_TOKEN
        self.timeout = settings.GONGKAI_SMS_TIMEOUT
        if not self.url:
            raise SmsError("未配置短信网关地址（GONGKAI_SMS_URL）。")

    def send(self, message: Sms) -> None:
        body = json.dumps({"to": message.to, "text": message.text}, ensure_ascii=False).encode()
        request = urllib.request.Request(
            self.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                **({"Authorization": f"Bearer {self.token}"} if self.token else {}),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            raise SmsError(f"短信网关拒绝了消息：HTTP {error.code}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise SmsError(f"无法连接短信网关：{error}") from None
        if not 200 <= status < 300:
            raise SmsError(f"短信网关拒绝了消息：HTTP {status}")


def backend() -> SmsBackend:
    return import_string(settings.GONGKAI_SMS_BACKEND)()


def send_sms(*, to: str, text: str) -> None:
    """Send one message through the configured backend; raises SmsError on failure."""
    backend().send(Sms(to=to, text=text))
