"""The ballot and voting with a code (issue 7 points 3 and 4).

Who votes:

- a logged-in resident, with their own ballot (``services_begroting.stembiljet_openen``
  checks that their declared district may vote in this round);
- or the holder of a voting code: after a valid code on the code page, the session holds
  the code's id under ``stemcode_<begroting.pk>`` and that code's ballot is used. After
  confirming, the key is removed (the code is used up) and the session remembers the
  confirmed ballot under ``stemcode_bevestigd_<begroting.pk>``, to show what counts.
  A code in the session comes first: someone who is logged in and enters a code votes
  with that code.

Choosing, removing and confirming are POST forms that work without JavaScript (a redirect
back with a message). With htmx the answer is the ballot fragment (``#stembiljet``) with
the summary swapped out of band into the live region (``#stembiljet-status``); a refusal
is answered the same way, **with status 200**, so htmx (which does not swap 4xx answers
by default) shows the reason in the live region while nothing has changed.

Codes cannot be enumerated: every wrong, used or other round's code gets the same
sentence (``ONGELDIGE_CODE``, status 400), and at most ``MAX_POGINGEN`` attempts per
``POGING_VENSTER`` are allowed per client IP (per round: a code only works in its own
round) and per session, counted in the cache; beyond that the answer is 429 and the
code is not even looked at.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from django_htmx.http import HttpResponseClientRedirect

from config.clientip import ONBEKEND, client_ip
from config.formulieren import fout_tonen
from opgaven.models import Gebied
from participatie.forms.stemmen import StemcodeForm
from participatie.models import Begroting, Stembiljet, Stemcode, Voorstel
from participatie.policies import keuze_bezwaar, stemmen_open, uitslag_bekend
from participatie.selectors_begroting import begroting_get, voorstel_get, voorstellen_van
from participatie.services_begroting import (
    heeft_onbevestigde_wijzigingen,
    keuze_toevoegen,
    keuze_verwijderen,
    stembiljet_bevestigen,
    stembiljet_openen,
    stemcode_controleren,
)
from participatie.views.rondes import HtmxHttpRequest, login_url

MAX_POGINGEN = 10
POGING_VENSTER = 15 * 60  # seconds


# --- Who votes ----------------------------------------------------------------------------


def _code_sleutel(begroting: Begroting) -> str:
    return f"stemcode_{begroting.pk}"


def _bevestigd_sleutel(begroting: Begroting) -> str:
    return f"stemcode_bevestigd_{begroting.pk}"


@dataclass
class Kiezer:
    """The voter of this request: a resident or a voting code (never both)."""

    user: object | None = None
    stemcode: Stemcode | None = None

    @property
    def met_code(self) -> bool:
        return self.stemcode is not None

    def openen(self, begroting: Begroting) -> Stembiljet:
        if self.stemcode is not None:
            return stembiljet_openen(begroting=begroting, stemcode=self.stemcode)
        return stembiljet_openen(begroting=begroting, user=self.user)


def _stemcode_uit_sessie(request: HttpRequest, begroting: Begroting) -> Stemcode | None:
    """The unused voting code of ``begroting`` this session entered, if any. A code used
    meanwhile (in another browser) is forgotten."""
    pk = request.session.get(_code_sleutel(begroting))
    if pk is None:
        return None
    stemcode = Stemcode.objects.filter(pk=pk, begroting=begroting).first()
    if stemcode is None or stemcode.gebruikt_op is not None:
        del request.session[_code_sleutel(begroting)]
        messages.warning(
            request, _("The voting code entered in this browser has been used in the meantime.")
        )
        return None
    return stemcode


def _kiezer(request: HttpRequest, begroting: Begroting) -> Kiezer | None:
    stemcode = _stemcode_uit_sessie(request, begroting)
    if stemcode is not None:
        return Kiezer(stemcode=stemcode)
    if request.user.is_authenticated:
        return Kiezer(user=request.user)
    return None


# --- Links --------------------------------------------------------------------------------


def _stembiljet_url(begroting: Begroting) -> str:
    return reverse("participatie:stembiljet", kwargs={"slug": begroting.ronde.slug})


def _begroting_url(begroting: Begroting) -> str:
    """The budget page, or the round while that page does not exist."""
    try:
        return reverse("participatie:begroting", kwargs={"slug": begroting.ronde.slug})
    except NoReverseMatch:
        return begroting.ronde.get_absolute_url()


def _basis_context(begroting: Begroting) -> dict:
    return {
        "begroting": begroting,
        "ronde": begroting.ronde,
        "begroting_url": _begroting_url(begroting),
        "stembiljet_url": _stembiljet_url(begroting),
        "stemcode_url": reverse("participatie:stemcode", kwargs={"slug": begroting.ronde.slug}),
    }


# --- Pages without a ballot ---------------------------------------------------------------


def _niet_open(request: HttpRequest, begroting: Begroting) -> HttpResponse:
    """Voting is not (or no longer) open: say when it is, or where the result is."""
    context = _basis_context(begroting) | {
        "nog_niet": begroting.fase in {Begroting.Fase.INDIENEN, Begroting.Fase.HAALBAARHEID},
        "uitslag_bekend": uitslag_bekend(begroting),
    }
    return render(request, "participatie/stemmen/niet_open.html", context)


def _geen_toegang(
    request: HttpRequest,
    begroting: Begroting,
    *,
    fout: ValidationError | None = None,
    met_code: bool = False,
) -> HttpResponse:
    """Anonymous without a code: the two ways to vote. A voter who may not vote here
    (their district): the reason, and where to declare their district."""
    stembiljet_url = _stembiljet_url(begroting)
    meedoen = reverse("participatie:meedoen", kwargs={"slug": begroting.ronde.slug})
    context = _basis_context(begroting) | {
        "fouten": fout.messages if fout is not None else [],
        "met_code": met_code,
        "login_link": login_url(stembiljet_url),
        "meedoen_link": f"{meedoen}?{urlencode({'next': stembiljet_url})}",
    }
    return render(request, "participatie/stemmen/geen_toegang.html", context)


def _code_gebruikt(request: HttpRequest, begroting: Begroting) -> HttpResponse | None:
    """The ballot this session confirmed with a code: what counts, and that the code is used."""
    pk = request.session.get(_bevestigd_sleutel(begroting))
    if pk is None:
        return None
    biljet = Stembiljet.objects.filter(
        pk=pk, begroting=begroting, bevestigd_op__isnull=False
    ).first()
    if biljet is None:
        return None
    geteld = list(
        Voorstel.objects.filter(stemkeuzes__stembiljet=biljet, stemkeuzes__bevestigd=True)
        .order_by("pk")
        .only("titel", "kosten")
    )
    context = _basis_context(begroting) | {"biljet": biljet, "geteld": geteld}
    return render(request, "participatie/stemmen/code_gebruikt.html", context)


# --- The ballot ---------------------------------------------------------------------------


def _biljet_context(
    begroting: Begroting,
    biljet: Stembiljet,
    kiezer: Kiezer,
    *,
    melding: str = "",
    is_fout: bool = False,
) -> dict:
    """Everything the ballot shows, in a fixed number of queries (whatever the number
    of proposals): the proposals of the voter's (sub-)budget, which are chosen and
    which count, and for each one that is not chosen whether it still fits."""
    voorstellen = list(
        voorstellen_van(begroting).filter(
            status=Voorstel.Status.OP_STEMBILJET, deelbudget_id=biljet.deelbudget_id
        )
    )
    concept: set[int] = set()
    geteld: set[int] = set()
    for voorstel_id, bevestigd in biljet.keuzes.values_list("voorstel_id", "bevestigd"):
        (geteld if bevestigd else concept).add(voorstel_id)
    over = biljet.limiet - biljet.concept_totaal
    max_bereikt = biljet.max_keuzes is not None and biljet.concept_aantal >= biljet.max_keuzes
    for voorstel in voorstellen:
        voorstel.begroting = begroting
        voorstel.gekozen = voorstel.pk in concept
        voorstel.geteld = voorstel.pk in geteld
        voorstel.bezwaar = (
            None
            if voorstel.gekozen
            else keuze_bezwaar(
                limiet=biljet.limiet,
                max_keuzes=biljet.max_keuzes,
                totaal=biljet.concept_totaal,
                aantal=biljet.concept_aantal,
                kosten=voorstel.kosten,
            )
        )
        voorstel.max_bereikt = bool(voorstel.bezwaar) and max_bereikt
    minimum = Decimal(0)
    if begroting.is_knapsack and begroting.min_besteding_pct:
        minimum = (biljet.limiet * begroting.min_besteding_pct / 100).quantize(Decimal("0.01"))
    deelbudget = biljet.deelbudget
    return _basis_context(begroting) | {
        "biljet": biljet,
        "met_code": kiezer.met_code,
        "wijk": deelbudget.gebied if deelbudget else None,
        "voorstellen": voorstellen,
        "geteld": [v for v in voorstellen if v.geteld],
        "over": over,
        "besteed_pct": int(biljet.concept_totaal * 100 / biljet.limiet) if biljet.limiet else 0,
        "nog_keuzes": (biljet.max_keuzes - biljet.concept_aantal) if biljet.max_keuzes else None,
        "minimum": minimum,
        "onder_minimum": bool(minimum) and biljet.concept_totaal < minimum,
        "onbevestigd": heeft_onbevestigde_wijzigingen(biljet),
        "stemmen_tot": begroting.stemmen_tot,
        "melding": melding,
        "is_fout": is_fout,
    }


@require_http_methods(["GET"])
def stembiljet(request: HttpRequest, slug: str) -> HttpResponse:
    """The ballot of the resident or the code holder; otherwise how to get one."""
    begroting = begroting_get(user=request.user, slug=slug)
    if not stemmen_open(begroting):
        return _niet_open(request, begroting)
    kiezer = _kiezer(request, begroting)
    if kiezer is None:
        return _code_gebruikt(request, begroting) or _geen_toegang(request, begroting)
    try:
        biljet = kiezer.openen(begroting)
    except ValidationError as fout:
        return _geen_toegang(request, begroting, fout=fout, met_code=kiezer.met_code)
    context = _biljet_context(begroting, biljet, kiezer)
    return render(request, "participatie/stemmen/stembiljet.html", context)


def _antwoord(
    request: HtmxHttpRequest,
    begroting: Begroting,
    kiezer: Kiezer,
    biljet: Stembiljet | None,
    *,
    melding: str,
    is_fout: bool,
    anker: str = "",
) -> HttpResponse:
    """The fragment for htmx (also for a refusal: status 200), else back to the ballot."""
    terug = _stembiljet_url(begroting)
    if request.htmx and biljet is not None:
        context = _biljet_context(begroting, biljet, kiezer, melding=melding, is_fout=is_fout)
        return render(request, "participatie/stemmen/stembiljet.html#htmx", context)
    (messages.error if is_fout else messages.success)(request, melding)
    if request.htmx:
        return HttpResponseClientRedirect(terug)
    return redirect(f"{terug}{anker}")


def _zonder_kiezer(request: HttpRequest, begroting: Begroting) -> HttpResponse:
    """A POST from someone who is not logged in and has no voting code in the session."""
    return _antwoord(
        request,
        begroting,
        Kiezer(),
        None,
        melding=_("Log in or enter your voting code to vote."),
        is_fout=True,
    )


def _keuze_wijzigen(
    request: HtmxHttpRequest, slug: str, pk: int, *, toevoegen: bool
) -> HttpResponse:
    begroting = begroting_get(user=request.user, slug=slug)
    voorstel = voorstel_get(begroting=begroting, pk=pk)
    kiezer = _kiezer(request, begroting)
    if kiezer is None:
        return _zonder_kiezer(request, begroting)
    biljet = None
    try:
        biljet = kiezer.openen(begroting)
        if toevoegen:
            biljet = keuze_toevoegen(stembiljet=biljet, voorstel=voorstel)
            melding = _("You chose “%(titel)s”.") % {"titel": voorstel.titel}
        else:
            biljet = keuze_verwijderen(stembiljet=biljet, voorstel=voorstel)
            melding = _("You removed “%(titel)s”.") % {"titel": voorstel.titel}
    except ValidationError as fout:
        return _antwoord(
            request,
            begroting,
            kiezer,
            biljet,
            melding=" ".join(fout.messages),
            is_fout=True,
            anker=f"#voorstel-{voorstel.pk}",
        )
    return _antwoord(
        request,
        begroting,
        kiezer,
        biljet,
        melding=melding,
        is_fout=False,
        anker=f"#voorstel-{voorstel.pk}",
    )


@require_POST
@vary_on_headers("HX-Request")
def stembiljet_kies(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Put a proposal on the ballot, if it fits; otherwise say why not."""
    return _keuze_wijzigen(request, slug, pk, toevoegen=True)


@require_POST
@vary_on_headers("HX-Request")
def stembiljet_verwijder(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Take a proposal off the ballot."""
    return _keuze_wijzigen(request, slug, pk, toevoegen=False)


@require_POST
@vary_on_headers("HX-Request")
def stembiljet_bevestigen_view(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Make the choices the vote that counts. A code is used up by it: the session
    forgets the code and remembers the confirmed ballot."""
    begroting = begroting_get(user=request.user, slug=slug)
    kiezer = _kiezer(request, begroting)
    if kiezer is None:
        return _zonder_kiezer(request, begroting)
    biljet = None
    try:
        biljet = kiezer.openen(begroting)
        biljet = stembiljet_bevestigen(stembiljet=biljet)
    except ValidationError as fout:
        return _antwoord(
            request, begroting, kiezer, biljet, melding=" ".join(fout.messages), is_fout=True
        )
    if kiezer.met_code:
        request.session.pop(_code_sleutel(begroting), None)
        request.session[_bevestigd_sleutel(begroting)] = biljet.pk
        melding = _("Your vote has been counted. Your voting code has now been used.")
        # No ballot to show any more: the page shows what counts (``_code_gebruikt``).
        return _antwoord(request, begroting, kiezer, None, melding=melding, is_fout=False)
    melding = _(
        "Your vote has been counted. You can change it until voting closes on %(datum)s: "
        "the last vote you confirm counts."
    ) % {"datum": date_format(begroting.stemmen_tot, "j F Y")}
    return _antwoord(request, begroting, kiezer, biljet, melding=melding, is_fout=False)


# --- Entering a voting code ---------------------------------------------------------------


def _tel_poging(sleutel: str) -> int:
    """Count one attempt under ``sleutel``; the window starts at the first attempt."""
    if cache.add(sleutel, 1, timeout=POGING_VENSTER):
        return 1
    try:
        return cache.incr(sleutel)
    except ValueError:  # expired between add and incr
        cache.set(sleutel, 1, timeout=POGING_VENSTER)
        return 1


def _poging_toegestaan(request: HttpRequest, begroting: Begroting) -> bool:
    """Count this attempt for the client IP (in this round) and for the session; ``False``
    when either has made more than ``MAX_POGINGEN`` attempts in the window.

    The client IP comes from ``config.clientip.client_ip``: ``REMOTE_ADDR``, or behind
    ``TRUSTED_PROXY_COUNT`` proxies the entry they wrote in ``X-Forwarded-For``."""
    if request.session.session_key is None:
        request.session.save()
    ip = client_ip(request)
    if ip == ONBEKEND:
        # Not an IP address (a unix socket, a test client): the server set it, not
        # the client, so it still tells connections apart.
        ip = request.META.get("REMOTE_ADDR") or ONBEKEND
    per_ip = _tel_poging(f"stemcode-pogingen:ip:{begroting.pk}:{ip}")
    per_sessie = _tel_poging(f"stemcode-pogingen:sessie:{request.session.session_key}")
    return per_ip <= MAX_POGINGEN and per_sessie <= MAX_POGINGEN


def _wijken(begroting: Begroting):
    """The districts with a sub-budget, or ``None`` when the budget has none."""
    gebied_ids = [d.gebied_id for d in begroting.deelbudgetten.all()]
    if not gebied_ids:
        return None
    return Gebied.objects.filter(pk__in=gebied_ids).order_by("naam")


@require_http_methods(["GET", "POST"])
def stemcode(request: HttpRequest, slug: str) -> HttpResponse:
    """Enter the code from the letter (and the district); then on to the ballot."""
    begroting = begroting_get(user=request.user, slug=slug)
    if not stemmen_open(begroting):
        return _niet_open(request, begroting)
    wijken = _wijken(begroting)
    context = _basis_context(begroting) | {
        "heeft_code": _stemcode_uit_sessie(request, begroting) is not None,
        "te_veel": False,
    }
    if request.method == "POST" and not _poging_toegestaan(request, begroting):
        context |= {"form": StemcodeForm(wijken=wijken), "te_veel": True}
        return render(request, "participatie/stemmen/stemcode.html", context, status=429)
    form = StemcodeForm(request.POST if request.method == "POST" else None, wijken=wijken)
    if form.is_valid():
        try:
            code = stemcode_controleren(begroting=begroting, code=form.cleaned_data["code"])
            stembiljet_openen(
                begroting=begroting, stemcode=code, wijk=form.cleaned_data.get("wijk")
            )
        except ValidationError as fout:
            fout_tonen(form, fout)
        else:
            request.session.cycle_key()
            request.session[_code_sleutel(begroting)] = code.pk
            request.session.pop(_bevestigd_sleutel(begroting), None)
            messages.success(request, _("Your code is valid. Choose the projects you want."))
            return redirect(_stembiljet_url(begroting))
    context["form"] = form
    status = 400 if form.errors else 200
    return render(request, "participatie/stemmen/stemcode.html", context, status=status)


urlpatterns = [
    path("<slug:slug>/stemmen/", stembiljet, name="stembiljet"),
    path("<slug:slug>/stemmen/kies/<int:pk>/", stembiljet_kies, name="stembiljet_kies"),
    path(
        "<slug:slug>/stemmen/verwijder/<int:pk>/",
        stembiljet_verwijder,
        name="stembiljet_verwijder",
    ),
    path(
        "<slug:slug>/stemmen/bevestigen/",
        stembiljet_bevestigen_view,
        name="stembiljet_bevestigen",
    ),
    path("<slug:slug>/stemcode/", stemcode, name="stemcode"),
]
