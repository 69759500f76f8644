"""Input through the pages: submit, edit, support, comment, flag, hidden content,
feedback and privacy (issue 6 points 4, 5, 6, 8)."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from opgaven.models import Besluit, Gebied
from participatie.models import Inbreng, Markering, Reactie, Ronde, Steun
from participatie.policies import toon_naam
from participatie.services import (
    deelnemen,
    reactie_plaatsen,
    ronde_status_wijzigen,
    terugkoppelen,
    verbergen,
)
from tests.factories import UserFactory
from tests.test_csp import inline_code

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
DATA = {"soort": "zorg", "titel": "Te weinig bankjes", "tekst": "Ouderen kunnen nergens zitten."}


def url(name, ronde, **kwargs):
    return reverse(f"participatie:{name}", kwargs={"slug": ronde.slug, **kwargs})


def iurl(name, inbreng):
    return url(name, inbreng.ronde, pk=inbreng.pk)


def sluiten(ronde, door):
    return ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.GESLOTEN, door=door)


# --- Submitting -------------------------------------------------------------------------


def test_who_has_not_joined_is_sent_to_join_first_and_back(client, ronde, partner_lid):
    client.force_login(partner_lid)

    response = client.get(url("inbreng_nieuw", ronde))

    assert response.status_code == 302
    assert response["Location"] == (
        f"{url('meedoen', ronde)}?next=%2Fparticipatie%2F{ronde.slug}%2Finbreng%2Fnieuw%2F"
    )
    assert not Inbreng.objects.filter(auteur=partner_lid).exists()


def test_a_resident_submits_input_with_an_area(client, ronde, inwoner):
    molenbuurt = Gebied.objects.get(naam="Molenbuurt")
    client.force_login(inwoner)

    formulier = client.get(url("inbreng_nieuw", ronde))
    assertContains(formulier, str(Inbreng.Soort.ZORG.label))
    assertContains(formulier, 'aria-describedby="id_soort_1_uitleg"')
    assert inline_code(formulier.content.decode()) == []
    response = client.post(url("inbreng_nieuw", ronde), {**DATA, "gebied": molenbuurt.pk})

    inbreng = Inbreng.objects.get(auteur=inwoner)
    assert response["Location"] == iurl("inbreng", inbreng)
    assert (inbreng.soort, inbreng.titel, inbreng.gebied) == ("zorg", DATA["titel"], molenbuurt)
    pagina = client.get(response["Location"])
    assertContains(pagina, DATA["tekst"])
    assertContains(pagina, "Molenbuurt")


def test_input_without_a_kind_or_title_comes_back_with_errors(client, ronde, inwoner):
    client.force_login(inwoner)

    response = client.post(url("inbreng_nieuw", ronde), {"tekst": "Alleen tekst."})

    assert response.status_code == 400
    assertContains(response, _("Choose idea, concern or question."), status_code=400)
    assertContains(response, "data-error-summary", status_code=400)
    assertContains(response, 'href="#id_soort_0"', status_code=400)
    assert not Inbreng.objects.exists()


def test_a_closed_round_takes_no_input(client, ronde, regisseur, inwoner):
    sluiten(ronde, regisseur)
    client.force_login(inwoner)

    response = client.post(url("inbreng_nieuw", ronde), DATA, follow=True)

    assertContains(response, _("This round does not take input at the moment."))
    assert not Inbreng.objects.exists()


# --- Editing ----------------------------------------------------------------------------


def test_the_author_edits_their_input(client, inbreng, inwoner):
    client.force_login(inwoner)

    formulier = client.get(iurl("inbreng_bewerken", inbreng))
    assertContains(formulier, inbreng.titel)
    response = client.post(iurl("inbreng_bewerken", inbreng), {**DATA, "titel": "Nieuwe titel"})

    assert response["Location"] == iurl("inbreng", inbreng)
    inbreng.refresh_from_db()
    assert (inbreng.titel, inbreng.soort) == ("Nieuwe titel", "zorg")


@pytest.mark.parametrize("persona", ["partner_lid", "regisseur", "beheerder"])
def test_nobody_else_edits_an_input(client, inbreng, persona, request):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(iurl("inbreng_bewerken", inbreng)).status_code == 403
    response = client.post(iurl("inbreng_bewerken", inbreng), {**DATA, "titel": "Gekaapt"})

    assert response.status_code == 403
    inbreng.refresh_from_db()
    assert inbreng.titel != "Gekaapt"


def test_after_closing_the_author_is_told_the_input_cannot_change(
    client, inbreng, inwoner, regisseur
):
    sluiten(inbreng.ronde, regisseur)
    client.force_login(inwoner)

    response = client.post(iurl("inbreng_bewerken", inbreng), {**DATA, "titel": "Te laat"})

    assert response["Location"] == iurl("inbreng", inbreng)
    inbreng.refresh_from_db()
    assert inbreng.titel != "Te laat"
    pagina = client.get(response["Location"])
    assertContains(pagina, _("This input can no longer be changed: the round is closed."))
    assertNotContains(pagina, iurl("inbreng_bewerken", inbreng))


def test_an_input_of_another_round_is_a_404_through_this_rounds_url(
    client, ronde, andere_ronde, partner_buitenstaander
):
    andere = andere_ronde.inbreng.get()
    client.force_login(partner_buitenstaander)  # its author

    for name in ("inbreng", "inbreng_bewerken", "inbreng_markeren"):
        assert client.get(url(name, ronde, pk=andere.pk)).status_code == 404
    for name in ("steun", "reageren"):
        assert client.post(url(name, ronde, pk=andere.pk), {"tekst": "x"}).status_code == 404
    assert not Reactie.objects.exists()


# --- Support ----------------------------------------------------------------------------


def test_support_toggles_with_htmx_and_answers_the_button(client, inbreng, partner_lid):
    client.force_login(partner_lid)

    aan = client.post(iurl("steun", inbreng), {"next": "/"}, headers=HTMX)

    html = aan.content.decode()
    assert aan.status_code == 200
    assert "<html" not in html
    assert 'aria-pressed="true"' in html
    assert f'id="steun-knop-{inbreng.pk}"' in html
    assert f'{_("Support")}<span class="site-visually-hidden"> {inbreng.titel}</span>' in html
    assert "(1)" in html
    inbreng.refresh_from_db()
    assert inbreng.aantal_steun == Steun.objects.filter(inbreng=inbreng).count() == 1

    uit = client.post(iurl("steun", inbreng), headers=HTMX).content.decode()
    assert 'aria-pressed="false"' in uit
    assert "(0)" in uit
    inbreng.refresh_from_db()
    assert inbreng.aantal_steun == 0
    assert aan["Vary"] and "HX-Request" in aan["Vary"]


def test_without_javascript_support_goes_back_to_the_page(client, inbreng, partner_lid):
    client.force_login(partner_lid)
    terug = f"{inbreng.ronde.get_absolute_url()}?sorteer=steun"

    response = client.post(iurl("steun", inbreng), {"next": terug})

    assert response["Location"] == terug
    assert Steun.objects.filter(inbreng=inbreng, user=partner_lid).exists()
    pagina = client.get(terug)
    assertContains(pagina, 'aria-pressed="true"')
    assertContains(pagina, _("You now support “%(titel)s”.") % {"titel": inbreng.titel})


def test_support_never_leaves_for_another_site(client, inbreng, partner_lid):
    client.force_login(partner_lid)

    response = client.post(iurl("steun", inbreng), {"next": "https://evil.example/"})

    assert response["Location"] == iurl("inbreng", inbreng)


def test_own_input_cannot_be_supported_and_says_so(client, inbreng, inwoner):
    client.force_login(inwoner)

    response = client.post(iurl("steun", inbreng), headers=HTMX)

    assertContains(response, _("You cannot support your own input."))
    assert not Steun.objects.exists()
    pagina = client.get(client.post(iurl("steun", inbreng))["Location"])
    assertContains(pagina, _("You cannot support your own input."))


def test_support_in_a_closed_round_says_so(client, inbreng, partner_lid, regisseur):
    sluiten(inbreng.ronde, regisseur)
    client.force_login(partner_lid)

    response = client.post(iurl("steun", inbreng), headers=HTMX)

    assertContains(response, _("This round is not open: taking part is no longer possible."))
    assertContains(response, 'role="alert"')
    assert not Steun.objects.exists()


def test_get_never_supports(client, inbreng, partner_lid):
    client.force_login(partner_lid)

    assert client.get(iurl("steun", inbreng)).status_code == 405
    assert client.get(iurl("reageren", inbreng)).status_code == 405
    assert not Steun.objects.exists()
    assert not Reactie.objects.exists()


def test_the_button_shows_who_supports_and_anonymous_visitors_get_a_login_link(
    client, inbreng, partner_lid
):
    anoniem = client.get(iurl("inbreng", inbreng))
    assertNotContains(anoniem, iurl("steun", inbreng))
    assertContains(anoniem, f"{reverse('account_login')}?next=")

    client.force_login(partner_lid)
    assertContains(client.get(iurl("inbreng", inbreng)), 'aria-pressed="false"')


# --- Comments ---------------------------------------------------------------------------


def test_a_comment_is_placed_and_shown_with_the_public_name(client, inbreng, partner_lid):
    client.force_login(partner_lid)

    response = client.post(iurl("reageren", inbreng), {"tekst": "Ik help mee!"})

    reactie = Reactie.objects.get()
    assert response["Location"] == f"{iurl('inbreng', inbreng)}#reactie-{reactie.pk}"
    pagina = client.get(iurl("inbreng", inbreng))
    assertContains(pagina, "Ik help mee!")
    assertContains(pagina, partner_lid.weergavenaam)
    inbreng.refresh_from_db()
    assert inbreng.aantal_reacties == 1


def test_an_empty_comment_shows_the_input_page_again_with_400(client, inbreng, partner_lid):
    client.force_login(partner_lid)

    response = client.post(iurl("reageren", inbreng), {"tekst": "  "})

    assert response.status_code == 400
    assertContains(response, inbreng.tekst, status_code=400)
    assertContains(response, "data-error-summary", status_code=400)
    assert not Reactie.objects.exists()


def test_a_comment_in_a_closed_round_is_refused_with_a_message(
    client, inbreng, partner_lid, regisseur
):
    client.force_login(partner_lid)
    sluiten(inbreng.ronde, regisseur)

    response = client.post(iurl("reageren", inbreng), {"tekst": "Te laat"})

    assert response.status_code == 400
    assert not Reactie.objects.exists()


# --- Flags ------------------------------------------------------------------------------


def test_flagging_an_input_once_and_a_second_time_kindly(client, inbreng, partner_lid):
    client.force_login(partner_lid)

    formulier = client.get(iurl("inbreng_markeren", inbreng))
    assertContains(formulier, inbreng.titel)
    response = client.post(iurl("inbreng_markeren", inbreng), {"reden": "Reclame."})
    assert response["Location"] == iurl("inbreng", inbreng)
    markering = Markering.objects.get()
    assert (markering.inbreng, markering.melder, markering.reden) == (
        inbreng,
        partner_lid,
        "Reclame.",
    )

    opnieuw = client.post(iurl("inbreng_markeren", inbreng), {"reden": "Nog steeds."})
    assert opnieuw.status_code == 200
    assertContains(
        opnieuw,
        _(
            "You have already reported this. A moderator will look at it; you do not need to "
            "report it again."
        ),
    )
    assert Markering.objects.count() == 1


def test_a_flag_needs_a_reason(client, inbreng, partner_lid):
    client.force_login(partner_lid)

    response = client.post(iurl("inbreng_markeren", inbreng), {"reden": ""})

    assert response.status_code == 400
    assert not Markering.objects.exists()


def test_flagging_a_comment(client, inbreng, partner_lid, inwoner):
    reactie = reactie_plaatsen(inbreng=inbreng, auteur=partner_lid, tekst="Onzin.")
    client.force_login(inwoner)
    pagina = client.get(iurl("inbreng", inbreng))
    assertContains(pagina, url("reactie_markeren", inbreng.ronde, pk=reactie.pk))

    response = client.post(
        url("reactie_markeren", inbreng.ronde, pk=reactie.pk), {"reden": "Beledigend."}
    )

    assert response["Location"] == f"{iurl('inbreng', inbreng)}#reactie-{reactie.pk}"
    assert Markering.objects.get().reactie == reactie


# --- Hidden content ---------------------------------------------------------------------


def test_hidden_input_shows_the_reason_to_others_and_the_text_to_its_author(
    client, inbreng, inwoner, partner_lid, regisseur
):
    verbergen(door=regisseur, reden="Persoonsgegevens van een buur.", inbreng=inbreng)
    melding = _("Hidden by a moderator: %(reden)s") % {"reden": "Persoonsgegevens van een buur."}

    for pagina in (iurl("inbreng", inbreng), inbreng.ronde.get_absolute_url()):
        client.force_login(partner_lid)
        ander = client.get(pagina)
        assertContains(ander, melding)
        assertNotContains(ander, inbreng.titel)
        assertNotContains(ander, inbreng.tekst)

        client.force_login(inwoner)
        eigen = client.get(pagina)
        assertContains(eigen, melding)
        assertContains(eigen, inbreng.titel)


def test_a_hidden_comment_shows_the_notice(client, inbreng, partner_lid, regisseur):
    reactie = reactie_plaatsen(inbreng=inbreng, auteur=partner_lid, tekst="Scheldwoord.")
    verbergen(door=regisseur, reden="Beledigend.", reactie=reactie)

    response = client.get(iurl("inbreng", inbreng))

    assertContains(response, _("Hidden by a moderator: %(reden)s") % {"reden": "Beledigend."})
    assertNotContains(response, "Scheldwoord.")


# --- Feedback ---------------------------------------------------------------------------


def test_feedback_shows_under_the_input_on_both_pages(client, inbreng, regisseur, opgave):
    besluit = Besluit.objects.create(
        opgave=opgave,
        datum=date(2026, 12, 1),
        orgaan=Besluit.Orgaan.COLLEGE,
        titel="Koffieochtenden in alle bibliotheken",
        motivering="Veel steun.",
    )
    terugkoppelen(
        inbreng=inbreng,
        door=regisseur,
        status="overgenomen",
        motivering="We beginnen in januari.",
        besluit=besluit,
    )

    for pagina in (iurl("inbreng", inbreng), inbreng.ronde.get_absolute_url()):
        response = client.get(pagina)
        assertContains(response, _("What was done with this input"))
        assertContains(response, "We beginnen in januari.")
        assertContains(response, besluit.titel)
        assertContains(response, str(Inbreng.Status.OVERGENOMEN.label))


# --- Privacy ----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["anoniem", "partner_lid", "adviseur", "regisseur"])
def test_pages_show_the_public_name_never_the_email_address(client, ronde, persona, request):
    zonder_naam = UserFactory(weergavenaam="")
    deelnemen(ronde=ronde, user=zonder_naam, wijk=Gebied.objects.get(naam="Oosterhout"))
    client.force_login(zonder_naam)
    client.post(url("inbreng_nieuw", ronde), DATA)
    inbreng = Inbreng.objects.get(auteur=zonder_naam)
    reactie_plaatsen(inbreng=inbreng, auteur=zonder_naam, tekst="Aanvulling.")
    client.logout()
    user = request.getfixturevalue(persona)
    if user is not None:
        client.force_login(user)

    naam = toon_naam("", "Oosterhout")
    for pagina in (ronde.get_absolute_url(), iurl("inbreng", inbreng)):
        response = client.get(pagina)
        assertContains(response, naam)
        assertNotContains(response, zonder_naam.email)
        assertNotContains(response, zonder_naam.email.split("@")[0])
