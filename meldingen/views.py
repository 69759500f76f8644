"""Pages for meldingen: the inbox, the bell, preferences and unsubscribing from e-mail."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from django_htmx.http import trigger_client_event
from django_htmx.middleware import HtmxDetails

from accounts.models import User
from meldingen.forms import VoorkeurForm
from meldingen.models import Bezorging, Soort
from meldingen.selectors import (
    Filter,
    aantal_ongelezen,
    melding_van,
    meldingen_van,
    voorkeuren_van,
)
from meldingen.services import (
    afmeld_token_lezen,
    melding_markeer_gelezen,
    meldingen_alles_gelezen,
    voorkeur_instellen,
)

MELDINGEN_PER_PAGINA = 25
# Fired after a change, so the bell in the header counts again.
GEWIJZIGD = "meldingen-gewijzigd"


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


# --- Inbox ---------------------------------------------------------------------------


def _inbox_context(request: HttpRequest, params: QueryDict) -> dict:
    """The list as ``params`` (the query string, or the fields of a form) asks for it."""
    filter = Filter(params["filter"]) if params.get("filter") in Filter.values else Filter.ALLE
    meldingen = meldingen_van(user=request.user, filter=filter)
    pagina = Paginator(meldingen, MELDINGEN_PER_PAGINA).get_page(params.get("pagina"))
    return {
        "pagina": pagina,
        "filter": filter,
        "filters": Filter,
        # The base of every link in the list: the filter stays when paging.
        "lijst_query": QueryDict(urlencode({"filter": filter})),
        "aantal_ongelezen": aantal_ongelezen(user=request.user),
    }


def _na_wijziging(request: HtmxHttpRequest, status: str) -> HttpResponse:
    """Answer a change: the updated list for htmx, otherwise back to the same list."""
    context = _inbox_context(request, request.POST)
    if request.htmx:
        context["status"] = status
        response = render(request, "meldingen/inbox.html#lijst", context)
        return trigger_client_event(response, GEWIJZIGD)
    messages.success(request, status)
    query = {"filter": context["filter"], "pagina": context["pagina"].number}
    return redirect(f"{reverse('meldingen:inbox')}?{urlencode(query)}")


@require_GET
@vary_on_headers("HX-Request")
@login_required
def inbox(request: HtmxHttpRequest) -> HttpResponse:
    template = "meldingen/inbox.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#lijst"
    return render(request, template, _inbox_context(request, request.GET))


@require_POST
@login_required
def gelezen(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    melding = melding_van(user=request.user, pk=pk)
    melding_markeer_gelezen(melding=melding)
    return _na_wijziging(request, _("“%(titel)s” is marked as read.") % {"titel": melding.titel})


@require_POST
@login_required
def alles_gelezen(request: HtmxHttpRequest) -> HttpResponse:
    aantal = meldingen_alles_gelezen(user=request.user)
    if aantal:
        status = _("All notifications are marked as read.")
    else:
        status = _("You had no unread notifications.")
    return _na_wijziging(request, status)


@require_POST
@login_required
def openen(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the melding read and go to what it is about.

    Only a path on this site is followed: a melding's link is stored data, and
    a full URL to elsewhere must not turn the inbox into an open redirect.
    """
    melding = melding_van(user=request.user, pk=pk)
    melding_markeer_gelezen(melding=melding)
    if melding.url.startswith("/") and url_has_allowed_host_and_scheme(
        melding.url, allowed_hosts=None
    ):
        return redirect(melding.url)
    return redirect("meldingen:inbox")


# --- The bell ------------------------------------------------------------------------


@require_GET
def teller(request: HtmxHttpRequest) -> HttpResponse:
    """The bell alone, for htmx to refresh it.

    The bell asks with ``?gezien=<the count it shows>``. An unchanged count
    answers 204, so htmx swaps nothing and a screen reader does not hear the
    same number again every minute.
    """
    if not request.user.is_authenticated:
        if request.htmx:
            # The session ended while the page was open: leave the bell as it is,
            # rather than swapping a login page into the header.
            return HttpResponse(status=204)
        return redirect_to_login(request.get_full_path())
    aantal = aantal_ongelezen(user=request.user)
    if request.GET.get("gezien") == str(aantal):
        return HttpResponse(status=204)
    return render(request, "meldingen/bel.html#teller", {"aantal_ongelezen": aantal})


# --- Preferences ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def voorkeuren(request: HtmxHttpRequest) -> HttpResponse:
    """One form per kind; htmx saves each on change, without JS its button does."""
    formulieren = [
        VoorkeurForm(soort=soort, initial={"bezorging": bezorging})
        for soort, bezorging in voorkeuren_van(user=request.user).items()
    ]
    if request.method == "GET":
        return render(request, "meldingen/voorkeuren.html", {"formulieren": formulieren})

    try:
        soort = Soort(request.POST.get("soort", ""))
    except ValueError:
        context = {"formulieren": formulieren, "onbekende_soort": True}
        return render(request, "meldingen/voorkeuren.html", context, status=400)

    form = VoorkeurForm(request.POST, soort=soort)
    saved = form.is_valid()
    if saved:
        bezorging = Bezorging(form.cleaned_data["bezorging"])
        voorkeur_instellen(user=request.user, soort=soort, bezorging=bezorging)
    if request.htmx:
        status = _("Saved.") if saved else _("Not saved: choose one of the options.")
        context = {"form": form, "status": status}
        return render(request, "meldingen/voorkeuren.html#antwoord", context)
    if saved:
        messages.success(
            request, _("Your choice for “%(soort)s” is saved.") % {"soort": soort.label}
        )
        return redirect("meldingen:voorkeuren")
    formulieren = [form if other.soort == soort else other for other in formulieren]
    context = {"formulieren": formulieren, "form_met_fout": form}
    return render(request, "meldingen/voorkeuren.html", context)


# --- Unsubscribe from a mail ---------------------------------------------------------


# No login and no CSRF token: the signed token in the URL is the credential,
# and only the person it was mailed to has it. Mail clients use this URL for
# RFC 8058 one-click unsubscribe: they POST "List-Unsubscribe=One-Click"
# without cookies or a CSRF token, so the CSRF check would refuse them. A
# forged cross-site POST could only do what the token already allows:
# switch off e-mail of one kind for its own recipient.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def afmelden(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user_id, soort = afmeld_token_lezen(token)
        user = User.objects.get(pk=user_id, is_active=True)
    except (signing.BadSignature, User.DoesNotExist):
        return render(request, "meldingen/afmelden_ongeldig.html", status=400)

    if request.method == "POST":
        voorkeur_instellen(user=user, soort=soort, bezorging=Bezorging.UIT)
        return render(request, "meldingen/afmelden_klaar.html", {"soort": soort})
    return render(request, "meldingen/afmelden.html", {"soort": soort})
