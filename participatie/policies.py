"""Pure time and state rules of participation (DESIGN §6.3): no database."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from config.bedragen import euro
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
    if weergavenaam:
        return weergavenaam
    if wijk:
        return _("Resident of %(wijk)s") % {"wijk": wijk}
    return _("Resident")


# --- Burgerbegroting ----------------------------------------------------------------------
#
# Whether a choice fits a ballot, and whether a ballot can be confirmed, with the
# sentence that tells the voter why not. The services apply them under the
# ballot's row lock; the ballot page uses them to explain a choice before it is made.

# The phases of a participatory budget, in order; uitslag is reached only by
# computing the result (``services_begroting.uitslag_berekenen``).
FASE_OVERGANGEN: dict[str, frozenset[str]] = {
    "indienen": frozenset({"haalbaarheid"}),
    "haalbaarheid": frozenset({"indienen", "stemmen"}),
    "stemmen": frozenset(),
    "uitslag": frozenset({"uitvoering"}),
    "uitvoering": frozenset(),
}


def voorstellen_gevraagd(begroting) -> bool:
    """Proposals are asked for: the first phase, in an open round."""
    return begroting.fase == "indienen" and ronde_is_open(begroting.ronde)


def stemmen_open(begroting) -> bool:
    """Residents can vote: the voting phase, in an open round."""
    return begroting.fase == "stemmen" and ronde_is_open(begroting.ronde)


def uitslag_bekend(begroting) -> bool:
    return begroting.fase in {"uitslag", "uitvoering"}


def keuze_bezwaar(
    *, limiet: Decimal, max_keuzes: int | None, totaal: Decimal, aantal: int, kosten: Decimal
) -> str | None:
    """Why a proposal costing ``kosten`` cannot be added to a ballot that holds
    ``aantal`` choices costing ``totaal``; ``None`` when it fits."""
    if max_keuzes is not None and aantal >= max_keuzes:
        return ngettext(
            "You have already chosen %(max)s project, the maximum. Remove it first.",
            "You have already chosen %(max)s projects, the maximum. Remove one first.",
            max_keuzes,
        ) % {"max": max_keuzes}
    if totaal + kosten > limiet:
        return _(
            "This project costs %(kosten)s and you have %(over)s left. Remove a project "
            "first, or choose a cheaper one."
        ) % {"kosten": euro(kosten), "over": euro(limiet - totaal)}
    return None


def bevestigen_bezwaar(
    *, limiet: Decimal, min_besteding_pct: int, totaal: Decimal, aantal: int
) -> str | None:
    """Why a ballot cannot be confirmed; ``None`` when it can."""
    if aantal == 0:
        return _("Choose at least one project before you confirm your vote.")
    minimum = (limiet * min_besteding_pct / 100).quantize(Decimal("0.01"))
    if totaal < minimum:
        return _(
            "Spend at least %(pct)s%% of the budget (%(minimum)s). Your choices add up to "
            "%(totaal)s: add %(tekort)s more."
        ) % {
            "pct": min_besteding_pct,
            "minimum": euro(minimum),
            "totaal": euro(totaal),
            "tekort": euro(minimum - totaal),
        }
    return None
