"""Planning co-creation sessions and turning their outcomes into work (issue 6 point 7).

Next to ``participatie.services`` (registration, cancelling, attendance,
reminders), which this module leaves as it is:

- ``sessie_aanmaken`` / ``sessie_bijwerken``: the session's details. The
  capacity cannot drop below the people who hold a place; raising it gives
  the new places to the waiting list in order of arrival, under the session's
  row lock (the lock ``services.aanmelden`` takes), and tells each of them;
- ``uitkomst_vastleggen`` / ``uitkomst_omzetten``: what a session produced, and
  making an agreement, action or position of it a ``Toezegging``, ``Actie`` or
  ``Positie`` of the opgave, once (the outcome's row is locked while it happens).

Services never check permissions: the views do (``participatie.permissions``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from meldingen.models import Soort
from meldingen.services import notify
from opgaven.models import Betrokkenheid, PlanVanAanpak
from opgaven.selectors.krachtenveld import eigenaren_kiesbaar
from opgaven.services.krachtenveld import positie_vastleggen, toezegging_toevoegen
from opgaven.services.plan import actie_toevoegen
from participatie.models import Aanmelding, Ronde, Sessie, Uitkomst

if TYPE_CHECKING:
    from accounts.models import User
    from opgaven.models import Opgave
    from partners.models import Organisatie

SESSIE_VELDEN: frozenset[str] = frozenset(
    {"titel", "start", "eind", "locatie", "online_link", "capaciteit", "aanmelden_tot", "agenda"}
)


# --- Sessions -------------------------------------------------------------------------


def _check_velden(functie: str, velden: dict) -> None:
    onbekend = velden.keys() - SESSIE_VELDEN
    if onbekend:
        raise TypeError(f"{functie}() does not take {', '.join(sorted(onbekend))}")


def _schoon(velden: dict) -> dict:
    return {naam: w.strip() if isinstance(w, str) else w for naam, w in velden.items()}


def _check_sessie(sessie: Sessie) -> None:
    """The rules of a session's details, each at its field, in Dutch for the form."""
    fouten: dict[str, str] = {}
    if sessie.start and sessie.eind and sessie.eind <= sessie.start:
        fouten["eind"] = _("The session must end after it starts.")
    if sessie.start and sessie.aanmelden_tot and sessie.aanmelden_tot > sessie.start:
        fouten["aanmelden_tot"] = _("Registration must close before the session starts.")
    if not sessie.locatie and not sessie.online_link:
        fouten["locatie"] = _("Give a place or an online link (or both).")
    if sessie.capaciteit is not None and sessie.capaciteit < 1:
        fouten["capaciteit"] = _("A session has room for at least one person.")
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def sessie_aanmaken(*, ronde: Ronde, **velden) -> Sessie:
    """Plan a session in ``ronde``, which must use sessions. It cannot start in the past."""
    _check_velden("sessie_aanmaken", velden)
    if not ronde.met_sessies:
        raise ValidationError(
            _("This round does not use sessions. Switch sessions on in the round first."),
            code="geen_sessies",
        )
    sessie = Sessie(ronde=ronde, **_schoon(velden))
    _check_sessie(sessie)
    if sessie.start <= timezone.now():
        raise ValidationError({"start": _("A new session cannot start in the past.")})
    sessie.full_clean()
    sessie.save(force_insert=True)
    return sessie


@transaction.atomic
def sessie_bijwerken(*, sessie: Sessie, **velden) -> Sessie:
    """Change a session's details. Under the session's lock:

    - the capacity cannot be lower than the number of people who hold a place;
    - a higher capacity gives the new places to the waiting list, first come
      first served, and tells each of them;
    - a new start time means everyone gets a reminder again for the new time.
    """
    _check_velden("sessie_bijwerken", velden)
    locked = Sessie.objects.select_for_update().select_related("ronde").get(pk=sessie.pk)
    oude_start = locked.start
    for naam, waarde in _schoon(velden).items():
        setattr(locked, naam, waarde)
    _check_sessie(locked)
    if locked.capaciteit < locked.aantal_aangemeld:
        raise ValidationError(
            {
                "capaciteit": _(
                    "%(aantal)s people have already registered: the capacity cannot be lower "
                    "than that."
                )
                % {"aantal": locked.aantal_aangemeld}
            },
            code="capaciteit",
        )
    locked.full_clean()
    locked.save(update_fields=list(velden))
    if locked.start != oude_start:
        locked.aanmeldingen.filter(herinnerd_op__isnull=False).update(herinnerd_op=None)
    _wachtlijst_doorschuiven(locked)
    locked.refresh_from_db(fields=["aantal_aangemeld"])
    return locked


def _wachtlijst_doorschuiven(sessie: Sessie) -> list[Aanmelding]:
    """Give the session's free places to the waiting list in order of arrival.
    Call with the session's row locked."""
    vrij = sessie.capaciteit - sessie.aantal_aangemeld
    if vrij <= 0:
        return []
    volgenden = list(
        sessie.aanmeldingen.select_for_update()
        .filter(status=Aanmelding.Status.WACHTLIJST)
        .select_related("user")
        .order_by("volgnummer")[:vrij]
    )
    if not volgenden:
        return []
    Aanmelding.objects.filter(pk__in=[a.pk for a in volgenden]).update(
        status=Aanmelding.Status.AANGEMELD, gewijzigd_op=timezone.now()
    )
    Sessie.objects.filter(pk=sessie.pk).update(
        aantal_aangemeld=F("aantal_aangemeld") + len(volgenden)
    )
    context = {
        "sessie": sessie.titel,
        "start": f"{timezone.localtime(sessie.start):%d-%m-%Y %H:%M}",
    }
    for aanmelding in volgenden:
        aanmelding.status = Aanmelding.Status.AANGEMELD
        notify(
            ontvangers=[aanmelding.user],
            soort=Soort.WACHTLIJST_PLAATS,
            object=aanmelding,
            url=sessie.get_absolute_url(),
            context=context,
        )
    return volgenden


# --- Outcomes -------------------------------------------------------------------------


@transaction.atomic
def uitkomst_vastleggen(
    *, sessie: Sessie, door: User, soort: str, titel: str, toelichting: str = ""
) -> Uitkomst:
    """Record what a session produced: an idea, an agreement, an action or a position."""
    uitkomst = Uitkomst(
        sessie=sessie,
        vastgelegd_door=door,
        soort=soort,
        titel=titel.strip(),
        toelichting=toelichting.strip(),
    )
    uitkomst.full_clean()
    uitkomst.save(force_insert=True)
    return uitkomst


def concept_plan(opgave: Opgave) -> PlanVanAanpak | None:
    """The opgave's newest plan van aanpak if it is still a draft: where new actions go."""
    plan = PlanVanAanpak.objects.filter(opgave=opgave).order_by("-versie").first()
    if plan is None or plan.status != PlanVanAanpak.Status.CONCEPT:
        return None
    return plan


def geen_concept_plan_fout() -> ValidationError:
    return ValidationError(
        _(
            "This opgave has no draft plan of action, so an action cannot be added. Make a "
            "plan of action (or a new version of it) in the workspace first, then come back."
        ),
        code="geen_concept_plan",
    )


def _verplicht(velden: dict) -> None:
    ontbreekt = {naam: _("This field is required.") for naam, w in velden.items() if w is None}
    if ontbreekt:
        raise ValidationError(ontbreekt)


@transaction.atomic
def uitkomst_omzetten(
    *,
    uitkomst: Uitkomst,
    door: User,
    trekker: Organisatie | None = None,
    eigenaar: User | None = None,
    deadline: date | None = None,
    betrokkenheid: Betrokkenheid | None = None,
    datum: date | None = None,
    invloed: int | None = None,
    belang: int | None = None,
    houding: int | None = None,
) -> Uitkomst:
    """Make the outcome part of the opgave's work, once:

    - an action (``trekker``) becomes an ``Actie`` in the newest plan, which must be a draft;
    - an agreement (``eigenaar``, ``deadline``) becomes a ``Toezegging``;
    - a position (``betrokkenheid``, ``datum``, ``invloed``, ``belang``, ``houding``)
      becomes a ``Positie`` of that involved organisation.

    An idea stays an idea. The outcome keeps the link to what it became.
    """
    uitkomst = (
        Uitkomst.objects.select_for_update(of=("self",))
        .select_related("sessie__ronde__opgave")
        .get(pk=uitkomst.pk)
    )
    if uitkomst.omgezet:
        raise ValidationError(
            _("This outcome has already been turned into something in the opgave."),
            code="al_omgezet",
        )
    opgave = uitkomst.sessie.ronde.opgave
    soort = Uitkomst.Soort(uitkomst.soort)
    if soort == Uitkomst.Soort.ACTIE:
        _verplicht({"trekker": trekker})
        plan = concept_plan(opgave)
        if plan is None:
            raise geen_concept_plan_fout()
        uitkomst.actie = actie_toevoegen(
            plan=plan, titel=uitkomst.titel, omschrijving=uitkomst.toelichting, trekker=trekker
        )
        veld = "actie"
    elif soort == Uitkomst.Soort.AFSPRAAK:
        _verplicht({"eigenaar": eigenaar, "deadline": deadline})
        if not eigenaren_kiesbaar(opgave=opgave).filter(pk=eigenaar.pk).exists():
            raise ValidationError({"eigenaar": _("Choose someone with a role on this opgave.")})
        omschrijving = uitkomst.titel
        uitkomst.toezegging = toezegging_toevoegen(
            opgave=opgave, omschrijving=omschrijving[:300], eigenaar=eigenaar, deadline=deadline
        )
        veld = "toezegging"
    elif soort == Uitkomst.Soort.POSITIE:
        _verplicht(
            {
                "betrokkenheid": betrokkenheid,
                "datum": datum,
                "invloed": invloed,
                "belang": belang,
                "houding": houding,
            }
        )
        if betrokkenheid.opgave_id != opgave.pk:
            raise ValidationError(
                {"betrokkenheid": _("Choose an organisation involved in this opgave.")}
            )
        toelichting = uitkomst.titel
        if uitkomst.toelichting:
            toelichting = f"{uitkomst.titel}\n\n{uitkomst.toelichting}"
        uitkomst.positie = positie_vastleggen(
            betrokkenheid=betrokkenheid,
            datum=datum,
            invloed=invloed,
            belang=belang,
            houding=houding,
            toelichting=toelichting,
            door=door,
        )
        veld = "positie"
    else:
        raise ValidationError(
            _(
                "An idea stays an outcome of the session: only an agreement, an action or a "
                "position can be turned into something in the opgave."
            ),
            code="idee",
        )
    uitkomst.save(update_fields=[veld])
    return uitkomst
