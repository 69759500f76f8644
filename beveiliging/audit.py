"""The security audit log (BIO 8.15): one entry point, ``vastleggen``.

Every security-relevant event (logins, MFA changes, role grants, exports of
personal data, permission denials, admin changes) is written as ONE structured
log line on the ``audit`` logger: actie, object, resultaat, oorsprong (IP),
actor (a user id, never a name or e-mail address) and tijdstempel. Callers pass
no secrets and no personal content: ``details`` holds ids and codes only.

``beveiliging`` sits below every other app of ours (it imports none of them),
so accounts, meldingen and the floor-4 apps can all call it.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from config.clientip import client_ip

logger = logging.getLogger("audit")


class Resultaat:
    GELUKT = "gelukt"
    MISLUKT = "mislukt"
    GEWEIGERD = "geweigerd"


def _objectnaam(obj: Any) -> str:
    if obj is None:
        return ""
    if isinstance(obj, str):
        return obj
    meta = getattr(obj, "_meta", None)
    if meta is not None:
        return f"{meta.label_lower}:{obj.pk}"
    return str(obj)


def vastleggen(
    actie: str,
    *,
    resultaat: str = Resultaat.GELUKT,
    actor: Any = None,
    object: Any = None,
    request: HttpRequest | None = None,
    **details: Any,
) -> dict[str, Any]:
    """Write one audit line and return it (as a dict)."""
    if actor is None and request is not None:
        gebruiker = getattr(request, "user", None)
        if gebruiker is not None and gebruiker.is_authenticated:
            actor = gebruiker
    regel = {
        "actie": actie,
        "object": _objectnaam(object),
        "resultaat": resultaat,
        "oorsprong": client_ip(request) if request is not None else "",
        "actor": getattr(actor, "pk", actor) if actor is not None else None,
        "tijdstempel": timezone.now().isoformat(),
        **({"details": details} if details else {}),
    }
    logger.info(json.dumps(regel, default=str, sort_keys=True))
    return regel
