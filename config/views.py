"""Site-wide pages: home, the accessibility and privacy statements, error pages."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.selectors import user_roles


@require_GET
def home(request):
    return render(request, "home.html", {"rollen": user_roles(request.user)})


@require_GET
def toegankelijkheid(request):
    return render(request, "pages/toegankelijkheid.html")


@require_GET
def privacy(request):
    return render(request, "pages/privacy.html")


def csrf_failure(request, reason=""):
    return render(
        request,
        "403_csrf.html",
        {"reason": _("The form has expired or was sent from another site.")},
        status=403,
    )


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
