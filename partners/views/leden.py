"""The members of an organisation (issue 5 point 2).

The organisation's own members see who works for it; its contact persons invite
new members by e-mail and end memberships. Officials who keep the register read
the page. Ending a membership takes its access away at once: every right that
comes from it is read from the active memberships when it is asked for.
A contact person does not end their own membership here, so an organisation
cannot lose its last contact person by a slip; another contact person or the
municipality (in the admin) does that.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from config.formulieren import fout_tonen
from partners.forms import UitnodigingForm
from partners.models import Organisatie
from partners.permissions import Rechten, rechten_op
from partners.selectors import leden_van, lid_get, organisatie_get
from partners.services import lid_uitnodigen, lidmaatschap_beeindigen


def _organisatie_openen(request: HttpRequest, slug: str) -> tuple[Organisatie, Rechten]:
    """The organisation (404 when unknown) and the user's rights on it; 403 for who
    may not see its members."""
    organisatie = organisatie_get(slug=slug)
    rechten = rechten_op(request.user, organisatie)
    if not rechten.kan_leden_zien:
        raise PermissionDenied
    return organisatie, rechten


def _check_contactpersoon(rechten: Rechten) -> None:
    if not rechten.is_contactpersoon:
        raise PermissionDenied


@require_http_methods(["GET"])
@login_required
def leden(request: HttpRequest, slug: str) -> HttpResponse:
    organisatie, rechten = _organisatie_openen(request, slug)
    context = {
        "organisatie": organisatie,
        "rechten": rechten,
        "leden": leden_van(organisatie=organisatie),
    }
    return render(request, "partners/leden.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def lid_uitnodigen_view(request: HttpRequest, slug: str) -> HttpResponse:
    organisatie, rechten = _organisatie_openen(request, slug)
    _check_contactpersoon(rechten)
    form = UitnodigingForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            uitnodiging = lid_uitnodigen(
                organisatie=organisatie,
                uitgenodigd_door=request.user,
                site_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except ValidationError as error:
            fout_tonen(form, error)
        else:
            messages.success(request, _uitnodiging_bericht(uitnodiging, organisatie))
            return redirect("partners:leden", slug=organisatie.slug)
    context = {"organisatie": organisatie, "rechten": rechten, "form": form}
    return render(
        request, "partners/lid_uitnodigen.html", context, status=400 if form.errors else 200
    )


def _uitnodiging_bericht(uitnodiging, organisatie: Organisatie) -> str:
    gegevens = {"email": uitnodiging.lidmaatschap.user.email, "organisatie": organisatie.naam}
    if uitnodiging.nieuw_account:
        return (
            _(
                "%(email)s is now a member of %(organisatie)s. We have sent an e-mail with a "
                "link to set a password."
            )
            % gegevens
        )
    if uitnodiging.mail_verstuurd:
        return (
            _(
                "%(email)s already had an account but never set a password. They are now a "
                "member of %(organisatie)s, and we have sent the link to set a password again."
            )
            % gegevens
        )
    return (
        _(
            "%(email)s already has an account and is now a member of %(organisatie)s. "
            "They can log in as usual."
        )
        % gegevens
    )


@require_http_methods(["GET", "POST"])
@login_required
def lid_beeindigen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Confirm, then end a membership today: the person loses the organisation's access."""
    organisatie, rechten = _organisatie_openen(request, slug)
    _check_contactpersoon(rechten)
    lidmaatschap = lid_get(organisatie=organisatie, pk=pk)
    if lidmaatschap.user_id == request.user.pk:
        raise PermissionDenied
    if request.method == "POST":
        lidmaatschap_beeindigen(lidmaatschap=lidmaatschap)
        messages.success(
            request,
            _("The membership of %(naam)s has ended. They no longer work for %(organisatie)s here.")
            % {"naam": lidmaatschap.user, "organisatie": organisatie.naam},
        )
        return redirect("partners:leden", slug=organisatie.slug)
    context = {"organisatie": organisatie, "rechten": rechten, "lidmaatschap": lidmaatschap}
    return render(request, "partners/lid_beeindigen.html", context)


# Mounted under /partners/ by partners/urls.py.
urlpatterns = [
    path("<slug:slug>/leden/", leden, name="leden"),
    path("<slug:slug>/leden/uitnodigen/", lid_uitnodigen_view, name="lid_uitnodigen"),
    path("<slug:slug>/leden/<int:pk>/beeindigen/", lid_beeindigen, name="lid_beeindigen"),
]
