"""State changes of organisations and memberships (STYLE "Business logic").

Ending a membership takes its access away at once: every right that comes from
a membership is read from the active memberships when it is asked for
(``partners.selectors.lidmaatschappen_actief``), never copied elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from allauth.account.adapter import get_adapter
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str

from accounts.roles import Rol
from accounts.services import user_create
from partners.models import Lidmaatschap, Organisatie
from partners.selectors import lidmaatschappen_actief

if TYPE_CHECKING:
    from accounts.models import User


# Paths under /partners/ that are no organisation: "nieuw" is the add form.
GERESERVEERDE_SLUGS: frozenset[str] = frozenset({"nieuw"})


@transaction.atomic
def organisatie_create(*, naam: str, soort: str, **fields) -> Organisatie:
    """Create an organisation under a free slug derived from its name."""
    base = slugify(naam)[:200].strip("-") or "organisatie"
    slug, number = base, 1
    while slug in GERESERVEERDE_SLUGS or Organisatie.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    organisatie = Organisatie(naam=naam, soort=soort, slug=slug, **fields)
    organisatie.full_clean()
    organisatie.save(force_insert=True)
    return organisatie


# Fields ``organisatie_bijwerken`` may change; the slug stays, so links stay valid.
ORGANISATIE_VELDEN: frozenset[str] = frozenset(
    {"naam", "soort", "kvk_nummer", "website", "beschrijving"}
)


@transaction.atomic
def organisatie_bijwerken(*, organisatie: Organisatie, **fields) -> Organisatie:
    """Change the given fields of ``organisatie``."""
    unknown = fields.keys() - ORGANISATIE_VELDEN
    if unknown:
        raise TypeError(f"organisatie_bijwerken() cannot change {', '.join(sorted(unknown))}")
    Organisatie.objects.select_for_update().filter(pk=organisatie.pk).values_list("pk").first()
    for name, value in fields.items():
        setattr(organisatie, name, value)
    organisatie.full_clean()
    if fields:
        organisatie.save(update_fields=list(fields))
    return organisatie


@transaction.atomic
def lidmaatschap_toevoegen(
    *,
    organisatie: Organisatie,
    user: User,
    rol: str = Lidmaatschap.Rol.LID,
    soort: str = Lidmaatschap.Soort.BETAALD,
    van: date | None = None,
) -> Lidmaatschap:
    """Make ``user`` a member of ``organisatie``; idempotent while a membership lasts."""
    bestaand = Lidmaatschap.objects.filter(organisatie=organisatie, user=user, tot__isnull=True)
    if lidmaatschap := bestaand.first():
        return lidmaatschap
    lidmaatschap = Lidmaatschap(
        organisatie=organisatie, user=user, rol=rol, soort=soort, van=van or timezone.localdate()
    )
    lidmaatschap.full_clean()
    lidmaatschap.save(force_insert=True)
    return lidmaatschap


@transaction.atomic
def lidmaatschap_beeindigen(*, lidmaatschap: Lidmaatschap, tot: date | None = None) -> Lidmaatschap:
    """End a membership at the start of day ``tot`` (today by default)."""
    tot = max(tot or timezone.localdate(), lidmaatschap.van)
    lidmaatschap.tot = tot if lidmaatschap.tot is None else min(tot, lidmaatschap.tot)
    lidmaatschap.save(update_fields=["tot"])
    return lidmaatschap


# --- Invitations (issue 5) -------------------------------------------------------------


@dataclass(frozen=True)
class Uitnodiging:
    """What ``lid_uitnodigen`` did: the new membership, and whether it made an account
    (and so mailed a link to set a password)."""

    lidmaatschap: Lidmaatschap
    nieuw_account: bool
    mail_verstuurd: bool


@transaction.atomic
def lid_uitnodigen(
    *,
    organisatie: Organisatie,
    email: str,
    weergavenaam: str = "",
    rol: str = Lidmaatschap.Rol.LID,
    soort: str = Lidmaatschap.Soort.BETAALD,
    uitgenodigd_door: User | None = None,
    site_url: str,
) -> Uitnodiging:
    """Make the person with ``email`` a member of ``organisatie``.

    Someone without an account gets one: the partner role, a verified e-mail
    address and no password yet. They are mailed (on commit) a link to set
    their password, made by allauth's password-reset machinery, so the link
    works once and expires after ``PASSWORD_RESET_TIMEOUT``. Someone who has
    an account is only added; if they never set a password (an earlier
    invitation), the link is mailed again. ``site_url`` is the scheme and host
    the link starts with (``request.build_absolute_uri("/")``).

    Raises ``ValidationError`` when the person is already a member, or when
    their account has been blocked.
    """
    email = email.strip().lower()
    # One invitation at a time per organisation: two contact persons inviting the
    # same person at once get one membership and one clear error.
    Organisatie.objects.select_for_update().filter(pk=organisatie.pk).values_list("pk").first()
    user = get_user_model().objects.filter(email__iexact=email).first()
    nieuw_account = user is None
    if user is None:
        user = user_create(
            email=email, password=None, rollen=(Rol.PARTNER,), weergavenaam=weergavenaam.strip()
        )
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    elif not user.is_active:
        raise ValidationError(
            _("The account of %(email)s has been blocked. Ask the municipality to help."),
            code="geblokkeerd",
            params={"email": email},
        )
    elif lidmaatschappen_actief(user=user).filter(organisatie=organisatie).exists():
        raise ValidationError(
            _("%(email)s is already a member of %(organisatie)s."),
            code="al_lid",
            params={"email": email, "organisatie": organisatie.naam},
        )
    lidmaatschap = lidmaatschap_toevoegen(organisatie=organisatie, user=user, rol=rol, soort=soort)
    mail_versturen = nieuw_account or not user.has_usable_password()
    if mail_versturen:
        bericht = _uitnodiging_mail(
            user=user, organisatie=organisatie, uitgenodigd_door=uitgenodigd_door, site_url=site_url
        )
        transaction.on_commit(bericht.send)
    return Uitnodiging(
        lidmaatschap=lidmaatschap, nieuw_account=nieuw_account, mail_verstuurd=mail_versturen
    )


def wachtwoord_instellen_url(*, user: User, site_url: str) -> str:
    """The link where ``user`` sets a password: allauth's reset-from-key page with a
    fresh token (the same as its password-reset mail holds)."""
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
    return site_url.rstrip("/") + path.replace("UID-KEY", quote(key))


def _uitnodiging_mail(
    *, user: User, organisatie: Organisatie, uitgenodigd_door: User | None, site_url: str
) -> EmailMultiAlternatives:
    """The invitation mail, rendered now (in the inviter's language), sent on commit."""
    context = {
        "user": user,
        "organisatie": organisatie,
        "uitgenodigd_door": uitgenodigd_door,
        "url": wachtwoord_instellen_url(user=user, site_url=site_url),
        "login_url": site_url.rstrip("/") + reverse("account_login"),
        "geldig_dagen": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        "gemeente_naam": settings.GEMEENTE_NAAM,
    }
    onderwerp = render_to_string("partners/email/uitnodiging_subject.txt", context)
    onderwerp = get_adapter().format_email_subject(" ".join(onderwerp.split()))
    tekst = render_to_string("partners/email/uitnodiging_message.txt", context).strip()
    return EmailMultiAlternatives(onderwerp, tekst, settings.DEFAULT_FROM_EMAIL, [user.email])
