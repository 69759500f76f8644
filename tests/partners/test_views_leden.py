"""An organisation's members: who sees them, inviting by e-mail (a new account sets
its password through the link in the mail), ending a membership (access goes at
once), and contact persons of one organisation reaching into another's (IDOR)."""

from __future__ import annotations

import re

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from allauth.account.models import EmailAddress
from pytest_django.asserts import assertContains, assertNotContains

from accounts.models import User
from accounts.roles import Rol
from accounts.selectors import user_roles
from partners.models import Lidmaatschap
from partners.selectors import lidmaatschappen_actief
from partners.services import lid_uitnodigen, lidmaatschap_toevoegen
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NIEUW_WACHTWOORD = "Zonnepanelen-op-elk-dak-2026"


def leden_url(organisatie) -> str:
    return f"/partners/{organisatie.slug}/leden/"


def uitnodigen_url(organisatie) -> str:
    return f"/partners/{organisatie.slug}/leden/uitnodigen/"


def beeindigen_url(organisatie, lidmaatschap) -> str:
    return f"/partners/{organisatie.slug}/leden/{lidmaatschap.pk}/beeindigen/"


def uitnodiging(**anders) -> dict[str, str]:
    return {
        "email": "Nina.Nieuw@Example.nl",
        "weergavenaam": "Nina Nieuw",
        "rol": "lid",
        "soort": "vrijwilliger",
        **anders,
    }


@pytest.fixture
def tweede_contactpersoon(organisatie):
    """Another contact person of ``organisatie``: who ends ``partner_lid``'s membership."""
    user = UserFactory(rollen=[Rol.PARTNER], weergavenaam="Carla Contact")
    lidmaatschap_toevoegen(organisatie=organisatie, user=user, rol="contactpersoon")
    return user


@pytest.fixture
def lid(organisatie):
    user = UserFactory(rollen=[Rol.PARTNER], weergavenaam="Lotte Lid")
    return lidmaatschap_toevoegen(organisatie=organisatie, user=user, rol="lid", soort="onbetaald")


# --- The members page ----------------------------------------------------------------


def test_a_contact_person_sees_the_members_and_may_manage_them(
    client, partner_lid, organisatie, lid
):
    client.force_login(partner_lid)

    response = client.get(leden_url(organisatie))

    assert response.status_code == 200
    assertContains(response, "Leden van Woonstichting Demodam")
    assertContains(response, '<caption class="utrecht-table__caption">2 leden</caption>')
    assertContains(response, "Lotte Lid")
    assertContains(response, lid.user.email)
    assertContains(response, "Onbetaalde professional")
    assertContains(response, "Contactpersoon")
    assertContains(response, f'href="{uitnodigen_url(organisatie)}"')
    assertContains(response, f'href="{beeindigen_url(organisatie, lid)}"')
    # Not their own membership: another contact person or the municipality ends that.
    eigen = Lidmaatschap.objects.get(user=partner_lid)
    assertNotContains(response, beeindigen_url(organisatie, eigen))


def test_a_member_and_an_official_read_the_members_without_managing(
    client, organisatie, lid, ambtenaar
):
    for user in (lid.user, ambtenaar):
        client.force_login(user)

        response = client.get(leden_url(organisatie))

        assertContains(response, "Pieter Partner")
        assertNotContains(response, "Lid uitnodigen")
        assertNotContains(response, "/beeindigen/")


@pytest.mark.parametrize("persona", ["partner_buitenstaander", "inwoner", "adviseur"])
def test_others_may_not_see_the_members(client, request, organisatie, andere_organisatie, persona):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(leden_url(organisatie)).status_code == 403


def test_the_members_page_runs_the_same_queries_for_few_and_many_members(
    client, partner_lid, organisatie
):
    client.force_login(partner_lid)
    client.get(leden_url(organisatie))
    with CaptureQueriesContext(connection) as een:
        client.get(leden_url(organisatie))
    for _ in range(15):
        lidmaatschap_toevoegen(organisatie=organisatie, user=UserFactory())
    with CaptureQueriesContext(connection) as zestien:
        response = client.get(leden_url(organisatie))

    assertContains(response, "16 leden")
    assert len(een) == len(zestien) <= 12


# --- Inviting ------------------------------------------------------------------------------


def test_inviting_a_new_person_makes_an_account_and_mails_a_link_to_set_a_password(
    client, partner_lid, organisatie, django_capture_on_commit_callbacks
):
    client.force_login(partner_lid)
    formulier = client.get(uitnodigen_url(organisatie))
    assertContains(formulier, "Nodig een lid van Woonstichting Demodam uit")
    assertContains(formulier, "<legend")  # the radio groups have a legend

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(uitnodigen_url(organisatie), uitnodiging(), follow=True)

    assert response.redirect_chain == [(leden_url(organisatie), 302)]
    assertContains(
        response,
        "nina.nieuw@example.nl is nu lid van Woonstichting Demodam. We hebben een e-mail "
        "gestuurd met een link om een wachtwoord in te stellen.",
    )
    nieuw = User.objects.get(email="nina.nieuw@example.nl")
    assert nieuw.weergavenaam == "Nina Nieuw"
    assert not nieuw.has_usable_password()
    assert user_roles(nieuw) == {Rol.PARTNER}
    assert EmailAddress.objects.filter(user=nieuw, verified=True, primary=True).count() == 1
    lidmaatschap = lidmaatschappen_actief(user=nieuw).get()
    assert (lidmaatschap.organisatie, lidmaatschap.rol, lidmaatschap.soort) == (
        organisatie,
        "lid",
        "vrijwilliger",
    )

    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == ["nina.nieuw@example.nl"]
    assert bericht.subject == (
        "[Gemeente Demodam] Je bent uitgenodigd om te werken voor Woonstichting Demodam"
    )
    assert "Hallo Nina Nieuw," in bericht.body
    assert "Pieter Partner heeft je uitgenodigd om voor Woonstichting Demodam te werken" in (
        bericht.body
    )
    assert "Stel je wachtwoord in met deze link:" in bericht.body
    assert "De link werkt één keer en is 3 dagen geldig." in bericht.body


def test_the_link_in_the_invitation_lets_the_person_set_a_password_and_log_in(
    client, partner_lid, organisatie, django_capture_on_commit_callbacks
):
    client.force_login(partner_lid)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(uitnodigen_url(organisatie), uitnodiging())
    client.logout()
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body

    formulier = client.get(link.group(1), follow=True)
    assertContains(formulier, 'name="password1"')
    response = client.post(
        formulier.redirect_chain[-1][0] if formulier.redirect_chain else link.group(1),
        {"password1": NIEUW_WACHTWOORD, "password2": NIEUW_WACHTWOORD},
    )

    assert response.status_code == 302
    nieuw = User.objects.get(email="nina.nieuw@example.nl")
    assert nieuw.check_password(NIEUW_WACHTWOORD)
    # The link works once.
    assertNotContains(client.get(link.group(1), follow=True), 'name="password1"')
    # And the new member logs in and finds their organisation.
    inloggen = client.post(
        "/accounts/login/", {"login": "nina.nieuw@example.nl", "password": NIEUW_WACHTWOORD}
    )
    assert inloggen.status_code == 302
    assertContains(client.get("/mijn/organisatie/"), "Woonstichting Demodam")


def test_inviting_someone_with_an_account_adds_them_without_a_mail(
    client, partner_lid, organisatie, django_capture_on_commit_callbacks
):
    bestaand = UserFactory(email="bram@example.nl", rollen=[Rol.PARTNER])
    client.force_login(partner_lid)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            uitnodigen_url(organisatie),
            uitnodiging(email="BRAM@example.nl", rol="contactpersoon"),
            follow=True,
        )

    assertContains(
        response,
        "bram@example.nl heeft al een account en is nu lid van Woonstichting Demodam. "
        "Diegene kan inloggen zoals altijd.",
    )
    assert mail.outbox == []
    assert lidmaatschappen_actief(user=bestaand).get().rol == "contactpersoon"
    bestaand.refresh_from_db()
    assert bestaand.has_usable_password()


def test_a_person_already_member_gets_a_clear_error(client, partner_lid, organisatie, lid):
    client.force_login(partner_lid)

    response = client.post(uitnodigen_url(organisatie), uitnodiging(email=lid.user.email.upper()))

    assert response.status_code == 400
    assertContains(
        response,
        f"{lid.user.email} is al lid van Woonstichting Demodam.",
        status_code=400,
    )
    assertContains(response, "Verbeter het volgende", status_code=400)
    assert lidmaatschappen_actief(user=lid.user).count() == 1


def test_an_invalid_address_is_refused(client, partner_lid, organisatie):
    client.force_login(partner_lid)

    response = client.post(uitnodigen_url(organisatie), uitnodiging(email="geen-adres"))

    assert response.status_code == 400
    assertContains(response, 'href="#id_email"', status_code=400)
    assert not User.objects.filter(email="geen-adres").exists()


def test_an_invitee_who_never_set_a_password_gets_the_link_again(
    organisatie, andere_organisatie, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lid_uitnodigen(organisatie=organisatie, email="ik@example.nl", site_url="http://x/")
        tweede = lid_uitnodigen(
            organisatie=andere_organisatie, email="ik@example.nl", site_url="http://x/"
        )

    assert (tweede.nieuw_account, tweede.mail_verstuurd) == (False, True)
    assert len(mail.outbox) == 2
    assert "Sportclub Westerdijk" in mail.outbox[1].subject


def test_a_member_or_an_official_may_not_invite(client, organisatie, lid, ambtenaar):
    for user in (lid.user, ambtenaar):
        client.force_login(user)

        assert client.get(uitnodigen_url(organisatie)).status_code == 403
        assert client.post(uitnodigen_url(organisatie), uitnodiging()).status_code == 403
    assert not User.objects.filter(email="nina.nieuw@example.nl").exists()


def test_a_contact_person_cannot_invite_into_another_organisation(
    client, partner_lid, organisatie, andere_organisatie
):
    client.force_login(partner_lid)

    response = client.post(uitnodigen_url(andere_organisatie), uitnodiging())

    assert response.status_code == 403
    assert not User.objects.filter(email="nina.nieuw@example.nl").exists()


# --- Ending a membership ---------------------------------------------------------------


def test_ending_a_membership_asks_for_confirmation_first(client, partner_lid, organisatie, lid):
    client.force_login(partner_lid)

    response = client.get(beeindigen_url(organisatie, lid))

    assertContains(response, "Lidmaatschap van Lotte Lid beëindigen")
    assertContains(response, "Weet je het zeker?")
    assertContains(response, 'method="post"')
    assert lidmaatschappen_actief(user=lid.user).exists()


def test_ending_a_membership_takes_the_access_away_at_once(
    client, tweede_contactpersoon, partner_lid, organisatie, opgave
):
    werkruimte = f"/opgaven/{opgave.slug}/besluiten/"
    client.force_login(partner_lid)
    assert client.get(werkruimte).status_code == 200
    eigen = Lidmaatschap.objects.get(user=partner_lid, organisatie=organisatie)

    client.force_login(tweede_contactpersoon)
    response = client.post(beeindigen_url(organisatie, eigen), follow=True)

    assert response.redirect_chain == [(leden_url(organisatie), 302)]
    assertContains(
        response,
        "Het lidmaatschap van Pieter Partner is beëindigd. Diegene werkt hier niet meer voor "
        "Woonstichting Demodam.",
    )
    assertNotContains(response, partner_lid.email)
    client.force_login(partner_lid)
    assert client.get(werkruimte).status_code == 403
    assert client.get(leden_url(organisatie)).status_code == 403
    assertNotContains(client.get("/mijn/organisatie/"), "Woonstichting Demodam")


def test_an_ended_membership_cannot_be_ended_again(client, partner_lid, organisatie, lid):
    client.force_login(partner_lid)
    client.post(beeindigen_url(organisatie, lid))

    assert client.post(beeindigen_url(organisatie, lid)).status_code == 404


def test_a_contact_person_does_not_end_their_own_membership(client, partner_lid, organisatie):
    eigen = Lidmaatschap.objects.get(user=partner_lid)
    client.force_login(partner_lid)

    assert client.get(beeindigen_url(organisatie, eigen)).status_code == 403
    assert client.post(beeindigen_url(organisatie, eigen)).status_code == 403
    assert lidmaatschappen_actief(user=partner_lid).exists()


def test_a_member_or_an_official_may_not_end_a_membership(
    client, organisatie, lid, tweede_contactpersoon, ambtenaar
):
    doel = Lidmaatschap.objects.get(user=tweede_contactpersoon)
    for user in (lid.user, ambtenaar):
        client.force_login(user)

        assert client.post(beeindigen_url(organisatie, doel)).status_code == 403
    assert lidmaatschappen_actief(user=tweede_contactpersoon).exists()


def test_a_membership_of_another_organisation_is_out_of_reach(
    client, partner_lid, organisatie, andere_organisatie, partner_buitenstaander
):
    """IDOR: through her own organisation's URL it is not found; through the other's
    URL she is refused."""
    ander = Lidmaatschap.objects.get(user=partner_buitenstaander)
    client.force_login(partner_lid)

    assert client.post(beeindigen_url(organisatie, ander)).status_code == 404
    assert client.post(beeindigen_url(andere_organisatie, ander)).status_code == 403
    assert lidmaatschappen_actief(user=partner_buitenstaander).exists()


@pytest.mark.parametrize("methode", ["put", "delete"])
def test_the_member_pages_refuse_other_methods(client, partner_lid, organisatie, lid, methode):
    client.force_login(partner_lid)

    for url in (uitnodigen_url(organisatie), beeindigen_url(organisatie, lid)):
        assert getattr(client, methode)(url).status_code == 405
    assert client.post(leden_url(organisatie)).status_code == 405
