"""The pages of the participatory budget: the budget page, proposals (submit, read,
edit) and managing the budget (set up, phases, closing the vote, assessing,
carrying out, realised). Outsiders, IDOR, bad input (400, Dutch, nothing
changed), the links to pages built elsewhere, and query counts."""

from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLResolver, include, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from budget.models import Toewijzing
from config import urls as config_urls
from config.bedragen import euro
from opgaven.models import Actie, Gebied, PlanVanAanpak
from participatie import urls as participatie_urls
from participatie.models import Begroting, Deelname, Ronde, Voorstel
from participatie.services import deelnemen
from participatie.services_begroting import (
    begroting_instellen,
    fase_wijzigen,
    keuze_toevoegen,
    stembiljet_bevestigen,
    stembiljet_openen,
    uitslag_berekenen,
    voorstel_beoordelen,
    voorstel_indienen,
)
from participatie.views.begroting import url_of_leeg
from participatie.views.rondes import login_url
from tests.factories import UserFactory
from tests.test_csp import inline_code

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
GEEN_PLAN = gettext(
    "This opgave has no draft plan of action, so an action cannot be added. Make a plan of "
    "action (or a new version of it) in the workspace first, then come back."
)


def t(msgid: str, **waarden) -> str:
    """What the visitor reads (Dutch, the default language) for ``msgid``."""
    tekst = gettext(msgid)
    return tekst % waarden if waarden else tekst


def url(naam: str, begroting: Begroting, **kwargs) -> str:
    return reverse(f"participatie:{naam}", kwargs={"slug": begroting.ronde.slug, **kwargs})


def vurl(naam: str, voorstel: Voorstel) -> str:
    return reverse(
        f"participatie:{naam}",
        kwargs={"slug": voorstel.begroting.ronde.slug, "pk": voorstel.pk},
    )


def indienen(begroting, indiener, titel="Een project", kosten="1000", **velden) -> Voorstel:
    return voorstel_indienen(
        begroting=begroting,
        indiener=indiener,
        titel=titel,
        beschrijving="Voor de buurt.",
        geraamde_kosten=Decimal(kosten),
        **velden,
    )


def wijken() -> list[Gebied]:
    return list(Gebied.objects.filter(niveau=Gebied.Niveau.WIJK).order_by("naam"))


def kies_en_tel(stemming, kiezer, *titels) -> Begroting:
    """``kiezer`` votes for ``titels``, and the result is computed."""
    biljet = stembiljet_openen(begroting=stemming, user=kiezer)
    for titel in titels:
        biljet = keuze_toevoegen(stembiljet=biljet, voorstel=stemming.voorstellen.get(titel=titel))
    stembiljet_bevestigen(stembiljet=biljet)
    return uitslag_berekenen(begroting=stemming)


# --- URL confs with and without the pages other modules build -----------------------------

OPTIONEEL = {"stembiljet", "stemcode", "uitslag", "stemcodes"}


def _stub(request, slug):  # pragma: no cover - only reversed, never requested
    from django.http import HttpResponse

    return HttpResponse("stub")


def _urlconf(met_optionele: bool):
    eigen = [p for p in participatie_urls.urlpatterns if getattr(p, "name", None) not in OPTIONEEL]
    extra = (
        [
            path("<slug:slug>/stembiljet/", _stub, name="stembiljet"),
            path("<slug:slug>/stemcode/", _stub, name="stemcode"),
            path("<slug:slug>/uitslag/", _stub, name="uitslag"),
            path("<slug:slug>/stemcodes/", _stub, name="stemcodes"),
        ]
        if met_optionele
        else []
    )
    patronen = []
    for patroon in config_urls.urlpatterns:
        if isinstance(patroon, URLResolver) and patroon.namespace == "participatie":
            patroon = path("participatie/", include(([*extra, *eigen], "participatie")))
        patronen.append(patroon)
    return type("Urls", (), {"urlpatterns": patronen})


MET_OPTIONELE = _urlconf(True)
ZONDER_OPTIONELE = _urlconf(False)


@pytest.fixture
def met_links(settings):
    settings.ROOT_URLCONF = MET_OPTIONELE


@pytest.fixture
def zonder_links(settings):
    settings.ROOT_URLCONF = ZONDER_OPTIONELE


def test_url_of_leeg_gives_an_empty_link_for_a_page_that_does_not_exist(zonder_links):
    assert url_of_leeg("stembiljet", slug="x") == ""
    assert url_of_leeg("begroting", slug="x") == "/participatie/x/begroting/"


# --- The budget page ----------------------------------------------------------------------


def test_anyone_reads_the_budget_in_dutch(client, begroting, voorstel):
    response = client.get(url("begroting", begroting))

    assertContains(
        response,
        t("Residents decide together how %(bedrag)s is spent.", bedrag=euro(Decimal(10000))),
    )
    assertContains(
        response,
        t("Choose projects that together cost at most %(bedrag)s.", bedrag=euro(Decimal(10000))),
    )
    # The phases, the current one marked with words, not only a colour.
    assertContains(response, 'aria-current="step"', count=1)
    assertContains(response, f"({t('current phase')})", count=1)
    for label in Begroting.Fase.labels:
        assertContains(response, str(label))
    assertContains(response, t("until %(datum)s", datum="1 december 2026"))
    assertContains(response, t("%(van)s to %(tot)s", van="10 december 2026", tot="31 januari 2027"))
    # The proposal: not assessed, so the resident's estimate, labelled as such.
    assertContains(response, "Bankjes langs de singel")
    assertContains(response, t("Estimated cost (by the submitter)"))
    assertContains(response, euro(Decimal(4000)))
    assertContains(response, "Ilse Inwoner")
    # Anonymous: log in to submit, and come back to the form.
    assertContains(response, f'href="{login_url(url("voorstel_nieuw", begroting))}"')
    assertContains(response, t("Log in to submit a proposal"))
    assertNotContains(response, url("begroting_instellen", begroting))
    assert inline_code(response.content.decode()) == []


def test_a_resident_is_invited_to_submit(client, begroting, inwoner):
    client.force_login(inwoner)

    response = client.get(url("begroting", begroting))

    assertContains(response, f'href="{url("voorstel_nieuw", begroting)}"')
    assertContains(response, t("Submit a proposal"))
    assertContains(response, t("No proposals yet."))


def test_the_approval_rule_and_a_minimum_are_explained(client, begroting, regisseur):
    begroting_instellen(ronde=begroting.ronde, stemregel="approval", max_keuzes=3)
    response = client.get(url("begroting", begroting))
    assertContains(
        response,
        ngettext("Choose at most %(aantal)s project.", "Choose at most %(aantal)s projects.", 3)
        % {"aantal": 3},
    )

    begroting_instellen(ronde=begroting.ronde, stemregel="knapsack", min_besteding_pct=50)
    response = client.get(url("begroting", begroting))
    assertContains(
        response,
        t(
            "Spend at least %(pct)s%% of the budget: a ballot with less cannot be confirmed.",
            pct=50,
        ),
    )


def test_sub_budgets_per_district_and_filters(client, begroting, inwoner):
    centrum, noorderpolder = wijken()[:2]
    begroting_instellen(
        ronde=begroting.ronde,
        deelbudgetten=[(centrum, Decimal(6000)), (noorderpolder, Decimal(4000))],
    )
    molenbuurt = Gebied.objects.get(naam="Molenbuurt")
    indienen(begroting, inwoner, titel="Speeltuin Centrum", gebied=centrum)
    in_molenbuurt = indienen(begroting, inwoner, titel="Bankjes Molenbuurt", gebied=molenbuurt)
    voorstel_beoordelen(
        voorstel=in_molenbuurt,
        door=begroting.ronde.aangemaakt_door,
        haalbaar=False,
        motivering="Daar mag geen bankje staan.",
    )

    response = client.get(url("begroting", begroting))
    assertContains(response, t("Budget per district"))
    assertContains(response, euro(Decimal(6000)))
    assertContains(response, euro(Decimal(4000)))
    assertContains(
        response,
        t(
            "You vote on the projects of your own district. Choose projects that together "
            "cost at most the budget of your district."
        ),
    )
    assertContains(response, "Daar mag geen bankje staan.")

    # A neighbourhood counts for its district.
    response = client.get(url("begroting", begroting), {"wijk": noorderpolder.pk})
    assertContains(response, "Bankjes Molenbuurt")
    assertNotContains(response, "Speeltuin Centrum")
    response = client.get(url("begroting", begroting), {"status": "niet_haalbaar"})
    assertContains(response, "Bankjes Molenbuurt")
    assertNotContains(response, "Speeltuin Centrum")
    response = client.get(url("begroting", begroting), {"status": "gekozen"})
    assertContains(response, t("No proposal matches these filters."))
    # A value that is not a choice is left out.
    response = client.get(url("begroting", begroting), {"wijk": "999999", "status": "onzin"})
    assertContains(response, "Speeltuin Centrum")


def test_htmx_gets_only_the_list(client, begroting, voorstel):
    response = client.get(url("begroting", begroting), {"status": "ingediend"}, headers=HTMX)

    assertContains(response, "Bankjes langs de singel")
    assertNotContains(response, "<html")
    assertNotContains(response, t("Phases"))
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_a_round_without_a_budget_or_a_draft_has_no_budget_page(client, ronde, concept_ronde):
    assert client.get(reverse("participatie:begroting", args=[ronde.slug])).status_code == 404
    begroting_instellen(
        ronde=concept_ronde,
        totaal=Decimal(5000),
        indienen_tot=date(2026, 12, 1),
        stemmen_van=date(2026, 12, 10),
        stemmen_tot=date(2027, 1, 31),
    )
    assert (
        client.get(reverse("participatie:begroting", args=[concept_ronde.slug])).status_code == 404
    )


def test_officials_get_the_manage_buttons(client, begroting, regisseur, inwoner, voorstel):
    client.force_login(regisseur)
    response = client.get(url("begroting", begroting))
    assertContains(response, url("begroting_instellen", begroting))
    assertContains(response, url("begroting_fase", begroting))
    assertContains(response, vurl("voorstel_beoordelen", voorstel))
    assertNotContains(response, url("begroting_sluiten", begroting))

    client.force_login(inwoner)
    response = client.get(url("begroting", begroting))
    assertNotContains(response, url("begroting_fase", begroting))
    assertNotContains(response, vurl("voorstel_beoordelen", voorstel))


def test_voting_links_only_when_those_pages_exist(client, stemming, zonder_links, regisseur):
    client.force_login(regisseur)
    response = client.get(url("begroting", stemming))

    assert response.status_code == 200
    assertNotContains(response, t("Vote now"))
    assertNotContains(response, t("Vote with a voting code"))
    assertNotContains(response, t("Voting codes"))
    assertContains(response, "Project 1")
    assertContains(response, euro(Decimal(6000)))
    assertContains(response, t("Cost according to the municipality"))


def test_voting_links_in_the_voting_phase(client, stemming, met_links, regisseur):
    response = client.get(url("begroting", stemming))

    assertContains(response, t("Vote now"))
    assertContains(response, f'href="/participatie/{stemming.ronde.slug}/stembiljet/"')
    assertContains(response, t("Vote with a voting code"))
    assertContains(response, f'href="/participatie/{stemming.ronde.slug}/stemcode/"')
    assertNotContains(response, t("See the result"))
    assertNotContains(response, f"/participatie/{stemming.ronde.slug}/stemcodes/")
    client.force_login(regisseur)
    response = client.get(url("begroting", stemming))
    assertContains(response, url("begroting_sluiten", stemming))
    assertContains(response, f'href="/participatie/{stemming.ronde.slug}/stemcodes/"')
    assertContains(response, t("Voting codes"))


def test_no_voting_links_before_voting(client, begroting, met_links):
    response = client.get(url("begroting", begroting))

    assertNotContains(response, t("Vote now"))
    assertNotContains(response, "/stembiljet/")


def test_after_the_result_votes_and_a_link_to_it(client, stemming, inwoner, met_links):
    kies_en_tel(stemming, inwoner, "Project 1", "Project 3")

    response = client.get(url("begroting", stemming))

    assertContains(response, t("See the result"))
    assertContains(response, f'href="/participatie/{stemming.ronde.slug}/uitslag/"')
    assertContains(response, ngettext("%(aantal)s vote", "%(aantal)s votes", 1) % {"aantal": 1})
    assertContains(response, str(Voorstel.Status.GEKOZEN.label))
    assertContains(response, str(Voorstel.Status.NIET_GEKOZEN.label))
    assertContains(
        response,
        t(
            "The chosen projects together cost %(gekozen)s of %(totaal)s.",
            gekozen=euro(Decimal(9000)),
            totaal=euro(Decimal(10000)),
        ),
    )
    vandaag = date_format(timezone.localdate(), "j F Y")
    assertContains(response, t("published on %(datum)s", datum=vandaag))
    # The most votes first.
    inhoud = response.content.decode()
    assert inhoud.index("Project 1") < inhoud.index("Project 2")


def test_after_the_result_without_the_result_page(client, stemming, inwoner, zonder_links):
    kies_en_tel(stemming, inwoner, "Project 3")

    response = client.get(url("begroting", stemming))

    assert response.status_code == 200
    assertNotContains(response, t("See the result"))


def _vul(begroting, indiener, aantal):
    for nummer in range(aantal):
        voorstel = indienen(begroting, indiener, titel=f"Voorstel {nummer}")
        if nummer % 2:
            voorstel_beoordelen(
                voorstel=voorstel,
                door=begroting.ronde.aangemaakt_door,
                haalbaar=True,
                kosten=Decimal(900),
                motivering="Kan.",
            )


def _tel(client, adres) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(adres)
    assert response.status_code == 200
    return len(queries)


# The most the budget page may take: session, user, roles and the permission sets of
# ``rondes_zichtbaar``, round, budget, sub-budgets, the districts (two), count, page,
# the bell; an official adds the MFA check and the guardian lookups of ``can_manage_ronde``.
MAX_BEGROTING = {"anoniem": 7, "inwoner": 13, "regisseur": 16}


@pytest.mark.parametrize("persona", MAX_BEGROTING)
def test_the_budget_page_needs_the_same_queries_for_1_or_30_proposals(
    client, begroting, persona, request
):
    user = request.getfixturevalue(persona)
    if user is not None:
        client.force_login(user)
    indieners = [UserFactory(weergavenaam=""), UserFactory()]
    for indiener in indieners:
        deelnemen(ronde=begroting.ronde, user=indiener, wijk=wijken()[0])
    _vul(begroting, indieners[0], 1)
    adres = url("begroting", begroting)
    client.get(adres)  # warm up
    een = _tel(client, adres)
    _vul(begroting, indieners[1], 29)

    assert _tel(client, adres) == een
    assert een <= MAX_BEGROTING[persona]


# --- A proposal ---------------------------------------------------------------------------


def test_anyone_reads_a_proposal_with_the_public_name_only(client, voorstel, inwoner):
    response = client.get(vurl("voorstel", voorstel))

    assertContains(response, "Bankjes langs de singel")
    assertContains(response, "Vijf bankjes, zodat ouderen onderweg kunnen uitrusten.")
    assertContains(response, "Ilse Inwoner")
    assertNotContains(response, inwoner.email)
    assertContains(response, str(Voorstel.Status.INGEDIEND.label))
    assertContains(
        response,
        t(
            "The municipality has not assessed this proposal yet. It checks whether the project "
            "is feasible and what it costs, and explains its assessment here."
        ),
    )
    assertContains(response, euro(Decimal(4000)))
    assertNotContains(response, vurl("voorstel_bewerken", voorstel))
    assert inline_code(response.content.decode()) == []


def test_a_submitter_without_a_name_is_a_resident_of_their_district(client, begroting):
    anoniem_bewoner = UserFactory(weergavenaam="")
    deelnemen(ronde=begroting.ronde, user=anoniem_bewoner, wijk=wijken()[0])
    voorstel = indienen(begroting, anoniem_bewoner)

    response = client.get(vurl("voorstel", voorstel))

    assertContains(response, t("Resident of %(wijk)s", wijk=wijken()[0].naam))
    assertNotContains(response, anoniem_bewoner.email)


def test_the_submitter_may_edit_until_assessed(client, voorstel, inwoner, regisseur):
    client.force_login(inwoner)
    assertContains(client.get(vurl("voorstel", voorstel)), vurl("voorstel_bewerken", voorstel))
    voorstel_beoordelen(voorstel=voorstel, door=regisseur, haalbaar=False, motivering="Te duur.")

    response = client.get(vurl("voorstel", voorstel))

    assertNotContains(response, vurl("voorstel_bewerken", voorstel))
    assertContains(response, "Te duur.")
    assertContains(response, str(Voorstel.Status.NIET_HAALBAAR.label))
    assert client.get(vurl("voorstel_bewerken", voorstel)).status_code == 403


def test_a_proposal_of_another_round_is_not_found(client, begroting, andere_stemming, inwoner):
    vreemd = andere_stemming.voorstellen.first()
    client.force_login(inwoner)
    for naam in ("voorstel", "voorstel_bewerken"):
        adres = reverse(
            f"participatie:{naam}", kwargs={"slug": begroting.ronde.slug, "pk": vreemd.pk}
        )
        assert client.get(adres).status_code == 404


def test_after_the_result_and_the_realisation(client, stemming, inwoner, regisseur, organisatie):
    kies_en_tel(stemming, inwoner, "Project 3")
    project3 = stemming.voorstellen.get(titel="Project 3")
    project1 = stemming.voorstellen.get(titel="Project 1")

    response = client.get(vurl("voorstel", project1))
    assertContains(
        response,
        ngettext("This project got %(aantal)s vote.", "This project got %(aantal)s votes.", 0)
        % {"aantal": 0},
    )
    assertContains(response, t("It has not been chosen."))

    plan = PlanVanAanpak.objects.create(opgave=stemming.ronde.opgave, versie=1)
    actie = Actie.objects.create(
        opgave=stemming.ronde.opgave, plan=plan, titel="Project 3", trekker=organisatie
    )
    Voorstel.objects.filter(pk=project3.pk).update(actie=actie)
    response = client.get(vurl("voorstel", project3))
    assertContains(response, t("It has been chosen: it will be carried out."))
    assertContains(
        response,
        t(
            "The project is an action in the plan of the opgave. Status of the action: %(status)s.",
            status=Actie.Status.GEPLAND.label,
        ),
    )
    assertNotContains(response, t("this project has been carried out."))

    Voorstel.objects.filter(pk=project3.pk).update(status=Voorstel.Status.GEREALISEERD)
    response = client.get(vurl("voorstel", project3))
    assertContains(response, t("this project has been carried out."))


MAX_VOORSTEL = {"anoniem": 4, "regisseur": 13}


@pytest.mark.parametrize("persona", MAX_VOORSTEL)
def test_the_proposal_page_needs_the_same_queries_for_1_or_20_proposals(
    client, begroting, voorstel, persona, request
):
    user = request.getfixturevalue(persona)
    if user is not None:
        client.force_login(user)
    adres = vurl("voorstel", voorstel)
    client.get(adres)
    een = _tel(client, adres)
    _vul(begroting, UserFactory(), 19)

    assert _tel(client, adres) == een
    assert een <= MAX_VOORSTEL[persona]


# --- Submitting and editing ---------------------------------------------------------------


@pytest.mark.parametrize("invoer", ["1.250,50", "1250,50", "1250.50", "€ 1.250,50"])
def test_submit_a_proposal_with_a_dutch_amount(client, begroting, partner_lid, invoer):
    client.force_login(partner_lid)
    noorderpolder = Gebied.objects.get(naam="Noorderpolder")

    response = client.post(
        url("voorstel_nieuw", begroting),
        {
            "titel": "Speeltuin",
            "beschrijving": "Klimrek en zandbak.",
            "geraamde_kosten": invoer,
            "gebied": noorderpolder.pk,
        },
        follow=True,
    )

    voorstel = Voorstel.objects.get(titel="Speeltuin")
    assertRedirects(response, vurl("voorstel", voorstel))
    assert voorstel.geraamde_kosten == Decimal("1250.50")
    assert voorstel.indiener == partner_lid
    assert voorstel.gebied == noorderpolder
    assertContains(
        response,
        t(
            "Thank you! Your proposal “%(titel)s” has been submitted. The municipality will "
            "check whether it is feasible; you can change it until then.",
            titel="Speeltuin",
        ),
    )


@pytest.mark.parametrize(
    ("data", "veld", "fout"),
    [
        ({"titel": "", "geraamde_kosten": "100"}, "titel", "This field is required."),
        ({"geraamde_kosten": "veel"}, "geraamde_kosten", "Enter a number."),
        ({"geraamde_kosten": "-5"}, "geraamde_kosten", "Enter an amount of at least € 0,01."),
        (
            {"geraamde_kosten": "10.000,01"},
            "geraamde_kosten",
            "A project can cost at most the whole budget (%(totaal)s).",
        ),
    ],
)
def test_bad_input_changes_nothing(client, begroting, inwoner, data, veld, fout):
    client.force_login(inwoner)
    velden = {"titel": "Iets", "beschrijving": "Uitleg", "gebied": "", **data}

    response = client.post(url("voorstel_nieuw", begroting), velden)

    assert response.status_code == 400
    melding = t(fout, totaal=euro(begroting.totaal)) if "%(totaal)s" in fout else t(fout)
    assertContains(response, melding, status_code=400)
    assert not Voorstel.objects.exists()


def test_a_budget_with_districts_needs_an_area(client, begroting, inwoner):
    centrum, noorderpolder = wijken()[:2]
    begroting_instellen(
        ronde=begroting.ronde,
        deelbudgetten=[(centrum, Decimal(5000)), (noorderpolder, Decimal(5000))],
    )
    client.force_login(inwoner)

    response = client.post(
        url("voorstel_nieuw", begroting),
        {"titel": "Iets", "beschrijving": "Uitleg", "geraamde_kosten": "100", "gebied": ""},
    )

    assertContains(
        response,
        t("Choose the district the project is for: each district has its own budget."),
        status_code=400,
    )
    assert not Voorstel.objects.exists()


def test_the_area_choices_follow_the_round(client, begroting, inwoner):
    client.force_login(inwoner)
    keuzes = client.get(url("voorstel_nieuw", begroting)).context["form"].fields["gebied"].queryset
    assert {g.niveau for g in keuzes} == {Gebied.Niveau.WIJK}
    assert keuzes.count() == 5

    noorderpolder = Gebied.objects.get(naam="Noorderpolder")
    begroting.ronde.gebieden.set([noorderpolder])
    keuzes = client.get(url("voorstel_nieuw", begroting)).context["form"].fields["gebied"].queryset
    assert {g.naam for g in keuzes} == {"Noorderpolder", "Molenbuurt", "Polderrand"}


def test_submitting_needs_a_login_and_the_submitting_phase(client, stemming, inwoner):
    adres = url("voorstel_nieuw", stemming)
    response = client.get(adres)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))

    client.force_login(inwoner)
    assert client.get(adres).status_code == 403
    assert client.post(adres, {"titel": "x"}).status_code == 403


def test_the_submitter_edits_their_proposal(client, voorstel, inwoner, partner_lid):
    client.force_login(partner_lid)
    assert client.get(vurl("voorstel_bewerken", voorstel)).status_code == 403

    client.force_login(inwoner)
    response = client.get(vurl("voorstel_bewerken", voorstel))
    assertContains(response, "Bankjes langs de singel")
    response = client.post(
        vurl("voorstel_bewerken", voorstel),
        {
            "titel": "Zes bankjes",
            "beschrijving": "Een extra bankje.",
            "geraamde_kosten": "4.800",
            "gebied": "",
        },
    )
    assertRedirects(response, vurl("voorstel", voorstel))
    voorstel.refresh_from_db()
    assert (voorstel.titel, voorstel.geraamde_kosten) == ("Zes bankjes", Decimal(4800))

    response = client.post(
        vurl("voorstel_bewerken", voorstel),
        {"titel": "", "beschrijving": "", "geraamde_kosten": "0", "gebied": ""},
    )
    assert response.status_code == 400
    voorstel.refresh_from_db()
    assert voorstel.titel == "Zes bankjes"


# --- Setting up ---------------------------------------------------------------------------


def begroting_data(**extra) -> dict:
    return {
        "totaal": "25.000,00",
        "stemregel": "knapsack",
        "max_keuzes": "",
        "min_besteding_pct": "",
        "indienen_tot": "2026-12-01",
        "stemmen_van": "2026-12-10",
        "stemmen_tot": "2027-01-31",
        **extra,
    }


def test_set_up_a_budget_for_a_round_without_one(client, ronde, regisseur):
    client.force_login(regisseur)
    adres = reverse("participatie:begroting_instellen", args=[ronde.slug])
    response = client.get(adres)
    assertContains(
        response,
        t(
            "This round has no participatory budget yet. Saving this form creates it and "
            "switches the participatory budget on for the round; it starts in the phase of "
            "submitting proposals."
        ),
    )
    centrum = wijken()[0]
    noorderpolder = wijken()[1]

    response = client.post(
        adres,
        begroting_data(
            **{f"deelbudget_{centrum.pk}": "15.000", f"deelbudget_{noorderpolder.pk}": "10000,00"}
        ),
        follow=True,
    )

    ronde.refresh_from_db()
    assert ronde.met_burgerbegroting
    begroting = ronde.begroting
    assertRedirects(response, url("begroting", begroting))
    assertContains(response, t("The participatory budget has been saved."))
    assert begroting.totaal == Decimal(25000)
    assert begroting.min_besteding_pct == 0
    assert {(d.gebied, d.bedrag) for d in begroting.deelbudgetten.all()} == {
        (centrum, Decimal(15000)),
        (noorderpolder, Decimal(10000)),
    }
    # The form shows what was saved.
    response = client.get(adres)
    assert response.context["form"].initial[f"deelbudget_{centrum.pk}"] == Decimal(15000)


@pytest.mark.parametrize(
    ("extra", "fout"),
    [
        ({"stemregel": "approval"}, "Say how many projects a voter may choose."),
        ({"totaal": "nul"}, "Enter a number."),
        (
            {"stemmen_van": "2026-11-01"},
            "Voting starts after the proposals are in, and ends after it starts.",
        ),
        ({"min_besteding_pct": "150"}, None),
    ],
)
def test_bad_set_up_changes_nothing(client, begroting, regisseur, extra, fout):
    client.force_login(regisseur)

    response = client.post(url("begroting_instellen", begroting), begroting_data(**extra))

    assert response.status_code == 400
    if fout:
        assertContains(response, t(fout), status_code=400)
    begroting.refresh_from_db()
    assert begroting.totaal == Decimal(10000)
    assert begroting.stemregel == "knapsack"


def test_sub_budgets_must_add_up(client, begroting, regisseur):
    client.force_login(regisseur)
    centrum = wijken()[0]

    response = client.post(
        url("begroting_instellen", begroting),
        begroting_data(**{f"deelbudget_{centrum.pk}": "5.000"}),
    )

    assertContains(
        response,
        t(
            "The sub-budgets add up to %(som)s, but the budget is %(totaal)s. Make them equal.",
            som=euro(Decimal(5000)),
            totaal=euro(Decimal(25000)),
        ),
        status_code=400,
    )
    begroting.refresh_from_db()
    assert begroting.totaal == Decimal(10000)
    assert not begroting.deelbudgetten.exists()


def test_the_budget_is_fixed_once_voting_started(client, stemming, regisseur):
    client.force_login(regisseur)

    response = client.get(url("begroting_instellen", stemming))
    assertContains(
        response, t("Voting has started: the budget and its rules can no longer change.")
    )
    assertNotContains(response, 'name="totaal"')
    response = client.post(url("begroting_instellen", stemming), begroting_data())

    assert response.status_code == 400
    stemming.refresh_from_db()
    assert stemming.totaal == Decimal(10000)


def test_the_round_page_links_to_the_budget(client, begroting, ronde, regisseur):
    response = client.get(begroting.ronde.get_absolute_url())
    assertContains(response, url("begroting", begroting))
    assertContains(response, t("Current phase: %(fase)s.", fase=Begroting.Fase.INDIENEN.label))

    # A round without the method shows nothing of it; its manager gets the set-up button.
    response = client.get(ronde.get_absolute_url())
    assertNotContains(response, t("To the participatory budget"))
    client.force_login(regisseur)
    response = client.get(ronde.get_absolute_url())
    assertContains(response, reverse("participatie:begroting_instellen", args=[ronde.slug]))

    # The method on, but no budget yet.
    Ronde.objects.filter(pk=ronde.pk).update(met_burgerbegroting=True)
    response = client.get(ronde.get_absolute_url())
    assertContains(response, t("The participatory budget of this round is being prepared."))


def test_the_round_page_with_a_budget_needs_no_query_per_input(client, begroting, inwoner):
    """The budget section costs one query, whatever else the round holds."""
    from participatie.services import inbreng_indienen

    Ronde.objects.filter(pk=begroting.ronde.pk).update(met_inbreng=True)
    ronde = Ronde.objects.get(pk=begroting.ronde.pk)
    adres = ronde.get_absolute_url()

    def idee(nummer):
        inbreng_indienen(
            ronde=ronde, auteur=inwoner, soort="idee", titel=f"Idee {nummer}", tekst="x"
        )

    idee(0)
    client.get(adres)
    een = _tel(client, adres)
    for nummer in range(1, 6):
        idee(nummer)
    indienen(begroting, inwoner)
    assert _tel(client, adres) == een


# --- Phases and closing -------------------------------------------------------------------


def test_move_to_the_feasibility_check(client, begroting, regisseur):
    client.force_login(regisseur)
    response = client.get(url("begroting_fase", begroting))
    assertContains(response, str(Begroting.Fase.HAALBAARHEID.label))

    response = client.post(url("begroting_fase", begroting), {"naar": "haalbaarheid"}, follow=True)

    assertRedirects(response, url("begroting", begroting))
    assertContains(
        response,
        t(
            "The participatory budget is now in the phase “%(fase)s”.",
            fase=Begroting.Fase.HAALBAARHEID.label,
        ),
    )
    begroting.refresh_from_db()
    assert begroting.fase == "haalbaarheid"


def test_voting_does_not_open_with_unassessed_proposals(client, begroting, voorstel, regisseur):
    fase_wijzigen(begroting=begroting, naar="haalbaarheid", door=regisseur)
    client.force_login(regisseur)
    assertContains(client.get(url("begroting_fase", begroting)), "?status=ingediend")

    response = client.post(url("begroting_fase", begroting), {"naar": "stemmen"})

    assertContains(
        response,
        t(
            "%(aantal)s proposals have not been assessed yet. Assess every proposal first.",
            aantal=1,
        ),
        status_code=400,
    )
    begroting.refresh_from_db()
    assert begroting.fase == "haalbaarheid"


@pytest.mark.parametrize("naar", ["uitslag", "stemmen", "", "onzin"])
def test_a_phase_the_rules_do_not_allow_is_refused(client, begroting, regisseur, naar):
    client.force_login(regisseur)

    response = client.post(url("begroting_fase", begroting), {"naar": naar})

    assert response.status_code == 400
    assert response.context["form"].errors["naar"]
    begroting.refresh_from_db()
    assert begroting.fase == "indienen"


def test_close_the_vote_counts_at_once(
    client, stemming, regisseur, inwoner, django_capture_on_commit_callbacks
):
    biljet = stembiljet_openen(begroting=stemming, user=inwoner)
    biljet = keuze_toevoegen(
        stembiljet=biljet, voorstel=stemming.voorstellen.get(titel="Project 2")
    )
    stembiljet_bevestigen(stembiljet=biljet)
    client.force_login(regisseur)
    assertContains(client.get(url("begroting_sluiten", stemming)), t("Close the vote and count"))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url("begroting_sluiten", stemming), follow=True)

    assert callbacks  # the count, and then the notifications it sends
    assertRedirects(response, url("begroting", stemming))
    assertContains(
        response,
        t(
            "The votes are being counted… The result appears on this page as soon as it is "
            "ready, and everyone who voted or submitted a proposal is told."
        )[:30],
    )
    stemming.refresh_from_db()
    assert stemming.fase == "uitslag"
    assert stemming.opkomst == 1
    assert stemming.voorstellen.get(titel="Project 2").status == Voorstel.Status.GEKOZEN


def test_only_a_vote_in_progress_can_be_closed(
    client, begroting, regisseur, django_capture_on_commit_callbacks
):
    client.force_login(regisseur)
    fout = t("Only a vote in progress can be closed: this budget is not in its voting phase.")
    assertContains(client.get(url("begroting_sluiten", begroting)), fout)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url("begroting_sluiten", begroting))

    assertContains(response, fout, status_code=400)
    assert callbacks == []
    begroting.refresh_from_db()
    assert begroting.fase == "indienen"


# --- Assessing ----------------------------------------------------------------------------


def test_assess_feasible_with_the_municipalitys_cost(client, voorstel, regisseur):
    client.force_login(regisseur)
    response = client.get(vurl("voorstel_beoordelen", voorstel))
    assert response.context["form"].initial["kosten"] == Decimal(4000)

    response = client.post(
        vurl("voorstel_beoordelen", voorstel),
        {"haalbaar": "ja", "kosten": "3.500,00", "motivering": "Kan, iets goedkoper."},
        follow=True,
    )

    assertRedirects(response, vurl("voorstel", voorstel))
    voorstel.refresh_from_db()
    assert voorstel.status == Voorstel.Status.HAALBAAR
    assert voorstel.kosten == Decimal(3500)
    assert voorstel.beoordeeld_door == regisseur
    assertContains(response, "Kan, iets goedkoper.")
    assertContains(response, t("Cost according to the municipality"))


def test_assess_not_feasible(client, voorstel, regisseur):
    client.force_login(regisseur)

    client.post(
        vurl("voorstel_beoordelen", voorstel),
        {"haalbaar": "nee", "kosten": "", "motivering": "Geen ruimte op de stoep."},
    )

    voorstel.refresh_from_db()
    assert voorstel.status == Voorstel.Status.NIET_HAALBAAR
    assert voorstel.kosten is None


@pytest.mark.parametrize(
    ("data", "fout"),
    [
        ({"haalbaar": "ja", "kosten": "", "motivering": "Ja."}, "Enter the cost of the project."),
        (
            {"haalbaar": "ja", "kosten": "100", "motivering": ""},
            "Explain the assessment to residents.",
        ),
        ({"kosten": "100", "motivering": "Ja."}, "Choose feasible or not feasible."),
        (
            {"haalbaar": "ja", "kosten": "12.000", "motivering": "Ja."},
            "This cost does not fit in the budget of %(limiet)s: the project cannot be "
            "feasible at this price.",
        ),
    ],
)
def test_a_bad_assessment_changes_nothing(client, voorstel, regisseur, data, fout):
    client.force_login(regisseur)

    response = client.post(vurl("voorstel_beoordelen", voorstel), data)

    melding = t(fout, limiet=euro(Decimal(10000))) if "%(limiet)s" in fout else t(fout)
    assertContains(response, melding, status_code=400)
    voorstel.refresh_from_db()
    assert voorstel.status == Voorstel.Status.INGEDIEND
    assert voorstel.motivering == ""


def test_no_assessing_after_voting_started(client, stemming, regisseur):
    project = stemming.voorstellen.get(titel="Project 1")
    client.force_login(regisseur)

    assertContains(
        client.get(vurl("voorstel_beoordelen", project)),
        t("Voting has started: assessments can no longer change."),
    )
    response = client.post(
        vurl("voorstel_beoordelen", project),
        {"haalbaar": "nee", "motivering": "Toch niet."},
    )

    assert response.status_code == 400
    project.refresh_from_db()
    assert project.status == Voorstel.Status.OP_STEMBILJET


def test_residents_do_not_assess(client, voorstel, inwoner):
    client.force_login(inwoner)
    response = client.post(
        vurl("voorstel_beoordelen", voorstel), {"haalbaar": "ja", "kosten": "1", "motivering": "x"}
    )
    assert response.status_code == 403
    voorstel.refresh_from_db()
    assert voorstel.status == Voorstel.Status.INGEDIEND


# --- Carrying out and realised ------------------------------------------------------------


@pytest.fixture
def winnaar(stemming, inwoner):
    kies_en_tel(stemming, inwoner, "Project 3")
    return stemming.voorstellen.get(titel="Project 3")


def test_a_winner_becomes_an_action_with_an_allocation(
    client, winnaar, regisseur, organisatie, budgetpot
):
    PlanVanAanpak.objects.create(opgave=winnaar.begroting.ronde.opgave, versie=1)
    client.force_login(regisseur)
    response = client.get(vurl("voorstel_uitvoeren", winnaar))
    assertContains(response, organisatie.naam)
    assertNotContains(response, GEEN_PLAN)

    response = client.post(
        vurl("voorstel_uitvoeren", winnaar),
        {"trekker": organisatie.pk, "toelichting": "Door de buurt gekozen."},
        follow=True,
    )

    assertRedirects(response, vurl("voorstel", winnaar))
    winnaar.refresh_from_db()
    assert winnaar.actie.trekker == organisatie
    toewijzing = Toewijzing.objects.get(actie=winnaar.actie)
    assert toewijzing.bedrag == Decimal(3000)
    assert toewijzing.toelichting == "Door de buurt gekozen."
    assertContains(
        response,
        t(
            "The project is an action in the plan of the opgave. Status of the action: %(status)s.",
            status=Actie.Status.GEPLAND.label,
        ),
    )
    assertNotContains(response, vurl("voorstel_uitvoeren", winnaar))


def test_carrying_out_without_a_draft_plan_shows_why(client, winnaar, regisseur, organisatie):
    client.force_login(regisseur)
    assertContains(client.get(vurl("voorstel_uitvoeren", winnaar)), GEEN_PLAN)

    response = client.post(vurl("voorstel_uitvoeren", winnaar), {"trekker": organisatie.pk})

    assertContains(response, GEEN_PLAN, status_code=400)
    assert response.context["form"].non_field_errors()
    assert not Actie.objects.exists()


def test_carrying_out_without_a_joint_budget_undoes_the_action(
    client, winnaar, regisseur, organisatie
):
    PlanVanAanpak.objects.create(opgave=winnaar.begroting.ronde.opgave, versie=1)
    client.force_login(regisseur)

    response = client.post(vurl("voorstel_uitvoeren", winnaar), {"trekker": organisatie.pk})

    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert not Actie.objects.exists()
    winnaar.refresh_from_db()
    assert winnaar.actie is None


def test_the_lead_must_be_involved(client, winnaar, regisseur, andere_organisatie, budgetpot):
    PlanVanAanpak.objects.create(opgave=winnaar.begroting.ronde.opgave, versie=1)
    client.force_login(regisseur)

    response = client.post(vurl("voorstel_uitvoeren", winnaar), {"trekker": andere_organisatie.pk})

    assert response.status_code == 400
    assert response.context["form"].errors["trekker"]
    assert not Actie.objects.exists()


def test_mark_a_winner_realised(client, winnaar, regisseur):
    client.force_login(regisseur)
    assert client.get(vurl("voorstel_gerealiseerd", winnaar)).status_code == 405
    assertContains(client.get(vurl("voorstel", winnaar)), vurl("voorstel_gerealiseerd", winnaar))

    response = client.post(vurl("voorstel_gerealiseerd", winnaar), follow=True)

    assertRedirects(response, vurl("voorstel", winnaar))
    winnaar.refresh_from_db()
    assert winnaar.status == Voorstel.Status.GEREALISEERD
    assertContains(response, t("this project has been carried out."))


def test_only_a_winner_can_be_realised(client, stemming, regisseur):
    project = stemming.voorstellen.get(titel="Project 1")
    client.force_login(regisseur)

    response = client.post(vurl("voorstel_gerealiseerd", project))

    assertContains(response, t("Only a chosen project can be realised."), status_code=400)
    project.refresh_from_db()
    assert project.status == Voorstel.Status.OP_STEMBILJET


def test_deelname_is_not_needed_to_submit(client, begroting):
    """Anyone logged in submits, without joining the round first."""
    nieuw = UserFactory()
    client.force_login(nieuw)
    response = client.post(
        url("voorstel_nieuw", begroting),
        {"titel": "Iets", "beschrijving": "Uitleg", "geraamde_kosten": "10", "gebied": ""},
    )
    assert response.status_code == 302
    assert not Deelname.objects.filter(user=nieuw).exists()
