"""The "Doelen" tab and its forms: the tree, chart and table, editing, deleting, read-only."""

import base64
import re
from datetime import date
from decimal import Decimal

from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from opgaven.models import Doel, Indicator, Meting
from opgaven.services.doelen import doel_create, indicator_create, meting_create

pytestmark = pytest.mark.django_db


def tab(opgave) -> str:
    return reverse("opgaven:doelen", args=[opgave.slug])


def url(name: str, opgave, pk=None) -> str:
    kwargs = {"slug": opgave.slug} if pk is None else {"slug": opgave.slug, "pk": pk}
    return reverse(f"opgaven:{name}", kwargs=kwargs)


@pytest.fixture
def effect(opgave):
    return doel_create(opgave=opgave, titel="Minder eenzaamheid", soort=Doel.Soort.EFFECT)


@pytest.fixture
def doel(opgave, effect):
    return doel_create(opgave=opgave, titel="Meer ontmoeting in de wijk", bovenliggend=effect)


@pytest.fixture
def subdoel(opgave, doel):
    return doel_create(opgave=opgave, titel="Buurthuis open in het weekend", bovenliggend=doel)


@pytest.fixture
def indicator(doel):
    indicator = indicator_create(
        doel=doel,
        naam="Inwoners die zich eenzaam voelen",
        eenheid="%",
        bron="GGD-gezondheidsmonitor",
        nulmeting=Decimal("40"),
        streefwaarde=Decimal("30"),
        streefdatum=date(2030, 1, 1),
    )
    meting_create(indicator=indicator, datum=date(2024, 9, 1), waarde=Decimal("38.25"))
    meting_create(indicator=indicator, datum=date(2025, 6, 1), waarde=Decimal("33.80"))
    return indicator


@pytest.fixture
def regie(client, regisseur):
    client.force_login(regisseur)
    return client


# --- The tab ----------------------------------------------------------------------------


def test_the_tree_nests_goals_under_their_effect(regie, opgave, effect, doel, subdoel):
    html = regie.get(tab(opgave)).content.decode()
    # effect > doel > subdoel, each in a list nested in the item of the goal it serves
    assert re.search(
        r'<ul class="doelen-boom"[^>]*>\s*<li[^>]*>\s*<div class="doel doel--effect" '
        rf'id="doel-{effect.pk}">.*?<ul class="doelen-boom doelen-boom--genest">\s*<li[^>]*>\s*'
        rf'<div class="doel doel--doel" id="doel-{doel.pk}">.*?'
        r'<ul class="doelen-boom doelen-boom--genest">\s*<li[^>]*>\s*'
        rf'<div class="doel doel--doel" id="doel-{subdoel.pk}">',
        html,
        re.DOTALL,
    )
    assert "Minder eenzaamheid" in html
    assert "Buurthuis open in het weekend" in html


def test_an_indicator_shows_its_numbers_progress_chart_and_table(regie, opgave, indicator):
    response = regie.get(tab(opgave))
    html = response.content.decode()
    assertContains(response, "Inwoners die zich eenzaam voelen")
    assertContains(response, "40 %")  # baseline
    assertContains(response, "30 %")  # target
    assertContains(response, "1 januari 2030")  # target date
    assertContains(response, "33,80 % (1 juni 2025)")  # latest measurement
    assertContains(response, "62% van de weg van nulmeting naar streefwaarde")
    assertContains(response, "GGD-gezondheidsmonitor")

    # The chart: an SVG image with an alt text, and its measurements in the SVG itself.
    [(src, alt)] = re.findall(r'<img src="(data:image/svg\+xml;base64,[^"]+)" alt="([^"]+)"', html)
    svg = base64.b64decode(src.split(",", 1)[1]).decode()
    assert "<svg" in svg
    assert "Streefwaarde" in svg
    assert "Nulmeting" in svg
    assert "2 metingen van 1 september 2024 tot 1 juni 2025" in alt

    # The table next to it: every measurement with its date and value.
    tabel = re.search(r"<details[^>]*>.*?</details>", html, re.DOTALL).group()
    assert "<caption" in tabel
    assert "Tabel met 2 metingen" in tabel
    assert re.search(r"1 september 2024</th>\s*<td[^>]*>38,25</td>", tabel)
    assert re.search(r"1 juni 2025</th>\s*<td[^>]*>33,80</td>", tabel)


def test_an_indicator_without_measurements_says_so(regie, opgave, doel):
    indicator_create(
        doel=doel,
        naam="Bezoekers buurthuis",
        eenheid="mensen",
        nulmeting=Decimal(120),
        streefwaarde=Decimal(200),
        streefdatum=date(2028, 12, 31),
    )
    response = regie.get(tab(opgave))
    assertContains(response, "Nog geen meting.")
    assertContains(response, "Nog geen metingen.")
    assertContains(response, 'alt="Lijngrafiek van “Bezoekers buurthuis” nog zonder metingen')


def test_an_opgave_without_goals_says_so(regie, opgave):
    response = regie.get(tab(opgave))
    assertContains(response, "Deze opgave heeft nog geen doelen.")
    assertContains(response, "Begin met het effect in de samenleving dat je wilt bereiken")


def test_the_regisseur_gets_the_edit_links(regie, opgave, indicator):
    response = regie.get(tab(opgave))
    meting = indicator.metingen.first()
    for href in [
        url("doel_nieuw", opgave),
        url("doel_bewerken", opgave, indicator.doel_id),
        url("doel_verwijderen", opgave, indicator.doel_id),
        url("indicator_nieuw", opgave, indicator.doel_id),
        url("indicator_bewerken", opgave, indicator.pk),
        url("indicator_verwijderen", opgave, indicator.pk),
        url("meting_nieuw", opgave, indicator.pk),
        url("meting_verwijderen", opgave, meting.pk),
    ]:
        assertContains(response, f'href="{href}')


@pytest.mark.parametrize("persona", ["partner_lid", "ambtenaar"])
def test_partners_and_officials_without_a_role_read_only(
    client, request, opgave, indicator, persona
):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(tab(opgave))
    assert response.status_code == 200
    assertContains(response, "Inwoners die zich eenzaam voelen")
    assertContains(response, "38,25")
    assertNotContains(response, "/bewerken/")
    assertNotContains(response, "/verwijderen/")
    assertNotContains(response, "/nieuw/")
    assertNotContains(response, "Effect of doel toevoegen")


def test_a_finished_opgave_is_read_only_for_its_regisseur_too(regie, opgave, indicator):
    type(opgave).objects.filter(pk=opgave.pk).update(fase="afgerond")
    response = regie.get(tab(opgave))
    assert response.status_code == 200
    assertNotContains(response, "/bewerken/")
    assert regie.get(url("doel_nieuw", opgave)).status_code == 403


@pytest.mark.parametrize("persona", ["partner_lid", "ambtenaar"])
def test_partners_and_officials_without_a_role_cannot_post(
    client, request, opgave, indicator, persona
):
    client.force_login(request.getfixturevalue(persona))
    doel = indicator.doel
    meting = indicator.metingen.first()
    posts = [
        (url("doel_nieuw", opgave), {"soort": "doel", "titel": "Nieuw", "volgorde": "0"}),
        (url("doel_bewerken", opgave, doel.pk), {"soort": "doel", "titel": "X", "volgorde": "0"}),
        (url("doel_verwijderen", opgave, doel.pk), {}),
        (url("indicator_verwijderen", opgave, indicator.pk), {}),
        (url("meting_nieuw", opgave, indicator.pk), {"datum": "2025-01-01", "waarde": "1"}),
        (url("meting_verwijderen", opgave, meting.pk), {}),
    ]
    for adres, data in posts:
        assert client.post(adres, data).status_code == 403, adres
    assert Doel.objects.filter(opgave=opgave).count() == 2
    assert Doel.objects.get(pk=doel.pk).titel == "Meer ontmoeting in de wijk"
    assert Meting.objects.filter(indicator=indicator).count() == 2


# --- Doel -----------------------------------------------------------------------------


def test_the_first_goal_form_suggests_an_effect(regie, opgave):
    response = regie.get(url("doel_nieuw", opgave))
    assert response.status_code == 200
    assert response.context["form"].initial == {"soort": "effect"}


def test_adding_an_effect_and_a_goal_below_it(regie, opgave):
    response = regie.post(
        url("doel_nieuw", opgave),
        {"soort": "effect", "titel": "Minder eenzaamheid", "omschrijving": "", "volgorde": "0"},
    )
    effect = Doel.objects.get(opgave=opgave)
    assertRedirects(response, f"{tab(opgave)}#doel-{effect.pk}", fetch_redirect_response=False)
    assert effect.soort == Doel.Soort.EFFECT

    form = regie.get(f"{url('doel_nieuw', opgave)}?bovenliggend={effect.pk}")
    assert form.context["form"].initial == {"bovenliggend": effect.pk, "soort": "doel"}
    regie.post(
        url("doel_nieuw", opgave),
        {"soort": "doel", "titel": "Meer ontmoeting", "bovenliggend": effect.pk, "volgorde": "1"},
    )
    doel = Doel.objects.get(opgave=opgave, soort=Doel.Soort.DOEL)
    assert doel.bovenliggend == effect
    assertContains(regie.get(tab(opgave)), "“Meer ontmoeting” is toegevoegd.")


def test_a_goal_without_a_title_gives_400_and_adds_nothing(regie, opgave):
    response = regie.post(
        url("doel_nieuw", opgave), {"soort": "doel", "titel": "", "volgorde": "0"}
    )
    assert response.status_code == 400
    assertContains(response, "Dit veld is verplicht.", status_code=400)
    assertContains(response, "Verbeter het volgende", status_code=400)
    assert not Doel.objects.exists()


def test_a_parent_of_another_opgave_gives_400(regie, opgave, andere_opgave):
    vreemd = doel_create(opgave=andere_opgave, titel="Minder drugsgebruik")
    response = regie.post(
        url("doel_nieuw", opgave),
        {"soort": "doel", "titel": "Meer ontmoeting", "bovenliggend": vreemd.pk, "volgorde": "0"},
    )
    assert response.status_code == 400
    assertContains(response, "Selecteer een geldige keuze.", status_code=400)
    assert not Doel.objects.filter(opgave=opgave).exists()


def test_an_effect_under_a_goal_gives_400(regie, opgave, doel):
    response = regie.post(
        url("doel_nieuw", opgave),
        {"soort": "effect", "titel": "Effect", "bovenliggend": doel.pk, "volgorde": "0"},
    )
    assert response.status_code == 400
    assertContains(
        response,
        "Een effect staat bovenaan de boom: het dient geen ander doel.",
        status_code=400,
    )
    assert Doel.objects.filter(opgave=opgave).count() == 2


def test_editing_a_goal(regie, opgave, effect, doel, subdoel):
    response = regie.get(url("doel_bewerken", opgave, doel.pk))
    assert response.status_code == 200
    # It may serve the effect, but not itself or the goal below it.
    keuzes = [
        str(waarde)
        for waarde, _label in response.context["form"]["bovenliggend"].field.widget.choices
    ]
    assert keuzes == ["", str(effect.pk)]

    response = regie.post(
        url("doel_bewerken", opgave, subdoel.pk),
        {
            "soort": "doel",
            "titel": "Buurthuis ook 's avonds open",
            "bovenliggend": effect.pk,
            "volgorde": "2",
        },
    )
    assertRedirects(response, f"{tab(opgave)}#doel-{subdoel.pk}", fetch_redirect_response=False)
    subdoel.refresh_from_db()
    assert subdoel.titel == "Buurthuis ook 's avonds open"
    assert subdoel.bovenliggend == effect
    assert subdoel.volgorde == 2


def test_moving_a_goal_below_itself_gives_400_with_a_dutch_message(
    regie, opgave, effect, doel, subdoel
):
    response = regie.post(
        url("doel_bewerken", opgave, doel.pk),
        {"soort": "doel", "titel": "Andere titel", "bovenliggend": subdoel.pk, "volgorde": "0"},
    )
    assert response.status_code == 400
    assertContains(
        response,
        "Een doel kan niet onder zichzelf of onder een van de doelen eronder staan.",
        status_code=400,
    )
    doel.refresh_from_db()
    assert doel.bovenliggend == effect
    assert doel.titel == "Meer ontmoeting in de wijk"


def test_deleting_a_goal_asks_first_and_names_what_goes_with_it(
    regie, opgave, effect, doel, subdoel, indicator
):
    adres = url("doel_verwijderen", opgave, doel.pk)
    response = regie.get(adres)
    assert response.status_code == 200
    assertContains(response, "Weet je het zeker?")
    assertContains(response, "Het doel eronder.")
    assertContains(response, "Eén indicator.")
    assertContains(response, "2 metingen.")
    assertContains(response, f'action="{adres}"')
    assert Doel.objects.filter(pk=doel.pk).exists()

    response = regie.post(adres)
    assertRedirects(response, tab(opgave), fetch_redirect_response=False)
    assert list(Doel.objects.filter(opgave=opgave)) == [effect]
    assert not Indicator.objects.exists()
    assert not Meting.objects.exists()


# --- Indicator --------------------------------------------------------------------------


INDICATOR = {
    "naam": "Bezoekers buurthuis",
    "eenheid": "mensen per week",
    "bron": "Turflijst buurthuis",
    "nulmeting": "120",
    "streefwaarde": "1250,5",
    "streefdatum": "2028-12-31",
}


def test_adding_an_indicator_with_dutch_numbers(regie, opgave, doel):
    response = regie.get(url("indicator_nieuw", opgave, doel.pk))
    assert response.status_code == 200
    response = regie.post(url("indicator_nieuw", opgave, doel.pk), INDICATOR)
    indicator = Indicator.objects.get()
    assertRedirects(
        response, f"{tab(opgave)}#indicator-{indicator.pk}", fetch_redirect_response=False
    )
    assert indicator.doel == doel
    assert indicator.opgave == opgave
    assert indicator.streefwaarde == Decimal("1250.5")
    assert indicator.streefdatum == date(2028, 12, 31)


def test_an_indicator_with_its_target_at_the_baseline_gives_400(regie, opgave, doel):
    response = regie.post(
        url("indicator_nieuw", opgave, doel.pk), {**INDICATOR, "streefwaarde": "120"}
    )
    assert response.status_code == 400
    assertContains(
        response,
        "De streefwaarde moet verschillen van de nulmeting, anders is er geen weg te gaan.",
        status_code=400,
    )
    assert not Indicator.objects.exists()


def test_an_indicator_with_a_bad_number_gives_400(regie, opgave, doel):
    response = regie.post(
        url("indicator_nieuw", opgave, doel.pk), {**INDICATOR, "nulmeting": "veel"}
    )
    assert response.status_code == 400
    assertContains(response, "Voer een getal in.", status_code=400)
    assert not Indicator.objects.exists()


def test_editing_an_indicator(regie, opgave, indicator):
    response = regie.get(url("indicator_bewerken", opgave, indicator.pk))
    assert response.status_code == 200
    assertContains(response, 'value="Inwoners die zich eenzaam voelen"')
    response = regie.post(
        url("indicator_bewerken", opgave, indicator.pk), {**INDICATOR, "naam": "Eenzaamheid"}
    )
    assertRedirects(
        response, f"{tab(opgave)}#indicator-{indicator.pk}", fetch_redirect_response=False
    )
    indicator.refresh_from_db()
    assert indicator.naam == "Eenzaamheid"
    assert indicator.metingen.count() == 2


def test_deleting_an_indicator_asks_first(regie, opgave, indicator):
    adres = url("indicator_verwijderen", opgave, indicator.pk)
    response = regie.get(adres)
    assertContains(response, "Weet je het zeker?")
    assertContains(response, "2 metingen.")
    assert Indicator.objects.exists()
    response = regie.post(adres)
    assertRedirects(
        response, f"{tab(opgave)}#doel-{indicator.doel_id}", fetch_redirect_response=False
    )
    assert not Indicator.objects.exists()
    assert not Meting.objects.exists()


# --- Meting ---------------------------------------------------------------------------


def test_recording_a_measurement(regie, opgave, indicator, regisseur):
    response = regie.get(url("meting_nieuw", opgave, indicator.pk))
    assert response.status_code == 200
    assertContains(response, "Nulmeting 40 %; streefwaarde 30 % op 1 januari 2030.")
    response = regie.post(
        url("meting_nieuw", opgave, indicator.pk),
        {"datum": "2025-09-01", "waarde": "31,5", "toelichting": "Na de zomer"},
    )
    assertRedirects(
        response, f"{tab(opgave)}#indicator-{indicator.pk}", fetch_redirect_response=False
    )
    meting = Meting.objects.get(indicator=indicator, datum=date(2025, 9, 1))
    assert meting.waarde == Decimal("31.5")
    assert meting.vastgelegd_door == regisseur
    assert meting.opgave == opgave
    response = regie.get(tab(opgave))
    assertContains(response, "De meting van “Inwoners die zich eenzaam voelen” is vastgelegd.")
    assertContains(response, "31,50")
    assertContains(response, "Na de zomer")


def test_a_second_measurement_on_a_date_gives_400_with_a_dutch_message(regie, opgave, indicator):
    response = regie.post(
        url("meting_nieuw", opgave, indicator.pk), {"datum": "2025-06-01", "waarde": "20"}
    )
    assert response.status_code == 400
    assertContains(response, "Deze indicator heeft al een meting op deze datum.", status_code=400)
    assert list(Meting.objects.filter(indicator=indicator).values_list("waarde", flat=True)) == [
        Decimal("38.25"),
        Decimal("33.80"),
    ]


def test_a_measurement_without_a_value_gives_400(regie, opgave, indicator):
    response = regie.post(url("meting_nieuw", opgave, indicator.pk), {"datum": "2025-09-01"})
    assert response.status_code == 400
    assertContains(response, "Dit veld is verplicht.", status_code=400)
    assert Meting.objects.filter(indicator=indicator).count() == 2


def test_deleting_a_measurement_asks_first(regie, opgave, indicator):
    meting = indicator.metingen.get(datum=date(2024, 9, 1))
    adres = url("meting_verwijderen", opgave, meting.pk)
    response = regie.get(adres)
    assertContains(response, "Weet je het zeker?")
    assertContains(response, "1 september 2024")
    assertContains(response, "De gemeten waarde is 38,25 %.")
    assert Meting.objects.filter(pk=meting.pk).exists()
    response = regie.post(adres)
    assertRedirects(
        response, f"{tab(opgave)}#indicator-{indicator.pk}", fetch_redirect_response=False
    )
    assert not Meting.objects.filter(pk=meting.pk).exists()
    assert indicator.metingen.count() == 1


@pytest.mark.parametrize(
    "name", ["doel_nieuw", "doel_bewerken", "doel_verwijderen", "meting_verwijderen"]
)
def test_other_methods_are_not_allowed(regie, opgave, indicator, name):
    pk = {
        "doel_nieuw": None,
        "doel_bewerken": indicator.doel_id,
        "doel_verwijderen": indicator.doel_id,
        "meting_verwijderen": indicator.metingen.first().pk,
    }[name]
    assert regie.put(url(name, opgave, pk)).status_code == 405
    assert regie.post(tab(opgave)).status_code == 405
