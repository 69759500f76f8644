"""The admin of learning and coaching (issue 8 point 8): the handelingsrepertoire is
edited there; everything else is metadata, read-only. A private entry's title and
reflection never show in the admin: not in a list, not on its page, not in its history,
and searching for them finds nothing."""

from datetime import date

from django.contrib.auth.models import Permission
from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from leren.models import Competentie, Leerervaring, Voortgangsmeting
from leren.services import (
    doel_toevoegen,
    feedback_geven,
    gesprek_vastleggen,
    leerervaring_vastleggen,
    ontwikkelplan_opslaan,
    voortgang_meten,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GEHEIM = {
    "titel": "Geheime titel over mijn leidinggevende",
    "reflectie": "Geheime reflectie: ik twijfel of ik hier wil blijven.",
    "situatie": "Geheime situatie",
    "taak": "Geheime taak",
    "actie": "Geheime actie",
    "resultaat": "Geheim resultaat",
}
GEHEIME_WOORDEN = [*GEHEIM.values(), "Geheime feedback", "Geheime notitie", "Geheim actiepunt"]

MODELLEN = [
    "leerervaring",
    "ontwikkelplan",
    "voortgangsmeting",
    "coachtraject",
    "coachgesprek",
    "actiepunt",
    "feedback",
]


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True, totp=True)


@pytest.fixture
def beheerder_met_inzage(beheerder):
    """The beheerder with the view verbs the role is to get (see the report)."""
    beheerder.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="leren", codename__in=[f"view_{m}" for m in MODELLEN]
        )
    )
    return beheerder


@pytest.fixture
def alles(coachee, adviseur, traject):
    """Something of every kind, with secrets in every text."""
    prive = leerervaring_vastleggen(
        auteur=coachee, datum=date(2026, 10, 1), bron="ervaring", zichtbaarheid="prive", **GEHEIM
    )
    gedeeld = leerervaring_vastleggen(
        auteur=coachee,
        datum=date(2026, 10, 2),
        bron="sociaal",
        zichtbaarheid="coach",
        titel="Geheime titel van een gedeelde ervaring",
        reflectie="Geheime reflectie, gedeeld met de coach",
    )
    feedback = feedback_geven(ervaring=gedeeld, coach=adviseur, tekst="Geheime feedback")
    plan = ontwikkelplan_opslaan(
        eigenaar=coachee, titel="Geheim plan", van=date(2026, 1, 1), tot=date(2026, 12, 31)
    )
    doel_toevoegen(plan=plan, omschrijving="Geheim doel")
    meting = voortgang_meten(
        persoon=coachee,
        competentie=Competentie.objects.get(slug="verbinden"),
        niveau=2,
        beoordelaar=adviseur,
        toelichting="Geheime toelichting",
    )
    gesprek = gesprek_vastleggen(
        traject=traject,
        datum=date(2026, 10, 3),
        gedeelde_notities="Geheime notitie gedeeld",
        prive_notities="Geheime notitie van de coach",
        actiepunten=[("Geheim actiepunt", coachee, date(2026, 10, 20))],
    )
    return {
        "leerervaring": prive,
        "gedeeld": gedeeld,
        "feedback": feedback,
        "ontwikkelplan": plan,
        "voortgangsmeting": meting,
        "coachtraject": traject,
        "coachgesprek": gesprek,
        "actiepunt": gesprek.actiepunten.get(),
    }


def pagina(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def geen_geheimen(html: str) -> None:
    for woord in [*GEHEIME_WOORDEN, "Geheime titel", "Geheime reflectie", "Geheim"]:
        assert woord not in html, woord


@pytest.mark.parametrize("persona", ["superuser", "beheerder_met_inzage"])
def test_a_private_entry_shows_metadata_only_in_list_page_and_history(
    client, request, persona, alles, coachee
):
    client.force_login(request.getfixturevalue(persona))
    prive = alles["leerervaring"]

    lijst = pagina(client, reverse("admin:leren_leerervaring_changelist"))
    wijzigen = pagina(client, reverse("admin:leren_leerervaring_change", args=[prive.pk]))
    geschiedenis = pagina(client, reverse("admin:leren_leerervaring_history", args=[prive.pk]))

    for html in (lijst, wijzigen, geschiedenis):
        geen_geheimen(html)
    # What it does show: who, when, which source, for whom.
    assert str(coachee) in lijst
    assert f"#{prive.pk}" in wijzigen
    assert 'name="_save"' not in wijzigen


@pytest.mark.parametrize("zoekterm", ["Geheime titel", "twijfel", "Geheime situatie"])
def test_searching_the_admin_for_content_finds_nothing(client, superuser, alles, zoekterm):
    client.force_login(superuser)
    response = client.get(reverse("admin:leren_leerervaring_changelist"), {"q": zoekterm})
    assert response.context["cl"].result_count == 0
    assertNotContains(response, GEHEIM["reflectie"])


def test_searching_by_author_finds_their_entries(client, superuser, alles, coachee):
    client.force_login(superuser)
    response = client.get(reverse("admin:leren_leerervaring_changelist"), {"q": coachee.email})
    assert response.context["cl"].result_count == 2


@pytest.mark.parametrize("model", MODELLEN)
def test_no_content_on_any_leren_admin_page(client, superuser, alles, model):
    client.force_login(superuser)
    obj = alles[model]
    for url in (
        reverse(f"admin:leren_{model}_changelist"),
        reverse(f"admin:leren_{model}_change", args=[obj.pk]),
        reverse(f"admin:leren_{model}_history", args=[obj.pk]),
    ):
        geen_geheimen(pagina(client, url))


@pytest.mark.parametrize("model", MODELLEN)
def test_everything_but_the_repertoire_is_read_only(client, superuser, alles, model):
    client.force_login(superuser)
    obj = alles[model]
    assert client.get(reverse(f"admin:leren_{model}_add")).status_code == 403
    assert client.post(reverse(f"admin:leren_{model}_change", args=[obj.pk]), {}).status_code == 403
    assert (
        client.post(
            reverse(f"admin:leren_{model}_delete", args=[obj.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_the_view_permission_alone_opens_the_lists(client, beheerder_met_inzage, alles):
    client.force_login(beheerder_met_inzage)
    for model in MODELLEN:
        assert client.get(reverse(f"admin:leren_{model}_changelist")).status_code == 200


def test_staff_without_the_view_permission_is_refused(client, alles):
    client.force_login(UserFactory(is_staff=True, totp=True))
    for model in MODELLEN:
        assert client.get(reverse(f"admin:leren_{model}_changelist")).status_code == 403


def test_the_repertoire_is_edited_in_the_admin(client, superuser):
    client.force_login(superuser)
    lijst = client.get(reverse("admin:leren_competentie_changelist"), {"q": "netwerk"})
    assertContains(lijst, "Netwerkregie")
    assertNotContains(lijst, "Kansgericht denken")

    response = client.post(
        reverse("admin:leren_competentie_add"),
        {
            "naam": "Bestuurlijke sensitiviteit",
            "slug": "bestuurlijke-sensitiviteit",
            "beschrijving": "Aanvoelen wat het bestuur nodig heeft.",
            "gedragsindicatoren": "Kent de agenda van de wethouder.",
            "volgorde": 99,
            "actief": "on",
        },
    )
    assert response.status_code == 302
    nieuw = Competentie.objects.get(slug="bestuurlijke-sensitiviteit")
    assert nieuw.indicatoren == ["Kent de agenda van de wethouder."]

    wijzigen = reverse("admin:leren_competentie_change", args=[nieuw.pk])
    gegevens = {
        "naam": nieuw.naam,
        "slug": nieuw.slug,
        "beschrijving": nieuw.beschrijving,
        "gedragsindicatoren": nieuw.gedragsindicatoren,
        "volgorde": 5,
    }
    assert client.post(wijzigen, gegevens).status_code == 302
    nieuw.refresh_from_db()
    assert (nieuw.volgorde, nieuw.actief) == (5, False)


def test_a_competence_is_switched_off_not_deleted(client, superuser, alles):
    client.force_login(superuser)
    verbinden = Competentie.objects.get(slug="verbinden")
    response = client.post(
        reverse("admin:leren_competentie_delete", args=[verbinden.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Voortgangsmeting.objects.filter(competentie=verbinden).exists()
    assert Leerervaring.objects.count() == 2
