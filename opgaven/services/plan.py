"""The plan van aanpak: versions, actions and the partners' consent (issue 4 point 8).

A plan moves ``concept → ter_instemming → vastgesteld``. While it is a draft,
the role holders write its summary and actions. Submitting it asks every
organisation involved in the opgave at that moment (``Betrokkenheid``) for an
``Instemming``; the plan is adopted only when every one of them consented. A
new version copies the actions of the newest version and leaves that version
as it was, so it stays readable.

Every function locks the plan row (or, for the first plan, the opgave row)
before it reads the state it decides on, so two people acting at once are
served one after the other: the last of two consents adopts the plan exactly
once, and two "new version" clicks make one new version. Services never check
permissions; the views do that first (``opgaven.permissions``).
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
from django.utils.translation import gettext as _

from meldingen.services import Soort, notify
from opgaven.models import Actie, Betrokkenheid, Doel, Instemming, Opgave, Opgaverol, PlanVanAanpak
from opgaven.policies import rol_is_actief
from partners.models import Organisatie
from partners.selectors import contactpersonen

if TYPE_CHECKING:
    from accounts.models import User

# The fields of an action that role holders write while the plan is a draft.
ACTIE_VELDEN: tuple[str, ...] = (
    "titel",
    "omschrijving",
    "trekker",
    "doel",
    "start",
    "eind",
    "status",
)
# The answers a partner can give; "open" is the state before answering.
ANTWOORDEN: frozenset[str] = frozenset({Instemming.Besluit.INGESTEMD, Instemming.Besluit.BEZWAAR})


# --- Plan ----------------------------------------------------------------------------


@transaction.atomic
def plan_aanmaken(*, opgave: Opgave, samenvatting: str = "") -> PlanVanAanpak:
    """Start the opgave's first plan: version 1, a draft.

    Later versions come from ``plan_nieuwe_versie``, which copies the actions.
    """
    Opgave.objects.select_for_update().filter(pk=opgave.pk).values_list("pk").first()
    if PlanVanAanpak.objects.filter(opgave=opgave).exists():
        raise ValidationError(
            _("This opgave already has a plan of action. Make a new version of it instead.")
        )
    plan = PlanVanAanpak(opgave=opgave, versie=1, samenvatting=samenvatting.strip())
    plan.full_clean()
    plan.save(force_insert=True)
    return plan


@transaction.atomic
def plan_bijwerken(*, plan: PlanVanAanpak, samenvatting: str) -> PlanVanAanpak:
    """Change the summary of a draft plan."""
    _lock_concept(plan)
    plan.samenvatting = samenvatting.strip()
    plan.full_clean()
    plan.save(update_fields=["samenvatting"])
    return plan


@transaction.atomic
def plan_ter_instemming_voorleggen(*, plan: PlanVanAanpak, door: User) -> list[Instemming]:
    """Ask every organisation involved in the opgave now to consent to ``plan``.

    One open ``Instemming`` per organisation; their contact persons are
    notified. Without involved organisations there is nobody to consent, and
    nothing changes.
    """
    _lock_concept(plan)
    organisatie_ids = list(
        Betrokkenheid.objects.filter(opgave_id=plan.opgave_id)
        .order_by("organisatie__naam", "organisatie_id")
        .values_list("organisatie_id", flat=True)
    )
    if not organisatie_ids:
        raise ValidationError(
            _(
                "No organisation is involved in this opgave yet, so nobody can consent to "
                "the plan. Add the involved organisations in the field of forces first."
            )
        )
    instemmingen = [
        Instemming(opgave_id=plan.opgave_id, plan=plan, organisatie_id=organisatie_id)
        for organisatie_id in organisatie_ids
    ]
    for instemming in instemmingen:
        instemming.full_clean(exclude=["plan", "opgave", "organisatie"], validate_unique=False)
    instemmingen = Instemming.objects.bulk_create(instemmingen)

    plan.status = PlanVanAanpak.Status.TER_INSTEMMING
    plan.ingediend_op = timezone.now()
    plan.save(update_fields=["status", "ingediend_op"])
    _instemming_gevraagd_melden(plan=plan, organisatie_ids=organisatie_ids, door=door)
    return instemmingen


@transaction.atomic
def plan_nieuwe_versie(*, plan: PlanVanAanpak) -> PlanVanAanpak:
    """Make version n+1 of the newest plan, a draft with a copy of its summary and actions.

    Only from a plan that was submitted (awaiting consent, or adopted): a draft
    can simply be edited. The old version, its actions and its consents stay
    as they are.
    """
    stored = _lock(plan)
    if _nieuwere_versie_bestaat(stored):
        raise ValidationError(
            _("Someone has just made a newer version of this plan. Continue with that one.")
        )
    if stored.status == PlanVanAanpak.Status.CONCEPT:
        raise ValidationError(
            _("This version is still a draft: change it instead of making a new version.")
        )
    nieuw = PlanVanAanpak(
        opgave_id=stored.opgave_id, versie=stored.versie + 1, samenvatting=stored.samenvatting
    )
    nieuw.full_clean(exclude=["opgave"])
    nieuw.save(force_insert=True)

    oude_acties = list(stored.acties.prefetch_related("uitvoerders").order_by("pk"))
    kopieen = Actie.objects.bulk_create(
        [
            Actie(
                opgave_id=actie.opgave_id,
                plan=nieuw,
                **{veld: getattr(actie, veld) for veld in ACTIE_VELDEN},
            )
            for actie in oude_acties
        ]
    )
    Actie.uitvoerders.through.objects.bulk_create(
        [
            Actie.uitvoerders.through(actie_id=kopie.pk, organisatie_id=uitvoerder.pk)
            for actie, kopie in zip(oude_acties, kopieen, strict=True)
            for uitvoerder in actie.uitvoerders.all()
        ]
    )
    return nieuw


# --- Acties --------------------------------------------------------------------------


@transaction.atomic
def actie_toevoegen(
    *,
    plan: PlanVanAanpak,
    titel: str,
    trekker: Organisatie,
    omschrijving: str = "",
    uitvoerders: Iterable[Organisatie] = (),
    doel: Doel | None = None,
    start: date | None = None,
    eind: date | None = None,
    status: str = Actie.Status.GEPLAND,
) -> Actie:
    """Add an action to a draft plan."""
    _lock_concept(plan)
    actie = Actie(opgave_id=plan.opgave_id, plan=plan)
    return _actie_opslaan(
        actie,
        nieuw=True,
        uitvoerders=uitvoerders,
        titel=titel,
        omschrijving=omschrijving,
        trekker=trekker,
        doel=doel,
        start=start,
        eind=eind,
        status=status,
    )


@transaction.atomic
def actie_bijwerken(
    *,
    actie: Actie,
    titel: str,
    trekker: Organisatie,
    omschrijving: str = "",
    uitvoerders: Iterable[Organisatie] = (),
    doel: Doel | None = None,
    start: date | None = None,
    eind: date | None = None,
    status: str = Actie.Status.GEPLAND,
) -> Actie:
    """Change an action of a draft plan."""
    _lock_concept(actie.plan)
    return _actie_opslaan(
        actie,
        nieuw=False,
        uitvoerders=uitvoerders,
        titel=titel,
        omschrijving=omschrijving,
        trekker=trekker,
        doel=doel,
        start=start,
        eind=eind,
        status=status,
    )


@transaction.atomic
def actie_verwijderen(*, actie: Actie) -> None:
    """Remove an action from a draft plan."""
    _lock_concept(actie.plan)
    actie.delete()


@transaction.atomic
def actie_status_wijzigen(*, actie: Actie, status: str) -> Actie:
    """Record how an action of the newest plan version is getting on.

    Any status of the plan: a draft's actions are planned, an adopted plan's
    actions are carried out. Older versions stay as they were.
    """
    stored = _lock(actie.plan)
    if _nieuwere_versie_bestaat(stored):
        raise ValidationError(
            _(
                "This action belongs to an older version of the plan. "
                "Change its status in the newest version."
            )
        )
    actie.status = status
    actie.full_clean(exclude=["opgave", "plan", "trekker", "doel"])
    actie.save(update_fields=["status"])
    return actie


def _actie_opslaan(
    actie: Actie, *, nieuw: bool, uitvoerders: Iterable[Organisatie], **velden
) -> Actie:
    velden["titel"] = velden["titel"].strip()
    velden["omschrijving"] = velden["omschrijving"].strip()
    uitvoerders = list(uitvoerders)
    _check_organisaties(actie, trekker=velden["trekker"], uitvoerders=uitvoerders)
    doel = velden["doel"]
    if doel is not None and doel.opgave_id != actie.opgave_id:
        raise ValidationError({"doel": _("Choose a goal of this opgave.")})
    for naam, waarde in velden.items():
        setattr(actie, naam, waarde)
    actie.full_clean(exclude=["opgave", "plan"])
    if nieuw:
        actie.save(force_insert=True)
    else:
        actie.save(update_fields=list(velden))
    actie.uitvoerders.set(uitvoerders)
    return actie


def _check_organisaties(
    actie: Actie, *, trekker: Organisatie, uitvoerders: list[Organisatie]
) -> None:
    """Trekker and uitvoerders are organisations involved in the opgave.

    An organisation that is no longer involved may stay on an action it was
    already on; it cannot be added anew.
    """
    betrokken = set(
        Betrokkenheid.objects.filter(opgave_id=actie.opgave_id).values_list(
            "organisatie_id", flat=True
        )
    )
    al_op_actie: set[int] = set()
    if actie.pk is not None:
        stored = Actie.objects.filter(pk=actie.pk).values_list("trekker_id", flat=True).first()
        al_op_actie = {stored, *actie.uitvoerders.values_list("pk", flat=True)}
    toegestaan = betrokken | al_op_actie
    errors: dict[str, str] = {}
    if trekker.pk not in toegestaan:
        errors["trekker"] = _("The lead organisation must be involved in this opgave.")
    if any(uitvoerder.pk not in toegestaan for uitvoerder in uitvoerders):
        errors["uitvoerders"] = _(
            "Every organisation carrying out the action must be involved in this opgave."
        )
    if errors:
        raise ValidationError(errors)


# --- Instemming ----------------------------------------------------------------------


@transaction.atomic
def instemming_beantwoorden(
    *, instemming: Instemming, besluit: str, reden: str = "", door: User
) -> Instemming:
    """Record an organisation's consent or objection to a plan awaiting consent.

    An objection needs a reason and keeps the plan awaiting consent; the role
    holders hear of it. When this answer is the last consent, the plan is
    adopted and the role holders hear that. The plan row is locked first, so
    of two last consents at once exactly one adopts the plan.
    """
    plan = _lock(instemming.plan)
    if plan.status != PlanVanAanpak.Status.TER_INSTEMMING or _nieuwere_versie_bestaat(plan):
        raise ValidationError(_("This plan is no longer awaiting consent."))
    stored = Instemming.objects.get(pk=instemming.pk)
    if stored.besluit != Instemming.Besluit.OPEN:
        raise ValidationError(_("Your organisation has already answered."))
    if besluit not in ANTWOORDEN:
        raise ValidationError({"besluit": _("Choose whether you consent or object.")})
    reden = reden.strip()
    if besluit == Instemming.Besluit.BEZWAAR and not reden:
        raise ValidationError({"reden": _("Give a reason for the objection.")})

    instemming.besluit = besluit
    instemming.reden = reden
    instemming.door = door
    instemming.op = timezone.now()
    instemming.full_clean(exclude=["opgave", "plan", "organisatie"], validate_unique=False)
    instemming.save(update_fields=["besluit", "reden", "door", "op"])

    if besluit == Instemming.Besluit.BEZWAAR:
        _bezwaar_melden(plan=plan, instemming=instemming)
    elif _alle_ingestemd(plan):
        plan.status = PlanVanAanpak.Status.VASTGESTELD
        plan.vastgesteld_op = timezone.now()
        plan.save(update_fields=["status", "vastgesteld_op"])
        _vastgesteld_melden(plan=plan)
    instemming.plan = plan
    return instemming


def _alle_ingestemd(plan: PlanVanAanpak) -> bool:
    """Has every organisation asked consented? Read under the plan's lock."""
    return not plan.instemmingen.exclude(besluit=Instemming.Besluit.INGESTEMD).exists()


# --- Locks and state -----------------------------------------------------------------


def _lock(plan: PlanVanAanpak) -> PlanVanAanpak:
    """The plan as stored now, its row locked until the transaction ends."""
    return PlanVanAanpak.objects.select_for_update().select_related("opgave").get(pk=plan.pk)


def _lock_concept(plan: PlanVanAanpak) -> PlanVanAanpak:
    stored = _lock(plan)
    if stored.status != PlanVanAanpak.Status.CONCEPT:
        raise ValidationError(
            _(
                "This plan has been submitted for consent and can no longer be changed. "
                "Make a new version to change it."
            )
        )
    return stored


def _nieuwere_versie_bestaat(plan: PlanVanAanpak) -> bool:
    return PlanVanAanpak.objects.filter(opgave_id=plan.opgave_id, versie__gt=plan.versie).exists()


# --- Notifications -------------------------------------------------------------------


def plan_url(plan: PlanVanAanpak) -> str:
    return reverse("opgaven:plan_versie", kwargs={"slug": plan.opgave.slug, "versie": plan.versie})


def _rolhouders(opgave_id: int) -> list[User]:
    """Everyone with a role on the opgave today (one query)."""
    today = timezone.localdate()
    rollen = Opgaverol.objects.filter(opgave_id=opgave_id).select_related("user")
    return list({rol.user_id: rol.user for rol in rollen if rol_is_actief(rol, today)}.values())


def _door(user: User | None) -> str:
    # The display name only: never someone's e-mail address (DESIGN §6.7).
    return (user.weergavenaam if user is not None else "") or settings.GEMEENTE_NAAM


def _instemming_gevraagd_melden(
    *, plan: PlanVanAanpak, organisatie_ids: list[int], door: User
) -> None:
    context = {"opgave": plan.opgave.titel, "versie": str(plan.versie), "door": _door(door)}
    notify(
        ontvangers=contactpersonen(organisatie_ids=organisatie_ids),
        soort=Soort.INSTEMMING_GEVRAAGD,
        object=plan,
        context=context,
        url=plan_url(plan),
    )


def _bezwaar_melden(*, plan: PlanVanAanpak, instemming: Instemming) -> None:
    # The texts are stored in the site language; the notification is read later.
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "opgave": plan.opgave.titel,
            "versie": str(plan.versie),
            "organisatie": instemming.organisatie.naam,
            "reden": instemming.reden,
        }
    notify(
        ontvangers=_rolhouders(plan.opgave_id),
        soort=Soort.PLAN_BEZWAAR,
        object=plan,
        context=context,
        url=plan_url(plan),
        dedupe=str(instemming.pk),
    )


def _vastgesteld_melden(*, plan: PlanVanAanpak) -> None:
    notify(
        ontvangers=_rolhouders(plan.opgave_id),
        soort=Soort.PLAN_VASTGESTELD,
        object=plan,
        context={"opgave": plan.opgave.titel, "versie": str(plan.versie)},
        url=plan_url(plan),
    )
