"""The client's IP address, as far as this deployment can trust it.

Behind a reverse proxy ``REMOTE_ADDR`` is the proxy. ``TRUSTED_PROXY_COUNT``
(environment, default 0) says how many proxies in front of gunicorn append to
``X-Forwarded-For``; the client is then the entry that many places from the
right. Entries further left were written by the client itself and are never
trusted, so a forged header cannot pick someone else's address (a lockout or
rate limit keyed on it would otherwise be trivial to dodge or to aim at others).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

ONBEKEND = "onbekend"


def _geldig(waarde: str) -> str | None:
    try:
        return str(ipaddress.ip_address(waarde.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client's address, or ``"onbekend"`` when none can be trusted."""
    aantal = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if aantal > 0:
        doorgestuurd = request.META.get("HTTP_X_FORWARDED_FOR", "")
        keten = [deel for deel in doorgestuurd.split(",") if deel.strip()]
        if len(keten) >= aantal:
            gevonden = _geldig(keten[-aantal])
            if gevonden:
                return gevonden
    return _geldig(request.META.get("REMOTE_ADDR", "")) or ONBEKEND
