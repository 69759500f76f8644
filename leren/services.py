"""Every change in learning and coaching (STYLE "Business logic").

Keyword-only, one transaction each. Who may call what is decided in
``leren.permissions``; these functions check the state (an active trajectory,
the allowed status changes) and keep notifications free of what people wrote:
a notification names who did what and when, never an entry's text or title.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from leren.models import (
    Actiepunt,
    Coachgesprek,
    Coachtraject,
    Competentie,
    Feedback,
    Leerervaring,
    Ontwikkeldoel,
    Ontwikkelplan,
    Voortgangsmeting,
)
from leren.policies import DEELT_IN, traject_overgang_toegestaan
from meldingen.models import Soort
from meldingen.services import notify

if TYPE_CHECKING:
    from accounts.models import User

ERVARING_VELDEN = frozenset(
    {
        "datum",
        "bron",
        "titel",
        "reflectie",
        "situatie",
        "taak",
        "actie",
        "resultaat",
        "opgave",
        "sessie",
        "duur_minuten",
        "zichtbaarheid",
    }
)
PLAN_VELDEN = frozenset({"titel", "van", "tot", "status"})
TRAJECT_VELDEN = frozenset(
    {
        "titel",
        "soort",
        "opdrachtgever",
        "opgave",
        "doelen",
        "afspraken",
        "deelt_voortgang",
        "start",
        "eind",
    }
)


def _velden(functie: str, velden: dict, toegestaan: frozenset[str]) -> None:
    onbekend = velden.keys() - toegestaan
    if onbekend:
        raise TypeError(f"{functie}() does not take {', '.join(sorted(onbekend))}")


# --- Learning entries ---------------------------------------------------------------------


@transaction.atomic
def leerervaring_vastleggen(
    *, auteur: User, competenties: Iterable[Competentie] = (), **velden
) -> Leerervaring:
    """Record a learning entry of ``auteur`` (private unless they choose otherwise)."""
    _velden("leerervaring_vastleggen", velden, ERVARING_VELDEN)
    ervaring = Leerervaring(auteur=auteur, **velden)
    ervaring.full_clean()
    ervaring.save(force_insert=True)
    ervaring.competenties.set(competenties)
    return ervaring


@transaction.atomic
def leerervaring_bijwerken(
    *, ervaring: Leerervaring, competenties: Iterable[Competentie] | None = None, **velden
) -> Leerervaring:
    _velden("leerervaring_bijwerken", velden, ERVARING_VELDEN)
    ervaring = Leerervaring.objects.select_for_update().get(pk=ervaring.pk)
    for naam, waarde in velden.items():
        setattr(ervaring, naam, waarde)
    ervaring.full_clean()
    ervaring.save()
    if competenties is not None:
        ervaring.competenties.set(competenties)
    return ervaring


@transaction.atomic
def leerervaring_verwijderen(*, ervaring: Leerervaring) -> None:
    Leerervaring.objects.filter(pk=ervaring.pk).delete()


# --- Development plans and progress -------------------------------------------------------


@transaction.atomic
def ontwikkelplan_opslaan(
    *,
    eigenaar: User,
    plan: Ontwikkelplan | None = None,
    competenties: Iterable[Competentie] | None = None,
    **velden,
) -> Ontwikkelplan:
    """Create (``plan=None``) or change a development plan of ``eigenaar``."""
    _velden("ontwikkelplan_opslaan", velden, PLAN_VELDEN)
    if plan is None:
        plan = Ontwikkelplan(eigenaar=eigenaar)
    else:
        plan = Ontwikkelplan.objects.select_for_update().get(pk=plan.pk, eigenaar=eigenaar)
    for naam, waarde in velden.items():
        setattr(plan, naam, waarde)
    plan.full_clean()
    plan.save()
    if competenties is not None:
        plan.competenties.set(competenties)
    return plan


@transaction.atomic
def doel_toevoegen(
    *, plan: Ontwikkelplan, omschrijving: str, competentie: Competentie | None = None
) -> Ontwikkeldoel:
    doel = Ontwikkeldoel(plan=plan, omschrijving=omschrijving, competentie=competentie)
    doel.full_clean()
    doel.save(force_insert=True)
    return doel


@transaction.atomic
def doel_voortgang(*, doel: Ontwikkeldoel, voortgang: int, toelichting: str = "") -> Ontwikkeldoel:
    """Record how far a goal is (0 to 100%) and how it is going."""
    doel = Ontwikkeldoel.objects.select_for_update().get(pk=doel.pk)
    doel.voortgang = voortgang
    doel.toelichting = toelichting
    doel.full_clean()
    doel.save(update_fields=["voortgang", "toelichting"])
    return doel


def is_coach_van(coach: User, persoon: User) -> bool:
    """``coach`` coaches ``persoon`` in an active trajectory (individual or team)."""
    return Coachtraject.objects.filter(coach=coach, coachees=persoon, status__in=DEELT_IN).exists()


@transaction.atomic
def voortgang_meten(
    *,
    persoon: User,
    competentie: Competentie,
    niveau: int,
    beoordelaar: User,
    datum: date | None = None,
    toelichting: str = "",
) -> Voortgangsmeting:
    """A level 1 to 5 on a competence: by the person (self-assessment) or by their
    coach in an active trajectory. Anyone else is refused."""
    if beoordelaar.pk == persoon.pk:
        door = Voortgangsmeting.Door.ZELF
    elif is_coach_van(beoordelaar, persoon):
        door = Voortgangsmeting.Door.COACH
    else:
        raise ValidationError(
            _("Only the person and their coach assess progress."), code="geen_coach"
        )
    meting = Voortgangsmeting(
        persoon=persoon,
        competentie=competentie,
        niveau=niveau,
        door=door,
        beoordelaar=beoordelaar,
        datum=datum or timezone.localdate(),
        toelichting=toelichting,
    )
    meting.full_clean()
    meting.save(force_insert=True)
    return meting


# --- Coaching -----------------------------------------------------------------------------


def _check_coachees(soort: str, coach: User, coachees: list[User]) -> None:
    if not coachees:
        raise ValidationError({"coachees": _("Choose who is coached.")}, code="geen_coachees")
    if soort == Coachtraject.Soort.INDIVIDUEEL and len(coachees) != 1:
        raise ValidationError(
            {"coachees": _("An individual trajectory has exactly one coachee.")}, code="een"
        )
    if any(c.pk == coach.pk for c in coachees):
        raise ValidationError({"coachees": _("A coach does not coach themselves.")}, code="zelf")


@transaction.atomic
def traject_aanmaken(*, coach: User, coachees: Iterable[User], **velden) -> Coachtraject:
    """Start a trajectory in intake: the three parties agree on goals and sharing first."""
    _velden("traject_aanmaken", velden, TRAJECT_VELDEN)
    coachees = list(coachees)
    _check_coachees(velden.get("soort", ""), coach, coachees)
    traject = Coachtraject(coach=coach, **velden)
    traject.full_clean()
    traject.save(force_insert=True)
    traject.coachees.set(coachees)
    return traject


@transaction.atomic
def traject_bijwerken(
    *, traject: Coachtraject, coachees: Iterable[User] | None = None, **velden
) -> Coachtraject:
    _velden("traject_bijwerken", velden, TRAJECT_VELDEN)
    traject = Coachtraject.objects.select_for_update().get(pk=traject.pk)
    for naam, waarde in velden.items():
        setattr(traject, naam, waarde)
    traject.full_clean()
    traject.save()
    if coachees is not None:
        coachees = list(coachees)
        _check_coachees(traject.soort, traject.coach, coachees)
        traject.coachees.set(coachees)
    return traject


@transaction.atomic
def traject_status_wijzigen(*, traject: Coachtraject, naar: str) -> Coachtraject:
    """Move along ``policies.TRAJECT_OVERGANGEN``; a finished trajectory gets its end date."""
    traject = Coachtraject.objects.select_for_update().get(pk=traject.pk)
    if not traject_overgang_toegestaan(traject, naar):
        raise ValidationError(
            _("A trajectory cannot go from “%(van)s” to “%(naar)s”.")
            % {"van": traject.get_status_display(), "naar": Coachtraject.Status(naar).label},
            code="overgang",
        )
    traject.status = naar
    if naar in {Coachtraject.Status.AFGEROND, Coachtraject.Status.GEANNULEERD}:
        traject.eind = max(timezone.localdate(), traject.start)
    traject.save(update_fields=["status", "eind"])
    return traject


@transaction.atomic
def gesprek_vastleggen(
    *,
    traject: Coachtraject,
    datum: date,
    gedeelde_notities: str = "",
    prive_notities: str = "",
    actiepunten: Iterable[tuple[str, User | None, date | None]] = (),
) -> Coachgesprek:
    """Record a coaching conversation with its action points (``omschrijving``,
    ``eigenaar`` among the coachees, ``deadline``)."""
    if traject.status in {Coachtraject.Status.AFGEROND, Coachtraject.Status.GEANNULEERD}:
        raise ValidationError(_("This trajectory has ended."), code="afgelopen")
    gesprek = Coachgesprek(
        traject=traject,
        datum=datum,
        gedeelde_notities=gedeelde_notities,
        prive_notities=prive_notities,
    )
    gesprek.full_clean()
    gesprek.save(force_insert=True)
    coachee_ids = set(traject.coachees.values_list("pk", flat=True))
    punten = []
    for omschrijving, eigenaar, deadline in actiepunten:
        if eigenaar is not None and eigenaar.pk not in coachee_ids:
            raise ValidationError(
                _("An action point is for a coachee of this trajectory."), code="eigenaar"
            )
        punt = Actiepunt(
            gesprek=gesprek, omschrijving=omschrijving, eigenaar=eigenaar, deadline=deadline
        )
        punt.full_clean()
        punten.append(punt)
    Actiepunt.objects.bulk_create(punten)
    return gesprek


@transaction.atomic
def actiepunt_afronden(*, actiepunt: Actiepunt) -> Actiepunt:
    actiepunt = Actiepunt.objects.select_for_update().get(pk=actiepunt.pk)
    if actiepunt.afgerond_op is None:
        actiepunt.afgerond_op = timezone.now()
        actiepunt.save(update_fields=["afgerond_op"])
    return actiepunt


@transaction.atomic
def feedback_geven(*, ervaring: Leerervaring, coach: User, tekst: str) -> Feedback:
    """The coach comments on an entry shared with them; the author hears that there is
    feedback (not what it says, nor the entry's title: mail is not the place for it)."""
    if not tekst.strip():
        raise ValidationError({"tekst": _("Write your feedback.")}, code="leeg")
    if ervaring.auteur_id == coach.pk or not is_coach_van(coach, ervaring.auteur):
        raise ValidationError(_("Only a coach of the author gives feedback."), code="geen_coach")
    if ervaring.zichtbaarheid == "prive":
        raise ValidationError(_("This entry is not shared with you."), code="prive")
    feedback = Feedback.objects.create(leerervaring=ervaring, coach=coach, tekst=tekst.strip())
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            ontvangers=[ervaring.auteur],
            soort=Soort.LEER_FEEDBACK,
            object=feedback,
            url=reverse("leren:ervaring", kwargs={"pk": ervaring.pk}),
            context={
                "coach": coach.weergavenaam or _("Your coach"),
                "datum": date_format(ervaring.datum, "SHORT_DATE_FORMAT"),
            },
        )
    return feedback
