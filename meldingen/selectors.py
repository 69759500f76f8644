"""Reads of meldingen, always scoped to the person they are for (DESIGN §6.5)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import pgettext_lazy

from meldingen.models import Bezorging, Melding, Soort, Voorkeur
from meldingen.soorten import SOORTEN

if TYPE_CHECKING:
    from accounts.models import User


class Filter(models.TextChoices):
    """The views of the inbox."""

    ALLE = "alle", pgettext_lazy("notifications", "All")
    ONGELEZEN = "ongelezen", pgettext_lazy("notifications", "Unread")
    GELEZEN = "gelezen", pgettext_lazy("notifications", "Read")


def meldingen_van(*, user: User, filter: Filter = Filter.ALLE) -> QuerySet[Melding]:
    """The user's own meldingen, newest first; ``filter`` narrows them to (un)read."""
    meldingen = Melding.objects.filter(ontvanger=user).order_by("-aangemaakt_op", "-pk")
    if filter == Filter.ONGELEZEN:
        return meldingen.filter(gelezen_op__isnull=True)
    if filter == Filter.GELEZEN:
        return meldingen.filter(gelezen_op__isnull=False)
    return meldingen


def melding_van(*, user: User, pk: int) -> Melding:
    """One of the user's own meldingen; ``Http404`` for anyone else's."""
    return get_object_or_404(Melding, ontvanger=user, pk=pk)


def aantal_ongelezen(*, user: User) -> int:
    """How many meldingen the user has not read: one count on the partial index."""
    return Melding.objects.filter(ontvanger=user, gelezen_op__isnull=True).count()


def voorkeuren_van(*, user: User) -> dict[Soort, Bezorging]:
    """Every kind in the registry, in its order, with the user's choice or its default.

    One query, however many kinds there are.
    """
    gekozen = dict(Voorkeur.objects.filter(user=user).values_list("soort", "bezorging"))
    return {
        soort: Bezorging(gekozen.get(soort, definitie.standaard))
        for soort, definitie in SOORTEN.items()
    }
