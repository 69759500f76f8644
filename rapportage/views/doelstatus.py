"""The red/amber/green status of an opgave's goals, set by the regisseur.

- ``/rapportage/opgaven/<slug>/doelen/`` (``rapportage:doelstatus``): every goal of the
  opgave with its current status, explanation, who set it and when. For officials and
  the opgave's role holders (``can_view_krachtenveld``): it is the municipality's own
  judgement, as in the progress report. Partners and residents get 403.
- ``/rapportage/opgaven/<slug>/doelen/<pk>/status/`` (``rapportage:doelstatus_zetten``):
  the form for one goal, with its history. For who may change the opgave
  (``can_change_opgave``, the regisseur); other readers get 403.

Both open the opgave's workspace (``werkruimte_openen``): an opgave the user may not
see is a 404, and so is a goal of another opgave in the URL.

``overzicht_koppelingen`` gives the opgave's overview page its links to these pages and
to requesting the progress report (registered in ``RapportageConfig.ready``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from config.formulieren import fout_tonen
from opgaven.selectors.doelen import doel_get, doelenboom
from opgaven.views.werkruimte import Werkruimte, werkruimte_openen
from rapportage.forms.doelstatus import DoelstatusForm
from rapportage.models import Soort
from rapportage.permissions import can_request
from rapportage.selectors_doelstatus import laatste_statussen, statussen_van
from rapportage.services_doelstatus import doelstatus_zetten

TAB = "doelen"


def _openen(request: HttpRequest, slug: str) -> Werkruimte:
    """404 for an opgave the user may not see, 403 without the internal view."""
    werkruimte = werkruimte_openen(request, slug, TAB)
    if not werkruimte.kan_krachtenveld:
        raise PermissionDenied
    return werkruimte


def aanvraag_url(opgave) -> str:
    """The request page of the opgave's progress report."""
    query = urlencode({"soort": Soort.VOORTGANG.value, "opgave": opgave.slug})
    return f"{reverse('rapportage:aanvragen')}?{query}"


def _lijst_url(werkruimte: Werkruimte, anker: str = "") -> str:
    url = reverse("rapportage:doelstatus", kwargs={"slug": werkruimte.opgave.slug})
    return f"{url}#{anker}" if anker else url


@require_http_methods(["GET"])
@login_required
def doelstatus(request: HttpRequest, slug: str) -> HttpResponse:
    werkruimte = _openen(request, slug)
    opgave = werkruimte.opgave
    boom = doelenboom(opgave=opgave, met_indicatoren=False)
    statussen = laatste_statussen(opgave=opgave)
    regels = [(knoop, statussen.get(knoop.pk)) for knoop in boom.in_volgorde()]
    context = werkruimte.context(
        regels=regels,
        aantal_zonder=sum(1 for _knoop, status in regels if status is None),
        rapport_url=(
            aanvraag_url(opgave) if can_request(request.user, Soort.VOORTGANG, opgave) else ""
        ),
    )
    return render(request, "rapportage/doelstatus.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def doelstatus_zetten_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    werkruimte = _openen(request, slug)
    if not werkruimte.kan_bewerken:
        raise PermissionDenied
    doel = doel_get(opgave=werkruimte.opgave, pk=pk)
    geschiedenis = list(statussen_van(doel=doel))
    huidig = geschiedenis[0] if geschiedenis else None
    initial = {"kleur": huidig.kleur, "toelichting": huidig.toelichting} if huidig else {}
    form = DoelstatusForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            doelstatus_zetten(doel=doel, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            fout_tonen(form, fout)
        else:
            messages.success(
                request, _("The status of “%(titel)s” has been saved.") % {"titel": doel.titel}
            )
            return redirect(_lijst_url(werkruimte, f"doel-{doel.pk}"))
    context = werkruimte.context(
        doel=doel,
        form=form,
        huidig=huidig,
        geschiedenis=geschiedenis,
        terug=_lijst_url(werkruimte, f"doel-{doel.pk}"),
    )
    return render(
        request,
        "rapportage/doelstatus_zetten.html",
        context,
        status=400 if form.errors else 200,
    )


def overzicht_koppelingen(request: HttpRequest, werkruimte: Werkruimte) -> list[dict[str, str]]:
    """The links of reporting on the opgave's overview page, for who may use them.

    Computed once per page from the rights the workspace already read, plus the verb
    ``rapportage.add_rapport`` (from the user's permission cache)."""
    opgave = werkruimte.opgave
    koppelingen = []
    if can_request(request.user, Soort.VOORTGANG, opgave):
        koppelingen.append({"label": _("Make a progress report"), "url": aanvraag_url(opgave)})
    if werkruimte.kan_krachtenveld:
        koppelingen.append(
            {
                "label": _("Status per goal (red, amber, green)"),
                "url": reverse("rapportage:doelstatus", kwargs={"slug": opgave.slug}),
            }
        )
    return koppelingen


urlpatterns = [
    path("opgaven/<slug:slug>/doelen/", doelstatus, name="doelstatus"),
    path(
        "opgaven/<slug:slug>/doelen/<int:pk>/status/",
        doelstatus_zetten_view,
        name="doelstatus_zetten",
    ),
]
