"""Who may do what with the register of organisations and their members (DESIGN §6).

Reading the register is the verb ``partners.view_organisatie``; keeping it is
``partners.change_organisatie`` (officials). A contact person edits their own
organisation's website and description; its members see its members page.
Membership is read live (``partners.selectors``), so ending it ends the rights.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from partners.models import Lidmaatschap, Organisatie
from partners.selectors import lidmaatschap_rol


@dataclass(frozen=True)
class Rechten:
    """What ``user`` may do with one organisation, as booleans for the templates."""

    is_lid: bool  # works for it today
    is_contactpersoon: bool
    kan_beheren: bool  # an official who keeps the register

    @property
    def kan_bewerken(self) -> bool:
        return self.kan_beheren or self.is_contactpersoon

    @property
    def kan_leden_zien(self) -> bool:
        return self.kan_beheren or self.is_lid


def rechten_op(user, organisatie: Organisatie) -> Rechten:
    """The rights of ``user`` on ``organisatie``: one query for the membership, read live."""
    rol = lidmaatschap_rol(user=user, organisatie=organisatie)
    return Rechten(
        is_lid=rol is not None,
        is_contactpersoon=rol == Lidmaatschap.Rol.CONTACTPERSOON,
        kan_beheren=user.has_perm("partners.change_organisatie"),
    )


def check_can_view_register(user) -> None:
    if not user.has_perm("partners.view_organisatie"):
        raise PermissionDenied
