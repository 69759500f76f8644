"""Every change to the joint budget (STYLE "Business logic").

Each function runs in one transaction and starts by locking the pot's row
(``SELECT ... FOR UPDATE``). Two people changing the same pot therefore take
turns, and each sees the totals the other left: the check "does this still fit"
and the write it allows cannot be split by a concurrent change. The database
constraints on ``budget.models`` refuse whatever slips past anyway.

A refusal raises ``ValidationError`` with a Dutch message that says why and,
for money, by how much. Every money event appends one ``Boeking`` to the ledger
with the pot's totals after it.

Who may call what is decided in ``budget.permissions``; these functions check
the state of the money, not the person.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from budget.bedragen import euro
from budget.models import Bijdrage, Boeking, Budgetpot, Goedkeuring, Toewijzing, Uitgave
from budget.policies import (
    bijdrage_kan_intrekken,
    bijdrage_kan_ontvangen,
    toewijzing_kan_afsluiten,
    toewijzing_kan_beantwoorden,
    toewijzing_kan_besteden,
    toewijzing_kan_intrekken,
    toewijzing_uitkomst,
    uren_waarde,
)
from meldingen.models import Soort
from meldingen.services import notify
from opgaven.models import Actie, Betrokkenheid, Opgave
from partners.models import Organisatie
from partners.selectors import contactpersonen

if TYPE_CHECKING:
    from accounts.models import User


def _lock(pot: Budgetpot) -> Budgetpot:
    """The pot's current row, locked until the transaction ends."""
    return Budgetpot.objects.select_for_update().get(pk=pot.pk)


def _tellen(
    pot: Budgetpot,
    *,
    bijgedragen: Decimal = Decimal(0),
    toegewezen: Decimal = Decimal(0),
    besteed: Decimal = Decimal(0),
) -> None:
    """Add to the pot's totals in SQL (``SET toegewezen = toegewezen + ...``) and read
    them back into ``pot``.

    Under the row lock this is the same as saving the new values; without it (a
    bug, or a path that forgot the lock) PostgreSQL still adds to the latest
    committed totals, so the CHECK constraints see the real sums and refuse.
    """
    Budgetpot.objects.filter(pk=pot.pk).update(
        bijgedragen=F("bijgedragen") + bijgedragen,
        toegewezen=F("toegewezen") + toegewezen,
        besteed=F("besteed") + besteed,
    )
    pot.bijgedragen, pot.toegewezen, pot.besteed = Budgetpot.objects.filter(pk=pot.pk).values_list(
        "bijgedragen", "toegewezen", "besteed"
    )[0]


def _boeken(
    pot: Budgetpot,
    *,
    soort: Boeking.Soort,
    bedrag: Decimal,
    door: User,
    omschrijving: str,
    organisatie: Organisatie | None = None,
    bijdrage: Bijdrage | None = None,
    toewijzing: Toewijzing | None = None,
    uitgave: Uitgave | None = None,
) -> Boeking:
    """Append a ledger row with the (already saved) totals of the locked ``pot``."""
    laatste = pot.boekingen.aggregate(n=Max("volgnummer"))["n"] or 0
    return Boeking.objects.create(
        pot=pot,
        volgnummer=laatste + 1,
        door=door,
        soort=soort,
        omschrijving=omschrijving[:500],
        bedrag=bedrag,
        organisatie=organisatie,
        bijdrage=bijdrage,
        toewijzing=toewijzing,
        uitgave=uitgave,
        bijgedragen_na=pot.bijgedragen,
        toegewezen_na=pot.toegewezen,
        besteed_na=pot.besteed,
    )


def _betrokken(opgave: Opgave, organisatie: Organisatie) -> bool:
    return Betrokkenheid.objects.filter(opgave=opgave, organisatie=organisatie).exists()


# --- The pot --------------------------------------------------------------------------


@transaction.atomic
def pot_aanmaken(
    *,
    opgave: Opgave,
    naam: str,
    kassier: Organisatie,
    begin: date,
    eind: date,
    regel: str = Budgetpot.Regel.UNANIEM,
) -> Budgetpot:
    """Open the opgave's pot. The kassier must be involved in the opgave."""
    Opgave.objects.select_for_update().filter(pk=opgave.pk).values_list("pk").first()
    if Budgetpot.objects.filter(opgave=opgave).exists():
        raise ValidationError(_("This opgave already has a budget pot."), code="bestaat")
    if not _betrokken(opgave, kassier):
        raise ValidationError(
            _("%(organisatie)s is not involved in this opgave, so it cannot hold the pot.")
            % {"organisatie": kassier},
            code="niet_betrokken",
        )
    pot = Budgetpot(opgave=opgave, naam=naam, kassier=kassier, begin=begin, eind=eind, regel=regel)
    pot.full_clean()
    pot.save(force_insert=True)
    return pot


POT_VELDEN: frozenset[str] = frozenset({"naam", "kassier", "begin", "eind", "regel"})


@transaction.atomic
def pot_bijwerken(*, pot: Budgetpot, **fields) -> Budgetpot:
    """Change the pot's name, kassier, period or rule.

    The rule cannot change while allocations await an answer: the funders were
    asked under the old one.
    """
    unknown = fields.keys() - POT_VELDEN
    if unknown:
        raise TypeError(f"pot_bijwerken() cannot change {', '.join(sorted(unknown))}")
    locked = _lock(pot)
    if (
        fields.get("regel", locked.regel) != locked.regel
        and locked.toewijzingen.filter(status=Toewijzing.Status.VOORGESTELD).exists()
    ):
        raise ValidationError(
            {
                "regel": _(
                    "The consent rule cannot change while allocations await the funders' "
                    "answer. Decide or withdraw those first."
                )
            },
            code="regel_vast",
        )
    kassier = fields.get("kassier", locked.kassier)
    if kassier.pk != locked.kassier_id and not _betrokken(locked.opgave, kassier):
        raise ValidationError(
            {
                "kassier": _(
                    "%(organisatie)s is not involved in this opgave, so it cannot hold the pot."
                )
                % {"organisatie": kassier}
            },
            code="niet_betrokken",
        )
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    if fields:
        locked.save(update_fields=list(fields))
    return locked


# --- Contributions ----------------------------------------------------------------------


@transaction.atomic
def bijdrage_toevoegen(
    *,
    pot: Budgetpot,
    organisatie: Organisatie,
    soort: str,
    door: User,
    waarde: Decimal | None = None,
    uren: Decimal | None = None,
    uurtarief: Decimal | None = None,
    omschrijving: str = "",
    ontvangen: bool = False,
) -> Bijdrage:
    """Record a pledge (or, with ``ontvangen``, money already received).

    Hours are valued at ``uren x uurtarief``; money and goods at ``waarde``.
    """
    pot = _lock(pot)
    if not _betrokken(pot.opgave, organisatie):
        raise ValidationError(
            _("%(organisatie)s is not involved in the opgave. Add it to the field of forces.")
            % {"organisatie": organisatie},
            code="niet_betrokken",
        )
    if soort == Bijdrage.Soort.UREN:
        if not (uren and uurtarief and uren > 0 and uurtarief > 0):
            raise ValidationError(
                _("Enter the number of hours and the hourly rate, both more than zero."),
                code="uren",
            )
        waarde = uren_waarde(uren, uurtarief)
    else:
        uren = uurtarief = None
    if waarde is None or waarde <= 0:
        raise ValidationError(_("A contribution is worth more than € 0,00."), code="waarde")
    bijdrage = Bijdrage(
        pot=pot,
        organisatie=organisatie,
        soort=soort,
        waarde=waarde,
        uren=uren,
        uurtarief=uurtarief,
        omschrijving=omschrijving,
        status=Bijdrage.Status.ONTVANGEN if ontvangen else Bijdrage.Status.TOEGEZEGD,
        vastgelegd_door=door,
    )
    bijdrage.full_clean()
    bijdrage.save(force_insert=True)
    _tellen(pot, bijgedragen=bijdrage.waarde)
    with translation.override(settings.LANGUAGE_CODE):
        tekst = _("%(organisatie)s pledges %(soort)s") % {
            "organisatie": organisatie,
            "soort": bijdrage.get_soort_display().lower(),
        }
        if omschrijving:
            tekst = f"{tekst}: {omschrijving}"
    _boeken(
        pot,
        soort=Boeking.Soort.BIJDRAGE_TOEGEZEGD,
        bedrag=bijdrage.waarde,
        door=door,
        omschrijving=tekst,
        organisatie=organisatie,
        bijdrage=bijdrage,
    )
    if ontvangen:
        _boeken(
            pot,
            soort=Boeking.Soort.BIJDRAGE_ONTVANGEN,
            bedrag=bijdrage.waarde,
            door=door,
            omschrijving=_ontvangen_tekst(bijdrage),
            organisatie=organisatie,
            bijdrage=bijdrage,
        )
    return bijdrage


def _ontvangen_tekst(bijdrage: Bijdrage) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("The fund holder received the contribution of %(organisatie)s") % {
            "organisatie": bijdrage.organisatie
        }


def _lock_bijdrage(bijdrage: Bijdrage) -> tuple[Budgetpot, Bijdrage]:
    pot = _lock(bijdrage.pot)
    return pot, Bijdrage.objects.select_for_update().select_related("organisatie").get(
        pk=bijdrage.pk
    )


@transaction.atomic
def bijdrage_ontvangen(*, bijdrage: Bijdrage, door: User) -> Bijdrage:
    """The kassier confirms a pledge was received. The totals do not change."""
    pot, bijdrage = _lock_bijdrage(bijdrage)
    if not bijdrage_kan_ontvangen(bijdrage):
        raise ValidationError(
            _("Only a pledged contribution can be marked as received."), code="status"
        )
    bijdrage.status = Bijdrage.Status.ONTVANGEN
    bijdrage.save(update_fields=["status"])
    _boeken(
        pot,
        soort=Boeking.Soort.BIJDRAGE_ONTVANGEN,
        bedrag=bijdrage.waarde,
        door=door,
        omschrijving=_ontvangen_tekst(bijdrage),
        organisatie=bijdrage.organisatie,
        bijdrage=bijdrage,
    )
    return bijdrage


@transaction.atomic
def bijdrage_intrekken(*, bijdrage: Bijdrage, door: User, reden: str = "") -> Bijdrage:
    """Withdraw a contribution, unless the pot then holds less than is allocated."""
    pot, bijdrage = _lock_bijdrage(bijdrage)
    if not bijdrage_kan_intrekken(bijdrage):
        raise ValidationError(_("This contribution has already been withdrawn."), code="status")
    tekort = pot.toegewezen - (pot.bijgedragen - bijdrage.waarde)
    if tekort > 0:
        raise ValidationError(
            _(
                "This contribution cannot be withdrawn: the pot would then hold %(tekort)s less "
                "than has been allocated (%(toegewezen)s allocated, %(over)s would remain). "
                "Withdraw or close allocations first, or add another contribution."
            )
            % {
                "tekort": euro(tekort),
                "toegewezen": euro(pot.toegewezen),
                "over": euro(pot.bijgedragen - bijdrage.waarde),
            },
            code="tekort",
        )
    bijdrage.status = Bijdrage.Status.INGETROKKEN
    bijdrage.save(update_fields=["status"])
    _tellen(pot, bijgedragen=-bijdrage.waarde)
    with translation.override(settings.LANGUAGE_CODE):
        tekst = _("%(organisatie)s withdraws its contribution") % {
            "organisatie": bijdrage.organisatie
        }
        if reden:
            tekst = f"{tekst}: {reden}"
    _boeken(
        pot,
        soort=Boeking.Soort.BIJDRAGE_INGETROKKEN,
        bedrag=bijdrage.waarde,
        door=door,
        omschrijving=tekst,
        organisatie=bijdrage.organisatie,
        bijdrage=bijdrage,
    )
    return bijdrage


# --- Allocations ------------------------------------------------------------------------


def financiers(pot: Budgetpot) -> dict[int, Decimal]:
    """Organisation id → the value it contributes now (pledged or received)."""
    rijen = (
        pot.bijdragen.exclude(status=Bijdrage.Status.INGETROKKEN)
        .values("organisatie_id")
        .annotate(totaal=Sum("waarde"))
        .order_by()
    )
    return {rij["organisatie_id"]: rij["totaal"] for rij in rijen}


@transaction.atomic
def toewijzing_voorstellen(
    *, pot: Budgetpot, actie: Actie, bedrag: Decimal, door: User, toelichting: str = ""
) -> Toewijzing:
    """Propose money for an action. It must fit in what is contributed and not yet
    allocated; every funder is asked to approve, weighted by what it contributes."""
    pot = _lock(pot)
    if actie.opgave_id != pot.opgave_id:
        raise ValidationError(_("This action belongs to another opgave."), code="actie")
    if actie.status == Actie.Status.VERVALLEN:
        raise ValidationError(_("This action has been dropped."), code="actie")
    if bedrag is None or bedrag <= 0:
        raise ValidationError(_("An allocation is more than € 0,00."), code="bedrag")
    if bedrag > pot.beschikbaar:
        raise ValidationError(
            _(
                "%(bedrag)s does not fit: %(beschikbaar)s of the pot is still free "
                "(%(bijgedragen)s contributed, %(toegewezen)s allocated). You are short "
                "%(tekort)s."
            )
            % {
                "bedrag": euro(bedrag),
                "beschikbaar": euro(pot.beschikbaar),
                "bijgedragen": euro(pot.bijgedragen),
                "toegewezen": euro(pot.toegewezen),
                "tekort": euro(bedrag - pot.beschikbaar),
            },
            code="past_niet",
        )
    toewijzing = Toewijzing(
        pot=pot, actie=actie, bedrag=bedrag, toelichting=toelichting, voorgesteld_door=door
    )
    toewijzing.full_clean()
    toewijzing.save(force_insert=True)
    gewichten = financiers(pot)
    Goedkeuring.objects.bulk_create(
        Goedkeuring(toewijzing=toewijzing, organisatie_id=org_id, gewicht=gewicht)
        for org_id, gewicht in sorted(gewichten.items())
    )
    _tellen(pot, toegewezen=bedrag)
    with translation.override(settings.LANGUAGE_CODE):
        tekst = _("Proposed for the action %(actie)s") % {"actie": actie}
    _boeken(
        pot,
        soort=Boeking.Soort.TOEWIJZING_VOORGESTELD,
        bedrag=bedrag,
        door=door,
        omschrijving=tekst,
        toewijzing=toewijzing,
    )
    notify(
        ontvangers=contactpersonen(organisatie_ids=gewichten.keys()),
        soort=Soort.TOEWIJZING_GEVRAAGD,
        object=toewijzing,
        url=_url(pot),
        context={
            "opgave": pot.opgave.titel,
            "actie": actie.titel,
            "bedrag": euro(bedrag),
            "door": door.weergavenaam or settings.GEMEENTE_NAAM,
        },
    )
    return toewijzing


def _url(pot: Budgetpot) -> str:
    return pot.get_absolute_url()


def _lock_toewijzing(toewijzing: Toewijzing) -> tuple[Budgetpot, Toewijzing]:
    pot = _lock(toewijzing.pot)
    return pot, Toewijzing.objects.select_for_update().select_related("actie").get(pk=toewijzing.pk)


@transaction.atomic
def toewijzing_beantwoorden(
    *, goedkeuring: Goedkeuring, akkoord: bool, door: User, reden: str = ""
) -> Toewijzing:
    """A funder approves or rejects (with a reason). When the answers decide the
    allocation under the pot's rule, its status follows; a rejection gives the
    money back to the pot."""
    pot, toewijzing = _lock_toewijzing(goedkeuring.toewijzing)
    goedkeuring = Goedkeuring.objects.select_for_update().get(pk=goedkeuring.pk)
    if not toewijzing_kan_beantwoorden(toewijzing):
        raise ValidationError(_("This allocation has already been decided."), code="besloten")
    if goedkeuring.besluit != Goedkeuring.Besluit.OPEN:
        raise ValidationError(_("Your organisation has already answered."), code="beantwoord")
    reden = reden.strip()
    if not akkoord and not reden:
        raise ValidationError({"reden": _("Give a reason when you reject.")}, code="reden")
    goedkeuring.besluit = Goedkeuring.Besluit.AKKOORD if akkoord else Goedkeuring.Besluit.AFGEWEZEN
    goedkeuring.reden = reden
    goedkeuring.door = door
    goedkeuring.op = timezone.now()
    goedkeuring.save(update_fields=["besluit", "reden", "door", "op"])

    uitkomst = toewijzing_uitkomst(
        pot.regel, toewijzing.goedkeuringen.values_list("gewicht", "besluit")
    )
    if uitkomst is None:
        return toewijzing
    toewijzing.status = uitkomst
    toewijzing.besloten_op = timezone.now()
    toewijzing.save(update_fields=["status", "besloten_op"])
    with translation.override(settings.LANGUAGE_CODE):
        if uitkomst == Toewijzing.Status.GOEDGEKEURD:
            soort, tekst = (
                Boeking.Soort.TOEWIJZING_GOEDGEKEURD,
                _("The funders approved the allocation for %(actie)s"),
            )
        else:
            soort, tekst = (
                Boeking.Soort.TOEWIJZING_AFGEWEZEN,
                _("The funders rejected the allocation for %(actie)s"),
            )
        tekst %= {"actie": toewijzing.actie}
    if uitkomst == Toewijzing.Status.AFGEWEZEN:
        _tellen(pot, toegewezen=-toewijzing.bedrag)
    _boeken(
        pot,
        soort=soort,
        bedrag=toewijzing.bedrag,
        door=door,
        omschrijving=tekst,
        toewijzing=toewijzing,
    )
    # The texts are stored in the site language; the notification is read later.
    with translation.override(settings.LANGUAGE_CODE):
        uitkomst_tekst = str(toewijzing.get_status_display()).lower()
    notify(
        ontvangers=[toewijzing.voorgesteld_door],
        soort=Soort.TOEWIJZING_BESLOTEN,
        object=toewijzing,
        url=_url(pot),
        context={
            "opgave": pot.opgave.titel,
            "actie": toewijzing.actie.titel,
            "bedrag": euro(toewijzing.bedrag),
            "uitkomst": uitkomst_tekst,
        },
    )
    return toewijzing


@transaction.atomic
def toewijzing_intrekken(*, toewijzing: Toewijzing, door: User) -> Toewijzing:
    """Withdraw a proposal, or an approved allocation before anything is spent."""
    pot, toewijzing = _lock_toewijzing(toewijzing)
    if not toewijzing_kan_intrekken(toewijzing):
        raise ValidationError(
            _(
                "Only a proposed allocation, or an approved one with nothing spent yet, can be "
                "withdrawn. Close an allocation with expenses instead."
            ),
            code="status",
        )
    toewijzing.status = Toewijzing.Status.VERVALLEN
    toewijzing.besloten_op = timezone.now()
    toewijzing.save(update_fields=["status", "besloten_op"])
    _tellen(pot, toegewezen=-toewijzing.bedrag)
    with translation.override(settings.LANGUAGE_CODE):
        tekst = _("Allocation for %(actie)s withdrawn") % {"actie": toewijzing.actie}
    _boeken(
        pot,
        soort=Boeking.Soort.TOEWIJZING_VERVALLEN,
        bedrag=toewijzing.bedrag,
        door=door,
        omschrijving=tekst,
        toewijzing=toewijzing,
    )
    return toewijzing


@transaction.atomic
def toewijzing_afsluiten(*, toewijzing: Toewijzing, door: User) -> Toewijzing:
    """Close an approved allocation as spent: what was not spent goes back to the pot."""
    pot, toewijzing = _lock_toewijzing(toewijzing)
    if not toewijzing_kan_afsluiten(toewijzing):
        raise ValidationError(
            _("Only an approved allocation with expenses can be closed."), code="status"
        )
    _besteed_sluiten(pot, toewijzing, door)
    return toewijzing


def _besteed_sluiten(pot: Budgetpot, toewijzing: Toewijzing, door: User) -> None:
    rest = toewijzing.bedrag - toewijzing.besteed
    toewijzing.status = Toewijzing.Status.BESTEED
    toewijzing.save(update_fields=["status"])
    if rest > 0:
        _tellen(pot, toegewezen=-rest)
        with translation.override(settings.LANGUAGE_CODE):
            tekst = _("Allocation for %(actie)s closed; the rest goes back to the pot") % {
                "actie": toewijzing.actie
            }
        _boeken(
            pot,
            soort=Boeking.Soort.TOEWIJZING_AFGESLOTEN,
            bedrag=rest,
            door=door,
            omschrijving=tekst,
            toewijzing=toewijzing,
        )


# --- Expenses ---------------------------------------------------------------------------


@transaction.atomic
def uitgave_boeken(
    *, toewijzing: Toewijzing, bedrag: Decimal, datum: date, omschrijving: str, door: User
) -> Uitgave:
    """Record money spent against an approved allocation. When the whole amount is
    spent, the allocation is closed as spent."""
    pot, toewijzing = _lock_toewijzing(toewijzing)
    if not toewijzing_kan_besteden(toewijzing):
        raise ValidationError(
            _("Money can only be spent against an approved allocation."), code="status"
        )
    if bedrag is None or bedrag <= 0:
        raise ValidationError({"bedrag": _("An expense is more than € 0,00.")}, code="bedrag")
    if datum > timezone.localdate():
        raise ValidationError({"datum": _("An expense cannot be in the future.")}, code="datum")
    if bedrag > toewijzing.resterend:
        raise ValidationError(
            {
                "bedrag": _(
                    "%(bedrag)s is more than what is left of this allocation: %(rest)s "
                    "(%(toegewezen)s allocated, %(besteed)s spent). You are short %(tekort)s."
                )
                % {
                    "bedrag": euro(bedrag),
                    "rest": euro(toewijzing.resterend),
                    "toegewezen": euro(toewijzing.bedrag),
                    "besteed": euro(toewijzing.besteed),
                    "tekort": euro(bedrag - toewijzing.resterend),
                }
            },
            code="past_niet",
        )
    uitgave = Uitgave(
        toewijzing=toewijzing,
        bedrag=bedrag,
        datum=datum,
        omschrijving=omschrijving,
        vastgelegd_door=door,
    )
    uitgave.full_clean()
    uitgave.save(force_insert=True)
    Toewijzing.objects.filter(pk=toewijzing.pk).update(besteed=F("besteed") + bedrag)
    toewijzing.refresh_from_db(fields=["besteed"])
    _tellen(pot, besteed=bedrag)
    with translation.override(settings.LANGUAGE_CODE):
        tekst = _("Spent on %(actie)s: %(omschrijving)s") % {
            "actie": toewijzing.actie,
            "omschrijving": omschrijving,
        }
    _boeken(
        pot,
        soort=Boeking.Soort.UITGAVE,
        bedrag=bedrag,
        door=door,
        omschrijving=tekst,
        toewijzing=toewijzing,
        uitgave=uitgave,
    )
    if toewijzing.besteed == toewijzing.bedrag:
        _besteed_sluiten(pot, toewijzing, door)
    return uitgave


def toewijzing_voor_actie(*, actie: Actie, bedrag: Decimal, door: User, toelichting: str = ""):
    """``toewijzing_voorstellen`` in the pot of the action's opgave, for callers that
    only know the action (``opgaven.financiering``)."""
    pot = Budgetpot.objects.filter(opgave_id=actie.opgave_id).first()
    if pot is None:
        raise ValidationError(
            _("This opgave has no joint budget yet: open one on the Budget tab first."),
            code="geen_pot",
        )
    return toewijzing_voorstellen(
        pot=pot, actie=actie, bedrag=bedrag, door=door, toelichting=toelichting
    )
