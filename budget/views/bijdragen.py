"""Contributions to an opgave's pot (issue 5 point 5): record, confirm receipt, withdraw.

The kassier's contact persons record for every involved organisation and
confirm receipts; a contact person of a funder records and withdraws for their
own organisation. Money changes only through ``budget.services``; a refusal is
shown on the form with status 400 and changes nothing.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from budget.bedragen import euro
from budget.forms import fout_tonen
from budget.forms.bijdragen import BijdrageForm, IntrekkenForm
from budget.models import Bijdrage, Budgetpot
from budget.permissions import BudgetRechten, budget_rechten, check
from budget.selectors import bijdrage_get, pot_van
from budget.services import bijdrage_intrekken, bijdrage_ontvangen, bijdrage_toevoegen
from budget.views.pot import TAB, pot_context
from opgaven.selectors.plan import betrokken_organisaties
from opgaven.views.werkruimte import Werkruimte, werkruimte_openen


def _openen(request: HttpRequest, slug: str) -> tuple[Werkruimte, Budgetpot, BudgetRechten]:
    """The workspace, its pot (404 when there is none) and the user's rights."""
    werkruimte = werkruimte_openen(request, slug, TAB)
    pot = pot_van(werkruimte.opgave)
    if pot is None:
        raise Http404
    return werkruimte, pot, budget_rechten(request.user, werkruimte.opgave, pot)


def _organisaties(werkruimte: Werkruimte, rechten: BudgetRechten):
    """The involved organisations the user may record a contribution for."""
    betrokken = betrokken_organisaties(opgave=werkruimte.opgave)
    if rechten.is_kassier:
        return betrokken
    return betrokken.filter(pk__in=rechten.contact_voor)


@require_http_methods(["GET", "POST"])
@login_required
def bijdrage_nieuw(request: HttpRequest, slug: str) -> HttpResponse:
    werkruimte, pot, rechten = _openen(request, slug)
    check(rechten.kan_bijdragen())
    form = BijdrageForm(
        request.POST if request.method == "POST" else None,
        organisaties=_organisaties(werkruimte, rechten),
        is_kassier=rechten.is_kassier,
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            bijdrage = bijdrage_toevoegen(
                pot=pot,
                organisatie=data["organisatie"],
                soort=data["soort"],
                waarde=data["waarde"],
                uren=data["uren"],
                uurtarief=data["uurtarief"],
                omschrijving=data["omschrijving"],
                ontvangen=data.get("ontvangen", False),
                door=request.user,
            )
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(
                request,
                _("The contribution of %(organisatie)s (%(waarde)s) has been recorded.")
                % {"organisatie": bijdrage.organisatie, "waarde": euro(bijdrage.waarde)},
            )
            return redirect("budget:pot", slug=slug)
    context = werkruimte.context(form=form, pot=pot, rechten=rechten)
    return render(
        request, "budget/bijdragen/bijdrage_form.html", context, status=400 if form.errors else 200
    )


@require_POST
@login_required
def bijdrage_ontvangen_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    werkruimte, pot, rechten = _openen(request, slug)
    bijdrage = bijdrage_get(pot=pot, pk=pk)
    check(rechten.bewerkbaar and rechten.is_kassier)
    try:
        bijdrage_ontvangen(bijdrage=bijdrage, door=request.user)
    except ValidationError as error:
        fout = forms.Form(data={})
        fout.is_valid()
        fout_tonen(fout, error)
        pot.refresh_from_db()
        context = pot_context(werkruimte, pot, rechten, fout_form=fout)
        return render(request, "budget/pot.html", context, status=400)
    messages.success(
        request,
        _("The contribution of %(organisatie)s (%(waarde)s) has been marked as received.")
        % {"organisatie": bijdrage.organisatie, "waarde": euro(bijdrage.waarde)},
    )
    return redirect("budget:pot", slug=slug)


@require_http_methods(["GET", "POST"])
@login_required
def bijdrage_intrekken_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    werkruimte, pot, rechten = _openen(request, slug)
    bijdrage = bijdrage_get(pot=pot, pk=pk)
    check(rechten.mag_bijdragen_voor(bijdrage.organisatie_id))
    form = IntrekkenForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            bijdrage_intrekken(bijdrage=bijdrage, door=request.user, **form.cleaned_data)
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(
                request,
                _("The contribution of %(organisatie)s (%(waarde)s) has been withdrawn.")
                % {"organisatie": bijdrage.organisatie, "waarde": euro(bijdrage.waarde)},
            )
            return redirect("budget:pot", slug=slug)
    context = werkruimte.context(
        form=form,
        pot=pot,
        bijdrage=bijdrage,
        ingetrokken=bijdrage.status == Bijdrage.Status.INGETROKKEN,
    )
    return render(
        request,
        "budget/bijdragen/bijdrage_intrekken.html",
        context,
        status=400 if form.errors else 200,
    )


# Mounted under /opgaven/<slug>/budget/ by budget/urls.py.
urlpatterns = [
    path("bijdragen/nieuw/", bijdrage_nieuw, name="bijdrage_nieuw"),
    path("bijdragen/<int:pk>/ontvangen/", bijdrage_ontvangen_view, name="bijdrage_ontvangen"),
    path("bijdragen/<int:pk>/intrekken/", bijdrage_intrekken_view, name="bijdrage_intrekken"),
]
