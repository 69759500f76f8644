"""The History tab of an opgave: who changed what, when (issue 4 point 10)."""

from datetime import date

from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from accounts.roles import Rol
from opgaven.models import Besluit, Doel, Opgave, Opgaverol, Zichtbaarheid
from opgaven.services import opgaverol_toekennen
from tests.factories import OpgaveFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(opgave, **query):
    adres = reverse("opgaven:geschiedenis", kwargs={"slug": opgave.slug})
    return adres + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def edit(client, opgave, titel):
    data = {"titel": titel, "vraagstuk": opgave.vraagstuk, "zichtbaarheid": Zichtbaarheid.OPENBAAR}
    response = client.post(reverse("opgaven:edit", kwargs={"slug": opgave.slug}), data)
    assert response.status_code == 302


def besluit(opgave, titel="Besluit"):
    return Besluit.objects.create(
        opgave=opgave,
        datum=date(2026, 5, 1),
        orgaan=Besluit.Orgaan.COLLEGE,
        titel=titel,
        motivering="-",
    )


def nl(msgid):
    with translation.override("nl"):
        return gettext(msgid)


def test_a_change_through_a_request_records_who_made_it(client, regisseur, opgave):
    client.force_login(regisseur)
    edit(client, opgave, "Nieuwe titel")

    response = client.get(url(opgave))

    assert response.status_code == 200
    wijzigingen = response.context["pagina"].wijzigingen
    # One test is one transaction, so every event has the same time: find the update.
    (bewerking,) = [w for w in wijzigingen if w.actie == "update"]
    eerdere = [w for w in wijzigingen if w is not bewerking]
    assert bewerking.wie == "Rutger Regie"
    assertContains(response, "Rutger Regie")
    assertContains(response, "titel: Energietransitie Demodam-Noord → Nieuwe titel")
    # What the fixture made outside a request, the system did.
    assertContains(response, nl("System"))
    assert {wijziging.wie for wijziging in eerdere} == {nl("System")}


def test_a_person_without_display_name_is_not_shown_by_email(client, opgave):
    zonder_naam = UserFactory(rollen=[Rol.AMBTENAAR], totp=True, weergavenaam="")
    opgaverol_toekennen(opgave=opgave, user=zonder_naam, rol=Opgaverol.Rol.KERNTEAMLID)
    client.force_login(zonder_naam)
    edit(client, opgave, "Door iemand zonder naam")

    response = client.get(url(opgave))

    (bewerking,) = [w for w in response.context["pagina"].wijzigingen if w.actie == "update"]
    assert bewerking.wie == nl("a user without a display name")
    assertNotContains(response, zonder_naam.email)


def test_created_and_deleted_are_said_in_words(client, regisseur, opgave):
    weg = Doel.objects.create(opgave=opgave, titel="Tijdelijk doel")
    weg.delete()
    client.force_login(regisseur)
    response = client.get(url(opgave))
    acties = {(w.object, w.actie_label) for w in response.context["pagina"].wijzigingen}
    assert ("Tijdelijk doel", nl("created")) in acties
    assert ("Tijdelijk doel", nl("deleted")) in acties
    assertContains(response, nl("deleted"))


def test_the_history_pages_25_changes_at_a_time(client, regisseur, opgave):
    for nummer in range(30):
        besluit(opgave, f"Besluit {nummer}")
    client.force_login(regisseur)

    eerste = client.get(url(opgave))
    tweede = client.get(url(opgave, pagina=2))

    assert len(eerste.context["pagina"].wijzigingen) == 25
    assert len(tweede.context["pagina"].wijzigingen) == 8
    assertContains(eerste, '?pagina=2"')
    assertContains(tweede, '?pagina=1"')
    assert client.get(url(opgave, pagina=3)).status_code == 404
    # Something that is not a page number shows the first page.
    assert client.get(url(opgave, pagina="abc")).context["pagina"].nummer == 1


def test_an_opgave_without_history_shows_an_empty_state(client, regisseur):
    """An opgave from before the audit trail started."""
    opgave = OpgaveFactory()
    QuerySet(model=Opgave.pgh_event_model).filter(pgh_obj=opgave).delete()
    client.force_login(regisseur)
    response = client.get(url(opgave))
    assert response.status_code == 200
    assert response.context["pagina"].wijzigingen == []
    assertContains(response, nl("Nothing has been recorded for this opgave yet."))


def test_the_number_of_queries_does_not_grow_with_the_changes(client, regisseur):
    opgave = OpgaveFactory()  # one change: its creation
    client.force_login(regisseur)
    client.get(url(opgave))  # warm the process-wide caches
    with CaptureQueriesContext(connection) as een:
        response = client.get(url(opgave))
    assert response.context["pagina"].aantal == 1

    for nummer in range(49):
        if nummer % 2:
            besluit(opgave, f"Besluit {nummer}")
        else:
            Doel.objects.create(opgave=opgave, titel=f"Doel {nummer}")
    with CaptureQueriesContext(connection) as vijftig:
        response = client.get(url(opgave))

    assert response.context["pagina"].aantal == 50
    assert len(response.context["pagina"].wijzigingen) == 25
    assert len(vijftig) == len(een)
    assert len(een) <= 12


def test_the_history_is_for_officials_and_role_holders(client, partner_lid, opgave):
    client.force_login(partner_lid)
    assert client.get(url(opgave)).status_code == 403
