"""State changes for users and roles. Callers check permissions; services do not."""

import json
import logging
import secrets
import tempfile
import zipfile
from datetime import datetime, timedelta
from importlib import import_module
from typing import Any

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.files import File
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from dateutil.relativedelta import relativedelta

from accounts import privacy
from accounts.models import Gegevensexport, User
from accounts.roles import ROLE_PERMISSIONS, STAFF_ROLES, Rol
from beveiliging.audit import Resultaat, vastleggen
from meldingen.models import Soort
from meldingen.services import notify

logger = logging.getLogger(__name__)


def role_groups_ensure() -> dict[Rol, Group]:
    """Return the role groups, creating any that a data migration has not made yet."""
    return {rol: Group.objects.get_or_create(name=rol.value)[0] for rol in Rol}


def role_permissions_sync() -> None:
    """Give each role group exactly the permissions of ``ROLE_PERMISSIONS``.

    Runs after every ``migrate`` (post_migrate), so new verbs reach the roles
    without hand work, and a verb removed from the mapping is taken away.
    """
    groups = role_groups_ensure()
    for rol, names in ROLE_PERMISSIONS.items():
        permissions = []
        for name in names:
            app_label, codename = name.split(".", 1)
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is None:
                raise LookupError(f"Role {rol} names unknown permission {name}")
            permissions.append(permission)
        groups[rol].permissions.set(permissions)


@transaction.atomic
def user_create(
    *, email: str, password: str | None, rollen: tuple[Rol, ...] = (), **fields
) -> User:
    user = User.objects.create_user(email=email, password=password, **fields)
    for rol in rollen:
        user_grant_role(user=user, rol=rol)
    return user


@transaction.atomic
def user_grant_role(*, user: User, rol: Rol) -> None:
    user.groups.add(Group.objects.get(name=rol.value))
    if rol == Rol.BEHEERDER and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])


@transaction.atomic
def user_revoke_role(*, user: User, rol: Rol) -> None:
    user.groups.remove(Group.objects.get(name=rol.value))
    if rol == Rol.BEHEERDER and user.is_staff and not user.is_superuser:
        user.is_staff = False
        user.save(update_fields=["is_staff"])


# --- AVG: download, erasure and inactive accounts (issue 10) ----------------------------
#
# What each app keeps and forgets is in its own ``privacy.py``, registered in
# ``accounts.privacy``; these services run the registry and look after the account.

ANONIEME_NAAM = "Anonieme deelnemer"
ANONIEM_DOMEIN = "anoniem.invalid"  # RFC 2606: never delivers


def _gegevens_secties(gegevens: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The export as rows and columns for the readable HTML (values stay escaped there)."""
    blokken = []
    for app_label, secties in gegevens.items():
        try:
            titel = str(django_apps.get_app_config(app_label).verbose_name)
        except LookupError:
            titel = app_label
        onderdelen = []
        for naam, inhoud in secties.items():
            if isinstance(inhoud, dict):
                inhoud = [inhoud]
            if not isinstance(inhoud, list):
                inhoud = [{"waarde": inhoud}]
            kolommen: list[str] = []
            for rij in inhoud:
                kolommen += [k for k in rij if k not in kolommen]
            rijen = [
                [
                    v if isinstance(v := rij.get(k), str | int | float | type(None)) else _json(v)
                    for k in kolommen
                ]
                for rij in inhoud
            ]
            onderdelen.append(
                {"naam": _kop(naam), "kolommen": [_kop(k) for k in kolommen], "rijen": rijen}
            )
        blokken.append({"titel": titel, "onderdelen": onderdelen})
    return blokken


def _kop(sleutel: str) -> str:
    """A key as a heading: ``ronde__titel`` reads "ronde titel"."""
    return sleutel.replace("__", " ").replace("_", " ")


def _json(waarde: Any) -> str:
    return json.dumps(waarde, ensure_ascii=False, sort_keys=True)


def gegevensexport_aanvragen(*, user: User) -> Gegevensexport:
    """Queue a download of all of ``user``'s personal data. One waiting or running job
    per person: asking again while it is made returns that job."""
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        lopend = Gegevensexport.objects.filter(
            user=user,
            status__in=[Gegevensexport.Status.WACHTRIJ, Gegevensexport.Status.BEZIG],
            aangemaakt_op__gt=timezone.now() - Gegevensexport.LOPEND_MAX,
        ).first()
        if lopend is not None:
            return lopend
        export = Gegevensexport.objects.create(user=user)
        transaction.on_commit(lambda: _export_enqueue(export.pk))
    return export


def _export_enqueue(export_id: int) -> None:
    from accounts.tasks import gegevensexport_maken as taak

    taak.delay(export_id)


def gegevensexport_maken(*, export_id: int) -> bool:
    """Build the ZIP of a queued export; ``True`` when this call made it.

    Claimed with a conditional UPDATE, so a redelivered task does nothing. The ZIP
    holds ``gegevens.json`` and a readable ``gegevens.html`` of what every app's
    exporter returns; the owner is notified, and an audit line (ids only) is written.
    """
    claimed = Gegevensexport.objects.filter(
        pk=export_id, status=Gegevensexport.Status.WACHTRIJ
    ).update(status=Gegevensexport.Status.BEZIG)
    if not claimed:
        return False
    export = Gegevensexport.objects.select_related("user").get(pk=export_id)
    user = export.user
    nu = timezone.now()
    try:
        with translation.override(settings.LANGUAGE_CODE):
            gegevens = privacy.gegevens_verzamelen(user)
            html = render_to_string(
                "accounts/gegevens_export.html",
                {
                    "blokken": _gegevens_secties(gegevens),
                    "gemaakt_op": nu,
                    "gemeente_naam": settings.GEMEENTE_NAAM,
                },
            )
        with tempfile.TemporaryFile() as uit:
            with zipfile.ZipFile(uit, "w", compression=zipfile.ZIP_DEFLATED) as zip:
                zip.writestr("gegevens.json", _json(gegevens))
                zip.writestr("gegevens.html", html)
            uit.seek(0)
            naam = export.bestand.storage.save(
                f"{nu:%Y/%m}/{export.pk}-{secrets.token_hex(8)}.zip", File(uit)
            )
    except Exception:
        logger.exception("Personal data export %s failed", export_id)
        Gegevensexport.objects.filter(pk=export_id).update(status=Gegevensexport.Status.MISLUKT)
        vastleggen(
            "persoonsgegevens_export", resultaat=Resultaat.MISLUKT, actor=user, object=export
        )
        return False
    verloopt_op = nu + timedelta(days=settings.GEGEVENS_BEWAARDAGEN)
    with transaction.atomic():
        Gegevensexport.objects.filter(pk=export_id).update(
            status=Gegevensexport.Status.KLAAR, bestand=naam, klaar_op=nu, verloopt_op=verloopt_op
        )
        with translation.override(settings.LANGUAGE_CODE):
            notify(
                ontvangers=[user],
                soort=Soort.GEGEVENS_KLAAR,
                object=export,
                url=reverse("gegevens"),
                context={"tot": date_format(timezone.localtime(verloopt_op), "j F Y")},
            )
    vastleggen("persoonsgegevens_export", actor=user, object=export)
    return True


def gegevensexports_opruimen(*, nu: datetime | None = None) -> int:
    """Nightly: delete exports past their retention (file and row), failed and lost ones."""
    nu = nu or timezone.now()
    verlopen = Gegevensexport.objects.filter(
        Q(verloopt_op__lt=nu)
        | Q(
            # Failed ones, and jobs that never finished (see Gegevensexport.LOPEND_MAX).
            status__in=[
                Gegevensexport.Status.MISLUKT,
                Gegevensexport.Status.WACHTRIJ,
                Gegevensexport.Status.BEZIG,
            ],
            aangemaakt_op__lt=nu - timedelta(days=settings.GEGEVENS_BEWAARDAGEN),
        )
    )
    return _exports_verwijderen(verlopen)


def _exports_verwijderen(exports) -> int:
    aantal = 0
    for export in exports.only("pk", "bestand"):
        if export.bestand:
            export.bestand.storage.delete(export.bestand.name)
        export.delete()
        aantal += 1
    return aantal


@transaction.atomic
def account_verwijderen_aanvragen(*, user: User, nu: datetime | None = None) -> datetime:
    """Schedule the erasure of ``user``'s account after the grace period; returns when.
    Asking again keeps the first moment."""
    nu = nu or timezone.now()
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.verwijderen_op is None:
        user.verwijderen_op = nu + timedelta(days=settings.VERWIJDER_BEDENKTIJD_DAGEN)
        user.save(update_fields=["verwijderen_op"])
        vastleggen("account_verwijderen_aangevraagd", actor=user, object=user)
    return user.verwijderen_op


@transaction.atomic
def account_verwijderen_annuleren(*, user: User) -> bool:
    """Undo a scheduled erasure that has not happened yet; ``True`` when one was undone."""
    ongedaan = User.objects.filter(
        pk=user.pk, verwijderen_op__isnull=False, geanonimiseerd_op__isnull=True
    ).update(verwijderen_op=None)
    if ongedaan:
        user.verwijderen_op = None
        vastleggen("account_verwijderen_geannuleerd", actor=user, object=user)
    return bool(ongedaan)


def account_anonimiseren(*, user_id: int, reden: str = "verzoek") -> bool:
    """Erase a person: every app forgets them, then the account itself is anonymised.

    One transaction, the account row locked first; an account already anonymised is
    left alone (so a repeated or concurrent run changes nothing). Contributions stay,
    shown as "Anonieme deelnemer"; votes and supports stay counted. Returns ``True``
    when this call anonymised the account.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount

    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id).first()
        if user is None or user.geanonimiseerd_op is not None:
            return False
        privacy.alles_anonimiseren(user)
        _exports_verwijderen(Gegevensexport.objects.filter(user=user))
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        SocialAccount.objects.filter(user=user).delete()
        _sessies_beeindigen(user)
        rollen = set(user.groups.values_list("name", flat=True))
        for rol in Rol:
            if rol.value in rollen:
                user_revoke_role(user=user, rol=rol)
        user.groups.clear()  # any group that is not a role
        user.user_permissions.clear()
        user.email = f"verwijderd-{user.pk}@{ANONIEM_DOMEIN}"
        user.weergavenaam = ANONIEME_NAAM
        user.set_unusable_password()
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.verwijderen_op = None
        user.inactief_gewaarschuwd_op = None
        user.geanonimiseerd_op = timezone.now()
        user.save(
            update_fields=[
                "email",
                "weergavenaam",
                "password",
                "is_active",
                "is_staff",
                "is_superuser",
                "verwijderen_op",
                "inactief_gewaarschuwd_op",
                "geanonimiseerd_op",
            ]
        )
        vastleggen("account_geanonimiseerd", actor=None, object=user, reden=reden)
    return True


def _sessies_beeindigen(user: User) -> None:
    """Delete the person's login sessions (the database session store)."""
    engine = import_module(settings.SESSION_ENGINE)
    store = engine.SessionStore
    if not hasattr(store, "get_model_class"):
        return  # a cache or cookie store: the unusable password ends those sessions
    model = store.get_model_class()
    te_verwijderen = [
        sessie.pk
        for sessie in model.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(sessie.get_decoded().get("_auth_user_id")) == str(user.pk)
    ]
    model.objects.filter(pk__in=te_verwijderen).delete()


def accounts_verwijderen(*, nu: datetime | None = None) -> int:
    """Nightly: erase the accounts whose grace period has passed; returns how many."""
    nu = nu or timezone.now()
    ids = User.objects.filter(verwijderen_op__lte=nu, geanonimiseerd_op__isnull=True).values_list(
        "pk", flat=True
    )
    return sum(account_anonimiseren(user_id=pk) for pk in list(ids))


def _inactieve_inwoners(grens: datetime) -> QuerySet[User]:
    """Active residents (role inwoner, no staff role) whose last sign of life is before
    ``grens``: their last login, or when they joined if they never logged in."""
    staff = [rol.value for rol in STAFF_ROLES]
    return (
        User.objects.filter(
            is_active=True,
            is_staff=False,
            is_superuser=False,
            geanonimiseerd_op__isnull=True,
            groups__name=Rol.INWONER.value,
        )
        .exclude(groups__name__in=staff)
        .annotate(laatst_actief=Coalesce("last_login", "date_joined"))
        .filter(laatst_actief__lt=grens)
        .distinct()
    )


def inactieve_accounts(*, nu: datetime | None = None) -> tuple[int, int]:
    """Nightly: warn residents inactive for 24 months (once, by notification and e-mail),
    and anonymise those inactive for 27 months who were warned at least 30 days before.
    Logging in resets it all: the warning counts only if it came after the last login.
    Returns (warned, anonymised)."""
    nu = nu or timezone.now()
    waarschuwen_grens = nu - relativedelta(months=settings.INACTIEF_WAARSCHUWEN_MAANDEN)
    anonimiseren_grens = nu - relativedelta(months=settings.INACTIEF_ANONIMISEREN_MAANDEN)
    te_waarschuwen = _inactieve_inwoners(waarschuwen_grens).filter(
        Q(inactief_gewaarschuwd_op__isnull=True)
        | Q(inactief_gewaarschuwd_op__lt=F("laatst_actief"))
    )
    gewaarschuwd = 0
    for user in list(te_waarschuwen):
        _inactief_waarschuwen(user, nu=nu)
        gewaarschuwd += 1
    te_anonimiseren = _inactieve_inwoners(anonimiseren_grens).filter(
        inactief_gewaarschuwd_op__gt=F("laatst_actief"),
        inactief_gewaarschuwd_op__lte=nu - timedelta(days=30),
    )
    geanonimiseerd = sum(
        account_anonimiseren(user_id=pk, reden="inactief")
        for pk in list(te_anonimiseren.values_list("pk", flat=True))
    )
    return gewaarschuwd, geanonimiseerd


@transaction.atomic
def _inactief_waarschuwen(user: User, *, nu: datetime) -> None:
    from meldingen.email import melding_email
    from meldingen.models import Melding

    laatst_actief = user.laatst_actief
    op = max(
        laatst_actief + relativedelta(months=settings.INACTIEF_ANONIMISEREN_MAANDEN),
        nu + timedelta(days=30),
    )
    dedupe = laatst_actief.isoformat()
    with translation.override(settings.LANGUAGE_CODE):
        te_mailen = notify(
            ontvangers=[user],
            soort=Soort.ACCOUNT_INACTIEF,
            dedupe=dedupe,
            url=reverse("account_login"),
            context={
                "gemeente": settings.GEMEENTE_NAAM,
                "sinds": date_format(timezone.localtime(laatst_actief), "j F Y"),
                "op": date_format(timezone.localtime(op), "j F Y"),
            },
        )
    if not te_mailen:
        # Not by e-mail in their preferences: this one is mailed all the same, once.
        melding = Melding.objects.filter(
            ontvanger=user, soort=Soort.ACCOUNT_INACTIEF, dedupe=dedupe, gemaild_op__isnull=True
        ).first()
        if melding is not None:
            Melding.objects.filter(pk=melding.pk).update(gemaild_op=nu)
            transaction.on_commit(lambda: melding_email(melding).send())
    User.objects.filter(pk=user.pk).update(inactief_gewaarschuwd_op=nu)
