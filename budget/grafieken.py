"""Charts of the budget page (pygal), drawn like ``opgaven.grafieken``: an SVG
``data:`` URI for an ``<img>`` with alt text, and the page shows the same
numbers in a table next to it (STYLE "Templates and UI").

Each function takes the plain rows of ``budget.selectors.pot_overzicht`` and
returns a data URI; amounts are labelled the Dutch way (``€ 1.234,56``).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext

import pygal

from budget.bedragen import euro
from budget.models import Bijdrage
from budget.selectors import ActieBedragen, PartnerBijdragen
from opgaven.grafieken import als_data_uri, basis_config


def _label(tekst: str, lengte: int = 40) -> str:
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"


def _hoogte(aantal: int) -> int:
    return 140 + 50 * aantal


def bijdragen_per_partner(partners: Sequence[PartnerBijdragen]) -> str:
    """A horizontal stacked bar per partner: what it contributes as money, hours
    and in kind (pledged and received, not withdrawn)."""
    chart = pygal.HorizontalStackedBar(
        **basis_config(
            width=800,
            height=_hoogte(len(partners)),
            value_formatter=euro,
            truncate_label=-1,
            truncate_legend=-1,
            x_label_rotation=0,
            margin=12,
            margin_right=32,
            spacing=8,
            min_scale=4,
            max_scale=6,
        )
    )
    # pygal draws the first label at the bottom: reverse, so the chart reads like the table.
    rijen = list(partners)[::-1]
    chart.x_labels = [_label(rij.naam) for rij in rijen]
    for soort, label in Bijdrage.Soort.choices:
        chart.add(str(label), [float(getattr(rij, soort)) or None for rij in rijen])
    return als_data_uri(chart)


def acties_toegewezen_besteed(acties: Sequence[ActieBedragen]) -> str:
    """A horizontal bar pair per action: what the pot holds for it and what was spent."""
    chart = pygal.HorizontalBar(
        **basis_config(
            width=800,
            height=_hoogte(len(acties)),
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
    rijen = list(acties)[::-1]
    chart.x_labels = [_label(rij.titel) for rij in rijen]
    chart.add(gettext("Allocated"), [float(rij.toegewezen) for rij in rijen])
    chart.add(gettext("Spent"), [float(rij.besteed) for rij in rijen])
    return als_data_uri(chart)
