"""Public pages of participation: the list of rounds, a round's page, and joining a round.

Anonymous visitors read every round that is no draft (``selectors.ronde_get``
gives 404 for a draft unless the user manages it); taking part needs a login.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from django_htmx.middleware import HtmxDetails

from config.paginering import Lichtpaginator
from participatie.forms.inwoners import DeelnameForm, InbrengFilterForm, RondeFilterForm
from participatie.models import TREDE_UITLEG, Inbreng, Ronde, Trede
from participatie.permissions import can_manage_ronde, can_take_part
from participatie.policies import ronde_is_open
from participatie.selectors import (
    auteursnamen_zetten,
    deelname_van,
    gesteund_door,
    inbreng_van_ronde,
    ronde_get,
    rondes_openbaar,
    wijken_voor_ronde,
)
from participatie.services import deelnemen

RONDES_PER_PAGINA = 20
INBRENG_PER_PAGINA = 25


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def veilige_terug(request: HttpRequest, waarde: str | None, standaard: str) -> str:
    """``waarde`` when it is a path on this site (a ``next`` parameter), else ``standaard``."""
    if waarde and url_has_allowed_host_and_scheme(
        waarde, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return waarde
    return standaard


def login_url(volgende: str) -> str:
    """The login page (password or a code by e-mail), bringing the visitor back to ``volgende``."""
    return f"{reverse('account_login')}?{urlencode({'next': volgende})}"


def kaarten_voorbereiden(request: HttpRequest, ronde: Ronde, rijen) -> list[Inbreng]:
    """Give each input row what its card shows: the public author name, whether the
    user supports it (one query for the page), whether it is theirs, and whether
    its text is shown (hidden input: to its author only)."""
    rijen = auteursnamen_zetten(rijen)
    gesteund = gesteund_door(user=request.user, inbreng_ids=[rij.pk for rij in rijen])
    for rij in rijen:
        rij.ronde = ronde
        inbreng_voorbereiden(request, rij, gesteund=rij.pk in gesteund)
    return rijen


def inbreng_voorbereiden(request: HttpRequest, inbreng: Inbreng, *, gesteund: bool) -> Inbreng:
    inbreng.gesteund = gesteund
    inbreng.is_eigen = request.user.is_authenticated and inbreng.auteur_id == request.user.pk
    inbreng.toon_inhoud = not inbreng.is_verborgen or inbreng.is_eigen
    return inbreng


@require_http_methods(["GET"])
@vary_on_headers("HX-Request")
def ronde_list(request: HtmxHttpRequest) -> HttpResponse:
    """Open rounds first, then those of the last twelve months; filter by area and theme."""
    form = RondeFilterForm(request.GET)
    rondes = rondes_openbaar(user=request.user, **form.filters())
    pagina = Paginator(rondes, RONDES_PER_PAGINA).get_page(request.GET.get("pagina"))
    template = "participatie/ronde_list.html"
    htmx = bool(request.htmx) and not request.htmx.history_restore_request
    if htmx:
        template += "#resultaten"
    context = {"form": form, "pagina": pagina, "is_gefilterd": form.is_gefilterd(), "htmx": htmx}
    return render(request, template, context)


@require_http_methods(["GET"])
@vary_on_headers("HX-Request")
def ronde(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The round: question, room for influence, the ladder, timeline, sessions and input."""
    ronde = ronde_get(user=request.user, slug=slug)
    form = InbrengFilterForm(request.GET)
    inbreng, licht = inbreng_van_ronde(ronde=ronde, **form.filters())
    pagina = Lichtpaginator(inbreng, INBRENG_PER_PAGINA, licht=licht).get_page(
        request.GET.get("pagina")
    )
    pagina.object_list = kaarten_voorbereiden(request, ronde, pagina.object_list)
    context = {
        "ronde": ronde,
        "form": form,
        "pagina": pagina,
        "is_gefilterd": form.is_gefilterd(),
        "terug": request.get_full_path(),
        "kan_meedoen": can_take_part(request.user, ronde),
        "login_link": login_url(ronde.get_absolute_url()),
    }
    htmx = bool(request.htmx) and not request.htmx.history_restore_request
    if htmx:
        return render(request, "participatie/ronde.html#inbreng", context)
    context.update(
        kan_beheren=can_manage_ronde(request.user, ronde),
        deelname=deelname_van(ronde=ronde, user=request.user),
        ladder=[
            {"waarde": waarde, "label": label, "uitleg": TREDE_UITLEG[Trede(waarde)]}
            for waarde, label in Trede.choices
        ],
        sessies=list(ronde.sessies.all()),
    )
    return render(request, "participatie/ronde.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def meedoen(request: HttpRequest, slug: str) -> HttpResponse:
    """Join the round: consent, and optionally district and age group (statistics only)."""
    ronde = ronde_get(user=request.user, slug=slug)
    if not ronde_is_open(ronde):
        messages.error(request, _("This round is not open: taking part is no longer possible."))
        return redirect(ronde)
    deelname = deelname_van(ronde=ronde, user=request.user)
    standaard = (
        reverse("participatie:inbreng_nieuw", kwargs={"slug": ronde.slug})
        if ronde.met_inbreng
        else ronde.get_absolute_url()
    )
    volgende = veilige_terug(request, request.POST.get("next") or request.GET.get("next"), "")
    form = DeelnameForm(
        request.POST if request.method == "POST" else None,
        wijken=wijken_voor_ronde(ronde=ronde),
        deelname=deelname,
    )
    if form.is_valid():
        try:
            deelnemen(
                ronde=ronde,
                user=request.user,
                wijk=form.cleaned_data["wijk"],
                leeftijdsgroep=form.cleaned_data["leeftijdsgroep"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if deelname is None:
                messages.success(request, _("You are taking part in this round. Welcome!"))
            else:
                messages.success(request, _("Your details have been saved."))
            return redirect(volgende or standaard)
    context = {"ronde": ronde, "form": form, "deelname": deelname, "volgende": volgende}
    status = 400 if form.errors else 200
    return render(request, "participatie/meedoen.html", context, status=status)


urlpatterns = [
    path("", ronde_list, name="list"),
    path("<slug:slug>/", ronde, name="ronde"),
    path("<slug:slug>/meedoen/", meedoen, name="meedoen"),
]
