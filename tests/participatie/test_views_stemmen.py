"""The ballot and voting with a code (participatie/views/stemmen.py).

Texts are compared with ``gettext`` under Dutch, so the tests hold before and after
the Dutch catalogue is merged. Every client gets its own IP address: the attempts at
the code page are counted per IP in the (shared) cache.
"""

import re
import uuid
from datetime import date
from decimal import Decimal

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from config.bedragen import euro
from opgaven.models import Gebied
from participatie.models import Stembiljet, Stemcode
from participatie.services_begroting import (
    ONGELDIGE_CODE,
    begroting_instellen,
    fase_wijzigen,
    keuze_toevoegen,
    stembiljet_bevestigen,
    stembiljet_openen,
    stemcode_controleren,
    stemcodes_maken,
    voorstel_beoordelen,
    voorstel_indienen,
)
from participatie.views.stemmen import MAX_POGINGEN
from tests.conftest import _begroting, _op_stembiljet

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _nederlands():
    with translation.override("nl"):
        yield


def nieuw_ip() -> str:
    return f"test-{uuid.uuid4()}"


@pytest.fixture
def client():
    """A browser from an address of its own (the code attempts count per IP)."""
    return Client(REMOTE_ADDR=nieuw_ip())


def url(naam, begroting, **kwargs):
    return reverse(f"participatie:{naam}", kwargs={"slug": begroting.ronde.slug, **kwargs})


def voorstellen(begroting):
    return {v.titel: v for v in begroting.voorstellen.all()}


def tekst(response) -> str:
    return response.content.decode()


# --- Who sees what --------------------------------------------------------------------


def test_anonymous_visitor_learns_the_two_ways_to_vote(client, stemming):
    response = client.get(url("stembiljet", stemming))
    assert response.status_code == 200
    assertContains(response, _("Log in to vote"))
    assertContains(response, url("stemcode", stemming))
    assertContains(response, reverse("account_login"))
    assert not Stembiljet.objects.exists()


def test_resident_sees_the_ballot_with_rule_costs_and_live_region(client, stemming, inwoner):
    client.force_login(inwoner)
    response = client.get(url("stembiljet", stemming))
    assert response.status_code == 200
    html = tekst(response)
    for titel in ["Project 1", "Project 2", "Project 3"]:
        assert titel in html
    assert euro(Decimal(6000)) in html
    assert _("Left to spend: %(over)s") % {"over": euro(Decimal(10000))} in html
    # The summary is a polite live region; every action is a real <button> in a form.
    assert re.search(r'id="stembiljet-status"[^>]*aria-live="polite"', html)
    assert html.count('<button type="submit" id="keuze-knop-') == 3
    assert '<button type="submit" id="bevestig-knop"' in html
    assert "<meter" in html
    assert Stembiljet.objects.filter(begroting=stemming, user=inwoner).count() == 1


def test_every_note_a_button_points_at_exists_and_buttons_name_their_project(
    client, stemming, inwoner
):
    client.force_login(inwoner)
    client.post(url("stembiljet_kies", stemming, pk=voorstellen(stemming)["Project 1"].pk))
    html = tekst(client.get(url("stembiljet", stemming)))
    knoppen = re.findall(r"<button [^>]*>.*?</button>", html, flags=re.S)
    keuzeknoppen = [k for k in knoppen if 'id="keuze-knop-' in k]
    assert len(keuzeknoppen) == 3
    for knop in keuzeknoppen:
        # A screen reader hears which project: "Kies Project 2", not only "Kies".
        assert re.search(r'<span class="site-visually-hidden"> Project \d</span>', knop)
        for verwijzing in re.findall(r'aria-describedby="([^"]+)"', knop):
            assert f'id="{verwijzing}"' in html
    # Project 1 chosen, Project 2 (€ 5.000) does not fit, Project 3 fits: 2 notes.
    assert len(re.findall(r'aria-describedby="voorstel-status-', html)) == 2
    assert "hx-get" not in html[html.index("<main") :]
    assert "<a " not in "".join(re.findall(r"<form .*?</form>", html, flags=re.S))


def test_outside_the_voting_phase_an_explanation_with_a_link_back(client, begroting, inwoner):
    client.force_login(inwoner)
    response = client.get(url("stembiljet", begroting))
    assert response.status_code == 200
    assertContains(response, _("Voting has not started yet"))
    assert begroting.ronde.slug in tekst(response)
    assert not Stembiljet.objects.exists()


def test_a_resident_of_another_district_is_told_to_declare_theirs(client, stemming, inwoner):
    wijken = list(Gebied.objects.filter(niveau=Gebied.Niveau.WIJK)[:2])
    stemming.ronde.gebieden.set([wijken[0]])
    client.force_login(inwoner)
    response = client.get(url("stembiljet", stemming))
    assert response.status_code == 200
    assertContains(response, _("Say which district you live in"))
    assertContains(response, url("meedoen", stemming))
    assertNotContains(response, 'id="bevestig-knop"')
    assert not Stembiljet.objects.exists()


def test_a_draft_round_is_not_found(client, concept_ronde, inwoner):
    client.force_login(inwoner)
    response = client.get(reverse("participatie:stembiljet", kwargs={"slug": concept_ronde.slug}))
    assert response.status_code == 404


# --- Choosing, removing, confirming -----------------------------------------------------


def test_choosing_without_javascript_redirects_back_to_the_project(client, stemming, inwoner):
    client.force_login(inwoner)
    project1 = voorstellen(stemming)["Project 1"]
    response = client.post(url("stembiljet_kies", stemming, pk=project1.pk))
    assert response.status_code == 302
    assert response["Location"] == f"{url('stembiljet', stemming)}#voorstel-{project1.pk}"
    biljet = Stembiljet.objects.get(user=inwoner)
    assert biljet.concept_totaal == Decimal(6000)
    pagina = client.get(response["Location"])
    assertContains(pagina, _("You chose “%(titel)s”.") % {"titel": "Project 1"})
    assertContains(pagina, _("Left to spend: %(over)s") % {"over": euro(Decimal(4000))})


def test_choosing_with_htmx_answers_the_ballot_and_the_summary(client, stemming, inwoner):
    client.force_login(inwoner)
    project3 = voorstellen(stemming)["Project 3"]
    response = client.post(url("stembiljet_kies", stemming, pk=project3.pk), **HX)
    assert response.status_code == 200
    html = tekst(response)
    assert "<html" not in html
    assert 'id="stembiljet"' in html
    assert 'id="stembiljet-status" hx-swap-oob="innerHTML"' in html
    assert _("Left to spend: %(over)s") % {"over": euro(Decimal(7000))} in html
    # The button of the chosen project now removes it, under the same id.
    verwijder = url("stembiljet_verwijder", stemming, pk=project3.pk)
    assert f'hx-post="{verwijder}"' in html
    assert f'id="keuze-knop-{project3.pk}"' in html
    assert response["Vary"].find("HX-Request") >= 0


def test_a_project_that_does_not_fit_is_refused_with_the_reason(client, stemming, inwoner):
    client.force_login(inwoner)
    projecten = voorstellen(stemming)
    client.post(url("stembiljet_kies", stemming, pk=projecten["Project 1"].pk), **HX)

    # Shown before trying: the button stays, with a note why it does not fit.
    pagina = tekst(client.get(url("stembiljet", stemming)))
    past_niet = _("Does not fit any more: %(over)s left") % {"over": euro(Decimal(4000))}
    assert past_niet in pagina
    assert f'id="keuze-knop-{projecten["Project 2"].pk}"' in pagina

    response = client.post(url("stembiljet_kies", stemming, pk=projecten["Project 2"].pk), **HX)
    assert response.status_code == 200
    waarom = _(
        "This project costs %(kosten)s and you have %(over)s left. Remove a project "
        "first, or choose a cheaper one."
    ) % {"kosten": euro(Decimal(5000)), "over": euro(Decimal(4000))}
    status = tekst(response).split('id="stembiljet-status"', 1)[1]
    assert waarom in status
    biljet = Stembiljet.objects.get(user=inwoner)
    assert biljet.concept_totaal == Decimal(6000)
    assert biljet.keuzes.count() == 1

    # Without JavaScript: back to the ballot, with the reason as an error message.
    response = client.post(url("stembiljet_kies", stemming, pk=projecten["Project 2"].pk))
    assert response.status_code == 302
    pagina = client.get(response["Location"])
    assertContains(pagina, waarom)
    assert Stembiljet.objects.get(user=inwoner).concept_totaal == Decimal(6000)


def test_approval_says_how_many_choices_are_left(client, begroting, regisseur, inwoner):
    begroting_instellen(ronde=begroting.ronde, stemregel="approval", max_keuzes=2)
    stemming = _op_stembiljet(begroting, regisseur, inwoner, ["1000", "1000", "1000"])
    client.force_login(inwoner)
    projecten = voorstellen(stemming)
    response = client.post(url("stembiljet_kies", stemming, pk=projecten["Project 1"].pk), **HX)
    html = tekst(response)
    assert _("%(aantal)s of at most %(max)s projects chosen") % {"aantal": 1, "max": 2} in html
    nog = ngettext(
        "You can choose %(nog)s more project.", "You can choose %(nog)s more projects.", 1
    )
    assert nog % {"nog": 1} in html
    client.post(url("stembiljet_kies", stemming, pk=projecten["Project 2"].pk), **HX)
    pagina = tekst(client.get(url("stembiljet", stemming)))
    assert _("Maximum reached: remove a project first.") in pagina


def test_removing_a_choice(client, stemming, inwoner):
    client.force_login(inwoner)
    project1 = voorstellen(stemming)["Project 1"]
    client.post(url("stembiljet_kies", stemming, pk=project1.pk))
    response = client.post(url("stembiljet_verwijder", stemming, pk=project1.pk), **HX)
    assert response.status_code == 200
    assert _("You removed “%(titel)s”.") % {"titel": "Project 1"} in tekst(response)
    biljet = Stembiljet.objects.get(user=inwoner)
    assert (biljet.concept_aantal, biljet.concept_totaal) == (0, Decimal(0))


def test_confirming_shows_what_counts_and_warns_about_later_changes(client, stemming, inwoner):
    client.force_login(inwoner)
    projecten = voorstellen(stemming)
    client.post(url("stembiljet_kies", stemming, pk=projecten["Project 1"].pk))
    response = client.post(url("stembiljet_bevestigen", stemming))
    assert response.status_code == 302
    biljet = Stembiljet.objects.get(user=inwoner)
    assert biljet.is_bevestigd
    assert biljet.totaal == Decimal(6000)
    pagina = client.get(response["Location"])
    assertContains(pagina, _("Your vote counts"))
    onbevestigd = _(
        "You have changed your choice since then, but not confirmed it. Until you confirm "
        "again, the projects above count."
    )
    assertNotContains(pagina, onbevestigd)

    # A change after confirming: the old vote still counts, and the page says so.
    client.post(url("stembiljet_kies", stemming, pk=projecten["Project 3"].pk))
    pagina = client.get(url("stembiljet", stemming))
    assertContains(pagina, onbevestigd)
    biljet.refresh_from_db()
    assert biljet.totaal == Decimal(6000)
    assert biljet.concept_totaal == Decimal(9000)


def test_confirming_with_htmx_swaps_in_the_confirmation(client, stemming, inwoner):
    client.force_login(inwoner)
    project3 = voorstellen(stemming)["Project 3"]
    client.post(url("stembiljet_kies", stemming, pk=project3.pk), **HX)
    response = client.post(url("stembiljet_bevestigen", stemming), **HX)
    assert response.status_code == 200
    assert _("Your vote counts") in tekst(response)


def test_an_empty_ballot_cannot_be_confirmed(client, stemming, inwoner):
    client.force_login(inwoner)
    response = client.post(url("stembiljet_bevestigen", stemming), **HX)
    assert response.status_code == 200
    assert _("Choose at least one project before you confirm your vote.") in tekst(response)
    assert not Stembiljet.objects.get(user=inwoner).is_bevestigd


def test_anonymous_choosing_is_sent_to_the_ballot_page(client, stemming):
    project1 = voorstellen(stemming)["Project 1"]
    response = client.post(url("stembiljet_kies", stemming, pk=project1.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(url("stembiljet", stemming))
    assert not Stembiljet.objects.exists()


def test_after_voting_closes_nothing_changes(client, stemming, inwoner):
    from participatie.services_begroting import uitslag_berekenen

    client.force_login(inwoner)
    biljet = stembiljet_openen(begroting=stemming, user=inwoner)
    uitslag_berekenen(begroting=stemming)
    project1 = voorstellen(stemming)["Project 1"]
    # htmx is sent to the ballot page, which explains; the reason comes along as a message.
    response = client.post(url("stembiljet_kies", stemming, pk=project1.pk), **HX)
    assert response["HX-Redirect"] == url("stembiljet", stemming)
    assert not biljet.keuzes.exists()
    pagina = client.get(url("stembiljet", stemming))
    assertContains(pagina, _("Voting is closed"))
    assertContains(pagina, _("Voting is closed in this round."))


def test_a_proposal_of_another_round_is_not_found(client, stemming, andere_stemming, inwoner):
    client.force_login(inwoner)
    ander = andere_stemming.voorstellen.get()
    for naam in ["stembiljet_kies", "stembiljet_verwijder"]:
        assert client.post(url(naam, stemming, pk=ander.pk)).status_code == 404
    assert not Stembiljet.objects.filter(user=inwoner).exists()


@pytest.mark.parametrize(
    "naam", ["stembiljet_kies", "stembiljet_verwijder", "stembiljet_bevestigen"]
)
def test_the_actions_take_post_only(client, stemming, inwoner, naam):
    client.force_login(inwoner)
    kwargs = (
        {} if naam == "stembiljet_bevestigen" else {"pk": voorstellen(stemming)["Project 1"].pk}
    )
    assert client.get(url(naam, stemming, **kwargs)).status_code == 405


# --- Voting with a code -----------------------------------------------------------------


def test_voting_with_a_code_from_entry_to_confirmation(client, stemming):
    (code,) = stemcodes_maken(begroting=stemming, aantal=1)
    pagina = client.get(url("stemcode", stemming))
    assert pagina.status_code == 200
    assertContains(pagina, "ABCD-EFGH-JKLM")
    assertContains(pagina, '<label class="utrecht-form-label" for="id_code"')

    client.get(url("stembiljet", stemming))  # a session before the code
    oude_sessie = client.session.session_key
    response = client.post(url("stemcode", stemming), {"code": code.lower()})
    assert response.status_code == 302
    assert response["Location"] == url("stembiljet", stemming)
    stemcode = Stemcode.objects.get()
    assert client.session[f"stemcode_{stemming.pk}"] == stemcode.pk
    assert client.session.session_key != oude_sessie

    pagina = client.get(url("stembiljet", stemming))
    assertContains(pagina, _("You vote with a voting code."))
    project3 = voorstellen(stemming)["Project 3"]
    client.post(url("stembiljet_kies", stemming, pk=project3.pk), **HX)
    response = client.post(url("stembiljet_bevestigen", stemming))
    assert response.status_code == 302

    assert f"stemcode_{stemming.pk}" not in client.session
    stemcode.refresh_from_db()
    assert stemcode.gebruikt_op is not None
    biljet = Stembiljet.objects.get(stemcode=stemcode)
    assert (biljet.is_bevestigd, biljet.totaal) == (True, Decimal(3000))
    pagina = client.get(response["Location"])
    assertContains(pagina, _("Your vote has been counted"))
    assertContains(
        pagina,
        _(
            "Your voting code has been used: it cannot be used again, and this vote can no "
            "longer change."
        ),
    )
    assertContains(pagina, "Project 3")

    # The code cannot be used again, in this browser or another.
    again = client.post(url("stemcode", stemming), {"code": code})
    assert again.status_code == 400
    assertContains(again, ONGELDIGE_CODE(), status_code=400)


def _zonder_wisselende_delen(html: str) -> str:
    """The page without what differs per request anyway: CSRF tokens and the typed code."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    html = re.sub(r'"X-CSRFToken": "[^"]*"', "", html)
    return re.sub(r'name="code" value="[^"]*"', "", html)


def test_wrong_and_used_codes_get_the_same_answer(stemming, andere_stemming):
    gebruikt, ongebruikt = stemcodes_maken(begroting=stemming, aantal=2)
    biljet = stembiljet_openen(
        begroting=stemming, stemcode=stemcode_controleren(begroting=stemming, code=gebruikt)
    )
    biljet = keuze_toevoegen(stembiljet=biljet, voorstel=voorstellen(stemming)["Project 3"])
    stembiljet_bevestigen(stembiljet=biljet)
    (andere_ronde_code,) = stemcodes_maken(begroting=andere_stemming, aantal=1)

    antwoorden = []
    for code in [gebruikt, "AAAA-BBBB-CCCC", andere_ronde_code, "X" * 41]:
        response = Client(REMOTE_ADDR=nieuw_ip()).post(url("stemcode", stemming), {"code": code})
        assert response.status_code == 400
        assertContains(response, ONGELDIGE_CODE(), status_code=400)
        antwoorden.append(_zonder_wisselende_delen(tekst(response)))
    assert len(set(antwoorden)) == 1
    # Nothing was opened or used by the attempts.
    assert Stembiljet.objects.count() == 1
    assert Stemcode.objects.filter(gebruikt_op__isnull=True).count() == 2
    assert stemcode_controleren(begroting=stemming, code=ongebruikt)


def test_the_eleventh_attempt_is_refused_even_with_a_valid_code(client, stemming):
    (code,) = stemcodes_maken(begroting=stemming, aantal=1)
    for _poging in range(MAX_POGINGEN):
        response = client.post(url("stemcode", stemming), {"code": "AAAA-BBBB-CCCC"})
        assert response.status_code == 400
    response = client.post(url("stemcode", stemming), {"code": code})
    assert response.status_code == 429
    assertContains(
        response, _("Too many attempts. Try again in a quarter of an hour."), status_code=429
    )
    assert f"stemcode_{stemming.pk}" not in client.session
    assert not Stembiljet.objects.exists()


def test_the_limit_holds_per_ip_across_sessions(stemming):
    (code,) = stemcodes_maken(begroting=stemming, aantal=1)
    ip = nieuw_ip()
    for _poging in range(MAX_POGINGEN):
        response = Client(REMOTE_ADDR=ip).post(url("stemcode", stemming), {"code": "AAAABBBBCCCC"})
        assert response.status_code == 400
    response = Client(REMOTE_ADDR=ip).post(url("stemcode", stemming), {"code": code})
    assert response.status_code == 429
    # Another address is not affected.
    response = Client(REMOTE_ADDR=nieuw_ip()).post(url("stemcode", stemming), {"code": code})
    assert response.status_code == 302


def test_the_limit_holds_per_session_across_addresses(client, stemming):
    (code,) = stemcodes_maken(begroting=stemming, aantal=1)
    for _poging in range(MAX_POGINGEN):
        response = client.post(
            url("stemcode", stemming), {"code": "AAAABBBBCCCC"}, REMOTE_ADDR=nieuw_ip()
        )
        assert response.status_code == 400
    response = client.post(url("stemcode", stemming), {"code": code}, REMOTE_ADDR=nieuw_ip())
    assert response.status_code == 429


def test_the_code_page_outside_the_voting_phase(client, begroting):
    response = client.get(url("stemcode", begroting))
    assert response.status_code == 200
    assertContains(response, _("Voting has not started yet"))


def test_the_code_page_takes_get_and_post_only(client, stemming):
    assert client.delete(url("stemcode", stemming)).status_code == 405


# --- Sub-budgets --------------------------------------------------------------------------


@pytest.fixture
def wijkstemming(opgave, regisseur, inwoner):
    """A vote with a sub-budget per district: € 6.000 and € 4.000, a project in each."""
    wijken = list(Gebied.objects.filter(niveau=Gebied.Niveau.WIJK).order_by("naam")[:2])
    begroting = _begroting(opgave, regisseur, deelnemers=[], titel="Wijkbudgetten")
    begroting_instellen(
        ronde=begroting.ronde,
        deelbudgetten=[(wijken[0], Decimal(6000)), (wijken[1], Decimal(4000))],
    )
    for wijk, kosten in zip(wijken, ["5000", "3000"], strict=True):
        voorstel = voorstel_indienen(
            begroting=begroting,
            indiener=inwoner,
            titel=f"Speeltuin {wijk.naam}",
            beschrijving="Een speeltuin.",
            geraamde_kosten=Decimal(kosten),
            gebied=wijk,
        )
        voorstel_beoordelen(
            voorstel=voorstel,
            door=regisseur,
            haalbaar=True,
            kosten=Decimal(kosten),
            motivering="Ok",
        )
    begroting = fase_wijzigen(begroting=begroting, naar="haalbaarheid", door=regisseur)
    begroting = fase_wijzigen(begroting=begroting, naar="stemmen", door=regisseur)
    begroting.wijken = wijken
    return begroting


def test_a_code_holder_chooses_a_district_and_sees_only_its_projects(client, wijkstemming):
    eerste, tweede = wijkstemming.wijken
    (code,) = stemcodes_maken(begroting=wijkstemming, aantal=1)
    pagina = client.get(url("stemcode", wijkstemming))
    assertContains(pagina, 'for="id_wijk"')
    response = client.post(url("stemcode", wijkstemming), {"code": code})
    assert response.status_code == 400
    assertContains(response, _("Choose the district you live in."), status_code=400)

    response = client.post(url("stemcode", wijkstemming), {"code": code, "wijk": tweede.pk})
    assert response.status_code == 302
    pagina = client.get(url("stembiljet", wijkstemming))
    assertContains(pagina, f"Speeltuin {tweede.naam}")
    assertNotContains(pagina, f"Speeltuin {eerste.naam}")
    assertContains(pagina, _("Left to spend: %(over)s") % {"over": euro(Decimal(4000))})
    assert Stembiljet.objects.get().limiet == Decimal(4000)


def test_a_resident_without_a_district_is_asked_for_it(client, wijkstemming, inwoner):
    client.force_login(inwoner)
    response = client.get(url("stembiljet", wijkstemming))
    assert response.status_code == 200
    assertContains(response, url("meedoen", wijkstemming))
    assert not Stembiljet.objects.exists()


# --- Query counts -------------------------------------------------------------------------


def _tel(client, begroting) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("stembiljet", begroting))
    assert response.status_code == 200
    return len(queries)


def test_the_ballot_needs_the_same_queries_for_3_or_30_projects(client, opgave, regisseur, inwoner):
    klein = _op_stembiljet(
        _begroting(opgave, regisseur, titel="Klein budget"), regisseur, inwoner, ["6000"] * 3
    )
    groot = _op_stembiljet(
        _begroting(opgave, regisseur, titel="Groot budget"), regisseur, inwoner, ["500"] * 30
    )
    client.force_login(inwoner)
    for begroting in (klein, groot):
        biljet = stembiljet_openen(begroting=begroting, user=inwoner)
        eerste = begroting.voorstellen.order_by("pk").first()
        biljet = keuze_toevoegen(stembiljet=biljet, voorstel=eerste)
        stembiljet_bevestigen(stembiljet=biljet)
        client.get(url("stembiljet", begroting))  # warm up the session and caches

    assert _tel(client, klein) == _tel(client, groot)
    # Session, user, the round (with its permission checks), budget, ballot, its
    # sub-budget, proposals, choices, and the unconfirmed-changes check: 15 today.
    assert _tel(client, groot) <= 16


def test_the_explanation_pages_are_reachable_for_a_new_budget(client, opgave, regisseur):
    begroting = _begroting(
        opgave,
        regisseur,
        titel="Nog niet",
        indienen_tot=date(2027, 1, 1),
        stemmen_van=date(2027, 2, 1),
        stemmen_tot=date(2027, 3, 1),
    )
    response = client.get(url("stembiljet", begroting))
    assertContains(response, "1 februari 2027")
