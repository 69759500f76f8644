"""Reads of opgaven, always scoped to what the user may see (DESIGN §6.5)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Value
from django.shortcuts import get_object_or_404
from django.utils import timezone

from guardian.shortcuts import get_objects_for_user

from opgaven.models import Betrokkenheid, FaseOvergang, Opgave, Opgaverol, Zichtbaarheid
from opgaven.policies import AFGESLOTEN_FASEN, rol_is_actief
from partners.selectors import lidmaatschappen_actief

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

# The SQL form of policies.opgave_is_bewerkbaar, for annotating whole lists.
# tests/opgaven/test_selectors.py checks that the two agree.
_BEWERKBAAR = Q(gearchiveerd=False) & ~Q(fase__in=AFGESLOTEN_FASEN)


def opgaven_visible_to(user: User | AnonymousUser) -> QuerySet[Opgave]:
    """The opgaven ``user`` may see, each annotated with ``kan_bewerken``.

    Mirrors ``permissions.can_view_opgave`` and ``can_change_opgave`` in SQL,
    so a list needs one query however many rows it shows. The guardian
    lookups are subqueries on the direct-FK permission tables. Partners also
    see the opgaven their organisation is involved in (``via_partner``).
    """
    opgaven = Opgave.objects.all()
    if not (user.is_authenticated and user.is_active):
        return opgaven.filter(zichtbaarheid=Zichtbaarheid.OPENBAAR).annotate(
            kan_bewerken=Value(False, output_field=BooleanField()),
            via_rol=Value(False, output_field=BooleanField()),
            via_partner=Value(False, output_field=BooleanField()),
        )
    via_rol = Q(pk__in=_with_object_permission(user, "opgaven.view_opgave"))
    via_partner = Exists(_betrokken_via_lidmaatschap(user))
    if not user.has_perm("opgaven.view_interne_opgave"):
        opgaven = opgaven.filter(Q(zichtbaarheid=Zichtbaarheid.OPENBAAR) | via_rol | via_partner)
    editable = _with_object_permission(user, "opgaven.change_opgave")
    return opgaven.annotate(
        kan_bewerken=ExpressionWrapper(Q(pk__in=editable) & _BEWERKBAAR, BooleanField()),
        via_rol=ExpressionWrapper(via_rol, BooleanField()),
        via_partner=via_partner,
    )


def _betrokken_via_lidmaatschap(user: User) -> QuerySet[Betrokkenheid]:
    """The involvements of the outer opgave held by an organisation ``user`` works for today."""
    organisaties = lidmaatschappen_actief(user=user).values("organisatie_id")
    return Betrokkenheid.objects.filter(opgave=OuterRef("pk"), organisatie_id__in=organisaties)


def opgaven_zoeken(*, user: User | AnonymousUser, zoekterm: str = "") -> QuerySet[Opgave]:
    """Visible opgaven whose title contains ``zoekterm`` (all when it is empty)."""
    opgaven = opgaven_visible_to(user)
    if zoekterm := zoekterm.strip():
        opgaven = opgaven.filter(titel__icontains=zoekterm)
    return opgaven


def opgave_get_visible(*, user: User | AnonymousUser, slug: str) -> Opgave:
    """The opgave with ``slug``; ``Http404`` when it does not exist or is not visible."""
    return get_object_or_404(opgaven_visible_to(user), slug=slug)


def opgaverollen_actief(*, opgave: Opgave) -> list[Opgaverol]:
    """The roles on ``opgave`` that apply today, in the order of ``Opgaverol.Rol``."""
    today = timezone.localdate()
    order = {value: index for index, value in enumerate(Opgaverol.Rol.values)}
    rollen = Opgaverol.objects.filter(opgave=opgave).select_related("user")
    return sorted(
        (rol for rol in rollen if rol_is_actief(rol, today)),
        key=lambda rol: (order[rol.rol], str(rol.user)),
    )


def faseovergangen_van(*, opgave: Opgave) -> QuerySet[FaseOvergang]:
    """The phase changes of ``opgave``, newest first, with who made them (one query)."""
    return FaseOvergang.objects.filter(opgave=opgave).select_related("door")


def _with_object_permission(user: User, perm: str) -> QuerySet[Opgave]:
    """Primary keys of the opgaven on which ``user`` holds object permission ``perm``."""
    objects = get_objects_for_user(user, perm, Opgave, accept_global_perms=False)
    return objects.values("pk")
