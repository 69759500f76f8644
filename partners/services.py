"""State changes of organisations and memberships (STYLE "Business logic").

Ending a membership takes its access away at once: every right that comes from
a membership is read from the active memberships when it is asked for
(``partners.selectors.lidmaatschappen_actief``), never copied elsewhere.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from partners.models import Lidmaatschap, Organisatie

if TYPE_CHECKING:
    from accounts.models import User


@transaction.atomic
def organisatie_create(*, naam: str, soort: str, **fields) -> Organisatie:
    """Create an organisation under a free slug derived from its name."""
    base = slugify(naam)[:200].strip("-") or "organisatie"
    slug, number = base, 1
    while Organisatie.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    organisatie = Organisatie(naam=naam, soort=soort, slug=slug, **fields)
    organisatie.full_clean()
    organisatie.save(force_insert=True)
    return organisatie


# Fields ``organisatie_bijwerken`` may change; the slug stays, so links stay valid.
ORGANISATIE_VELDEN: frozenset[str] = frozenset(
    {"naam", "soort", "kvk_nummer", "website", "beschrijving"}
)


@transaction.atomic
def organisatie_bijwerken(*, organisatie: Organisatie, **fields) -> Organisatie:
    """Change the given fields of ``organisatie``."""
    unknown = fields.keys() - ORGANISATIE_VELDEN
    if unknown:
        raise TypeError(f"organisatie_bijwerken() cannot change {', '.join(sorted(unknown))}")
    Organisatie.objects.select_for_update().filter(pk=organisatie.pk).values_list("pk").first()
    for name, value in fields.items():
        setattr(organisatie, name, value)
    organisatie.full_clean()
    if fields:
        organisatie.save(update_fields=list(fields))
    return organisatie


@transaction.atomic
def lidmaatschap_toevoegen(
    *,
    organisatie: Organisatie,
    user: User,
    rol: str = Lidmaatschap.Rol.LID,
    soort: str = Lidmaatschap.Soort.BETAALD,
    van: date | None = None,
) -> Lidmaatschap:
    """Make ``user`` a member of ``organisatie``; idempotent while a membership lasts."""
    bestaand = Lidmaatschap.objects.filter(organisatie=organisatie, user=user, tot__isnull=True)
    if lidmaatschap := bestaand.first():
        return lidmaatschap
    lidmaatschap = Lidmaatschap(
        organisatie=organisatie, user=user, rol=rol, soort=soort, van=van or timezone.localdate()
    )
    lidmaatschap.full_clean()
    lidmaatschap.save(force_insert=True)
    return lidmaatschap


@transaction.atomic
def lidmaatschap_beeindigen(*, lidmaatschap: Lidmaatschap, tot: date | None = None) -> Lidmaatschap:
    """End a membership at the start of day ``tot`` (today by default)."""
    tot = max(tot or timezone.localdate(), lidmaatschap.van)
    lidmaatschap.tot = tot if lidmaatschap.tot is None else min(tot, lidmaatschap.tot)
    lidmaatschap.save(update_fields=["tot"])
    return lidmaatschap
