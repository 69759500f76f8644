import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from django_htmx.http import HttpResponseClientRedirect

from accounts.rechten import profiel
from accounts.selectors import user_has_staff_role


def mfa_verplicht(user) -> bool:
    """Whether REQUIRE_MFA_FOR_STAFF applies to ``user``: every staff role, and
    anyone with access to the Django admin (``is_staff``) or every permission
    (``is_superuser``), with or without a platform role."""
    return user_has_staff_role(user) or user.is_superuser


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
        if not mfa_verplicht(user):
            return False
        return not profiel(user).totp


# Session keys of StaffIdleTimeoutMiddleware: when this staff session last did something.
LAATST_ACTIEF = "_laatst_actief"
# Write the time at most once a minute, not on every request.
_STEMPEL_INTERVAL = 60


def activiteit_bij_inloggen(sender, request, user, **kwargs) -> None:
    """Start the idle clock at login, so the first request after it writes no session."""
    if request is not None and hasattr(request, "session") and mfa_verplicht(user):
        request.session[LAATST_ACTIEF] = int(time.time())


class StaffIdleTimeoutMiddleware:
    """Log staff out after ``STAFF_IDLE_TIMEOUT`` seconds without a request.

    Staff sessions open internal information; one left open on a shared
    computer should not stay usable all day (ASVS 3.3.2). Residents and
    partners keep the normal session length (``SESSION_COOKIE_AGE``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and mfa_verplicht(user):
            nu = int(time.time())
            laatst = request.session.get(LAATST_ACTIEF)
            if laatst is not None and nu - laatst > settings.STAFF_IDLE_TIMEOUT:
                return self._uitloggen(request)
            if laatst is None or nu - laatst >= _STEMPEL_INTERVAL:
                request.session[LAATST_ACTIEF] = nu
        return self.get_response(request)

    def _uitloggen(self, request):
        logout(request)  # flushes the session: the old key is gone server-side
        messages.info(
            request,
            _(
                "You were logged out because you were inactive for %(minutes)d minutes."
                " Log in again to continue."
            )
            % {"minutes": settings.STAFF_IDLE_TIMEOUT // 60},
        )
        volgende = request.get_full_path() if request.method == "GET" else "/"
        url = f"{reverse('account_login')}?{urlencode({'next': volgende})}"
        if request.htmx:
            return HttpResponseClientRedirect(url)
        return redirect(url)
