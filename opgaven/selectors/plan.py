"""Reads of the plan van aanpak, scoped to one opgave (DESIGN §6.5).

Every object named by an id in a URL is fetched through ``opgave``: an
action, consent or version of another opgave gives 404, never its data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404

from opgaven.models import Actie, Betrokkenheid, Doel, Instemming, Opgave, PlanVanAanpak
from partners.models import Lidmaatschap, Organisatie
from partners.selectors import lidmaatschappen_actief

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def plannen_van(*, opgave: Opgave) -> list[PlanVanAanpak]:
    """Every version of the opgave's plan, newest first (one query)."""
    return list(PlanVanAanpak.objects.filter(opgave=opgave).order_by("-versie"))


def plan_get(*, opgave: Opgave, versie: int) -> PlanVanAanpak:
    """Version ``versie`` of the opgave's plan; ``Http404`` when it has none."""
    plan = get_object_or_404(PlanVanAanpak.objects.filter(opgave=opgave), versie=versie)
    plan.opgave = opgave
    return plan


def acties_van(*, plan: PlanVanAanpak, user: User | AnonymousUser) -> QuerySet[Actie]:
    """The plan's actions with trekker, goal and the names of the uitvoerders, in one query.

    ``trekker_lid``: does ``user`` work today for the action's trekker? The SQL
    form of the partner rule in ``permissions.can_change_actie_status``.
    """
    uitvoerders = Organisatie.objects.filter(uitgevoerde_acties=OuterRef("pk")).order_by(
        "naam", "pk"
    )
    lid = lidmaatschappen_actief(user=user).filter(organisatie_id=OuterRef("trekker_id"))
    return (
        Actie.objects.filter(opgave_id=plan.opgave_id, plan=plan)
        .select_related("trekker", "doel")
        .annotate(
            uitvoerder_namen=ArraySubquery(uitvoerders.values("naam")),
            trekker_lid=Exists(lid),
        )
        .order_by("start", "pk")
    )


def instemmingen_van(*, plan: PlanVanAanpak, user: User | AnonymousUser) -> QuerySet[Instemming]:
    """Who was asked to consent to the plan, and their answer (one query).

    ``is_contactpersoon``: is ``user`` today a contact person of the organisation
    asked? The SQL form of the partner rule in ``permissions.can_answer_instemming``.
    """
    contact = lidmaatschappen_actief(user=user).filter(
        organisatie_id=OuterRef("organisatie_id"), rol=Lidmaatschap.Rol.CONTACTPERSOON
    )
    return (
        Instemming.objects.filter(opgave_id=plan.opgave_id, plan=plan)
        .select_related("organisatie", "door")
        .annotate(is_contactpersoon=Exists(contact))
        .order_by("organisatie__naam", "pk")
    )


def actie_get(*, opgave: Opgave, pk: int) -> Actie:
    """An action of ``opgave`` by id, with its plan; ``Http404`` for another opgave's."""
    actie = get_object_or_404(
        Actie.objects.filter(opgave=opgave).select_related("plan", "trekker"), pk=pk
    )
    actie.opgave = actie.plan.opgave = opgave
    return actie


def instemming_get(*, opgave: Opgave, pk: int) -> Instemming:
    """A consent of ``opgave`` by id, with plan and organisation; ``Http404`` otherwise."""
    instemming = get_object_or_404(
        Instemming.objects.filter(opgave=opgave).select_related("plan", "organisatie"), pk=pk
    )
    instemming.opgave = instemming.plan.opgave = opgave
    return instemming


def betrokken_organisaties(*, opgave: Opgave) -> QuerySet[Organisatie]:
    """The organisations involved in ``opgave`` now: who can lead or carry out an action."""
    return Organisatie.objects.filter(
        pk__in=Betrokkenheid.objects.filter(opgave=opgave).values("organisatie_id")
    ).order_by("naam", "pk")


def doelen_van(*, opgave: Opgave) -> QuerySet[Doel]:
    """The opgave's goals and effects, for linking an action to one."""
    return Doel.objects.filter(opgave=opgave).order_by("volgorde", "pk")
