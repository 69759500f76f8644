"""The quarterly role review (BIO 8.02): everyone with a special privilege.

``rolreview_rijen()`` lists every user who is a superuser, is staff (may open
the admin), holds a privileged role group, holds object permissions (guardian)
or an opgave role that runs today, with their last login and whether they have
two-factor authentication. The beheerder reviews it in the admin
(``/beheer/beveiliging/auditregel/rolreview/``, also as CSV) and the beat task
``beveiliging.tasks.rolreview_kwartaal`` reminds them on the first day of every
quarter.

beveiliging sits below every app of ours, so it knows neither the role names nor
the opgave model: accounts registers its privileged role groups with
``groepen_registreren`` (AppConfig.ready), and opgave roles are read through
``apps.get_model`` when the opgaven app is installed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from allauth.mfa.models import Authenticator
from guardian.models import UserObjectPermissionBase

# Names of the role groups that give special privileges; filled by the app that
# owns the roles (accounts.apps) in its ready().
BIJZONDERE_GROEPEN: set[str] = set()

# The authenticator types that are a second factor (recovery codes are a fallback).
TWEEDE_FACTOR = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def groepen_registreren(*namen: str) -> None:
    BIJZONDERE_GROEPEN.update(str(naam) for naam in namen)


@dataclass
class Rij:
    user_id: int
    email: str
    naam: str
    actief: bool
    superuser: bool
    staff: bool
    groepen: list[str]
    objectrechten: int
    opgaverollen: list[str] = field(default_factory=list)
    laatst_ingelogd: datetime | None = None
    mfa: bool = False


def _objectrechten() -> dict[int, int]:
    """Guardian object permissions per user, over every user-permission table."""
    aantallen: dict[int, int] = {}
    for model in apps.get_models():
        if issubclass(model, UserObjectPermissionBase):
            for user_id, aantal in (
                model.objects.values_list("user_id").annotate(n=Count("id")).order_by()
            ):
                aantallen[user_id] = aantallen.get(user_id, 0) + aantal
    return aantallen


def _opgaverollen() -> dict[int, list[str]]:
    """Opgave roles that run today, per user ("rol: opgave"), if opgaven is installed."""
    try:
        opgaverol = apps.get_model("opgaven", "Opgaverol")
    except LookupError:
        return {}
    vandaag = timezone.localdate()
    rollen: dict[int, list[str]] = {}
    lopend = opgaverol.objects.filter(Q(tot__isnull=True) | Q(tot__gt=vandaag), van__lte=vandaag)
    for user_id, rol, opgave in lopend.values_list("user_id", "rol", "opgave__slug").order_by(
        "user_id", "opgave__slug", "rol"
    ):
        rollen.setdefault(user_id, []).append(f"{rol}: {opgave}")
    return rollen


def rolreview_rijen() -> list[Rij]:
    """Every user with a special privilege, ordered by e-mail address (a fixed number
    of queries, however many users)."""
    objectrechten = _objectrechten()
    opgaverollen = _opgaverollen()
    user_model = get_user_model()
    bijzonder = (
        Q(is_superuser=True)
        | Q(is_staff=True)
        | Q(groups__name__in=BIJZONDERE_GROEPEN)
        | Q(pk__in=set(objectrechten) | set(opgaverollen))
    )
    mfa = Authenticator.objects.filter(user=OuterRef("pk"), type__in=TWEEDE_FACTOR)
    users = (
        user_model.objects.filter(bijzonder)
        .distinct()
        .annotate(met_mfa=Exists(mfa))
        .prefetch_related("groups")
        .order_by(user_model.get_email_field_name(), "pk")
    )
    return [
        Rij(
            user_id=user.pk,
            email=getattr(user, user_model.get_email_field_name()),
            naam=str(getattr(user, "weergavenaam", "") or ""),
            actief=user.is_active,
            superuser=user.is_superuser,
            staff=user.is_staff,
            groepen=sorted(groep.name for groep in user.groups.all()),
            objectrechten=objectrechten.get(user.pk, 0),
            opgaverollen=opgaverollen.get(user.pk, []),
            laatst_ingelogd=user.last_login,
            mfa=user.met_mfa,
        )
        for user in users
    ]


def beheerders():
    """Active users who may read the audit log and the role review."""
    user_model = get_user_model()
    recht = Q(
        groups__permissions__content_type__app_label="beveiliging",
        groups__permissions__codename="view_auditregel",
    ) | Q(
        user_permissions__content_type__app_label="beveiliging",
        user_permissions__codename="view_auditregel",
    )
    return user_model.objects.filter(recht | Q(is_superuser=True), is_active=True).distinct()
