"""The field-of-forces pages: what officials see, who may change what, bad input (400,
Dutch message, nothing changed), another opgave's ids (404), and query counts."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from opgaven.models import Betrokkenheid, Contactmoment, Fase, Opgaverol, Positie, Toezegging
from opgaven.services import opgave_fase_wijzigen, opgaverol_toekennen
from opgaven.services.krachtenveld import (
    betrokkenheid_toevoegen,
    contactmoment_vastleggen,
    positie_vastleggen,
    toezegging_toevoegen,
)
from partners.services import organisatie_create
from tests.factories import UserFactory
from tests.test_csp import inline_code

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate


def url(naam: str, opgave, **kwargs) -> str:
    return reverse(f"opgaven:{naam}", kwargs={"slug": opgave.slug, **kwargs})


def betrokken(opgave) -> Betrokkenheid:
    return opgave.betrokkenheden.get()


def positie(betrokkenheid, dagen_geleden=0, invloed=3, belang=3, houding=0) -> Positie:
    return positie_vastleggen(
        betrokkenheid=betrokkenheid,
        datum=VANDAAG() - timedelta(days=dagen_geleden),
        invloed=invloed,
        belang=belang,
        houding=houding,
    )


def toezegging(opgave, eigenaar, dagen=7, **anders) -> Toezegging:
    return toezegging_toevoegen(
        **{
            "opgave": opgave,
            "omschrijving": "Warmtescan aanbieden",
            "eigenaar": eigenaar,
            "deadline": VANDAAG() + timedelta(days=dagen),
            **anders,
        }
    )


def contact(opgave, betrokkenheid, dagen_geleden=0, onderwerp="Kennismaking") -> Contactmoment:
    return contactmoment_vastleggen(
        opgave=opgave,
        betrokkenheid=betrokkenheid,
        datum=VANDAAG() - timedelta(days=dagen_geleden),
        kanaal=Contactmoment.Kanaal.GESPREK,
        hoedanigheid=Contactmoment.Hoedanigheid.NAMENS_ORGANISATIE,
        onderwerp=onderwerp,
    )


def datum(dag) -> str:
    return date_format(dag, "j F Y")


# --- The tab --------------------------------------------------------------------------


def test_the_tab_shows_the_grid_its_table_and_the_organisations(client, regisseur, opgave):
    betrokkenheid = betrokken(opgave)
    positie(betrokkenheid, dagen_geleden=90, invloed=2, belang=2, houding=-1)
    positie(betrokkenheid, invloed=5, belang=1, houding=2)
    client.force_login(regisseur)

    response = client.get(url("krachtenveld", opgave))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg class="krachtenveld-raster__svg"' in html
    assert 'role="img"' in html
    assert html.count("<polyline") == 1
    assertContains(response, "Tevreden houden")  # the quadrant of invloed 5, belang 1
    assertContains(response, "Nauw betrekken")
    assertContains(response, "Sterk voor")  # attitude in words, not colour alone
    assertContains(response, datum(VANDAAG() - timedelta(days=90)))
    assertContains(response, "Woonstichting Demodam")
    assertContains(response, url("betrokkenheid_detail", opgave, pk=betrokkenheid.pk))
    assertContains(response, url("toezeggingen", opgave))
    assertContains(response, url("contactmomenten", opgave))
    assertContains(response, url("betrokkenheid_nieuw", opgave))
    assertContains(response, url("positie_nieuw", opgave, pk=betrokkenheid.pk))
    assert inline_code(html) == []
    assert "verlopen</span>" not in html  # no overdue commitments


def test_the_tab_says_how_many_commitments_are_overdue(client, ambtenaar, opgave, regisseur):
    toezegging(opgave, regisseur, dagen=-1)
    toezegging(opgave, regisseur, dagen=-20, omschrijving="Nog ouder")
    toezegging(opgave, regisseur, dagen=0, omschrijving="Vandaag")
    client.force_login(ambtenaar)

    for naam in ("krachtenveld", "contactmomenten"):
        response = client.get(url(naam, opgave))
        assertContains(response, "2 verlopen</span>")


def test_the_table_lists_every_position_per_organisation(client, regisseur, opgave):
    betrokkenheid = betrokken(opgave)
    for dagen in (300, 200, 100, 0):
        positie(betrokkenheid, dagen_geleden=dagen, invloed=1 + dagen // 100)
    client.force_login(regisseur)

    response = client.get(url("krachtenveld", opgave))

    rows = response.context["raster"].sporen[0].punten
    assert [p.positie.datum for p in rows] == [
        VANDAAG() - timedelta(days=d) for d in (300, 200, 100, 0)
    ]
    for dagen in (300, 200, 100, 0):
        assertContains(response, datum(VANDAAG() - timedelta(days=dagen)))


def test_an_empty_field_says_so(client, regisseur, andere_opgave, ambtenaar):
    client.force_login(ambtenaar)

    response = client.get(url("krachtenveld", andere_opgave))

    assertContains(response, "Er zijn nog geen posities vastgelegd.")
    assertContains(response, "Er is nog geen organisatie bij deze opgave betrokken.")
    assert "krachtenveld-raster__svg" not in response.content.decode()


def test_the_field_on_a_day_in_the_past(client, regisseur, opgave):
    betrokkenheid = betrokken(opgave)
    positie(betrokkenheid, dagen_geleden=60, invloed=2, belang=2)
    positie(betrokkenheid, invloed=5, belang=5)
    peildag = VANDAAG() - timedelta(days=30)
    client.force_login(regisseur)

    response = client.get(url("krachtenveld", opgave), {"op": peildag.isoformat()})

    assert response.status_code == 200
    (spoor,) = response.context["raster"].sporen
    assert [p.positie.invloed for p in spoor.punten] == [2]
    assertContains(response, datum(peildag))
    assertNotContains(response, "<polyline")


def test_a_bad_day_gives_400_with_a_dutch_message(client, regisseur, opgave):
    positie(betrokken(opgave))
    client.force_login(regisseur)

    response = client.get(url("krachtenveld", opgave), {"op": "gisteren"})

    assert response.status_code == 400
    assertContains(response, "Voer een geldige datum in.", status_code=400)
    assert len(response.context["raster"].sporen) == 1  # today's field, as without a day


def test_an_official_without_a_role_reads_but_gets_no_edit_controls(client, ambtenaar, opgave):
    toezegging(opgave, opgave.rollen.get().user)
    client.force_login(ambtenaar)

    tab = client.get(url("krachtenveld", opgave))
    lijst = client.get(url("toezeggingen", opgave))

    assert (tab.status_code, lijst.status_code) == (200, 200)
    assertNotContains(tab, url("betrokkenheid_nieuw", opgave))
    assertNotContains(tab, url("positie_nieuw", opgave, pk=betrokken(opgave).pk))
    assertContains(lijst, "Warmtescan aanbieden")
    assertNotContains(lijst, 'name="status"')
    assertNotContains(lijst, url("toezegging_nieuw", opgave))


def test_a_partner_of_an_involved_organisation_gets_403(client, partner_lid, opgave):
    client.force_login(partner_lid)
    assert client.get(url("krachtenveld", opgave)).status_code == 403
    pk = betrokken(opgave).pk
    assert client.get(url("betrokkenheid_detail", opgave, pk=pk)).status_code == 403
    assert client.get(url("contactmomenten", opgave)).status_code == 403
    assert client.get(url("toezeggingen", opgave)).status_code == 403


@pytest.mark.parametrize("naam", ["krachtenveld", "toezeggingen", "contactmomenten"])
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_pages_only_answer_get(client, regisseur, opgave, naam, method):
    client.force_login(regisseur)
    assert getattr(client, method)(url(naam, opgave)).status_code == 405


# --- Overdue commitments ---------------------------------------------------------------


def test_overdue_commitments_say_overdue_in_words(client, regisseur, opgave):
    verlopen = toezegging(opgave, regisseur, dagen=-3, omschrijving="Brief aan bewoners")
    toezegging(opgave, regisseur, dagen=0, omschrijving="Vandaag af")
    nagekomen = toezegging(opgave, regisseur, dagen=-10, omschrijving="Oud en nagekomen")
    nagekomen.status = Toezegging.Status.NAGEKOMEN
    nagekomen.save(update_fields=["status"])
    client.force_login(regisseur)

    response = client.get(url("toezeggingen", opgave))

    assert inline_code(response.content.decode()) == []
    rijen = {t.omschrijving: t.verlopen for t in response.context["toezeggingen"]}
    assert rijen == {"Brief aan bewoners": True, "Vandaag af": False, "Oud en nagekomen": False}
    html = response.content.decode()
    assert html.count('class="utrecht-table__row krachtenveld-verlopen"') == 1
    assert "1 verlopen</span>" in html  # also next to the link to this page
    rij = html[html.index(verlopen.omschrijving) :].split("</tr>")[0]
    assert "Verlopen" in rij
    # Open ones first, by deadline; the kept one last.
    assert [t.omschrijving for t in response.context["toezeggingen"]] == [
        "Brief aan bewoners",
        "Vandaag af",
        "Oud en nagekomen",
    ]


# --- Changing things -------------------------------------------------------------------


def test_involving_an_organisation(client, regisseur, opgave, andere_organisatie):
    client.force_login(regisseur)
    assert client.get(url("betrokkenheid_nieuw", opgave)).status_code == 200

    response = client.post(
        url("betrokkenheid_nieuw", opgave),
        {
            "organisatie": andere_organisatie.pk,
            "aard": Betrokkenheid.Aard.ONDERVINDT_GEVOLGEN,
            "sinds": VANDAAG().isoformat(),
        },
    )

    assertRedirects(
        response, url("krachtenveld", opgave) + "#betrokkenheden", fetch_redirect_response=False
    )
    assert Betrokkenheid.objects.get(opgave=opgave, organisatie=andere_organisatie).aard == (
        Betrokkenheid.Aard.ONDERVINDT_GEVOLGEN
    )


def test_involving_an_organisation_twice_gives_400_and_changes_nothing(
    client, regisseur, opgave, organisatie
):
    client.force_login(regisseur)

    response = client.post(
        url("betrokkenheid_nieuw", opgave),
        {"organisatie": organisatie.pk, "aard": Betrokkenheid.Aard.BESLIST, "sinds": "2026-01-05"},
    )

    assert response.status_code == 400
    assertContains(response, "Deze organisatie is al betrokken bij deze opgave.", status_code=400)
    assertContains(response, "error-summary", status_code=400)
    assert betrokken(opgave).aard == Betrokkenheid.Aard.LEVERT_MIDDELEN


def test_the_organisation_list_marks_those_already_involved(client, regisseur, opgave):
    organisatie_create(naam="Zorggroep Oost", soort="zorg_en_welzijn")
    client.force_login(regisseur)

    response = client.get(url("betrokkenheid_nieuw", opgave))

    assertContains(response, "Woonstichting Demodam (al betrokken)")
    assertContains(response, ">Zorggroep Oost<")


def test_editing_an_involvement(client, regisseur, opgave):
    betrokkenheid = betrokken(opgave)
    client.force_login(regisseur)
    assert client.get(url("betrokkenheid_bewerken", opgave, pk=betrokkenheid.pk)).status_code == 200

    response = client.post(
        url("betrokkenheid_bewerken", opgave, pk=betrokkenheid.pk),
        {"aard": Betrokkenheid.Aard.BESLIST, "sinds": "2025-06-01", "toelichting": "Stuurgroep"},
    )

    assert response.status_code == 302
    betrokkenheid.refresh_from_db()
    assert (betrokkenheid.aard, betrokkenheid.sinds.isoformat(), betrokkenheid.toelichting) == (
        Betrokkenheid.Aard.BESLIST,
        "2025-06-01",
        "Stuurgroep",
    )


def test_editing_with_a_bad_date_gives_400(client, regisseur, opgave):
    betrokkenheid = betrokken(opgave)
    client.force_login(regisseur)

    response = client.post(
        url("betrokkenheid_bewerken", opgave, pk=betrokkenheid.pk),
        {"aard": Betrokkenheid.Aard.BESLIST, "sinds": "31-02-2026"},
    )

    assert response.status_code == 400
    assertContains(response, "Voer een geldige datum in.", status_code=400)
    assert betrokken(opgave).aard == Betrokkenheid.Aard.LEVERT_MIDDELEN


def test_removing_an_involvement_asks_first_and_says_what_goes(client, regisseur, opgave):
    betrokkenheid = betrokken(opgave)
    positie(betrokkenheid, dagen_geleden=5)
    positie(betrokkenheid)
    client.force_login(regisseur)

    gevraagd = client.get(url("betrokkenheid_verwijderen", opgave, pk=betrokkenheid.pk))
    assertContains(gevraagd, "2 posities")
    assert Betrokkenheid.objects.filter(pk=betrokkenheid.pk).exists()

    response = client.post(url("betrokkenheid_verwijderen", opgave, pk=betrokkenheid.pk))

    assertRedirects(
        response, url("krachtenveld", opgave) + "#betrokkenheden", fetch_redirect_response=False
    )
    assert not Betrokkenheid.objects.filter(pk=betrokkenheid.pk).exists()
    assert not Positie.objects.filter(opgave=opgave).exists()


def test_recording_a_position(client, regisseur, opgave):
    betrokkenheid = betrokken(opgave)
    positie(betrokkenheid, dagen_geleden=30, invloed=2, belang=4, houding=-1)
    client.force_login(regisseur)

    formulier = client.get(url("positie_nieuw", opgave, pk=betrokkenheid.pk))
    assertContains(formulier, "+2 Sterk voor")  # the attitudes in Dutch words
    assertContains(formulier, "\u22122 Sterk tegen")
    assert formulier.context["form"].initial == {
        "datum": VANDAAG(),
        "invloed": 2,
        "belang": 4,
        "houding": -1,
    }
    response = client.post(
        url("positie_nieuw", opgave, pk=betrokkenheid.pk),
        {"datum": VANDAAG().isoformat(), "invloed": "4", "belang": "5", "houding": "1"},
    )

    assertRedirects(
        response, url("krachtenveld", opgave) + "#raster", fetch_redirect_response=False
    )
    nieuw = Positie.objects.get(betrokkenheid=betrokkenheid, datum=VANDAAG())
    assert (nieuw.invloed, nieuw.belang, nieuw.houding, nieuw.vastgelegd_door) == (
        4,
        5,
        1,
        regisseur,
    )


def test_a_second_position_on_one_day_gives_400_and_changes_nothing(client, regisseur, opgave):
    betrokkenheid = betrokken(opgave)
    positie(betrokkenheid, invloed=2)
    client.force_login(regisseur)

    response = client.post(
        url("positie_nieuw", opgave, pk=betrokkenheid.pk),
        {"datum": VANDAAG().isoformat(), "invloed": "5", "belang": "5", "houding": "2"},
    )

    assert response.status_code == 400
    assertContains(
        response, "Deze organisatie heeft al een positie op deze datum.", status_code=400
    )
    assert [p.invloed for p in Positie.objects.filter(opgave=opgave)] == [2]


def test_a_position_without_scores_gives_400(client, regisseur, opgave):
    betrokkenheid = betrokken(opgave)
    client.force_login(regisseur)

    response = client.post(
        url("positie_nieuw", opgave, pk=betrokkenheid.pk),
        {"datum": VANDAAG().isoformat(), "invloed": "9", "houding": "1"},
    )

    assert response.status_code == 400
    assertContains(response, "Dit veld is verplicht.", status_code=400)
    assertContains(response, "Selecteer een geldige keuze.", status_code=400)
    assert not Positie.objects.exists()


def test_logging_a_contact(client, regisseur, opgave):
    betrokkenheid = betrokken(opgave)
    client.force_login(regisseur)

    formulier = client.get(url("contactmoment_nieuw", opgave), {"betrokkenheid": betrokkenheid.pk})
    assert formulier.context["form"].initial["betrokkenheid"] == betrokkenheid.pk
    response = client.post(
        url("contactmoment_nieuw", opgave),
        {
            "betrokkenheid": betrokkenheid.pk,
            "datum": VANDAAG().isoformat(),
            "kanaal": Contactmoment.Kanaal.WERKBEZOEK,
            "hoedanigheid": Contactmoment.Hoedanigheid.ALS_BESTUURDER,
            "onderwerp": "Rondgang door de wijk",
            "notitie": "De directeur is positief.",
        },
    )

    assertRedirects(response, url("contactmomenten", opgave), fetch_redirect_response=False)
    contactmoment = Contactmoment.objects.get(opgave=opgave)
    assert contactmoment.hoedanigheid == Contactmoment.Hoedanigheid.ALS_BESTUURDER
    assert contactmoment.vastgelegd_door == regisseur


def test_a_contact_with_another_opgaves_organisation_gives_400(
    client, regisseur, opgave, andere_opgave, andere_organisatie
):
    elders = betrokkenheid_toevoegen(
        opgave=andere_opgave, organisatie=andere_organisatie, aard=Betrokkenheid.Aard.BESLIST
    )
    client.force_login(regisseur)

    response = client.post(
        url("contactmoment_nieuw", opgave),
        {
            "betrokkenheid": elders.pk,
            "datum": VANDAAG().isoformat(),
            "kanaal": Contactmoment.Kanaal.GESPREK,
            "hoedanigheid": Contactmoment.Hoedanigheid.PERSOONLIJK,
            "onderwerp": "Iets",
        },
    )

    assert response.status_code == 400
    assertContains(response, "Selecteer een geldige keuze.", status_code=400)
    assert not Contactmoment.objects.exists()


def test_recording_a_commitment(client, regisseur, opgave):
    kernteamlid = UserFactory(weergavenaam="Kim Kernteam")
    opgaverol_toekennen(opgave=opgave, user=kernteamlid, rol=Opgaverol.Rol.KERNTEAMLID)
    client.force_login(regisseur)

    formulier = client.get(url("toezegging_nieuw", opgave))
    assert set(formulier.context["form"].fields["eigenaar"].queryset) == {regisseur, kernteamlid}
    assert formulier.context["form"].initial["eigenaar"] == regisseur.pk
    response = client.post(
        url("toezegging_nieuw", opgave),
        {
            "omschrijving": "Informatieavond plannen",
            "betrokkenheid": betrokken(opgave).pk,
            "eigenaar": kernteamlid.pk,
            "deadline": (VANDAAG() + timedelta(days=30)).isoformat(),
        },
    )

    assertRedirects(response, url("toezeggingen", opgave), fetch_redirect_response=False)
    toezegging = Toezegging.objects.get(opgave=opgave)
    assert (toezegging.eigenaar, toezegging.status) == (kernteamlid, Toezegging.Status.OPEN)


def test_an_owner_without_a_role_on_the_opgave_gives_400(client, regisseur, ambtenaar, opgave):
    client.force_login(regisseur)

    response = client.post(
        url("toezegging_nieuw", opgave),
        {
            "omschrijving": "Informatieavond plannen",
            "eigenaar": ambtenaar.pk,
            "deadline": VANDAAG().isoformat(),
        },
    )

    assert response.status_code == 400
    assertContains(response, "Selecteer een geldige keuze.", status_code=400)
    assert not Toezegging.objects.exists()


def test_changing_a_commitments_status(client, regisseur, opgave):
    beloofd = toezegging(opgave, regisseur)
    client.force_login(regisseur)

    response = client.post(
        url("toezegging_status", opgave, pk=beloofd.pk), {"status": Toezegging.Status.NAGEKOMEN}
    )

    assertRedirects(response, url("toezeggingen", opgave), fetch_redirect_response=False)
    assert Toezegging.objects.get(pk=beloofd.pk).status == Toezegging.Status.NAGEKOMEN


def test_an_unknown_status_gives_400_and_changes_nothing(client, regisseur, opgave):
    beloofd = toezegging(opgave, regisseur)
    client.force_login(regisseur)

    response = client.post(url("toezegging_status", opgave, pk=beloofd.pk), {"status": "half"})

    assert response.status_code == 400
    assertContains(response, "Selecteer een geldige keuze.", status_code=400)
    assert Toezegging.objects.get(pk=beloofd.pk).status == Toezegging.Status.OPEN


@pytest.mark.parametrize(
    "naam",
    [
        "betrokkenheid_nieuw",
        "betrokkenheid_bewerken",
        "betrokkenheid_verwijderen",
        "positie_nieuw",
        "contactmoment_nieuw",
        "toezegging_nieuw",
        "toezegging_status",
    ],
)
def test_form_pages_have_no_inline_code_and_label_every_field(client, regisseur, opgave, naam):
    kwargs = {}
    if naam in {"betrokkenheid_bewerken", "betrokkenheid_verwijderen", "positie_nieuw"}:
        kwargs["pk"] = betrokken(opgave).pk
    if naam == "toezegging_status":
        kwargs["pk"] = toezegging(opgave, regisseur).pk
    client.force_login(regisseur)

    response = client.get(url(naam, opgave, **kwargs))

    assert response.status_code == 200
    assert inline_code(response.content.decode()) == []
    form = response.context.get("form")
    for field in form or []:
        assertContains(response, f'for="{field.id_for_label}"' if field.id_for_label else "<legend")


# --- Who may change -----------------------------------------------------------------------

# Every POST of this area, with valid data, as (url name, kwargs, data) built from fixtures.


def post_gevallen(opgave, regisseur, andere_organisatie):
    betrokkenheid = betrokken(opgave)
    beloofd = toezegging(opgave, regisseur)
    vandaag = VANDAAG().isoformat()
    return [
        (
            "betrokkenheid_nieuw",
            {},
            {"organisatie": andere_organisatie.pk, "aard": "beslist", "sinds": vandaag},
        ),
        ("betrokkenheid_bewerken", {"pk": betrokkenheid.pk}, {"aard": "beslist", "sinds": vandaag}),
        (
            "positie_nieuw",
            {"pk": betrokkenheid.pk},
            {"datum": vandaag, "invloed": 4, "belang": 4, "houding": 1},
        ),
        (
            "contactmoment_nieuw",
            {},
            {
                "betrokkenheid": betrokkenheid.pk,
                "datum": vandaag,
                "kanaal": "gesprek",
                "hoedanigheid": "persoonlijk",
                "onderwerp": "Koffie",
            },
        ),
        (
            "toezegging_nieuw",
            {},
            {"omschrijving": "Bellen", "eigenaar": regisseur.pk, "deadline": vandaag},
        ),
        ("toezegging_status", {"pk": beloofd.pk}, {"status": "nagekomen"}),
        ("betrokkenheid_verwijderen", {"pk": betrokkenheid.pk}, {}),  # last: it takes the rest
    ]


def stand(opgave) -> tuple:
    """Everything these POSTs could change, to compare before and after."""
    return (
        list(Betrokkenheid.objects.filter(opgave=opgave).values_list("pk", "aard", "sinds")),
        Positie.objects.filter(opgave=opgave).count(),
        Contactmoment.objects.filter(opgave=opgave).count(),
        list(Toezegging.objects.filter(opgave=opgave).values_list("pk", "status")),
    )


@pytest.mark.parametrize("persona", ["partner_lid", "ambtenaar", "coachee"])
def test_every_post_is_refused_without_a_role_and_changes_nothing(
    client, request, opgave, regisseur, andere_organisatie, persona
):
    client.force_login(request.getfixturevalue(persona))
    for naam, kwargs, data in post_gevallen(opgave, regisseur, andere_organisatie):
        voor = stand(opgave)
        response = client.post(url(naam, opgave, **kwargs), data)
        assert response.status_code == 403, naam
        assert stand(opgave) == voor, naam


def test_every_post_is_refused_once_the_opgave_is_finished(
    client, opgave, regisseur, andere_organisatie
):
    gevallen = post_gevallen(opgave, regisseur, andere_organisatie)
    opgave_fase_wijzigen(opgave=opgave, naar=Fase.GESTOPT, door=regisseur, reden="Geen budget.")
    client.force_login(regisseur)
    for naam, kwargs, data in gevallen:
        voor = stand(opgave)
        response = client.post(url(naam, opgave, **kwargs), data)
        assert response.status_code == 403, naam
        assert stand(opgave) == voor, naam


def test_every_post_works_for_the_regisseur(client, opgave, regisseur, andere_organisatie):
    """The counterpart of the refusals above: the same requests do change things."""
    client.force_login(regisseur)
    for naam, kwargs, data in post_gevallen(opgave, regisseur, andere_organisatie):
        voor = stand(opgave)
        response = client.post(url(naam, opgave, **kwargs), data)
        assert response.status_code == 302, naam
        assert stand(opgave) != voor, naam


# --- Another opgave's ids: 404 ---------------------------------------------------------


@pytest.fixture
def van_andere_opgave(andere_opgave, ambtenaar, organisatie):
    """An involvement and a commitment of ``andere_opgave``."""
    betrokkenheid = betrokkenheid_toevoegen(
        opgave=andere_opgave, organisatie=organisatie, aard=Betrokkenheid.Aard.BESLIST
    )
    positie(betrokkenheid, dagen_geleden=3)
    beloofd = toezegging(andere_opgave, ambtenaar, betrokkenheid=betrokkenheid)
    return {"betrokkenheid": betrokkenheid, "toezegging": beloofd}


IDOR = [
    ("betrokkenheid_detail", "betrokkenheid", "get", {}),
    ("betrokkenheid_bewerken", "betrokkenheid", "get", {}),
    (
        "betrokkenheid_bewerken",
        "betrokkenheid",
        "post",
        {"aard": "voert_uit", "sinds": "2026-01-01"},
    ),
    ("betrokkenheid_verwijderen", "betrokkenheid", "get", {}),
    ("betrokkenheid_verwijderen", "betrokkenheid", "post", {}),
    ("positie_nieuw", "betrokkenheid", "get", {}),
    (
        "positie_nieuw",
        "betrokkenheid",
        "post",
        {"datum": "2026-01-01", "invloed": 1, "belang": 1, "houding": 0},
    ),
    ("toezegging_status", "toezegging", "get", {}),
    ("toezegging_status", "toezegging", "post", {"status": "vervallen"}),
]


@pytest.mark.parametrize(("naam", "soort", "method", "data"), IDOR)
def test_another_opgaves_object_gives_404_and_changes_nothing(
    client, regisseur, opgave, andere_opgave, van_andere_opgave, naam, soort, method, data
):
    object_elders = van_andere_opgave[soort]
    client.force_login(regisseur)
    voor = stand(andere_opgave)

    response = getattr(client, method)(url(naam, opgave, pk=object_elders.pk), data)

    assert response.status_code == 404
    assert stand(andere_opgave) == voor


@pytest.mark.parametrize(("naam", "soort", "method", "data"), IDOR)
def test_the_same_ids_work_in_their_own_opgave(
    client, ambtenaar, andere_opgave, van_andere_opgave, naam, soort, method, data
):
    """The counterpart of the 404s: ``ambtenaar`` directs andere_opgave."""
    client.force_login(ambtenaar)

    response = getattr(client, method)(
        url(naam, andere_opgave, pk=van_andere_opgave[soort].pk), data
    )

    assert response.status_code in (200, 302)


# --- Organisation page and contact list --------------------------------------------------


def test_the_organisation_page_shows_its_trajectory_contacts_and_commitments(
    client, regisseur, opgave, andere_organisatie
):
    betrokkenheid = betrokken(opgave)
    positie(betrokkenheid, dagen_geleden=40, invloed=1, belang=2)
    positie(betrokkenheid, invloed=4, belang=4)
    contact(opgave, betrokkenheid, onderwerp="Huurverhoging")
    toezegging(
        opgave, regisseur, betrokkenheid=betrokkenheid, omschrijving="Cijfers delen", dagen=-2
    )
    toezegging(opgave, regisseur, betrokkenheid=betrokkenheid, omschrijving="Later", dagen=5)
    ander = betrokkenheid_toevoegen(opgave=opgave, organisatie=andere_organisatie, aard="beslist")
    contact(opgave, ander, onderwerp="Over de sporthal")
    toezegging(opgave, regisseur, betrokkenheid=ander, omschrijving="Sporthal openhouden")
    client.force_login(regisseur)

    response = client.get(url("betrokkenheid_detail", opgave, pk=betrokkenheid.pk))

    assert response.status_code == 200
    assertContains(response, "Huurverhoging")
    assertContains(response, "Cijfers delen")
    assertNotContains(response, "Over de sporthal")
    assertNotContains(response, "Sporthal openhouden")
    html = response.content.decode()
    assert html.count("<polyline") == 1
    assert inline_code(html) == []
    rij = html[html.index("Cijfers delen") :].split("</tr>")[0]
    assert "Verlopen" in rij and "Rutger Regie" in rij and datum(VANDAAG() - timedelta(2)) in rij
    assert [(t.omschrijving, t.verlopen) for t in response.context["toezeggingen"]] == [
        ("Cijfers delen", True),
        ("Later", False),
    ]
    assertContains(
        response,
        url("toezegging_status", opgave, pk=Toezegging.objects.get(omschrijving="Later").pk),
    )


def test_the_contact_list_shows_all_contacts_newest_first(client, ambtenaar, opgave):
    betrokkenheid = betrokken(opgave)
    for dagen in (3, 0, 12, 7):
        contact(opgave, betrokkenheid, dagen_geleden=dagen, onderwerp=f"Overleg {dagen}")
    client.force_login(ambtenaar)

    response = client.get(url("contactmomenten", opgave))

    assert [c.onderwerp for c in response.context["contactmomenten"]] == [
        "Overleg 0",
        "Overleg 3",
        "Overleg 7",
        "Overleg 12",
    ]
    assertContains(response, "Namens de organisatie")  # the hoedanigheid
    assert inline_code(response.content.decode()) == []


def test_empty_lists_say_so(client, ambtenaar, andere_opgave):
    client.force_login(ambtenaar)

    assertContains(
        client.get(url("toezeggingen", andere_opgave)), "Er zijn nog geen toezeggingen vastgelegd."
    )
    assertContains(
        client.get(url("contactmomenten", andere_opgave)),
        "Er zijn nog geen contactmomenten vastgelegd.",
    )


# --- Query counts --------------------------------------------------------------------------


def vul(opgave, regisseur, organisaties: int, posities: int) -> None:
    """``organisaties`` extra organisations with ``posities`` positions, a contact and a
    commitment each."""
    for nummer in range(organisaties):
        organisatie = organisatie_create(naam=f"Organisatie {nummer:02}", soort="bedrijf")
        betrokkenheid = betrokkenheid_toevoegen(
            opgave=opgave, organisatie=organisatie, aard=Betrokkenheid.Aard.VOERT_UIT
        )
        for stap in range(posities):
            positie(
                betrokkenheid,
                dagen_geleden=30 * stap,
                invloed=1 + (nummer + stap) % 5,
                belang=1 + (nummer * 3 + stap) % 5,
                houding=(nummer + stap) % 5 - 2,
            )
        contact(opgave, betrokkenheid)
        toezegging(opgave, regisseur, betrokkenheid=betrokkenheid, dagen=nummer % 7 - 3)


def queries(client, adres: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(adres)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize("naam", ["krachtenveld", "toezeggingen", "contactmomenten"])
def test_each_page_needs_the_same_few_queries_for_1_and_50_organisations(
    client, regisseur, opgave, naam
):
    client.force_login(regisseur)
    positie(betrokken(opgave))
    contact(opgave, betrokken(opgave))
    toezegging(opgave, regisseur, betrokkenheid=betrokken(opgave))
    client.get(url(naam, opgave))  # warm the process-wide caches
    een = queries(client, url(naam, opgave))

    vul(opgave, regisseur, organisaties=49, posities=4)
    vijftig = queries(client, url(naam, opgave))

    assert vijftig == een
    assert een <= 12


def test_the_tab_with_50_organisations_draws_them_all(client, regisseur, opgave):
    positie(betrokken(opgave))
    vul(opgave, regisseur, organisaties=49, posities=4)
    client.force_login(regisseur)

    response = client.get(url("krachtenveld", opgave))

    assert len(response.context["raster"].sporen) == 50
    assert response.content.decode().count("<polyline") == 49
    assert response.content.decode().count('scope="rowgroup"') == 50


def test_the_organisation_page_needs_the_same_queries_for_few_and_many(client, regisseur, opgave):
    betrokkenheid = betrokken(opgave)
    client.force_login(regisseur)
    positie(betrokkenheid)
    contact(opgave, betrokkenheid)
    toezegging(opgave, regisseur, betrokkenheid=betrokkenheid)
    detail = url("betrokkenheid_detail", opgave, pk=betrokkenheid.pk)
    client.get(detail)
    een = queries(client, detail)

    for dagen in range(1, 25):
        positie(betrokkenheid, dagen_geleden=dagen)
        contact(opgave, betrokkenheid, dagen_geleden=dagen)
        toezegging(opgave, regisseur, betrokkenheid=betrokkenheid, dagen=dagen - 12)
    veel = queries(client, detail)

    assert veel == een
    assert een <= 12
    response = client.get(detail)
    assert len(response.context["raster"].sporen[0].punten) == 25
    assert len(response.context["contactmomenten"]) == 25
    assert len(response.context["toezeggingen"]) == 25


@pytest.mark.parametrize(
    "naam",
    [
        "betrokkenheid_nieuw",
        "betrokkenheid_bewerken",
        "betrokkenheid_verwijderen",
        "positie_nieuw",
        "contactmoment_nieuw",
        "toezegging_nieuw",
        "toezegging_status",
    ],
)
def test_form_pages_need_few_queries(client, regisseur, opgave, naam):
    betrokkenheid = betrokken(opgave)
    for dagen in range(5):
        positie(betrokkenheid, dagen_geleden=dagen)
        contact(opgave, betrokkenheid, dagen_geleden=dagen)
    beloofd = toezegging(opgave, regisseur, betrokkenheid=betrokkenheid)
    kwargs = {}
    if naam in {"betrokkenheid_bewerken", "betrokkenheid_verwijderen", "positie_nieuw"}:
        kwargs["pk"] = betrokkenheid.pk
    if naam == "toezegging_status":
        kwargs["pk"] = beloofd.pk
    client.force_login(regisseur)
    client.get(url(naam, opgave, **kwargs))  # warm the process-wide caches

    assert queries(client, url(naam, opgave, **kwargs)) <= 12
