"""Co-creation sessions (issue 6 point 7): the page, registration and waiting list,
the calendar file, and for the round's officials planning, attendance and outcomes.

- The session page is public like its round (anonymous visitors too, once the
  round is no draft). The **online link** is shown only to people who hold a
  place and to the officials: a public link invites people who did not
  register (the capacity would mean nothing) and uninvited disruption of an
  online meeting.
- Residents' **names** appear only on the attendance page, for the officials
  who manage the round; e-mail addresses nowhere (DESIGN §6.7).
- A session of another round's slug is a 404, as is an outcome of another session.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from config.formulieren import fout_tonen
from participatie import ics
from participatie.forms.sessies import (
    OMZETTEN_FORMS,
    AanwezigheidForm,
    SessieForm,
    UitkomstForm,
)
from participatie.models import Aanmelding, Ronde, Sessie, Uitkomst
from participatie.permissions import can_cancel_aanmelding, can_manage_ronde, check
from participatie.policies import aanmelden_kan, afmelden_kan
from participatie.selectors import ronde_get, rondes_zichtbaar
from participatie.services import aanmelden, aanwezigheid_vastleggen, afmelden
from participatie.services_sessies import (
    concept_plan,
    sessie_aanmaken,
    sessie_bijwerken,
    uitkomst_omzetten,
    uitkomst_vastleggen,
)

ACTIEF = (Aanmelding.Status.AANGEMELD, Aanmelding.Status.WACHTLIJST, Aanmelding.Status.AANWEZIG)


# --- Fetching --------------------------------------------------------------------------


def _sessie_openen(request: HttpRequest, slug: str, pk: int) -> tuple[Ronde, Sessie]:
    """The session ``pk`` of the round ``slug`` as the user may see it, else 404; in one
    query with the round, its opgave and the counts of registrations."""
    gevonden = (
        Sessie.objects.select_related("ronde__opgave")
        .filter(ronde__in=rondes_zichtbaar(request.user).filter(slug=slug), pk=pk)
        .annotate(
            n_aangemeld=Count(
                "aanmeldingen", filter=Q(aanmeldingen__status=Aanmelding.Status.AANGEMELD)
            ),
            n_wachtlijst=Count(
                "aanmeldingen", filter=Q(aanmeldingen__status=Aanmelding.Status.WACHTLIJST)
            ),
            n_aanwezig=Count(
                "aanmeldingen", filter=Q(aanmeldingen__status=Aanmelding.Status.AANWEZIG)
            ),
        )
        .first()
    )
    if gevonden is None:
        raise Http404
    return gevonden.ronde, gevonden


def _beheren(request: HttpRequest, slug: str, pk: int) -> tuple[Ronde, Sessie]:
    ronde, sessie = _sessie_openen(request, slug, pk)
    check(can_manage_ronde(request.user, ronde))
    return ronde, sessie


def _status(form: forms.Form | None) -> int:
    return 400 if form is not None and form.errors else 200


# --- The session page ------------------------------------------------------------------


def _eigen_aanmelding(request: HttpRequest, sessie: Sessie) -> Aanmelding | None:
    """The user's newest registration for ``sessie`` (also a cancelled one), with
    ``plaats_op_wachtlijst`` when they wait."""
    if not request.user.is_authenticated:
        return None
    eigen = (
        Aanmelding.objects.filter(sessie=sessie, user=request.user).order_by("-volgnummer").first()
    )
    if eigen is None:
        return None
    eigen.sessie = sessie
    if eigen.status == Aanmelding.Status.WACHTLIJST:
        eigen.plaats_op_wachtlijst = Aanmelding.objects.filter(
            sessie=sessie, status=Aanmelding.Status.WACHTLIJST, volgnummer__lte=eigen.volgnummer
        ).count()
    return eigen


def _sessie_context(
    request: HttpRequest, ronde: Ronde, sessie: Sessie, **extra: Any
) -> dict[str, Any]:
    """Everything the session page shows, in a fixed number of queries."""
    nu = timezone.now()
    kan_beheren = can_manage_ronde(request.user, ronde)
    eigen = _eigen_aanmelding(request, sessie)
    heeft_plaats = eigen is not None and eigen.status in Aanmelding.PLAATS
    context: dict[str, Any] = {
        "ronde": ronde,
        "sessie": sessie,
        "kan_beheren": kan_beheren,
        "eigen": eigen,
        "heeft_plaats": heeft_plaats,
        "aanmelden_open": aanmelden_kan(sessie, nu),
        "kan_aanmelden": aanmelden_kan(sessie, nu)
        and (eigen is None or eigen.status == Aanmelding.Status.GEANNULEERD),
        "kan_afmelden": eigen is not None
        and can_cancel_aanmelding(request.user, eigen)
        and afmelden_kan(eigen, nu),
        "toon_link": kan_beheren or heeft_plaats,
    }
    if kan_beheren:
        context["telling"] = {
            "aangemeld": sessie.n_aangemeld,
            "wachtlijst": sessie.n_wachtlijst,
            "aanwezig": sessie.n_aanwezig,
        }
        context["uitkomsten"] = list(
            sessie.uitkomsten.select_related(
                "actie__plan", "toezegging", "positie__betrokkenheid__organisatie"
            )
        )
        context.setdefault("uitkomst_form", UitkomstForm())
    context.update(extra)
    return context


@require_http_methods(["GET"])
def sessie(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    ronde, gevonden = _sessie_openen(request, slug, pk)
    return render(
        request, "participatie/sessies/sessie.html", _sessie_context(request, ronde, gevonden)
    )


@require_http_methods(["GET"])
def sessie_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The session as a calendar file; the online link only for who may see it."""
    ronde, gevonden = _sessie_openen(request, slug, pk)
    pagina = request.build_absolute_uri(gevonden.get_absolute_url())
    met_link = bool(gevonden.online_link) and (
        can_manage_ronde(request.user, ronde)
        or (
            request.user.is_authenticated
            and gevonden.aanmeldingen.filter(
                user=request.user, status__in=Aanmelding.PLAATS
            ).exists()
        )
    )
    beschrijving = [gevonden.agenda] if gevonden.agenda else []
    if met_link:
        beschrijving.append(_("Online: %(link)s") % {"link": gevonden.online_link})
    beschrijving.append(_("More information: %(url)s") % {"url": pagina})
    locatie = gevonden.locatie or (gevonden.online_link if met_link else _("Online"))
    gastheer = urlsplit(settings.SITE_URL).hostname or "localhost"
    inhoud = ics.kalender(
        ics.Gebeurtenis(
            uid=f"sessie-{gevonden.pk}@{gastheer}",
            start=gevonden.start,
            eind=gevonden.eind,
            titel=gevonden.titel,
            locatie=locatie,
            beschrijving="\n\n".join(beschrijving),
            url=pagina,
        ),
        nu=timezone.now(),
    )
    response = HttpResponse(inhoud, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sessie-{gevonden.pk}.ics"'
    return response


# --- Registering and cancelling --------------------------------------------------------


@require_http_methods(["POST"])
@login_required
def aanmelden_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    ronde, gevonden = _sessie_openen(request, slug, pk)
    try:
        aanmelding = aanmelden(sessie=gevonden, user=request.user)
    except ValidationError as error:
        ronde, gevonden = _sessie_openen(request, slug, pk)  # as it is now
        context = _sessie_context(request, ronde, gevonden, fouten=error.messages)
        return render(request, "participatie/sessies/sessie.html", context, status=400)
    if aanmelding.status == Aanmelding.Status.AANGEMELD:
        messages.success(
            request,
            _("You are registered for “%(titel)s”. You will get a reminder a day before.")
            % {"titel": gevonden.titel},
        )
    else:
        plaats = Aanmelding.objects.filter(
            sessie=gevonden,
            status=Aanmelding.Status.WACHTLIJST,
            volgnummer__lte=aanmelding.volgnummer,
        ).count()
        messages.info(
            request,
            _(
                "“%(titel)s” is full: you are on the waiting list, number %(plaats)s. "
                "When a place becomes free, it is yours and we will let you know."
            )
            % {"titel": gevonden.titel, "plaats": plaats},
        )
    return redirect(gevonden)


@require_http_methods(["GET", "POST"])
@login_required
def afmelden_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Confirm, then cancel one's own registration or place on the waiting list."""
    ronde, gevonden = _sessie_openen(request, slug, pk)
    aanmelding = get_object_or_404(
        Aanmelding.objects.filter(sessie=gevonden, user=request.user, status__in=ACTIEF)
    )
    check(can_cancel_aanmelding(request.user, aanmelding))
    aanmelding.sessie = gevonden
    fouten: list[str] = []
    nu = timezone.now()
    if not afmelden_kan(aanmelding, nu):
        fouten = [
            _("This registration can no longer be cancelled: the session has started.")
            if nu >= gevonden.start
            else _("This registration can no longer be cancelled.")
        ]
    if request.method == "POST" and not fouten:
        try:
            afmelden(aanmelding=aanmelding)
        except ValidationError as error:
            fouten = error.messages
        else:
            messages.success(
                request,
                _("You have cancelled your registration for “%(titel)s”.")
                % {"titel": gevonden.titel},
            )
            return redirect(gevonden)
    context = {"ronde": ronde, "sessie": gevonden, "aanmelding": aanmelding, "fouten": fouten}
    status = 400 if fouten and request.method == "POST" else 200
    return render(request, "participatie/sessies/afmelden.html", context, status=status)


# --- Planning --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def sessie_nieuw(request: HttpRequest, slug: str) -> HttpResponse:
    ronde = ronde_get(user=request.user, slug=slug)
    check(can_manage_ronde(request.user, ronde))
    form = SessieForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            nieuw = sessie_aanmaken(ronde=ronde, **form.cleaned_data)
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(
                request, _("The session “%(titel)s” has been planned.") % {"titel": nieuw.titel}
            )
            return redirect(nieuw)
    context = {"ronde": ronde, "sessie": None, "form": form}
    return render(request, "participatie/sessies/sessie_form.html", context, status=_status(form))


@require_http_methods(["GET", "POST"])
@login_required
def sessie_bewerken(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    ronde, gevonden = _beheren(request, slug, pk)
    form = SessieForm(request.POST if request.method == "POST" else None, sessie=gevonden)
    if form.is_valid():
        try:
            sessie_bijwerken(sessie=gevonden, **form.cleaned_data)
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(
                request, _("The session “%(titel)s” has been saved.") % {"titel": gevonden.titel}
            )
            return redirect(gevonden)
    context = {"ronde": ronde, "sessie": gevonden, "form": form}
    return render(request, "participatie/sessies/sessie_form.html", context, status=_status(form))


# --- Attendance ------------------------------------------------------------------------


def _naam(weergavenaam: str, volgnummer: int) -> str:
    return weergavenaam or _("Participant without a name (no. %(nummer)s)") % {"nummer": volgnummer}


@require_http_methods(["GET", "POST"])
@login_required
def aanwezigheid(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Who came: the only page that shows residents' names, to the round's officials.
    Names only (the display name), never an e-mail address."""
    ronde, gevonden = _beheren(request, slug, pk)
    rijen = list(
        gevonden.aanmeldingen.filter(status__in=Aanmelding.PLAATS)
        .order_by("volgnummer")
        .values("user_id", "user__weergavenaam", "volgnummer", "status")
    )
    for rij in rijen:
        rij["naam"] = _naam(rij["user__weergavenaam"], rij["volgnummer"])
    deelnemers = [(rij["user_id"], rij["naam"]) for rij in rijen]
    aanwezig = [r["user_id"] for r in rijen if r["status"] == Aanmelding.Status.AANWEZIG]
    form = AanwezigheidForm(
        request.POST if request.method == "POST" else None,
        deelnemers=deelnemers,
        initial={"aanwezig": aanwezig},
    )
    if form.is_valid():
        aantal = aanwezigheid_vastleggen(
            sessie=gevonden, aanwezig=set(form.cleaned_data["aanwezig"])
        )
        messages.success(
            request,
            _("The attendance has been saved: %(aantal)s of %(totaal)s people were there.")
            % {"aantal": aantal, "totaal": len(rijen)},
        )
        return redirect(gevonden)
    gekozen = set(aanwezig)
    if form.is_bound:
        gekozen = {int(w) for w in form.data.getlist("aanwezig") if w.isdigit()}
    for rij in rijen:
        rij["aangevinkt"] = rij["user_id"] in gekozen
    context = {"ronde": ronde, "sessie": gevonden, "form": form, "rijen": rijen}
    return render(request, "participatie/sessies/aanwezigheid.html", context, status=_status(form))


# --- Outcomes --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def uitkomst_nieuw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    ronde, gevonden = _beheren(request, slug, pk)
    form = UitkomstForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            uitkomst = uitkomst_vastleggen(sessie=gevonden, door=request.user, **form.cleaned_data)
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(
                request,
                _("The outcome “%(titel)s” has been recorded.") % {"titel": uitkomst.titel},
            )
            return redirect(f"{gevonden.get_absolute_url()}#uitkomsten")
    context = {"ronde": ronde, "sessie": gevonden, "form": form}
    return render(request, "participatie/sessies/uitkomst_form.html", context, status=_status(form))


@require_http_methods(["GET", "POST"])
@login_required
def uitkomst_omzetten_view(request: HttpRequest, slug: str, pk: int, uitkomst: int) -> HttpResponse:
    """Turn an outcome into an action, commitment or position of the opgave, once."""
    ronde, gevonden = _beheren(request, slug, pk)
    gekozen = get_object_or_404(
        Uitkomst.objects.filter(sessie=gevonden).select_related(
            "actie__plan", "toezegging", "positie__betrokkenheid__organisatie"
        ),
        pk=uitkomst,
    )
    gekozen.sessie = gevonden
    opgave = ronde.opgave
    form_class = None if gekozen.omgezet else OMZETTEN_FORMS.get(gekozen.soort)
    plan_ontbreekt = (
        not gekozen.omgezet
        and gekozen.soort == Uitkomst.Soort.ACTIE
        and concept_plan(opgave) is None
    )
    if plan_ontbreekt:
        form_class = None
    form = None
    if form_class is not None:
        form = form_class(
            request.POST if request.method == "POST" else None,
            opgave=opgave,
            user=request.user,
            uitkomst=gekozen,
        )
    fouten: list[str] = []
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            uitkomst_omzetten(
                uitkomst=gekozen, door=request.user, **(form.cleaned_data if form else {})
            )
        except ValidationError as error:
            if form is not None:
                fout_tonen(form, error)
            else:
                fouten = error.messages
        else:
            messages.success(
                request,
                _("The outcome “%(titel)s” is now part of the opgave.") % {"titel": gekozen.titel},
            )
            return redirect(f"{gevonden.get_absolute_url()}#uitkomsten")
    context = {
        "ronde": ronde,
        "sessie": gevonden,
        "opgave": opgave,
        "uitkomst": gekozen,
        "form": form,
        "fouten": fouten,
        "plan_ontbreekt": plan_ontbreekt,
        "plan_url": reverse("opgaven:plan", kwargs={"slug": opgave.slug}),
    }
    status = 400 if fouten or (form is not None and form.errors) else 200
    return render(request, "participatie/sessies/uitkomst_omzetten.html", context, status=status)


urlpatterns = [
    path("<slug:slug>/sessies/nieuw/", sessie_nieuw, name="sessie_nieuw"),
    path("<slug:slug>/sessies/<int:pk>/", sessie, name="sessie"),
    path("<slug:slug>/sessies/<int:pk>/bewerken/", sessie_bewerken, name="sessie_bewerken"),
    path("<slug:slug>/sessies/<int:pk>/aanmelden/", aanmelden_view, name="aanmelden"),
    path("<slug:slug>/sessies/<int:pk>/afmelden/", afmelden_view, name="afmelden"),
    path("<slug:slug>/sessies/<int:pk>/agenda.ics", sessie_ics, name="sessie_ics"),
    path("<slug:slug>/sessies/<int:pk>/aanwezigheid/", aanwezigheid, name="aanwezigheid"),
    path("<slug:slug>/sessies/<int:pk>/uitkomsten/nieuw/", uitkomst_nieuw, name="uitkomst_nieuw"),
    path(
        "<slug:slug>/sessies/<int:pk>/uitkomsten/<int:uitkomst>/omzetten/",
        uitkomst_omzetten_view,
        name="uitkomst_omzetten",
    ),
]
