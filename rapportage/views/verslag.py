"""The participatieverslag in the browser (issue 9 point 3): the same content as the
PDF, for one round or one opgave, with a link to request the PDF.

Who may read it: ``rapportage.permissions.can_view_about`` for a participatieverslag
(officials and the opgave's role holders); anyone else gets 404, an anonymous
visitor the login page. The per-input list is paginated; htmx swaps only that list.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from opgaven.models import Opgave
from participatie.models import Ronde
from participatie.selectors import auteursnamen_zetten
from rapportage.bouwers.participatie import verslag_context, verslag_ophalen
from rapportage.models import Soort
from rapportage.permissions import can_request, can_view_about

PER_PAGINA = 50


def _pagina(request: HttpRequest, *, parameter: str, onderwerp) -> HttpResponse:
    if not can_view_about(request.user, Soort.PARTICIPATIE, onderwerp):
        raise Http404
    verslag = verslag_ophalen(**{parameter: onderwerp})
    pagina = Paginator(verslag.inbreng, PER_PAGINA).get_page(request.GET.get("pagina"))
    pagina.object_list = auteursnamen_zetten(pagina.object_list)
    context = {
        "pagina": pagina,
        "rijen": pagina.object_list,
        "toon_ronde": verslag.ronde is None,
        "verslag": verslag,
    }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "rapportage/participatieverslag.html#inbreng", context)
    context.update(verslag_context(verslag))
    context["aanvragen_url"] = (
        reverse("rapportage:aanvragen")
        + "?"
        + urlencode({"soort": Soort.PARTICIPATIE.value, parameter: onderwerp.slug})
    )
    context["kan_aanvragen"] = can_request(request.user, Soort.PARTICIPATIE, onderwerp)
    return render(request, "rapportage/participatieverslag.html", context)


@require_GET
@login_required
@vary_on_headers("HX-Request")
def participatieverslag_ronde(request: HttpRequest, slug: str) -> HttpResponse:
    ronde = Ronde.objects.select_related("opgave").filter(slug=slug).first()
    if ronde is None:
        raise Http404
    return _pagina(request, parameter="ronde", onderwerp=ronde)


@require_GET
@login_required
@vary_on_headers("HX-Request")
def participatieverslag_opgave(request: HttpRequest, slug: str) -> HttpResponse:
    opgave = Opgave.objects.filter(slug=slug).first()
    if opgave is None:
        raise Http404
    return _pagina(request, parameter="opgave", onderwerp=opgave)


urlpatterns = [
    path(
        "participatieverslag/ronde/<slug:slug>/",
        participatieverslag_ronde,
        name="participatieverslag_ronde",
    ),
    path(
        "participatieverslag/opgave/<slug:slug>/",
        participatieverslag_opgave,
        name="participatieverslag_opgave",
    ),
]
