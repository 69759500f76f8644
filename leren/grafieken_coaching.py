"""Charts of the coaching pages (pygal, in the house style of ``opgaven.grafieken``):
the 70-20-10 mix per coachee against the target, and competence levels by the
person and by the coach. Each page shows the same numbers in a table next to the
chart, and the ``alt`` text says so; the sources are separate series with a
legend, so colour is never the only sign.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext

import pygal

from leren.models import DOELMIX, Bron
from leren.policies import Mixregel
from opgaven.grafieken import als_data_uri, basis_config

MAX_LABEL = 32  # characters of a name on the axis; the table has the whole name


def _kort(tekst: str) -> str:
    return tekst if len(tekst) <= MAX_LABEL else tekst[: MAX_LABEL - 1].rstrip() + "…"


def mix_grafiek(rijen: Sequence[tuple[str, list[Mixregel]]]) -> str:
    """One horizontal bar per ``(label, mix)`` row, stacked by source in percent of the
    number of entries, and a last bar with the 70-20-10 target. A row without entries
    says so in its label. Returns a ``data:`` URI."""
    alle = [*rijen, (gettext("Target 70-20-10"), None)]
    chart = pygal.HorizontalStackedBar(
        **basis_config(
            width=800,
            height=140 + 44 * len(alle),
            range=(0, 100),
            y_labels=[0, 20, 40, 60, 80, 100],
            value_formatter=lambda waarde: f"{waarde:.0f}%",
            truncate_label=-1,
            truncate_legend=-1,
            margin=12,
            margin_right=24,
            spacing=8,
        )
    )
    labels = []
    for label, regels in alle:
        if regels is not None and not sum(r.aantal for r in regels):
            label = gettext("%(naam)s (no shared entries)") % {"naam": label}
        labels.append(_kort(label))
    # pygal draws the first label at the bottom: reverse, so the chart reads top to bottom.
    chart.x_labels = labels[::-1]
    for bron in Bron:
        waarden = []
        for _label, regels in alle:
            if regels is None:
                waarden.append(DOELMIX[bron])
            else:
                regel = next(r for r in regels if r.bron == bron)
                waarden.append(regel.pct_aantal or None)
        chart.add(str(bron.label), waarden[::-1])
    return als_data_uri(chart)


def niveaus_grafiek(rijen: Sequence[tuple[str, int | None, int | None]]) -> str:
    """Per competence ``(naam, zelf, coach)``: the latest level 1-5 by the person and by
    the coach, as two bars side by side (a missing level gets no bar)."""
    chart = pygal.HorizontalBar(
        **basis_config(
            width=800,
            height=140 + 56 * max(len(rijen), 1),
            range=(0, 5),
            y_labels=[0, 1, 2, 3, 4, 5],
            truncate_label=-1,
            margin=12,
            margin_right=24,
            spacing=8,
        )
    )
    omgekeerd = list(rijen)[::-1]
    chart.x_labels = [_kort(naam) for naam, _zelf, _coach in omgekeerd]
    chart.add(gettext("Self-assessment"), [zelf for _naam, zelf, _coach in omgekeerd])
    chart.add(gettext("Coach"), [coach for _naam, _zelf, coach in omgekeerd])
    return als_data_uri(chart)
