"""Who may do what in learning and coaching (DESIGN §6).

- **Logging learning** (entries, development plan, self-assessment): officials
  and advisers (the verb ``leren.add_leerervaring``), for themselves only.
- **Coaching**: advisers (the verb ``leren.add_coachtraject``) start
  trajectories; the coach of a trajectory manages it, records conversations,
  gives feedback on entries shared with them and assesses their coachees.
- **Reading** is decided by ``leren.selectors`` (the confidentiality rules);
  an entry or trajectory someone may not read is a 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from leren.models import Coachtraject, Leerervaring
from leren.policies import traject_deelt

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def _actief(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and user.is_active


def can_log(user: User | AnonymousUser) -> bool:
    return _actief(user) and user.has_perm("leren.add_leerervaring")


def can_edit_ervaring(user: User | AnonymousUser, ervaring: Leerervaring) -> bool:
    return _actief(user) and ervaring.auteur_id == user.pk


def can_coach(user: User | AnonymousUser) -> bool:
    return _actief(user) and user.has_perm("leren.add_coachtraject")


def can_manage_traject(user: User | AnonymousUser, traject: Coachtraject) -> bool:
    return _actief(user) and traject.coach_id == user.pk


def can_give_feedback(
    user: User | AnonymousUser, ervaring: Leerervaring, *, is_coach_van_auteur: bool
) -> bool:
    """The coach of the author (an active trajectory, known to the caller) on an entry
    shared with the coach or the team."""
    return (
        _actief(user)
        and ervaring.auteur_id != user.pk
        and ervaring.zichtbaarheid != "prive"
        and is_coach_van_auteur
    )


def can_read_progress(user: User | AnonymousUser, traject: Coachtraject) -> bool:
    """The progress summary of a trajectory (and its learning report): the coach, the
    coachees, and the opdrachtgever only while the agreement shares progress."""
    if not _actief(user):
        return False
    if traject.coach_id == user.pk:
        return True
    if traject.coachees.filter(pk=user.pk).exists():
        return True
    return (
        traject.opdrachtgever_id == user.pk and traject.deelt_voortgang and traject_deelt(traject)
    )


def can_record_gesprek(user: User | AnonymousUser, traject: Coachtraject) -> bool:
    return can_manage_traject(user, traject) and (
        traject_deelt(traject) or traject.status == Coachtraject.Status.INTAKE
    )


def check(allowed: bool) -> None:
    """Raise ``PermissionDenied`` (403) unless ``allowed``."""
    if not allowed:
        raise PermissionDenied
