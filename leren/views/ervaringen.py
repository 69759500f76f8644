"""Learning entries, development plans and progress: the learner's side of /leren/.
(Helper "ervaringen".)

Only people who log their learning (officials and advisers, ``permissions.can_log``)
use these pages: anyone else gets 403, an anonymous visitor is sent to log in.
Everything here is the user's own; an entry someone shared with them is read through
``selectors.leerervaring_get``. An object the user may not read is a 404; an entry
they may read but not change (a coach, a team member) is a 403 on its edit pages.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from django_htmx.middleware import HtmxDetails

from config.formulieren import fout_tonen
from leren import grafieken, selectors_leerder, services
from leren.forms import (
    NIVEAUS,
    ZICHTBAARHEID_UITLEG,
    DoelForm,
    DoelVoortgangForm,
    LeerervaringForm,
    PlanForm,
    TijdlijnFilterForm,
    ZelfbeoordelingForm,
)
from leren.models import Leerervaring, Ontwikkeldoel, Ontwikkelplan, Voortgangsmeting
from leren.permissions import can_edit_ervaring, can_give_feedback, can_log, check
from leren.selectors import actiepunten_open, leerervaring_get
from leren.selectors_leerder import PERIODES, STANDAARD_PERIODE

ERVARINGEN_PER_PAGINA = 20
Door = Voortgangsmeting.Door


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def leerder(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Log in first; then only who logs their learning (``can_log``), else 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        check(can_log(request.user))
        return view(request, *args, **kwargs)

    return login_required(wrapper)


def _status(form) -> int:
    return 400 if form.errors else 200


# --- Timeline and dashboard -----------------------------------------------------------------


@require_http_methods(["GET"])
@vary_on_headers("HX-Request")
@leerder
def tijdlijn(request: HtmxHttpRequest) -> HttpResponse:
    """The user's own entries, newest first, with filters and pages."""
    form = TijdlijnFilterForm(request.GET)
    ervaringen = selectors_leerder.tijdlijn(user=request.user, **form.filters())
    pagina = Paginator(ervaringen, ERVARINGEN_PER_PAGINA).get_page(request.GET.get("pagina"))
    htmx = bool(request.htmx) and not request.htmx.history_restore_request
    context = {
        "form": form,
        "pagina": pagina,
        "is_gefilterd": form.is_gefilterd(),
        "htmx": htmx,
        "actief": "tijdlijn",
    }
    template = "leren/tijdlijn.html"
    if htmx:
        template += "#resultaten"
    return render(request, template, context)


def _periode(waarde: str | None) -> int:
    try:
        maanden = int(waarde or "")
    except ValueError:
        return STANDAARD_PERIODE
    return maanden if maanden in PERIODES else STANDAARD_PERIODE


@require_http_methods(["GET"])
@leerder
def dashboard(request: HttpRequest) -> HttpResponse:
    """The 70-20-10 mix of the last 3, 6 or 12 months against the target, open action
    points from coaching, and the latest feedback."""
    vandaag = timezone.localdate()
    maanden = _periode(request.GET.get("periode"))
    mix = selectors_leerder.mix_van(user=request.user, maanden=maanden, vandaag=vandaag)
    actiepunten = list(actiepunten_open(request.user))
    for punt in actiepunten:
        punt.is_verlopen = punt.deadline is not None and punt.deadline < vandaag
    context = {
        "mix": mix,
        "grafiek": grafieken.mix_grafiek(regels=mix.regels) if mix.aantal else None,
        "periodes": PERIODES,
        "actiepunten": actiepunten,
        "feedback": selectors_leerder.recente_feedback(user=request.user),
        "actief": "dashboard",
    }
    return render(request, "leren/dashboard.html", context)


@require_POST
@leerder
def actiepunt_afronden(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner marks an action point from a coaching conversation as done."""
    punt = selectors_leerder.actiepunt_van(user=request.user, pk=pk)
    if punt.afgerond_op is None:
        services.actiepunt_afronden(actiepunt=punt)
        messages.success(request, _("Well done: “%(punt)s” is done.") % {"punt": punt.omschrijving})
    else:
        messages.info(request, _("This action point was done already."))
    return redirect("leren:dashboard")


# --- Learning entries -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@leerder
def ervaring_nieuw(request: HttpRequest) -> HttpResponse:
    form = LeerervaringForm(request.POST if request.method == "POST" else None, user=request.user)
    if form.is_valid():
        try:
            ervaring = services.leerervaring_vastleggen(
                auteur=request.user, competenties=form.cleaned_data["competenties"], **form.velden()
            )
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(request, _("Your learning entry has been saved."))
            return redirect("leren:ervaring", pk=ervaring.pk)
    context = {"form": form, "ervaring": None, "actief": "nieuw"}
    return render(request, "leren/ervaring_form.html", context, status=_status(form))


def _eigen_ervaring(request: HttpRequest, pk: int) -> Leerervaring:
    """An entry the user may change: 404 when they cannot read it, 403 when they can
    read it but it is not theirs."""
    ervaring = leerervaring_get(user=request.user, pk=pk)
    check(can_edit_ervaring(request.user, ervaring))
    return ervaring


@require_http_methods(["GET"])
@leerder
def ervaring(request: HttpRequest, pk: int) -> HttpResponse:
    """One entry with its STARR fields, competences and feedback thread. The coach of
    the author adds feedback with the form the coaching pages provide."""
    ervaring = leerervaring_get(user=request.user, pk=pk)
    is_eigen = ervaring.auteur_id == request.user.pk
    is_coach = (
        not is_eigen
        and ervaring.zichtbaarheid != "prive"
        and services.is_coach_van(request.user, ervaring.auteur)
    )
    context = {
        "ervaring": ervaring,
        "competenties": list(ervaring.competenties.all()),
        "feedback_lijst": selectors_leerder.feedback_bij(ervaring=ervaring),
        "is_eigen": is_eigen,
        "kan_bewerken": can_edit_ervaring(request.user, ervaring),
        "kan_feedback": can_give_feedback(request.user, ervaring, is_coach_van_auteur=is_coach),
        "toon_opgave": is_eigen
        or selectors_leerder.opgave_zichtbaar(user=request.user, opgave_id=ervaring.opgave_id),
        "zichtbaarheid_uitleg": ZICHTBAARHEID_UITLEG[ervaring.zichtbaarheid],
        "actief": "tijdlijn" if is_eigen else None,
    }
    return render(request, "leren/ervaring_detail.html", context)


@require_http_methods(["GET", "POST"])
@leerder
def ervaring_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    ervaring = _eigen_ervaring(request, pk)
    form = LeerervaringForm(
        request.POST if request.method == "POST" else None, user=request.user, ervaring=ervaring
    )
    if form.is_valid():
        try:
            services.leerervaring_bijwerken(
                ervaring=ervaring, competenties=form.cleaned_data["competenties"], **form.velden()
            )
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect("leren:ervaring", pk=ervaring.pk)
    context = {"form": form, "ervaring": ervaring, "actief": "tijdlijn"}
    return render(request, "leren/ervaring_form.html", context, status=_status(form))


@require_http_methods(["GET", "POST"])
@leerder
def ervaring_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask first (GET), then delete the entry with its feedback (POST)."""
    ervaring = _eigen_ervaring(request, pk)
    if request.method == "POST":
        services.leerervaring_verwijderen(ervaring=ervaring)
        messages.success(
            request,
            _("Your learning entry “%(titel)s” has been deleted.") % {"titel": ervaring.titel},
        )
        return redirect("leren:tijdlijn")
    context = {
        "ervaring": ervaring,
        "aantal_feedback": ervaring.feedback.count(),
        "actief": "tijdlijn",
    }
    return render(request, "leren/ervaring_verwijderen.html", context)


# --- Development plans ----------------------------------------------------------------------


@require_http_methods(["GET"])
@leerder
def plannen(request: HttpRequest) -> HttpResponse:
    context = {
        "plannen": list(selectors_leerder.plannen_van(user=request.user)),
        "actief": "plannen",
    }
    return render(request, "leren/plannen.html", context)


def _plan_opslaan(
    request: HttpRequest, plan: Ontwikkelplan | None, form: PlanForm
) -> Ontwikkelplan | None:
    if not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        return services.ontwikkelplan_opslaan(
            eigenaar=request.user,
            plan=plan,
            competenties=data["competenties"],
            titel=data["titel"],
            van=data["van"],
            tot=data["tot"],
            status=data["status"],
        )
    except ValidationError as error:
        fout_tonen(form, error)
        return None


@require_http_methods(["GET", "POST"])
@leerder
def plan_nieuw(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and (plan := _plan_opslaan(request, None, form)):
        messages.success(request, _("Your development plan has been saved. Now add goals."))
        return redirect("leren:plan", pk=plan.pk)
    context = {"form": form, "plan": None, "actief": "plannen"}
    return render(request, "leren/plan_form.html", context, status=_status(form))


@require_http_methods(["GET", "POST"])
@leerder
def plan_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors_leerder.plan_van(user=request.user, pk=pk)
    form = PlanForm(request.POST if request.method == "POST" else None, plan=plan)
    if request.method == "POST" and _plan_opslaan(request, plan, form):
        messages.success(request, _("Your changes have been saved."))
        return redirect("leren:plan", pk=plan.pk)
    context = {"form": form, "plan": plan, "actief": "plannen"}
    return render(request, "leren/plan_form.html", context, status=_status(form))


def _plan_pagina(
    request: HttpRequest,
    plan: Ontwikkelplan,
    *,
    doel_form: DoelForm | None = None,
    status: int = 200,
) -> HttpResponse:
    doelen = list(plan.doelen.all())
    for doel in doelen:
        doel.voortgang_form = DoelVoortgangForm(
            initial={"voortgang": doel.voortgang, "toelichting": doel.toelichting},
            prefix=f"doel-{doel.pk}",
        )
    context = {
        "plan": plan,
        "doelen": doelen,
        "doel_form": doel_form or DoelForm(),
        "actief": "plannen",
    }
    return render(request, "leren/plan_detail.html", context, status=status)


@require_http_methods(["GET"])
@leerder
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    """A development plan: its goals with their progress, and forms to add a goal and to
    record progress."""
    return _plan_pagina(request, selectors_leerder.plan_van(user=request.user, pk=pk))


@require_POST
@leerder
def doel_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors_leerder.plan_van(user=request.user, pk=pk)
    form = DoelForm(request.POST)
    if form.is_valid():
        try:
            services.doel_toevoegen(
                plan=plan,
                omschrijving=form.cleaned_data["omschrijving"],
                competentie=form.cleaned_data["competentie"],
            )
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(request, _("The goal has been added."))
            return redirect("leren:plan", pk=plan.pk)
    return _plan_pagina(request, plan, doel_form=form, status=400)


@require_http_methods(["GET", "POST"])
@leerder
def doel_voortgang(request: HttpRequest, pk: int) -> HttpResponse:
    """Record how far a goal is. The plan page posts here too (with the goal's prefix)."""
    doel: Ontwikkeldoel = selectors_leerder.doel_van(user=request.user, pk=pk)
    # The plan page names the fields of each goal's form after the goal.
    prefix = f"doel-{doel.pk}" if f"doel-{doel.pk}-voortgang" in request.POST else None
    form = DoelVoortgangForm(
        request.POST if request.method == "POST" else None,
        initial={"voortgang": doel.voortgang, "toelichting": doel.toelichting},
        prefix=prefix,
    )
    if form.is_valid():
        try:
            services.doel_voortgang(
                doel=doel,
                voortgang=form.cleaned_data["voortgang"],
                toelichting=form.cleaned_data["toelichting"],
            )
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(request, _("The progress has been saved."))
            return redirect(f"{reverse('leren:plan', kwargs={'pk': doel.plan_id})}#doel-{doel.pk}")
    context = {"doel": doel, "plan": doel.plan, "form": form, "actief": "plannen"}
    return render(request, "leren/doel_voortgang.html", context, status=_status(form))


# --- Progress per competence ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@leerder
def voortgang(request: HttpRequest) -> HttpResponse:
    """Assess yourself on a competence (1 to 5), and see your levels and your coach's
    over time: a chart and a table per competence."""
    form = ZelfbeoordelingForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            meting = services.voortgang_meten(
                persoon=request.user,
                beoordelaar=request.user,
                competentie=form.cleaned_data["competentie"],
                niveau=form.cleaned_data["niveau"],
                toelichting=form.cleaned_data["toelichting"],
            )
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(
                request,
                _("Your self-assessment of “%(competentie)s” has been saved.")
                % {"competentie": meting.competentie.naam},
            )
            return redirect(f"{reverse('leren:voortgang')}#competentie-{meting.competentie_id}")
    groepen = selectors_leerder.voortgang_per_competentie(user=request.user)
    for groep in groepen:
        groep.grafiek = grafieken.niveau_grafiek(
            zelf=[(m.datum, m.niveau) for m in groep.metingen if m.door == Door.ZELF],
            coach=[(m.datum, m.niveau) for m in groep.metingen if m.door == Door.COACH],
        )
    context = {
        "form": form,
        "groepen": groepen,
        "niveau_labels": dict(NIVEAUS),
        "actief": "voortgang",
    }
    return render(request, "leren/voortgang.html", context, status=_status(form))


urlpatterns = [
    path("", tijdlijn, name="tijdlijn"),
    path("dashboard/", dashboard, name="dashboard"),
    path("nieuw/", ervaring_nieuw, name="ervaring_nieuw"),
    path("<int:pk>/", ervaring, name="ervaring"),
    path("<int:pk>/bewerken/", ervaring_bewerken, name="ervaring_bewerken"),
    path("<int:pk>/verwijderen/", ervaring_verwijderen, name="ervaring_verwijderen"),
    path("actiepunten/<int:pk>/afronden/", actiepunt_afronden, name="actiepunt_afronden"),
    path("plannen/", plannen, name="plannen"),
    path("plannen/nieuw/", plan_nieuw, name="plan_nieuw"),
    path("plannen/<int:pk>/", plan, name="plan"),
    path("plannen/<int:pk>/bewerken/", plan_bewerken, name="plan_bewerken"),
    path("plannen/<int:pk>/doelen/nieuw/", doel_nieuw, name="doel_nieuw"),
    path("doelen/<int:pk>/voortgang/", doel_voortgang, name="doel_voortgang"),
    path("voortgang/", voortgang, name="voortgang"),
]
