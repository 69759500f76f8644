import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from opgaven.models import Fase, Gebied, Opgaverol, Thema
from opgaven.services import opgaverol_beeindigen, opgaverol_toekennen
from tests.factories import OpgaveFactory

pytestmark = pytest.mark.django_db

URL = reverse("opgaven:list")


def titels(response) -> list[str]:
    return [opgave.titel for opgave in response.context["pagina"].object_list]


def test_visitors_see_public_opgaven_only(client, opgave, interne_opgave):
    response = client.get(URL)
    assert response.status_code == 200
    assertContains(response, '<h1 class="utrecht-heading-1">Opgaven</h1>', html=True)
    assertContains(response, opgave.titel)
    assertNotContains(response, interne_opgave.titel)
    assertContains(response, "1 opgave")
    assertNotContains(response, "Nieuwe opgave")
    assertNotContains(response, "Bewerken")
    assert "mijn" not in response.context["form"].fields  # no "my role" without an account


def test_officials_see_all_and_may_create(client, ambtenaar, opgave, interne_opgave):
    client.force_login(ambtenaar)
    response = client.get(URL)
    assertContains(response, opgave.titel)
    assertContains(response, interne_opgave.titel)
    assertContains(response, "2 opgaven")
    assertContains(response, f'href="{reverse("opgaven:add")}"')
    assertNotContains(response, "Bewerken")  # no roles, so nothing to edit


def test_a_partner_sees_the_internal_opgave_of_their_organisation(
    client, partner_lid, partner_buitenstaander, opgave, interne_opgave
):
    client.force_login(partner_lid)
    assert set(titels(client.get(URL))) == {opgave.titel, interne_opgave.titel}
    client.force_login(partner_buitenstaander)
    assert titels(client.get(URL)) == [opgave.titel]


def test_edit_links_only_where_allowed(client, regisseur, opgave):
    anders = OpgaveFactory(titel="Andere opgave")
    client.force_login(regisseur)
    response = client.get(URL)
    assertContains(response, f'href="{reverse("opgaven:edit", args=[opgave.slug])}"')
    assertNotContains(response, reverse("opgaven:edit", args=[anders.slug]))
    # Our word, not django-guardian's "Veranderen" for the same msgid.
    assertContains(response, ">Bewerken<span")
    assertNotContains(response, "Veranderen")


def test_a_card_shows_title_phase_themes_areas_and_a_short_vraagstuk(client, opgave):
    opgave.themas.set(Thema.objects.filter(slug__in=["wonen", "energie-en-klimaat"]))
    opgave.gebieden.set(Gebied.objects.filter(code__in=["BU99990201", "WK999903"]))
    OpgaveFactory(titel="Lang verhaal", vraagstuk=" ".join(["woord"] * 60))
    response = client.get(URL)
    assertContains(
        response,
        f'<h3 class="utrecht-heading-3 opgave-kaart__titel"><a class="utrecht-link" '
        f'href="{opgave.get_absolute_url()}">{opgave.titel}</a></h3>',
        html=True,
    )
    assertContains(response, "Fase: Uitvoeren")
    assertContains(response, "<dt>Thema's</dt>", html=True)
    assertContains(response, "<dd>Energie en klimaat, Wonen</dd>", html=True)
    assertContains(response, "<dd>Molenbuurt, Oosterhout</dd>", html=True)
    assertContains(response, opgave.vraagstuk)
    assertContains(response, " ".join(["woord"] * 30) + " …")
    assertNotContains(response, " ".join(["woord"] * 31))


def test_search(client, opgave):
    OpgaveFactory(titel="Samen tegen eenzaamheid")
    response = client.get(URL, {"q": "eenzaam"})
    assert titels(response) == ["Samen tegen eenzaamheid"]
    assertContains(response, 'value="eenzaam"')
    assertContains(response, "Best passende eerst.")


def test_filter_on_phase(client, opgave, andere_opgave):
    response = client.get(URL, {"fase": Fase.DELEN})
    assert titels(response) == [andere_opgave.titel]
    assertContains(response, '<option value="delen" selected>Delen</option>', html=True)


def test_filter_on_theme(client, opgave, andere_opgave):
    andere_opgave.themas.set([Thema.objects.get(slug="jeugd-en-onderwijs")])
    response = client.get(URL, {"thema": "jeugd-en-onderwijs"})
    assert titels(response) == [andere_opgave.titel]


def test_filter_on_area_grouped_by_wijk(client, opgave, andere_opgave):
    andere_opgave.gebieden.set([Gebied.objects.get(code="BU99990102")])  # Havenkwartier
    response = client.get(URL, {"gebied": "WK999901"})  # wijk Centrum
    assert titels(response) == [andere_opgave.titel]
    assertContains(response, '<optgroup label="Wijk Centrum">')
    assertContains(response, '<option value="WK999901" selected>De hele wijk Centrum</option>')


def test_filter_my_roles(client, regisseur, ambtenaar, opgave, interne_opgave, andere_opgave):
    client.force_login(regisseur)
    response = client.get(URL, {"mijn": "rol"})
    assert set(titels(response)) == {opgave.titel, interne_opgave.titel}
    client.force_login(ambtenaar)
    assert titels(client.get(URL, {"mijn": "rol"})) == [andere_opgave.titel]
    opgaverol_beeindigen(opgaverol=andere_opgave.rollen.get())
    assertContains(client.get(URL, {"mijn": "rol"}), "Geen opgaven gevonden")


def test_the_filter_for_my_organisation_is_for_members_of_one(
    client, partner_lid, regisseur, opgave, interne_opgave, andere_opgave
):
    client.force_login(partner_lid)
    response = client.get(URL, {"mijn": "organisatie"})
    assert set(titels(response)) == {opgave.titel, interne_opgave.titel}
    assertContains(response, "Waar mijn organisatie bij betrokken is")
    opgaverol_toekennen(opgave=andere_opgave, user=partner_lid, rol=Opgaverol.Rol.KERNTEAMLID)
    assert titels(client.get(URL, {"mijn": "rol"})) == [andere_opgave.titel]

    client.force_login(regisseur)  # works for no organisation: only "my role"
    response = client.get(URL)
    assertContains(response, "Waar ik een rol heb")
    assertNotContains(response, "Waar mijn organisatie bij betrokken is")


def test_an_unknown_filter_value_is_left_out(client, opgave, andere_opgave):
    response = client.get(URL, {"fase": "bestaat-niet", "thema": "geen", "gebied": "WK000000"})
    assert response.status_code == 200
    assert set(titels(response)) == {opgave.titel, andere_opgave.titel}


def test_empty_states_are_in_dutch(client, opgave):
    response = client.get(URL, {"q": "fietspad", "fase": Fase.DELEN})
    assertContains(response, "Geen opgaven gevonden")
    assertContains(response, "Controleer de spelling, of gebruik minder of kortere woorden.")
    # Links that widen the search: without the filters, and without the search words.
    assertContains(response, f'href="{URL}?q=fietspad"')
    assertContains(response, f'href="{URL}?fase=delen"')
    assertContains(client.get(URL, {"fase": Fase.DELEN}), f'href="{URL}"')


def test_empty_state_without_any_opgave(client, db):
    response = client.get(URL)
    assertContains(response, "Er zijn nog geen opgaven die je kunt zien.")
    assertNotContains(response, "Controleer de spelling")


def test_search_form_works_with_and_without_htmx(client, db):
    response = client.get(URL)
    assertContains(response, f'action="{URL}"')
    assertContains(response, 'method="get"')
    assertContains(response, f'hx-get="{URL}"')
    assertContains(response, 'hx-target="#resultaten"')
    assertContains(response, 'hx-push-url="true"')
    assertContains(response, '<button type="submit"')
    for naam in ["q", "fase", "thema", "gebied"]:
        assertContains(response, f'<label class="utrecht-form-label" for="id_{naam}">')


def test_pages_of_twenty_with_links_for_both_htmx_and_plain_requests(client):
    OpgaveFactory.create_batch(25)
    response = client.get(URL, {"pagina": 2})
    assert len(response.context["pagina"].object_list) == 5
    assertContains(response, 'aria-current="page">2<')
    assertContains(response, 'href="?pagina=1"')
    assertContains(response, 'hx-get="?pagina=1"')


def test_page_links_keep_the_search_and_the_filters(client):
    OpgaveFactory.create_batch(22, fase=Fase.DELEN, vraagstuk="Over groen in de wijk.")
    OpgaveFactory.create_batch(3, fase=Fase.VERKENNEN, vraagstuk="Over groen in de wijk.")
    response = client.get(URL, {"q": "groen", "fase": Fase.DELEN, "thema": ""})
    assertContains(response, "22 opgaven")
    volgende = 'href="?q=groen&amp;fase=delen&amp;thema=&amp;pagina=2"'
    assertContains(response, volgende)
    assertContains(response, volgende.replace("href", "hx-get"))

    tweede = client.get(URL, {"q": "groen", "fase": Fase.DELEN, "pagina": 2})
    assert len(tweede.context["pagina"].object_list) == 2
    assert all(o.fase == Fase.DELEN for o in tweede.context["pagina"].object_list)


def test_htmx_gets_only_the_results(client, opgave):
    response = client.get(URL, {"q": "energie"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert "<form" not in content
    assert '<h1 class="utrecht-heading-1">' not in content
    assert opgave.titel in content
    assert "HX-Request" in response["Vary"]
    # The status for screen readers is updated out of band.
    assert re.search(r'<p id="zoekstatus"[^>]*hx-swap-oob="true">\s*1 opgave gevonden', content)


def test_htmx_with_filters_and_no_result(client, opgave):
    headers = {"HX-Request": "true"}
    response = client.get(URL, {"fase": Fase.GESTOPT}, headers=headers)
    content = response.content.decode()
    assert "<form" not in content
    assert "Geen opgaven gevonden" in content
    assert f'href="{URL}"' in content  # the link that switches the filters off


def test_htmx_history_restore_gets_the_whole_page(client, opgave):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    response = client.get(URL, headers=headers)
    assert "<html" in response.content.decode()


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_other_methods_are_not_allowed(client, method):
    assert getattr(client, method)(URL).status_code == 405


@pytest.mark.parametrize(
    ("persona", "filters"),
    [
        ("regisseur", {}),
        ("regisseur", {"q": "opgave", "mijn": "rol", "thema": "wonen", "gebied": "WK999901"}),
        ("partner_lid", {"mijn": "organisatie"}),
        ("anoniem", {"q": "opgave"}),
    ],
)
def test_queries_do_not_grow_with_the_number_of_opgaven(
    client, request, persona, filters, regisseur, organisatie, django_assert_num_queries
):
    wonen = Thema.objects.get(slug="wonen")
    themas = [wonen, *Thema.objects.exclude(pk=wonen.pk)[:2]]
    gebieden = list(Gebied.objects.filter(code__in=["WK999901", "BU99990101", "BU99990102"]))

    def add_opgave():
        opgave = OpgaveFactory(titel=f"Opgave {OpgaveFactory._meta.model.objects.count()}")
        opgave.themas.set(themas)
        opgave.gebieden.set(gebieden)
        opgaverol_toekennen(opgave=opgave, user=regisseur, rol=Opgaverol.Rol.OPGAVEREGISSEUR)
        opgave.betrokkenheden.create(organisatie=organisatie, aard="voert_uit")

    if user := request.getfixturevalue(persona):
        client.force_login(user)
    add_opgave()
    client.get(URL, filters)  # warm the caches that live for the whole process
    with CaptureQueriesContext(connection) as one_row:
        response = client.get(URL, filters)
    assert len(titels(response)) == 1
    assert len(one_row) <= 12

    for _ in range(49):
        add_opgave()
    with django_assert_num_queries(len(one_row)):
        response = client.get(URL, filters)
    assert len(titels(response)) == 20
    assert response.context["pagina"].paginator.count == 50
    if persona == "regisseur":
        assert all(opgave.kan_bewerken for opgave in response.context["pagina"].object_list)
