"""Every state change of an opgave's goals, indicators and measurements.

Services take keyword-only, typed arguments, run in one transaction, validate
with ``full_clean()`` and save with ``update_fields``. They never check
permissions: the caller does, through ``opgaven.permissions``. The audit trail
(``@gevolgd``) records every change.

The goal tree stays a tree: a goal serves a goal of the same opgave, never
itself or one of the goals below it. Tree changes of one opgave lock its row,
so two moves at once (A under B, B under A) cannot together make a cycle.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opgaven.models import Doel, Indicator, Meting, Opgave

if TYPE_CHECKING:
    from accounts.models import User

# Fields the update services may change.
DOEL_VELDEN: frozenset[str] = frozenset(
    {"soort", "titel", "omschrijving", "bovenliggend", "volgorde"}
)
INDICATOR_VELDEN: frozenset[str] = frozenset(
    {"naam", "eenheid", "bron", "nulmeting", "streefwaarde", "streefdatum"}
)


# --- Doel ---------------------------------------------------------------------------


@transaction.atomic
def doel_create(
    *,
    opgave: Opgave,
    titel: str,
    soort: str = Doel.Soort.DOEL,
    omschrijving: str = "",
    bovenliggend: Doel | None = None,
    volgorde: int = 0,
) -> Doel:
    """Add a goal (or an effect) to ``opgave``'s tree, under ``bovenliggend`` if given."""
    _lock(opgave)
    doel = Doel(
        opgave=opgave,
        titel=titel,
        soort=soort,
        omschrijving=omschrijving,
        bovenliggend=bovenliggend,
        volgorde=volgorde,
    )
    _boom_controleren(doel)
    doel.full_clean()
    doel.save(force_insert=True)
    return doel


@transaction.atomic
def doel_update(*, doel: Doel, **fields) -> Doel:
    """Change the given fields of ``doel``; moving it may not make the tree a cycle."""
    unknown = fields.keys() - DOEL_VELDEN
    if unknown:
        raise TypeError(f"doel_update() cannot change {', '.join(sorted(unknown))}")
    _lock(doel.opgave)
    for name, value in fields.items():
        setattr(doel, name, value)
    _boom_controleren(doel)
    doel.full_clean()
    doel.save(update_fields=list(fields))
    return doel


@transaction.atomic
def doel_delete(*, doel: Doel) -> None:
    """Delete ``doel`` with the goals below it and all their indicators and measurements."""
    _lock(doel.opgave)
    doel.delete()


def _boom_controleren(doel: Doel) -> None:
    """The tree rules for ``doel`` as it is about to be saved; raises ``ValidationError``.

    Reads the stored tree (the caller holds the opgave's lock) and walks up from
    the new parent: meeting ``doel`` on the way means a cycle.
    """
    ouder = doel.bovenliggend
    if ouder is None:
        return
    if doel.soort == Doel.Soort.EFFECT:
        raise ValidationError(
            {
                "bovenliggend": _(
                    "An effect is at the top of the tree: it does not serve another goal."
                )
            }
        )
    if ouder.opgave_id != doel.opgave_id:
        raise ValidationError(
            {"bovenliggend": _("A goal can only serve a goal of the same opgave.")}
        )
    if doel.pk is None:
        return  # a new goal has nothing below it yet
    ouders = dict(Doel.objects.filter(opgave_id=doel.opgave_id).values_list("pk", "bovenliggend"))
    stap: int | None = ouder.pk
    gezien: set[int] = set()
    while stap is not None and stap not in gezien:
        if stap == doel.pk:
            raise ValidationError(
                {"bovenliggend": _("A goal cannot serve itself or one of the goals below it.")}
            )
        gezien.add(stap)
        stap = ouders.get(stap)


# --- Indicator ------------------------------------------------------------------------


@transaction.atomic
def indicator_create(
    *,
    doel: Doel,
    naam: str,
    eenheid: str,
    nulmeting: Decimal,
    streefwaarde: Decimal,
    streefdatum: date,
    bron: str = "",
) -> Indicator:
    """Add an indicator to ``doel``: how progress on it is measured."""
    indicator = Indicator(
        opgave_id=doel.opgave_id,
        doel=doel,
        naam=naam,
        eenheid=eenheid,
        bron=bron,
        nulmeting=nulmeting,
        streefwaarde=streefwaarde,
        streefdatum=streefdatum,
    )
    _indicator_controleren(indicator)
    indicator.full_clean()
    indicator.save(force_insert=True)
    return indicator


@transaction.atomic
def indicator_update(*, indicator: Indicator, **fields) -> Indicator:
    """Change the given fields of ``indicator``."""
    unknown = fields.keys() - INDICATOR_VELDEN
    if unknown:
        raise TypeError(f"indicator_update() cannot change {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(indicator, name, value)
    _indicator_controleren(indicator)
    indicator.full_clean()
    indicator.save(update_fields=list(fields))
    return indicator


@transaction.atomic
def indicator_delete(*, indicator: Indicator) -> None:
    """Delete ``indicator`` with its measurements."""
    indicator.delete()


def _indicator_controleren(indicator: Indicator) -> None:
    if indicator.doel.opgave_id != indicator.opgave_id:
        raise ValidationError(_("An indicator belongs to a goal of the same opgave."))
    if (
        indicator.nulmeting is not None
        and indicator.streefwaarde is not None
        and indicator.streefwaarde == indicator.nulmeting
    ):
        raise ValidationError(
            {
                "streefwaarde": _(
                    "The target must differ from the baseline, or there is no way to go."
                )
            }
        )


# --- Meting ---------------------------------------------------------------------------


@transaction.atomic
def meting_create(
    *,
    indicator: Indicator,
    datum: date,
    waarde: Decimal,
    toelichting: str = "",
    door: User | None = None,
) -> Meting:
    """Record a measurement of ``indicator``: one per day, never in the future.

    Two people recording the same day at once: the unique constraint lets one
    insert through, and the other gets the same message as a sequential duplicate.
    """
    if datum is not None and datum > timezone.localdate():
        raise ValidationError({"datum": _("A measurement cannot be in the future.")})
    meting = Meting(
        opgave_id=indicator.opgave_id,
        indicator=indicator,
        datum=datum,
        waarde=waarde,
        toelichting=toelichting,
        vastgelegd_door=door,
    )
    if Meting.objects.filter(indicator=indicator, datum=datum).exists():
        raise _dubbele_meting()
    meting.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            meting.save(force_insert=True)
    except IntegrityError:
        if Meting.objects.filter(indicator=indicator, datum=datum).exists():
            raise _dubbele_meting() from None
        raise
    return meting


def _dubbele_meting() -> ValidationError:
    return ValidationError(
        {"datum": _("This indicator already has a measurement on this date.")}, code="unique"
    )


@transaction.atomic
def meting_delete(*, meting: Meting) -> None:
    """Delete a measurement recorded by mistake."""
    meting.delete()


def _lock(opgave: Opgave) -> None:
    """Serialise changes to one opgave's goal tree."""
    Opgave.objects.select_for_update().filter(pk=opgave.pk).values_list("pk").first()
