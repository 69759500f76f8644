"""Reads of organisations and memberships, for this app and the floors above it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
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
