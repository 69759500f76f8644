"""Residents' input: submit, read, edit, support, comment, flag.

Every view first opens the round as the user may see it (404 for a draft), then
the input within that round (another round's input is a 404). Taking part needs
a login; the services refuse what the round's state does not allow (closed,
own input, hidden) and that refusal is shown in plain words, never as a 500.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from participatie.forms.inwoners import InbrengForm, MarkerenForm, ReactieForm
from participatie.models import Inbreng, Markering, Ronde, Steun
from participatie.permissions import can_edit_inbreng, can_manage_ronde, can_take_part
from participatie.policies import ronde_is_open
from participatie.selectors import (
    deelname_van,
    gebieden_voor_inbreng,
    inbreng_in_ronde,
    reactie_in_ronde,
    reacties_van,
    ronde_get,
)
from participatie.services import (
    inbreng_bijwerken,
    inbreng_indienen,
    markeren,
    reactie_plaatsen,
    steun_wisselen,
)
from participatie.views.rondes import (
    HtmxHttpRequest,
    inbreng_voorbereiden,
    login_url,
    veilige_terug,
)


def _inbreng_url(ronde: Ronde, inbreng: Inbreng) -> str:
    return reverse("participatie:inbreng", kwargs={"slug": ronde.slug, "pk": inbreng.pk})


# --- Submitting and editing -------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def inbreng_nieuw(request: HttpRequest, slug: str) -> HttpResponse:
    """Submit an idea, concern or question. Join the round first (and come back here)."""
    ronde = ronde_get(user=request.user, slug=slug)
    if not (ronde_is_open(ronde) and ronde.met_inbreng):
        messages.error(request, _("This round does not take input at the moment."))
        return redirect(ronde)
    if deelname_van(ronde=ronde, user=request.user) is None:
        meedoen = reverse("participatie:meedoen", kwargs={"slug": ronde.slug})
        return redirect(f"{meedoen}?{urlencode({'next': request.path})}")
    form = InbrengForm(
        request.POST if request.method == "POST" else None,
        gebieden=gebieden_voor_inbreng(ronde=ronde),
    )
    if form.is_valid():
        try:
            inbreng = inbreng_indienen(ronde=ronde, auteur=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Thank you! Your input “%(titel)s” has been published.")
                % {"titel": inbreng.titel},
            )
            return redirect(_inbreng_url(ronde, inbreng))
    context = {"ronde": ronde, "form": form, "inbreng": None}
    status = 400 if form.errors else 200
    return render(request, "participatie/inbreng/inbreng_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def inbreng_bewerken(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The author changes their input while the round is open; nobody else may."""
    ronde = ronde_get(user=request.user, slug=slug)
    inbreng = inbreng_in_ronde(ronde=ronde, pk=pk)
    if inbreng.auteur_id != request.user.pk:
        raise PermissionDenied
    if not can_edit_inbreng(request.user, inbreng):
        messages.error(request, _("This input can no longer be changed: the round is closed."))
        return redirect(_inbreng_url(ronde, inbreng))
    form = InbrengForm(
        request.POST if request.method == "POST" else None,
        gebieden=gebieden_voor_inbreng(ronde=ronde),
        inbreng=inbreng,
    )
    if form.is_valid():
        try:
            inbreng_bijwerken(inbreng=inbreng, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect(_inbreng_url(ronde, inbreng))
    context = {"ronde": ronde, "form": form, "inbreng": inbreng}
    status = 400 if form.errors else 200
    return render(request, "participatie/inbreng/inbreng_form.html", context, status=status)


# --- Reading and commenting -------------------------------------------------------------


def _detail(
    request: HttpRequest,
    ronde: Ronde,
    inbreng: Inbreng,
    reactie_form: ReactieForm | None = None,
    status: int = 200,
) -> HttpResponse:
    gesteund = (
        request.user.is_authenticated
        and Steun.objects.filter(inbreng=inbreng, user=request.user).exists()
    )
    inbreng_voorbereiden(request, inbreng, gesteund=gesteund)
    reacties = reacties_van(inbreng=inbreng)
    for reactie in reacties:
        reactie.is_eigen = request.user.is_authenticated and reactie.auteur_id == request.user.pk
        reactie.toon_inhoud = not reactie.is_verborgen or reactie.is_eigen
    kan_meedoen = can_take_part(request.user, ronde)
    kan_reageren = kan_meedoen and not inbreng.is_verborgen
    if reactie_form is None and kan_reageren:
        reactie_form = ReactieForm()
    context = {
        "ronde": ronde,
        "inbreng": inbreng,
        "reacties": reacties,
        "reactie_form": reactie_form,
        "kan_meedoen": kan_meedoen,
        "kan_reageren": kan_reageren,
        "kan_bewerken": can_edit_inbreng(request.user, inbreng),
        "kan_beheren": can_manage_ronde(request.user, ronde),
        "terug": request.get_full_path()
        if request.method == "GET"
        else _inbreng_url(ronde, inbreng),
        "login_link": login_url(_inbreng_url(ronde, inbreng)),
    }
    return render(request, "participatie/inbreng/inbreng_detail.html", context, status=status)


@require_http_methods(["GET"])
def inbreng(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One input with its feedback and comments."""
    ronde = ronde_get(user=request.user, slug=slug)
    return _detail(request, ronde, inbreng_in_ronde(ronde=ronde, pk=pk))


@require_POST
@login_required
def reageren(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Comment on an input. A mistake shows the input page again, with status 400."""
    ronde = ronde_get(user=request.user, slug=slug)
    inbreng = inbreng_in_ronde(ronde=ronde, pk=pk)
    form = ReactieForm(request.POST)
    if form.is_valid():
        try:
            reactie = reactie_plaatsen(
                inbreng=inbreng, auteur=request.user, tekst=form.cleaned_data["tekst"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your comment has been placed."))
            return redirect(f"{_inbreng_url(ronde, inbreng)}#reactie-{reactie.pk}")
    return _detail(request, ronde, inbreng, reactie_form=form, status=400)


# --- Support ----------------------------------------------------------------------------


@require_POST
@vary_on_headers("HX-Request")
@login_required
def steun(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Support an input, or take the support back.

    With htmx the answer is the button alone (``aria-pressed`` and the count);
    without JavaScript, back to the page the form was on. A refusal (own input,
    a closed round) comes as a message, in the fragment or on that page.
    """
    ronde = ronde_get(user=request.user, slug=slug)
    inbreng = inbreng_in_ronde(ronde=ronde, pk=pk)
    terug = veilige_terug(request, request.POST.get("next"), _inbreng_url(ronde, inbreng))
    try:
        gesteund, aantal = steun_wisselen(inbreng=inbreng, user=request.user)
    except ValidationError as error:
        melding, is_fout = " ".join(error.messages), True
        gesteund = Steun.objects.filter(inbreng=inbreng, user=request.user).exists()
        aantal = inbreng.aantal_steun
    else:
        is_fout = False
        if gesteund:
            melding = _("You now support “%(titel)s”.") % {"titel": inbreng.titel}
        else:
            melding = _("You no longer support “%(titel)s”.") % {"titel": inbreng.titel}
    if request.htmx:
        inbreng_voorbereiden(request, inbreng, gesteund=gesteund)
        inbreng.aantal_steun = aantal
        context = {
            "ronde": ronde,
            "inbreng": inbreng,
            "kan_meedoen": can_take_part(request.user, ronde),
            "terug": terug,
            "melding": melding,
            "is_fout": is_fout,
        }
        return render(request, "participatie/inbreng/_steun.html", context)
    (messages.error if is_fout else messages.success)(request, melding)
    return redirect(terug)


# --- Flags ------------------------------------------------------------------------------


def _markeren(
    request: HttpRequest, ronde: Ronde, inbreng: Inbreng, *, doel: dict, terug: str
) -> HttpResponse:
    """The flag form for an input or a comment (``doel`` is the service's keyword)."""
    zelfde = Markering.objects.filter(melder=request.user, **doel)
    al_gemeld = zelfde.exists()
    form = MarkerenForm(request.POST if request.method == "POST" and not al_gemeld else None)
    if form.is_valid():
        try:
            markeren(melder=request.user, reden=form.cleaned_data["reden"], **doel)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Thank you. A moderator of the municipality will look at it."),
            )
            return redirect(terug)
    context = {
        "ronde": ronde,
        "inbreng": inbreng,
        "reactie": doel.get("reactie"),
        "form": form,
        "al_gemeld": al_gemeld,
        "terug": terug,
    }
    status = 400 if form.errors else 200
    return render(request, "participatie/inbreng/markeren.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def inbreng_markeren(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    ronde = ronde_get(user=request.user, slug=slug)
    inbreng = inbreng_in_ronde(ronde=ronde, pk=pk)
    doel = {"inbreng": inbreng}
    return _markeren(request, ronde, inbreng, doel=doel, terug=_inbreng_url(ronde, inbreng))


@require_http_methods(["GET", "POST"])
@login_required
def reactie_markeren(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    ronde = ronde_get(user=request.user, slug=slug)
    reactie = reactie_in_ronde(ronde=ronde, pk=pk)
    inbreng = inbreng_in_ronde(ronde=ronde, pk=reactie.inbreng_id)
    terug = f"{_inbreng_url(ronde, inbreng)}#reactie-{reactie.pk}"
    return _markeren(request, ronde, inbreng, doel={"reactie": reactie}, terug=terug)


urlpatterns = [
    path("<slug:slug>/inbreng/nieuw/", inbreng_nieuw, name="inbreng_nieuw"),
    path("<slug:slug>/inbreng/<int:pk>/", inbreng, name="inbreng"),
    path("<slug:slug>/inbreng/<int:pk>/bewerken/", inbreng_bewerken, name="inbreng_bewerken"),
    path("<slug:slug>/inbreng/<int:pk>/steun/", steun, name="steun"),
    path("<slug:slug>/inbreng/<int:pk>/reageren/", reageren, name="reageren"),
    path("<slug:slug>/inbreng/<int:pk>/markeren/", inbreng_markeren, name="inbreng_markeren"),
    path("<slug:slug>/reacties/<int:pk>/markeren/", reactie_markeren, name="reactie_markeren"),
]
