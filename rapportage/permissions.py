"""Who may request and read which report (DESIGN §6).

Requesting needs the verb ``rapportage.add_rapport`` (officials, advisers and
partners; residents never) **and** the right to see what the report is about.
Reading (the progress page and the file) needs only the latter, checked again at
every request: whoever lost access to the opgave, round, pot or trajectory lost
its reports too. A report someone may not read is a 404.

- **voortgangsrapportage** and **participatieverslag**: officials and the opgave's
  role holders (``can_view_krachtenveld``): the report holds the municipality's
  own analysis of the field of forces. Partners do not read it.
- **budgetverantwoording**: whoever sees the pot (``budget_rechten``).
- **leerrapport**: the coach and the coachees of the trajectory, and its
  opdrachtgever only when the agreement shares progress.
- **portfolio**: officials (``opgaven.view_interne_opgave``).
- **export of participants** (personal data): only the round's owners
  (``can_manage_ronde``), and each export is logged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

from rapportage.models import Rapport, Soort

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def _actief(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and user.is_active


def can_view_about(user: User | AnonymousUser, soort: str, onderwerp: Any) -> bool:
    """May ``user`` read a report of ``soort`` about ``onderwerp``?"""
    if not _actief(user):
        return False
    if soort == Soort.PORTFOLIO:
        return user.has_perm("opgaven.view_interne_opgave")
    if onderwerp is None:
        return False
    if soort == Soort.VOORTGANG:
        from opgaven.permissions import can_view_krachtenveld

        return can_view_krachtenveld(user, onderwerp)
    if soort == Soort.PARTICIPATIE:
        from opgaven.permissions import can_view_krachtenveld

        opgave = getattr(onderwerp, "opgave", onderwerp)
        return can_view_krachtenveld(user, opgave)
    if soort == Soort.BUDGET:
        from budget.permissions import budget_rechten

        return budget_rechten(user, onderwerp.opgave, onderwerp).kan_bekijken
    if soort == Soort.LEREN:
        from leren.permissions import can_read_progress

        return can_read_progress(user, onderwerp)
    return False


def can_request(user: User | AnonymousUser, soort: str, onderwerp: Any) -> bool:
    return (
        _actief(user)
        and user.has_perm("rapportage.add_rapport")
        and can_view_about(user, soort, onderwerp)
    )


def can_view_rapport(user: User | AnonymousUser, rapport: Rapport) -> bool:
    return can_view_about(user, rapport.soort, rapport.onderwerp)


def can_retry(user: User | AnonymousUser, rapport: Rapport) -> bool:
    return rapport.status == Rapport.Status.MISLUKT and can_request(
        user, rapport.soort, rapport.onderwerp
    )


def can_export_deelnemers(user: User | AnonymousUser, ronde) -> bool:
    from participatie.permissions import can_manage_ronde

    return can_manage_ronde(user, ronde)


def check(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
