"""The representativeness chart of the participatieverslag (pygal, in the house style
of ``opgaven.grafieken``): per group the share of the participants next to the share
of the population, as two series with a legend. The report shows the same numbers
in a table next to it.
"""

from __future__ import annotations

from django.utils.translation import gettext

import pygal

from opgaven.grafieken import als_data_uri, basis_config
from rapportage.selectors_participatie import Vertegenwoordiging


def vertegenwoordiging_grafiek(vertegenwoordiging: Vertegenwoordiging) -> str | None:
    """Grouped bars: participants' share and population share per group, in percent.
    ``None`` when no participant gave this characteristic (there is nothing to compare)."""
    groepen = vertegenwoordiging.vergeleken
    if not vertegenwoordiging.beantwoord or not groepen:
        return None
    hoogste = max(
        max(g.aandeel_deelnemers or 0 for g in groepen),
        max(g.aandeel_bevolking or 0 for g in groepen),
    )
    chart = pygal.Bar(
        **basis_config(
            width=800,
            height=360,
            truncate_label=-1,
            truncate_legend=-1,
            margin=12,
            spacing=8,
            range=(0, max(10, min(100, hoogste + 5))),
            y_title=gettext("Share (%)"),
        )
    )
    chart.x_labels = [str(g.label) for g in groepen]
    chart.add(gettext("Participants"), [g.aandeel_deelnemers or 0 for g in groepen])
    chart.add(gettext("Population"), [g.aandeel_bevolking for g in groepen])
    return als_data_uri(chart)
