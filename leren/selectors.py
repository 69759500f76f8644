"""Who reads what in learning and coaching: the confidentiality rules, in one place.

Every page, fragment, export and notification of ``leren`` reads entries and
notes through these functions; ``tests/leren/test_vertrouwelijkheid.py`` proves
the rules (see ``leren.models`` for them in words).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from leren.models import (
    Actiepunt,
    Coachgesprek,
    Coachtraject,
    Leerervaring,
    Zichtbaarheid,
)
from leren.policies import DEELT_IN

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

Leden = Coachtraject.coachees.through


def _coachees_van_coach(user: User) -> QuerySet:
    """Ids of the people ``user`` coaches in an active trajectory."""
    return Leden.objects.filter(coachtraject__coach=user, coachtraject__status__in=DEELT_IN).values(
        "user_id"
    )


def _teamgenoten(user: User) -> QuerySet:
    """Ids of the coachees of the active team trajectories ``user`` coaches or is in."""
    teams = Coachtraject.objects.filter(
        Q(coach=user) | Q(coachees=user),
        soort=Coachtraject.Soort.TEAM,
        status__in=DEELT_IN,
    ).values("pk")
    return Leden.objects.filter(coachtraject__in=teams).values("user_id")


def leerervaringen_zichtbaar(user: User | AnonymousUser) -> QuerySet[Leerervaring]:
    """The learning entries ``user`` may read: their own (any visibility); ``coach``
    entries of the people they coach in an active trajectory; ``team`` entries of
    the members of an active team trajectory they coach or are in. Never a ``prive``
    entry of someone else."""
    if not user.is_authenticated or not user.is_active:
        return Leerervaring.objects.none()
    return Leerervaring.objects.filter(
        Q(auteur=user)
        | Q(zichtbaarheid=Zichtbaarheid.COACH, auteur__in=_coachees_van_coach(user))
        | Q(zichtbaarheid=Zichtbaarheid.TEAM, auteur__in=_coachees_van_coach(user))
        | Q(zichtbaarheid=Zichtbaarheid.TEAM, auteur__in=_teamgenoten(user))
    )


def leerervaring_get(*, user: User | AnonymousUser, pk: int) -> Leerervaring:
    """A learning entry ``user`` may read, or ``Http404`` (never a 403 that confirms
    a private entry exists)."""
    ervaring = (
        leerervaringen_zichtbaar(user).select_related("auteur", "opgave").filter(pk=pk).first()
    )
    if ervaring is None:
        raise Http404
    return ervaring


def trajecten_zichtbaar(user: User | AnonymousUser) -> QuerySet[Coachtraject]:
    """The trajectories ``user`` coaches, is coached in, or commissioned."""
    if not user.is_authenticated or not user.is_active:
        return Coachtraject.objects.none()
    return Coachtraject.objects.filter(
        Q(coach=user) | Q(coachees=user) | Q(opdrachtgever=user)
    ).distinct()


def gesprekken_zichtbaar(user: User | AnonymousUser, traject: Coachtraject) -> list[Coachgesprek]:
    """The conversations of ``traject`` for ``user``: the coach reads everything;
    coachees read the shared notes and action points, and the coach's private notes
    are never loaded for them; the opdrachtgever reads no conversations at all."""
    if not user.is_authenticated:
        return []
    if traject.coach_id == user.pk:
        return list(traject.gesprekken.prefetch_related("actiepunten__eigenaar"))
    if not traject.coachees.filter(pk=user.pk).exists():
        return []
    gesprekken = list(
        traject.gesprekken.defer("prive_notities").prefetch_related("actiepunten__eigenaar")
    )
    for gesprek in gesprekken:
        gesprek.prive_notities = ""  # never lazily loaded from here
    return gesprekken


def actiepunten_open(user: User) -> QuerySet[Actiepunt]:
    """The open action points of ``user`` from their coaching conversations."""
    return (
        Actiepunt.objects.filter(eigenaar=user, afgerond_op__isnull=True)
        .select_related("gesprek__traject")
        .order_by("deadline", "pk")
    )
