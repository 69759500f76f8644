"""Reads of participation, for its pages, the reports and the floors above."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from opgaven.selectors.opgaven import opgaven_visible_to
from participatie.models import Deelname, Inbreng, Reactie, Ronde
from participatie.policies import toon_naam

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def rondes_zichtbaar(user: User | AnonymousUser) -> QuerySet[Ronde]:
    """The rounds ``user`` may read: every round that is no draft, and the drafts of
    opgaven they may change (if they may manage rounds at all)."""
    openbaar = ~Q(status=Ronde.Status.ONTWERP)
    if not (
        user.is_authenticated and user.is_active and user.has_perm("participatie.change_ronde")
    ):
        return Ronde.objects.filter(openbaar)
    beheerd = opgaven_visible_to(user).filter(kan_bewerken=True).values("pk")
    return Ronde.objects.filter(openbaar | Q(opgave_id__in=beheerd))


def ronde_get(*, user: User | AnonymousUser, slug: str) -> Ronde:
    """The round ``slug`` as ``user`` may see it, with its opgave; ``Http404`` otherwise."""
    ronde = rondes_zichtbaar(user).select_related("opgave").filter(slug=slug).first()
    if ronde is None:
        raise Http404
    return ronde


def _wijk_van_auteur(auteur_veld: str, ronde_veld: str) -> Subquery:
    return Subquery(
        Deelname.objects.filter(
            ronde_id=OuterRef(ronde_veld), user_id=OuterRef(auteur_veld)
        ).values("wijk__naam")[:1]
    )


def met_auteursnaam(queryset: QuerySet[Inbreng]) -> QuerySet[Inbreng]:
    """Annotate ``auteur_weergavenaam`` and ``auteur_wijk`` (the district from their
    participation), in the same query. Show them with ``toon_naam`` or the
    ``auteursnaam`` property set by ``auteursnamen_zetten``: never an e-mail address."""
    return queryset.annotate(
        auteur_weergavenaam=F("auteur__weergavenaam"),
        auteur_wijk=_wijk_van_auteur("auteur_id", "ronde_id"),
    )


def reacties_met_auteursnaam(queryset: QuerySet[Reactie]) -> QuerySet[Reactie]:
    return queryset.annotate(
        auteur_weergavenaam=F("auteur__weergavenaam"),
        auteur_wijk=_wijk_van_auteur("auteur_id", "inbreng__ronde_id"),
    )


def auteursnamen_zetten(rijen) -> list:
    """Give each annotated row an ``auteursnaam``: the public name (DESIGN §6.7)."""
    rijen = list(rijen)
    for rij in rijen:
        rij.auteursnaam = toon_naam(rij.auteur_weergavenaam or "", rij.auteur_wijk)
    return rijen
