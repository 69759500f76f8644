"""Reading reports: which a user sees, and one by id (404 when not theirs to read)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from rapportage.models import Rapport
from rapportage.permissions import can_view_rapport

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

MET_ONDERWERP = ("opgave", "ronde__opgave", "pot__opgave", "traject")


def rapporten_van(user: User | AnonymousUser) -> QuerySet[Rapport]:
    """The reports ``user`` asked for, and the scheduled reports of the opgaven they
    sponsor; newest first, with what they are about (one query)."""
    if not (user.is_authenticated and user.is_active):
        return Rapport.objects.none()
    from opgaven.models import Opgaverol

    vandaag = timezone.localdate()
    gesponsord = Opgaverol.objects.filter(
        user=user,
        rol__in=[Opgaverol.Rol.BESTUURLIJK_OPDRACHTGEVER, Opgaverol.Rol.AMBTELIJK_OPDRACHTGEVER],
        van__lte=vandaag,
    ).filter(Q(tot__isnull=True) | Q(tot__gt=vandaag))
    return (
        Rapport.objects.filter(
            Q(aangevraagd_door=user)
            | Q(
                aangevraagd_door__isnull=True,
                maand__isnull=False,
                opgave__in=gesponsord.values("opgave"),
            )
        )
        .select_related(*MET_ONDERWERP)
        .order_by("-aangemaakt_op", "-pk")
    )


def rapport_get(*, user: User | AnonymousUser, pk: int) -> Rapport:
    """The report ``pk`` when ``user`` may read it; ``Http404`` otherwise."""
    rapport = Rapport.objects.select_related(*MET_ONDERWERP).filter(pk=pk).first()
    if rapport is None or not can_view_rapport(user, rapport):
        raise Http404
    return rapport
