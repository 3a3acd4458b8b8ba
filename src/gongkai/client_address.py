"""Who is on the other end: the one answer used by the throttles, the lockout and the audit log.

Behind a reverse proxy the peer address is the proxy's, and the client's is in
``X-Forwarded-For``. Each proxy *appends* the address it received the request from, so
only the entries written by our own proxies can be believed; everything to their left
was sent by the client and may be anything. With ``GONGKAI_TRUSTED_PROXY_COUNT`` proxies
in front of us, the client is therefore the entry that many places from the right:
the hop our outermost proxy saw (the rightmost untrusted hop).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address; ``X-Forwarded-For`` only counts when a proxy is trusted.

    When the chosen hop is not an address at all, our proxy did not write it (or is
    misconfigured): the peer address is used rather than anything the client wrote.
    """
    peer = _valid(request.META.get("REMOTE_ADDR", "") or "")
    if not getattr(settings, "GONGKAI_TRUST_X_FORWARDED_FOR", False):
        return peer
    proxies = max(1, int(getattr(settings, "GONGKAI_TRUSTED_PROXY_COUNT", 1)))
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if not hops:
        return peer
    # Fewer hops than proxies: the request passed fewer of them than configured, and the
    # leftmost hop is the farthest one any of them vouches for.
    chosen = hops[-proxies] if len(hops) >= proxies else hops[0]
    return _valid(chosen) or peer


def client_key(ip: str | None) -> str:
    """The address a limit applies to; an IPv6 client is counted by its /64 network.

    One IPv6 subscriber usually holds a whole /64, so counting single addresses would
    give each of them billions of fresh limits.
    """
    if not ip:
        return "unknown"
    try:
        address = ipaddress.ip_address(ip.strip())
    except ValueError:
        return ip.strip()[:64]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False))
    return str(address)
