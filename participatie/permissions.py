"""Who may do what in participation (DESIGN §6).

- **Reading**: a round that is no longer a draft is public: anonymous visitors
  read its question, influence space, input, sessions and feedback. A draft is
  seen by the officials who manage it.
- **Taking part** (join, submit, support, comment, flag, register for a
  session): every logged-in, active person, while the round is open.
- **Editing input**: its author, while the round is open.
- **Participatory budget**: everyone reads the budget, the proposals with their
  assessment, and the result. Every logged-in person submits proposals while they
  are asked for, and edits their own until it is assessed. Voting needs a login
  (and, in a round for some areas, a declared district among them) or a voting
  code; that is checked by ``services_begroting.stembiljet_openen``. Managers of
  the round set the budget up, assess proposals, make voting codes, close the
  vote and turn winners into actions.
- **Managing** a round (texts, status, feedback, moderation, sessions,
  attendance): officials (the verb ``participatie.change_ronde``) with a role
  on the round's opgave (its guardian ``change_opgave``). Partners never
  manage rounds: they would see residents' names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from opgaven.permissions import can_change_opgave
from participatie.models import Aanmelding, Begroting, Inbreng, Ronde, Voorstel
from participatie.policies import (
    inbreng_is_bewerkbaar,
    ronde_is_open,
    ronde_is_openbaar,
    voorstellen_gevraagd,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def _actief(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and user.is_active


def can_manage_ronde(user: User | AnonymousUser, ronde: Ronde) -> bool:
    """An official with a role on the opgave (which still allows changes)."""
    return (
        _actief(user)
        and user.has_perm("participatie.change_ronde")
        and can_change_opgave(user, ronde.opgave)
    )


def can_add_ronde(user: User | AnonymousUser, opgave) -> bool:
    return (
        _actief(user)
        and user.has_perm("participatie.add_ronde")
        and can_change_opgave(user, opgave)
    )


def can_view_ronde(user: User | AnonymousUser, ronde: Ronde) -> bool:
    return ronde_is_openbaar(ronde) or can_manage_ronde(user, ronde)


def can_take_part(user: User | AnonymousUser, ronde: Ronde) -> bool:
    return _actief(user) and ronde_is_open(ronde)


def can_edit_inbreng(user: User | AnonymousUser, inbreng: Inbreng) -> bool:
    return _actief(user) and inbreng.auteur_id == user.pk and inbreng_is_bewerkbaar(inbreng)


def can_cancel_aanmelding(user: User | AnonymousUser, aanmelding: Aanmelding) -> bool:
    return _actief(user) and aanmelding.user_id == user.pk


def can_submit_voorstel(user: User | AnonymousUser, begroting: Begroting) -> bool:
    return _actief(user) and voorstellen_gevraagd(begroting)


def can_edit_voorstel(user: User | AnonymousUser, voorstel: Voorstel) -> bool:
    return (
        _actief(user)
        and voorstel.indiener_id == user.pk
        and voorstel.status == Voorstel.Status.INGEDIEND
        and voorstellen_gevraagd(voorstel.begroting)
    )


def check(allowed: bool) -> None:
    """Raise ``PermissionDenied`` (403) unless ``allowed``."""
    if not allowed:
        raise PermissionDenied
