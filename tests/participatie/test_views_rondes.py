"""The list of rounds, a round's page and joining a round (issue 6 points 2, 3)."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from opgaven.models import Gebied, Thema
from participatie.models import Deelname, Inbreng, Ronde, Trede
from participatie.services import (
    deelnemen,
    inbreng_indienen,
    ronde_bijwerken,
    ronde_status_wijzigen,
    steun_wisselen,
    terugkoppelen,
    verbergen,
)
from tests.conftest import _ronde
from tests.factories import UserFactory
from tests.test_csp import inline_code

pytestmark = pytest.mark.django_db

LIJST = reverse("participatie:list")
HTMX = {"HX-Request": "true"}


def url(name, ronde, **kwargs):
    return reverse(f"participatie:{name}", kwargs={"slug": ronde.slug, **kwargs})


def open_ronde(opgave, door, **velden):
    ronde = _ronde(opgave, door, **velden)
    return ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.OPEN, door=door)


def gesloten_ronde(opgave, door, **velden):
    ronde = open_ronde(opgave, door, **velden)
    return ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.GESLOTEN, door=door)


def indienen(ronde, auteur=None, **velden):
    auteur = auteur or UserFactory()
    deelnemen(ronde=ronde, user=auteur)
    return inbreng_indienen(
        ronde=ronde,
        auteur=auteur,
        **{"soort": "idee", "titel": "Een idee", "tekst": "Uitleg.", **velden},
    )


# --- The list of rounds -----------------------------------------------------------------


def test_the_list_shows_open_rounds_first_then_recent_ones_but_no_drafts(
    client, opgave, regisseur, concept_ronde
):
    vandaag = timezone.localdate()
    recent = gesloten_ronde(
        opgave,
        regisseur,
        titel="Recent gesloten",
        start=vandaag - timedelta(days=90),
        eind=vandaag - timedelta(days=30),
    )
    oud = gesloten_ronde(
        opgave, regisseur, titel="Lang geleden", start=date(2020, 1, 1), eind=date(2020, 2, 1)
    )
    Ronde.objects.filter(pk=oud.pk).update(gesloten_op=timezone.now() - timedelta(days=800))
    open_ = open_ronde(opgave, regisseur, titel="Nu open", start=date(2020, 1, 1))

    response = client.get(LIJST)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(open_.titel) < html.index(recent.titel)
    assertNotContains(response, oud.titel)
    assertNotContains(response, concept_ronde.titel)
    assertContains(response, opgave.titel)
    assert inline_code(html) == []


def test_a_district_also_finds_the_rounds_of_its_neighbourhoods(client, opgave, regisseur):
    molenbuurt = Gebied.objects.get(naam="Molenbuurt")
    noorderpolder = Gebied.objects.get(naam="Noorderpolder")
    centrum = Gebied.objects.get(naam="Centrum")
    in_buurt = open_ronde(opgave, regisseur, titel="Bankjes in de Molenbuurt")
    ronde_bijwerken(ronde=in_buurt, gebieden=[molenbuurt])
    elders = open_ronde(opgave, regisseur, titel="Parkeren in het centrum")
    ronde_bijwerken(ronde=elders, gebieden=[centrum])

    response = client.get(LIJST, {"gebied": noorderpolder.code})

    assertContains(response, in_buurt.titel)
    assertNotContains(response, elders.titel)


def test_the_theme_filter_uses_the_opgave_and_an_empty_result_says_so(
    client, opgave, regisseur, ronde
):
    wonen = Thema.objects.get(slug="wonen")
    zorg = Thema.objects.get(slug="zorg-en-welzijn")
    opgave.themas.set([zorg])

    assertContains(client.get(LIJST, {"thema": zorg.slug}), ronde.titel)
    response = client.get(LIJST, {"thema": wonen.slug})
    assertNotContains(response, ronde.titel)
    assertContains(response, _("No open or recent round matches these filters."))


def test_without_rounds_the_list_says_when_to_come_back(client, db):
    assertContains(client.get(LIJST), _("No rounds at the moment"))


def test_htmx_gets_only_the_results(client, ronde):
    response = client.get(LIJST, headers=HTMX)
    html = response.content.decode()
    assert "<html" not in html
    assert ronde.titel in html


# --- A round's page ---------------------------------------------------------------------


def test_the_round_page_shows_question_influence_and_the_ladder(client, ronde):
    response = client.get(ronde.get_absolute_url())

    assertContains(response, ronde.vraag)
    assertContains(response, _("What can you have a say in?"))
    assertContains(response, ronde.invloedsruimte)
    assertContains(response, str(ronde.trede_uitleg))
    html = response.content.decode()
    assert html.count('aria-current="step"') == 1
    huidig = html[html.index('aria-current="step"') :]
    assert huidig.index(str(Trede.ADVISEREN.label)) < huidig.index("</li>")
    for _waarde, label in Trede.choices:
        assertContains(response, str(label))
    assertContains(response, "1 november 2026")
    assert inline_code(html) == []


def test_anonymous_visitors_get_a_login_link_back_to_the_round(client, ronde):
    response = client.get(ronde.get_absolute_url())

    login = f"{reverse('account_login')}?next=%2Fparticipatie%2F{ronde.slug}%2F"
    assertContains(response, f'href="{login}"')
    assertNotContains(response, url("meedoen", ronde))


def test_the_call_to_action_follows_whether_you_joined(client, ronde, inwoner, partner_lid):
    client.force_login(partner_lid)
    response = client.get(ronde.get_absolute_url())
    assertContains(response, f'href="{url("meedoen", ronde)}"')
    assertNotContains(response, f'href="{url("inbreng_nieuw", ronde)}"')

    client.force_login(inwoner)
    assertContains(client.get(ronde.get_absolute_url()), f'href="{url("inbreng_nieuw", ronde)}"')


def test_a_closed_round_invites_no_input(client, ronde, regisseur, inwoner):
    ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.GESLOTEN, door=regisseur)
    client.force_login(inwoner)

    response = client.get(ronde.get_absolute_url())

    assertNotContains(response, url("inbreng_nieuw", ronde))
    assertContains(
        response,
        _(
            "This round is closed. The municipality is now looking at all input and will say "
            "per input what is done with it, and why."
        ),
        status_code=200,
    )


def test_inputs_sort_by_support_and_filter_by_kind_and_status(client, ronde, regisseur):
    eerste = indienen(ronde, titel="Eerste idee")
    populair = indienen(ronde, titel="Populaire zorg", soort="zorg")
    for _i in range(2):
        user = UserFactory()
        steun_wisselen(inbreng=populair, user=user)
    terugkoppelen(inbreng=eerste, door=regisseur, status="overgenomen", motivering="Komt er.")

    nieuw = client.get(ronde.get_absolute_url()).content.decode()
    assert nieuw.index("Populaire zorg") < nieuw.index("Eerste idee")
    steun = client.get(ronde.get_absolute_url(), {"sorteer": "steun"}).content.decode()
    assert steun.index("Populaire zorg") < steun.index("Eerste idee")

    zorgen = client.get(ronde.get_absolute_url(), {"soort": "zorg"})
    assertContains(zorgen, "Populaire zorg")
    assertNotContains(zorgen, "Eerste idee")
    overgenomen = client.get(ronde.get_absolute_url(), {"status": "overgenomen"})
    assertContains(overgenomen, "Eerste idee")
    assertNotContains(overgenomen, "Populaire zorg")
    assertContains(overgenomen, "Komt er.")


def test_inputs_come_25_to_a_page(client, ronde):
    for nummer in range(26):
        indienen(ronde, titel=f"Idee nummer {nummer:02d}")

    eerste = client.get(ronde.get_absolute_url())
    assertContains(eerste, "Idee nummer 25")
    assertNotContains(eerste, "Idee nummer 00")
    tweede = client.get(ronde.get_absolute_url(), {"pagina": 2})
    assertContains(tweede, "Idee nummer 00")


def test_htmx_sorting_returns_only_the_inputs(client, ronde, inbreng):
    response = client.get(ronde.get_absolute_url(), {"sorteer": "steun"}, headers=HTMX)
    html = response.content.decode()
    assert "<html" not in html
    assert inbreng.titel in html
    assert ronde.invloedsruimte not in html


def test_a_draft_is_a_404_for_residents(client, concept_ronde, inwoner):
    client.force_login(inwoner)
    assert client.get(concept_ronde.get_absolute_url()).status_code == 404


def _vul(ronde, regisseur, aantal):
    for nummer in range(aantal):
        inbreng = indienen(
            ronde, titel=f"Idee {nummer}", soort=["idee", "zorg", "vraag"][nummer % 3]
        )
        if nummer % 2:
            steun_wisselen(inbreng=inbreng, user=UserFactory())
        if nummer % 3 == 0:
            terugkoppelen(inbreng=inbreng, door=regisseur, status="overgenomen", motivering="Ja.")
        if nummer % 5 == 4:
            verbergen(door=regisseur, reden="Reclame.", inbreng=inbreng)


def _queries(client, ronde):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(ronde.get_absolute_url())
    assert response.status_code == 200
    return len(queries)


# The most a page may take per visitor. A resident: session, user, roles, the two
# permission sets (``rondes_zichtbaar``), round, count, page, their supports,
# their participation, sessions, the bell. An official adds the MFA check and the
# two guardian lookups of ``can_manage_ronde``.
MAX_QUERIES = {"anoniem": 7, "inwoner": 12, "regisseur": 15}


@pytest.mark.parametrize("persona", MAX_QUERIES)
def test_the_round_page_needs_the_same_queries_for_1_or_100_inputs(
    client, ronde, regisseur, persona, request
):
    user = request.getfixturevalue(persona)
    if user is not None:
        client.force_login(user)
    _vul(ronde, regisseur, 1)
    client.get(ronde.get_absolute_url())  # warm up (content types, sessions)
    een = _queries(client, ronde)
    _vul(ronde, regisseur, 99)
    honderd = _queries(client, ronde)

    assert een == honderd
    assert honderd <= MAX_QUERIES[persona]


# --- Joining ----------------------------------------------------------------------------


def test_joining_needs_consent(client, ronde, partner_lid):
    client.force_login(partner_lid)

    response = client.post(url("meedoen", ronde), {"leeftijdsgroep": "27-40"})

    assert response.status_code == 400
    assertContains(response, _("Tick the box to take part."), status_code=400)
    assertContains(response, 'href="/privacy/"', status_code=400)
    assert not Deelname.objects.filter(user=partner_lid).exists()


def test_joining_records_district_and_age_group_and_goes_to_the_input_form(
    client, ronde, partner_lid
):
    noorderpolder = Gebied.objects.get(naam="Noorderpolder")
    client.force_login(partner_lid)

    formulier = client.get(url("meedoen", ronde))
    assertContains(formulier, _("I would rather not say"))
    assertContains(formulier, "Westerdijk")  # a round without areas: every district
    response = client.post(
        url("meedoen", ronde),
        {"toestemming": "on", "wijk": noorderpolder.pk, "leeftijdsgroep": "41-65"},
    )

    assert response.status_code == 302
    assert response["Location"] == url("inbreng_nieuw", ronde)
    deelname = Deelname.objects.get(user=partner_lid, ronde=ronde)
    assert (deelname.wijk, deelname.leeftijdsgroep) == (noorderpolder, "41-65")
    assert deelname.toestemming_op is not None


def test_the_districts_to_choose_are_those_of_the_round(client, ronde, partner_lid):
    ronde_bijwerken(ronde=ronde, gebieden=[Gebied.objects.get(naam="Molenbuurt")])
    client.force_login(partner_lid)

    formulier = client.get(url("meedoen", ronde))

    assertContains(formulier, "Noorderpolder")
    assertNotContains(formulier, "Westerdijk")
    centrum = Gebied.objects.get(naam="Centrum")
    response = client.post(url("meedoen", ronde), {"toestemming": "on", "wijk": centrum.pk})
    assert response.status_code == 400


def test_joining_goes_back_to_next_on_this_site_only(client, ronde, partner_lid):
    client.force_login(partner_lid)
    terug = ronde.get_absolute_url()

    response = client.post(f"{url('meedoen', ronde)}?next={terug}", {"toestemming": "on"})
    assert response["Location"] == terug

    response = client.post(
        url("meedoen", ronde), {"toestemming": "on", "next": "https://evil.example/"}
    )
    assert response["Location"] == url("inbreng_nieuw", ronde)


def test_a_closed_round_cannot_be_joined(client, ronde, regisseur, partner_lid):
    ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.GESLOTEN, door=regisseur)
    client.force_login(partner_lid)

    response = client.post(url("meedoen", ronde), {"toestemming": "on"}, follow=True)

    assertContains(response, _("This round is not open: taking part is no longer possible."))
    assert not Deelname.objects.filter(user=partner_lid).exists()


def test_joining_again_keeps_the_consent_and_updates_the_details(client, ronde, inwoner):
    client.force_login(inwoner)
    eerst = Deelname.objects.get(user=inwoner, ronde=ronde).toestemming_op

    response = client.post(url("meedoen", ronde), {"toestemming": "on", "leeftijdsgroep": "66+"})

    assert response.status_code == 302
    deelname = Deelname.objects.get(user=inwoner, ronde=ronde)
    assert (deelname.leeftijdsgroep, deelname.toestemming_op) == ("66+", eerst)


def test_inbreng_count_on_the_list_leaves_hidden_input_out(client, ronde, inbreng, regisseur):
    indienen(ronde, titel="Tweede")
    verbergen(door=regisseur, reden="Reclame.", inbreng=inbreng)
    response = client.get(LIJST)
    assert Inbreng.objects.filter(ronde=ronde).count() == 2
    assertContains(response, "<dd>1</dd>", html=False)


def test_the_list_needs_the_same_queries_for_1_or_8_rounds(client, opgave, regisseur):
    def tel():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIJST).status_code == 200
        return len(queries)

    open_ronde(opgave, regisseur, titel="Ronde 0")
    client.get(LIJST)
    een = tel()
    molenbuurt = Gebied.objects.get(naam="Molenbuurt")
    for nummer in range(1, 8):
        ronde = open_ronde(opgave, regisseur, titel=f"Ronde {nummer}")
        ronde_bijwerken(ronde=ronde, gebieden=[molenbuurt])
        indienen(ronde)

    assert tel() == een
    assert een <= 6
