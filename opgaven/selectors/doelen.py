"""Reads of an opgave's goal tree: doelen, indicatoren and metingen, scoped to ONE opgave.

Every object a URL names is fetched through ``Model.objects.filter(opgave=opgave)``,
so the id of another opgave's goal in this opgave's URL gives 404 (IDOR).

``doelenboom`` reads the whole tree in one query: the goals LEFT JOINed with
their indicators and those with their measurements, flattened into rows and
folded back into plain objects here. The tab therefore costs the same number
of queries for one goal as for fifty, with any number of measurements.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import floatformat
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opgaven.models import Doel, Indicator, Meting, Opgave


@dataclass
class MetingRegel:
    pk: int
    datum: date
    waarde: Decimal
    toelichting: str


@dataclass
class IndicatorStand:
    """An indicator with its measurements (oldest first) and how far it has come."""

    pk: int
    doel_id: int
    naam: str
    eenheid: str
    bron: str
    nulmeting: Decimal
    streefwaarde: Decimal
    streefdatum: date
    metingen: list[MetingRegel] = field(default_factory=list)
    grafiek: str = ""  # a data: URI, filled in by the view

    @property
    def laatste(self) -> MetingRegel | None:
        return self.metingen[-1] if self.metingen else None

    @property
    def voortgang(self) -> int | None:
        """How far the latest measurement is on the way from baseline to target, in whole %.

        0 is the baseline, 100 the target, whichever way the target lies
        (a target below the baseline counts down). Negative when the value moved
        away from the target. ``None`` without measurements or without a way to go.
        """
        return voortgang_procent(
            nulmeting=self.nulmeting,
            streefwaarde=self.streefwaarde,
            waarde=self.laatste.waarde if self.laatste else None,
        )

    @property
    def voortgang_tekst(self) -> str:
        """The progress in words, for the page and for screen readers."""
        procent = self.voortgang
        if self.laatste is None:
            return _("No measurement yet.")
        if procent is None:
            return _("The target is the same as the baseline.")
        if procent < 0:
            return _("Further from the target than at the baseline (%(procent)s%%).") % {
                "procent": procent
            }
        if procent >= 100:
            return _("Target reached: %(procent)s%% of the way from baseline to target.") % {
                "procent": procent
            }
        return _("%(procent)s%% of the way from baseline to target") % {"procent": procent}

    @property
    def grafiek_alt(self) -> str:
        """The chart's alt text: what it shows, in one sentence; the table has the numbers."""
        context = {
            "naam": self.naam,
            "eenheid": self.eenheid,
            "nulmeting": getal(self.nulmeting),
            "streefwaarde": getal(self.streefwaarde),
            "streefdatum": date_format(self.streefdatum, "j F Y"),
        }
        if self.laatste is None:
            return (
                _(
                    "Line chart of “%(naam)s” without measurements yet: baseline %(nulmeting)s, "
                    "target %(streefwaarde)s %(eenheid)s by %(streefdatum)s."
                )
                % context
            )
        aantal = len(self.metingen)
        context |= {
            "aantal": aantal,
            "eerste": date_format(self.metingen[0].datum, "j F Y"),
            "laatste": date_format(self.laatste.datum, "j F Y"),
            "waarde": getal(self.laatste.waarde),
        }
        return (
            ngettext(
                "Line chart of “%(naam)s”: one measurement on %(laatste)s of %(waarde)s "
                "%(eenheid)s, from a baseline of %(nulmeting)s towards a target of "
                "%(streefwaarde)s %(eenheid)s by %(streefdatum)s. The table has the numbers.",
                "Line chart of “%(naam)s”: %(aantal)s measurements from %(eerste)s to "
                "%(laatste)s, the latest %(waarde)s %(eenheid)s, from a baseline of "
                "%(nulmeting)s towards a target of %(streefwaarde)s %(eenheid)s by "
                "%(streefdatum)s. The table has the numbers.",
                aantal,
            )
            % context
        )


def getal(waarde: Decimal) -> str:
    """A number as the templates show it (``floatformat:"-2g"``): 1.234,5 in Dutch."""
    return floatformat(waarde, "-2g")


@dataclass
class DoelKnoop:
    """A goal in the tree, with its indicators and the goals that serve it."""

    pk: int
    bovenliggend_id: int | None
    soort: str
    titel: str
    omschrijving: str
    volgorde: int
    diepte: int = 0
    indicatoren: list[IndicatorStand] = field(default_factory=list)
    kinderen: list[DoelKnoop] = field(default_factory=list)

    @property
    def soort_label(self) -> str:
        return Doel.Soort(self.soort).label

    @property
    def is_effect(self) -> bool:
        return self.soort == Doel.Soort.EFFECT

    def nakomelingen(self) -> Iterator[DoelKnoop]:
        """Every goal below this one, depth first."""
        for kind in self.kinderen:
            yield kind
            yield from kind.nakomelingen()


@dataclass
class Doelenboom:
    """The goal tree of one opgave: the roots in order, and every goal by id."""

    wortels: list[DoelKnoop]
    per_pk: dict[int, DoelKnoop]

    def __len__(self) -> int:
        return len(self.per_pk)

    def in_volgorde(self) -> Iterator[DoelKnoop]:
        """Every goal, depth first, in the order the tree shows them."""
        for wortel in self.wortels:
            yield wortel
            yield from wortel.nakomelingen()

    def indicatoren(self) -> Iterator[IndicatorStand]:
        for knoop in self.in_volgorde():
            yield from knoop.indicatoren


def voortgang_procent(
    *, nulmeting: Decimal, streefwaarde: Decimal, waarde: Decimal | None
) -> int | None:
    """``waarde``'s progress from ``nulmeting`` to ``streefwaarde`` in whole percent."""
    if waarde is None or streefwaarde == nulmeting:
        return None
    fractie = (waarde - nulmeting) / (streefwaarde - nulmeting)
    return int((fractie * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


_DOEL_VELDEN = ("pk", "bovenliggend_id", "soort", "titel", "omschrijving", "volgorde")
_INDICATOR_VELDEN = (
    "pk",
    "naam",
    "eenheid",
    "bron",
    "nulmeting",
    "streefwaarde",
    "streefdatum",
)
_METING_VELDEN = ("pk", "datum", "waarde", "toelichting")


def doelenboom(*, opgave: Opgave, met_indicatoren: bool = True) -> Doelenboom:
    """The goals of ``opgave`` as a tree, each with its indicators and measurements. One query.

    ``met_indicatoren=False`` reads the goals only (for choosing a parent goal).
    """
    doelen = Doel.objects.filter(opgave=opgave)
    if met_indicatoren:
        rows = doelen.order_by(
            "volgorde",
            "pk",
            "indicatoren__naam",
            "indicatoren__pk",
            "indicatoren__metingen__datum",
        ).values_list(
            *_DOEL_VELDEN,
            *(f"indicatoren__{naam}" for naam in _INDICATOR_VELDEN),
            *(f"indicatoren__metingen__{naam}" for naam in _METING_VELDEN),
        )
    else:
        rows = doelen.order_by("volgorde", "pk").values_list(*_DOEL_VELDEN)

    per_pk: dict[int, DoelKnoop] = {}
    indicatoren: dict[int, IndicatorStand] = {}
    n_doel, n_indicator = len(_DOEL_VELDEN), len(_INDICATOR_VELDEN)
    for row in rows:
        knoop = per_pk.get(row[0])
        if knoop is None:
            knoop = per_pk[row[0]] = DoelKnoop(*row[:n_doel])
        indicator_velden = row[n_doel : n_doel + n_indicator]
        if not indicator_velden or indicator_velden[0] is None:
            continue
        indicator = indicatoren.get(indicator_velden[0])
        if indicator is None:
            indicator = indicatoren[indicator_velden[0]] = IndicatorStand(
                indicator_velden[0], knoop.pk, *indicator_velden[1:]
            )
            knoop.indicatoren.append(indicator)
        meting_velden = row[n_doel + n_indicator :]
        if meting_velden[0] is not None:
            indicator.metingen.append(MetingRegel(*meting_velden))

    wortels: list[DoelKnoop] = []
    for knoop in per_pk.values():  # in order: volgorde, pk
        ouder = per_pk.get(knoop.bovenliggend_id) if knoop.bovenliggend_id else None
        (ouder.kinderen if ouder is not None else wortels).append(knoop)
    _diepte_zetten(wortels, 0)
    return Doelenboom(wortels=wortels, per_pk=per_pk)


def _diepte_zetten(knopen: list[DoelKnoop], diepte: int) -> None:
    for knoop in knopen:
        knoop.diepte = diepte
        _diepte_zetten(knoop.kinderen, diepte + 1)


def doel_get(*, opgave: Opgave, pk: int) -> Doel:
    """The goal ``pk`` of ``opgave``; 404 when it belongs to another opgave."""
    return get_object_or_404(Doel.objects.filter(opgave=opgave), pk=pk)


def indicator_get(*, opgave: Opgave, pk: int) -> Indicator:
    """The indicator ``pk`` of ``opgave`` with its goal and how many measurements it has."""
    indicatoren = (
        Indicator.objects.filter(opgave=opgave)
        .select_related("doel")
        .annotate(aantal_metingen=Count("metingen"))
    )
    return get_object_or_404(indicatoren, pk=pk)


def meting_get(*, opgave: Opgave, pk: int) -> Meting:
    """The measurement ``pk`` of ``opgave``, with its indicator."""
    return get_object_or_404(
        Meting.objects.filter(opgave=opgave).select_related("indicator"), pk=pk
    )
