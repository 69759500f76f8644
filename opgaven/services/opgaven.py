"""Every state change of an opgave and its roles (STYLE "Business logic").

Services take keyword-only, typed arguments, run in one transaction and save
with ``update_fields``. They never check permissions: the caller (a view, the
admin, the demo) does that first, through ``opgaven.permissions``.

``Opgaverol`` is the single source of per-opgave rights (DESIGN §5):
``opgave_permissions_sync`` derives the guardian object permissions from the
active roles and is the only code that assigns or removes them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import count
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from guardian.shortcuts import assign_perm, remove_perm

from meldingen.services import Soort, notify
from opgaven.models import (
    Fase,
    FaseOvergang,
    Gebied,
    Opgave,
    Opgaverol,
    OpgaveUserObjectPermission,
    Thema,
)
from opgaven.policies import fase_overgang_is_toegestaan, rol_is_actief

if TYPE_CHECKING:
    from accounts.models import User
    from partners.models import Organisatie


class FaseOvergangNietToegestaan(ValidationError):
    """A phase change refused: the graph (``policies.FASE_OVERGANGEN``) does not allow
    it, or someone else changed the phase in the meantime. The message is for users."""


# The object permissions each opgave role grants on its opgave. Every role of
# DESIGN §2 grants editing; a role that should only read gets ("view_opgave",).
OPGAVEROL_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Opgaverol.Rol.BESTUURLIJK_OPDRACHTGEVER: ("view_opgave", "change_opgave"),
    Opgaverol.Rol.AMBTELIJK_OPDRACHTGEVER: ("view_opgave", "change_opgave"),
    Opgaverol.Rol.OPGAVEREGISSEUR: ("view_opgave", "change_opgave"),
    Opgaverol.Rol.KERNTEAMLID: ("view_opgave", "change_opgave"),
}
# The permissions this module manages; others on an opgave are left alone.
DERIVED_PERMISSIONS: frozenset[str] = frozenset(
    codename for codenames in OPGAVEROL_PERMISSIONS.values() for codename in codenames
)

# Fields ``opgave_update`` may change. The slug is not among them: links stay valid.
# The phase neither: it changes only through ``opgave_fase_wijzigen``.
UPDATABLE_FIELDS: frozenset[str] = frozenset(
    {
        "titel",
        "vraagstuk",
        "huidige_situatie",
        "gewenste_situatie",
        "maatschappelijk_effect",
        "afbakening",
        "themas",
        "gebieden",
        "startdatum",
        "horizon",
        "score_impact",
        "score_krachtenveld",
        "score_verhoudingen",
        "score_tijdshorizon",
        "zichtbaarheid",
        "gearchiveerd",
    }
)
# The many-to-many fields among them: set after the row is saved, not saved with it.
_M2M_FIELDS: frozenset[str] = frozenset({"themas", "gebieden"})

# Path segments under /opgaven/ that are pages, not opgaven (see opgaven/urls.py).
RESERVED_SLUGS: frozenset[str] = frozenset({"nieuw"})
_SLUG_BASE_LENGTH = 200  # leaves room for a "-<n>" suffix within the 220 of the field


# --- Opgave -------------------------------------------------------------------------


@transaction.atomic
def opgave_create(
    *,
    door: User,
    titel: str,
    vraagstuk: str,
    zichtbaarheid: str,
    fase: str = Fase.VERKENNEN,
    opgaveregisseur: User | None = None,
    huidige_situatie: str = "",
    gewenste_situatie: str = "",
    maatschappelijk_effect: str = "",
    afbakening: str = "",
    themas: Iterable[Thema] = (),
    gebieden: Iterable[Gebied] = (),
    startdatum: date | None = None,
    horizon: date | None = None,
    score_impact: int | None = None,
    score_krachtenveld: int | None = None,
    score_verhoudingen: int | None = None,
    score_tijdshorizon: int | None = None,
) -> Opgave:
    """Create an opgave with a unique slug; ``opgaveregisseur`` gets that role on it.

    Invalid values (a score outside 1-5, a horizon before the start date) raise
    ``ValidationError`` with a Dutch message per field, and nothing is created.
    """
    opgave = Opgave(
        titel=titel,
        vraagstuk=vraagstuk,
        huidige_situatie=huidige_situatie,
        gewenste_situatie=gewenste_situatie,
        maatschappelijk_effect=maatschappelijk_effect,
        afbakening=afbakening,
        startdatum=startdatum,
        horizon=horizon,
        score_impact=score_impact,
        score_krachtenveld=score_krachtenveld,
        score_verhoudingen=score_verhoudingen,
        score_tijdshorizon=score_tijdshorizon,
        zichtbaarheid=zichtbaarheid,
        fase=fase,
        aangemaakt_door=door,
        gewijzigd_door=door,
    )
    _valideer(opgave)
    _insert_with_unique_slug(opgave)
    opgave.themas.set(themas)
    opgave.gebieden.set(gebieden)
    if opgaveregisseur is not None:
        opgaverol_toekennen(
            opgave=opgave, user=opgaveregisseur, rol=Opgaverol.Rol.OPGAVEREGISSEUR, door=door
        )
    return opgave


@transaction.atomic
def opgave_update(*, opgave: Opgave, door: User, **fields) -> Opgave:
    """Change the given fields of ``opgave`` (``UPDATABLE_FIELDS``; ``themas`` and
    ``gebieden`` take the complete new set). The phase changes via opgave_fase_wijzigen.

    The checks run on the stored row, locked, with the changes applied: an edit
    based on an old copy, or made at the same moment as another edit, cannot
    together with it break a rule such as horizon >= start date. Invalid values
    raise ``ValidationError`` and change nothing, not even ``opgave``.
    """
    unknown = fields.keys() - UPDATABLE_FIELDS
    if unknown:
        raise TypeError(f"opgave_update() cannot change {', '.join(sorted(unknown))}")
    # Lock the row: edits and phase changes of the same opgave run one after the other.
    stored = Opgave.objects.select_for_update().get(pk=opgave.pk)
    columns = {name: value for name, value in fields.items() if name not in _M2M_FIELDS}
    for name, value in columns.items():
        setattr(stored, name, value)
    stored.gewijzigd_door = door
    _valideer(stored)
    saved = [*columns, "gewijzigd_door", "gewijzigd_op"]
    stored.save(update_fields=saved)
    for name in _M2M_FIELDS & fields.keys():
        getattr(stored, name).set(fields[name])
    for name in saved:  # the caller's copy shows what was saved
        setattr(opgave, name, getattr(stored, name))
    return opgave


def _valideer(opgave: Opgave) -> None:
    """The model's own checks plus those across fields; Dutch messages per field."""
    errors: dict[str, list] = {}
    try:
        opgave.full_clean(exclude=["slug"])
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if opgave.startdatum and opgave.horizon and opgave.horizon < opgave.startdatum:
        # The same message as forms.OpgaveForm gives.
        errors.setdefault("horizon", []).append(
            ValidationError(_("The horizon cannot be before the start date."), code="horizon")
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def opgave_fase_wijzigen(*, opgave: Opgave, naar: str, door: User, reden: str) -> FaseOvergang:
    """Move ``opgave`` to phase ``naar``, record who, when and why, and tell its roles.

    ``opgave.fase`` is the phase the caller saw. The row is locked and checked
    again: when someone else changed the phase meanwhile, or the graph does not
    allow the step, ``FaseOvergangNietToegestaan`` is raised and nothing changes.
    """
    stored = Opgave.objects.select_for_update().get(pk=opgave.pk)
    if stored.fase != opgave.fase:
        raise FaseOvergangNietToegestaan(
            _(
                "Someone else has just moved this opgave to the phase %(fase)s. "
                "Check whether your change is still needed."
            )
            % {"fase": Fase(stored.fase).label}
        )
    if naar not in Fase.values or not fase_overgang_is_toegestaan(van=stored.fase, naar=naar):
        raise FaseOvergangNietToegestaan(_fase_overgang_fout(van=stored.fase, naar=naar))
    reden = reden.strip()
    if not reden:
        raise ValidationError({"reden": _("Give a reason for the phase change.")})

    overgang = FaseOvergang(opgave=opgave, van=stored.fase, naar=naar, door=door, reden=reden)
    overgang.full_clean()
    overgang.save(force_insert=True)
    opgave.fase = naar
    opgave.gewijzigd_door = door
    opgave.save(update_fields=["fase", "gewijzigd_door", "gewijzigd_op"])
    _fase_gewijzigd_melden(overgang=overgang)
    return overgang


def _fase_overgang_fout(*, van: str, naar: str) -> str:
    naar_label = Fase(naar).label if naar in Fase.values else naar
    return _("An opgave cannot move from phase %(van)s to phase %(naar)s.") % {
        "van": Fase(van).label,
        "naar": naar_label,
    }


def _fase_gewijzigd_melden(*, overgang: FaseOvergang) -> None:
    """Notify everyone with a role on the opgave today, except who made the change."""
    today = timezone.localdate()
    rollen = Opgaverol.objects.filter(opgave_id=overgang.opgave_id).exclude(
        user_id=overgang.door_id
    )
    ontvangers = {
        rol.user_id: rol.user for rol in rollen.select_related("user") if rol_is_actief(rol, today)
    }
    # The texts are stored in the site language; the notification is read later.
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "opgave": overgang.opgave.titel,
            "van": str(Fase(overgang.van).label).lower(),
            "naar": str(Fase(overgang.naar).label).lower(),
            "reden": overgang.reden,
            # The display name only: never someone's e-mail address (DESIGN §6.7).
            "door": (overgang.door.weergavenaam if overgang.door else "") or settings.GEMEENTE_NAAM,
        }
    notify(
        ontvangers=list(ontvangers.values()),
        soort=Soort.FASE_GEWIJZIGD,
        object=overgang.opgave,
        context=context,
        dedupe=str(overgang.pk),
    )


def _insert_with_unique_slug(opgave: Opgave) -> None:
    """Insert ``opgave`` under the first free slug: ``titel``, ``titel-2``, ``titel-3``...

    Two requests creating the same title at once both pick the same slug; the
    unique index lets one insert wait for the other. The loser's insert fails
    inside a savepoint, and it moves on to the next suffix.
    """
    base = slugify(opgave.titel)[:_SLUG_BASE_LENGTH].strip("-") or "opgave"
    taken = set(Opgave.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    for slug in _slug_candidates(base):
        if slug in taken:
            continue
        opgave.slug = slug
        try:
            with transaction.atomic():
                opgave.save(force_insert=True)
        except IntegrityError:
            if not Opgave.objects.filter(slug=slug).exists():
                raise  # another constraint failed: not ours to retry
            taken.add(slug)  # taken a moment ago by a concurrent insert
        else:
            return


def _slug_candidates(base: str) -> Iterator[str]:
    if base not in RESERVED_SLUGS:
        yield base
    for number in count(2):
        yield f"{base}-{number}"


# --- Opgaverol -----------------------------------------------------------------------


@transaction.atomic
def opgaverol_toekennen(
    *,
    opgave: Opgave,
    user: User,
    rol: str,
    van: date | None = None,
    door: User | None = None,
    organisatie: Organisatie | None = None,
) -> Opgaverol:
    """Give ``user`` role ``rol`` on ``opgave`` from ``van`` (today by default),
    optionally on behalf of ``organisatie``.

    Idempotent: while the person holds that role without an end date, the
    existing role is returned. A new role is notified to ``user``, naming
    ``door`` (who granted it), unless they granted it to themselves.
    """
    _lock(opgave)
    existing = Opgaverol.objects.filter(opgave=opgave, user=user, rol=rol, tot__isnull=True)
    opgaverol = existing.first()
    if opgaverol is None:
        opgaverol = Opgaverol(
            opgave=opgave,
            user=user,
            rol=rol,
            organisatie=organisatie,
            van=van or timezone.localdate(),
            tot=None,
        )
        opgaverol.full_clean()
        opgaverol.save(force_insert=True)
        opgave_permissions_sync(opgave=opgave)
        if door is None or door.pk != user.pk:
            _rol_toegekend_melden(opgaverol=opgaverol, door=door)
    return opgaverol


def _rol_toegekend_melden(*, opgaverol: Opgaverol, door: User | None) -> None:
    # The texts are stored in the site language; the notification is read later.
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "rol": str(Opgaverol.Rol(opgaverol.rol).label).lower(),
            "opgave": opgaverol.opgave.titel,
            # The display name only: never someone's e-mail address (DESIGN §6.7).
            "door": (door.weergavenaam if door is not None else "") or settings.GEMEENTE_NAAM,
        }
    notify(
        ontvangers=[opgaverol.user],
        soort=Soort.ROL_TOEGEKEND,
        object=opgaverol.opgave,
        context=context,
        dedupe=str(opgaverol.pk),
    )


@transaction.atomic
def opgaverol_beeindigen(*, opgaverol: Opgaverol, tot: date | None = None) -> Opgaverol:
    """End a role at the start of day ``tot`` (today by default): its rights go at once.

    A role that has not started yet ends on its first day, so it never applies.
    An earlier end date is kept.
    """
    _lock(opgaverol.opgave)
    stored = Opgaverol.objects.get(pk=opgaverol.pk)
    tot = max(tot or timezone.localdate(), stored.van)
    opgaverol.tot = tot if stored.tot is None else min(tot, stored.tot)
    opgaverol.save(update_fields=["tot"])
    opgave_permissions_sync(opgave=opgaverol.opgave)
    return opgaverol


@transaction.atomic
def opgaverol_verwijderen(*, opgaverol: Opgaverol) -> None:
    """Delete a role entered by mistake (end it instead to keep its history)."""
    opgave = opgaverol.opgave
    _lock(opgave)
    opgaverol.delete()
    opgave_permissions_sync(opgave=opgave)


# --- Object permissions ----------------------------------------------------------------


@transaction.atomic
def opgave_permissions_sync(*, opgave: Opgave) -> None:
    """Make the guardian permissions on ``opgave`` match its roles active today.

    The only place that assigns or removes object permissions on opgaven.
    Idempotent: a second run changes nothing.
    """
    _lock(opgave)
    today = timezone.localdate()
    wanted: dict[int, set[str]] = defaultdict(set)
    users: dict[int, User] = {}
    for rol in Opgaverol.objects.filter(opgave=opgave).select_related("user"):
        if rol_is_actief(rol, today):
            wanted[rol.user_id].update(OPGAVEROL_PERMISSIONS[rol.rol])
            users[rol.user_id] = rol.user

    present: dict[int, set[str]] = defaultdict(set)
    rows = OpgaveUserObjectPermission.objects.filter(
        content_object=opgave, permission__codename__in=DERIVED_PERMISSIONS
    ).select_related("user", "permission")
    for row in rows:
        present[row.user_id].add(row.permission.codename)
        if row.permission.codename not in wanted.get(row.user_id, ()):
            remove_perm(f"opgaven.{row.permission.codename}", row.user, opgave)

    for user_id, codenames in wanted.items():
        for codename in sorted(codenames - present[user_id]):
            assign_perm(f"opgaven.{codename}", users[user_id], opgave)


def opgave_permissions_sync_all() -> int:
    """Sync every opgave that has roles; run daily, when roles start and end by date."""
    opgaven = Opgave.objects.filter(rollen__isnull=False).distinct().order_by("pk")
    synced = 0
    for opgave in opgaven.iterator():
        opgave_permissions_sync(opgave=opgave)
        synced += 1
    return synced


def _lock(opgave: Opgave) -> None:
    """Serialise role changes per opgave, so two syncs never interleave."""
    Opgave.objects.select_for_update().filter(pk=opgave.pk).values_list("pk").first()
