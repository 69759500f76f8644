"""Allocations from the pot to actions, the funders' answers, and expenses (issue 5.6, 5.7).

Every view opens the workspace (404/403 for the opgave), then the opgave's pot
(404 when it has none), then the allocation within that pot (another pot's id
is a 404), and only then asks ``budget_rechten`` (403 when the user may not).
The money itself is checked by ``budget.services`` under the pot's lock; its
refusal (the shortfall, a decided allocation) comes back as a form error.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from budget.forms import fout_tonen
from budget.forms.toewijzingen import BeoordelenForm, ToewijzingForm, UitgaveForm
from budget.models import Budgetpot, Goedkeuring, Toewijzing
from budget.permissions import BudgetRechten, budget_rechten, check
from budget.selectors import pot_van
from budget.services import (
    toewijzing_afsluiten,
    toewijzing_beantwoorden,
    toewijzing_intrekken,
    toewijzing_voorstellen,
    uitgave_boeken,
)
from opgaven.views.werkruimte import Werkruimte, werkruimte_openen

TAB = "budget"


@dataclass
class Budget:
    werkruimte: Werkruimte
    pot: Budgetpot
    rechten: BudgetRechten

    def context(self, **extra):
        return self.werkruimte.context(pot=self.pot, rechten=self.rechten, **extra)


def pot_openen(request: HttpRequest, slug: str) -> tuple[Werkruimte, Budgetpot]:
    """The workspace (404 when the opgave is invisible, 403 without the workspace) and
    the opgave's pot (404 without one). Whoever opens the workspace may read the pot
    (``BudgetRechten.kan_bekijken``)."""
    werkruimte = werkruimte_openen(request, slug, TAB)
    pot = pot_van(werkruimte.opgave)
    if pot is None:
        raise Http404
    return werkruimte, pot


def budget_openen(request: HttpRequest, slug: str) -> Budget:
    """``pot_openen`` plus the user's rights on the pot."""
    werkruimte, pot = pot_openen(request, slug)
    return Budget(werkruimte, pot, budget_rechten(request.user, werkruimte.opgave, pot))


def _toewijzing(pot: Budgetpot, pk: int) -> Toewijzing:
    """An allocation of this pot: another pot's allocation is a 404."""
    return get_object_or_404(
        Toewijzing.objects.select_related("actie", "voorgesteld_door"), pot=pot, pk=pk
    )


def toewijzingen_lijst(pot: Budgetpot, rechten: BudgetRechten) -> list[Toewijzing]:
    """The pot's allocations for ``_lijst.html``, oldest first, in two queries.

    Each carries its funders' answers (``goedkeuringen.all``, with the
    organisations) and what ``rechten`` allows on it: ``kan_beoordelen``,
    ``kan_intrekken``, ``kan_afsluiten``, ``kan_besteden``.
    """
    toewijzingen = list(
        Toewijzing.objects.filter(pot=pot)
        .select_related("actie")
        .prefetch_related(
            Prefetch(
                "goedkeuringen",
                queryset=Goedkeuring.objects.select_related("organisatie").order_by(
                    "organisatie__naam", "pk"
                ),
            )
        )
        .order_by("voorgesteld_op", "pk")
    )
    for toewijzing in toewijzingen:
        _rechten_aanhangen(toewijzing, rechten)
    return toewijzingen


def _rechten_aanhangen(toewijzing: Toewijzing, rechten: BudgetRechten) -> None:
    toewijzing.kan_beoordelen = any(
        rechten.kan_beantwoorden(goedkeuring, toewijzing)
        for goedkeuring in toewijzing.goedkeuringen.all()
    )
    toewijzing.kan_intrekken = rechten.kan_toewijzing_intrekken(toewijzing)
    toewijzing.kan_afsluiten = rechten.kan_afsluiten(toewijzing)
    toewijzing.kan_besteden = rechten.kan_besteden(toewijzing)


def _status(form, status: int = 400) -> int:
    return status if form.errors else 200


# --- Propose --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def toewijzing_nieuw(request: HttpRequest, slug: str) -> HttpResponse:
    budget = budget_openen(request, slug)
    check(budget.rechten.kan_voorstellen())
    form = ToewijzingForm(
        request.POST if request.method == "POST" else None, opgave=budget.werkruimte.opgave
    )
    if form.is_valid():
        try:
            toewijzing = toewijzing_voorstellen(
                pot=budget.pot,
                actie=form.cleaned_data["actie"],
                bedrag=form.cleaned_data["bedrag"],
                toelichting=form.cleaned_data["toelichting"],
                door=request.user,
            )
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(
                request,
                _(
                    "The allocation for “%(actie)s” has been proposed. The funders have been "
                    "asked to approve it."
                )
                % {"actie": toewijzing.actie.titel},
            )
            return redirect("budget:toewijzing", slug=slug, pk=toewijzing.pk)
    budget.pot.refresh_from_db()  # what is free now, also after a refusal
    return render(
        request,
        "budget/toewijzingen/toewijzing_form.html",
        budget.context(form=form),
        status=_status(form),
    )


# --- Detail ---------------------------------------------------------------------------


@require_http_methods(["GET"])
@login_required
def toewijzing_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    budget = budget_openen(request, slug)
    toewijzing = _toewijzing(budget.pot, pk)
    goedkeuringen = list(
        toewijzing.goedkeuringen.select_related("organisatie", "door").order_by(
            "organisatie__naam", "pk"
        )
    )
    uitgaven = list(toewijzing.uitgaven.select_related("vastgelegd_door").order_by("datum", "pk"))
    rechten = budget.rechten
    context = budget.context(
        toewijzing=toewijzing,
        goedkeuringen=goedkeuringen,
        uitgaven=uitgaven,
        kan_beoordelen=any(rechten.kan_beantwoorden(g, toewijzing) for g in goedkeuringen),
        kan_intrekken=rechten.kan_toewijzing_intrekken(toewijzing),
        kan_afsluiten=rechten.kan_afsluiten(toewijzing),
        kan_besteden=rechten.kan_besteden(toewijzing),
    )
    return render(request, "budget/toewijzingen/toewijzing_detail.html", context)


# --- A funder answers -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def toewijzing_beoordelen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A contact person approves or rejects for their organisation. Someone who is the
    contact person of several funders still to answer chooses the organisation."""
    budget = budget_openen(request, slug)
    toewijzing = _toewijzing(budget.pot, pk)
    open_voor_mij = [
        goedkeuring
        for goedkeuring in toewijzing.goedkeuringen.select_related("organisatie").order_by(
            "organisatie__naam", "pk"
        )
        if budget.rechten.kan_beantwoorden(goedkeuring, toewijzing)
    ]
    check(bool(open_voor_mij))
    per_organisatie = {g.organisatie_id: g for g in open_voor_mij}
    gekozen = request.POST.get("organisatie") if request.method == "POST" else None
    if gekozen and gekozen not in {str(org_id) for org_id in per_organisatie}:
        # Answering for an organisation one does not speak for (or that has answered).
        raise PermissionDenied
    form = BeoordelenForm(
        request.POST if request.method == "POST" else None,
        organisaties=[g.organisatie for g in open_voor_mij],
    )
    if form.is_valid():
        org_id = form.cleaned_data.get("organisatie") or open_voor_mij[0].organisatie_id
        goedkeuring = per_organisatie[org_id]
        try:
            toewijzing = toewijzing_beantwoorden(
                goedkeuring=goedkeuring,
                akkoord=form.cleaned_data["besluit"] == "akkoord",
                reden=form.cleaned_data["reden"],
                door=request.user,
            )
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(request, _antwoord_bericht(toewijzing, goedkeuring))
            return redirect("budget:toewijzing", slug=slug, pk=toewijzing.pk)
    context = budget.context(
        toewijzing=toewijzing, form=form, organisaties=[g.organisatie for g in open_voor_mij]
    )
    return render(
        request,
        "budget/toewijzingen/beoordelen.html",
        context,
        status=_status(form),
    )


def _antwoord_bericht(toewijzing: Toewijzing, goedkeuring: Goedkeuring) -> str:
    naam = {"organisatie": goedkeuring.organisatie.naam}
    if toewijzing.status == Toewijzing.Status.GOEDGEKEURD:
        return (
            _("The answer of %(organisatie)s has been recorded. The allocation is approved.") % naam
        )
    if toewijzing.status == Toewijzing.Status.AFGEWEZEN:
        return (
            _(
                "The answer of %(organisatie)s has been recorded. The allocation is rejected; "
                "the money goes back to the pot."
            )
            % naam
        )
    return (
        _(
            "The answer of %(organisatie)s has been recorded. The allocation awaits the other "
            "funders."
        )
        % naam
    )


# --- Withdraw and close ---------------------------------------------------------------


def _bevestigen(
    request: HttpRequest,
    slug: str,
    pk: int,
    *,
    mag,
    service,
    soort: str,
    bericht: str,
) -> HttpResponse:
    budget = budget_openen(request, slug)
    toewijzing = _toewijzing(budget.pot, pk)
    check(mag(budget.rechten, toewijzing))
    fout = None
    if request.method == "POST":
        try:
            service(toewijzing=toewijzing, door=request.user)
        except ValidationError as error:
            fout = " ".join(error.messages)
        else:
            messages.success(request, bericht % {"actie": toewijzing.actie.titel})
            return redirect("budget:toewijzing", slug=slug, pk=toewijzing.pk)
    context = budget.context(toewijzing=toewijzing, soort=soort, fout=fout)
    return render(
        request,
        "budget/toewijzingen/bevestigen.html",
        context,
        status=400 if fout else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def toewijzing_intrekken_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _bevestigen(
        request,
        slug,
        pk,
        mag=BudgetRechten.kan_toewijzing_intrekken,
        service=toewijzing_intrekken,
        soort="intrekken",
        bericht=_("The allocation for “%(actie)s” has been withdrawn; the money is free again."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def toewijzing_afsluiten_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _bevestigen(
        request,
        slug,
        pk,
        mag=BudgetRechten.kan_afsluiten,
        service=toewijzing_afsluiten,
        soort="afsluiten",
        bericht=_(
            "The allocation for “%(actie)s” has been closed; what was not spent is free again."
        ),
    )


# --- Expenses -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def uitgave_nieuw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    budget = budget_openen(request, slug)
    toewijzing = _toewijzing(budget.pot, pk)
    check(budget.rechten.kan_besteden(toewijzing))
    form = UitgaveForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            uitgave = uitgave_boeken(toewijzing=toewijzing, door=request.user, **form.cleaned_data)
        except ValidationError as error:
            fout_tonen(form, error)
            toewijzing.refresh_from_db()
        else:
            messages.success(
                request,
                _("The expense “%(omschrijving)s” has been recorded.")
                % {"omschrijving": uitgave.omschrijving},
            )
            return redirect("budget:toewijzing", slug=slug, pk=toewijzing.pk)
    context = budget.context(toewijzing=toewijzing, form=form)
    return render(request, "budget/toewijzingen/uitgave_form.html", context, status=_status(form))


# Mounted under /opgaven/<slug>/budget/ by budget/urls.py.
urlpatterns = [
    path("toewijzingen/nieuw/", toewijzing_nieuw, name="toewijzing_nieuw"),
    path("toewijzingen/<int:pk>/", toewijzing_detail, name="toewijzing"),
    path("toewijzingen/<int:pk>/beoordelen/", toewijzing_beoordelen, name="toewijzing_beoordelen"),
    path(
        "toewijzingen/<int:pk>/intrekken/", toewijzing_intrekken_view, name="toewijzing_intrekken"
    ),
    path(
        "toewijzingen/<int:pk>/afsluiten/", toewijzing_afsluiten_view, name="toewijzing_afsluiten"
    ),
    path("toewijzingen/<int:pk>/uitgaven/nieuw/", uitgave_nieuw, name="uitgave_nieuw"),
]
