"""Connect the security events of Django, allauth and the admin to the audit log.

Connected once in ``BeveiligingConfig.ready()``. This is wiring, not domain flow
(STYLE: signals only for cross-cutting concerns): the events come from code we
do not own (django.contrib.auth, allauth, the admin) or must be caught whatever
path changed the data (a role granted by a service, the admin or a shell).

No receiver logs a secret or personal content: users are ids, a failed login's
e-mail address becomes a keyed hash (the same address gives the same hash, so
repeated attempts on one account can be followed, but the hash cannot be turned
back into the address without the server's SECRET_KEY).

Opgave roles (``opgaven.Opgaverol``) are not wired here: opgaven is a higher
app, and every grant and end of such a role is already in its pghistory trail
(``@gevolgd``); the quarterly role review reads them (beveiliging/rolreview.py).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_init, post_save
from django.utils.crypto import salted_hmac

from allauth.mfa import signals as mfa_signals

from beveiliging.audit import Resultaat, vastleggen
from beveiliging.middleware import huidig_verzoek

BEVOEGDHEDEN = ("is_staff", "is_superuser")
ADMIN_HANDELING = {ADDITION: "toegevoegd", CHANGE: "gewijzigd", DELETION: "verwijderd"}


def poging_hash(waarde: str) -> str:
    """A keyed hash of a login name: follows one account, reveals no address."""
    return salted_hmac("beveiliging.inlogpoging", waarde.strip().lower()).hexdigest()[:16]


def _gebruiker(user: Any) -> str:
    return f"{settings.AUTH_USER_MODEL.lower()}:{user.pk}"


# --- Logging in and out ----------------------------------------------------------------


def ingelogd(sender, request, user, **kwargs) -> None:
    vastleggen("inloggen", actor=user, object=_gebruiker(user), request=request)


def inloggen_mislukt(sender, credentials, request=None, **kwargs) -> None:
    naam = credentials.get("email") or credentials.get("username") or ""
    details = {"poging": poging_hash(naam)} if naam else {}
    vastleggen("inloggen", resultaat=Resultaat.MISLUKT, request=request, **details)


def uitgelogd(sender, request, user, **kwargs) -> None:
    if user is not None:
        vastleggen("uitloggen", actor=user, object=_gebruiker(user), request=request)


# --- Two-factor authentication -------------------------------------------------------------


def _mfa(actie: str, resultaat: str = Resultaat.GELUKT):
    def ontvanger(sender, request, user, authenticator, **kwargs) -> None:
        vastleggen(
            actie,
            resultaat=resultaat,
            actor=user if resultaat == Resultaat.GELUKT or request is None else None,
            object=_gebruiker(user),
            request=request,
            soort=authenticator.type,
        )

    return ontvanger


mfa_toegevoegd = _mfa("mfa_toegevoegd")
mfa_verwijderd = _mfa("mfa_verwijderd")
mfa_vernieuwd = _mfa("mfa_vernieuwd")
mfa_mislukt = _mfa("mfa_mislukt", Resultaat.MISLUKT)


# --- Roles: groups and the staff/superuser flags --------------------------------------------


def rollen_gewijzigd(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """A user's groups changed, from either side (``user.groups`` or ``group.user_set``)."""
    if action == "pre_clear":
        # clear() reports no ids afterwards: remember which links it removes.
        links = sender.objects.filter(**{("group" if reverse else "user"): instance.pk})
        instance._beveiliging_gewist = set(
            links.values_list("user_id" if reverse else "group_id", flat=True)
        )
        return
    if action == "post_clear":
        pk_set = getattr(instance, "_beveiliging_gewist", set())
        action = "post_remove"
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    actie = "rol_toegekend" if action == "post_add" else "rol_ingetrokken"
    request = huidig_verzoek.get()
    if reverse:  # group.user_set.add(...): one group, several users
        paren = [(user_id, instance) for user_id in sorted(pk_set)]
    else:
        groepen = Group.objects.in_bulk(pk_set)
        paren = [(instance.pk, groepen.get(pk)) for pk in sorted(pk_set)]
    for user_id, groep in paren:
        vastleggen(
            actie,
            object=f"{settings.AUTH_USER_MODEL.lower()}:{user_id}",
            request=request,
            rol=groep.name if groep is not None else "",
        )


def _bevoegdheden(instance) -> tuple:
    # __dict__, not getattr: a deferred field would cost a query on every load.
    return tuple(instance.__dict__.get(veld) for veld in BEVOEGDHEDEN)


def gebruiker_geladen(sender, instance, **kwargs) -> None:
    instance._beveiliging_bevoegdheden = _bevoegdheden(instance)


def gebruiker_opgeslagen(sender, instance, created, update_fields=None, **kwargs) -> None:
    if update_fields is not None and not set(update_fields) & set(BEVOEGDHEDEN):
        return
    oud = (False, False) if created else getattr(instance, "_beveiliging_bevoegdheden", None)
    nieuw = _bevoegdheden(instance)
    instance._beveiliging_bevoegdheden = nieuw
    if oud is None:
        return
    request = huidig_verzoek.get()
    for veld, was, is_nu in zip(BEVOEGDHEDEN, oud, nieuw, strict=True):
        if was is None or is_nu is None or bool(was) == bool(is_nu):
            continue
        vastleggen(
            "rol_toegekend" if is_nu else "rol_ingetrokken",
            object=_gebruiker(instance),
            request=request,
            rol=veld,
        )


# --- Admin changes ---------------------------------------------------------------------------


def admin_wijziging(sender, instance: LogEntry, created, **kwargs) -> None:
    if not created:
        return
    model = (
        ContentType.objects.get_for_id(instance.content_type_id)
        if instance.content_type_id
        else None
    )
    vastleggen(
        "admin_wijziging",
        actor=instance.user_id,
        object=f"{model.app_label}.{model.model}:{instance.object_id}" if model else "",
        request=huidig_verzoek.get(),
        handeling=ADMIN_HANDELING.get(instance.action_flag, str(instance.action_flag)),
    )


def verbinden() -> None:
    """Connect every receiver (``BeveiligingConfig.ready``); idempotent by dispatch_uid."""
    user_model = get_user_model()
    user_logged_in.connect(ingelogd, dispatch_uid="beveiliging-inloggen")
    user_login_failed.connect(inloggen_mislukt, dispatch_uid="beveiliging-inloggen-mislukt")
    user_logged_out.connect(uitgelogd, dispatch_uid="beveiliging-uitloggen")
    mfa_signals.authenticator_added.connect(mfa_toegevoegd, dispatch_uid="beveiliging-mfa-add")
    mfa_signals.authenticator_removed.connect(mfa_verwijderd, dispatch_uid="beveiliging-mfa-del")
    mfa_signals.authenticator_reset.connect(mfa_vernieuwd, dispatch_uid="beveiliging-mfa-reset")
    mfa_signals.authentication_failed.connect(mfa_mislukt, dispatch_uid="beveiliging-mfa-fout")
    m2m_changed.connect(
        rollen_gewijzigd, sender=user_model.groups.through, dispatch_uid="beveiliging-rollen"
    )
    post_init.connect(gebruiker_geladen, sender=user_model, dispatch_uid="beveiliging-geladen")
    post_save.connect(gebruiker_opgeslagen, sender=user_model, dispatch_uid="beveiliging-staff")
    post_save.connect(admin_wijziging, sender=LogEntry, dispatch_uid="beveiliging-admin")
