"""Charts of the learner's pages (pygal, as ``opgaven.grafieken``): the 70-20-10 mix
against the target, and the levels of a competence over time. (Helper "ervaringen".)

Each function takes plain values and returns a ``data:`` URI for an ``<img>``; the
page shows the same numbers in a table next to it.
"""

from __future__ import annotations

import copy
from datetime import date

from django.utils import formats
from django.utils.translation import gettext

import pygal

from leren.policies import Mixregel
from opgaven.grafieken import DEMODAM_STIJL, als_data_uri, basis_config


def _procent(waarde) -> str:
    return f"{waarde:.0f}%"


def mix_grafiek(*, regels: list[Mixregel]) -> str:
    """Bars per source: the share by number of entries, by time, and the target share."""
    chart = pygal.Bar(
        **basis_config(
            width=720,
            height=360,
            range=(0, 100),
            y_labels=[0, 20, 40, 60, 80, 100],
            value_formatter=_procent,
            truncate_label=-1,
        )
    )
    chart.x_labels = [regel.label for regel in regels]
    chart.add(gettext("By number of entries"), [regel.pct_aantal for regel in regels])
    chart.add(gettext("By time"), [regel.pct_tijd for regel in regels])
    chart.add(gettext("Target (70-20-10)"), [regel.doel_pct for regel in regels])
    return als_data_uri(chart)


def niveau_grafiek(*, zelf: list[tuple[date, int]], coach: list[tuple[date, int]]) -> str:
    """Lines of the levels (1 to 5) of one competence over time: the person's own
    assessments and their coach's. ``zelf`` and ``coach`` are ``(date, level)`` pairs;
    on a day with two assessments by the same side, the last one counts."""
    dagen = sorted({dag for dag, _niveau in zelf} | {dag for dag, _niveau in coach})
    per_dag_zelf = dict(zelf)
    per_dag_coach = dict(coach)
    stijl = copy.copy(DEMODAM_STIJL)
    stijl.stroke_width = "3"
    chart = pygal.Line(
        **basis_config(
            style=stijl,
            width=720,
            height=320,
            range=(1, 5),
            y_labels=[1, 2, 3, 4, 5],
            x_label_rotation=30,
            truncate_label=-1,
            allow_interruptions=False,
        )
    )
    chart.x_labels = [formats.date_format(dag, "j M Y") for dag in dagen]
    chart.add(
        gettext("Self-assessment"),
        [per_dag_zelf.get(dag) for dag in dagen],
        dots_size=5,
    )
    chart.add(
        gettext("Coach"),
        [per_dag_coach.get(dag) for dag in dagen],
        dots_size=5,
        stroke_style={"width": 3, "dasharray": "10, 5"},
    )
    return als_data_uri(chart)
