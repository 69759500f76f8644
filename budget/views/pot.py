"""The budget tab of an opgave: the pot's totals, contributions and allocations,
and opening and configuring the pot (issue 5 points 4 and 10)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from budget import grafieken
from budget.forms import fout_tonen
from budget.forms.pot import PotForm
from budget.models import Budgetpot
from budget.permissions import BudgetRechten, budget_rechten, check
from budget.selectors import pot_overzicht, pot_van
from budget.services import pot_aanmaken, pot_bijwerken
from budget.views.toewijzingen import toewijzingen_lijst
from opgaven.views.werkruimte import Werkruimte, werkruimte_openen

TAB = "budget"
RAPPORT_AANVRAGEN = "rapportage.add_rapport"


def pot_context(
    werkruimte: Werkruimte, pot: Budgetpot | None, rechten: BudgetRechten, **extra: Any
) -> dict[str, Any]:
    """Everything the budget page shows, in a fixed number of queries."""
    context: dict[str, Any] = {"pot": pot, "rechten": rechten}
    if pot is not None:
        overzicht = pot_overzicht(pot)
        bijdragen = overzicht.bijdragen
        for bijdrage in bijdragen:
            bijdrage.kan_ontvangen = rechten.kan_ontvangen(bijdrage)
            bijdrage.kan_intrekken = rechten.kan_intrekken(bijdrage)
        context.update(
            overzicht=overzicht,
            bijdragen=bijdragen,
            rij_acties=any(b.kan_ontvangen or b.kan_intrekken for b in bijdragen),
            toewijzingen=toewijzingen_lijst(pot, rechten),
            grafiek_partners=grafieken.bijdragen_per_partner(overzicht.partners)
            if overzicht.partners
            else None,
            grafiek_acties=grafieken.acties_toegewezen_besteed(overzicht.acties)
            if overzicht.acties
            else None,
        )
    return werkruimte.context(**context, **extra)


@require_http_methods(["GET"])
@login_required
def pot(request: HttpRequest, slug: str) -> HttpResponse:
    werkruimte = werkruimte_openen(request, slug, TAB)
    budgetpot = pot_van(werkruimte.opgave)
    rechten = budget_rechten(request.user, werkruimte.opgave, budgetpot)
    # The link to request a budgetverantwoording of this pot: what
    # rapportage.permissions.can_request(user, Soort.BUDGET, pot) answers (the pot is
    # readable and the user may request reports), without computing the rights twice.
    kan_verantwoording = (
        budgetpot is not None and rechten.kan_bekijken and request.user.has_perm(RAPPORT_AANVRAGEN)
    )
    context = pot_context(werkruimte, budgetpot, rechten, kan_verantwoording=kan_verantwoording)
    return render(request, "budget/pot.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def pot_nieuw(request: HttpRequest, slug: str) -> HttpResponse:
    werkruimte = werkruimte_openen(request, slug, TAB)
    opgave = werkruimte.opgave
    bestaand = pot_van(opgave)
    check(budget_rechten(request.user, opgave, bestaand).kan_beheren)
    if bestaand is not None:
        messages.info(
            request,
            _("This opgave already has a budget pot: “%(naam)s”. You can change its settings.")
            % {"naam": bestaand.naam},
        )
        return redirect("budget:pot", slug=slug)
    form = PotForm(request.POST if request.method == "POST" else None, opgave=opgave)
    if form.is_valid():
        try:
            nieuw = pot_aanmaken(opgave=opgave, **form.cleaned_data)
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(
                request, _("The budget pot “%(naam)s” has been opened.") % {"naam": nieuw.naam}
            )
            return redirect("budget:pot", slug=slug)
    context = werkruimte.context(form=form, pot=None)
    return render(request, "budget/pot_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@login_required
def pot_bewerken(request: HttpRequest, slug: str) -> HttpResponse:
    werkruimte = werkruimte_openen(request, slug, TAB)
    opgave = werkruimte.opgave
    budgetpot = pot_van(opgave)
    check(budget_rechten(request.user, opgave, budgetpot).kan_beheren)
    if budgetpot is None:
        raise Http404
    form = PotForm(request.POST if request.method == "POST" else None, opgave=opgave, pot=budgetpot)
    if form.is_valid():
        try:
            pot_bijwerken(pot=budgetpot, **form.cleaned_data)
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(request, _("The settings of the budget pot have been saved."))
            return redirect("budget:pot", slug=slug)
    context = werkruimte.context(form=form, pot=budgetpot)
    return render(request, "budget/pot_form.html", context, status=400 if form.errors else 200)


# Mounted under /opgaven/<slug>/budget/ by budget/urls.py.
urlpatterns = [
    path("", pot, name="pot"),
    path("nieuw/", pot_nieuw, name="pot_nieuw"),
    path("bewerken/", pot_bewerken, name="pot_bewerken"),
]
