"""A back-office session belongs to the browser that logged in.

A session cookie copied off a shared computer, out of a proxy's log or by malware would
open the back office from anywhere. At login the session records a digest of the
browser's User-Agent and, with ``GONGKAI_SESSION_BIND_ADDRESS``, the network its address
is in (a /24 for IPv4, a /64 for IPv6, so a laptop changing address within its office
network keeps its session); a request from another client ends the session, audited.
A User-Agent can be copied too: this raises the bar for a stolen cookie, it is no proof.
"""

from __future__ import annotations

import hashlib
import ipaddress
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest

from gongkai.agencies.selectors import primary_agency
from gongkai.audit.context import acting
from gongkai.audit.services import record
from gongkai.client_address import client_ip

AGENT_KEY = "gongkai_bound_agent"
NETWORK_KEY = "gongkai_bound_network"
PREFIX = {4: 24, 6: 64}


def _agent(request: HttpRequest) -> str:
    return hashlib.sha256(request.META.get("HTTP_USER_AGENT", "").encode()).hexdigest()


def _network(request: HttpRequest) -> str:
    address = client_ip(request)
    if not address:
        return ""
    ip = ipaddress.ip_address(address)
    return str(ipaddress.ip_network(f"{ip}/{PREFIX[ip.version]}", strict=False))


def bind(request: HttpRequest) -> None:
    """Record the client in the session (at login, and for a session from before binding)."""
    request.session[AGENT_KEY] = _agent(request)
    if settings.GONGKAI_SESSION_BIND_ADDRESS:
        request.session[NETWORK_KEY] = _network(request)


def broken(request: HttpRequest) -> str | None:
    """Why this request may not use its session, in Chinese; ``None`` when it may."""
    if AGENT_KEY not in request.session:
        bind(request)
        return None
    if request.session[AGENT_KEY] != _agent(request):
        return "浏览器与登录时不同"
    bound = request.session.get(NETWORK_KEY)
    if settings.GONGKAI_SESSION_BIND_ADDRESS and bound is not None and bound != _network(request):
        return f"来源网络与登录时（{bound}）不同"
    return None


def end(request: HttpRequest, user: Any, reason: str) -> None:
    """End the session, with an entry naming the account and why."""
    with acting(
        actor=user,
        channel="web",
        ip=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
    ):
        record(
            action="auth.session_rejected",
            summary=f"账号“{user.get_username()}”的会话在其他客户端使用（{reason}），已结束",
            obj=user,
            agency=primary_agency(user),
            changes={"reason": reason},
        )
        logout(request)
