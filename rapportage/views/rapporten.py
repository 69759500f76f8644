"""Requesting a report, following its progress, downloading it, trying again.

The progress page polls ``voortgang`` with htmx every two seconds while the job
is waiting or being made; the answer for a finished job has no trigger, so the
polling stops by itself. The status sits in a polite live region: a screen reader
hears "ready" or the error once, not every percent.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.formulieren import fout_tonen
from rapportage import services
from rapportage.forms.aanvraag import AanvraagForm
from rapportage.models import Rapport
from rapportage.onderwerpen import aanvraag_kwargs, onderwerp_uit, soort_uit
from rapportage.permissions import can_request, can_retry, can_view_about, check
from rapportage.selectors import rapport_get, rapporten_van

PER_PAGINA = 25


@login_required
@require_GET
def rapporten(request: HttpRequest) -> HttpResponse:
    """The reports the user asked for (and the scheduled ones of opgaven they sponsor)."""
    pagina = Paginator(rapporten_van(request.user), PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(request, "rapportage/rapporten.html", {"pagina": pagina})


@login_required
@require_http_methods(["GET", "POST"])
def aanvragen(request: HttpRequest) -> HttpResponse:
    """Ask for a report of ``?soort=`` about the subject in the query string
    (``rapportage.onderwerpen``)."""
    # The subject travels in the query string, and in hidden fields of the form.
    waarden = request.POST if request.method == "POST" else request.GET
    soort = soort_uit(waarden)
    parameter, onderwerp = onderwerp_uit(soort, waarden)
    if not can_view_about(request.user, soort, onderwerp):
        raise Http404
    check(can_request(request.user, soort, onderwerp))
    form = AanvraagForm(request.POST or None, soort=soort)
    if request.method == "POST" and form.is_valid():
        try:
            rapport = services.rapport_aanvragen(
                door=request.user,
                soort=soort,
                formaat=form.cleaned_data["formaat"],
                periode_van=form.cleaned_data.get("periode_van"),
                periode_tot=form.cleaned_data.get("periode_tot"),
                **aanvraag_kwargs(parameter, onderwerp),
            )
        except ValidationError as fout:
            fout_tonen(form, fout)
        else:
            messages.success(
                request,
                _(
                    "Your report is being made. You can leave this page: you will get a "
                    "notification when it is ready."
                ),
            )
            return redirect("rapportage:rapport", pk=rapport.pk)
    return render(
        request,
        "rapportage/aanvragen.html",
        {
            "form": form,
            "soort": soort,
            "soort_label": soort.label,
            "onderwerp": onderwerp,
            "parameter": parameter,
            "waarde": waarden.get(parameter) if parameter else "",
        },
        status=400 if form.errors else 200,
    )


def _status_context(request: HttpRequest, rapport: Rapport) -> dict:
    return {"rapport": rapport, "kan_opnieuw": can_retry(request.user, rapport)}


@login_required
@require_GET
def rapport(request: HttpRequest, pk: int) -> HttpResponse:
    rapport = rapport_get(user=request.user, pk=pk)
    return render(request, "rapportage/rapport.html", _status_context(request, rapport))


@login_required
@require_GET
def voortgang(request: HttpRequest, pk: int) -> HttpResponse:
    """The status fragment the progress page polls."""
    rapport = rapport_get(user=request.user, pk=pk)
    return render(request, "rapportage/rapport.html#status", _status_context(request, rapport))


@login_required
@require_GET
def download(request: HttpRequest, pk: int) -> HttpResponse:
    """The file, after the permission check; 404 while it is not ready or after it expired."""
    rapport = rapport_get(user=request.user, pk=pk)
    if rapport.status != Rapport.Status.KLAAR or not rapport.bestand:
        raise Http404
    try:
        bestand = rapport.bestand.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(bestand, as_attachment=True, filename=rapport.bestandsnaam)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def opnieuw(request: HttpRequest, pk: int) -> HttpResponse:
    rapport = rapport_get(user=request.user, pk=pk)
    check(can_retry(request.user, rapport))
    try:
        services.rapport_opnieuw(rapport=rapport)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(request, _("We are trying again to make your report."))
    return redirect("rapportage:rapport", pk=rapport.pk)


urlpatterns = [
    path("rapporten/", rapporten, name="rapporten"),
    path("rapporten/aanvragen/", aanvragen, name="aanvragen"),
    path("rapporten/<int:pk>/", rapport, name="rapport"),
    path("rapporten/<int:pk>/voortgang/", voortgang, name="voortgang"),
    path("rapporten/<int:pk>/download/", download, name="download"),
    path("rapporten/<int:pk>/opnieuw/", opnieuw, name="opnieuw"),
]
