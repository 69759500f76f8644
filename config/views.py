"""Site-wide pages: home, the accessibility and privacy statements, error pages."""

import datetime

from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_GET

from accounts.roles import Rol
from accounts.selectors import user_roles
from opgaven.selectors.krachtenveld import toezeggingen_verlopen
from partners.selectors import organisaties_van

# When the statements were last changed; update with every change to their text.
PRIVACY_BIJGEWERKT = datetime.date(2026, 11, 28)
TOEGANKELIJKHEID_OPGESTELD = datetime.date(2026, 11, 27)


@require_GET
def home(request):
    rollen = user_roles(request.user)
    is_ambtenaar = Rol.AMBTENAAR in rollen
    is_partner = Rol.PARTNER in rollen
    return render(
        request,
        "home.html",
        {
            "rollen": rollen,
            "is_inwoner": Rol.INWONER in rollen,
            "is_ambtenaar": is_ambtenaar,
            "is_partner": is_partner,
            "is_adviseur": Rol.ADVISEUR in rollen,
            "is_beheerder": Rol.BEHEERDER in rollen,
            "kan_opgave_starten": request.user.has_perm("opgaven.add_opgave"),
            "kan_beheren": request.user.is_active and request.user.is_staff,
            # Officials see the commitments they own whose deadline has passed.
            "verlopen_toezeggingen": (
                list(toezeggingen_verlopen(user=request.user)) if is_ambtenaar else []
            ),
            # A partner who works for an organisation starts from "Mijn organisatie".
            "mijn_organisaties": (
                list(organisaties_van(user=request.user).order_by("naam")) if is_partner else []
            ),
        },
    )


@require_GET
def toegankelijkheid(request):
    return render(request, "pages/toegankelijkheid.html", {"opgesteld": TOEGANKELIJKHEID_OPGESTELD})


@require_GET
def privacy(request):
    return render(request, "pages/privacy.html", {"bijgewerkt": PRIVACY_BIJGEWERKT})


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a Dutch page with a way forward; the reason is logged by Django."""
    return render(request, "403_csrf.html", status=403)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Render the 500 page from a plain context: no request, no context processors.

    Whatever broke (the database, a context processor, the session) must not
    break the error page as well.
    """
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"gemeente_naam": settings.GEMEENTE_NAAM}))
