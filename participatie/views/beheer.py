"""Managing rounds (officials): the opgave's participation tab, round settings and
status, feedback on every input, and the moderation queue (issue 6 points 1, 5, 6).

The tab opens the opgave's workspace (404/403 as every tab). The pages of one
round first fetch it through the scoped selector (a draft of someone else's
opgave is a 404), then check ``can_manage_ronde`` (403), and only then look up
the input or flag inside that round: another round's id is a 404. Every change
goes through ``participatie.services``; a refusal comes back as a form error
with status 400. Officials see authors' public names, never e-mail addresses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from config.formulieren import fout_tonen
from opgaven.permissions import can_view_krachtenveld
from opgaven.views.werkruimte import Werkruimte, werkruimte_openen
from participatie.forms.beheer import (
    STATUS_UITLEG,
    AfhandelenForm,
    RondeForm,
    StatusForm,
    TerugkoppelingForm,
)
from participatie.models import Inbreng, Markering, Reactie, Ronde, Terugkoppeling
from participatie.permissions import can_add_ronde, can_manage_ronde, check
from participatie.policies import RONDE_OVERGANGEN
from participatie.selectors import (
    auteursnamen_zetten,
    met_auteursnaam,
    reacties_met_auteursnaam,
    ronde_get,
)
from participatie.services import (
    inbreng_zonder_terugkoppeling,
    markering_afwijzen,
    ronde_aanmaken,
    ronde_bijwerken,
    ronde_status_wijzigen,
    terugkoppelen,
    verbergen,
)

TAB = "participatie"
PER_PAGINA = 50


def _status(form) -> int:
    return 400 if form.errors else 200


def _aantal(queryset: QuerySet) -> Coalesce:
    """``COUNT(*)`` of ``queryset`` (filtered on an ``OuterRef``) as a subquery."""
    telling = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(telling, output_field=IntegerField()), 0)


def open_markeringen(ronde: Ronde | OuterRef) -> QuerySet[Markering]:
    """The open flags on the input and comments of ``ronde``."""
    return Markering.objects.filter(
        Q(inbreng__ronde=ronde) | Q(reactie__inbreng__ronde=ronde),
        afhandeling=Markering.Afhandeling.OPEN,
    )


# --- The participation tab of an opgave ---------------------------------------------------


@require_http_methods(["GET"])
@login_required
def opgave_rondes(request: HttpRequest, slug: str) -> HttpResponse:
    """The opgave's rounds: everyone with the workspace reads the public ones; the
    officials who manage them see the drafts too, and the work still to do."""
    werkruimte = werkruimte_openen(request, slug, TAB)
    opgave = werkruimte.opgave
    # The right to manage depends on the opgave only, the same for each of its rounds.
    kan_beheren = can_manage_ronde(request.user, Ronde(opgave=opgave))
    rondes = Ronde.objects.filter(opgave=opgave)
    if not kan_beheren:
        rondes = rondes.exclude(status=Ronde.Status.ONTWERP)
    # One counting subquery per round and figure, each on its own index: a join of all
    # rounds with all their input (and an OR across two joins for the flags) made
    # PostgreSQL count a million rows at the scale of a large municipality.
    zichtbaar = Inbreng.objects.filter(ronde=OuterRef("pk"), verborgen_op__isnull=True)
    open_op_inbreng = Markering.objects.filter(
        inbreng__ronde=OuterRef("pk"), afhandeling=Markering.Afhandeling.OPEN
    )
    open_op_reactie = Markering.objects.filter(
        reactie__inbreng__ronde=OuterRef("pk"), afhandeling=Markering.Afhandeling.OPEN
    )
    rondes = rondes.annotate(
        aantal_inbreng=_aantal(zichtbaar),
        aantal_zonder_terugkoppeling=_aantal(zichtbaar.filter(terugkoppeling__isnull=True)),
        aantal_open_markeringen=_aantal(open_op_inbreng) + _aantal(open_op_reactie),
    ).order_by("-start", "pk")
    context = werkruimte.context(
        rondes=list(rondes),
        kan_beheren=kan_beheren,
        kan_toevoegen=can_add_ronde(request.user, opgave),
        # The participation report (rapportage, a floor up) is read by whoever reads the
        # municipality's own analysis of the opgave: rapportage.permissions asks the same.
        kan_verslag=can_view_krachtenveld(request.user, opgave),
    )
    return render(request, "participatie/beheer/rondes.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def ronde_nieuw(request: HttpRequest, slug: str) -> HttpResponse:
    werkruimte = werkruimte_openen(request, slug, TAB)
    opgave = werkruimte.opgave
    check(can_add_ronde(request.user, opgave))
    form = RondeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            ronde = ronde_aanmaken(opgave=opgave, door=request.user, **form.service_velden())
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(
                request,
                _(
                    "The round “%(titel)s” has been saved as a draft. Only officials of the "
                    "opgave see it until you open it."
                )
                % {"titel": ronde.titel},
            )
            return redirect(ronde)
    context = werkruimte.context(form=form, ronde=None)
    return render(request, "participatie/beheer/ronde_form.html", context, status=_status(form))


# --- The pages of one round -----------------------------------------------------------------


@dataclass
class Beheer:
    """A round its official manages, inside the workspace of its opgave."""

    ronde: Ronde
    werkruimte: Werkruimte

    def context(self, **extra: Any) -> dict[str, Any]:
        return self.werkruimte.context(ronde=self.ronde, kan_beheren=True, **extra)


def ronde_beheren(request: HttpRequest, slug: str) -> Beheer:
    """The round ``slug`` (404 when the user may not see it), if the user manages it (403)."""
    ronde = ronde_get(user=request.user, slug=slug)
    check(can_manage_ronde(request.user, ronde))
    werkruimte = werkruimte_openen(request, ronde.opgave.slug, TAB)
    ronde.opgave = werkruimte.opgave
    return Beheer(ronde, werkruimte)


@require_http_methods(["GET", "POST"])
@login_required
def ronde_bewerken(request: HttpRequest, slug: str) -> HttpResponse:
    beheer = ronde_beheren(request, slug)
    ronde = beheer.ronde
    form = RondeForm(request.POST if request.method == "POST" else None, ronde=ronde)
    if form.is_valid():
        try:
            ronde = ronde_bijwerken(ronde=ronde, **form.service_velden())
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(
                request, _("The round “%(titel)s” has been saved.") % {"titel": ronde.titel}
            )
            return redirect(ronde)
    return render(
        request,
        "participatie/beheer/ronde_form.html",
        beheer.context(form=form),
        status=_status(form),
    )


def _zonder_terugkoppeling(ronde: Ronde) -> list[Inbreng]:
    return list(inbreng_zonder_terugkoppeling(ronde).only("pk", "titel", "ronde_id"))


STATUS_BERICHTEN = {
    Ronde.Status.OPEN: _("The round “%(titel)s” is open: residents can take part."),
    Ronde.Status.GESLOTEN: _("The round “%(titel)s” is closed. Now give feedback on every input."),
    Ronde.Status.TERUGGEKOPPELD: _("The round “%(titel)s” is complete: every input has feedback."),
}


@require_http_methods(["GET", "POST"])
@login_required
def ronde_status(request: HttpRequest, slug: str) -> HttpResponse:
    beheer = ronde_beheren(request, slug)
    ronde = beheer.ronde
    form = StatusForm(request.POST if request.method == "POST" else None, ronde=ronde)
    if form.is_valid():
        try:
            ronde = ronde_status_wijzigen(
                ronde=ronde, naar=form.cleaned_data["naar"], door=request.user
            )
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(request, str(STATUS_BERICHTEN[ronde.status]) % {"titel": ronde.titel})
            return redirect(ronde)
    volgende = RONDE_OVERGANGEN[Ronde.Status(ronde.status)]
    # Which inputs still need feedback, when that is the next step (and on a refusal).
    ontbreekt = _zonder_terugkoppeling(ronde) if Ronde.Status.TERUGGEKOPPELD in volgende else []
    context = beheer.context(
        form=form,
        keuzes=[
            {"keuze": keuze, "uitleg": STATUS_UITLEG[Ronde.Status(keuze.data["value"])]}
            for keuze in form["naar"].subwidgets
        ],
        huidige_uitleg=STATUS_UITLEG[Ronde.Status(ronde.status)],
        ontbreekt=ontbreekt,
    )
    return render(request, "participatie/beheer/ronde_status.html", context, status=_status(form))


# --- Feedback ----------------------------------------------------------------------------


@require_http_methods(["GET"])
@login_required
def terugkoppeling(request: HttpRequest, slug: str) -> HttpResponse:
    """Every input of the round with its feedback; ``?filter=zonder`` shows only the
    inputs that still need it (hidden input needs none)."""
    beheer = ronde_beheren(request, slug)
    ronde = beheer.ronde
    alleen_zonder = request.GET.get("filter") == "zonder"
    inbreng = inbreng_zonder_terugkoppeling(ronde) if alleen_zonder else ronde.inbreng.all()
    inbreng = met_auteursnaam(inbreng.select_related("terugkoppeling")).order_by(
        "aangemaakt_op", "pk"
    )
    pagina = Paginator(inbreng, PER_PAGINA).get_page(request.GET.get("pagina"))
    rijen = auteursnamen_zetten(pagina.object_list)
    aantallen = ronde.inbreng.aggregate(
        totaal=Count("pk", filter=Q(verborgen_op__isnull=True)),
        zonder=Count("pk", filter=Q(verborgen_op__isnull=True, terugkoppeling__isnull=True)),
    )
    context = beheer.context(
        inbreng=rijen,
        pagina=pagina,
        alleen_zonder=alleen_zonder,
        aantallen=aantallen,
    )
    return render(request, "participatie/beheer/terugkoppeling.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def terugkoppelen_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    beheer = ronde_beheren(request, slug)
    ronde = beheer.ronde
    inbreng = get_object_or_404(met_auteursnaam(ronde.inbreng.select_related("gebied")), pk=pk)
    auteursnamen_zetten([inbreng])
    bestaand = Terugkoppeling.objects.filter(inbreng=inbreng).first()
    form = TerugkoppelingForm(
        request.POST if request.method == "POST" else None,
        opgave=ronde.opgave,
        terugkoppeling=bestaand,
    )
    if form.is_valid():
        try:
            terugkoppelen(inbreng=inbreng, door=request.user, **form.cleaned_data)
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            resterend = inbreng_zonder_terugkoppeling(ronde).count()
            bericht = _("The feedback on “%(titel)s” has been saved; the author has been told.") % {
                "titel": inbreng.titel
            }
            if resterend:
                bericht += " " + ngettext(
                    "%(aantal)s input still needs feedback.",
                    "%(aantal)s inputs still need feedback.",
                    resterend,
                ) % {"aantal": resterend}
            messages.success(request, bericht)
            return redirect("participatie:terugkoppeling", slug=ronde.slug)
    context = beheer.context(form=form, inbreng=inbreng, bestaand=bestaand)
    return render(request, "participatie/beheer/terugkoppelen.html", context, status=_status(form))


# --- Moderation --------------------------------------------------------------------------


@dataclass
class Gemarkeerd:
    """Flagged content in the queue: an input or a comment, with its open flags."""

    inbreng: Inbreng | None
    reactie: Reactie | None
    markeringen: list[Markering]

    @property
    def inhoud(self) -> Inbreng | Reactie:
        return self.inbreng or self.reactie

    @property
    def eerste(self) -> Markering:
        return self.markeringen[0]


def _gemarkeerd(markeringen: QuerySet[Markering]) -> list[Gemarkeerd]:
    """Group the flags by their content, oldest flag first, in three queries: the
    flags, and the inputs and the comments they point at, each with the author's
    public name (never an e-mail address)."""
    rijen = list(
        markeringen.only("pk", "inbreng_id", "reactie_id", "reden", "op").order_by("op", "pk")
    )
    inbreng = {
        i.pk: i
        for i in auteursnamen_zetten(
            met_auteursnaam(Inbreng.objects.filter(pk__in=markeringen.values("inbreng_id")))
        )
    }
    reacties = {
        r.pk: r
        for r in auteursnamen_zetten(
            reacties_met_auteursnaam(
                Reactie.objects.filter(pk__in=markeringen.values("reactie_id")).select_related(
                    "inbreng"
                )
            )
        )
    }
    groepen: dict[tuple[str, int], Gemarkeerd] = {}
    for markering in rijen:
        if markering.inbreng_id:
            sleutel = ("inbreng", markering.inbreng_id)
            nieuw = Gemarkeerd(inbreng[markering.inbreng_id], None, [])
        else:
            sleutel = ("reactie", markering.reactie_id)
            nieuw = Gemarkeerd(None, reacties[markering.reactie_id], [])
        groepen.setdefault(sleutel, nieuw).markeringen.append(markering)
    return list(groepen.values())


@require_http_methods(["GET"])
@login_required
def moderatie(request: HttpRequest, slug: str) -> HttpResponse:
    beheer = ronde_beheren(request, slug)
    return render(
        request,
        "participatie/beheer/moderatie.html",
        beheer.context(wachtrij=_gemarkeerd(open_markeringen(beheer.ronde))),
    )


def _markering(ronde: Ronde, pk: int) -> Markering:
    """A flag on an input or comment of this round: another round's flag is a 404."""
    markering = (
        Markering.objects.filter(Q(inbreng__ronde=ronde) | Q(reactie__inbreng__ronde=ronde))
        .filter(pk=pk)
        .first()
    )
    if markering is None:
        raise Http404
    return markering


@require_http_methods(["GET", "POST"])
@login_required
def markering_afhandelen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Hide the flagged content, or dismiss every open flag on it."""
    beheer = ronde_beheren(request, slug)
    ronde = beheer.ronde
    markering = _markering(ronde, pk)
    if markering.afhandeling != Markering.Afhandeling.OPEN:
        messages.info(request, _("This flag has already been handled."))
        return redirect("participatie:moderatie", slug=ronde.slug)
    doel = (
        {"inbreng": markering.inbreng_id}
        if markering.inbreng_id
        else {"reactie": markering.reactie_id}
    )
    alle = Markering.objects.filter(**doel, afhandeling=Markering.Afhandeling.OPEN)
    gemarkeerd = _gemarkeerd(alle)[0]
    form = AfhandelenForm(request.POST if request.method == "POST" else None)
    if (
        form.is_valid()
        and form.cleaned_data["besluit"] == AfhandelenForm.VERBERGEN
        and gemarkeerd.inhoud.is_verborgen
    ):
        form.add_error(
            "besluit", _("This content is already hidden. Dismiss the flags to close them.")
        )
    if form.is_valid():
        try:
            if form.cleaned_data["besluit"] == AfhandelenForm.VERBERGEN:
                verbergen(
                    door=request.user,
                    reden=form.cleaned_data["reden"],
                    inbreng=gemarkeerd.inbreng,
                    reactie=gemarkeerd.reactie,
                )
                bericht = _("The content has been hidden; the author has been told why.")
            else:
                for open_markering in gemarkeerd.markeringen:
                    markering_afwijzen(markering=open_markering, door=request.user)
                bericht = _("The flags have been dismissed; the content stays visible.")
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(request, bericht)
            return redirect("participatie:moderatie", slug=ronde.slug)
    context = beheer.context(form=form, gemarkeerd=gemarkeerd, markering=markering)
    return render(request, "participatie/beheer/afhandelen.html", context, status=_status(form))


# Included first by participatie/urls.py, under /participatie/.
urlpatterns = [
    path("opgave/<slug:slug>/", opgave_rondes, name="opgave_rondes"),
    path("opgave/<slug:slug>/nieuw/", ronde_nieuw, name="ronde_nieuw"),
    path("<slug:slug>/bewerken/", ronde_bewerken, name="ronde_bewerken"),
    path("<slug:slug>/status/", ronde_status, name="ronde_status"),
    path("<slug:slug>/terugkoppeling/", terugkoppeling, name="terugkoppeling"),
    path(
        "<slug:slug>/inbreng/<int:pk>/terugkoppelen/",
        terugkoppelen_view,
        name="terugkoppelen",
    ),
    path("<slug:slug>/moderatie/", moderatie, name="moderatie"),
    path("<slug:slug>/moderatie/<int:pk>/", markering_afhandelen, name="markering_afhandelen"),
]
