"""The portfolio dashboard (``/rapportage/``): every opgave with its phase, RAG
status, budget use, participation and overdue commitments, for officials.

The filters are a plain GET form; with htmx a change fetches only the results
(``#resultaten``: the table, its pages and the two charts), without JavaScript
the button submits it. Every figure comes from ``rapportage.selectors_portfolio``:
the page costs the same number of queries however many opgaven there are.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from django_htmx.middleware import HtmxDetails

from rapportage import grafieken_portfolio, selectors_portfolio
from rapportage.forms.portfolio import PortfolioFilterForm
from rapportage.models import Soort
from rapportage.permissions import can_view_about, check

OPGAVEN_PER_PAGINA = 25


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@login_required
@require_http_methods(["GET"])
@vary_on_headers("HX-Request")
def portfolio(request: HtmxHttpRequest) -> HttpResponse:
    check(can_view_about(request.user, Soort.PORTFOLIO, None))
    form = PortfolioFilterForm(request.GET)
    gefilterd = selectors_portfolio.opgaven_gefilterd(**form.filters())
    pagina = Paginator(selectors_portfolio.met_kengetallen(gefilterd), OPGAVEN_PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    # The RAG status as words, next to its colour.
    pagina.object_list = list(pagina.object_list)
    for opgave in pagina.object_list:
        opgave.rag_label = selectors_portfolio.rag_label(opgave.rag)
    fasen = selectors_portfolio.opgaven_per_fase(gefilterd) if pagina.object_list else []
    budget = selectors_portfolio.budget_top(gefilterd) if pagina.object_list else []
    htmx = bool(request.htmx) and not request.htmx.history_restore_request
    context = {
        "form": form,
        "pagina": pagina,
        "is_gefilterd": form.is_gefilterd(),
        "htmx": htmx,
        "fasen": fasen,
        "fasen_grafiek": grafieken_portfolio.fasen_grafiek(fasen) if fasen else None,
        "rag_koppen": [
            (kleur, selectors_portfolio.rag_label(kleur))
            for kleur in selectors_portfolio.RAG_VOLGORDE
        ],
        "fasen_totalen": [
            sum(rij.per_rag[kleur] for rij in fasen) for kleur in selectors_portfolio.RAG_VOLGORDE
        ],
        "fasen_totaal": sum(rij.totaal for rij in fasen),
        "budget": budget,
        "budget_grafiek": grafieken_portfolio.budget_grafiek(budget) if budget else None,
        "activiteit_dagen": selectors_portfolio.ACTIVITEIT_DAGEN,
    }
    template = "rapportage/portfolio.html"
    if htmx:
        template += "#resultaten"
    return render(request, template, context)


urlpatterns = [path("", portfolio, name="portfolio")]
