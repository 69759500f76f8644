"""Goals, indicators and measurements of an opgave: the "Doelen" tab and its forms.

The tab shows the goal tree (effects, the goals that serve them, their
indicators with a chart and a table of the measurements), read in one query.
Role holders of an opgave that is not finished (``werkruimte.kan_bewerken``)
add, change and delete; everyone else who sees the workspace reads.

Every object a URL names is fetched scoped to the URL's opgave (404 otherwise).
Deleting asks first: GET shows "Weet je het zeker?", POST deletes.
"""

from __future__ import annotations

import hashlib
import logging

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opgaven.forms.doelen import DoelForm, IndicatorForm, MetingForm
from opgaven.grafieken import metingen_grafiek
from opgaven.models import Doel
from opgaven.selectors.doelen import (
    Doelenboom,
    IndicatorStand,
    doel_get,
    doelenboom,
    indicator_get,
    meting_get,
)
from opgaven.services.doelen import (
    doel_create,
    doel_delete,
    doel_update,
    indicator_create,
    indicator_delete,
    indicator_update,
    meting_create,
    meting_delete,
)
from opgaven.views.werkruimte import Werkruimte, werkruimte_openen

TAB = "doelen"
GRAFIEK_CACHE_SECONDEN = 7 * 24 * 3600
logger = logging.getLogger(__name__)


def _doelen_url(werkruimte: Werkruimte, anker: str = "") -> str:
    url = reverse("opgaven:doelen", kwargs={"slug": werkruimte.opgave.slug})
    return f"{url}#{anker}" if anker else url


def _bewerken_openen(request: HttpRequest, slug: str) -> Werkruimte:
    """The workspace of a page that changes goals: 404/403 as the tab, and 403 without
    the right to change the opgave (``can_change_opgave``, already in ``kan_bewerken``)."""
    werkruimte = werkruimte_openen(request, slug, TAB)
    if not werkruimte.kan_bewerken:
        raise PermissionDenied
    return werkruimte


def _fout_tonen(form: forms.Form, error: ValidationError) -> None:
    """A service's ``ValidationError`` on the form: at its field where the form has
    that field, above the form otherwise (never a 500 for a model-only field)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for veld, fouten in error.error_dict.items():
        form.add_error(veld if veld in form.fields else None, fouten)


def _formulier(
    request: HttpRequest,
    werkruimte: Werkruimte,
    form,
    *,
    titel: str,
    knop: str,
    status: int = 200,
    **extra,
) -> HttpResponse:
    context = werkruimte.context(form=form, titel=titel, knop=knop, terug=_doelen_url(werkruimte))
    return render(request, "opgaven/doelen/formulier.html", {**context, **extra}, status=status)


def _bevestigen(
    request: HttpRequest, werkruimte: Werkruimte, *, titel: str, gevolgen: list[str], **extra
) -> HttpResponse:
    context = werkruimte.context(titel=titel, gevolgen=gevolgen, terug=_doelen_url(werkruimte))
    return render(request, "opgaven/doelen/verwijderen.html", {**context, **extra})


# --- The tab --------------------------------------------------------------------------


@require_http_methods(["GET"])
@login_required
def doelen(request: HttpRequest, slug: str) -> HttpResponse:
    werkruimte = werkruimte_openen(request, slug, TAB)
    boom = doelenboom(opgave=werkruimte.opgave)
    _grafieken_tekenen(list(boom.indicatoren()))
    return render(request, "opgaven/doelen/doelen.html", werkruimte.context(boom=boom))


def _grafieken_tekenen(indicatoren: list[IndicatorStand]) -> None:
    """Give every indicator its chart. A chart takes pygal tens of milliseconds, so charts
    are cached under a hash of what they show (and the language of their labels): a
    changed number makes a new key, so a cached chart is never stale."""
    sleutels = {}
    for indicator in indicatoren:
        inhoud = repr(
            (
                get_language(),
                indicator.nulmeting,
                indicator.streefwaarde,
                indicator.streefdatum,
                [(meting.datum, meting.waarde) for meting in indicator.metingen],
            )
        )
        sleutels[indicator.pk] = "doelen:grafiek:" + hashlib.sha256(inhoud.encode()).hexdigest()
    try:
        bewaard = cache.get_many(list(sleutels.values()))
    except Exception:  # the cache is an optimisation: without it, draw every chart
        logger.warning("Cache unavailable for the charts of the goals tab", exc_info=True)
        bewaard = {}
    nieuw = {}
    for indicator in indicatoren:
        sleutel = sleutels[indicator.pk]
        if sleutel not in bewaard:
            nieuw[sleutel] = bewaard[sleutel] = metingen_grafiek(
                metingen=[(meting.datum, meting.waarde) for meting in indicator.metingen],
                nulmeting=indicator.nulmeting,
                streefwaarde=indicator.streefwaarde,
                streefdatum=indicator.streefdatum,
            )
        indicator.grafiek = bewaard[sleutel]
    if nieuw:
        try:
            cache.set_many(nieuw, timeout=GRAFIEK_CACHE_SECONDEN)
        except Exception:
            logger.warning("Cache unavailable for the charts of the goals tab", exc_info=True)


# --- Doel -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def doel_nieuw(request: HttpRequest, slug: str) -> HttpResponse:
    """A new effect or goal; ``?bovenliggend=<id>`` preselects the goal it serves."""
    werkruimte = _bewerken_openen(request, slug)
    opgave = werkruimte.opgave
    boom = doelenboom(opgave=opgave, met_indicatoren=False)
    initial = {}
    ouder_pk = request.GET.get("bovenliggend", "")
    if ouder_pk.isdigit() and int(ouder_pk) in boom.per_pk:
        initial = {"bovenliggend": int(ouder_pk), "soort": Doel.Soort.DOEL}
    elif not boom.per_pk:
        initial = {"soort": Doel.Soort.EFFECT}  # a tree starts with the effect
    form = DoelForm(
        request.POST if request.method == "POST" else None,
        opgave=opgave,
        boom=boom,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            doel = doel_create(opgave=opgave, **form.cleaned_data)
        except ValidationError as error:
            _fout_tonen(form, error)
        else:
            messages.success(request, _("“%(titel)s” has been added.") % {"titel": doel.titel})
            return redirect(_doelen_url(werkruimte, f"doel-{doel.pk}"))
    return _formulier(
        request,
        werkruimte,
        form,
        titel=_("Add an effect or goal"),
        knop=_("Add to the goal tree"),
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def doel_bewerken(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    werkruimte = _bewerken_openen(request, slug)
    opgave = werkruimte.opgave
    boom = doelenboom(opgave=opgave, met_indicatoren=False)
    knoop = boom.per_pk.get(pk)
    if knoop is None:
        raise Http404
    initial = {
        "soort": knoop.soort,
        "titel": knoop.titel,
        "omschrijving": knoop.omschrijving,
        "bovenliggend": knoop.bovenliggend_id,
        "volgorde": knoop.volgorde,
    }
    form = DoelForm(
        request.POST if request.method == "POST" else None,
        opgave=opgave,
        boom=boom,
        doel_pk=pk,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            doel_update(doel=doel_get(opgave=opgave, pk=pk), **form.cleaned_data)
        except ValidationError as error:
            _fout_tonen(form, error)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect(_doelen_url(werkruimte, f"doel-{pk}"))
    return _formulier(
        request,
        werkruimte,
        form,
        titel=_("Edit “%(titel)s”") % {"titel": knoop.titel},
        knop=_("Save changes"),
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def doel_verwijderen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    werkruimte = _bewerken_openen(request, slug)
    if request.method == "POST":
        doel = doel_get(opgave=werkruimte.opgave, pk=pk)
        doel_delete(doel=doel)
        messages.success(request, _("“%(titel)s” has been deleted.") % {"titel": doel.titel})
        return redirect(_doelen_url(werkruimte))
    boom = doelenboom(opgave=werkruimte.opgave)
    knoop = boom.per_pk.get(pk)
    if knoop is None:
        raise Http404
    return _bevestigen(
        request,
        werkruimte,
        titel=_("Delete “%(titel)s”") % {"titel": knoop.titel},
        gevolgen=_gevolgen_doel(boom, pk),
        actie=reverse("opgaven:doel_verwijderen", kwargs={"slug": slug, "pk": pk}),
    )


def _gevolgen_doel(boom: Doelenboom, pk: int) -> list[str]:
    """What else goes when goal ``pk`` goes, in words."""
    knoop = boom.per_pk[pk]
    onder = list(knoop.nakomelingen())
    indicatoren = [indicator for k in (knoop, *onder) for indicator in k.indicatoren]
    metingen = sum(len(indicator.metingen) for indicator in indicatoren)
    gevolgen = []
    if onder:
        aantal = len(onder)
        gevolgen.append(
            ngettext("The goal below it.", "The %(aantal)s goals below it.", aantal)
            % {"aantal": aantal}
        )
    if indicatoren:
        aantal = len(indicatoren)
        gevolgen.append(
            ngettext("One indicator.", "%(aantal)s indicators.", aantal) % {"aantal": aantal}
        )
    if metingen:
        gevolgen.append(
            ngettext("One measurement.", "%(aantal)s measurements.", metingen)
            % {"aantal": metingen}
        )
    return gevolgen


# --- Indicator ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def indicator_nieuw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A new indicator for goal ``pk``."""
    werkruimte = _bewerken_openen(request, slug)
    doel = doel_get(opgave=werkruimte.opgave, pk=pk)
    form = IndicatorForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = indicator_create(doel=doel, **form.cleaned_data)
        except ValidationError as error:
            _fout_tonen(form, error)
        else:
            messages.success(
                request, _("The indicator “%(naam)s” has been added.") % {"naam": indicator.naam}
            )
            return redirect(_doelen_url(werkruimte, f"indicator-{indicator.pk}"))
    return _formulier(
        request,
        werkruimte,
        form,
        titel=_("Add an indicator to “%(titel)s”") % {"titel": doel.titel},
        knop=_("Add indicator"),
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def indicator_bewerken(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    werkruimte = _bewerken_openen(request, slug)
    indicator = indicator_get(opgave=werkruimte.opgave, pk=pk)
    initial = {
        "naam": indicator.naam,
        "eenheid": indicator.eenheid,
        "bron": indicator.bron,
        "nulmeting": indicator.nulmeting,
        "streefwaarde": indicator.streefwaarde,
        "streefdatum": indicator.streefdatum,
    }
    form = IndicatorForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            indicator_update(indicator=indicator, **form.cleaned_data)
        except ValidationError as error:
            _fout_tonen(form, error)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect(_doelen_url(werkruimte, f"indicator-{indicator.pk}"))
    return _formulier(
        request,
        werkruimte,
        form,
        titel=_("Edit the indicator “%(naam)s”") % {"naam": initial["naam"]},
        knop=_("Save changes"),
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def indicator_verwijderen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    werkruimte = _bewerken_openen(request, slug)
    indicator = indicator_get(opgave=werkruimte.opgave, pk=pk)
    if request.method == "POST":
        indicator_delete(indicator=indicator)
        messages.success(
            request, _("The indicator “%(naam)s” has been deleted.") % {"naam": indicator.naam}
        )
        return redirect(_doelen_url(werkruimte, f"doel-{indicator.doel_id}"))
    gevolgen = []
    if indicator.aantal_metingen:
        gevolgen.append(
            ngettext("One measurement.", "%(aantal)s measurements.", indicator.aantal_metingen)
            % {"aantal": indicator.aantal_metingen}
        )
    return _bevestigen(
        request,
        werkruimte,
        titel=_("Delete the indicator “%(naam)s”") % {"naam": indicator.naam},
        gevolgen=gevolgen,
        actie=reverse("opgaven:indicator_verwijderen", kwargs={"slug": slug, "pk": pk}),
    )


# --- Meting ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def meting_nieuw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A new measurement of indicator ``pk``."""
    werkruimte = _bewerken_openen(request, slug)
    indicator = indicator_get(opgave=werkruimte.opgave, pk=pk)
    form = MetingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            meting_create(indicator=indicator, door=request.user, **form.cleaned_data)
        except ValidationError as error:
            _fout_tonen(form, error)
        else:
            messages.success(
                request,
                _("The measurement of “%(naam)s” has been recorded.") % {"naam": indicator.naam},
            )
            return redirect(_doelen_url(werkruimte, f"indicator-{indicator.pk}"))
    return _formulier(
        request,
        werkruimte,
        form,
        titel=_("Record a measurement of “%(naam)s”") % {"naam": indicator.naam},
        knop=_("Record measurement"),
        status=400 if request.method == "POST" else 200,
        indicator=indicator,
    )


@require_http_methods(["GET", "POST"])
@login_required
def meting_verwijderen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    werkruimte = _bewerken_openen(request, slug)
    meting = meting_get(opgave=werkruimte.opgave, pk=pk)
    if request.method == "POST":
        meting_delete(meting=meting)
        messages.success(request, _("The measurement has been deleted."))
        return redirect(_doelen_url(werkruimte, f"indicator-{meting.indicator_id}"))
    return _bevestigen(
        request,
        werkruimte,
        titel=_("Delete the measurement of “%(naam)s” on %(datum)s")
        % {"naam": meting.indicator.naam, "datum": date_format(meting.datum, "j F Y")},
        gevolgen=[],
        actie=reverse("opgaven:meting_verwijderen", kwargs={"slug": slug, "pk": pk}),
        meting=meting,
    )


# Mounted under /opgaven/<slug>/ by opgaven/urls.py.
urlpatterns = [
    path("doelen/", doelen, name="doelen"),
    path("doelen/nieuw/", doel_nieuw, name="doel_nieuw"),
    path("doelen/<int:pk>/bewerken/", doel_bewerken, name="doel_bewerken"),
    path("doelen/<int:pk>/verwijderen/", doel_verwijderen, name="doel_verwijderen"),
    path("doelen/<int:pk>/indicatoren/nieuw/", indicator_nieuw, name="indicator_nieuw"),
    path("indicatoren/<int:pk>/bewerken/", indicator_bewerken, name="indicator_bewerken"),
    path("indicatoren/<int:pk>/verwijderen/", indicator_verwijderen, name="indicator_verwijderen"),
    path("indicatoren/<int:pk>/metingen/nieuw/", meting_nieuw, name="meting_nieuw"),
    path("metingen/<int:pk>/verwijderen/", meting_verwijderen, name="meting_verwijderen"),
]
