"""The roles pages: the list, assigning a role and ending one (issue 4 point 5)."""

from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accounts.roles import Rol
from meldingen.models import Melding
from opgaven.models import Betrokkenheid, Opgaverol, Zichtbaarheid
from opgaven.services import opgaverol_beeindigen, opgaverol_toekennen
from tests.concurrency import run_together
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DUBBELE_ROL = "Deze persoon heeft deze rol al bij deze opgave."
EINDE_VOOR_BEGIN = "Een rol kan niet eindigen voordat hij begint."


def rollen_url(opgave):
    return reverse("opgaven:rollen", kwargs={"slug": opgave.slug})


def toekennen_url(opgave):
    return reverse("opgaven:rol_toekennen", kwargs={"slug": opgave.slug})


def beeindigen_url(opgaverol, opgave=None):
    opgave = opgave or opgaverol.opgave
    return reverse("opgaven:rol_beeindigen", kwargs={"slug": opgave.slug, "pk": opgaverol.pk})


def edit_url(opgave):
    return reverse("opgaven:edit", kwargs={"slug": opgave.slug})


def vandaag():
    return timezone.localdate()


def toekennen_data(user, rol=Opgaverol.Rol.KERNTEAMLID, organisatie=None, van=None):
    return {
        "user": user.pk,
        "rol": rol,
        "organisatie": organisatie.pk if organisatie else "",
        "van": (van or vandaag()).isoformat(),
    }


def edit_data(titel="Energietransitie Noord"):
    return {"titel": titel, "vraagstuk": "Van het gas af.", "zichtbaarheid": Zichtbaarheid.OPENBAAR}


def nl(msgid):
    with translation.override("nl"):
        return gettext(msgid)


# --- The list ------------------------------------------------------------------------------


def test_the_list_shows_current_and_ended_roles(client, regisseur, coachee, opgave, organisatie):
    lid = opgaverol_toekennen(
        opgave=opgave,
        user=coachee,
        rol=Opgaverol.Rol.KERNTEAMLID,
        organisatie=organisatie,
        van=vandaag() - timedelta(days=30),
    )
    gestopt = opgaverol_toekennen(
        opgave=opgave,
        user=UserFactory(rollen=[Rol.AMBTENAAR], weergavenaam="Wim Weg"),
        rol=Opgaverol.Rol.AMBTELIJK_OPDRACHTGEVER,
        van=vandaag() - timedelta(days=60),
    )
    opgaverol_beeindigen(opgaverol=gestopt, tot=vandaag() - timedelta(days=2))

    client.force_login(regisseur)
    response = client.get(rollen_url(opgave))

    assert response.status_code == 200
    rollen = response.context["rollen"]
    assert [(rol.user, rol.rol) for rol in rollen.lopend] == [
        (regisseur, Opgaverol.Rol.OPGAVEREGISSEUR),
        (coachee, Opgaverol.Rol.KERNTEAMLID),
    ]
    assert [rol.pk for rol in rollen.beeindigd] == [gestopt.pk]
    assertContains(response, "Coen Coachee")
    assertContains(response, "Woonstichting Demodam")  # on behalf of
    with translation.override("nl"):
        assertContains(response, formats.date_format(lid.van, "j F Y"))
    assertContains(response, "Wim Weg")
    # The regisseur can end each current role.
    assertContains(response, beeindigen_url(lid))
    assertContains(response, toekennen_url(opgave))


def test_the_list_never_shows_an_email_address(client, regisseur, opgave):
    zonder_naam = UserFactory(rollen=[Rol.AMBTENAAR], weergavenaam="")
    opgaverol_toekennen(opgave=opgave, user=zonder_naam, rol=Opgaverol.Rol.KERNTEAMLID)
    client.force_login(regisseur)
    response = client.get(rollen_url(opgave))
    assertNotContains(response, zonder_naam.email)
    assertContains(response, "een collega")


def test_a_partner_reads_the_roles_without_edit_links(client, partner_lid, opgave):
    client.force_login(partner_lid)
    response = client.get(rollen_url(opgave))
    assert response.status_code == 200
    assertContains(response, "Rutger Regie")
    assertNotContains(response, toekennen_url(opgave))
    assertNotContains(response, "/beeindigen/")


def test_the_list_of_roles_has_a_constant_number_of_queries(client, regisseur, opgave):
    client.force_login(regisseur)
    client.get(rollen_url(opgave))  # warm the process-wide caches
    with CaptureQueriesContext(connection) as een_rol:
        client.get(rollen_url(opgave))

    for _ in range(49):
        opgaverol_toekennen(opgave=opgave, user=UserFactory(), rol=Opgaverol.Rol.KERNTEAMLID)
    with CaptureQueriesContext(connection) as vijftig_rollen:
        response = client.get(rollen_url(opgave))

    assert len(response.context["rollen"].lopend) == 50
    assert len(vijftig_rollen) == len(een_rol)
    assert len(een_rol) <= 12


# --- Assigning -----------------------------------------------------------------------------


def test_the_person_picker_groups_officials_and_partners_by_display_name(
    client, regisseur, ambtenaar, partner_lid, partner_buitenstaander, inwoner, opgave
):
    client.force_login(regisseur)
    response = client.get(toekennen_url(opgave))

    assert response.status_code == 200
    html = response.content.decode()
    ambtenaren = html.index(f'<optgroup label="{nl("Civil servants")}">')
    partners = html.index(f'<optgroup label="{nl("Partners")}">')
    assert ambtenaren < html.index("Anouk Ambtenaar") < partners
    assert partners < html.index("Pieter Partner (Woonstichting Demodam)")
    # Only officials and members of involved organisations; never an e-mail address.
    for user in (regisseur, ambtenaar, partner_lid, partner_buitenstaander, inwoner):
        assert user.email not in html
    assert "Bart Buitenstaander" not in html
    assert "Ilse Inwoner" not in html
    # The start date is today by default.
    assertContains(response, f'value="{vandaag().isoformat()}"')


def test_assigning_a_role_gives_the_rights_at_once(client, regisseur, coachee, opgave):
    coach = Client()
    coach.force_login(coachee)
    assert coach.post(edit_url(opgave), edit_data()).status_code == 403

    client.force_login(regisseur)
    response = client.post(toekennen_url(opgave), toekennen_data(coachee))

    assertRedirects(response, rollen_url(opgave), fetch_redirect_response=False)
    opgaverol = Opgaverol.objects.get(opgave=opgave, user=coachee)
    assert (opgaverol.rol, opgaverol.van, opgaverol.tot) == (
        Opgaverol.Rol.KERNTEAMLID,
        vandaag(),
        None,
    )
    assert coach.post(edit_url(opgave), edit_data()).status_code == 302
    # The new role holder hears of it.
    assert Melding.objects.filter(ontvanger=coachee).count() == 1


def test_a_partner_joins_the_core_team_on_behalf_of_their_organisation(
    client, regisseur, partner_lid, opgave, organisatie
):
    client.force_login(regisseur)
    response = client.post(toekennen_url(opgave), toekennen_data(partner_lid))
    assert response.status_code == 302
    opgaverol = Opgaverol.objects.get(opgave=opgave, user=partner_lid)
    assert opgaverol.organisatie == organisatie


def test_a_partner_cannot_direct_the_opgave(client, regisseur, partner_lid, opgave):
    client.force_login(regisseur)
    response = client.post(
        toekennen_url(opgave), toekennen_data(partner_lid, rol=Opgaverol.Rol.OPGAVEREGISSEUR)
    )
    assert response.status_code == 400
    assert response.context["form"].errors["rol"]
    assert not Opgaverol.objects.filter(user=partner_lid).exists()


def test_a_partner_acts_only_for_their_own_organisation(
    client, regisseur, partner_lid, opgave, andere_organisatie
):
    Betrokkenheid.objects.create(
        opgave=opgave, organisatie=andere_organisatie, aard=Betrokkenheid.Aard.BESLIST
    )
    client.force_login(regisseur)
    response = client.post(
        toekennen_url(opgave), toekennen_data(partner_lid, organisatie=andere_organisatie)
    )
    assert response.status_code == 400
    assert response.context["form"].errors["organisatie"]
    assert not Opgaverol.objects.filter(user=partner_lid).exists()


def test_someone_outside_the_opgave_cannot_be_chosen(
    client, regisseur, partner_buitenstaander, inwoner, opgave
):
    client.force_login(regisseur)
    for user in (partner_buitenstaander, inwoner):
        response = client.post(toekennen_url(opgave), toekennen_data(user))
        assert response.status_code == 400
        assertContains(response, "Selecteer een geldige keuze", status_code=400)
        assert not Opgaverol.objects.filter(user=user).exists()


def test_a_duplicate_active_role_gives_a_dutch_error(client, regisseur, coachee, opgave):
    opgaverol_toekennen(opgave=opgave, user=coachee, rol=Opgaverol.Rol.KERNTEAMLID)
    client.force_login(regisseur)

    response = client.post(toekennen_url(opgave), toekennen_data(coachee))

    assert response.status_code == 400
    assertContains(response, DUBBELE_ROL, status_code=400)
    assert Opgaverol.objects.filter(opgave=opgave, user=coachee).count() == 1


def test_the_same_role_can_be_given_again_after_it_ended(client, regisseur, coachee, opgave):
    eerder = opgaverol_toekennen(
        opgave=opgave,
        user=coachee,
        rol=Opgaverol.Rol.KERNTEAMLID,
        van=vandaag() - timedelta(days=10),
    )
    opgaverol_beeindigen(opgaverol=eerder, tot=vandaag() - timedelta(days=1))
    client.force_login(regisseur)
    response = client.post(toekennen_url(opgave), toekennen_data(coachee))
    assert response.status_code == 302
    assert Opgaverol.objects.filter(opgave=opgave, user=coachee).count() == 2


def test_bad_input_gives_400_with_an_error_summary_and_changes_nothing(client, regisseur, opgave):
    client.force_login(regisseur)
    response = client.post(
        toekennen_url(opgave), {"user": "", "rol": "schatbewaarder", "van": "gisteren"}
    )
    assert response.status_code == 400
    assertContains(response, "data-error-summary", status_code=400)
    assertContains(response, "Dit veld is verplicht.", status_code=400)
    assertContains(response, "Voer een geldige datum in.", status_code=400)
    assert Opgaverol.objects.filter(opgave=opgave).count() == 1


def test_the_assign_page_has_a_constant_number_of_queries(client, regisseur, opgave):
    client.force_login(regisseur)
    client.get(toekennen_url(opgave))
    with CaptureQueriesContext(connection) as weinig:
        client.get(toekennen_url(opgave))

    for _ in range(50):
        UserFactory(rollen=[Rol.AMBTENAAR])
    with CaptureQueriesContext(connection) as veel:
        response = client.get(toekennen_url(opgave))

    assert len(response.context["form"].keuzes.ambtenaren) > 50
    assert len(veel) == len(weinig)
    assert len(weinig) <= 12


@pytest.mark.django_db(transaction=True)
def test_two_officials_assigning_the_same_role_at_once_make_one_role(
    regisseur, ambtenaar, coachee, opgave
):
    tweede = opgaverol_toekennen(
        opgave=opgave, user=ambtenaar, rol=Opgaverol.Rol.AMBTELIJK_OPDRACHTGEVER
    ).user
    clients = []
    for user in (regisseur, tweede):
        browser = Client()
        browser.force_login(user)
        clients.append(browser)
    aan_de_beurt = iter(clients)

    def toekennen():
        return next(aan_de_beurt).post(toekennen_url(opgave), toekennen_data(coachee)).status_code

    uitkomsten = run_together(toekennen)

    assert all(isinstance(uitkomst, int) for uitkomst in uitkomsten), uitkomsten
    assert Opgaverol.objects.filter(opgave=opgave, user=coachee, tot__isnull=True).count() == 1


# --- Ending --------------------------------------------------------------------------------


def test_the_end_page_asks_for_confirmation_with_today_as_end_date(
    client, regisseur, coachee, opgave
):
    opgaverol = opgaverol_toekennen(opgave=opgave, user=coachee, rol=Opgaverol.Rol.KERNTEAMLID)
    client.force_login(regisseur)
    response = client.get(beeindigen_url(opgaverol))
    assert response.status_code == 200
    assertContains(response, "Coen Coachee")
    assertContains(response, f'value="{vandaag().isoformat()}"')
    opgaverol.refresh_from_db()
    assert opgaverol.tot is None  # a GET changes nothing


def test_ending_a_role_removes_the_rights_at_once(client, regisseur, coachee, opgave):
    opgaverol = opgaverol_toekennen(opgave=opgave, user=coachee, rol=Opgaverol.Rol.KERNTEAMLID)
    coach = Client()
    coach.force_login(coachee)
    assert coach.post(edit_url(opgave), edit_data("Eerst nog wel")).status_code == 302

    client.force_login(regisseur)
    response = client.post(beeindigen_url(opgaverol), {"tot": vandaag().isoformat()})

    assertRedirects(response, rollen_url(opgave), fetch_redirect_response=False)
    assert coach.post(edit_url(opgave), edit_data("Nu niet meer")).status_code == 403
    opgave.refresh_from_db()
    assert opgave.titel == "Eerst nog wel"
    opgaverol.refresh_from_db()
    assert opgaverol.tot == vandaag()
    rollen = client.get(rollen_url(opgave)).context["rollen"]
    assert opgaverol in rollen.beeindigd
    assert opgaverol not in rollen.lopend


def test_ending_ones_own_role_removes_ones_own_rights(client, regisseur, opgave):
    eigen = opgave.rollen.get(user=regisseur)
    client.force_login(regisseur)
    assertContains(client.get(beeindigen_url(eigen)), nl("This is your own role."))
    response = client.post(beeindigen_url(eigen), {"tot": vandaag().isoformat()})
    assert response.status_code == 302
    assert client.post(edit_url(opgave), edit_data()).status_code == 403


def test_a_role_cannot_end_before_it_starts(client, regisseur, coachee, opgave):
    later = opgaverol_toekennen(
        opgave=opgave,
        user=coachee,
        rol=Opgaverol.Rol.KERNTEAMLID,
        van=vandaag() + timedelta(days=10),
    )
    client.force_login(regisseur)

    response = client.post(beeindigen_url(later), {"tot": vandaag().isoformat()})

    assert response.status_code == 400
    assertContains(response, EINDE_VOOR_BEGIN, status_code=400)
    later.refresh_from_db()
    assert later.tot is None


def test_an_ended_role_cannot_end_again(client, regisseur, coachee, opgave):
    opgaverol = opgaverol_toekennen(
        opgave=opgave, user=coachee, rol=Opgaverol.Rol.KERNTEAMLID, van=vandaag() - timedelta(3)
    )
    opgaverol_beeindigen(opgaverol=opgaverol, tot=vandaag() - timedelta(days=1))
    client.force_login(regisseur)
    response = client.post(beeindigen_url(opgaverol), {"tot": vandaag().isoformat()})
    assert response.status_code == 400
    opgaverol.refresh_from_db()
    assert opgaverol.tot == vandaag() - timedelta(days=1)


def test_bad_end_date_gives_400_and_changes_nothing(client, regisseur, coachee, opgave):
    opgaverol = opgaverol_toekennen(opgave=opgave, user=coachee, rol=Opgaverol.Rol.KERNTEAMLID)
    client.force_login(regisseur)
    response = client.post(beeindigen_url(opgaverol), {"tot": "31-02-2026"})
    assert response.status_code == 400
    assertContains(response, "Voer een geldige datum in.", status_code=400)
    opgaverol.refresh_from_db()
    assert opgaverol.tot is None


def test_a_role_of_another_opgave_is_not_found_through_this_opgave(
    client, regisseur, ambtenaar, opgave, andere_opgave
):
    andere_rol = andere_opgave.rollen.get()
    client.force_login(regisseur)

    assert client.get(beeindigen_url(andere_rol, opgave=opgave)).status_code == 404
    response = client.post(beeindigen_url(andere_rol, opgave=opgave), {"tot": vandaag()})

    assert response.status_code == 404
    andere_rol.refresh_from_db()
    assert andere_rol.tot is None
    andere = Client()
    andere.force_login(ambtenaar)
    assert andere.post(edit_url(andere_opgave), edit_data("Nog steeds")).status_code == 302


def test_the_end_page_has_a_constant_number_of_queries(client, regisseur, coachee, opgave):
    opgaverol = opgaverol_toekennen(opgave=opgave, user=coachee, rol=Opgaverol.Rol.KERNTEAMLID)
    client.force_login(regisseur)
    client.get(beeindigen_url(opgaverol))
    with CaptureQueriesContext(connection) as queries:
        client.get(beeindigen_url(opgaverol))
    assert len(queries) <= 12
