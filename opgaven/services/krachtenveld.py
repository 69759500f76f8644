"""Every change to an opgave's field of forces (krachtenveld): the organisations
involved, their dated positions, the contacts with them and the commitments made.

Services take keyword-only arguments, run in one transaction, validate with
``full_clean()`` and never check permissions (the views do, through
``opgaven.permissions``). A duplicate that two requests create at the same time
is caught by the database's unique constraint and turned into the same Dutch
message the validation gives.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opgaven.models import (
    Actie,
    Betrokkenheid,
    Contactmoment,
    Instemming,
    Opgave,
    PlanVanAanpak,
    Positie,
    Toezegging,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from accounts.models import User
    from partners.models import Organisatie

# The actions an organisation still leads: it must stay involved to see and update them.
LOPENDE_ACTIES: frozenset[str] = frozenset(
    {Actie.Status.GEPLAND, Actie.Status.BEZIG, Actie.Status.GEBLOKKEERD}
)


# --- Betrokkenheid --------------------------------------------------------------------


@transaction.atomic
def betrokkenheid_toevoegen(
    *,
    opgave: Opgave,
    organisatie: Organisatie,
    aard: str,
    toelichting: str = "",
    sinds: date | None = None,
) -> Betrokkenheid:
    """Involve ``organisatie`` in ``opgave``. Its members may see the opgave from now on.

    An organisation is involved once per opgave: a second time raises a
    ``ValidationError``, also when two requests try at the same moment.
    """
    betrokkenheid = Betrokkenheid(
        opgave=opgave,
        organisatie=organisatie,
        aard=aard,
        toelichting=toelichting.strip(),
        sinds=sinds or timezone.localdate(),
    )
    dubbel = _("This organisation is already involved in this opgave.")
    if Betrokkenheid.objects.filter(opgave=opgave, organisatie=organisatie).exists():
        raise ValidationError({"organisatie": dubbel})
    # The unique constraint is left to the database (_uniek): checked here again, a
    # concurrent insert could surface as a message without its field.
    betrokkenheid.full_clean(validate_constraints=False)
    with _uniek("betrokkenheid_een_per_organisatie", dubbel, veld="organisatie"):
        betrokkenheid.save(force_insert=True)
    return betrokkenheid


@transaction.atomic
def betrokkenheid_wijzigen(
    *, betrokkenheid: Betrokkenheid, aard: str, toelichting: str = "", sinds: date
) -> Betrokkenheid:
    """Change how an organisation relates to the opgave. The organisation itself stays:
    its positions, contacts and commitments belong to it."""
    betrokkenheid.aard = aard
    betrokkenheid.toelichting = toelichting.strip()
    betrokkenheid.sinds = sinds
    betrokkenheid.full_clean()
    betrokkenheid.save(update_fields=["aard", "toelichting", "sinds"])
    return betrokkenheid


@transaction.atomic
def betrokkenheid_verwijderen(*, betrokkenheid: Betrokkenheid) -> None:
    """End an organisation's involvement, with its positions, contacts and commitments.

    Refused while the organisation is still asked to consent to the plan van
    aanpak, or still leads an action that is not finished: without the
    involvement its members could no longer see the opgave to do either.
    """
    opgave_id, organisatie_id = betrokkenheid.opgave_id, betrokkenheid.organisatie_id
    if Instemming.objects.filter(
        opgave_id=opgave_id,
        organisatie_id=organisatie_id,
        besluit=Instemming.Besluit.OPEN,
        plan__status=PlanVanAanpak.Status.TER_INSTEMMING,
    ).exists():
        raise ValidationError(
            _(
                "This organisation is still asked to consent to the plan van aanpak. "
                "It can leave the opgave once the plan has been adopted or withdrawn."
            )
        )
    if Actie.objects.filter(
        opgave_id=opgave_id, trekker_id=organisatie_id, status__in=LOPENDE_ACTIES
    ).exists():
        raise ValidationError(
            _(
                "This organisation still leads actions in the plan van aanpak. "
                "Give those actions another lead, or close them, first."
            )
        )
    betrokkenheid.delete()


# --- Positie --------------------------------------------------------------------------


@transaction.atomic
def positie_vastleggen(
    *,
    betrokkenheid: Betrokkenheid,
    datum: date,
    invloed: int,
    belang: int,
    houding: int,
    toelichting: str = "",
    door: User | None = None,
) -> Positie:
    """Record where an organisation stands on ``datum``: power, interest and attitude.

    One position per organisation per day, and none in the future: a position
    is what was observed, not what is hoped for.
    """
    if datum > timezone.localdate():
        raise ValidationError({"datum": _("A position cannot be dated in the future.")})
    positie = Positie(
        opgave_id=betrokkenheid.opgave_id,
        betrokkenheid=betrokkenheid,
        datum=datum,
        invloed=invloed,
        belang=belang,
        houding=houding,
        toelichting=toelichting.strip(),
        vastgelegd_door=door,
    )
    dubbel = _("This organisation already has a position on this date.")
    if Positie.objects.filter(betrokkenheid=betrokkenheid, datum=datum).exists():
        raise ValidationError({"datum": dubbel})
    # Ranges are checked by the fields' validators; the one-a-day constraint by the
    # database (_uniek), which also catches a position recorded at the same moment.
    positie.full_clean(validate_constraints=False)
    with _uniek("positie_een_per_dag", dubbel, veld="datum"):
        positie.save(force_insert=True)
    return positie


# --- Contactmoment --------------------------------------------------------------------


@transaction.atomic
def contactmoment_vastleggen(
    *,
    opgave: Opgave,
    betrokkenheid: Betrokkenheid,
    datum: date,
    kanaal: str,
    hoedanigheid: str,
    onderwerp: str,
    notitie: str = "",
    door: User | None = None,
) -> Contactmoment:
    """Log a contact with an involved organisation, and in which capacity the person spoke."""
    _hoort_bij(betrokkenheid, opgave)
    if datum > timezone.localdate():
        raise ValidationError({"datum": _("A contact cannot be dated in the future.")})
    contactmoment = Contactmoment(
        opgave=opgave,
        betrokkenheid=betrokkenheid,
        datum=datum,
        kanaal=kanaal,
        hoedanigheid=hoedanigheid,
        onderwerp=onderwerp.strip(),
        notitie=notitie.strip(),
        vastgelegd_door=door,
    )
    contactmoment.full_clean()
    contactmoment.save(force_insert=True)
    return contactmoment


# --- Toezegging -----------------------------------------------------------------------


@transaction.atomic
def toezegging_toevoegen(
    *,
    opgave: Opgave,
    omschrijving: str,
    eigenaar: User,
    deadline: date,
    betrokkenheid: Betrokkenheid | None = None,
) -> Toezegging:
    """Record a commitment with its owner and deadline, optionally made to an organisation."""
    if betrokkenheid is not None:
        _hoort_bij(betrokkenheid, opgave)
    toezegging = Toezegging(
        opgave=opgave,
        betrokkenheid=betrokkenheid,
        omschrijving=omschrijving.strip(),
        eigenaar=eigenaar,
        deadline=deadline,
        status=Toezegging.Status.OPEN,
    )
    toezegging.full_clean()
    toezegging.save(force_insert=True)
    return toezegging


@transaction.atomic
def toezegging_status_wijzigen(*, toezegging: Toezegging, status: str) -> Toezegging:
    """Mark a commitment as kept, lapsed or open again."""
    if status not in Toezegging.Status.values:
        raise ValidationError({"status": _("Choose open, kept or lapsed.")})
    toezegging.status = status
    toezegging.full_clean()
    toezegging.save(update_fields=["status"])
    return toezegging


# --- Helpers --------------------------------------------------------------------------


def _hoort_bij(betrokkenheid: Betrokkenheid, opgave: Opgave) -> None:
    if betrokkenheid.opgave_id != opgave.pk:
        raise ValidationError(
            {"betrokkenheid": _("This organisation is not involved in this opgave.")}
        )


@contextmanager
def _uniek(constraint: str, melding: str, veld: str = NON_FIELD_ERRORS) -> Iterator[None]:
    """Turn a violation of unique constraint ``constraint`` into a ``ValidationError``.

    The service has checked already; this covers a concurrent insert that won
    the race in between. The insert runs in a savepoint, so the caller's
    transaction stays usable.
    """
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        if _constraint_naam(error) != constraint:
            raise
        raise ValidationError({veld: melding}) from error


def _constraint_naam(error: IntegrityError) -> str | None:
    diag = getattr(error.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None)
