"""Every change in participation (STYLE "Business logic").

Keyword-only, one transaction each. Who may call what is decided in
``participatie.permissions``; these functions check the state (an open round,
a free place) and keep the stored counters equal to the rows:

- ``Inbreng.aantal_steun`` and ``aantal_reacties`` change in SQL
  (``col = col + 1``) in the transaction that adds or removes the row, so 50
  people supporting at once leave a counter equal to the rows;
- a session's places are handed out under the session's row lock, in order of
  arrival, and a cancellation gives the place to the first on the waiting list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from meldingen.models import Soort
from meldingen.services import notify
from opgaven.models import Actie, Besluit, Gebied, Opgave
from participatie.models import (
    Aanmelding,
    Deelname,
    Inbreng,
    Markering,
    Reactie,
    Ronde,
    Sessie,
    Steun,
    Terugkoppeling,
)
from participatie.policies import (
    aanmelden_kan,
    afmelden_kan,
    inbreng_is_bewerkbaar,
    ronde_is_open,
    ronde_overgang_toegestaan,
)

if TYPE_CHECKING:
    from accounts.models import User

# Paths under /participatie/ that are no round.
GERESERVEERDE_SLUGS: frozenset[str] = frozenset({"nieuw", "mijn", "moderatie", "opgave"})


# --- Rounds -----------------------------------------------------------------------------


RONDE_VELDEN: frozenset[str] = frozenset(
    {
        "titel",
        "vraag",
        "toelichting",
        "invloedsruimte",
        "trede",
        "start",
        "eind",
        "met_inbreng",
        "met_steun",
        "met_sessies",
        "met_burgerbegroting",
    }
)


def _vrije_slug(titel: str) -> str:
    base = slugify(titel)[:200].strip("-") or "ronde"
    slug, number = base, 1
    while slug in GERESERVEERDE_SLUGS or Ronde.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def ronde_aanmaken(
    *, opgave: Opgave, door: User, gebieden: list[Gebied] | tuple = (), **fields
) -> Ronde:
    """Create a round (status ontwerp) on ``opgave`` under a free slug."""
    unknown = fields.keys() - RONDE_VELDEN
    if unknown:
        raise TypeError(f"ronde_aanmaken() does not take {', '.join(sorted(unknown))}")
    ronde = Ronde(opgave=opgave, aangemaakt_door=door, slug=_vrije_slug(fields["titel"]), **fields)
    ronde.full_clean()
    ronde.save(force_insert=True)
    ronde.gebieden.set(gebieden)
    return ronde


@transaction.atomic
def ronde_bijwerken(*, ronde: Ronde, gebieden: list[Gebied] | None = None, **fields) -> Ronde:
    """Change the round's texts, period, rung, methods or areas. The slug stays."""
    unknown = fields.keys() - RONDE_VELDEN
    if unknown:
        raise TypeError(f"ronde_bijwerken() cannot change {', '.join(sorted(unknown))}")
    locked = Ronde.objects.select_for_update().get(pk=ronde.pk)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    if fields:
        locked.save(update_fields=list(fields))
    if gebieden is not None:
        locked.gebieden.set(gebieden)
    return locked


def inbreng_zonder_terugkoppeling(ronde: Ronde):
    """The visible inputs of ``ronde`` that have no feedback yet (hidden ones need none)."""
    return ronde.inbreng.filter(terugkoppeling__isnull=True, verborgen_op__isnull=True)


@transaction.atomic
def ronde_status_wijzigen(*, ronde: Ronde, naar: str, door: User) -> Ronde:
    """Move the round along ``policies.RONDE_OVERGANGEN``. Feedback is given only when
    every visible input has it; the error names how many still lack it."""
    locked = Ronde.objects.select_for_update().get(pk=ronde.pk)
    if not ronde_overgang_toegestaan(locked, naar):
        raise ValidationError(
            _("A round cannot go from “%(van)s” to “%(naar)s”.")
            % {"van": locked.get_status_display(), "naar": Ronde.Status(naar).label},
            code="overgang",
        )
    if naar == Ronde.Status.TERUGGEKOPPELD:
        ontbreekt = inbreng_zonder_terugkoppeling(locked).count()
        if ontbreekt:
            raise ValidationError(
                _(
                    "The round cannot be marked as fed back yet: %(aantal)s inputs have no "
                    "feedback. Give feedback on every input first."
                )
                % {"aantal": ontbreekt},
                code="terugkoppeling_ontbreekt",
            )
        locked.teruggekoppeld_op = timezone.now()
    if naar == Ronde.Status.GESLOTEN:
        locked.gesloten_op = timezone.now()
    locked.status = naar
    locked.save(update_fields=["status", "gesloten_op", "teruggekoppeld_op"])
    return locked


# --- Taking part ------------------------------------------------------------------------


def _check_open(ronde: Ronde) -> None:
    if not ronde_is_open(ronde):
        raise ValidationError(
            _("This round is not open: taking part is no longer possible."), code="dicht"
        )


@transaction.atomic
def deelnemen(
    *, ronde: Ronde, user: User, wijk: Gebied | None = None, leeftijdsgroep: str = ""
) -> Deelname:
    """Join ``ronde`` with consent to the privacy statement; joining again updates the
    optional district and age group."""
    _check_open(ronde)
    if wijk is not None and wijk.niveau != Gebied.Niveau.WIJK:
        raise ValidationError({"wijk": _("Choose a district.")}, code="wijk")
    deelname, _nieuw = Deelname.objects.update_or_create(
        ronde=ronde,
        user=user,
        defaults={"wijk": wijk, "leeftijdsgroep": leeftijdsgroep},
        create_defaults={
            "wijk": wijk,
            "leeftijdsgroep": leeftijdsgroep,
            "toestemming_op": timezone.now(),
        },
    )
    return deelname


def _check_deelname(ronde: Ronde, user: User) -> None:
    if not Deelname.objects.filter(ronde=ronde, user=user).exists():
        raise ValidationError(_("Join the round first."), code="geen_deelname")


@transaction.atomic
def inbreng_indienen(
    *,
    ronde: Ronde,
    auteur: User,
    soort: str,
    titel: str,
    tekst: str,
    gebied: Gebied | None = None,
) -> Inbreng:
    """Submit an idea, concern or question in an open round the author joined."""
    _check_open(ronde)
    if not ronde.met_inbreng:
        raise ValidationError(_("This round does not ask for input."), code="geen_inbreng")
    _check_deelname(ronde, auteur)
    inbreng = Inbreng(
        ronde=ronde,
        auteur=auteur,
        soort=soort,
        titel=titel.strip(),
        tekst=tekst.strip(),
        gebied=gebied,
    )
    inbreng.full_clean()
    inbreng.save(force_insert=True)
    return inbreng


INBRENG_VELDEN: frozenset[str] = frozenset({"soort", "titel", "tekst", "gebied"})


@transaction.atomic
def inbreng_bijwerken(*, inbreng: Inbreng, **fields) -> Inbreng:
    """The author changes their input while the round is open."""
    unknown = fields.keys() - INBRENG_VELDEN
    if unknown:
        raise TypeError(f"inbreng_bijwerken() cannot change {', '.join(sorted(unknown))}")
    locked = Inbreng.objects.select_for_update().select_related("ronde").get(pk=inbreng.pk)
    if not inbreng_is_bewerkbaar(locked):
        raise ValidationError(
            _("This input can no longer be changed: the round is closed."), code="dicht"
        )
    for name, value in fields.items():
        setattr(locked, name, value.strip() if isinstance(value, str) else value)
    locked.full_clean()
    locked.save(update_fields=[*fields, "gewijzigd_op"])
    return locked


@transaction.atomic
def steun_wisselen(*, inbreng: Inbreng, user: User) -> tuple[bool, int]:
    """Support ``inbreng``, or take the support back. Returns (supports now, counter).

    The row and the counter change in one transaction; the counter changes in
    SQL, so concurrent supporters all count. A second support by the same person
    hits the unique constraint and is read as "take it back".
    """
    ronde = inbreng.ronde
    _check_open(ronde)
    if not ronde.met_steun:
        raise ValidationError(_("This round does not collect support."), code="geen_steun")
    if inbreng.auteur_id == user.pk:
        raise ValidationError(_("You cannot support your own input."), code="eigen")
    if inbreng.is_verborgen:
        raise ValidationError(_("This input has been hidden."), code="verborgen")
    try:
        with transaction.atomic():
            Steun.objects.create(inbreng=inbreng, user=user)
    except IntegrityError:
        weg, _detail = Steun.objects.filter(inbreng=inbreng, user=user).delete()
        if weg:
            Inbreng.objects.filter(pk=inbreng.pk).update(aantal_steun=F("aantal_steun") - 1)
        gesteund = False
    else:
        Inbreng.objects.filter(pk=inbreng.pk).update(aantal_steun=F("aantal_steun") + 1)
        gesteund = True
    aantal = Inbreng.objects.filter(pk=inbreng.pk).values_list("aantal_steun", flat=True)[0]
    return gesteund, aantal


@transaction.atomic
def reactie_plaatsen(*, inbreng: Inbreng, auteur: User, tekst: str) -> Reactie:
    """Comment on an input in an open round."""
    _check_open(inbreng.ronde)
    if inbreng.is_verborgen:
        raise ValidationError(_("This input has been hidden."), code="verborgen")
    reactie = Reactie(inbreng=inbreng, auteur=auteur, tekst=tekst.strip())
    reactie.full_clean()
    reactie.save(force_insert=True)
    Inbreng.objects.filter(pk=inbreng.pk).update(aantal_reacties=F("aantal_reacties") + 1)
    return reactie


# --- Moderation -------------------------------------------------------------------------


@transaction.atomic
def markeren(
    *, melder: User, reden: str, inbreng: Inbreng | None = None, reactie: Reactie | None = None
) -> Markering:
    """Flag an input or a comment with a reason, for the round's officials."""
    if (inbreng is None) == (reactie is None):
        raise TypeError("markeren() flags either an input or a comment")
    reden = reden.strip()
    if not reden:
        raise ValidationError({"reden": _("Say what is wrong with it.")}, code="reden")
    markering = Markering(melder=melder, reden=reden, inbreng=inbreng, reactie=reactie)
    markering.full_clean()
    markering.save(force_insert=True)
    return markering


@transaction.atomic
def verbergen(
    *, door: User, reden: str, inbreng: Inbreng | None = None, reactie: Reactie | None = None
) -> Inbreng | Reactie:
    """Hide an input or comment: kept for the record, shown to others as hidden with
    the reason. Its open flags are closed; the author is told."""
    if (inbreng is None) == (reactie is None):
        raise TypeError("verbergen() hides either an input or a comment")
    reden = reden.strip()
    if not reden:
        raise ValidationError({"reden": _("Give the reason for hiding it.")}, code="reden")
    model = Inbreng if inbreng is not None else Reactie
    doel = model.objects.select_for_update().get(pk=(inbreng or reactie).pk)
    al_verborgen = doel.is_verborgen
    if not al_verborgen:
        doel.verborgen_op = timezone.now()
        doel.verborgen_reden = reden
        doel.verborgen_door = door
        doel.save(update_fields=["verborgen_op", "verborgen_reden", "verborgen_door"])
    # Flags that came in on content already hidden are closed with it.
    Markering.objects.filter(
        **({"inbreng": doel} if model is Inbreng else {"reactie": doel}),
        afhandeling=Markering.Afhandeling.OPEN,
    ).update(
        afhandeling=Markering.Afhandeling.VERBORGEN,
        afgehandeld_door=door,
        afgehandeld_op=timezone.now(),
    )
    if al_verborgen:
        return doel
    ronde_inbreng = doel if model is Inbreng else doel.inbreng
    notify(
        ontvangers=[doel.auteur],
        soort=Soort.INBRENG_VERBORGEN,
        object=doel,
        url=ronde_inbreng.get_absolute_url(),
        context={"ronde": ronde_inbreng.ronde.titel, "reden": reden},
    )
    return doel


@transaction.atomic
def markering_afwijzen(*, markering: Markering, door: User) -> Markering:
    """Nothing wrong: the content stays, the flag is closed."""
    markering = Markering.objects.select_for_update().get(pk=markering.pk)
    if markering.afhandeling == Markering.Afhandeling.OPEN:
        markering.afhandeling = Markering.Afhandeling.AFGEWEZEN
        markering.afgehandeld_door = door
        markering.afgehandeld_op = timezone.now()
        markering.save(update_fields=["afhandeling", "afgehandeld_door", "afgehandeld_op"])
    return markering


# --- Feedback ---------------------------------------------------------------------------


@transaction.atomic
def terugkoppelen(
    *,
    inbreng: Inbreng,
    door: User,
    status: str,
    motivering: str,
    besluit: Besluit | None = None,
    actie: Actie | None = None,
) -> Terugkoppeling:
    """Say what was done with an input and why; optionally link the decision or action
    of the opgave. The input takes the status; the author is told (again, when the
    feedback changes)."""
    inbreng = Inbreng.objects.select_for_update().select_related("ronde").get(pk=inbreng.pk)
    opgave_id = inbreng.ronde.opgave_id
    for gekoppeld in (besluit, actie):
        if gekoppeld is not None and gekoppeld.opgave_id != opgave_id:
            raise ValidationError(
                _("Link a decision or action of this round's opgave."), code="andere_opgave"
            )
    motivering = motivering.strip()
    if not motivering:
        raise ValidationError(
            {"motivering": _("Explain what was done with the input, and why.")}, code="motivering"
        )
    terugkoppeling, _nieuw = Terugkoppeling.objects.update_or_create(
        inbreng=inbreng,
        defaults={
            "status": status,
            "motivering": motivering,
            "besluit": besluit,
            "actie": actie,
            "door": door,
        },
    )
    terugkoppeling.full_clean()
    inbreng.status = status
    inbreng.save(update_fields=["status"])
    with translation.override(settings.LANGUAGE_CODE):
        status_tekst = str(terugkoppeling.get_status_display()).lower()
    notify(
        ontvangers=[inbreng.auteur],
        soort=Soort.TERUGKOPPELING,
        object=inbreng,
        url=inbreng.get_absolute_url(),
        context={"titel": inbreng.titel, "status": status_tekst, "ronde": inbreng.ronde.titel},
        dedupe=f"{terugkoppeling.op:%Y%m%d%H%M%S%f}",
    )
    return terugkoppeling


# --- Sessions ---------------------------------------------------------------------------


@transaction.atomic
def aanmelden(*, sessie: Sessie, user: User) -> Aanmelding:
    """Register for a session, or take a place on its waiting list when it is full.

    Under the session's row lock: the count of places and the order of arrival
    cannot be split by someone registering at the same moment.
    """
    sessie = Sessie.objects.select_for_update().select_related("ronde").get(pk=sessie.pk)
    if not aanmelden_kan(sessie, timezone.now()):
        raise ValidationError(_("Registration for this session has closed."), code="dicht")
    if sessie.aanmeldingen.filter(user=user).exclude(status=Aanmelding.Status.GEANNULEERD).exists():
        raise ValidationError(
            _("You are already registered for this session."), code="al_aangemeld"
        )
    volgnummer = (sessie.aanmeldingen.aggregate(n=Max("volgnummer"))["n"] or 0) + 1
    heeft_plaats = sessie.aantal_aangemeld < sessie.capaciteit
    aanmelding = Aanmelding.objects.create(
        sessie=sessie,
        user=user,
        volgnummer=volgnummer,
        status=Aanmelding.Status.AANGEMELD if heeft_plaats else Aanmelding.Status.WACHTLIJST,
    )
    if heeft_plaats:
        Sessie.objects.filter(pk=sessie.pk).update(aantal_aangemeld=F("aantal_aangemeld") + 1)
    return aanmelding


@transaction.atomic
def afmelden(*, aanmelding: Aanmelding) -> Aanmelding | None:
    """Cancel a registration. A freed place goes to the first on the waiting list, who
    is told. Returns the promoted registration, if any."""
    sessie = Sessie.objects.select_for_update().select_related("ronde").get(pk=aanmelding.sessie_id)
    aanmelding = Aanmelding.objects.select_for_update().get(pk=aanmelding.pk)
    aanmelding.sessie = sessie
    if not afmelden_kan(aanmelding, timezone.now()):
        raise ValidationError(_("This registration can no longer be cancelled."), code="status")
    had_plaats = aanmelding.status == Aanmelding.Status.AANGEMELD
    aanmelding.status = Aanmelding.Status.GEANNULEERD
    aanmelding.save(update_fields=["status", "gewijzigd_op"])
    if not had_plaats:
        return None
    volgende = (
        sessie.aanmeldingen.select_for_update()
        .filter(status=Aanmelding.Status.WACHTLIJST)
        .order_by("volgnummer")
        .first()
    )
    if volgende is None:
        Sessie.objects.filter(pk=sessie.pk).update(aantal_aangemeld=F("aantal_aangemeld") - 1)
        return None
    volgende.status = Aanmelding.Status.AANGEMELD
    volgende.save(update_fields=["status", "gewijzigd_op"])
    notify(
        ontvangers=[volgende.user],
        soort=Soort.WACHTLIJST_PLAATS,
        object=volgende,
        url=sessie.get_absolute_url(),
        context={
            "sessie": sessie.titel,
            "start": f"{timezone.localtime(sessie.start):%d-%m-%Y %H:%M}",
        },
    )
    return volgende


@transaction.atomic
def aanwezigheid_vastleggen(*, sessie: Sessie, aanwezig: set[int]) -> int:
    """Mark who attended: registrations of users in ``aanwezig`` become aanwezig, the
    other registered ones go back to aangemeld. Returns how many attended."""
    sessie = Sessie.objects.select_for_update().get(pk=sessie.pk)
    plaatsen = sessie.aanmeldingen.filter(status__in=Aanmelding.PLAATS)
    plaatsen.filter(user_id__in=aanwezig).update(
        status=Aanmelding.Status.AANWEZIG, gewijzigd_op=timezone.now()
    )
    plaatsen.exclude(user_id__in=aanwezig).update(
        status=Aanmelding.Status.AANGEMELD, gewijzigd_op=timezone.now()
    )
    return sessie.aanmeldingen.filter(status=Aanmelding.Status.AANWEZIG).count()


def herinneringen_sturen(*, nu=None) -> int:
    """Remind everyone registered for a session that starts within 24 hours, once.
    Run by beat every quarter of an hour; returns how many were reminded."""
    from datetime import timedelta

    nu = nu or timezone.now()
    aantal = 0
    sessies = Sessie.objects.filter(start__gt=nu, start__lte=nu + timedelta(hours=24))
    for sessie in sessies.select_related("ronde"):
        with transaction.atomic():
            aanmeldingen = list(
                sessie.aanmeldingen.select_for_update(skip_locked=True)
                .filter(status=Aanmelding.Status.AANGEMELD, herinnerd_op__isnull=True)
                .select_related("user")
            )
            if not aanmeldingen:
                continue
            notify(
                ontvangers=[a.user for a in aanmeldingen],
                soort=Soort.SESSIE_HERINNERING,
                object=sessie,
                url=sessie.get_absolute_url(),
                context={
                    "sessie": sessie.titel,
                    "start": f"{timezone.localtime(sessie.start):%d-%m-%Y %H:%M}",
                    "plaats": sessie.locatie or sessie.online_link,
                },
            )
            Aanmelding.objects.filter(pk__in=[a.pk for a in aanmeldingen]).update(herinnerd_op=nu)
            aantal += len(aanmeldingen)
    return aantal
