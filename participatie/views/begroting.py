"""Pages of the participatory budget (burgerbegroting): the budget page, proposals,
and managing the budget. (The ballot, voting codes and the result are in
``views.stemmen`` and ``views.uitslag``.)

- **Reading** is public like the round: everyone, anonymous visitors too, reads
  the budget page and every proposal with its assessment, for a round that is no
  draft and has a budget (``selectors_begroting.begroting_get``: 404 otherwise).
  A proposal of another round through this round's URL is a 404.
- **Submitting** needs a login while proposals are asked for
  (``can_submit_voorstel``: 403 otherwise); the submitter edits their own until it
  is assessed (``can_edit_voorstel``: 403 otherwise).
- **Managing** (set up, phases, closing the vote, assessing, turning a winner into
  an action, marking it realised) is for the officials who manage the round
  (``can_manage_ronde``: 403 otherwise).
- Submitters appear by their public name (``policies.toon_naam``), never their
  e-mail address. Every change goes through ``services_begroting``; its refusal
  comes back on the form with status 400.
- The ballot, the voting code page and the result page are built elsewhere; this
  module links to them only when their URL exists (``url_of_leeg``).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from config.bedragen import euro
from config.formulieren import fout_tonen
from participatie.forms.begroting import (
    BegrotingForm,
    BeoordelenForm,
    FaseForm,
    UitvoerenForm,
    VoorstelFilterForm,
    VoorstelForm,
)
from participatie.models import Begroting, Voorstel
from participatie.permissions import (
    can_edit_voorstel,
    can_manage_ronde,
    can_submit_voorstel,
    check,
)
from participatie.policies import (
    stemmen_open,
    toon_naam,
    uitslag_bekend,
    voorstellen_gevraagd,
)
from participatie.selectors import ronde_get, wijken_voor_ronde
from participatie.selectors_begroting import (
    begroting_get,
    gebieden_voor_voorstel,
    indienersnamen_zetten,
    met_indienersnaam,
    voorstel_get,
    voorstellen_van,
)
from participatie.services_begroting import (
    begroting_instellen as begroting_instellen_service,
)
from participatie.services_begroting import (
    fase_wijzigen,
    stemming_sluiten,
    totaal_gekozen,
    voorstel_beoordelen,
    voorstel_bijwerken,
    voorstel_gerealiseerd,
    voorstel_indienen,
    voorstel_uitvoeren,
)
from participatie.services_sessies import concept_plan
from participatie.views.rondes import HtmxHttpRequest, login_url

Fase = Begroting.Fase
VOORSTELLEN_PER_PAGINA = 50
# The phases in which proposals are assessed and the budget can still be set up.
VOOR_HET_STEMMEN = frozenset({Fase.INDIENEN, Fase.HAALBAARHEID})

# What each phase means, for the officials who move it.
FASE_UITLEG = {
    Fase.INDIENEN: gettext_lazy(
        "Residents submit proposals. Submitters can change a proposal until it is assessed."
    ),
    Fase.HAALBAARHEID: gettext_lazy(
        "No new proposals. The municipality assesses every proposal: feasible (with its "
        "cost) or not, with a public motivation."
    ),
    Fase.STEMMEN: gettext_lazy(
        "The feasible proposals go on the ballot and residents vote; the participants of "
        "the round hear that they can vote. Assessments and the budget can no longer "
        "change, and there is no way back."
    ),
    Fase.UITSLAG: gettext_lazy("Voting is closed and the result is published."),
    Fase.UITVOERING: gettext_lazy(
        "The chosen projects are carried out; residents follow their realisation."
    ),
}


def _status(form) -> int:
    return 400 if form is not None and form.errors else 200


def url_of_leeg(naam: str, **kwargs: Any) -> str:
    """The URL of ``participatie:<naam>``, or ``""`` while that page does not exist
    (the ballot, voting code and result pages are built separately)."""
    try:
        return reverse(f"participatie:{naam}", kwargs=kwargs)
    except NoReverseMatch:
        return ""


# --- Fetching -----------------------------------------------------------------------------


def _beheren(request: HttpRequest, slug: str) -> Begroting:
    """The budget of round ``slug`` (404 when not visible or none), if the user manages
    the round (403)."""
    begroting = begroting_get(user=request.user, slug=slug)
    check(can_manage_ronde(request.user, begroting.ronde))
    return begroting


def _voorstel_openen(request: HttpRequest, slug: str, pk: int) -> tuple[Begroting, Voorstel]:
    begroting = begroting_get(user=request.user, slug=slug)
    return begroting, voorstel_get(begroting=begroting, pk=pk)


# --- The budget page ----------------------------------------------------------------------


def _datum(dag) -> str:
    return date_format(dag, "j F Y")


def fasen(begroting: Begroting) -> list[dict[str, Any]]:
    """The five phases in order, each with when it happens and whether it is past,
    current or still to come."""
    wanneer = {
        Fase.INDIENEN: _("until %(datum)s") % {"datum": _datum(begroting.indienen_tot)},
        Fase.HAALBAARHEID: _("until %(datum)s")
        % {"datum": _datum(begroting.stemmen_van - timedelta(days=1))}
        if begroting.stemmen_van > begroting.indienen_tot
        else _("before voting opens"),
        Fase.STEMMEN: _("%(van)s to %(tot)s")
        % {"van": _datum(begroting.stemmen_van), "tot": _datum(begroting.stemmen_tot)},
        Fase.UITSLAG: _("published on %(datum)s")
        % {"datum": _datum(timezone.localtime(begroting.uitslag_op))}
        if begroting.uitslag_op
        else _("after %(datum)s") % {"datum": _datum(begroting.stemmen_tot)},
        Fase.UITVOERING: _("after the result"),
    }
    volgorde = [waarde for waarde, _label in Fase.choices]
    huidig = volgorde.index(begroting.fase)
    return [
        {
            "waarde": waarde,
            "label": label,
            "wanneer": wanneer[waarde],
            "huidig": index == huidig,
            "voorbij": index < huidig,
        }
        for index, (waarde, label) in enumerate(Fase.choices)
    ]


def stemregel_uitleg(begroting: Begroting, met_deelbudgetten: bool) -> list[str]:
    """The voting rule in plain words, one sentence per line."""
    zinnen = []
    if begroting.is_knapsack:
        if met_deelbudgetten:
            zinnen.append(
                _(
                    "You vote on the projects of your own district. Choose projects that "
                    "together cost at most the budget of your district."
                )
            )
        else:
            zinnen.append(
                _("Choose projects that together cost at most %(bedrag)s.")
                % {"bedrag": euro(begroting.totaal)}
            )
        if begroting.min_besteding_pct:
            zinnen.append(
                _("Spend at least %(pct)s%% of the budget: a ballot with less cannot be confirmed.")
                % {"pct": begroting.min_besteding_pct}
            )
    else:
        zinnen.append(
            ngettext(
                "Choose at most %(aantal)s project.",
                "Choose at most %(aantal)s projects.",
                begroting.max_keuzes or 0,
            )
            % {"aantal": begroting.max_keuzes}
        )
        if met_deelbudgetten:
            zinnen.append(_("You vote on the projects of your own district."))
    zinnen.append(
        _(
            "The projects with the most votes are carried out, as long as they fit in the "
            "budget. You can change your vote until voting closes: your last confirmed "
            "vote counts."
        )
    )
    return zinnen


@require_http_methods(["GET"])
@vary_on_headers("HX-Request")
def begroting(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The budget: its money, the voting rule, the phases, what to do now, and the
    proposals with their assessment (filtered by status and district)."""
    gevonden = begroting_get(user=request.user, slug=slug)
    ronde = gevonden.ronde
    deelbudgetten = list(gevonden.deelbudgetten.select_related("gebied"))
    wijken = [d.gebied for d in deelbudgetten] or list(wijken_voor_ronde(ronde=ronde))
    form = VoorstelFilterForm(request.GET, wijken=wijken)
    filters = form.filters()
    voorstellen = voorstellen_van(gevonden)
    if filters["status"]:
        voorstellen = voorstellen.filter(status=filters["status"])
    if filters["wijk"] is not None:
        wijk = filters["wijk"]
        voorstellen = voorstellen.filter(Q(gebied=wijk) | Q(gebied__ligt_in=wijk))
    bekend = uitslag_bekend(gevonden)
    if bekend:
        voorstellen = voorstellen.order_by("-aantal_stemmen", "pk")
    pagina = Paginator(met_indienersnaam(voorstellen), VOORSTELLEN_PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    pagina.object_list = indienersnamen_zetten(pagina.object_list)
    kan_beheren = can_manage_ronde(request.user, ronde)
    context: dict[str, Any] = {
        "ronde": ronde,
        "begroting": gevonden,
        "form": form,
        "pagina": pagina,
        "is_gefilterd": form.is_gefilterd(),
        "uitslag_bekend": bekend,
        "kan_beheren": kan_beheren,
        "kan_beoordelen": kan_beheren and gevonden.fase in VOOR_HET_STEMMEN,
    }
    htmx = bool(request.htmx) and not request.htmx.history_restore_request
    if htmx:
        return render(request, "participatie/begroting/begroting.html#voorstellen", context)
    nieuw_url = reverse("participatie:voorstel_nieuw", kwargs={"slug": ronde.slug})
    stemmen = stemmen_open(gevonden)
    context.update(
        deelbudgetten=deelbudgetten,
        stemregel=stemregel_uitleg(gevonden, bool(deelbudgetten)),
        fasen=fasen(gevonden),
        indienen_open=voorstellen_gevraagd(gevonden),
        kan_indienen=can_submit_voorstel(request.user, gevonden),
        nieuw_url=nieuw_url,
        login_link=login_url(nieuw_url),
        stemmen_open=stemmen,
        stembiljet_url=url_of_leeg("stembiljet", slug=ronde.slug) if stemmen else "",
        stemcode_url=url_of_leeg("stemcode", slug=ronde.slug) if stemmen else "",
        uitslag_url=url_of_leeg("uitslag", slug=ronde.slug) if bekend else "",
        stemcodes_url=url_of_leeg("stemcodes", slug=ronde.slug)
        if kan_beheren and not bekend
        else "",
        totaal_gekozen=totaal_gekozen(gevonden) if bekend else None,
    )
    return render(request, "participatie/begroting/begroting.html", context)


# --- Proposals ----------------------------------------------------------------------------


def _voorstel_context(
    request: HttpRequest, begroting: Begroting, voorstel: Voorstel, **extra: Any
) -> dict[str, Any]:
    weergavenaam, wijk = (
        met_indienersnaam(Voorstel.objects.filter(pk=voorstel.pk))
        .values_list("indiener_weergavenaam", "indiener_wijk")
        .get()
    )
    kan_beheren = can_manage_ronde(request.user, begroting.ronde)
    gekozen = voorstel.status == Voorstel.Status.GEKOZEN
    context = {
        "ronde": begroting.ronde,
        "begroting": begroting,
        "voorstel": voorstel,
        "indienersnaam": toon_naam(weergavenaam or "", wijk),
        "beoordeeld": voorstel.status != Voorstel.Status.INGEDIEND,
        "uitslag_bekend": uitslag_bekend(begroting),
        "kan_bewerken": can_edit_voorstel(request.user, voorstel),
        "kan_beheren": kan_beheren,
        "kan_beoordelen": kan_beheren and begroting.fase in VOOR_HET_STEMMEN,
        "kan_uitvoeren": kan_beheren and gekozen and not voorstel.actie_id,
        "kan_gerealiseerd": kan_beheren and gekozen,
    }
    context.update(extra)
    return context


@require_http_methods(["GET"])
def voorstel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    begroting, gevonden = _voorstel_openen(request, slug, pk)
    return render(
        request,
        "participatie/begroting/voorstel.html",
        _voorstel_context(request, begroting, gevonden),
    )


@require_http_methods(["GET", "POST"])
@login_required
def voorstel_nieuw(request: HttpRequest, slug: str) -> HttpResponse:
    """Submit a proposal while proposals are asked for."""
    begroting = begroting_get(user=request.user, slug=slug)
    check(can_submit_voorstel(request.user, begroting))
    deelbudgetten = list(begroting.deelbudgetten.all())
    form = VoorstelForm(
        request.POST if request.method == "POST" else None,
        gebieden=gebieden_voor_voorstel(ronde=begroting.ronde),
        gebied_verplicht=bool(deelbudgetten),
    )
    if form.is_valid():
        try:
            nieuw = voorstel_indienen(
                begroting=begroting, indiener=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you! Your proposal “%(titel)s” has been submitted. The municipality "
                    "will check whether it is feasible; you can change it until then."
                )
                % {"titel": nieuw.titel},
            )
            return redirect(nieuw)
    context = {"ronde": begroting.ronde, "begroting": begroting, "form": form, "voorstel": None}
    return render(
        request, "participatie/begroting/voorstel_form.html", context, status=_status(form)
    )


@require_http_methods(["GET", "POST"])
@login_required
def voorstel_bewerken(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The submitter changes their proposal until it is assessed; nobody else may."""
    begroting, gevonden = _voorstel_openen(request, slug, pk)
    check(can_edit_voorstel(request.user, gevonden))
    form = VoorstelForm(
        request.POST if request.method == "POST" else None,
        gebieden=gebieden_voor_voorstel(ronde=begroting.ronde),
        gebied_verplicht=begroting.deelbudgetten.exists(),
        voorstel=gevonden,
    )
    if form.is_valid():
        try:
            voorstel_bijwerken(voorstel=gevonden, **form.cleaned_data)
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect(gevonden)
    context = {"ronde": begroting.ronde, "begroting": begroting, "form": form, "voorstel": gevonden}
    return render(
        request, "participatie/begroting/voorstel_form.html", context, status=_status(form)
    )


# --- Managing: set up, phases, closing ----------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def begroting_instellen(request: HttpRequest, slug: str) -> HttpResponse:
    """Set the budget up, or change it until voting starts. Also for a round without a
    budget yet: saving creates it and switches the method on."""
    ronde = ronde_get(user=request.user, slug=slug)
    check(can_manage_ronde(request.user, ronde))
    bestaand = (
        Begroting.objects.filter(ronde=ronde).prefetch_related("deelbudgetten__gebied").first()
    )
    wijken = {w.pk: w for w in wijken_voor_ronde(ronde=ronde)}
    if bestaand is not None:
        # A district that has a sub-budget stays on the form, even when the round's
        # areas changed since.
        wijken.update({d.gebied_id: d.gebied for d in bestaand.deelbudgetten.all()})
    form = BegrotingForm(
        request.POST if request.method == "POST" else None,
        wijken=sorted(wijken.values(), key=lambda w: w.naam),
        begroting=bestaand,
    )
    if form.is_valid():
        try:
            begroting_instellen_service(ronde=ronde, **form.service_velden())
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(request, _("The participatory budget has been saved."))
            return redirect("participatie:begroting", slug=ronde.slug)
    context = {
        "ronde": ronde,
        "begroting": bestaand,
        "form": form,
        "vast": bestaand is not None and bestaand.fase not in VOOR_HET_STEMMEN,
    }
    return render(
        request, "participatie/begroting/begroting_instellen.html", context, status=_status(form)
    )


@require_http_methods(["GET", "POST"])
@login_required
def begroting_fase(request: HttpRequest, slug: str) -> HttpResponse:
    """Move the budget to its next phase (voting opens only when every proposal is
    assessed; the result phase comes from closing the vote)."""
    gevonden = _beheren(request, slug)
    form = FaseForm(request.POST if request.method == "POST" else None, begroting=gevonden)
    if form.is_valid():
        try:
            gevonden = fase_wijzigen(
                begroting=gevonden, naar=form.cleaned_data["naar"], door=request.user
            )
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(
                request,
                _("The participatory budget is now in the phase “%(fase)s”.")
                % {"fase": gevonden.get_fase_display()},
            )
            return redirect("participatie:begroting", slug=slug)
    context = {
        "ronde": gevonden.ronde,
        "begroting": gevonden,
        "form": form,
        "huidige_uitleg": FASE_UITLEG[Fase(gevonden.fase)],
        "keuzes": [
            {"keuze": keuze, "uitleg": FASE_UITLEG[Fase(keuze.data["value"])]}
            for keuze in form["naar"].subwidgets
        ],
        "niet_beoordeeld": gevonden.voorstellen.filter(status=Voorstel.Status.INGEDIEND).count()
        if gevonden.fase in VOOR_HET_STEMMEN
        else 0,
    }
    return render(
        request, "participatie/begroting/begroting_fase.html", context, status=_status(form)
    )


@require_http_methods(["GET", "POST"])
@login_required
def begroting_sluiten(request: HttpRequest, slug: str) -> HttpResponse:
    """Close the vote now: the result is computed by a task, after this commit."""
    gevonden = _beheren(request, slug)
    fouten: list[str] = []
    if gevonden.fase != Fase.STEMMEN:
        fouten = [
            _("Only a vote in progress can be closed: this budget is not in its voting phase.")
        ]
    if request.method == "POST" and not fouten:
        stemming_sluiten(begroting=gevonden)
        messages.success(
            request,
            _(
                "The votes are being counted… The result appears on this page as soon as it "
                "is ready, and everyone who voted or submitted a proposal is told."
            ),
        )
        return redirect("participatie:begroting", slug=slug)
    context = {
        "ronde": gevonden.ronde,
        "begroting": gevonden,
        "fouten": fouten,
        "opkomst": gevonden.stembiljetten.filter(bevestigd_op__isnull=False).count()
        if not fouten
        else 0,
    }
    status = 400 if fouten and request.method == "POST" else 200
    return render(request, "participatie/begroting/begroting_sluiten.html", context, status=status)


# --- Managing proposals -------------------------------------------------------------------


def _voorstel_beheren(request: HttpRequest, slug: str, pk: int) -> tuple[Begroting, Voorstel]:
    begroting = _beheren(request, slug)
    return begroting, voorstel_get(begroting=begroting, pk=pk)


@require_http_methods(["GET", "POST"])
@login_required
def voorstel_beoordelen_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Feasible (with the municipality's cost) or not, with a public motivation."""
    begroting, gevonden = _voorstel_beheren(request, slug, pk)
    form = BeoordelenForm(request.POST if request.method == "POST" else None, voorstel=gevonden)
    if form.is_valid():
        try:
            voorstel_beoordelen(
                voorstel=gevonden,
                door=request.user,
                haalbaar=form.cleaned_data["haalbaar"],
                kosten=form.cleaned_data["kosten"],
                motivering=form.cleaned_data["motivering"],
            )
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(
                request,
                _("The assessment of “%(titel)s” has been saved and is public.")
                % {"titel": gevonden.titel},
            )
            return redirect(gevonden)
    context = {
        "ronde": begroting.ronde,
        "begroting": begroting,
        "voorstel": gevonden,
        "form": form,
        "vast": begroting.fase not in VOOR_HET_STEMMEN,
        "limiet": gevonden.deelbudget.bedrag if gevonden.deelbudget else begroting.totaal,
    }
    return render(
        request, "participatie/begroting/voorstel_beoordelen.html", context, status=_status(form)
    )


@require_http_methods(["GET", "POST"])
@login_required
def voorstel_uitvoeren_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Turn a chosen proposal into an action of the draft plan, with an allocation of its
    cost proposed in the opgave's joint budget."""
    begroting, gevonden = _voorstel_beheren(request, slug, pk)
    opgave = begroting.ronde.opgave
    form = UitvoerenForm(request.POST if request.method == "POST" else None, opgave=opgave)
    if form.is_valid():
        try:
            voorstel_uitvoeren(
                voorstel=gevonden,
                door=request.user,
                trekker=form.cleaned_data["trekker"],
                toelichting=form.cleaned_data["toelichting"].strip(),
            )
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(
                request,
                _(
                    "“%(titel)s” is now an action in the draft plan, and its cost is proposed "
                    "as an allocation in the joint budget for the funders to approve."
                )
                % {"titel": gevonden.titel},
            )
            return redirect(gevonden)
    context = {
        "ronde": begroting.ronde,
        "begroting": begroting,
        "voorstel": gevonden,
        "form": form,
        "plan_ontbreekt": gevonden.status == Voorstel.Status.GEKOZEN
        and not gevonden.actie_id
        and concept_plan(opgave) is None,
        "plan_url": reverse("opgaven:plan", kwargs={"slug": opgave.slug}),
    }
    return render(
        request, "participatie/begroting/voorstel_uitvoeren.html", context, status=_status(form)
    )


@require_POST
@login_required
def voorstel_gerealiseerd_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Mark a chosen project as realised, for residents to see."""
    begroting, gevonden = _voorstel_beheren(request, slug, pk)
    try:
        voorstel_gerealiseerd(voorstel=gevonden)
    except ValidationError as error:
        context = _voorstel_context(request, begroting, gevonden, fouten=error.messages)
        return render(request, "participatie/begroting/voorstel.html", context, status=400)
    messages.success(
        request,
        _("“%(titel)s” is marked as realised: residents see it on the proposal.")
        % {"titel": gevonden.titel},
    )
    return redirect(gevonden)


urlpatterns = [
    path("<slug:slug>/begroting/", begroting, name="begroting"),
    path("<slug:slug>/begroting/instellen/", begroting_instellen, name="begroting_instellen"),
    path("<slug:slug>/begroting/fase/", begroting_fase, name="begroting_fase"),
    path("<slug:slug>/begroting/sluiten/", begroting_sluiten, name="begroting_sluiten"),
    path("<slug:slug>/voorstellen/nieuw/", voorstel_nieuw, name="voorstel_nieuw"),
    path("<slug:slug>/voorstellen/<int:pk>/", voorstel, name="voorstel"),
    path("<slug:slug>/voorstellen/<int:pk>/bewerken/", voorstel_bewerken, name="voorstel_bewerken"),
    path(
        "<slug:slug>/voorstellen/<int:pk>/beoordelen/",
        voorstel_beoordelen_view,
        name="voorstel_beoordelen",
    ),
    path(
        "<slug:slug>/voorstellen/<int:pk>/uitvoeren/",
        voorstel_uitvoeren_view,
        name="voorstel_uitvoeren",
    ),
    path(
        "<slug:slug>/voorstellen/<int:pk>/gerealiseerd/",
        voorstel_gerealiseerd_view,
        name="voorstel_gerealiseerd",
    ),
]
