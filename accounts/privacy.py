"""The registry of personal data (AVG): what each app keeps about a person, and how it
forgets them.

accounts is floor 1 and imports no higher app. Every app that stores personal data
registers, in its ``AppConfig.ready()``, one exporter and optionally one anonymiser:

- ``exporteren(user) -> dict``: sections of JSON-serialisable data (lists of rows,
  or a dict for one record) about ``user``, and nobody else;
- ``anonimiseren(user) -> None``: forget ``user`` in that app. It runs inside the
  erasure's transaction (``accounts.services.account_anonimiseren``), before the
  account itself is anonymised, so it may still read the user's data.

Anonymisers run in ``volgorde`` (low first); exports come out in the same order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone

if TYPE_CHECKING:
    from accounts.models import User

Exporteur = Callable[["User"], dict[str, Any]]
Anonimiseerder = Callable[["User"], None]


@dataclass(frozen=True)
class Registratie:
    app: str
    exporteren: Exporteur
    anonimiseren: Anonimiseerder | None
    volgorde: int


_REGISTER: dict[str, Registratie] = {}


def registreren(
    app: str,
    *,
    exporteren: Exporteur,
    anonimiseren: Anonimiseerder | None = None,
    volgorde: int = 50,
) -> None:
    """Register ``app``'s exporter and anonymiser (again: the last one wins)."""
    _REGISTER[app] = Registratie(app, exporteren, anonimiseren, volgorde)


def registraties() -> list[Registratie]:
    return sorted(_REGISTER.values(), key=lambda r: (r.volgorde, r.app))


def json_waarde(waarde: Any) -> Any:
    """``waarde`` with dates, money and other values made JSON-serialisable."""
    if isinstance(waarde, dict):
        return {str(sleutel): json_waarde(v) for sleutel, v in waarde.items()}
    if isinstance(waarde, list | tuple | set | frozenset):
        return [json_waarde(v) for v in waarde]
    if isinstance(waarde, datetime):
        return (timezone.localtime(waarde) if timezone.is_aware(waarde) else waarde).isoformat()
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, Decimal):
        return str(waarde)
    if waarde is None or isinstance(waarde, str | int | float | bool):
        return waarde
    return str(waarde)


def gegevens_verzamelen(user: User) -> dict[str, dict[str, Any]]:
    """Everything the registry knows about ``user``: ``{app: {section: data}}``."""
    return {r.app: json_waarde(r.exporteren(user)) for r in registraties()}


def alles_anonimiseren(user: User) -> None:
    for registratie in registraties():
        if registratie.anonimiseren is not None:
            registratie.anonimiseren(user)


# --- accounts' own data --------------------------------------------------------------


def account_exporteren(user: User) -> dict[str, Any]:
    """The account: profile, roles, e-mail addresses, sign-in methods (never secrets)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount

    return {
        "profiel": {
            "email": user.email,
            "weergavenaam": user.weergavenaam,
            "lid_sinds": user.date_joined,
            "laatst_ingelogd": user.last_login,
            "rollen": sorted(user.groups.values_list("name", flat=True)),
            "verwijderen_op": user.verwijderen_op,
        },
        "emailadressen": list(
            EmailAddress.objects.filter(user=user)
            .order_by("pk")
            .values("email", "verified", "primary")
        ),
        "tweestapsverificatie": list(
            Authenticator.objects.filter(user=user)
            .order_by("pk")
            .values("type", "created_at", "last_used_at")
        ),
        "gekoppelde_accounts": list(
            SocialAccount.objects.filter(user=user)
            .order_by("pk")
            .values("provider", "date_joined", "last_login")
        ),
    }


def account_registreren() -> None:
    # The account itself is anonymised by accounts.services, after every app.
    registreren("accounts", exporteren=account_exporteren, volgorde=0)
