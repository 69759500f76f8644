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
