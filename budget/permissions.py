"""Who may do what with an opgave's joint budget (DESIGN §6).

The pot belongs to the opgave's workspace: whoever sees the workspace (officials,
role holders, members of involved organisations) sees the pot, its ledger and
its exports; nobody else, and such a pot is a 404 for them.

The rest follows from who someone speaks for:

- the **regisseur** and the other role holders who may change the opgave open
  and configure the pot; the regisseur proposes allocations;
- the **kassier's** contact persons hold the money: they record every
  contribution, confirm receipts, propose allocations and record expenses;
- a funder's **contact person** records and withdraws their own organisation's
  contributions, and answers its requests for approval.

``BudgetRechten`` gathers these facts for one user and one pot in three
queries; the per-row checks below are then plain Python, so the budget page
asks nothing per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from budget.models import Bijdrage, Budgetpot, Goedkeuring, Toewijzing
from budget.policies import (
    bijdrage_kan_intrekken,
    bijdrage_kan_ontvangen,
    toewijzing_kan_afsluiten,
    toewijzing_kan_beantwoorden,
    toewijzing_kan_besteden,
    toewijzing_kan_intrekken,
)
from opgaven.models import Opgave, Opgaverol
from opgaven.permissions import can_change_opgave, can_view_werkruimte
from opgaven.policies import opgave_is_bewerkbaar
from partners.models import Lidmaatschap
from partners.selectors import lidmaatschappen_actief

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


@dataclass(frozen=True)
class BudgetRechten:
    """What one user may do with the budget of one opgave."""

    user_id: int | None
    kan_bekijken: bool  # the pot, its ledger and exports
    kan_beheren: bool  # open the pot, change its settings
    is_regisseur: bool
    is_kassier: bool  # a contact person of the pot's kassier today
    contact_voor: frozenset[int]  # organisations the user is a contact person of today
    bewerkbaar: bool  # the opgave is not closed or archived

    # --- contributions ---

    def kan_bijdragen(self) -> bool:
        """Record a contribution at all (the form offers ``bijdrage_organisaties``)."""
        return self.bewerkbaar and (self.is_kassier or bool(self.contact_voor))

    def mag_bijdragen_voor(self, organisatie_id: int) -> bool:
        return self.bewerkbaar and (self.is_kassier or organisatie_id in self.contact_voor)

    def kan_ontvangen(self, bijdrage: Bijdrage) -> bool:
        return self.bewerkbaar and self.is_kassier and bijdrage_kan_ontvangen(bijdrage)

    def kan_intrekken(self, bijdrage: Bijdrage) -> bool:
        return self.mag_bijdragen_voor(bijdrage.organisatie_id) and bijdrage_kan_intrekken(bijdrage)

    # --- allocations ---

    def kan_voorstellen(self) -> bool:
        return self.bewerkbaar and (self.is_regisseur or self.is_kassier)

    def kan_beantwoorden(self, goedkeuring: Goedkeuring, toewijzing: Toewijzing) -> bool:
        return (
            self.bewerkbaar
            and goedkeuring.besluit == Goedkeuring.Besluit.OPEN
            and goedkeuring.organisatie_id in self.contact_voor
            and toewijzing_kan_beantwoorden(toewijzing)
        )

    def kan_toewijzing_intrekken(self, toewijzing: Toewijzing) -> bool:
        mag = self.is_regisseur or self.is_kassier or toewijzing.voorgesteld_door_id == self.user_id
        return self.bewerkbaar and mag and toewijzing_kan_intrekken(toewijzing)

    def kan_afsluiten(self, toewijzing: Toewijzing) -> bool:
        mag = self.is_regisseur or self.is_kassier
        return self.bewerkbaar and mag and toewijzing_kan_afsluiten(toewijzing)

    def kan_besteden(self, toewijzing: Toewijzing) -> bool:
        mag = self.is_regisseur or self.is_kassier
        return self.bewerkbaar and mag and toewijzing_kan_besteden(toewijzing)


GEEN_RECHTEN = BudgetRechten(
    user_id=None,
    kan_bekijken=False,
    kan_beheren=False,
    is_regisseur=False,
    is_kassier=False,
    contact_voor=frozenset(),
    bewerkbaar=False,
)


def budget_rechten(
    user: User | AnonymousUser, opgave: Opgave, pot: Budgetpot | None
) -> BudgetRechten:
    """The user's rights on the opgave's budget. ``pot`` is ``None`` before it exists.

    ``opgave`` should come from ``opgaven.selectors.opgave_werkruimte_get`` for
    this user: its annotations answer the workspace questions without queries.
    """
    if not (user.is_authenticated and user.is_active) or not can_view_werkruimte(user, opgave):
        return GEEN_RECHTEN
    today = timezone.localdate()
    is_regisseur = (
        Opgaverol.objects.filter(
            opgave=opgave, user=user, rol=Opgaverol.Rol.OPGAVEREGISSEUR, van__lte=today
        )
        .filter(Q(tot__isnull=True) | Q(tot__gt=today))
        .exists()
    )
    contact_voor = frozenset(
        lidmaatschappen_actief(user=user)
        .filter(rol=Lidmaatschap.Rol.CONTACTPERSOON)
        .values_list("organisatie_id", flat=True)
    )
    return BudgetRechten(
        user_id=user.pk,
        kan_bekijken=True,
        kan_beheren=can_change_opgave(user, opgave),
        is_regisseur=is_regisseur,
        is_kassier=pot is not None and pot.kassier_id in contact_voor,
        contact_voor=contact_voor,
        bewerkbaar=opgave_is_bewerkbaar(opgave),
    )


def check(allowed: bool) -> None:
    """Raise ``PermissionDenied`` (403) unless ``allowed``."""
    if not allowed:
        raise PermissionDenied
