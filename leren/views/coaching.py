"""Coaching trajectories, conversations, feedback and dashboards (issue 8 points 5 to 8).
(Helper "coaching".)

Who reads what follows ``leren.selectors``: a trajectory someone does not coach, is
not coached in and did not commission is a 404; its coachees and opdrachtgever read
it, but only the coach changes it (403 for them). On the trajectory page:

- the coach reads everything, the private notes too;
- a coachee reads the goals, the agreement, the conversations with their shared notes
  only (``gesprekken_zichtbaar`` never loads the private notes for them) and their own
  action points;
- the opdrachtgever reads the goals, the agreement and the status, and a progress
  summary (counts and levels) only when ``deelt_voortgang``: never an entry, a note or
  the text of an action point.

The coachee page shows the coach what ``leerervaringen_zichtbaar(coach)`` gives for
that person: nothing the coachee kept private, and nothing of a trajectory that is not
active. Feedback is a POST on an entry: an entry one may not read is a 404, one read
as a team member (not the coach) a 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from config.formulieren import fout_tonen
from leren.forms_coaching import (
    FeedbackForm,
    GesprekForm,
    MetingForm,
    StatusForm,
    TrajectForm,
)
from leren.grafieken_coaching import mix_grafiek, niveaus_grafiek
from leren.models import Coachtraject
from leren.permissions import (
    can_coach,
    can_give_feedback,
    can_manage_traject,
    can_read_progress,
    can_record_gesprek,
    check,
)
from leren.selectors import gesprekken_zichtbaar, leerervaring_get
from leren.selectors_coaching import (
    AFGELOPEN,
    MIX_MAANDEN,
    PERIODES,
    CoacheeVoortgang,
    adviseur_trajecten,
    coachee_dossier,
    coachee_get,
    traject_get,
    trajecten_overzicht,
    trajecten_van,
    voortgang_samenvatting,
)
from leren.services import (
    feedback_geven,
    gesprek_vastleggen,
    is_coach_van,
    traject_aanmaken,
    traject_bijwerken,
    traject_status_wijzigen,
    voortgang_meten,
)

ERVARINGEN_PER_PAGINA = 25


def _traject_url(traject: Coachtraject) -> str:
    return reverse("leren:traject", kwargs={"pk": traject.pk})


def _coachee_url(traject: Coachtraject, persoon) -> str:
    return reverse("leren:coachee", kwargs={"pk": traject.pk, "user_pk": persoon.pk})


def _status(form) -> int:
    return 400 if form is not None and form.errors else 200


def _voorbereiden(overzicht) -> None:
    """The chart of an active trajectory and the link to each coachee page."""
    for regel in overzicht.coachees:
        regel.url = _coachee_url(overzicht.traject, regel.persoon)
    if not overzicht.deelt:
        return
    rijen = [(str(regel.persoon), regel.mix) for regel in overzicht.coachees]
    if overzicht.team_mix is not None:
        rijen.append((_("The team together"), overzicht.team_mix))
    overzicht.grafiek = mix_grafiek(rijen)


# --- The list and the adviser dashboard -------------------------------------------------


@require_http_methods(["GET"])
@login_required
def trajecten(request: HttpRequest) -> HttpResponse:
    """An adviser's dashboard: per trajectory they coach and per coachee the 70-20-10 mix,
    entries awaiting feedback, overdue action points and competence levels. Everyone
    else: the trajectories they are coached in or commissioned (an empty state if none)."""
    user = request.user
    context: dict = {"is_adviseur": can_coach(user), "overzichten": [], "afgelopen": []}
    if context["is_adviseur"]:
        eigen = adviseur_trajecten(user)
        overzichten = trajecten_overzicht(coach=user, trajecten=eigen)
        for overzicht in overzichten:
            if overzicht.traject.status not in AFGELOPEN:
                _voorbereiden(overzicht)
        context["overzichten"] = [o for o in overzichten if o.traject.status not in AFGELOPEN]
        context["afgelopen"] = [o.traject for o in overzichten if o.traject.status in AFGELOPEN]
    anders = [t for t in trajecten_van(user) if t.coach_id != user.pk]
    for traject in anders:
        traject.als_coachee = any(c.pk == user.pk for c in traject.coachees.all())
    context["anders"] = anders
    context["mix_maanden"] = MIX_MAANDEN
    return render(request, "leren/coaching/trajecten.html", context)


# --- Starting and changing a trajectory -------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def traject_nieuw(request: HttpRequest) -> HttpResponse:
    check(can_coach(request.user))
    form = TrajectForm(request.POST or None, coach=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            traject = traject_aanmaken(
                coach=request.user, coachees=form.cleaned_data["coachees"], **form.velden()
            )
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(
                request,
                _(
                    "The trajectory “%(titel)s” has started in intake. Agree on goals and on "
                    "what is shared, then make it active."
                )
                % {"titel": traject.titel},
            )
            return redirect(_traject_url(traject))
    return render(request, "leren/coaching/traject_form.html", {"form": form}, status=_status(form))


@require_http_methods(["GET", "POST"])
@login_required
def traject_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    traject = traject_get(user=request.user, pk=pk)
    check(can_manage_traject(request.user, traject))
    form = TrajectForm(request.POST or None, coach=request.user, traject=traject)
    if request.method == "POST" and form.is_valid():
        try:
            traject = traject_bijwerken(
                traject=traject, coachees=form.cleaned_data["coachees"], **form.velden()
            )
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(request, _("The trajectory has been saved."))
            return redirect(_traject_url(traject))
    return render(
        request,
        "leren/coaching/traject_form.html",
        {"form": form, "traject": traject},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
@login_required
def traject_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm (GET), then move the trajectory to another status (POST ``naar``)."""
    traject = traject_get(user=request.user, pk=pk)
    check(can_manage_traject(request.user, traject))
    form = StatusForm(request.POST or None, traject=traject)
    if request.method == "POST" and form.is_valid():
        try:
            traject = traject_status_wijzigen(traject=traject, naar=form.cleaned_data["naar"])
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(
                request,
                _("The trajectory is now “%(status)s”.") % {"status": traject.get_status_display()},
            )
            return redirect(_traject_url(traject))
    return render(
        request,
        "leren/coaching/status.html",
        {"form": form, "traject": traject},
        status=_status(form),
    )


# --- The trajectory page ----------------------------------------------------------------


@require_http_methods(["GET"])
@login_required
def traject(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    gevonden = traject_get(user=user, pk=pk)
    coachees = list(gevonden.coachees.all())
    context: dict = {"traject": gevonden, "coachees": coachees}
    if gevonden.coach_id == user.pk:
        context["rol"] = "coach"
        context["gesprekken"] = gesprekken_zichtbaar(user, gevonden)
        (overzicht,) = trajecten_overzicht(coach=user, trajecten=[gevonden])
        _voorbereiden(overzicht)
        context["overzicht"] = overzicht
        context["kan_gesprek"] = can_record_gesprek(user, gevonden)
    elif any(c.pk == user.pk for c in coachees):
        context["rol"] = "coachee"
        gesprekken = gesprekken_zichtbaar(user, gevonden)
        for gesprek in gesprekken:
            # Their own action points, and those of the whole team (no owner).
            gesprek.mijn_actiepunten = [
                punt for punt in gesprek.actiepunten.all() if punt.eigenaar_id in (None, user.pk)
            ]
        context["gesprekken"] = gesprekken
    else:
        context["rol"] = "opdrachtgever"
        if gevonden.deelt_voortgang:
            samenvatting = voortgang_samenvatting(traject=gevonden)
            context["samenvatting"] = samenvatting
            if any(regel.gedeeld for regel in samenvatting.coachees):
                context["samenvatting_grafiek"] = mix_grafiek(
                    [(str(regel.persoon), regel.mix) for regel in samenvatting.coachees]
                )
    context["mix_maanden"] = MIX_MAANDEN
    context["kan_leerrapport"] = _kan_leerrapport(user, gevonden)
    return render(request, "leren/coaching/traject.html", context)


def _kan_leerrapport(user, traject: Coachtraject) -> bool:
    """May ``user`` ask for the trajectory's learning report? The verb of reporting and
    who reads the progress (``rapportage.permissions`` asks the same, a floor up)."""
    return user.has_perm("rapportage.add_rapport") and can_read_progress(user, traject)


# --- Coaching conversations -------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def gesprek_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    traject = traject_get(user=request.user, pk=pk)
    check(can_record_gesprek(request.user, traject))
    form = GesprekForm(request.POST or None, traject=traject)
    if request.method == "POST" and form.is_valid():
        try:
            gesprek_vastleggen(
                traject=traject,
                datum=form.cleaned_data["datum"],
                gedeelde_notities=form.cleaned_data["gedeelde_notities"],
                prive_notities=form.cleaned_data["prive_notities"],
                actiepunten=form.actiepunten(),
            )
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(request, _("The coaching conversation has been recorded."))
            return redirect(_traject_url(traject))
    return render(
        request,
        "leren/coaching/gesprek_form.html",
        {"form": form, "traject": traject},
        status=_status(form),
    )


# --- The coachee page and the coach's assessment ----------------------------------------


def _coachee_openen(request: HttpRequest, pk: int, user_pk: int):
    """The trajectory (coach only: 403 for its other readers) and one of its coachees (404)."""
    traject = traject_get(user=request.user, pk=pk)
    check(can_manage_traject(request.user, traject))
    return traject, coachee_get(traject=traject, user_pk=user_pk)


def _maanden(request: HttpRequest) -> int:
    try:
        maanden = int(request.GET.get("maanden", MIX_MAANDEN))
    except ValueError:
        return MIX_MAANDEN
    return maanden if maanden in PERIODES else MIX_MAANDEN


def _coachee_context(request: HttpRequest, traject, persoon, meting_form=None) -> dict:
    coach = request.user
    deelt = is_coach_van(coach, persoon)
    dossier = coachee_dossier(coach=coach, coachee=persoon, deelt=deelt, maanden=_maanden(request))
    pagina = Paginator(dossier.ervaringen, ERVARINGEN_PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    context = {
        "traject": traject,
        "persoon": persoon,
        "dossier": dossier,
        "pagina": pagina,
        "periodes": PERIODES,
        "mix_grafiek": mix_grafiek([(str(persoon), dossier.mix)]),
        "dossier_regels": [
            CoacheeVoortgang(
                persoon=persoon, mix=dossier.mix, gedeeld=sum(r.aantal for r in dossier.mix)
            )
        ],
        "meting_form": meting_form or (MetingForm() if deelt else None),
    }
    if dossier.niveaus:
        context["niveaus_grafiek"] = niveaus_grafiek(
            [
                (
                    niveau.competentie.naam,
                    niveau.zelf.niveau if niveau.zelf else None,
                    niveau.coach.niveau if niveau.coach else None,
                )
                for niveau in dossier.niveaus
            ]
        )
    return context


@require_http_methods(["GET"])
@login_required
@vary_on_headers("HX-Request")
def coachee(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    traject, persoon = _coachee_openen(request, pk, user_pk)
    context = _coachee_context(request, traject, persoon)
    htmx = getattr(request, "htmx", False)
    if htmx and not htmx.history_restore_request:
        return render(request, "leren/coaching/coachee.html#ervaringen", context)
    return render(request, "leren/coaching/coachee.html", context)


@require_http_methods(["POST"])
@login_required
def coach_meting(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    traject, persoon = _coachee_openen(request, pk, user_pk)
    form = MetingForm(request.POST)
    if form.is_valid():
        try:
            voortgang_meten(persoon=persoon, beoordelaar=request.user, **form.cleaned_data)
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(
                request,
                _("Your assessment of %(competentie)s has been recorded.")
                % {"competentie": form.cleaned_data["competentie"].naam},
            )
            return redirect(_coachee_url(traject, persoon) + "#voortgang")
    context = _coachee_context(request, traject, persoon, meting_form=form)
    return render(request, "leren/coaching/coachee.html", context, status=400)


# --- Feedback on an entry ---------------------------------------------------------------


@require_http_methods(["POST"])
@login_required
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    """The coach comments on an entry shared with them; the author is notified without
    the entry's title or text. On bad input the form comes back with the error."""
    ervaring = leerervaring_get(user=request.user, pk=pk)
    check(
        can_give_feedback(
            request.user,
            ervaring,
            is_coach_van_auteur=is_coach_van(request.user, ervaring.auteur),
        )
    )
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            feedback_geven(ervaring=ervaring, coach=request.user, tekst=form.cleaned_data["tekst"])
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(
                request,
                _("Your feedback has been saved. %(naam)s gets a notification.")
                % {"naam": ervaring.auteur},
            )
            return redirect(reverse("leren:ervaring", kwargs={"pk": ervaring.pk}) + "#feedback")
    return render(
        request,
        "leren/coaching/feedback.html",
        {"ervaring": ervaring, "feedback_form": form},
        status=400,
    )


urlpatterns = [
    path("coaching/", trajecten, name="trajecten"),
    path("coaching/nieuw/", traject_nieuw, name="traject_nieuw"),
    path("coaching/<int:pk>/", traject, name="traject"),
    path("coaching/<int:pk>/bewerken/", traject_bewerken, name="traject_bewerken"),
    path("coaching/<int:pk>/status/", traject_status, name="traject_status"),
    path("coaching/<int:pk>/gesprekken/nieuw/", gesprek_nieuw, name="gesprek_nieuw"),
    path("coaching/<int:pk>/coachees/<int:user_pk>/", coachee, name="coachee"),
    path("coaching/<int:pk>/coachees/<int:user_pk>/meten/", coach_meting, name="coach_meting"),
    path("<int:pk>/feedback/", feedback, name="feedback"),
]
