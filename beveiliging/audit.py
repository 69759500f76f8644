"""The security audit log (BIO 8.15): one entry point, ``vastleggen``.

Every security-relevant event (logins, MFA changes, role grants, exports of
personal data, permission denials, admin changes) is written as ONE structured
log line on the ``audit`` logger: actie, object, resultaat, oorsprong (IP),
actor (a user id, never a name or e-mail address) and tijdstempel. Callers pass
no secrets and no personal content: ``details`` holds ids and codes only.

The same line is stored as an ``Auditregel`` row (beveiliging/models.py), which
the beheerder searches in the admin. The row is written directly, inside the
caller's transaction and in a savepoint of its own:

- a change and its audit row commit or roll back together, as a ledger row does
  (a role grant that is rolled back did not happen, so it leaves no row);
- an event outside any transaction (a failed login, a 403) is committed at once;
- a failing insert never reaches the caller: the savepoint is rolled back, the
  caller's transaction stays usable, and the log line (written first, whatever
  happens to the database) plus an error line on the ``audit`` logger keep the
  evidence. ``transaction.on_commit`` was not chosen: it would lose the row of an
  event whose transaction fails later, and it runs after the response is decided,
  where an error can no longer be told apart from the request's own.

``beveiliging`` sits below every other app of ours (it imports none of them),
so accounts, meldingen and the floor-4 apps can all call it.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.db import DatabaseError, transaction
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
    tijdstempel = timezone.now()
    regel = {
        "actie": actie,
        "object": _objectnaam(object),
        "resultaat": resultaat,
        "oorsprong": client_ip(request) if request is not None else "",
        "actor": getattr(actor, "pk", actor) if actor is not None else None,
        "tijdstempel": tijdstempel.isoformat(),
        **({"details": details} if details else {}),
    }
    tekst = json.dumps(regel, default=str, sort_keys=True)
    logger.info(tekst)
    _opslaan(regel, tijdstempel, json.loads(tekst).get("details", {}))
    return regel


def _opslaan(regel: dict[str, Any], tijdstempel: Any, details: dict[str, Any]) -> None:
    """Store the line as an ``Auditregel``; a database error is logged, never raised."""
    from beveiliging.models import Auditregel

    actor = regel["actor"]
    try:
        with transaction.atomic():
            Auditregel.objects.create(
                actie=regel["actie"][:60],
                object=regel["object"][:200],
                resultaat=regel["resultaat"][:20],
                oorsprong=regel["oorsprong"][:45],
                actor_id=actor if isinstance(actor, int) else None,
                tijdstempel=tijdstempel,
                details=details,
            )
    except DatabaseError:
        logger.exception("audit_opslaan_mislukt %s", regel["actie"])
