"""Reads of the decision log, scoped to one opgave (DESIGN §6.5)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from opgaven.models import Besluit, Opgave


def besluiten_van(*, opgave: Opgave) -> QuerySet[Besluit]:
    """The opgave's decisions, newest first, with who recorded them (one query)."""
    return (
        Besluit.objects.filter(opgave=opgave)
        .select_related("vastgelegd_door")
        .order_by("-datum", "-pk")
    )


def besluit_get(*, opgave: Opgave, pk: int) -> Besluit:
    """A decision of ``opgave`` by id; ``Http404`` for another opgave's."""
    return get_object_or_404(Besluit.objects.filter(opgave=opgave), pk=pk)
