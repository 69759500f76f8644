"""Who may do what with an opgave: the permission pattern of DESIGN §6, in one app.

Four ingredients, each with one home:

1. **Verbs** are model permissions, granted to role Groups in
   ``accounts/roles.py`` (``opgaven.add_opgave``, ``opgaven.view_interne_opgave``).
   Code asks ``user.has_perm(...)``; it never tests a group name.
2. **Object scope** comes from django-guardian. ``Opgaverol`` is the single
   source: ``services.opgave_permissions_sync`` derives ``opgaven.view_opgave`` and
   ``opgaven.change_opgave`` on the opgave from the roles active today, and is
   the only code that assigns or removes them.
3. **State rules** are pure functions in ``policies.py`` (public? editable?).
4. **This module** combines them into ``can_x(user, obj) -> bool`` and
   ``check_can_x(...)``, which raises ``PermissionDenied``.

Views fetch through the scoped selectors in ``selectors.py``: an opgave the user
may not see gives 404, one they see but may not change gives 403 (via
``check_can_x``), and an anonymous visitor of a protected page is sent to log
in. Templates get booleans from the view (``kan_bewerken``); list selectors
annotate the same booleans in SQL, so a list never asks per row.
``tests/security/test_permission_matrix.py`` checks every URL for every persona.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from opgaven.models import Betrokkenheid, Opgave, Opgaverol
from opgaven.policies import fase_is_wijzigbaar, opgave_is_bewerkbaar, opgave_is_openbaar
from partners.selectors import lidmaatschappen_actief

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def can_view_opgave(user: User | AnonymousUser, opgave: Opgave) -> bool:
    """Public opgaven for everyone; internal ones for officials, role holders and
    the members of involved organisations."""
    if opgave_is_openbaar(opgave):
        return True
    return can_view_werkruimte(user, opgave)


def is_partner_bij(user: User | AnonymousUser, opgave: Opgave) -> bool:
    """Does ``user`` work today for an organisation involved in ``opgave``?

    Uses the ``via_partner`` annotation of ``selectors.opgaven_visible_to``
    when the opgave came from there, and asks the database otherwise.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    if (annotated := _annotated(user, opgave, "via_partner")) is not None:
        return annotated
    organisaties = lidmaatschappen_actief(user=user).values("organisatie_id")
    return Betrokkenheid.objects.filter(opgave=opgave, organisatie_id__in=organisaties).exists()


def can_view_werkruimte(user: User | AnonymousUser, opgave: Opgave) -> bool:
    """The workspace behind the public summary: goals, plan, decisions.

    Officials, the opgave's role holders and members of the organisations
    involved in it. Everyone else sees the public summary only.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    return (
        user.has_perm("opgaven.view_interne_opgave")
        or _has_role(user, opgave)
        or is_partner_bij(user, opgave)
    )


def can_view_krachtenveld(user: User | AnonymousUser, opgave: Opgave) -> bool:
    """The municipality's own analysis of the field of forces, and the change history.

    Officials and role holders only: partners do not read how the municipality
    rates their power and attitude, nor the notes of conversations with others.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    return user.has_perm("opgaven.view_interne_opgave") or _has_role(user, opgave)


def _has_role(user: User, opgave: Opgave) -> bool:
    """An active role on ``opgave`` (the guardian ``view_opgave`` it grants)."""
    if (annotated := _annotated(user, opgave, "via_rol")) is not None:
        return annotated
    return user.has_perm("opgaven.view_opgave", opgave)


def _annotated(user: User | AnonymousUser, opgave: Opgave, name: str) -> bool | None:
    """The answer ``selectors.opgave_werkruimte_get`` computed in SQL for this user, if any.

    It is used only when the opgave was fetched for this same user
    (``gezien_door``); superusers pass checks without rows, so they always ask
    ``has_perm``. Otherwise ``None``: the caller asks the database.
    """
    if getattr(user, "is_superuser", False) or not hasattr(opgave, "gezien_door"):
        return None
    if opgave.gezien_door != user.pk:
        return None
    return getattr(opgave, name, None)


def can_change_opgave(user: User | AnonymousUser, opgave: Opgave) -> bool:
    """An active role on the opgave (guardian permission) and an editable state."""
    if (annotated := _annotated(user, opgave, "kan_bewerken")) is not None:
        return annotated
    return opgave_is_bewerkbaar(opgave) and user.has_perm("opgaven.change_opgave", opgave)


# The roles that may move an opgave to another phase (DESIGN §5): the regisseur
# and the sponsors. A kernteamlid may edit the opgave, but not steer its phase.
FASE_ROLLEN: frozenset[str] = frozenset(
    {
        Opgaverol.Rol.OPGAVEREGISSEUR,
        Opgaverol.Rol.BESTUURLIJK_OPDRACHTGEVER,
        Opgaverol.Rol.AMBTELIJK_OPDRACHTGEVER,
    }
)


def can_change_fase(user: User | AnonymousUser, opgave: Opgave) -> bool:
    """A steering role on the opgave, active today (one query), and a phase that can change.

    The guardian permissions do not tell the roles apart, so this asks the
    roles themselves: the same rule as ``policies.rol_is_actief``, in SQL.
    """
    if not (user.is_authenticated and user.is_active) or not fase_is_wijzigbaar(opgave):
        return False
    if (annotated := _annotated(user, opgave, "fase_rol")) is not None:
        return annotated
    today = timezone.localdate()
    return (
        Opgaverol.objects.filter(opgave=opgave, user=user, rol__in=FASE_ROLLEN, van__lte=today)
        .filter(Q(tot__isnull=True) | Q(tot__gt=today))
        .exists()
    )


def can_add_opgave(user: User | AnonymousUser) -> bool:
    return user.has_perm("opgaven.add_opgave")


def check_can_view_opgave(user: User | AnonymousUser, opgave: Opgave) -> None:
    if not can_view_opgave(user, opgave):
        raise PermissionDenied


def check_can_change_opgave(user: User | AnonymousUser, opgave: Opgave) -> None:
    if not can_change_opgave(user, opgave):
        raise PermissionDenied


def check_can_add_opgave(user: User | AnonymousUser) -> None:
    if not can_add_opgave(user):
        raise PermissionDenied


def check_can_change_fase(user: User | AnonymousUser, opgave: Opgave) -> None:
    if not can_change_fase(user, opgave):
        raise PermissionDenied


def check_can_view_werkruimte(user: User | AnonymousUser, opgave: Opgave) -> None:
    if not can_view_werkruimte(user, opgave):
        raise PermissionDenied


def check_can_view_krachtenveld(user: User | AnonymousUser, opgave: Opgave) -> None:
    if not can_view_krachtenveld(user, opgave):
        raise PermissionDenied


# --- Plan van aanpak: partners ---------------------------------------------------------
#
# A partner answers for their organisation and updates the status of the actions
# it leads; nothing else in the workspace (issue 4 point 11). The plan page gets
# the same rules per row in SQL (``selectors.plan``: ``trekker_lid`` and
# ``is_contactpersoon``), so a list never asks per row; tests check they agree.

from opgaven.models import Actie, Instemming, PlanVanAanpak  # noqa: E402 (this section's own)
from partners.models import Lidmaatschap  # noqa: E402


def can_answer_instemming(user: User | AnonymousUser, instemming: Instemming) -> bool:
    """A contact person (today) of the organisation asked, while its answer is open
    and the plan awaits consent, in an opgave that can still change."""
    if not (user.is_authenticated and user.is_active):
        return False
    if instemming.besluit != Instemming.Besluit.OPEN:
        return False
    if instemming.plan.status != PlanVanAanpak.Status.TER_INSTEMMING:
        return False
    if not opgave_is_bewerkbaar(instemming.opgave):
        return False
    return (
        lidmaatschappen_actief(user=user)
        .filter(organisatie_id=instemming.organisatie_id, rol=Lidmaatschap.Rol.CONTACTPERSOON)
        .exists()
    )


def can_change_actie_status(user: User | AnonymousUser, actie: Actie) -> bool:
    """The role holders (who may change the whole opgave), and every member (today) of
    the action's lead organisation (trekker), whatever their role in it."""
    if not (user.is_authenticated and user.is_active) or not opgave_is_bewerkbaar(actie.opgave):
        return False
    if can_change_opgave(user, actie.opgave):
        return True
    return lidmaatschappen_actief(user=user).filter(organisatie_id=actie.trekker_id).exists()


def check_can_answer_instemming(user: User | AnonymousUser, instemming: Instemming) -> None:
    if not can_answer_instemming(user, instemming):
        raise PermissionDenied


def check_can_change_actie_status(user: User | AnonymousUser, actie: Actie) -> None:
    if not can_change_actie_status(user, actie):
        raise PermissionDenied
