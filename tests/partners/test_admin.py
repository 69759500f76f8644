"""The admin of organisations and memberships: new rows through partners.services,
a membership is only ever ended, and the lists stay at a constant number of queries."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from pytest_django.asserts import assertContains

from partners.models import Lidmaatschap, Organisatie
from partners.selectors import organisaties_van
from partners.services import lidmaatschap_toevoegen, organisatie_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True, totp=True)


@pytest.fixture(params=["beheerder", "superuser"])
def beheer(request):
    """Who uses the admin: the beheerder role (MFA set up) or a superuser."""
    return request.getfixturevalue(request.param)


def queries(client, url: str, data: dict | None = None) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data or {})
    assert response.status_code == 200, url
    return len(captured), response


def _organisatie(naam: str) -> Organisatie:
    organisatie = organisatie_create(naam=naam, soort=Organisatie.Soort.ZORG_EN_WELZIJN)
    for rol in (Lidmaatschap.Rol.CONTACTPERSOON, Lidmaatschap.Rol.LID):
        lidmaatschap_toevoegen(organisatie=organisatie, user=UserFactory(), rol=rol)
    return organisatie


def _lidmaatschap(naam: str) -> Lidmaatschap:
    return lidmaatschap_toevoegen(
        organisatie=organisatie_create(naam=naam, soort=Organisatie.Soort.FONDS),
        user=UserFactory(),
    )


MAKERS = {"organisatie": _organisatie, "lidmaatschap": _lidmaatschap}


@pytest.mark.parametrize("model", MAKERS)
def test_changelist_has_constant_queries_and_search_finds_the_row(client, beheer, model):
    client.force_login(beheer)
    url = reverse(f"admin:partners_{model}_changelist")
    gezocht = MAKERS[model]("Kwelwater")
    client.get(url)  # fill the caches (content types, sessions) before counting

    een, _ = queries(client, url)
    for nummer in range(6):
        MAKERS[model](f"Stichting {nummer}")
    zeven, response = queries(client, url)

    assert een == zeven, f"{model}: {een} queries for one row, {zeven} for seven"
    assert response.context["cl"].result_count == 7
    _, gevonden = queries(client, url, {"q": "kwelwater"})
    assert list(gevonden.context["cl"].result_list) == [gezocht]


def test_an_organisation_is_found_by_its_kvk_number(client, beheerder):
    gezocht = organisatie_create(
        naam="Zorggroep De Linde", soort=Organisatie.Soort.ZORG_EN_WELZIJN, kvk_nummer="41176543"
    )
    organisatie_create(naam="Buurtfonds", soort=Organisatie.Soort.FONDS, kvk_nummer="41154321")
    client.force_login(beheerder)

    _, response = queries(client, reverse("admin:partners_organisatie_changelist"), {"q": "4117"})

    assert list(response.context["cl"].result_list) == [gezocht]


def test_the_organisation_page_lists_its_members_with_constant_queries(client, beheer):
    organisatie = _organisatie("Stichting Welzijn Demodam")
    url = reverse("admin:partners_organisatie_change", args=[organisatie.pk])
    client.force_login(beheer)
    client.get(url)

    twee, _ = queries(client, url)
    leden = [UserFactory(weergavenaam=f"Lid {nummer}") for nummer in range(5)]
    for lid in leden:
        lidmaatschap_toevoegen(organisatie=organisatie, user=lid)
    zeven, response = queries(client, url)

    assert twee == zeven
    for lid in leden:
        assertContains(response, lid.weergavenaam)


def test_active_members_are_counted_in_the_list(client, beheerder, organisatie):
    vroeger = lidmaatschap_toevoegen(
        organisatie=organisatie, user=UserFactory(), van=timezone.localdate() - timedelta(days=30)
    )
    Lidmaatschap.objects.filter(pk=vroeger.pk).update(tot=timezone.localdate())
    client.force_login(beheerder)

    _, response = queries(client, reverse("admin:partners_organisatie_changelist"))

    (rij,) = response.context["cl"].result_list
    assert rij.aantal_leden == 1  # partner_lid; the ended membership does not count


def test_adding_an_organisation_gives_it_a_free_slug(client, beheerder, organisatie):
    client.force_login(beheerder)

    response = client.post(
        reverse("admin:partners_organisatie_add"),
        {
            "naam": organisatie.naam,
            "soort": Organisatie.Soort.WONINGCORPORATIE,
            "kvk_nummer": "41234567",
            "website": "",
            "beschrijving": "",
            "lidmaatschappen-TOTAL_FORMS": "0",
            "lidmaatschappen-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.content.decode()[-3000:]
    nieuw = Organisatie.objects.exclude(pk=organisatie.pk).get()
    assert (nieuw.slug, nieuw.kvk_nummer) == ("woonstichting-demodam-2", "41234567")


def test_editing_an_organisation_keeps_its_slug_and_refuses_a_bad_kvk_number(
    client, beheerder, organisatie
):
    client.force_login(beheerder)
    url = reverse("admin:partners_organisatie_change", args=[organisatie.pk])
    lid = organisatie.lidmaatschappen.get()
    data = {
        "naam": "Woonstichting Demodam en Omstreken",
        "soort": organisatie.soort,
        "kvk_nummer": "1234",
        "website": "",
        "beschrijving": "",
        "lidmaatschappen-TOTAL_FORMS": "1",
        "lidmaatschappen-INITIAL_FORMS": "1",
        "lidmaatschappen-0-id": lid.pk,
        "lidmaatschappen-0-organisatie": organisatie.pk,
    }

    fout = client.post(url, data)
    goed = client.post(url, {**data, "kvk_nummer": "41234567"})

    assertContains(fout, "Een KvK-nummer heeft precies 8 cijfers.")
    assert goed.status_code == 302, goed.content.decode()[-3000:]
    organisatie.refresh_from_db()
    assert (organisatie.naam, organisatie.slug, organisatie.kvk_nummer) == (
        "Woonstichting Demodam en Omstreken",
        "woonstichting-demodam",
        "41234567",
    )


def test_adding_a_membership_gives_access_and_a_second_one_is_refused(
    client, beheerder, organisatie
):
    nieuw_lid = UserFactory()
    client.force_login(beheerder)
    data = {
        "organisatie": organisatie.pk,
        "user": nieuw_lid.pk,
        "rol": Lidmaatschap.Rol.LID,
        "soort": Lidmaatschap.Soort.VRIJWILLIGER,
        "van": timezone.localdate().isoformat(),
    }

    eerste = client.post(reverse("admin:partners_lidmaatschap_add"), data)
    tweede = client.post(reverse("admin:partners_lidmaatschap_add"), data)

    assert eerste.status_code == 302, eerste.content.decode()[-3000:]
    assert list(organisaties_van(user=nieuw_lid)) == [organisatie]
    assertContains(tweede, "Deze persoon is al lid van deze organisatie.")
    assert Lidmaatschap.objects.filter(user=nieuw_lid).count() == 1


def test_ending_a_membership_takes_the_access_away(client, beheerder, organisatie, partner_lid):
    lid = organisatie.lidmaatschappen.get(user=partner_lid)
    client.force_login(beheerder)

    response = client.post(
        reverse("admin:partners_lidmaatschap_change", args=[lid.pk]),
        {"tot": timezone.localdate().isoformat(), "rol": Lidmaatschap.Rol.LID},
    )

    assert response.status_code == 302, response.content.decode()[-3000:]
    lid.refresh_from_db()
    assert (lid.tot, lid.rol) == (timezone.localdate(), Lidmaatschap.Rol.CONTACTPERSOON)
    assert not organisaties_van(user=partner_lid).exists()


def test_a_membership_cannot_end_before_it_starts(client, beheerder, organisatie):
    lid = organisatie.lidmaatschappen.get()
    client.force_login(beheerder)

    response = client.post(
        reverse("admin:partners_lidmaatschap_change", args=[lid.pk]),
        {"tot": (lid.van - timedelta(days=1)).isoformat()},
    )

    assertContains(response, "Een lidmaatschap kan niet eindigen voordat het begint.")
    lid.refresh_from_db()
    assert lid.tot is None


@pytest.mark.parametrize("model", MAKERS)
def test_nothing_is_deleted_in_the_admin(client, superuser, model):
    obj = MAKERS[model]("Kwelwater")
    client.force_login(superuser)

    response = client.post(
        reverse(f"admin:partners_{model}_delete", args=[obj.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).exists()
