"""accounts.adapters: who may switch two-factor authentication off.

(Sign-up as inwoner and the clearer code messages are tested with the flows.)
"""

from django.urls import reverse

import pytest
from allauth.mfa.models import Authenticator

from accounts.adapters import MFAAdapter
from accounts.roles import Rol
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def totp_of(user):
    return Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)


def test_staff_cannot_switch_totp_off_while_it_is_required(settings):
    settings.REQUIRE_MFA_FOR_STAFF = True
    ambtenaar = UserFactory(rollen=[Rol.AMBTENAAR], totp=True)

    assert MFAAdapter().can_delete_authenticator(totp_of(ambtenaar)) is False


def test_staff_can_when_it_is_not_required(settings):
    settings.REQUIRE_MFA_FOR_STAFF = False
    ambtenaar = UserFactory(rollen=[Rol.AMBTENAAR], totp=True)

    assert MFAAdapter().can_delete_authenticator(totp_of(ambtenaar)) is True


def test_residents_always_can(settings):
    settings.REQUIRE_MFA_FOR_STAFF = True
    inwoner = UserFactory(rollen=[Rol.INWONER], totp=True)

    assert MFAAdapter().can_delete_authenticator(totp_of(inwoner)) is True


def test_the_deactivate_page_tells_staff_why_not(client, settings):
    settings.REQUIRE_MFA_FOR_STAFF = True
    ambtenaar = UserFactory(rollen=[Rol.AMBTENAAR], totp=True)
    client.force_login(ambtenaar)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    response = client.post(reverse("mfa_deactivate_totp"))

    assert response.status_code == 200
    assert "Voor je rol is twee-factor-authenticatie verplicht." in response.content.decode()
    assert totp_of(ambtenaar)
