"""The e-mails: one melding, or a daily digest. HTML and plain text, Dutch, NLDS look."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from meldingen.models import Melding, Soort

if TYPE_CHECKING:
    from accounts.models import User


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}" if path.startswith("/") else path


def afmeld_url(*, user: User, soort: Soort) -> str:
    from meldingen.services import afmeld_token

    token = afmeld_token(user=user, soort=soort)
    return _absolute(reverse("meldingen:afmelden", kwargs={"token": token}))


def _message(
    *,
    user: User,
    onderwerp: str,
    template: str,
    context: dict,
    headers: dict[str, str],
    connection: BaseEmailBackend | None,
) -> EmailMultiAlternatives:
    context = {
        **context,
        "gemeente_naam": settings.GEMEENTE_NAAM,
        "site_url": settings.SITE_URL,
        "voorkeuren_url": _absolute(reverse("meldingen:voorkeuren")),
    }
    message = EmailMultiAlternatives(
        # A subject is one line: texts come from the context (titles people typed).
        subject=" ".join(f"[{settings.GEMEENTE_NAAM}] {onderwerp}".split()),
        body=render_to_string(f"meldingen/email/{template}.txt", context),
        to=[user.email],
        headers={"Auto-Submitted": "auto-generated", **headers},
        connection=connection,
    )
    message.attach_alternative(
        render_to_string(f"meldingen/email/{template}.html", context), "text/html"
    )
    return message


def melding_email(
    melding: Melding, *, connection: BaseEmailBackend | None = None
) -> EmailMultiAlternatives:
    """The e-mail of one melding, with a one-click link to stop this kind (RFC 8058)."""
    user = melding.ontvanger
    afmelden = afmeld_url(user=user, soort=Soort(melding.soort))
    with translation.override(settings.LANGUAGE_CODE):
        return _message(
            user=user,
            onderwerp=melding.titel,
            template="melding",
            context={
                "melding": melding,
                "link": _absolute(melding.url) if melding.url else "",
                "afmeld_url": afmelden,
            },
            headers={
                "X-Melding-Id": str(melding.pk),
                "List-Unsubscribe": f"<{afmelden}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
            connection=connection,
        )


def samenvatting_email(
    user: User, meldingen: list[Melding], *, connection: BaseEmailBackend | None = None
) -> EmailMultiAlternatives:
    """The daily digest: every item, oldest first. Unsubscribing is per kind, on the
    preferences page, so the header points there (no one-click POST)."""
    with translation.override(settings.LANGUAGE_CODE):
        onderwerp = ngettext(
            "Your daily summary: %(count)d notification",
            "Your daily summary: %(count)d notifications",
            len(meldingen),
        ) % {"count": len(meldingen)}
        items = [{"melding": m, "link": _absolute(m.url) if m.url else ""} for m in meldingen]
        voorkeuren = _absolute(reverse("meldingen:voorkeuren"))
        return _message(
            user=user,
            onderwerp=onderwerp,
            template="samenvatting",
            context={"items": items, "afmeld_url": voorkeuren},
            headers={"List-Unsubscribe": f"<{voorkeuren}>"},
            connection=connection,
        )
