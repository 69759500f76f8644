"""The register of partner organisations (issue 5 point 1).

Everyone with ``partners.view_organisatie`` (officials, partners, advisers,
administrators) reads the register; residents do not. Officials add and edit
organisations (``partners.add_organisatie`` / ``partners.change_organisatie``).
A contact person of an organisation may change how it presents itself (website
and description); its name, kind and KvK number are kept by the municipality.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from config.formulieren import fout_tonen
from partners.forms import OrganisatieBeschrijvingForm, OrganisatieFilterForm, OrganisatieForm
from partners.permissions import check_can_view_register, rechten_op
from partners.secties import DETAIL
from partners.selectors import (
    contactpersonen,
    organisatie_get,
    organisaties_zoeken,
)
from partners.services import organisatie_bijwerken, organisatie_create
from partners.views.portaal import secties_html

ORGANISATIES_PER_PAGINA = 25


@require_http_methods(["GET"])
@login_required
def organisatie_list(request: HttpRequest) -> HttpResponse:
    """The register, searched and filtered by a plain GET form; page links keep the filters."""
    check_can_view_register(request.user)
    form = OrganisatieFilterForm(request.GET)
    filters = form.filters()
    organisaties = organisaties_zoeken(**filters)
    pagina = Paginator(organisaties, ORGANISATIES_PER_PAGINA).get_page(request.GET.get("pagina"))
    context = {
        "form": form,
        "pagina": pagina,
        "zoekterm": filters["zoekterm"],
        "is_gefilterd": form.is_gefilterd(),
        "kan_toevoegen": request.user.has_perm("partners.add_organisatie"),
    }
    return render(request, "partners/organisatie_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def organisatie_add(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("partners.add_organisatie"):
        raise PermissionDenied
    form = OrganisatieForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            organisatie = organisatie_create(**form.cleaned_data)
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(
                request,
                _("%(naam)s has been added to the register.") % {"naam": organisatie.naam},
            )
            return redirect("partners:detail", slug=organisatie.slug)
    return render(
        request,
        "partners/organisatie_form.html",
        {"form": form, "organisatie": None},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET"])
@login_required
def organisatie_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's own data, then the sections other apps register (its opgaven,
    the actions it leads, its contributions). Contact persons by name only."""
    check_can_view_register(request.user)
    organisatie = organisatie_get(slug=slug)
    rechten = rechten_op(request.user, organisatie)
    context = {
        "organisatie": organisatie,
        "rechten": rechten,
        "contactpersonen": list(
            contactpersonen(organisatie_ids=[organisatie.pk]).order_by("weergavenaam", "pk")
        ),
        "secties": secties_html(DETAIL, organisatie, request),
    }
    return render(request, "partners/organisatie_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def organisatie_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Officials edit every field; a contact person only the website and description."""
    check_can_view_register(request.user)
    organisatie = organisatie_get(slug=slug)
    rechten = rechten_op(request.user, organisatie)
    if not rechten.kan_bewerken:
        raise PermissionDenied
    form_class = OrganisatieForm if rechten.kan_beheren else OrganisatieBeschrijvingForm
    form = form_class(request.POST if request.method == "POST" else None, organisatie=organisatie)
    if form.is_valid():
        try:
            organisatie_bijwerken(
                organisatie=organisatie,
                **{name: form.cleaned_data[name] for name in form.changed_data},
            )
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(
                request, _("The details of %(naam)s have been saved.") % {"naam": organisatie.naam}
            )
            return redirect("partners:detail", slug=organisatie.slug)
    context = {"form": form, "organisatie": organisatie, "rechten": rechten}
    return render(
        request, "partners/organisatie_form.html", context, status=400 if form.errors else 200
    )


# Mounted under /partners/ by partners/urls.py. "nieuw" is no organisation's slug
# (``services.GERESERVEERDE_SLUGS``), so the add form comes first.
urlpatterns = [
    path("", organisatie_list, name="list"),
    path("nieuw/", organisatie_add, name="add"),
    path("<slug:slug>/", organisatie_detail, name="detail"),
    path("<slug:slug>/bewerken/", organisatie_edit, name="edit"),
]
