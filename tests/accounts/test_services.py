"""accounts.services: granting and revoking roles, and the roles' permissions."""

from importlib import import_module

from django.contrib.auth.models import Group, Permission

import pytest

from accounts.roles import ROLE_PERMISSIONS, Rol
from accounts.selectors import user_roles
from accounts.services import role_permissions_sync, user_create, user_grant_role, user_revoke_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_granting_a_role_puts_the_user_in_its_group():
    user = UserFactory()

    user_grant_role(user=user, rol=Rol.INWONER)

    assert list(user.groups.values_list("name", flat=True)) == ["inwoner"]
    assert not user.is_staff


def test_a_beheerder_gets_into_the_django_admin():
    user = UserFactory()

    user_grant_role(user=user, rol=Rol.BEHEERDER)

    user.refresh_from_db()
    assert user.is_staff


def test_revoking_beheerder_takes_the_admin_away():
    user = UserFactory(rollen=[Rol.BEHEERDER, Rol.AMBTENAAR])

    user_revoke_role(user=user, rol=Rol.BEHEERDER)

    user.refresh_from_db()
    assert not user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == ["ambtenaar"]


def test_revoking_beheerder_leaves_a_superuser_staff():
    user = UserFactory(rollen=[Rol.BEHEERDER], is_superuser=True)

    user_revoke_role(user=user, rol=Rol.BEHEERDER)

    user.refresh_from_db()
    assert user.is_staff


def test_revoking_another_role_leaves_staff_status_alone():
    user = UserFactory(rollen=[Rol.BEHEERDER, Rol.AMBTENAAR])

    user_revoke_role(user=user, rol=Rol.AMBTENAAR)

    user.refresh_from_db()
    assert user.is_staff
    assert user_roles(user) == {Rol.BEHEERDER}


def test_user_create_grants_the_given_roles():
    user = user_create(email="Nieuw@Example.nl", password=None, rollen=(Rol.PARTNER,))

    assert user.email == "nieuw@example.nl"
    assert not user.has_usable_password()
    assert user_roles(user) == {Rol.PARTNER}


def test_each_role_group_has_exactly_its_permissions():
    stray = Permission.objects.get(content_type__app_label="auth", codename="delete_group")
    Group.objects.get(name=Rol.INWONER).permissions.add(stray)

    role_permissions_sync()

    for rol in Rol:
        group = Group.objects.get(name=rol.value)
        granted = {
            f"{app_label}.{codename}"
            for app_label, codename in group.permissions.values_list(
                "content_type__app_label", "codename"
            )
        }
        assert granted == set(ROLE_PERMISSIONS[rol]), rol


def test_every_permission_in_the_mapping_exists():
    for rol, names in ROLE_PERMISSIONS.items():
        for name in names:
            app_label, codename = name.split(".", 1)
            assert Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).exists(), f"{rol}: {name}"


def test_every_role_has_an_entry_in_the_mapping():
    assert set(ROLE_PERMISSIONS) == set(Rol)


def test_an_unknown_permission_in_the_mapping_is_an_error(monkeypatch):
    monkeypatch.setitem(ROLE_PERMISSIONS, Rol.INWONER, ("opgaven.fly_to_the_moon",))

    with pytest.raises(LookupError, match=r"opgaven\.fly_to_the_moon"):
        role_permissions_sync()


def test_the_data_migration_creates_the_roles_of_accounts_roles():
    migration = import_module("accounts.migrations.0002_create_role_groups")

    assert sorted(migration.ROLE_NAMES) == sorted(rol.value for rol in Rol)
    assert set(Group.objects.values_list("name", flat=True)) >= set(migration.ROLE_NAMES)
