from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from allauth.mfa.models import Authenticator

from accounts.selectors import user_has_staff_role

# Paths a staff user without MFA may still open: setting up MFA itself,
# logging out, switching language, static files and the health check.
_ALLOWED_PREFIXES = ("/accounts/2fa/", "/accounts/logout/", "/i18n/", "/static/", "/health/")


class RequireStaffMfaMiddleware:
    """Send staff users without TOTP to the MFA set-up page (REQUIRE_MFA_FOR_STAFF)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up_mfa(request):
            messages.warning(
                request,
                _("Your role requires two-step verification. Set up an authenticator app first."),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _must_set_up_mfa(self, request) -> bool:
        if not settings.REQUIRE_MFA_FOR_STAFF:
            return False
        user = request.user
        if not user.is_authenticated or request.path.startswith(_ALLOWED_PREFIXES):
            return False
        if not user_has_staff_role(user):
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
