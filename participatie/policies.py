"""Pure time and state rules of participation (DESIGN §6.3): no database."""

from __future__ import annotations

from datetime import datetime

from participatie.models import Aanmelding, Inbreng, Ronde, Sessie

# The allowed status changes of a round, kept in one place. A closed round can
# open again (a deadline extended); feedback is the last step.
RONDE_OVERGANGEN: dict[str, frozenset[str]] = {
    Ronde.Status.ONTWERP: frozenset({Ronde.Status.OPEN}),
    Ronde.Status.OPEN: frozenset({Ronde.Status.GESLOTEN}),
    Ronde.Status.GESLOTEN: frozenset({Ronde.Status.OPEN, Ronde.Status.TERUGGEKOPPELD}),
    Ronde.Status.TERUGGEKOPPELD: frozenset(),
}


def ronde_overgang_toegestaan(ronde: Ronde, naar: str) -> bool:
    return naar in RONDE_OVERGANGEN[Ronde.Status(ronde.status)]


def ronde_is_openbaar(ronde: Ronde) -> bool:
    """Everyone, anonymous visitors too, reads a round once it is no longer a draft."""
    return ronde.status != Ronde.Status.ONTWERP


def ronde_is_open(ronde: Ronde) -> bool:
    """Residents can join, submit, edit their input, support and comment."""
    return ronde.status == Ronde.Status.OPEN


def inbreng_is_bewerkbaar(inbreng: Inbreng) -> bool:
    """The author edits their input while the round is open and it is not hidden."""
    return ronde_is_open(inbreng.ronde) and not inbreng.is_verborgen


def aanmelden_kan(sessie: Sessie, nu: datetime) -> bool:
    """Registration is open until the deadline, in a round that is no draft."""
    return ronde_is_openbaar(sessie.ronde) and nu < sessie.aanmelden_tot


def afmelden_kan(aanmelding: Aanmelding, nu: datetime) -> bool:
    """A resident cancels until the session starts (the waiting list then moves up)."""
    return (
        aanmelding.status in {Aanmelding.Status.AANGEMELD, Aanmelding.Status.WACHTLIJST}
        and nu < aanmelding.sessie.start
    )


def toon_naam(weergavenaam: str, wijk: str | None) -> str:
    """How a resident appears on public pages: the name they chose, or
    "Inwoner uit <wijk>", or "Inwoner" (DESIGN §6.7). Never their e-mail address."""
    from django.utils.translation import gettext as _

    if weergavenaam:
        return weergavenaam
    if wijk:
        return _("Resident of %(wijk)s") % {"wijk": wijk}
    return _("Resident")
