"""The cached roles, permissions and TOTP flag per user (accounts.rechten).

What matters to a user: a role or permission granted or taken away counts on
the very next request, never a stale cached answer; and a page costs no
queries for them once they are cached.
"""

import threading

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from allauth.mfa.models import Authenticator

from accounts import rechten
from accounts.models import User
from accounts.roles import Rol
from accounts.selectors import user_roles
from accounts.services import user_grant_role, user_revoke_role
from tests.factories import UserFactory


def _vers(user: User) -> User:
    """The user as the next request loads it: a new instance, nothing memoised."""
    return User.objects.get(pk=user.pk)


@pytest.mark.django_db
def test_the_profile_is_read_from_the_cache_the_second_time():
    user = UserFactory(rollen=[Rol.AMBTENAAR], totp=True)
    eerste = rechten.profiel(_vers(user))
    tweede_user = _vers(user)
    with CaptureQueriesContext(connection) as queries:
        tweede = rechten.profiel(tweede_user)
        assert tweede_user.has_perm("opgaven.add_opgave")
        assert Rol.AMBTENAAR in user_roles(tweede_user)
    assert len(queries) == 0
    assert tweede == eerste
    assert tweede.totp
    assert "ambtenaar" in tweede.rollen


@pytest.mark.django_db
def test_a_granted_role_counts_on_the_next_request():
    user = UserFactory(rollen=[Rol.INWONER])
    assert not _vers(user).has_perm("opgaven.add_opgave")  # cached without the role
    user_grant_role(user=user, rol=Rol.AMBTENAAR)
    volgende = _vers(user)
    assert volgende.has_perm("opgaven.add_opgave")
    assert Rol.AMBTENAAR in user_roles(volgende)


@pytest.mark.django_db
def test_a_revoked_role_is_gone_on_the_next_request():
    user = UserFactory(rollen=[Rol.AMBTENAAR])
    assert _vers(user).has_perm("opgaven.add_opgave")
    user_revoke_role(user=user, rol=Rol.AMBTENAAR)
    volgende = _vers(user)
    assert not volgende.has_perm("opgaven.add_opgave")
    assert Rol.AMBTENAAR not in user_roles(volgende)


@pytest.mark.django_db
def test_adding_a_user_from_the_group_side_counts_too():
    user = UserFactory(rollen=[Rol.INWONER])
    assert not _vers(user).has_perm("opgaven.add_opgave")
    Group.objects.get(name=Rol.AMBTENAAR.value).user_set.add(user)
    assert _vers(user).has_perm("opgaven.add_opgave")


@pytest.mark.django_db
def test_a_permission_given_to_a_group_counts_for_its_members():
    user = UserFactory(rollen=[Rol.INWONER])
    assert not _vers(user).has_perm("opgaven.delete_opgave")
    groep = Group.objects.get(name=Rol.INWONER.value)
    groep.permissions.add(Permission.objects.get(codename="delete_opgave"))
    assert _vers(user).has_perm("opgaven.delete_opgave")


@pytest.mark.django_db
def test_a_deactivated_or_promoted_user_is_seen_at_once():
    user = UserFactory(rollen=[Rol.INWONER])
    assert not _vers(user).has_perm("opgaven.delete_opgave")
    User.objects.filter(pk=user.pk).update(is_superuser=True)  # no signal: the stamp sees it
    assert _vers(user).has_perm("opgaven.delete_opgave")
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert not _vers(user).has_perm("opgaven.delete_opgave")


@pytest.mark.django_db
def test_removing_the_authenticator_app_sends_staff_back_to_the_set_up(client, settings):
    settings.REQUIRE_MFA_FOR_STAFF = True
    user = UserFactory(rollen=[Rol.AMBTENAAR], totp=True)
    client.force_login(user)
    assert client.get(reverse("opgaven:list")).status_code == 200
    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    response = client.get(reverse("opgaven:list"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_a_profile_read_before_a_change_is_never_used_after_it(monkeypatch):
    """The race: a request reads the old roles from the database, the role change
    commits and marks the profile out of date, and only THEN the request writes
    its (old) profile to the cache. The next request must not use it."""
    user = UserFactory(rollen=[Rol.INWONER])
    echte_laden = rechten._laden

    def laden_en_intussen_toekennen(u):
        oud = echte_laden(u)  # the old roles, read from the database
        user_grant_role(user=user, rol=Rol.AMBTENAAR)  # the change lands meanwhile
        return oud

    monkeypatch.setattr(rechten, "_laden", laden_en_intussen_toekennen)
    assert "ambtenaar" not in rechten.profiel(_vers(user)).rollen  # wrote the old profile
    monkeypatch.setattr(rechten, "_laden", echte_laden)
    assert "ambtenaar" in rechten.profiel(_vers(user)).rollen


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_and_a_committed_grant_end_with_the_new_role():
    """On PostgreSQL, threads read the profile while another commits a role grant;
    every read after the commit sees the role."""
    user = UserFactory(rollen=[Rol.INWONER])
    na_commit: list[bool] = []
    fouten: list[BaseException] = []
    toegekend = threading.Event()
    stoppen = threading.Event()

    def lezer():
        try:
            while not stoppen.is_set():
                was_toegekend = toegekend.is_set()
                heeft = "ambtenaar" in rechten.profiel(_vers(user)).rollen
                if was_toegekend:
                    na_commit.append(heeft)
        except BaseException as fout:  # pragma: no cover - reported below
            fouten.append(fout)
        finally:
            connection.close()

    lezers = [threading.Thread(target=lezer) for _ in range(3)]
    for thread in lezers:
        thread.start()
    user_grant_role(user=user, rol=Rol.AMBTENAAR)  # autocommit: committed on return
    toegekend.set()
    while len(na_commit) < 30 and not fouten:
        threading.Event().wait(0.01)
    stoppen.set()
    for thread in lezers:
        thread.join()
    assert not fouten
    assert na_commit and all(na_commit)
