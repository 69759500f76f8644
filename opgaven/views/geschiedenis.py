"""Every recorded change to an opgave and its parts, newest first (issue 4 point 10)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_http_methods

from opgaven.selectors.geschiedenis import geschiedenis_van
from opgaven.views.werkruimte import werkruimte_openen


@require_http_methods(["GET"])
@login_required
def geschiedenis(request: HttpRequest, slug: str) -> HttpResponse:
    werkruimte = werkruimte_openen(request, slug, "geschiedenis")
    pagina = geschiedenis_van(opgave=werkruimte.opgave, pagina=_paginanummer(request))
    if not pagina.bestaat:
        raise Http404
    return render(
        request, "opgaven/geschiedenis/geschiedenis.html", werkruimte.context(pagina=pagina)
    )


def _paginanummer(request: HttpRequest) -> int:
    """The page asked for in ``?pagina=``; the first page when it is missing or not a number."""
    waarde = request.GET.get("pagina", "")
    return int(waarde) if waarde.isdecimal() and 0 < len(waarde) < 7 else 1


# Mounted under /opgaven/<slug>/ by opgaven/urls.py.
urlpatterns = [
    path("geschiedenis/", geschiedenis, name="geschiedenis"),
]
