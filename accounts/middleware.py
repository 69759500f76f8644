from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from allauth.mfa.models import Authenticator
from django_htmx.http import HttpResponseClientRedirect

from accounts.selectors import user_has_staff_role


def _open_paths() -> tuple[str, ...]:
    """Path prefixes a staff user without MFA may still open."""
    return (
        reverse("mfa_index"),  # /accounts/2fa/: TOTP set-up, recovery codes
        reverse("account_reauthenticate"),  # allauth asks for it before activating TOTP
        reverse("account_logout"),
        reverse("set_language"),
        reverse("health"),
        settings.STATIC_URL,
    )


class RequireStaffMfaMiddleware:
    """Send staff users without TOTP to the TOTP set-up page (REQUIRE_MFA_FOR_STAFF).

    Residents and partners are never stopped. An htmx request gets an
    HX-Redirect, so the browser loads the set-up page instead of swapping it
    into a fragment.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up_mfa(request):
            messages.warning(
                request,
                _(
                    "Your role gives access to internal information, so your account needs"
                    " two-factor authentication. Set up an authenticator app to continue."
                ),
            )
            url = reverse("mfa_activate_totp")
            if request.htmx:
                return HttpResponseClientRedirect(url)
            return redirect(url)
        return self.get_response(request)

    def _must_set_up_mfa(self, request) -> bool:
        if not settings.REQUIRE_MFA_FOR_STAFF:
            return False
        user = request.user
        if not user.is_authenticated or request.path.startswith(_open_paths()):
            return False
        if not user_has_staff_role(user):
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
