"""Streamed exports as CSV and XLSX (issue 9 point 7). (Helper "exports".)

- ``/rapportage/export/ronde/<slug>/inbreng.<csv|xlsx>``: a round's input, for the
  round's owners (``can_manage_ronde``);
- ``/rapportage/export/ronde/<slug>/deelnemers.<csv|xlsx>``: its participants, personal
  data, only for the round's owners (``can_export_deelnemers``); every download is
  logged (``Exportregistratie``);
- ``/rapportage/export/opgave/<slug>/acties.<csv|xlsx>``: the actions of the opgave's
  current plan, for whoever sees its workspace (``can_view_werkruimte``).

A round or opgave the user may not see is a 404 (the scoped selectors), a visible one
they may not export a 403. Memory stays flat whatever the number of rows: CSV is a
``StreamingHttpResponse`` over the rows as they come from the database; XLSX is
written in openpyxl's write-only mode into a temporary file on disk, which
``FileResponse`` then sends in blocks (``config.spreadsheets``).
"""

from __future__ import annotations

import tempfile

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from config.spreadsheets import csv_stroom, xlsx_schrijven
from opgaven.permissions import can_view_werkruimte
from opgaven.selectors.werkruimte import opgave_werkruimte_get
from participatie.permissions import can_manage_ronde
from participatie.selectors import ronde_get
from rapportage.permissions import can_export_deelnemers, check
from rapportage.selectors_exports import (
    Export,
    acties_export,
    deelnemers_export,
    inbreng_export,
)
from rapportage.services_exports import export_registreren

FORMATEN = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _formaat(formaat: str) -> str:
    if formaat not in FORMATEN:
        raise Http404
    return formaat


def bestandsnaam(wat: str, slug: str, formaat: str) -> str:
    """``inbreng-samen-tegen-eenzaamheid-2026-11-28.csv``: what, about what, today."""
    return f"{wat}-{slug}-{timezone.localdate():%Y-%m-%d}.{formaat}"


def bestand(export: Export, formaat: str, naam: str) -> HttpResponse:
    """The export as a download: CSV streamed row by row, XLSX from a temporary file."""
    if formaat == "csv":
        response: HttpResponse = StreamingHttpResponse(
            csv_stroom(export.koppen, export.rijen), content_type=FORMATEN["csv"]
        )
        response["Content-Disposition"] = f'attachment; filename="{naam}"'
    else:
        uit = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
        try:
            xlsx_schrijven(
                uit,
                export.blad,
                export.koppen,
                export.rijen,
                breedtes=export.breedtes,
                euro_kolommen=export.euro_kolommen,
            )
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


@require_http_methods(["GET"])
@login_required
def export_inbreng(request: HttpRequest, slug: str, formaat: str) -> HttpResponse:
    formaat = _formaat(formaat)
    ronde = ronde_get(user=request.user, slug=slug)
    check(can_manage_ronde(request.user, ronde))
    return bestand(inbreng_export(ronde), formaat, bestandsnaam("inbreng", ronde.slug, formaat))


@require_http_methods(["GET"])
@login_required
def export_deelnemers(request: HttpRequest, slug: str, formaat: str) -> HttpResponse:
    formaat = _formaat(formaat)
    ronde = ronde_get(user=request.user, slug=slug)
    check(can_export_deelnemers(request.user, ronde))
    export_registreren(door=request.user, ronde=ronde, wat="deelnemers", formaat=formaat)
    return bestand(
        deelnemers_export(ronde), formaat, bestandsnaam("deelnemers", ronde.slug, formaat)
    )


@require_http_methods(["GET"])
@login_required
def export_acties(request: HttpRequest, slug: str, formaat: str) -> HttpResponse:
    formaat = _formaat(formaat)
    opgave = opgave_werkruimte_get(user=request.user, slug=slug)
    check(can_view_werkruimte(request.user, opgave))
    return bestand(acties_export(opgave), formaat, bestandsnaam("acties", opgave.slug, formaat))


urlpatterns = [
    path(
        "export/ronde/<slug:slug>/inbreng.<str:formaat>",
        export_inbreng,
        name="export_inbreng",
    ),
    path(
        "export/ronde/<slug:slug>/deelnemers.<str:formaat>",
        export_deelnemers,
        name="export_deelnemers",
    ),
    path(
        "export/opgave/<slug:slug>/acties.<str:formaat>",
        export_acties,
        name="export_acties",
    ),
]
