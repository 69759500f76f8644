"""The budget page's charts: SVG images as data URIs, amounts in Dutch notation."""

from __future__ import annotations

import base64
from decimal import Decimal

from budget.grafieken import acties_toegewezen_besteed, bijdragen_per_partner
from budget.selectors import ActieBedragen, PartnerBijdragen

D = Decimal


def svg(data_uri: str) -> str:
    kop, inhoud = data_uri.split(",", 1)
    assert kop == "data:image/svg+xml;base64"
    return base64.b64decode(inhoud).decode()


def partner(naam, geld="0", uren="0", natura="0", ontvangen="0", pk=1):
    return PartnerBijdragen(pk, naam, D(geld), D(uren), D(natura), D(ontvangen))


def test_contributions_are_stacked_per_partner_and_kind():
    tekening = svg(
        bijdragen_per_partner(
            [
                partner("Gemeente Demodam", geld="50000", uren="1200.50"),
                partner("Woonstichting Demodam", natura="30000", pk=2),
            ]
        )
    )

    assert tekening.startswith("<svg")
    assert "Gemeente Demodam" in tekening
    assert "Woonstichting Demodam" in tekening
    # One series per kind, and the axis in euros the Dutch way.
    for soort in ("Geld", "Uren", "In natura"):
        assert soort in tekening
    assert "€\u00a050.000,00" in tekening
    assert "€\u00a01.200,50" in tekening  # the value of a bar, for its <desc>
    # An image cannot load anything from elsewhere.
    assert 'xlink:href="http' not in tekening


def test_a_long_partner_name_is_shortened_in_the_chart_only():
    naam = "Stichting Welzijn en Maatschappelijke Dienstverlening Demodam-Noord"
    tekening = svg(bijdragen_per_partner([partner(naam, geld="10")]))

    assert naam not in tekening
    assert naam[:39] + "…" in tekening


def test_actions_show_allocated_and_spent():
    tekening = svg(
        acties_toegewezen_besteed(
            [
                ActieBedragen(1, "Isolatie van 300 huurwoningen", D("12345.67"), D(0), D("2500")),
                ActieBedragen(2, "Buurtkamer", D("800"), D("800"), D(0)),
            ]
        )
    )

    assert "Isolatie van 300 huurwoningen" in tekening
    assert "Buurtkamer" in tekening
    assert "Toegewezen" in tekening and "Besteed" in tekening
    assert "€\u00a012.345,67" in tekening
    assert "€\u00a02.500,00" in tekening


def test_the_chart_grows_with_the_number_of_rows():
    een = svg(bijdragen_per_partner([partner("A", geld="1")]))
    tien = svg(bijdragen_per_partner([partner(f"P{i}", geld="1", pk=i) for i in range(10)]))

    def hoogte(tekening: str) -> float:
        return float(tekening.split('viewBox="0 0 800 ', 1)[1].split('"', 1)[0])

    assert hoogte(tien) > hoogte(een)
