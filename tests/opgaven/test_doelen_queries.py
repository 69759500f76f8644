"""Query counts of the "Doelen" pages: the same for 1 and for 50 goals, indicators and
measurements, and at most 12 per page (STYLE "Tests", issue 4 quality bars)."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from opgaven.models import Doel, Indicator, Meting

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12


def boom_vullen(opgave, aantal: int) -> Indicator:
    """``aantal`` goals (effects with goals nested two deep below them), one indicator per
    goal, and ``aantal`` measurements of the first indicator plus one of each other one."""
    doelen: list[Doel] = []
    for i in range(aantal):
        if i % 5 == 0:
            doel = Doel.objects.create(opgave=opgave, soort=Doel.Soort.EFFECT, titel=f"Effect {i}")
        else:
            ouder = doelen[i - 1] if i % 5 > 2 else doelen[i - i % 5]
            doel = Doel.objects.create(opgave=opgave, titel=f"Doel {i}", bovenliggend=ouder)
        doelen.append(doel)
    indicatoren = [
        Indicator.objects.create(
            opgave=opgave,
            doel=doel,
            naam=f"Indicator {i}",
            eenheid="%",
            nulmeting=Decimal(10),
            streefwaarde=Decimal(60),
            streefdatum=date(2030, 1, 1),
        )
        for i, doel in enumerate(doelen)
    ]
    start = date(2020, 1, 1)
    Meting.objects.bulk_create(
        [
            Meting(
                opgave=opgave,
                indicator=indicatoren[0],
                datum=start + timedelta(days=30 * d),
                waarde=d,
            )
            for d in range(aantal)
        ]
        + [
            Meting(opgave=opgave, indicator=indicator, datum=start, waarde=Decimal(20))
            for indicator in indicatoren[1:]
        ]
    )
    return indicatoren[0]


def queries(client, url) -> int:
    client.get(url)  # warm the process-wide caches (content types, permissions)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize("persona", ["regisseur", "ambtenaar", "partner_lid"])
def test_the_tab_costs_the_same_for_1_and_50(client, request, opgave, persona):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("opgaven:doelen", args=[opgave.slug])
    leeg = queries(client, url)

    boom_vullen(opgave, 1)
    een = queries(client, url)

    Doel.objects.filter(opgave=opgave).delete()
    boom_vullen(opgave, 50)
    response = client.get(url)
    with CaptureQueriesContext(connection) as vijftig:
        response = client.get(url)

    assert len(vijftig) == een == leeg
    assert len(response.context["boom"]) == 50
    assert sum(len(i.metingen) for i in response.context["boom"].indicatoren()) == 99
    assert response.content.decode().count('<img src="data:image/svg+xml;base64,') == 50


@pytest.mark.parametrize("persona", ["regisseur", "ambtenaar"])
def test_the_tab_stays_within_the_budget(client, request, opgave, persona):
    client.force_login(request.getfixturevalue(persona))
    boom_vullen(opgave, 50)
    assert queries(client, reverse("opgaven:doelen", args=[opgave.slug])) <= MAX_QUERIES


@pytest.mark.parametrize(
    "naam",
    [
        "doel_nieuw",
        "doel_bewerken",
        "doel_verwijderen",
        "indicator_nieuw",
        "indicator_bewerken",
        "indicator_verwijderen",
        "meting_nieuw",
        "meting_verwijderen",
    ],
)
def test_the_forms_cost_the_same_for_1_and_50(client, regisseur, opgave, naam):
    client.force_login(regisseur)

    def adres() -> str:
        indicator = Indicator.objects.filter(opgave=opgave).order_by("pk").first()
        pk = {
            "doel_nieuw": None,
            "doel_bewerken": indicator.doel_id,
            "doel_verwijderen": indicator.doel_id,
            "indicator_nieuw": indicator.doel_id,
            "meting_verwijderen": Meting.objects.filter(indicator=indicator).first().pk,
        }.get(naam, indicator.pk)
        kwargs = {"slug": opgave.slug} if pk is None else {"slug": opgave.slug, "pk": pk}
        return reverse(f"opgaven:{naam}", kwargs=kwargs)

    boom_vullen(opgave, 1)
    een = queries(client, adres())
    Doel.objects.filter(opgave=opgave).delete()
    boom_vullen(opgave, 50)
    vijftig = queries(client, adres())
    assert vijftig == een <= MAX_QUERIES
