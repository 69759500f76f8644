"""IDOR: a goal, indicator or measurement of another opgave, by id in this opgave's URL, gives 404
and changes nothing, for GET and POST, also for the regisseur who may edit this opgave."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

import pytest

from opgaven.models import Doel, Indicator, Meting
from opgaven.services.doelen import doel_create, indicator_create, meting_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def vreemd(andere_opgave):
    """A goal with an indicator and a measurement, all of ``andere_opgave``."""
    doel = doel_create(opgave=andere_opgave, titel="Minder drugsgebruik")
    indicator = indicator_create(
        doel=doel,
        naam="Jongeren die blowen",
        eenheid="%",
        nulmeting=Decimal(20),
        streefwaarde=Decimal(10),
        streefdatum=date(2030, 1, 1),
    )
    meting = meting_create(indicator=indicator, datum=date(2025, 1, 1), waarde=Decimal(18))
    return {"doel": doel, "indicator": indicator, "meting": meting}


def stand(andere_opgave):
    """Everything of ``andere_opgave``'s goals, to compare before and after."""
    return (
        list(Doel.objects.filter(opgave=andere_opgave).values()),
        list(Indicator.objects.filter(opgave=andere_opgave).values()),
        list(Meting.objects.filter(opgave=andere_opgave).values()),
    )


DOEL = {"soort": "doel", "titel": "Overgenomen", "volgorde": "0"}
INDICATOR = {
    "naam": "Overgenomen",
    "eenheid": "%",
    "nulmeting": "1",
    "streefwaarde": "2",
    "streefdatum": "2030-01-01",
}
METING = {"datum": "2025-02-01", "waarde": "3"}

PAGINAS = [
    ("doel_bewerken", "doel", DOEL),
    ("doel_verwijderen", "doel", {}),
    ("indicator_nieuw", "doel", INDICATOR),
    ("indicator_bewerken", "indicator", INDICATOR),
    ("indicator_verwijderen", "indicator", {}),
    ("meting_nieuw", "indicator", METING),
    ("meting_verwijderen", "meting", {}),
]


@pytest.mark.parametrize(("naam", "soort", "data"), PAGINAS, ids=[p[0] for p in PAGINAS])
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_opgaves_object_in_this_opgaves_url_is_not_found(
    client, regisseur, opgave, andere_opgave, vreemd, naam, soort, data, method
):
    client.force_login(regisseur)
    voor = stand(andere_opgave)
    url = reverse(f"opgaven:{naam}", kwargs={"slug": opgave.slug, "pk": vreemd[soort].pk})

    response = getattr(client, method)(url, data)

    assert response.status_code == 404
    assert stand(andere_opgave) == voor
    assert not Doel.objects.filter(opgave=opgave).exists()
    assert not Indicator.objects.filter(opgave=opgave).exists()


def test_another_opgaves_goal_is_no_parent_choice(client, regisseur, opgave, vreemd):
    client.force_login(regisseur)
    response = client.get(
        reverse("opgaven:doel_nieuw", kwargs={"slug": opgave.slug})
        + f"?bovenliggend={vreemd['doel'].pk}"
    )
    assert response.status_code == 200
    choices = response.context["form"]["bovenliggend"].field.widget.choices
    assert [value for value, _label in choices] == [""]
    assert "Minder drugsgebruik" not in response.content.decode()
