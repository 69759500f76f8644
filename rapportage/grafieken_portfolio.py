"""The two charts of the portfolio dashboard (pygal, in the house style of
``opgaven.grafieken``): opgaven per phase split by RAG status, and the budget of
the opgaven with the largest pots.

Each returns a ``data:`` URI for an ``<img>``; the page shows the same numbers in
a table next to it, and the ``alt`` text says so. The RAG series have a legend
and a label of their own, so colour is never the only sign.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

from django.utils.translation import gettext

import pygal

from config.bedragen import euro
from opgaven.grafieken import DEMODAM_STIJL, als_data_uri, basis_config
from rapportage.selectors_portfolio import RAG_VOLGORDE, BudgetRij, FaseRij, rag_label

MAX_LABEL = 40  # characters of a title on the axis; the table has the whole title
# Red, amber, green, grey: each with enough contrast on white.
RAG_KLEUREN = ("#b3261e", "#8a5a00", "#1e7b3c", "#5f6b76")


def _kort(titel: str) -> str:
    return titel if len(titel) <= MAX_LABEL else titel[: MAX_LABEL - 1].rstrip() + "…"


def fasen_grafiek(rijen: Sequence[FaseRij]) -> str:
    """A stacked bar per phase: how many opgaven it holds, per RAG status."""
    stijl = copy.copy(DEMODAM_STIJL)
    stijl.colors = RAG_KLEUREN
    hoogste = max((rij.totaal for rij in rijen), default=0)
    chart = pygal.StackedBar(
        **basis_config(
            style=stijl,
            width=800,
            height=400,
            truncate_label=-1,
            truncate_legend=-1,
            x_label_rotation=30,
            margin=12,
            spacing=8,
            range=(0, max(hoogste, 1)),
            # Whole opgaven only on the axis.
            y_labels=list(range(0, max(hoogste, 1) + 1, max(1, (hoogste + 4) // 5))),
            value_formatter=lambda waarde: f"{waarde:.0f}",
        )
    )
    chart.x_labels = [rij.label for rij in rijen]
    for index, kleur in enumerate(RAG_VOLGORDE):
        chart.add(rag_label(kleur), [rij.aantallen[index] or None for rij in rijen])
    return als_data_uri(chart)


def budget_grafiek(rijen: Sequence[BudgetRij]) -> str:
    """Three horizontal bars per opgave: contributed, allocated and spent."""
    chart = pygal.HorizontalBar(
        **basis_config(
            width=800,
            height=140 + 70 * max(len(rijen), 1),
            value_formatter=euro,
            truncate_label=-1,
            truncate_legend=-1,
            margin=12,
            margin_right=32,
            spacing=8,
            min_scale=4,
            max_scale=6,
        )
    )
    # pygal draws the first label at the bottom: reverse, so the chart reads like the table.
    omgekeerd = list(rijen)[::-1]
    chart.x_labels = [_kort(rij.titel) for rij in omgekeerd]
    chart.add(gettext("Contributed"), [float(rij.bijgedragen) for rij in omgekeerd])
    chart.add(gettext("Allocated"), [float(rij.toegewezen) for rij in omgekeerd])
    chart.add(gettext("Spent"), [float(rij.besteed) for rij in omgekeerd])
    return als_data_uri(chart)
