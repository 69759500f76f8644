"""The result of a participatory budget, its exports, and the voting-code letters.

- **Result** (``uitslag``): public like the round (a draft is a 404 through
  ``selectors_begroting.begroting_get``). Before the result is known it is a
  page that says so, with the last day of voting. Afterwards: turnout, votes per
  proposal per (sub-)budget with rank, cost and chosen yes/no in words, what was
  chosen against the budget, the tie rule, a chart with the table as its
  accessible alternative, and how far each winner is.
- **Exports** (``uitslag_csv``, ``uitslag_pabulib``): public once the result is
  known, 404 before (``participatie.exports_begroting`` describes the formats).
- **Voting codes** (``stemcodes``): for the officials who manage the round
  (``can_manage_ronde``; others 403, anonymous visitors to the login page). A
  POST makes the codes and answers with the ZIP of letters and CSV: the codes
  are shown this once, never again.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, path, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from config.formulieren import fout_tonen
from participatie import exports_begroting, stemcodebrieven
from participatie.forms.stemcodes import StemcodesForm
from participatie.grafieken_begroting import stemmen_grafiek
from participatie.models import Begroting, Stemcode
from participatie.permissions import can_manage_ronde, check
from participatie.policies import uitslag_bekend
from participatie.selectors_begroting import begroting_get
from participatie.selectors_uitslag import uitslag_van
from participatie.services_begroting import MAX_CODES_PER_KEER, stemcodes_maken


def url_of_leeg(naam: str, **kwargs) -> str:
    """The URL of ``naam``, or "" while the page does not exist (another part of the
    participatory budget that is built separately)."""
    try:
        return reverse(naam, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def _bestand(inhoud: bytes | str, content_type: str, naam: str) -> HttpResponse:
    response = HttpResponse(inhoud, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- The result page ------------------------------------------------------------------------


@require_http_methods(["GET"])
def uitslag(request: HttpRequest, slug: str) -> HttpResponse:
    begroting = begroting_get(user=request.user, slug=slug)
    ronde = begroting.ronde
    context = {
        "ronde": ronde,
        "begroting": begroting,
        "begroting_url": url_of_leeg("participatie:begroting", slug=slug),
    }
    if not uitslag_bekend(begroting):
        context["kan_beheren"] = can_manage_ronde(request.user, ronde)
        return render(request, "participatie/uitslag/nog_geen_uitslag.html", context)
    resultaat = uitslag_van(begroting)
    for pot in resultaat.potten:
        pot.grafiek = stemmen_grafiek(
            [(rij.voorstel.titel, rij.voorstel.aantal_stemmen, rij.gekozen) for rij in pot.rijen]
        )
        for rij in pot.rijen:
            rij.url = url_of_leeg("participatie:voorstel", slug=slug, pk=rij.voorstel.pk)
    context.update(uitslag=resultaat)
    return render(request, "participatie/uitslag/uitslag.html", context)


# --- Exports --------------------------------------------------------------------------------


def _bekende_uitslag(request: HttpRequest, slug: str) -> Begroting:
    begroting = begroting_get(user=request.user, slug=slug)
    if not uitslag_bekend(begroting):
        raise Http404
    return begroting


@require_http_methods(["GET"])
def uitslag_csv(request: HttpRequest, slug: str) -> HttpResponse:
    begroting = _bekende_uitslag(request, slug)
    return _bestand(
        exports_begroting.uitslag_csv(begroting),
        "text/csv; charset=utf-8",
        exports_begroting.bestandsnaam(begroting, "csv"),
    )


@require_http_methods(["GET"])
def uitslag_pabulib(request: HttpRequest, slug: str) -> HttpResponse:
    begroting = _bekende_uitslag(request, slug)
    return _bestand(
        exports_begroting.pabulib(begroting).encode("utf-8"),
        "text/plain; charset=utf-8",
        exports_begroting.bestandsnaam(begroting, "pb"),
    )


# --- Voting codes ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def stemcodes(request: HttpRequest, slug: str) -> HttpResponse:
    """How many codes exist and are used; make new ones as a ZIP of letters and CSV."""
    begroting = begroting_get(user=request.user, slug=slug)
    check(can_manage_ronde(request.user, begroting.ronde))
    form = StemcodesForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            # The letters are the only copy of the codes: no letters, no codes.
            with transaction.atomic():
                codes = stemcodes_maken(begroting=begroting, aantal=form.cleaned_data["aantal"])
                inhoud = stemcodebrieven.stemcodes_zip(begroting, codes)
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            response = _bestand(inhoud, "application/zip", stemcodebrieven.zip_naam(begroting))
            response["Cache-Control"] = "private, no-store"
            return response
    aantallen = Stemcode.objects.filter(begroting=begroting).aggregate(
        totaal=Count("id"), gebruikt=Count("id", filter=Q(gebruikt_op__isnull=False))
    )
    context = {
        "ronde": begroting.ronde,
        "begroting": begroting,
        "form": form,
        "aantal_codes": aantallen["totaal"],
        "aantal_gebruikt": aantallen["gebruikt"],
        "aantal_ongebruikt": aantallen["totaal"] - aantallen["gebruikt"],
        "max_codes": MAX_CODES_PER_KEER,
        "kan_maken": begroting.fase
        in {Begroting.Fase.INDIENEN, Begroting.Fase.HAALBAARHEID, Begroting.Fase.STEMMEN},
        "begroting_url": url_of_leeg("participatie:begroting", slug=slug),
    }
    status = 400 if form.errors else 200
    return render(request, "participatie/uitslag/stemcodes.html", context, status=status)


urlpatterns = [
    path("<slug:slug>/uitslag/", uitslag, name="uitslag"),
    path("<slug:slug>/uitslag.csv", uitslag_csv, name="uitslag_csv"),
    path("<slug:slug>/uitslag.pb", uitslag_pabulib, name="uitslag_pabulib"),
    path("<slug:slug>/stemcodes/", stemcodes, name="stemcodes"),
]
