"""The field of forces: involved organisations, positions over time, contacts, commitments.

Only officials and the opgave's role holders open these pages
(``werkruimte_openen`` gives partners 403); changing anything needs
``can_change_opgave``. Objects named in a URL are fetched scoped to the opgave,
so another opgave's id gives 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opgaven.forms.krachtenveld import (
    BetrokkenheidForm,
    ContactmomentForm,
    PeildatumForm,
    PositieForm,
    ToezeggingForm,
    ToezeggingStatusForm,
)
from opgaven.models import Opgave, Toezegging
from opgaven.permissions import check_can_change_opgave
from opgaven.selectors.krachtenveld import (
    aantal_verlopen,
    betrokkenheden_van,
    betrokkenheid_dossier,
    betrokkenheid_get,
    betrokkenheid_met_aantallen,
    contactmomenten_van,
    krachtenveld_raster,
    laatste_positie,
    toezegging_get,
    toezeggingen_van,
)
from opgaven.services import krachtenveld as services
from opgaven.views.werkruimte import Werkruimte, werkruimte_openen

TAB = "krachtenveld"


# --- Pages ----------------------------------------------------------------------------
# The tab has three pages, each one query for its data: the field itself (grid,
# data table, organisations), the commitments and the contacts. An organisation's
# own page gathers all three for that organisation.


@require_http_methods(["GET"])
@login_required
def krachtenveld(request: HttpRequest, slug: str) -> HttpResponse:
    """The grid of power and interest with every organisation's trajectory, the data
    table beside it, and the involved organisations.

    ``?op=YYYY-MM-DD`` shows the positions as they were on that day.
    """
    werkruimte = werkruimte_openen(request, slug, TAB)
    peil_form = PeildatumForm(request.GET if "op" in request.GET else None)
    peildatum = peil_form.peildatum()
    betrokkenheden = betrokkenheden_van(opgave=werkruimte.opgave, op=peildatum)
    context = werkruimte.context(
        onderdeel="krachtenveld",
        aantal_verlopen=aantal_verlopen(opgave=werkruimte.opgave),
        peil_form=peil_form,
        peildatum=peildatum,
        betrokkenheden=betrokkenheden,
        raster=krachtenveld_raster(betrokkenheden),
    )
    status = 400 if peil_form.errors else 200
    return render(request, "opgaven/krachtenveld/krachtenveld.html", context, status=status)


@require_http_methods(["GET"])
@login_required
def toezeggingen(request: HttpRequest, slug: str) -> HttpResponse:
    """Every commitment of this opgave, open ones first; overdue ones say so."""
    werkruimte = werkruimte_openen(request, slug, TAB)
    alle = list(toezeggingen_van(opgave=werkruimte.opgave))
    context = werkruimte.context(
        onderdeel="toezeggingen",
        aantal_verlopen=sum(toezegging.verlopen for toezegging in alle),
        toezeggingen=alle,
        statussen=Toezegging.Status.choices,
    )
    return render(request, "opgaven/krachtenveld/toezeggingen.html", context)


@require_http_methods(["GET"])
@login_required
def contactmomenten(request: HttpRequest, slug: str) -> HttpResponse:
    """Every logged contact of this opgave, newest first."""
    werkruimte = werkruimte_openen(request, slug, TAB)
    context = werkruimte.context(
        onderdeel="contactmomenten",
        aantal_verlopen=aantal_verlopen(opgave=werkruimte.opgave),
        contactmomenten=list(contactmomenten_van(opgave=werkruimte.opgave)),
    )
    return render(request, "opgaven/krachtenveld/contactmomenten.html", context)


@require_http_methods(["GET"])
@login_required
def betrokkenheid_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One organisation in this opgave: its trajectory, contacts and commitments."""
    werkruimte = werkruimte_openen(request, slug, TAB)
    betrokkenheid = betrokkenheid_dossier(opgave=werkruimte.opgave, pk=pk)
    context = werkruimte.context(
        onderdeel="krachtenveld",
        betrokkenheid=betrokkenheid,
        raster=krachtenveld_raster([betrokkenheid]),
        contactmomenten=betrokkenheid.contacten,
        toezeggingen=betrokkenheid.beloften,
        statussen=Toezegging.Status.choices,
    )
    return render(request, "opgaven/krachtenveld/betrokkenheid.html", context)


# --- Betrokkenheid --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def betrokkenheid_nieuw(request: HttpRequest, slug: str) -> HttpResponse:
    werkruimte = _bewerken(request, slug)
    opgave = werkruimte.opgave
    form = BetrokkenheidForm(_data(request), opgave=opgave)
    if form.is_valid():
        try:
            betrokkenheid = services.betrokkenheid_toevoegen(opgave=opgave, **form.cleaned_data)
        except ValidationError as error:
            _fouten(form, error)
        else:
            messages.success(
                request,
                _("%(organisatie)s is now involved in this opgave.")
                % {"organisatie": betrokkenheid.organisatie.naam},
            )
            return _naar_tab(opgave, "betrokkenheden")
    return _formulier(
        request,
        werkruimte,
        form,
        titel=_("Involve an organisation"),
        uitleg=_(
            "Its members can see this opgave and its plan van aanpak, but not this field of forces."
        ),
        knop=_("Involve organisation"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def betrokkenheid_bewerken(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    werkruimte = werkruimte_openen(request, slug, TAB)
    opgave = werkruimte.opgave
    betrokkenheid = betrokkenheid_get(opgave=opgave, pk=pk)
    check_can_change_opgave(request.user, opgave)
    form = BetrokkenheidForm(_data(request), opgave=opgave, betrokkenheid=betrokkenheid)
    if form.is_valid():
        try:
            services.betrokkenheid_wijzigen(betrokkenheid=betrokkenheid, **form.cleaned_data)
        except ValidationError as error:
            _fouten(form, error)
        else:
            messages.success(
                request,
                _("The involvement of %(organisatie)s has been saved.")
                % {"organisatie": betrokkenheid.organisatie.naam},
            )
            return _naar_tab(opgave, "betrokkenheden")
    return _formulier(
        request,
        werkruimte,
        form,
        titel=_("How %(organisatie)s is involved") % {"organisatie": betrokkenheid.organisatie},
        knop=_("Save changes"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def betrokkenheid_verwijderen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Ask first (GET), then end the involvement (POST)."""
    werkruimte = werkruimte_openen(request, slug, TAB)
    opgave = werkruimte.opgave
    betrokkenheid = betrokkenheid_met_aantallen(opgave=opgave, pk=pk)
    check_can_change_opgave(request.user, opgave)
    fout = None
    if request.method == "POST":
        try:
            services.betrokkenheid_verwijderen(betrokkenheid=betrokkenheid)
        except ValidationError as error:
            fout = error.messages
        else:
            messages.success(
                request,
                _("%(organisatie)s is no longer involved in this opgave.")
                % {"organisatie": betrokkenheid.organisatie.naam},
            )
            return _naar_tab(opgave, "betrokkenheden")
    context = werkruimte.context(
        betrokkenheid=betrokkenheid,
        fout=fout,
    )
    return render(
        request,
        "opgaven/krachtenveld/betrokkenheid_verwijderen.html",
        context,
        status=400 if fout else 200,
    )


# --- Positie, contactmoment, toezegging -----------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def positie_nieuw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    werkruimte = werkruimte_openen(request, slug, TAB)
    opgave = werkruimte.opgave
    betrokkenheid = betrokkenheid_get(opgave=opgave, pk=pk)
    check_can_change_opgave(request.user, opgave)
    form = PositieForm(_data(request), vorige=laatste_positie(betrokkenheid=betrokkenheid))
    if form.is_valid():
        try:
            positie = services.positie_vastleggen(
                betrokkenheid=betrokkenheid, door=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _fouten(form, error)
        else:
            messages.success(
                request,
                _("The position of %(organisatie)s on %(datum)s has been recorded.")
                % {
                    "organisatie": betrokkenheid.organisatie.naam,
                    "datum": date_format(positie.datum, "j F Y"),
                },
            )
            return _naar_tab(opgave, "raster")
    return _formulier(
        request,
        werkruimte,
        form,
        titel=_("Record the position of %(organisatie)s")
        % {"organisatie": betrokkenheid.organisatie},
        uitleg=_(
            "A position is a dated snapshot. Earlier positions stay, so the grid shows "
            "how the organisation moves over time. The last position is filled in."
        ),
        knop=_("Record position"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def contactmoment_nieuw(request: HttpRequest, slug: str) -> HttpResponse:
    werkruimte = _bewerken(request, slug)
    opgave = werkruimte.opgave
    form = ContactmomentForm(
        _data(request), opgave=opgave, betrokkenheid_id=_betrokkenheid_id(request)
    )
    if form.is_valid():
        try:
            contactmoment = services.contactmoment_vastleggen(
                opgave=opgave, door=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _fouten(form, error)
        else:
            messages.success(
                request,
                _("The contact with %(organisatie)s has been logged.")
                % {"organisatie": contactmoment.betrokkenheid.organisatie.naam},
            )
            return redirect("opgaven:contactmomenten", slug=opgave.slug)
    return _formulier(
        request,
        werkruimte,
        form,
        titel=_("Log a contact"),
        knop=_("Log contact"),
        terug="contactmomenten",
    )


@require_http_methods(["GET", "POST"])
@login_required
def toezegging_nieuw(request: HttpRequest, slug: str) -> HttpResponse:
    werkruimte = _bewerken(request, slug)
    opgave = werkruimte.opgave
    form = ToezeggingForm(
        _data(request),
        opgave=opgave,
        user=request.user,
        betrokkenheid_id=_betrokkenheid_id(request),
    )
    if form.is_valid():
        try:
            services.toezegging_toevoegen(opgave=opgave, **form.cleaned_data)
        except ValidationError as error:
            _fouten(form, error)
        else:
            messages.success(request, _("The commitment has been recorded."))
            return redirect("opgaven:toezeggingen", slug=opgave.slug)
    return _formulier(
        request,
        werkruimte,
        form,
        titel=_("Record a commitment"),
        uitleg=_("A promise made in this opgave, with who keeps it and by when."),
        knop=_("Record commitment"),
        terug="toezeggingen",
    )


@require_http_methods(["GET", "POST"])
@login_required
def toezegging_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Change a commitment's status; the tab posts here from each row."""
    werkruimte = werkruimte_openen(request, slug, TAB)
    opgave = werkruimte.opgave
    toezegging = toezegging_get(opgave=opgave, pk=pk)
    check_can_change_opgave(request.user, opgave)
    form = ToezeggingStatusForm(_data(request), toezegging=toezegging)
    if form.is_valid():
        try:
            services.toezegging_status_wijzigen(toezegging=toezegging, **form.cleaned_data)
        except ValidationError as error:
            _fouten(form, error)
        else:
            messages.success(
                request,
                _("The commitment “%(omschrijving)s” is now: %(status)s.")
                % {
                    "omschrijving": toezegging.omschrijving,
                    "status": toezegging.get_status_display().lower(),
                },
            )
            return redirect("opgaven:toezeggingen", slug=opgave.slug)
    return _formulier(
        request,
        werkruimte,
        form,
        titel=_("Status of the commitment “%(omschrijving)s”")
        % {"omschrijving": toezegging.omschrijving},
        knop=_("Save status"),
        terug="toezeggingen",
    )


# --- Helpers --------------------------------------------------------------------------


def _bewerken(request: HttpRequest, slug: str) -> Werkruimte:
    """The workspace for a page that changes the opgave: 403 without the right."""
    werkruimte = werkruimte_openen(request, slug, TAB)
    check_can_change_opgave(request.user, werkruimte.opgave)
    return werkruimte


def _data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _betrokkenheid_id(request: HttpRequest) -> int | None:
    """``?betrokkenheid=<id>`` preselects an organisation; the form only offers this opgave's."""
    waarde = request.GET.get("betrokkenheid", "")
    return int(waarde) if waarde.isdigit() else None


def _fouten(form: Form, error: ValidationError) -> None:
    """Show a service's ``ValidationError`` on the form: at its field when the form
    has that field, above the form otherwise."""
    if hasattr(error, "error_dict"):
        for veld, fouten in error.error_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, error)


def _naar_tab(opgave: Opgave, anker: str) -> HttpResponse:
    return redirect(reverse("opgaven:krachtenveld", kwargs={"slug": opgave.slug}) + f"#{anker}")


def _formulier(
    request: HttpRequest,
    werkruimte: Werkruimte,
    form: Form,
    *,
    titel: str,
    knop: str,
    uitleg: str = "",
    terug: str = "krachtenveld",
) -> HttpResponse:
    """The page of one form; 400 when it comes back from a POST (with its errors).
    ``terug`` names the page of this tab that "Back" and "Cancel" lead to."""
    context = werkruimte.context(
        onderdeel=terug,
        form=form,
        titel=titel,
        uitleg=uitleg,
        knop=knop,
        terug_url=reverse(f"opgaven:{terug}", kwargs={"slug": werkruimte.opgave.slug}),
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "opgaven/krachtenveld/formulier.html", context, status=status)


# Mounted under /opgaven/<slug>/ by opgaven/urls.py.
urlpatterns = [
    path("krachtenveld/", krachtenveld, name="krachtenveld"),
    path("krachtenveld/betrokkenheden/nieuw/", betrokkenheid_nieuw, name="betrokkenheid_nieuw"),
    path(
        "krachtenveld/betrokkenheden/<int:pk>/",
        betrokkenheid_detail,
        name="betrokkenheid_detail",
    ),
    path(
        "krachtenveld/betrokkenheden/<int:pk>/bewerken/",
        betrokkenheid_bewerken,
        name="betrokkenheid_bewerken",
    ),
    path(
        "krachtenveld/betrokkenheden/<int:pk>/verwijderen/",
        betrokkenheid_verwijderen,
        name="betrokkenheid_verwijderen",
    ),
    path(
        "krachtenveld/betrokkenheden/<int:pk>/posities/nieuw/",
        positie_nieuw,
        name="positie_nieuw",
    ),
    path("krachtenveld/contactmomenten/", contactmomenten, name="contactmomenten"),
    path("krachtenveld/contactmomenten/nieuw/", contactmoment_nieuw, name="contactmoment_nieuw"),
    path("krachtenveld/toezeggingen/", toezeggingen, name="toezeggingen"),
    path("krachtenveld/toezeggingen/nieuw/", toezegging_nieuw, name="toezegging_nieuw"),
    path(
        "krachtenveld/toezeggingen/<int:pk>/status/",
        toezegging_status,
        name="toezegging_status",
    ),
]
