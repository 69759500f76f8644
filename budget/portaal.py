"""The budget's sections on an organisation's pages (``partners.secties``).

- **Waiting for your approval** (portal only): the allocations on which the
  organisation's answer is still open. Its contact persons get a link to answer;
  other members read along.
- **Contributions** (portal and detail page): what the organisation put into
  pots, limited to the pots the viewing user may see. A pot belongs to its
  opgave's workspace (``opgaven.permissions.can_view_werkruimte``): officials
  see every pot; everyone else the pots of opgaven where they hold a role or
  where an organisation they work for is involved.

Each section runs a fixed number of queries, whatever the number of rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from budget.models import Bijdrage, Goedkeuring, Toewijzing
from opgaven.models import Opgave
from opgaven.policies import opgave_is_bewerkbaar
from opgaven.selectors.opgaven import opgaven_visible_to
from partners.models import Lidmaatschap
from partners.secties import DETAIL, PORTAAL, Sectie, sectie_registreren
from partners.selectors import lidmaatschappen_actief

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User
    from partners.models import Organisatie


def opgaven_met_zichtbare_pot(user: User | AnonymousUser) -> QuerySet[Opgave]:
    """The opgaven whose workspace, and so whose pot, ``user`` may see (a subquery).

    The SQL form of ``can_view_werkruimte``: officials see all, others the opgaven
    where they hold a role (``via_rol``) or an organisation of theirs is involved
    (``via_partner``). Anonymous visitors none.
    """
    if not (user.is_authenticated and user.is_active):
        return Opgave.objects.none()
    if user.has_perm("opgaven.view_interne_opgave"):
        return Opgave.objects.all()
    return opgaven_visible_to(user).filter(Q(via_rol=True) | Q(via_partner=True))


def wachtend_op_goedkeuring(organisatie: Organisatie, user: User | AnonymousUser) -> dict[str, Any]:
    """The organisation's open answers on proposed allocations: two or three queries."""
    zichtbaar = opgaven_met_zichtbare_pot(user).values("pk")
    goedkeuringen = list(
        Goedkeuring.objects.filter(
            organisatie=organisatie,
            besluit=Goedkeuring.Besluit.OPEN,
            toewijzing__status=Toewijzing.Status.VOORGESTELD,
            toewijzing__pot__opgave__in=zichtbaar,
        )
        .select_related("toewijzing__actie", "toewijzing__pot__opgave")
        .order_by("toewijzing__voorgesteld_op", "pk")
    )
    is_contactpersoon = (
        bool(goedkeuringen)
        and lidmaatschappen_actief(user=user)
        .filter(organisatie=organisatie, rol=Lidmaatschap.Rol.CONTACTPERSOON)
        .exists()
    )
    rijen = [
        {
            "goedkeuring": goedkeuring,
            "toewijzing": goedkeuring.toewijzing,
            "opgave": goedkeuring.toewijzing.pot.opgave,
            # The same rule as BudgetRechten.kan_beantwoorden, without its queries per pot.
            "kan_beantwoorden": is_contactpersoon
            and opgave_is_bewerkbaar(goedkeuring.toewijzing.pot.opgave),
        }
        for goedkeuring in goedkeuringen
    ]
    return {"rijen": rijen, "is_contactpersoon": is_contactpersoon}


def bijdragen_van_organisatie(
    organisatie: Organisatie, user: User | AnonymousUser
) -> dict[str, Any]:
    """The organisation's contributions in the pots ``user`` may see: one or two queries."""
    zichtbaar = opgaven_met_zichtbare_pot(user).values("pk")
    bijdragen = list(
        Bijdrage.objects.filter(organisatie=organisatie, pot__opgave__in=zichtbaar)
        .select_related("pot__opgave")
        .order_by("pot__opgave__titel", "pot__pk", "vastgelegd_op", "pk")
    )
    return {"bijdragen": bijdragen}


def registreren() -> None:
    """Register the sections: allocations awaiting the organisation's approval
    (portal) and its contributions (portal and detail page)."""
    sectie_registreren(
        Sectie(
            naam="toewijzingen_wachtend",
            titel=_("Allocations awaiting your approval"),
            template="budget/secties/wachtend.html",
            gegevens=wachtend_op_goedkeuring,
            plekken=frozenset({PORTAAL}),
            volgorde=40,
        )
    )
    sectie_registreren(
        Sectie(
            naam="bijdragen",
            titel=_("Contributions"),
            template="budget/secties/bijdragen.html",
            gegevens=bijdragen_van_organisatie,
            plekken=frozenset({PORTAAL, DETAIL}),
            volgorde=50,
        )
    )
