"""Server-rendered SVG charts (pygal), for the page and later the PDF reports.

A chart is shown as ``<img src="data:image/svg+xml;base64,...">``: an SVG
image carries its own ``<style>``, which the page's strict CSP would refuse
inline. Every chart needs an ``alt`` text and a data table with the same
numbers next to it (STYLE "Templates and UI"); pygal's own tooltips and
scripts are switched off, as an image cannot run them.

Each chart is one function here that takes plain values and returns a data URI.
"""

from __future__ import annotations

import base64

import pygal
from pygal.style import Style

# The Demodam palette (static/css/demodam-theme.css), with enough contrast on white.
DEMODAM_STIJL = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1b2631",
    foreground_strong="#1b2631",
    foreground_subtle="#4a5866",
    colors=("#00677f", "#b3261e", "#0a3d62", "#8a5a00", "#1e7b3c", "#5b2a86"),
    font_family="system-ui, sans-serif",
    label_font_size=14,
    major_label_font_size=14,
    legend_font_size=14,
    title_font_size=16,
)


def basis_config(**overrides) -> dict:
    """The settings every chart shares: our style, no scripts, no XML declaration."""
    return {
        "style": DEMODAM_STIJL,
        "js": [],
        "disable_xml_declaration": True,
        "show_legend": True,
        "legend_at_bottom": True,
        **overrides,
    }


def als_data_uri(chart: pygal.graph.graph.Graph) -> str:
    """The chart as a ``data:`` URI for an ``<img src>``."""
    svg = chart.render(is_unicode=True)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def metingen_grafiek(*, metingen: list[tuple], nulmeting, streefwaarde, streefdatum) -> str:
    """A line chart of an indicator's measurements against its target (opgaven "Doelen").

    ``metingen`` are ``(datetime.date, Decimal)`` pairs in date order;
    ``nulmeting`` and ``streefwaarde`` are Decimals, ``streefdatum`` a date.
    The first point is the baseline, then one point per measurement; the
    target runs as a flat dashed line to the target date, the last label when
    it lies after the latest measurement. The guides are solid, so only the
    target is dashed. The page shows the same numbers in a table next to it.
    """
    import copy

    from django.template.defaultfilters import floatformat
    from django.utils import formats
    from django.utils.translation import gettext

    def datum(value) -> str:
        return formats.date_format(value, "j M Y")

    labels = [gettext("Baseline"), *(datum(dag) for dag, _waarde in metingen)]
    if not metingen or streefdatum > metingen[-1][0]:
        labels.append(gettext("%(datum)s (target date)") % {"datum": datum(streefdatum)})
    na_metingen = len(labels) - 1 - len(metingen)

    # Room above and below, so a target at the edge does not hide in the axis.
    waarden = [float(nulmeting), float(streefwaarde), *(float(w) for _dag, w in metingen)]
    marge = (max(waarden) - min(waarden)) * 0.1 or 1.0
    stijl = copy.copy(DEMODAM_STIJL)
    stijl.guide_stroke_dasharray = stijl.major_guide_stroke_dasharray = "0"
    stijl.guide_stroke_color = stijl.major_guide_stroke_color = "#d5dbe1"
    stijl.stroke_width = "3"

    chart = pygal.Line(
        **basis_config(
            style=stijl,
            width=800,
            height=360,
            value_formatter=lambda value: floatformat(value, "-2g"),
            range=(min(waarden) - marge, max(waarden) + marge),
            x_label_rotation=30,
            x_labels_major_count=8,
            show_minor_x_labels=False,
            truncate_label=-1,
        )
    )
    chart.x_labels = labels
    chart.add(
        gettext("Measurements"),
        [None, *(float(waarde) for _dag, waarde in metingen), *[None] * na_metingen],
        stroke_style={"width": 3},
        dots_size=4,
    )
    chart.add(
        gettext("Target"),
        [float(streefwaarde)] * len(labels),
        stroke_style={"width": 3, "dasharray": "12, 6"},
        show_dots=False,
    )
    chart.add(gettext("Baseline"), [float(nulmeting), *[None] * (len(labels) - 1)], dots_size=6)
    return als_data_uri(chart)


def wickedness_profiel(*, scores: list[tuple[str, int | None]]) -> str:
    """The four scores of an opgave's wickedness profile as horizontal bars on a 0-5 scale.

    ``scores`` are ``(label, score)`` pairs in the order of
    ``models.WICKEDNESS_SCORES``; a score of ``None`` (not scored yet) gets no
    bar and says so in its label. Bars rather than a radar: the long labels
    stay horizontal and readable, and a missing score does not bend the shape.
    The page shows the same numbers in a table next to it.
    """
    from django.utils.translation import gettext

    labels = [
        label if score is not None else gettext("%(label)s (not scored)") % {"label": label}
        for label, score in scores
    ]
    chart = pygal.HorizontalBar(
        **basis_config(
            width=640,
            height=80 + 45 * len(scores),
            show_legend=False,
            range=(0, 5),
            y_labels=[0, 1, 2, 3, 4, 5],
            truncate_label=-1,
            margin=12,
            margin_right=24,
            spacing=8,
        )
    )
    # pygal draws the first label at the bottom: reverse, so the list reads top to bottom.
    chart.x_labels = labels[::-1]
    chart.add(gettext("Score"), [score for _label, score in scores][::-1])
    return als_data_uri(chart)
