"""Reading the red/amber/green statuses of goals: the newest per goal counts.

- ``laatste_statussen``: the current status of every goal of one opgave, one query
  (PostgreSQL ``DISTINCT ON``).
- ``statussen_van``: the history of one goal, newest first.
- ``opgaven_met_rag``: annotates a queryset of opgaven with ``rag``, the worst current
  status of their goals (rood > oranje > groen; ``None`` without any), in SQL, so a
  list of opgaven (the portfolio) stays one query.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import (
    Case,
    CharField,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from rapportage.models import Doelstatus

if TYPE_CHECKING:
    from opgaven.models import Doel, Opgave

# How bad each colour is: the worst one speaks for the opgave.
ERNST = {Doelstatus.Kleur.ROOD: 3, Doelstatus.Kleur.ORANJE: 2, Doelstatus.Kleur.GROEN: 1}


def laatste_statussen(*, opgave: Opgave) -> dict[int, Doelstatus]:
    """The current status of each goal of ``opgave`` that has one, by goal id (one query)."""
    statussen = (
        Doelstatus.objects.filter(doel__opgave=opgave)
        .select_related("gezet_door")
        .order_by("doel_id", "-gezet_op", "-pk")
        .distinct("doel_id")
    )
    return {status.doel_id: status for status in statussen}


def statussen_van(*, doel: Doel) -> QuerySet[Doelstatus]:
    """Every status of ``doel``, newest first, with who set it (one query)."""
    return (
        Doelstatus.objects.filter(doel=doel)
        .select_related("gezet_door")
        .order_by("-gezet_op", "-pk")
    )


def _ernst() -> Case:
    return Case(
        *(When(kleur=kleur, then=Value(waarde)) for kleur, waarde in ERNST.items()),
        default=Value(0),
        output_field=IntegerField(),
    )


def _laatste() -> QuerySet[Doelstatus]:
    """Statuses no newer status of the same goal replaced (the outer query's goals)."""
    nieuwer = Doelstatus.objects.filter(doel_id=OuterRef("doel_id")).filter(
        Q(gezet_op__gt=OuterRef("gezet_op"))
        | Q(gezet_op=OuterRef("gezet_op"), pk__gt=OuterRef("pk"))
    )
    return Doelstatus.objects.filter(~Exists(nieuwer))


def opgaven_met_rag(queryset: QuerySet[Opgave]) -> QuerySet[Opgave]:
    """``queryset`` annotated with ``rag``: the worst current status of the opgave's goals
    (``"rood"``, ``"oranje"``, ``"groen"``), or ``None`` when no goal has a status."""
    slechtste = (
        _laatste()
        .filter(doel__opgave=OuterRef("pk"))
        .annotate(ernst=_ernst())
        .order_by("-ernst", "-gezet_op", "-pk")
        .values("kleur")[:1]
    )
    return queryset.annotate(rag=Subquery(slechtste, output_field=CharField()))
