"""The power/interest grid: where positions land, the trajectories, and the SVG drawn from it."""

import re
from datetime import date, timedelta

from django.template.loader import render_to_string
from django.utils import timezone, translation

import pytest

from opgaven.models import Betrokkenheid, Positie
from opgaven.selectors.krachtenveld import (
    HOUDINGEN,
    betrokkenheden_van,
    krachtenveld_raster,
    kwadrant_van,
    x_van,
    y_van,
)
from opgaven.services.krachtenveld import betrokkenheid_toevoegen, positie_vastleggen
from partners.models import Organisatie
from tests.test_csp import inline_code


def in_geheugen(naam: str, *posities: tuple[date, int, int, int]) -> Betrokkenheid:
    """An involvement with positions (datum, invloed, belang, houding), without a database."""
    betrokkenheid = Betrokkenheid(organisatie=Organisatie(naam=naam))
    betrokkenheid.tijdlijn = [
        Positie(datum=datum, invloed=invloed, belang=belang, houding=houding)
        for datum, invloed, belang, houding in posities
    ]
    return betrokkenheid


def kwadrant_vlak(raster, naam: str) -> dict:
    return next(v for v in raster.kwadranten if v["kwadrant"].naam == naam)


def ligt_in(vlak: dict, x: float, y: float) -> bool:
    return (
        vlak["x"] < x < vlak["x"] + vlak["breedte"] and vlak["y"] < y < vlak["y"] + vlak["hoogte"]
    )


@pytest.mark.parametrize(
    ("invloed", "belang", "kwadrant"),
    [
        (5, 1, "tevreden_houden"),
        (5, 5, "nauw_betrekken"),
        (1, 5, "informeren"),
        (1, 1, "monitoren"),
        (4, 2, "tevreden_houden"),
        (2, 4, "informeren"),
        (3, 3, "nauw_betrekken"),  # 3 counts as high
    ],
)
def test_a_position_falls_in_its_quadrant(invloed, belang, kwadrant):
    assert kwadrant_van(invloed=invloed, belang=belang).naam == kwadrant


@pytest.mark.parametrize(
    ("invloed", "belang", "kwadrant"),
    [
        (5, 1, "tevreden_houden"),
        (5, 5, "nauw_betrekken"),
        (1, 5, "informeren"),
        (1, 1, "monitoren"),
    ],
)
def test_a_marker_is_drawn_inside_its_quadrant(invloed, belang, kwadrant):
    raster = krachtenveld_raster([in_geheugen("Zorggroep", (date(2026, 3, 1), invloed, belang, 0))])

    (spoor,) = raster.sporen
    assert spoor.huidig.kwadrant.naam == kwadrant
    assert ligt_in(kwadrant_vlak(raster, kwadrant), spoor.huidig.x, spoor.huidig.y)
    for ander in {"tevreden_houden", "nauw_betrekken", "informeren", "monitoren"} - {kwadrant}:
        assert not ligt_in(kwadrant_vlak(raster, ander), spoor.huidig.x, spoor.huidig.y)


def test_power_five_interest_one_is_top_left():
    raster = krachtenveld_raster([in_geheugen("GGD", (date(2026, 3, 1), 5, 1, 2))])

    punt = raster.sporen[0].huidig
    assert punt.x < raster.vlak["midden_x"]  # low interest: left
    assert punt.y < raster.vlak["midden_y"]  # high power: top (SVG y runs down)
    assert (punt.x, punt.y) == (x_van(1), y_van(5))


def test_more_power_is_higher_and_more_interest_is_further_right():
    assert [y_van(v) for v in range(1, 6)] == sorted((y_van(v) for v in range(1, 6)), reverse=True)
    assert [x_van(v) for v in range(1, 6)] == sorted(x_van(v) for v in range(1, 6))


def test_the_trajectory_has_one_point_per_position_oldest_first():
    raster = krachtenveld_raster(
        [
            in_geheugen(
                "Woonstichting",
                (date(2026, 1, 10), 2, 2, -2),
                (date(2026, 4, 10), 3, 4, 0),
                (date(2026, 9, 10), 5, 5, 2),
            )
        ]
    )

    (spoor,) = raster.sporen
    assert [p.positie.datum for p in spoor.punten] == [
        date(2026, 1, 10),
        date(2026, 4, 10),
        date(2026, 9, 10),
    ]
    assert spoor.lijn.split() == [f"{p.x:g},{p.y:g}" for p in spoor.punten]
    assert spoor.lijn.split()[0] == f"{x_van(2):g},{y_van(2):g}"
    assert spoor.huidig.positie.datum == date(2026, 9, 10)
    assert len(spoor.eerdere) == 2


@pytest.mark.django_db
def test_positions_recorded_out_of_order_are_drawn_in_date_order(opgave):
    betrokkenheid = opgave.betrokkenheden.get()
    vandaag = timezone.localdate()
    for dagen, invloed in [(10, 4), (300, 1), (200, 2), (100, 3)]:
        positie_vastleggen(
            betrokkenheid=betrokkenheid,
            datum=vandaag - timedelta(days=dagen),
            invloed=invloed,
            belang=3,
            houding=0,
        )

    (spoor,) = krachtenveld_raster(betrokkenheden_van(opgave=opgave)).sporen

    assert [p.positie.invloed for p in spoor.punten] == [1, 2, 3, 4]
    assert len(spoor.lijn.split()) == 4


@pytest.mark.django_db
def test_the_field_as_it_was_leaves_out_later_positions(opgave, andere_organisatie):
    betrokkenheid = opgave.betrokkenheden.get()
    later = betrokkenheid_toevoegen(opgave=opgave, organisatie=andere_organisatie, aard="beslist")
    vandaag = timezone.localdate()
    positie_vastleggen(
        betrokkenheid=betrokkenheid,
        datum=vandaag - timedelta(days=60),
        invloed=2,
        belang=2,
        houding=0,
    )
    positie_vastleggen(betrokkenheid=betrokkenheid, datum=vandaag, invloed=5, belang=5, houding=1)
    positie_vastleggen(betrokkenheid=later, datum=vandaag, invloed=1, belang=1, houding=-1)

    raster = krachtenveld_raster(betrokkenheden_van(opgave=opgave, op=vandaag - timedelta(days=30)))

    (spoor,) = raster.sporen
    assert spoor.betrokkenheid == betrokkenheid
    assert [p.positie.invloed for p in spoor.punten] == [2]
    assert [b.organisatie for b in raster.zonder_positie] == [andere_organisatie]


def test_organisations_without_a_position_are_not_on_the_grid_and_numbers_follow_the_names():
    raster = krachtenveld_raster(
        [
            in_geheugen("Basisschool", (date(2026, 1, 1), 1, 1, 0)),
            in_geheugen("Energiecoöperatie"),
            in_geheugen("Zorggroep", (date(2026, 1, 1), 2, 2, 0)),
        ]
    )

    assert [(s.nummer, s.betrokkenheid.organisatie.naam) for s in raster.sporen] == [
        (1, "Basisschool"),
        (2, "Zorggroep"),
    ]
    assert [b.organisatie.naam for b in raster.zonder_positie] == ["Energiecoöperatie"]


def test_markers_in_the_same_cell_do_not_hide_each_other_and_take_their_line_along():
    raster = krachtenveld_raster(
        [
            in_geheugen("A", (date(2026, 1, 1), 1, 1, 0), (date(2026, 5, 1), 4, 4, 1)),
            in_geheugen("B", (date(2026, 5, 1), 4, 4, -1)),
            in_geheugen("C", (date(2026, 5, 1), 4, 4, 2)),
        ]
    )

    plekken = {(s.huidig.x, s.huidig.y) for s in raster.sporen}
    assert len(plekken) == 3
    for spoor in raster.sporen:
        assert abs(spoor.huidig.x - x_van(4)) < 50
        assert abs(spoor.huidig.y - y_van(4)) < 50
    a = raster.sporen[0]
    dx, dy = a.huidig.x - x_van(4), a.huidig.y - y_van(4)
    assert (a.punten[0].x, a.punten[0].y) == (round(x_van(1) + dx, 1), round(y_van(1) + dy, 1))


def test_each_attitude_has_its_own_shape_and_fill_and_a_word():
    tekens = {(h.vorm, h.gevuld) for h in HOUDINGEN.values()}
    assert len(tekens) == len(HOUDINGEN) == 5
    assert all(str(h.label) for h in HOUDINGEN.values())
    assert [HOUDINGEN[w].teken for w in (-2, -1, 0, 1, 2)] == [
        "\u22122",
        "\u22121",
        "0",
        "+1",
        "+2",
    ]


def test_the_svg_is_an_accessible_image_without_style_attributes():
    raster = krachtenveld_raster(
        [
            in_geheugen("Woonstichting", (date(2026, 1, 1), 2, 2, -2), (date(2026, 6, 1), 4, 5, 1)),
            in_geheugen("GGD", (date(2026, 6, 1), 5, 1, 0)),
        ]
    )

    with translation.override("nl"):
        svg = render_to_string(
            "opgaven/krachtenveld/_raster.html",
            {"raster": raster, "raster_id": "r", "raster_titel": "Het krachtenveld"},
        )

    assert 'role="img"' in svg
    assert 'aria-labelledby="r-titel r-beschrijving"' in svg
    assert '<title id="r-titel">Het krachtenveld</title>' in svg
    assert "<polyline" in svg and svg.count("<polyline") == 1  # only Woonstichting moved
    assert "1. Woonstichting" in svg and "2. GGD" in svg
    assert inline_code(svg) == []
    # Coordinates keep their decimal point in Dutch (240.0, never 240,0).
    assert re.search(r'width="240\.0"', svg)
    assert not re.search(r'\b(?:x|y|cx|cy|r|width|height|x1|y1|x2|y2)="-?\d+,\d', svg)
