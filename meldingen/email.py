"""The e-mails: one melding, or a daily digest. HTML and plain text, Dutch, NLDS look."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from meldingen.models import Melding, Soort


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}" if path.startswith("/") else path


def afmeld_url(*, user: User, soort: Soort) -> str:
    from meldingen.services import afmeld_token

    token = afmeld_token(user=user, soort=soort)
    return _absolute(reverse("meldingen:afmelden", kwargs={"token": token}))


def _message(*, user: User, onderwerp: str, template: str, context: dict, afmelden: str):
    context = {
        **context,
        "gemeente_naam": settings.GEMEENTE_NAAM,
        "site_url": settings.SITE_URL,
        "voorkeuren_url": _absolute(reverse("meldingen:voorkeuren")),
        "afmeld_url": afmelden,
    }
    message = EmailMultiAlternatives(
        subject=f"[{settings.GEMEENTE_NAAM}] {onderwerp}",
        body=render_to_string(f"meldingen/email/{template}.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{afmelden}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(
        render_to_string(f"meldingen/email/{template}.html", context), "text/html"
    )
    return message


def melding_email(melding: Melding) -> EmailMultiAlternatives:
    user = melding.ontvanger
    with translation.override(settings.LANGUAGE_CODE):
        return _message(
            user=user,
            onderwerp=melding.titel,
            template="melding",
            context={"melding": melding, "link": _absolute(melding.url) if melding.url else ""},
            afmelden=afmeld_url(user=user, soort=Soort(melding.soort)),
        )


def samenvatting_email(user: User, meldingen: list[Melding]) -> EmailMultiAlternatives:
    from django.utils.translation import ngettext

    with translation.override(settings.LANGUAGE_CODE):
        onderwerp = ngettext(
            "Your daily summary: %(count)d notification",
            "Your daily summary: %(count)d notifications",
            len(meldingen),
        ) % {"count": len(meldingen)}
        items = [{"melding": m, "link": _absolute(m.url) if m.url else ""} for m in meldingen]
        return _message(
            user=user,
            onderwerp=onderwerp,
            template="samenvatting",
            context={"items": items},
            afmelden=_absolute(reverse("meldingen:voorkeuren")),
        )
