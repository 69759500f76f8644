"""The chart of a participatory budget's result (pygal, in the house style of
``opgaven.grafieken``): votes per proposal as horizontal bars.

Chosen and not chosen proposals are two series with a legend, so the colour is
never the only sign; the page shows the same numbers in the result table, and
the image's ``alt`` text says so.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext

import pygal

from opgaven.grafieken import als_data_uri, basis_config

MAX_LABEL = 40  # characters of a title on the axis; the table has the whole title


def _kort(titel: str) -> str:
    return titel if len(titel) <= MAX_LABEL else titel[: MAX_LABEL - 1].rstrip() + "…"


def stemmen_grafiek(rijen: Sequence[tuple[str, int, bool]]) -> str:
    """A horizontal bar per proposal: ``rijen`` are ``(titel, stemmen, gekozen)`` in
    ranking order (the first is drawn at the top). Returns a ``data:`` URI."""
    chart = pygal.HorizontalStackedBar(
        **basis_config(
            width=800,
            height=120 + 36 * max(len(rijen), 1),
            show_legend=True,
            legend_at_bottom=True,
            truncate_label=-1,
            truncate_legend=-1,
            margin=12,
            margin_right=24,
            spacing=8,
            range=(0, max((stemmen for _t, stemmen, _g in rijen), default=0) or 1),
        )
    )
    # pygal draws the first label at the bottom: reverse, so the chart reads top to bottom.
    omgekeerd = list(rijen)[::-1]
    chart.x_labels = [_kort(titel) for titel, _stemmen, _gekozen in omgekeerd]
    chart.add(
        gettext("Chosen"),
        [stemmen if gekozen else None for _titel, stemmen, gekozen in omgekeerd],
    )
    chart.add(
        gettext("Not chosen"),
        [None if gekozen else stemmen for _titel, stemmen, gekozen in omgekeerd],
    )
    return als_data_uri(chart)
