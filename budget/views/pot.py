"""The budget tab of an opgave: the pot's totals, contributions, allocations."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_http_methods

from budget.permissions import budget_rechten
from budget.selectors import pot_van
from opgaven.views.werkruimte import werkruimte_openen

TAB = "budget"


@require_http_methods(["GET"])
@login_required
def pot(request: HttpRequest, slug: str) -> HttpResponse:
    werkruimte = werkruimte_openen(request, slug, TAB)
    budgetpot = pot_van(werkruimte.opgave)
    rechten = budget_rechten(request.user, werkruimte.opgave, budgetpot)
    return render(request, "budget/pot.html", werkruimte.context(pot=budgetpot, rechten=rechten))


# Mounted under /opgaven/<slug>/budget/ by budget/urls.py.
urlpatterns = [
    path("", pot, name="pot"),
]
