"""Pages for opgaven: list, detail, create and edit (function views, STYLE "Views")."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from django_htmx.middleware import HtmxDetails

from opgaven.forms import FaseWijzigenForm, OpgaveBewerkenForm, OpgaveFilterForm, OpgaveForm
from opgaven.grafieken import wickedness_profiel
from opgaven.models import WICKEDNESS_SCORES, Fase
from opgaven.permissions import (
    can_add_opgave,
    check_can_add_opgave,
    check_can_change_fase,
    check_can_change_opgave,
)
from opgaven.selectors import (
    faseovergangen_van,
    opgave_get_visible,
    opgaven_zoeken,
    opgaverollen_actief,
)
from opgaven.selectors.opgaven import themas_en_gebieden_van
from opgaven.services import opgave_create, opgave_fase_wijzigen, opgave_update
from opgaven.views.werkruimte import OVERZICHT_KOPPELINGEN, werkruimte_openen
from partners.selectors import lidmaatschappen_actief

OPGAVEN_PER_PAGINA = 20


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_http_methods(["GET"])
@vary_on_headers("HX-Request")
def opgave_list(request: HtmxHttpRequest) -> HttpResponse:
    """The opgaven the user may see, searched and filtered by a GET form.

    With htmx the form updates only the results (``#resultaten``) as you type;
    without JavaScript it submits as a normal GET. Page links keep the filters.
    """
    user = request.user
    is_lid = user.is_authenticated and lidmaatschappen_actief(user=user).exists()
    form = OpgaveFilterForm(request.GET, user=user, is_lid=is_lid)
    filters = form.filters()
    opgaven = opgaven_zoeken(user=user, **filters)
    pagina = Paginator(opgaven, OPGAVEN_PER_PAGINA).get_page(request.GET.get("pagina"))
    template = "opgaven/opgave_list.html"
    htmx = bool(request.htmx) and not request.htmx.history_restore_request
    if htmx:
        template += "#resultaten"
    context = {
        "form": form,
        "pagina": pagina,
        "zoekterm": filters["zoekterm"],
        "is_gefilterd": form.is_gefilterd(),
        "kan_toevoegen": can_add_opgave(user),
        "htmx": htmx,
    }
    return render(request, template, context)


@require_http_methods(["GET"])
def opgave_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _render_detail(request, slug)


def _render_detail(
    request: HttpRequest, slug: str, fase_form: FaseWijzigenForm | None = None, status=200
) -> HttpResponse:
    """The overview: the whole opgave for its workspace, a public summary for everyone else."""
    werkruimte = werkruimte_openen(request, slug, "overzicht")
    opgave = werkruimte.opgave
    themas, gebieden = themas_en_gebieden_van(opgave=opgave)
    samenvatting = {"themas": themas, "gebieden": gebieden}
    if not werkruimte.kan_werkruimte:
        context = werkruimte.context(**samenvatting)
        return render(request, "opgaven/opgave_publiek.html", context, status=status)

    if werkruimte.kan_fase_wijzigen and fase_form is None:
        fase_form = FaseWijzigenForm(opgave=opgave)
    scores = [(str(label), getattr(opgave, name)) for name, label in WICKEDNESS_SCORES.items()]
    heeft_scores = any(score is not None for _label, score in scores)
    context = werkruimte.context(
        **samenvatting,
        scores=scores,
        profiel=wickedness_profiel(scores=scores) if heeft_scores else None,
        rollen=opgaverollen_actief(opgave=opgave),
        faseovergangen=faseovergangen_van(opgave=opgave),
        fase_form=fase_form,
        koppelingen=[k for maak in OVERZICHT_KOPPELINGEN for k in maak(request, werkruimte)],
    )
    return render(request, "opgaven/opgave_detail.html", context, status=status)


@require_http_methods(["POST"])
@login_required
def opgave_fase(request: HttpRequest, slug: str) -> HttpResponse:
    """Move the opgave to another phase. Bad input re-renders the detail page with 400."""
    opgave = opgave_get_visible(user=request.user, slug=slug)
    check_can_change_fase(request.user, opgave)
    form = FaseWijzigenForm(request.POST, opgave=opgave)
    if form.is_valid():
        try:
            opgave_fase_wijzigen(opgave=opgave, door=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The opgave is now in the phase %(fase)s.") % {"fase": Fase(opgave.fase).label},
            )
            return redirect(opgave)
    # Show the page as it is now, with the phase someone else may just have set.
    return _render_detail(request, slug, fase_form=form, status=400)


@require_http_methods(["GET", "POST"])
@login_required
def opgave_add(request: HttpRequest) -> HttpResponse:
    check_can_add_opgave(request.user)
    form = OpgaveForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            opgave = opgave_create(
                door=request.user, opgaveregisseur=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The opgave “%(titel)s” has been created. You are its opgaveregisseur.")
                % {"titel": opgave.titel},
            )
            return redirect(opgave)
    status = 400 if form.errors else 200
    return render(request, "opgaven/opgave_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def opgave_edit(request: HttpRequest, slug: str) -> HttpResponse:
    opgave = opgave_get_visible(user=request.user, slug=slug)
    check_can_change_opgave(request.user, opgave)
    form = OpgaveBewerkenForm(request.POST if request.method == "POST" else None, opgave=opgave)
    if form.is_valid():
        try:
            opgave_update(opgave=opgave, door=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect(opgave)
    status = 400 if form.errors else 200
    context = {"form": form, "opgave": opgave}
    return render(request, "opgaven/opgave_form.html", context, status=status)
