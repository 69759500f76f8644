"""The decision log of an opgave (issue 4 point 9): read by everyone with the workspace,
kept by the role holders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opgaven.forms.besluiten import BesluitForm
from opgaven.permissions import check_can_change_opgave
from opgaven.selectors.besluiten import besluit_get, besluiten_van
from opgaven.services.besluiten import besluit_bijwerken, besluit_vastleggen
from opgaven.views.werkruimte import werkruimte_openen

TAB = "besluiten"


@require_http_methods(["GET"])
@login_required
def besluiten(request: HttpRequest, slug: str) -> HttpResponse:
    werkruimte = werkruimte_openen(request, slug, TAB)
    context = werkruimte.context(besluiten=besluiten_van(opgave=werkruimte.opgave))
    return render(request, "opgaven/besluiten/besluiten.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def besluit_nieuw(request: HttpRequest, slug: str) -> HttpResponse:
    werkruimte = werkruimte_openen(request, slug, TAB)
    check_can_change_opgave(request.user, werkruimte.opgave)
    form = BesluitForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            besluit = besluit_vastleggen(
                opgave=werkruimte.opgave, door=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The decision “%(titel)s” has been recorded.") % {"titel": besluit.titel},
            )
            return redirect("opgaven:besluiten", slug=slug)
    context = werkruimte.context(form=form, besluit=None)
    return render(
        request, "opgaven/besluiten/besluit_form.html", context, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@login_required
def besluit_bewerken(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    werkruimte = werkruimte_openen(request, slug, TAB)
    check_can_change_opgave(request.user, werkruimte.opgave)
    besluit = besluit_get(opgave=werkruimte.opgave, pk=pk)
    form = BesluitForm(request.POST if request.method == "POST" else None, besluit=besluit)
    if form.is_valid():
        try:
            besluit_bijwerken(besluit=besluit, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The decision “%(titel)s” has been saved.") % {"titel": besluit.titel}
            )
            return redirect("opgaven:besluiten", slug=slug)
    context = werkruimte.context(form=form, besluit=besluit)
    return render(
        request, "opgaven/besluiten/besluit_form.html", context, status=400 if form.errors else 200
    )


# Mounted under /opgaven/<slug>/ by opgaven/urls.py.
urlpatterns = [
    path("besluiten/", besluiten, name="besluiten"),
    path("besluiten/nieuw/", besluit_nieuw, name="besluit_nieuw"),
    path("besluiten/<int:pk>/bewerken/", besluit_bewerken, name="besluit_bewerken"),
]
