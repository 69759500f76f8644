"""The admin changes opgaven and roles through the services, so guardian stays derived."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest
from pytest_django.asserts import assertContains

from opgaven.models import Fase, Opgave, Opgaverol, OpgaveUserObjectPermission
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def perms(user, opgave) -> set[str]:
    rows = OpgaveUserObjectPermission.objects.filter(user=user, content_object=opgave)
    return set(rows.values_list("permission__codename", flat=True))


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True, totp=True)


def test_adding_a_role_in_the_admin_grants_the_rights(client, beheerder, opgave, partner_lid):
    client.force_login(beheerder)
    response = client.post(
        reverse("admin:opgaven_opgaverol_add"),
        {
            "opgave": opgave.pk,
            "user": partner_lid.pk,
            "rol": Opgaverol.Rol.KERNTEAMLID,
            "van": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert perms(partner_lid, opgave) == {"view_opgave", "change_opgave"}


def test_ending_a_role_in_the_admin_removes_the_rights(client, beheerder, opgave, regisseur):
    rol = opgave.rollen.get()
    client.force_login(beheerder)
    response = client.post(
        reverse("admin:opgaven_opgaverol_change", args=[rol.pk]),
        {"tot": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    rol.refresh_from_db()
    assert rol.tot == timezone.localdate()
    assert perms(regisseur, opgave) == set()


def test_an_end_before_the_start_is_refused_in_dutch(client, beheerder, opgave):
    rol = opgave.rollen.get()
    client.force_login(beheerder)
    response = client.post(
        reverse("admin:opgaven_opgaverol_change", args=[rol.pk]),
        {"tot": (rol.van - timedelta(days=1)).isoformat()},
    )
    assertContains(response, "Een rol kan niet eindigen voordat hij begint.")


def test_deleting_a_role_in_the_admin_removes_the_rights(client, superuser, opgave, regisseur):
    rol = opgave.rollen.get()
    client.force_login(superuser)
    response = client.post(
        reverse("admin:opgaven_opgaverol_delete", args=[rol.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert perms(regisseur, opgave) == set()


def test_bulk_deleting_roles_removes_the_rights(client, superuser, opgave, interne_opgave):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:opgaven_opgaverol_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": list(Opgaverol.objects.values_list("pk", flat=True)),
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not OpgaveUserObjectPermission.objects.exists()


def test_creating_an_opgave_in_the_admin_gives_it_a_unique_slug(client, superuser, opgave):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:opgaven_opgave_add"),
        {
            "titel": opgave.titel,
            "vraagstuk": "Nog een keer.",
            "zichtbaarheid": "intern",
            "fase": Fase.VERKENNEN,
            "rollen-TOTAL_FORMS": "0",
            "rollen-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    created = Opgave.objects.exclude(pk=opgave.pk).get()
    assert created.slug == f"{opgave.slug}-2"
    assert created.aangemaakt_door == superuser


def test_editing_an_opgave_in_the_admin_leaves_the_phase_to_the_opgave_page(
    client, beheerder, opgave
):
    """The phase is read-only here: it changes only through opgave_fase_wijzigen,
    which records who, when and why. A posted phase is ignored."""
    client.force_login(beheerder)
    url = reverse("admin:opgaven_opgave_change", args=[opgave.pk])
    data = {
        "titel": "Andere titel",
        "vraagstuk": opgave.vraagstuk,
        "zichtbaarheid": opgave.zichtbaarheid,
        "fase": Fase.EVALUEREN,
        "rollen-TOTAL_FORMS": "1",
        "rollen-INITIAL_FORMS": "1",
        "rollen-0-id": opgave.rollen.get().pk,
        "rollen-0-opgave": opgave.pk,
    }
    assert 'name="fase"' not in client.get(url).content.decode()

    response = client.post(url, data)

    assert response.status_code == 302
    opgave.refresh_from_db()
    assert (opgave.titel, opgave.fase, opgave.gewijzigd_door) == (
        "Andere titel",
        Fase.UITVOEREN,
        beheerder,
    )
    assert not opgave.faseovergangen.exists()
    assert opgave.slug == "energietransitie-demodam-noord"
