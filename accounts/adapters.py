import time

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator

from accounts.middleware import mfa_verplicht
from accounts.roles import Rol
from accounts.services import user_grant_role
from config.clientip import client_ip
from meldingen.services import Soort, notify


class AccountAdapter(DefaultAccountAdapter):
    """Self-registration is for residents: everyone who signs up becomes an inwoner.

    Officials, partners and advisers get their role from a beheerder (admin).
    """

    # allauth's wording, made clearer where residents get stuck.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "incorrect_code": _(
            "This code is not correct. Check the code in the e-mail and try again."
        ),
        "rate_limited": _("You have tried this too often. Wait a few minutes and try again."),
    }

    def get_client_ip(self, request: HttpRequest) -> str:
        """The address allauth's rate limits count per IP (``login_failed``, ``login``, ...).

        The same proxy-aware address as everywhere else (``TRUSTED_PROXY_COUNT``),
        so a forged ``X-Forwarded-For`` cannot dodge a lockout; and unlike
        allauth's own, a short header falls back to ``REMOTE_ADDR`` instead of
        failing the request.
        """
        return client_ip(request)

    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "ACCOUNT_ALLOW_SIGNUP", True)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user_grant_role(user=user, rol=Rol.INWONER)
        return user

    def confirm_email(self, request, email_address) -> bool:
        """Welcome a person once their address is verified, not before.

        Mailing an unverified address would let anyone send our welcome to a
        stranger. The unique key (ontvanger, soort, no object, no dedupe) makes
        it one welcome per person, however often an address is confirmed.
        """
        with transaction.atomic():
            verified = super().confirm_email(request, email_address)
            if verified:
                notify(
                    ontvangers=[email_address.user],
                    soort=Soort.WELKOM,
                    context={"gemeente": settings.GEMEENTE_NAAM},
                )
        return verified

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """No second password prompt right after logging in.

        allauth asks to re-authenticate before adding a second factor, even
        when the password was typed a minute ago, which is exactly what a
        staff user sent to set up TOTP just did. A login within allauth's
        re-authentication window counts as recent enough.
        """
        request = context.request
        if request is not None and _logged_in_recently(request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)


def _logged_in_recently(request: HttpRequest) -> bool:
    if not request.user.is_authenticated:
        return False
    records = get_authentication_records(request, request.user)
    if not records:
        return False
    return time.time() - records[-1]["at"] < allauth_settings.REAUTHENTICATION_TIMEOUT


class MFAAdapter(DefaultMFAAdapter):
    """Two-factor authentication: clearer messages, and staff cannot switch TOTP off
    while ``REQUIRE_MFA_FOR_STAFF`` holds (RequireStaffMfaMiddleware would only
    send them straight back to set it up again)."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _(
            "This code is not correct. Enter the code your authenticator app shows now."
        ),
        "cannot_delete_authenticator": _(
            "Your role requires two-factor authentication, so you cannot switch it off."
        ),
    }

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        if authenticator.type != Authenticator.Type.TOTP:
            return True
        return not (settings.REQUIRE_MFA_FOR_STAFF and mfa_verplicht(authenticator.user))


def new_session_key_after_adding_a_factor(sender, request=None, **kwargs) -> None:
    """A new session key once a second factor is added (``authenticator_added``).

    The session now carries more trust than before: a key someone learned
    earlier (fixation) must not inherit it. Django already does this at login.
    """
    if request is not None and hasattr(request, "session"):
        request.session.cycle_key()
