"""Opgaverollen: who holds which role on an opgave; assigning and ending roles.

The pages sit under the Overview tab. Everyone with the workspace (officials,
role holders, members of involved organisations) reads the roles; role holders
of an opgave that is not finished (``kan_bewerken``) assign and end them. The
services derive the guardian permissions, so a change of role changes the
rights at once.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opgaven.forms.rollen import RolBeeindigenForm, RolToekennenForm
from opgaven.models import Opgaverol
from opgaven.permissions import check_can_change_opgave
from opgaven.selectors.rollen import (
    opgaverol_get,
    opgaverol_is_beeindigd,
    opgaverol_overlapt,
    opgaverollen_van,
    rol_keuzes,
    weergavenaam,
)
from opgaven.services.opgaven import opgaverol_beeindigen, opgaverol_toekennen
from opgaven.views.werkruimte import Werkruimte, werkruimte_openen
from partners.models import Organisatie


def _werkruimte(request: HttpRequest, slug: str, *, bewerken: bool = False) -> Werkruimte:
    """The opgave under the Overview tab, for those who see its workspace (else 403).

    With ``bewerken``, only for those who may change the opgave (else 403): a
    POST asks ``check_can_change_opgave`` again, a GET uses the answer the
    workspace already has (``kan_bewerken``), which keeps the page in budget.
    """
    werkruimte = werkruimte_openen(request, slug, "overzicht")
    if not werkruimte.kan_werkruimte:
        raise PermissionDenied
    if bewerken:
        if request.method == "POST":
            check_can_change_opgave(request.user, werkruimte.opgave)
        elif not werkruimte.kan_bewerken:
            raise PermissionDenied
    return werkruimte


@require_http_methods(["GET"])
@login_required
def rollen(request: HttpRequest, slug: str) -> HttpResponse:
    werkruimte = _werkruimte(request, slug)
    context = werkruimte.context(
        rollen=opgaverollen_van(opgave=werkruimte.opgave), vandaag=timezone.localdate()
    )
    return render(request, "opgaven/rollen/rollen.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def rol_toekennen(request: HttpRequest, slug: str) -> HttpResponse:
    werkruimte = _werkruimte(request, slug, bewerken=True)
    opgave = werkruimte.opgave
    form = RolToekennenForm(
        request.POST if request.method == "POST" else None, keuzes=rol_keuzes(opgave=opgave)
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            if opgaverol_overlapt(
                opgave=opgave, user_id=data["user"], rol=data["rol"], van=data["van"]
            ):
                form.add_error("rol", _("This person already holds this role on this opgave."))
            else:
                try:
                    opgaverol = opgaverol_toekennen(
                        opgave=opgave,
                        user=get_user_model().objects.get(pk=data["user"]),
                        rol=data["rol"],
                        van=data["van"],
                        door=request.user,
                        organisatie=_organisatie(data["organisatie"]),
                    )
                except ValidationError as error:
                    form.add_error(None, error.messages)
                else:
                    messages.success(
                        request,
                        _("%(naam)s has the role %(rol)s from %(datum)s.")
                        % {
                            "naam": weergavenaam(opgaverol.user),
                            "rol": str(opgaverol.get_rol_display()).lower(),
                            "datum": formats.date_format(opgaverol.van, "j F Y"),
                        },
                    )
                    return redirect("opgaven:rollen", slug=opgave.slug)
        status = 400
    else:
        status = 200
    context = werkruimte.context(form=form)
    return render(request, "opgaven/rollen/rol_toekennen.html", context, status=status)


def _organisatie(organisatie_id: int | None) -> Organisatie | None:
    return Organisatie.objects.get(pk=organisatie_id) if organisatie_id is not None else None


@require_http_methods(["GET", "POST"])
@login_required
def rol_beeindigen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Ask which day the role ends (today by default), then end it: its rights go at once."""
    werkruimte = _werkruimte(request, slug, bewerken=True)
    opgave = werkruimte.opgave
    opgaverol = opgaverol_get(opgave=opgave, pk=pk)
    form = RolBeeindigenForm(
        request.POST if request.method == "POST" else None, opgaverol=opgaverol
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            opgaverol = opgaverol_beeindigen(opgaverol=opgaverol, tot=form.cleaned_data["tot"])
            messages.success(request, _einde_bericht(opgaverol))
            return redirect("opgaven:rollen", slug=opgave.slug)
        status = 400
    context = werkruimte.context(
        form=form,
        opgaverol=opgaverol,
        is_beeindigd=opgaverol_is_beeindigd(opgaverol),
        eigen_rol=opgaverol.user_id == request.user.pk,
    )
    return render(request, "opgaven/rollen/rol_beeindigen.html", context, status=status)


def _einde_bericht(opgaverol: Opgaverol) -> str:
    values = {
        "naam": weergavenaam(opgaverol.user),
        "rol": str(opgaverol.get_rol_display()).lower(),
        "datum": formats.date_format(opgaverol.tot, "j F Y"),
    }
    if opgaverol_is_beeindigd(opgaverol):
        return _("%(naam)s no longer has the role %(rol)s (ended on %(datum)s).") % values
    return _("The role %(rol)s of %(naam)s ends on %(datum)s.") % values


# Mounted under /opgaven/<slug>/ by opgaven/urls.py.
urlpatterns = [
    path("rollen/", rollen, name="rollen"),
    path("rollen/toekennen/", rol_toekennen, name="rol_toekennen"),
    path("rollen/<int:pk>/beeindigen/", rol_beeindigen, name="rol_beeindigen"),
]
