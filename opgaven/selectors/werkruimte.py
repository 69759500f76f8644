"""The one read behind every page of an opgave's workspace."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, IntegerField, OuterRef, Q, Value
from django.shortcuts import get_object_or_404
from django.utils import timezone

from opgaven.models import Opgave, Opgaverol
from opgaven.permissions import FASE_ROLLEN
from opgaven.selectors.opgaven import opgaven_visible_to

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def opgave_werkruimte_get(*, user: User | AnonymousUser, slug: str) -> Opgave:
    """The opgave ``slug`` as ``user`` may see it (``Http404`` otherwise), with
    every right the workspace asks about computed in the same query.

    ``opgaven.permissions`` reads these annotations (``kan_bewerken``,
    ``via_rol``, ``via_partner``, ``fase_rol``) instead of asking the database
    again, but only for the user they were computed for (``gezien_door``).
    """
    opgaven = opgaven_visible_to(user).annotate(
        gezien_door=Value(user.pk, output_field=IntegerField())
    )
    if user.is_authenticated:
        today = timezone.localdate()
        fase_rollen = Opgaverol.objects.filter(
            opgave=OuterRef("pk"), user=user, rol__in=FASE_ROLLEN, van__lte=today
        ).filter(Q(tot__isnull=True) | Q(tot__gt=today))
        opgaven = opgaven.annotate(fase_rol=Exists(fase_rollen))
    return get_object_or_404(opgaven, slug=slug)
