"""The pot's ledger (issue 5.9, 5.10): a page, newest first, and exports as CSV and XLSX.

Whoever sees the workspace reads the ledger and downloads it
(``BudgetRechten.kan_bekijken`` is exactly that, so ``werkruimte_openen`` decides
and no further rights are fetched); the rows are
appended by ``budget.services`` only and the database refuses to change them,
so there is no view that edits or deletes a row.
"""

from __future__ import annotations

import tempfile

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_http_methods

from budget.exports import bestandsnaam, csv_regels, xlsx_schrijven_naar
from budget.models import Boeking
from budget.views.toewijzingen import pot_openen

BOEKINGEN_PER_PAGINA = 50
FORMATEN = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@require_http_methods(["GET"])
@login_required
def grootboek(request: HttpRequest, slug: str) -> HttpResponse:
    werkruimte, pot = pot_openen(request, slug)
    boekingen = (
        Boeking.objects.filter(pot=pot)
        .select_related("door", "organisatie")
        .order_by("-volgnummer")
    )
    pagina = Paginator(boekingen, BOEKINGEN_PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(request, "budget/grootboek.html", werkruimte.context(pot=pot, pagina=pagina))


@require_http_methods(["GET"])
@login_required
def grootboek_export(request: HttpRequest, slug: str, formaat: str) -> HttpResponse:
    if formaat not in FORMATEN:
        raise Http404
    _werkruimte, pot = pot_openen(request, slug)
    naam = bestandsnaam(pot, formaat)
    if formaat == "csv":
        response = StreamingHttpResponse(csv_regels(pot), content_type=FORMATEN["csv"])
        response["Content-Disposition"] = f'attachment; filename="{naam}"'
    else:
        # Written to disk in write-only mode, then sent in blocks: memory stays flat.
        uit = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
        try:
            xlsx_schrijven_naar(pot, uit)
        except BaseException:
            uit.close()
            raise
        uit.seek(0)
        response = FileResponse(
            uit, as_attachment=True, filename=naam, content_type=FORMATEN["xlsx"]
        )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Mounted under /opgaven/<slug>/budget/ by budget/urls.py.
urlpatterns = [
    path("grootboek/", grootboek, name="grootboek"),
    path("grootboek/export.<str:formaat>", grootboek_export, name="grootboek_export"),
]
