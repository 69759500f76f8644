"""Reads of organisations and memberships, for this app and the floors above it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from partners.models import Lidmaatschap, Organisatie

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def lidmaatschappen_actief(*, user: User | AnonymousUser) -> QuerySet[Lidmaatschap]:
    """The memberships of ``user`` that apply today: the SQL form of
    ``policies.lidmaatschap_is_actief``. Empty for anonymous visitors."""
    if not (user.is_authenticated and user.is_active):
        return Lidmaatschap.objects.none()
    today = timezone.localdate()
    return Lidmaatschap.objects.filter(user=user, van__lte=today).filter(
        Q(tot__isnull=True) | Q(tot__gt=today)
    )


def contactpersonen(*, organisatie_ids: Iterable[int]) -> QuerySet[User]:
    """The active people who are a contact person of one of the organisations today:
    who speaks for them, and whom we ask when their answer is needed."""
    from accounts.models import User

    today = timezone.localdate()
    lidmaatschappen = Lidmaatschap.objects.filter(
        organisatie_id__in=list(organisatie_ids),
        rol=Lidmaatschap.Rol.CONTACTPERSOON,
        van__lte=today,
    ).filter(Q(tot__isnull=True) | Q(tot__gt=today))
    return User.objects.filter(pk__in=lidmaatschappen.values("user_id"), is_active=True)


def organisaties_van(
    *, user: User | AnonymousUser, rol: str | None = None
) -> QuerySet[Organisatie]:
    """The organisations ``user`` works for today; with ``rol``, only in that role
    (``Lidmaatschap.Rol.CONTACTPERSOON`` for who may speak for the organisation)."""
    lidmaatschappen = lidmaatschappen_actief(user=user)
    if rol is not None:
        lidmaatschappen = lidmaatschappen.filter(rol=rol)
    return Organisatie.objects.filter(pk__in=lidmaatschappen.values("organisatie_id"))


# --- The register and its members pages (issue 5) ------------------------------------


def organisaties_zoeken(*, zoekterm: str = "", soort: str = "") -> QuerySet[Organisatie]:
    """The register, searched on name and description and filtered on kind, by name.

    One query per page: nothing is fetched per row.
    """
    organisaties = Organisatie.objects.all()
    if zoekterm := zoekterm.strip():
        organisaties = organisaties.filter(
            Q(naam__icontains=zoekterm) | Q(beschrijving__icontains=zoekterm)
        )
    if soort:
        organisaties = organisaties.filter(soort=soort)
    return organisaties.order_by("naam", "pk")


def organisatie_get(*, slug: str) -> Organisatie:
    """The organisation with ``slug``; ``Http404`` when there is none."""
    return get_object_or_404(Organisatie, slug=slug)


def lidmaatschap_rol(*, user: User | AnonymousUser, organisatie: Organisatie) -> str | None:
    """The role ``user`` has in ``organisatie`` today (``Lidmaatschap.Rol``), or ``None``
    for someone who does not work for it. One query, read live: an ended membership
    counts no longer."""
    rollen = set(
        lidmaatschappen_actief(user=user)
        .filter(organisatie=organisatie)
        .values_list("rol", flat=True)
    )
    if Lidmaatschap.Rol.CONTACTPERSOON in rollen:
        return Lidmaatschap.Rol.CONTACTPERSOON
    return next(iter(rollen), None)


def leden_van(*, organisatie: Organisatie) -> QuerySet[Lidmaatschap]:
    """The memberships of ``organisatie`` that apply today, with their users:
    contact persons first, then by name (one query)."""
    today = timezone.localdate()
    return (
        Lidmaatschap.objects.filter(organisatie=organisatie, van__lte=today)
        .filter(Q(tot__isnull=True) | Q(tot__gt=today))
        .select_related("user")
        .order_by("rol", "user__weergavenaam", "user__email", "pk")
    )


def lid_get(*, organisatie: Organisatie, pk: int) -> Lidmaatschap:
    """A membership of ``organisatie`` that applies today, by id; ``Http404`` for an
    ended one or one of another organisation."""
    return get_object_or_404(leden_van(organisatie=organisatie), pk=pk)


def mijn_lidmaatschappen(*, user: User | AnonymousUser) -> QuerySet[Lidmaatschap]:
    """The memberships of ``user`` that apply today, with their organisations, by the
    organisation's name (one query): the partner portal's organisations."""
    return (
        lidmaatschappen_actief(user=user)
        .select_related("organisatie")
        .order_by("organisatie__naam", "organisatie_id")
    )
