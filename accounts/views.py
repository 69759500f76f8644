"""allauth's code-confirmation pages, plus a message when the code has expired; and the
AVG page "Mijn gegevens" (download all personal data, erase the account).

allauth quietly sends a visitor whose code has expired back to the start of
the flow. These two views run first, under the same paths, and say why.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from allauth.account import app_settings as allauth_settings
from allauth.account import views as allauth_views
from allauth.account.internal.flows.email_verification_by_code import (
    EMAIL_VERIFICATION_CODE_SESSION_KEY,
)
from allauth.account.internal.flows.login_by_code import LoginCodeVerificationProcess
from allauth.account.stages import LoginByCodeStage, LoginStageController

from accounts import services
from accounts.forms import AccountVerwijderenForm
from accounts.models import Gegevensexport
from beveiliging.audit import vastleggen


def _login_code_is_pending(request: HttpRequest) -> bool:
    stage = LoginStageController.enter(request, LoginByCodeStage.key)
    return stage is not None and LoginCodeVerificationProcess(stage).is_valid()


def _email_code_is_pending(request: HttpRequest) -> bool:
    state = request.session.get(EMAIL_VERIFICATION_CODE_SESSION_KEY)
    if not state:
        return False
    age = time.time() - state["at"]
    return age <= allauth_settings.EMAIL_VERIFICATION_BY_CODE_TIMEOUT


@require_http_methods(["GET", "POST"])
def confirm_login_code(request: HttpRequest) -> HttpResponse:
    if (
        request.method == "POST"
        and not request.user.is_authenticated
        and not _login_code_is_pending(request)
    ):
        messages.error(request, _("Your sign-in code has expired. Request a new code."))
    return allauth_views.confirm_login_code(request)


@require_http_methods(["GET", "POST"])
def confirm_email_verification_code(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and not _email_code_is_pending(request):
        if request.user.is_authenticated:
            message = _("Your verification code has expired. Request a new code below.")
        else:
            message = _("Your verification code has expired. Log in to receive a new code.")
        messages.error(request, message)
    return allauth_views.email_verification_sent(request)


# --- AVG: my data (/mijn/gegevens/) ------------------------------------------------------


@login_required
@require_GET
def gegevens(request: HttpRequest) -> HttpResponse:
    """What we keep, a download of all of it, and erasing the account."""
    nu = timezone.now()
    exports = list(Gegevensexport.objects.filter(user=request.user).exclude(verloopt_op__lt=nu)[:5])
    return render(
        request,
        "accounts/gegevens.html",
        {
            "exports": exports,
            "bezig": any(export.is_lopend for export in exports),
            "verwijderen_op": request.user.verwijderen_op,
            "bewaardagen": settings.GEGEVENS_BEWAARDAGEN,
            "bedenktijd": settings.VERWIJDER_BEDENKTIJD_DAGEN,
        },
    )


@login_required
@require_POST
def gegevens_exporteren(request: HttpRequest) -> HttpResponse:
    services.gegevensexport_aanvragen(user=request.user)
    messages.success(
        request,
        _(
            "We are collecting your data. You get a notification when the download is "
            "ready; that usually takes a few minutes."
        ),
    )
    return redirect("gegevens")


@login_required
@require_GET
def gegevens_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The ZIP, to its owner only; 404 for anyone else, before it is ready, or expired."""
    export = get_object_or_404(
        Gegevensexport,
        pk=pk,
        user=request.user,
        status=Gegevensexport.Status.KLAAR,
        verloopt_op__gt=timezone.now(),
    )
    try:
        bestand = export.bestand.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    vastleggen("persoonsgegevens_download", request=request, object=export)
    naam = f"mijn-gegevens-{timezone.localtime(export.klaar_op):%Y-%m-%d}.zip"
    response = FileResponse(bestand, as_attachment=True, filename=naam)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_verwijderen(request: HttpRequest) -> HttpResponse:
    """The confirmation step; a valid POST schedules the erasure after the grace period."""
    if request.user.verwijderen_op is not None:
        return redirect("gegevens")
    form = AccountVerwijderenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        op = services.account_verwijderen_aanvragen(user=request.user)
        messages.warning(
            request,
            _(
                "Your account will be erased on %(datum)s. Until then you can undo this "
                "on this page."
            )
            % {"datum": date_format(timezone.localtime(op), "j F Y H:i")},
        )
        return redirect("gegevens")
    return render(
        request,
        "accounts/account_verwijderen.html",
        {"form": form, "bedenktijd": settings.VERWIJDER_BEDENKTIJD_DAGEN},
    )


@login_required
@require_POST
def account_verwijderen_annuleren(request: HttpRequest) -> HttpResponse:
    if services.account_verwijderen_annuleren(user=request.user):
        messages.success(request, _("Your account will not be erased. Welcome back."))
    else:
        messages.info(request, _("Your account was not going to be erased."))
    return redirect("gegevens")


def verwijdering_melden(sender, request: HttpRequest, user, **kwargs) -> None:
    """On login (user_logged_in, UI only): remind a person whose erasure is scheduled."""
    if getattr(user, "verwijderen_op", None) is None:
        return
    messages.warning(
        request,
        _(
            "Your account is scheduled to be erased on %(datum)s. Changed your mind? "
            "Undo it under My data."
        )
        % {"datum": date_format(timezone.localtime(user.verwijderen_op), "j F Y")},
    )
