"""Reads of the portfolio: every opgave with its key figures, for the dashboard
(``/rapportage/``) and the portfolio report (``rapportage.bouwers.portfolio``).

Each key figure is a correlated subquery on one opgave, served by an index, or a
stored counter; so a page of the list is one query however many opgaven, goals,
inputs or commitments there are, and the charts are one query each.

- **RAG status** (``rag``): the worst current goal status (``Doelstatus``): the
  newest status of each goal counts, and red beats amber beats green. ``None``
  when no goal has a status yet (``rapportage.selectors_doelstatus.opgaven_met_rag``).
- **Budget**: the pot's running totals (``Budgetpot.bijgedragen/toegewezen/besteed``,
  kept by ``budget.services``); 0 without a pot.
- **Participation**: inputs submitted in the last 30 days (an activity measure: one
  hidden later by a moderator counts too, so the count is an index-only scan of
  ``inbreng_ronde_nieuw`` on round and date, whatever the size of the table) and the
  number of open rounds.
- **Overdue commitments**: open with a passed deadline, the rule of
  ``opgaven.selectors.krachtenveld.is_verlopen``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    BooleanField,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, NullIf, Round
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opgaven.models import Fase, Gebied, Opgave, Thema, Toezegging
from opgaven.selectors.opgaven import opgaven_filteren
from participatie.models import Inbreng, Ronde
from rapportage.models import Doelstatus
from rapportage.selectors_doelstatus import opgaven_met_rag

# The filter value for "no goal has a status yet".
GEEN_STATUS = "geen"
# Red, amber, green and none, worst first: the order of the charts and the filter.
RAG_VOLGORDE = (
    Doelstatus.Kleur.ROOD,
    Doelstatus.Kleur.ORANJE,
    Doelstatus.Kleur.GROEN,
    GEEN_STATUS,
)
RAG_LABELS = {
    Doelstatus.Kleur.ROOD: _("Red"),
    Doelstatus.Kleur.ORANJE: _("Amber"),
    Doelstatus.Kleur.GROEN: _("Green"),
    GEEN_STATUS: _("No status"),
}
ACTIVITEIT_DAGEN = 30
TOP_BUDGET = 10
_NUL = Decimal(0)


def rag_label(kleur: str | None) -> str:
    return str(RAG_LABELS[kleur or GEEN_STATUS])


# --- The key figures, as SQL ----------------------------------------------------------


def _aantal(queryset: QuerySet) -> Coalesce:
    """``COUNT(*)`` of a correlated queryset, as a subquery (0 when nothing matches)."""
    return Coalesce(
        Subquery(
            queryset.order_by()
            .annotate(n=Func(Value(1), function="COUNT", output_field=IntegerField()))
            .values("n")
        ),
        0,
    )


def _inbreng_recent(sinds) -> Coalesce:
    # Every input submitted, also one a moderator hid later: that keeps the count an
    # index-only scan of ``inbreng_ronde_nieuw`` (round, date), with no heap visits.
    return _aantal(Inbreng.objects.filter(ronde__opgave=OuterRef("pk"), aangemaakt_op__gte=sinds))


def _rondes_open() -> Coalesce:
    return _aantal(Ronde.objects.filter(opgave=OuterRef("pk"), status=Ronde.Status.OPEN))


def _toezeggingen_verlopen(vandaag) -> Coalesce:
    return _aantal(
        Toezegging.objects.filter(
            opgave=OuterRef("pk"), status=Toezegging.Status.OPEN, deadline__lt=vandaag
        )
    )


def _bedrag(veld: str) -> Coalesce:
    return Coalesce(F(f"budgetpot__{veld}"), Value(_NUL), output_field=DecimalField())


# --- The list ---------------------------------------------------------------------------


def opgaven_gefilterd(
    *,
    zoekterm: str = "",
    fase: str = "",
    thema: Thema | None = None,
    gebied: Gebied | None = None,
    rag: str = "",
) -> QuerySet[Opgave]:
    """All opgaven that match the filters (the caller checked that the user may see
    them all: ``opgaven.view_interne_opgave``), annotated with ``rag``.

    * ``zoekterm``: part of the title (case-insensitive).
    * ``fase``: in this phase. ``thema``: filed under this theme.
    * ``gebied``: about this area or an area inside it (a wijk finds its buurten).
    * ``rag``: the worst current goal status is this colour; ``"geen"``: no status yet.
    """
    opgaven = opgaven_met_rag(Opgave.objects.all())
    if zoekterm := zoekterm.strip():
        opgaven = opgaven.filter(titel__icontains=zoekterm)
    opgaven = opgaven_filteren(opgaven, fase=fase, thema=thema, gebied=gebied)
    if rag == GEEN_STATUS:
        opgaven = opgaven.filter(rag__isnull=True)
    elif rag:
        opgaven = opgaven.filter(rag=rag)
    return opgaven


def met_kengetallen(opgaven: QuerySet[Opgave]) -> QuerySet[Opgave]:
    """``opgaven`` with the key figures of the dashboard, by title (one query):

    ``rag``; ``heeft_pot``, ``bijgedragen``, ``toegewezen``, ``besteed`` (0 without
    a pot) and ``besteed_pct`` (spent as a whole percentage of contributed, ``None``
    when nothing was contributed); ``inbreng_recent`` (inputs of the last
    ``ACTIVITEIT_DAGEN`` days), ``rondes_open`` and ``toezeggingen_verlopen``.
    """
    nu = timezone.now()
    if "rag" not in opgaven.query.annotations:
        opgaven = opgaven_met_rag(opgaven)
    return (
        opgaven.only("pk", "titel", "slug", "fase", "gearchiveerd")
        .annotate(
            heeft_pot=ExpressionWrapper(Q(budgetpot__isnull=False), output_field=BooleanField()),
            bijgedragen=_bedrag("bijgedragen"),
            toegewezen=_bedrag("toegewezen"),
            besteed=_bedrag("besteed"),
            besteed_pct=Round(
                F("budgetpot__besteed") * 100 / NullIf(F("budgetpot__bijgedragen"), _NUL)
            ),
            inbreng_recent=_inbreng_recent(nu - timedelta(days=ACTIVITEIT_DAGEN)),
            rondes_open=_rondes_open(),
            toezeggingen_verlopen=_toezeggingen_verlopen(timezone.localdate()),
        )
        .order_by("titel", "pk")
    )


def portfolio_opgaven(**filters) -> QuerySet[Opgave]:
    """The dashboard's list: ``opgaven_gefilterd(**filters)`` with ``met_kengetallen``."""
    return met_kengetallen(opgaven_gefilterd(**filters))


def portfolio_export() -> QuerySet[Opgave]:
    """Every opgave with the key figures and the names of its themes and areas
    (``thema_namen``, ``gebied_namen``), for the report: one query."""
    return met_kengetallen(Opgave.objects.all()).annotate(
        thema_namen=ArraySubquery(
            Thema.objects.filter(opgaven=OuterRef("pk")).order_by("naam").values("naam")
        ),
        gebied_namen=ArraySubquery(
            Gebied.objects.filter(opgaven=OuterRef("pk")).order_by("naam").values("naam")
        ),
    )


# --- The charts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FaseRij:
    """How many opgaven are in one phase, per RAG status (keys of ``RAG_VOLGORDE``)."""

    fase: str
    label: str
    per_rag: dict[str, int]

    @property
    def totaal(self) -> int:
        return sum(self.per_rag.values())

    @property
    def aantallen(self) -> list[int]:
        """The counts in the order of ``RAG_VOLGORDE``, for the table."""
        return [self.per_rag[kleur] for kleur in RAG_VOLGORDE]


def opgaven_per_fase(opgaven: QuerySet[Opgave]) -> list[FaseRij]:
    """For the opgaven of ``opgaven`` (annotated with ``rag``): how many per phase and
    RAG status, every phase in the order of the model (one query)."""
    telling: Counter[tuple[str, str]] = Counter()
    for rij in (
        opgaven.order_by()
        .values("fase", "rag")
        .annotate(n=Count("pk"))
        .values_list("fase", "rag", "n")
    ):
        fase, kleur, aantal = rij
        telling[(fase, kleur or GEEN_STATUS)] += aantal
    return [
        FaseRij(
            fase=fase,
            label=str(label),
            per_rag={kleur: telling[(fase, kleur)] for kleur in RAG_VOLGORDE},
        )
        for fase, label in Fase.choices
    ]


@dataclass(frozen=True)
class BudgetRij:
    titel: str
    slug: str
    bijgedragen: Decimal
    toegewezen: Decimal
    besteed: Decimal


def budget_top(opgaven: QuerySet[Opgave], aantal: int = TOP_BUDGET) -> list[BudgetRij]:
    """The ``aantal`` opgaven of ``opgaven`` with the largest contributed budget (a pot
    with money in it), largest first (one query)."""
    rijen = (
        opgaven.filter(budgetpot__bijgedragen__gt=0)
        .order_by("-budgetpot__bijgedragen", "titel", "pk")
        .values_list(
            "titel",
            "slug",
            "budgetpot__bijgedragen",
            "budgetpot__toegewezen",
            "budgetpot__besteed",
        )[:aantal]
    )
    return [BudgetRij(*rij) for rij in rijen]
