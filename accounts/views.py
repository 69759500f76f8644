"""allauth's code-confirmation pages, plus a message when the code has expired.

allauth quietly sends a visitor whose code has expired back to the start of
the flow. These two views run first, under the same paths, and say why.
"""

import time

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from allauth.account import app_settings as allauth_settings
from allauth.account import views as allauth_views
from allauth.account.internal.flows.email_verification_by_code import (
    EMAIL_VERIFICATION_CODE_SESSION_KEY,
)
from allauth.account.internal.flows.login_by_code import LoginCodeVerificationProcess
from allauth.account.stages import LoginByCodeStage, LoginStageController


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
