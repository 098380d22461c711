"""The client's address as the application should count it (sign-in lockout, rate limits).

Behind a reverse proxy every request comes from the proxy's address, so REMOTE_ADDR alone would make all
users one client. The deployment names the header its proxy sets and how many proxies stand in front of
the application (docs/deployment.md):

    SAKIP_TRUSTED_PROXY_HEADER = "X-Forwarded-For"   # or "X-Real-IP"; empty: use REMOTE_ADDR (default)
    SAKIP_TRUSTED_PROXY_COUNT = 1                    # proxies in front of the application

Each proxy appends the address it received the request from to X-Forwarded-For, so with N trusted proxies
the client is the N-th entry from the right; entries further left were typed by the client and are never
trusted. A header that is missing, too short or not an address falls back to REMOTE_ADDR."""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _meta_name(header: str) -> str:
    name = header.strip().upper().replace("-", "_")
    if name in ("REMOTE_ADDR",) or name.startswith("HTTP_"):
        return name
    return "HTTP_" + name


def _valid(value: str) -> str | None:
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str:
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or "?"
    header = getattr(settings, "SAKIP_TRUSTED_PROXY_HEADER", "") or ""
    if not header:
        return remote
    raw = request.META.get(_meta_name(header), "")
    entries = [item.strip() for item in raw.split(",") if item.strip()]
    count = max(1, int(getattr(settings, "SAKIP_TRUSTED_PROXY_COUNT", 1) or 1))
    if len(entries) < count:
        return remote
    return _valid(entries[-count]) or remote
