"""The plan van aanpak: versions, actions and the partners' consent (issue 4 points 8, 11).

Role holders write a draft, submit it for consent and make new versions.
Contact persons of the organisations asked answer for their organisation on
the plan page; members of an action's lead organisation update its status.
Older versions stay readable at ``plan/v<versie>/``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from opgaven.forms.plan import ActieForm, ActieStatusForm, InstemmingForm, PlanForm
from opgaven.models import Actie, Instemming, PlanVanAanpak
from opgaven.permissions import (
    check_can_answer_instemming,
    check_can_change_actie_status,
    check_can_change_opgave,
)
from opgaven.policies import opgave_is_bewerkbaar
from opgaven.selectors.plan import (
    actie_get,
    acties_van,
    betrokken_organisaties,
    instemming_get,
    instemmingen_van,
    plan_get,
    plannen_van,
)
from opgaven.services import plan as services
from opgaven.views.werkruimte import Werkruimte, werkruimte_openen

TAB = "plan"


# --- The plan page -------------------------------------------------------------------


@require_http_methods(["GET"])
@login_required
def plan(request: HttpRequest, slug: str) -> HttpResponse:
    """The newest version of the plan, with the forms for what this user may do."""
    return _render_plan(request, werkruimte_openen(request, slug, TAB))


@require_http_methods(["GET"])
@login_required
def plan_versie(request: HttpRequest, slug: str, versie: int) -> HttpResponse:
    """One version of the plan; an older one is read-only."""
    return _render_plan(request, werkruimte_openen(request, slug, TAB), versie=versie)


def _render_plan(
    request: HttpRequest,
    werkruimte: Werkruimte,
    *,
    versie: int | None = None,
    fout_form: forms.Form | None = None,
    status_forms: dict[int, ActieStatusForm] | None = None,
    instemming_forms: dict[int, InstemmingForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The plan page. A form with errors comes back bound, with an error summary on top.

    Queries do not grow with the number of actions or organisations: the
    versions, the actions (with trekker, goal, the uitvoerders' names and whether
    the user works for the trekker) and the consents (with whether the user is
    a contact person of the organisation) are one query each; a draft adds one
    for role holders: the organisations that would be asked.
    """
    opgave = werkruimte.opgave
    plannen = plannen_van(opgave=opgave)
    huidig = plannen[0] if plannen else None
    plan = huidig
    if versie is not None:
        plan = next((p for p in plannen if p.versie == versie), None)
        if plan is None:
            raise Http404
    is_huidig = plan is not None and plan is huidig
    kan_bewerken = werkruimte.kan_bewerken
    context: dict[str, Any] = {
        "plan": plan,
        "plannen": plannen,
        "huidig": huidig,
        "is_huidig": is_huidig,
        "fout_form": fout_form,
        "kan_aanmaken": kan_bewerken and huidig is None,
    }
    if plan is not None:
        _plan_context(
            request,
            werkruimte,
            plan,
            is_huidig=is_huidig,
            context=context,
            status_forms=status_forms or {},
            instemming_forms=instemming_forms or {},
        )
    return render(request, "opgaven/plan/plan.html", werkruimte.context(**context), status=status)


def _plan_context(
    request: HttpRequest,
    werkruimte: Werkruimte,
    plan: PlanVanAanpak,
    *,
    is_huidig: bool,
    context: dict[str, Any],
    status_forms: dict[int, ActieStatusForm],
    instemming_forms: dict[int, InstemmingForm],
) -> None:
    acties = list(acties_van(plan=plan, user=request.user))
    instemmingen = list(instemmingen_van(plan=plan, user=request.user))
    # Rights per row, from the selectors' annotations: the rules of
    # permissions.can_change_actie_status and can_answer_instemming (tests check they agree).
    levend = is_huidig and opgave_is_bewerkbaar(werkruimte.opgave)
    for actie in acties:
        actie.kan_status = levend and (werkruimte.kan_bewerken or actie.trekker_lid)
        if actie.kan_status:
            actie.status_form = status_forms.get(actie.pk) or ActieStatusForm(
                initial={"status": actie.status}, auto_id=f"actie-{actie.pk}-%s"
            )
    ter_instemming = plan.status == PlanVanAanpak.Status.TER_INSTEMMING
    mijn_instemmingen = []
    for instemming in instemmingen:
        if (
            levend
            and ter_instemming
            and instemming.besluit == Instemming.Besluit.OPEN
            and instemming.is_contactpersoon
        ):
            instemming.form = instemming_forms.get(instemming.pk) or InstemmingForm(
                auto_id=f"instemming-{instemming.pk}-%s"
            )
            mijn_instemmingen.append(instemming)
    telling = dict.fromkeys(Instemming.Besluit.values, 0)
    for instemming in instemmingen:
        telling[instemming.besluit] += 1

    concept = plan.status == PlanVanAanpak.Status.CONCEPT
    kan_concept = werkruimte.kan_bewerken and is_huidig and concept
    context.update(
        acties=acties,
        instemmingen=instemmingen,
        mijn_instemmingen=mijn_instemmingen,
        aantal_ingestemd=telling[Instemming.Besluit.INGESTEMD],
        aantal_bezwaar=telling[Instemming.Besluit.BEZWAAR],
        aantal_open=telling[Instemming.Besluit.OPEN],
        kan_concept_bewerken=kan_concept,
        kan_nieuwe_versie=werkruimte.kan_bewerken and is_huidig and not concept,
        kan_status_wijzigen=any(actie.kan_status for actie in acties),
        # Who will be asked: the organisations involved now.
        te_vragen=list(betrokken_organisaties(opgave=werkruimte.opgave)) if kan_concept else [],
    )


def _fout_form(error: ValidationError) -> forms.Form:
    """An empty form carrying ``error``, for the error summary of a button without fields."""
    form = forms.Form(data={})
    form.is_valid()
    form.add_error(None, error)
    return form


# --- Plan: create, edit, submit, new version (role holders) ---------------------------


@require_http_methods(["POST"])
@login_required
def plan_aanmaken(request: HttpRequest, slug: str) -> HttpResponse:
    werkruimte = werkruimte_openen(request, slug, TAB)
    check_can_change_opgave(request.user, werkruimte.opgave)
    try:
        services.plan_aanmaken(opgave=werkruimte.opgave)
    except ValidationError as error:
        return _render_plan(request, werkruimte, fout_form=_fout_form(error), status=400)
    messages.success(
        request, _("Version 1 of the plan of action has been started. Add its actions.")
    )
    return redirect("opgaven:plan", slug=slug)


@require_http_methods(["GET", "POST"])
@login_required
def plan_bewerken(request: HttpRequest, slug: str, versie: int) -> HttpResponse:
    werkruimte = werkruimte_openen(request, slug, TAB)
    check_can_change_opgave(request.user, werkruimte.opgave)
    plan = plan_get(opgave=werkruimte.opgave, versie=versie)
    if request.method == "POST":
        form = PlanForm(request.POST)
        if form.is_valid():
            try:
                services.plan_bijwerken(plan=plan, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The summary of the plan has been saved."))
                return redirect("opgaven:plan", slug=slug)
    else:
        form = PlanForm(initial={"samenvatting": plan.samenvatting})
    context = werkruimte.context(plan=plan, form=form)
    status = 400 if form.errors else 200
    return render(request, "opgaven/plan/plan_form.html", context, status=status)


@require_http_methods(["POST"])
@login_required
def plan_voorleggen(request: HttpRequest, slug: str, versie: int) -> HttpResponse:
    """Submit the draft for consent to every involved organisation."""
    werkruimte = werkruimte_openen(request, slug, TAB)
    check_can_change_opgave(request.user, werkruimte.opgave)
    plan = plan_get(opgave=werkruimte.opgave, versie=versie)
    try:
        instemmingen = services.plan_ter_instemming_voorleggen(plan=plan, door=request.user)
    except ValidationError as error:
        return _render_plan(request, werkruimte, fout_form=_fout_form(error), status=400)
    messages.success(
        request,
        ngettext(
            "The plan has been submitted for consent. The contact persons of "
            "%(aantal)s organisation have been asked to answer.",
            "The plan has been submitted for consent. The contact persons of "
            "%(aantal)s organisations have been asked to answer.",
            len(instemmingen),
        )
        % {"aantal": len(instemmingen)},
    )
    return redirect("opgaven:plan", slug=slug)


@require_http_methods(["POST"])
@login_required
def plan_nieuwe_versie(request: HttpRequest, slug: str, versie: int) -> HttpResponse:
    """Start the next version from this one; this one stays readable as it is."""
    werkruimte = werkruimte_openen(request, slug, TAB)
    check_can_change_opgave(request.user, werkruimte.opgave)
    plan = plan_get(opgave=werkruimte.opgave, versie=versie)
    try:
        nieuw = services.plan_nieuwe_versie(plan=plan)
    except ValidationError as error:
        return _render_plan(request, werkruimte, fout_form=_fout_form(error), status=400)
    messages.success(
        request,
        _("Version %(versie)s has been started as a draft, with the actions of version %(vorige)s.")
        % {"versie": nieuw.versie, "vorige": plan.versie},
    )
    return redirect("opgaven:plan", slug=slug)


# --- Actions -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def actie_nieuw(request: HttpRequest, slug: str, versie: int) -> HttpResponse:
    werkruimte = werkruimte_openen(request, slug, TAB)
    check_can_change_opgave(request.user, werkruimte.opgave)
    plan = plan_get(opgave=werkruimte.opgave, versie=versie)
    form = ActieForm(request.POST if request.method == "POST" else None, opgave=werkruimte.opgave)
    if form.is_valid():
        try:
            actie = services.actie_toevoegen(plan=plan, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The action “%(titel)s” has been added.") % {"titel": actie.titel}
            )
            return redirect("opgaven:plan", slug=slug)
    return _render_actie_form(request, werkruimte, plan=plan, form=form)


@require_http_methods(["GET", "POST"])
@login_required
def actie_bewerken(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    werkruimte = werkruimte_openen(request, slug, TAB)
    check_can_change_opgave(request.user, werkruimte.opgave)
    actie = actie_get(opgave=werkruimte.opgave, pk=pk)
    form = ActieForm(
        request.POST if request.method == "POST" else None, opgave=werkruimte.opgave, actie=actie
    )
    if form.is_valid():
        try:
            services.actie_bijwerken(actie=actie, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The action “%(titel)s” has been saved.") % {"titel": actie.titel}
            )
            return redirect("opgaven:plan", slug=slug)
    return _render_actie_form(request, werkruimte, plan=actie.plan, form=form, actie=actie)


def _render_actie_form(
    request: HttpRequest,
    werkruimte: Werkruimte,
    *,
    plan: PlanVanAanpak,
    form: ActieForm,
    actie: Actie | None = None,
) -> HttpResponse:
    context = werkruimte.context(plan=plan, form=form, actie=actie)
    status = 400 if form.errors else 200
    return render(request, "opgaven/plan/actie_form.html", context, status=status)


@require_http_methods(["POST"])
@login_required
def actie_verwijderen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    werkruimte = werkruimte_openen(request, slug, TAB)
    check_can_change_opgave(request.user, werkruimte.opgave)
    actie = actie_get(opgave=werkruimte.opgave, pk=pk)
    try:
        services.actie_verwijderen(actie=actie)
    except ValidationError as error:
        return _render_plan(request, werkruimte, fout_form=_fout_form(error), status=400)
    messages.success(
        request, _("The action “%(titel)s” has been removed.") % {"titel": actie.titel}
    )
    return redirect("opgaven:plan", slug=slug)


@require_http_methods(["POST"])
@login_required
def actie_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Role holders and members of the action's lead organisation update its status."""
    werkruimte = werkruimte_openen(request, slug, TAB)
    actie = actie_get(opgave=werkruimte.opgave, pk=pk)
    check_can_change_actie_status(request.user, actie)
    form = ActieStatusForm(request.POST, auto_id=f"actie-{actie.pk}-%s")
    if form.is_valid():
        try:
            services.actie_status_wijzigen(actie=actie, status=form.cleaned_data["status"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The status of “%(titel)s” is now: %(status)s.")
                % {"titel": actie.titel, "status": Actie.Status(actie.status).label},
            )
            return redirect("opgaven:plan", slug=slug)
    return _render_plan(
        request, werkruimte, fout_form=form, status_forms={actie.pk: form}, status=400
    )


# --- Consent (partner contact persons) ------------------------------------------------


@require_http_methods(["POST"])
@login_required
def instemming(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A contact person consents or objects for their organisation."""
    werkruimte = werkruimte_openen(request, slug, TAB)
    gevraagd = instemming_get(opgave=werkruimte.opgave, pk=pk)
    check_can_answer_instemming(request.user, gevraagd)
    form = InstemmingForm(request.POST, auto_id=f"instemming-{gevraagd.pk}-%s")
    if form.is_valid():
        try:
            beantwoord = services.instemming_beantwoorden(
                instemming=gevraagd, door=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _antwoord_bericht(beantwoord))
            return redirect("opgaven:plan", slug=slug)
    return _render_plan(
        request, werkruimte, fout_form=form, instemming_forms={gevraagd.pk: form}, status=400
    )


def _antwoord_bericht(instemming: Instemming) -> str:
    naam = {"organisatie": instemming.organisatie.naam}
    if instemming.besluit == Instemming.Besluit.BEZWAAR:
        return (
            _(
                "The objection of %(organisatie)s has been recorded. The opgave's team has been "
                "told, with your reason."
            )
            % naam
        )
    if instemming.plan.status == PlanVanAanpak.Status.VASTGESTELD:
        return (
            _(
                "%(organisatie)s consents. Every organisation has now consented: "
                "the plan has been adopted."
            )
            % naam
        )
    return _("%(organisatie)s consents. Thank you for your answer.") % naam


# Mounted under /opgaven/<slug>/ by opgaven/urls.py.
urlpatterns = [
    path("plan/", plan, name="plan"),
    path("plan/aanmaken/", plan_aanmaken, name="plan_aanmaken"),
    path("plan/v<int:versie>/", plan_versie, name="plan_versie"),
    path("plan/v<int:versie>/bewerken/", plan_bewerken, name="plan_bewerken"),
    path("plan/v<int:versie>/voorleggen/", plan_voorleggen, name="plan_voorleggen"),
    path("plan/v<int:versie>/nieuwe-versie/", plan_nieuwe_versie, name="plan_nieuwe_versie"),
    path("plan/v<int:versie>/acties/nieuw/", actie_nieuw, name="actie_nieuw"),
    path("plan/acties/<int:pk>/bewerken/", actie_bewerken, name="actie_bewerken"),
    path("plan/acties/<int:pk>/verwijderen/", actie_verwijderen, name="actie_verwijderen"),
    path("plan/acties/<int:pk>/status/", actie_status, name="actie_status"),
    path("plan/instemmingen/<int:pk>/", instemming, name="instemming"),
]
