"""Reads for the roles page of one opgave: who holds which role, and who may get one.

Every read is scoped to one opgave (DESIGN §6.5). People are shown by their
display name only, never by their e-mail address (DESIGN §6.7).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Q, QuerySet
from django.db.models.functions import JSONObject, Lower
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from opgaven.models import Betrokkenheid, Opgave, Opgaverol
from partners.models import Lidmaatschap, Organisatie

if TYPE_CHECKING:
    from accounts.models import User

# The verb that makes someone an official here: seeing every opgave. The
# ambtenaar role grants it (accounts/roles.py); code never tests group names.
AMBTENAAR_PERMISSIE = ("opgaven", "view_interne_opgave")

# Partners (members of an involved organisation who are not officials) may hold
# only this role: they join the core team, they do not direct the opgave.
PARTNER_ROLLEN: frozenset[str] = frozenset({Opgaverol.Rol.KERNTEAMLID})


def weergavenaam(user: User) -> str:
    """How a person is shown on these pages: their display name, never their e-mail."""
    return user.weergavenaam or _("a colleague")


# --- The roles ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Rollen:
    """The roles of one opgave: those that last (today or later) and those that ended."""

    lopend: list[Opgaverol]
    beeindigd: list[Opgaverol]


def opgaverollen_van(*, opgave: Opgave) -> Rollen:
    """Every role on ``opgave`` with its person and organisation, in one query.

    A role lasts while it has no end date or ends after today (``rol_is_actief``
    for today, plus the roles that start later); it has ended from its ``tot`` on.
    Lasting roles come in the order of ``Opgaverol.Rol``, ended ones newest first.
    """
    today = timezone.localdate()
    order = {value: index for index, value in enumerate(Opgaverol.Rol.values)}
    rollen = list(Opgaverol.objects.filter(opgave=opgave).select_related("user", "organisatie"))
    lopend = [rol for rol in rollen if not _is_beeindigd(rol, today)]
    beeindigd = [rol for rol in rollen if _is_beeindigd(rol, today)]
    lopend.sort(key=lambda rol: (order[rol.rol], weergavenaam(rol.user).lower(), rol.van))
    beeindigd.sort(key=lambda rol: (rol.tot, rol.van, rol.pk), reverse=True)
    return Rollen(lopend=lopend, beeindigd=beeindigd)


def _is_beeindigd(rol: Opgaverol, today: date) -> bool:
    return rol.tot is not None and rol.tot <= today


def opgaverol_is_beeindigd(opgaverol: Opgaverol) -> bool:
    """Has ``opgaverol`` ended (its end date is today or earlier)?"""
    return _is_beeindigd(opgaverol, timezone.localdate())


def opgaverol_get(*, opgave: Opgave, pk: int) -> Opgaverol:
    """The role ``pk`` of ``opgave``; ``Http404`` for a role of another opgave."""
    rollen = Opgaverol.objects.filter(opgave=opgave).select_related("user", "organisatie")
    return get_object_or_404(rollen, pk=pk)


def opgaverol_overlapt(*, opgave: Opgave, user_id: int, rol: str, van: date) -> bool:
    """Does the person already hold ``rol`` on ``opgave`` on day ``van`` or after it?

    A role without end date, or one that ends after ``van``, overlaps: giving
    the same role again would only duplicate it.
    """
    return (
        Opgaverol.objects.filter(opgave=opgave, user_id=user_id, rol=rol)
        .filter(Q(tot__isnull=True) | Q(tot__gt=van))
        .exists()
    )


# --- Who may get a role ----------------------------------------------------------------------


@dataclass(frozen=True)
class Kandidaat:
    """A person who may get a role on the opgave."""

    user_id: int
    naam: str  # the display name; never the e-mail address
    is_ambtenaar: bool
    # The involved organisations this person works for today (partners).
    organisatie_ids: frozenset[int] = frozenset()

    @property
    def rollen(self) -> frozenset[str]:
        """The roles this person may hold: all for officials, the core team for partners."""
        return frozenset(Opgaverol.Rol.values) if self.is_ambtenaar else PARTNER_ROLLEN


@dataclass(frozen=True)
class OrganisatieKeuze:
    id: int
    naam: str


@dataclass(frozen=True)
class RolKeuzes:
    """The choices of the form that assigns a role."""

    ambtenaren: list[Kandidaat]
    partners: list[Kandidaat]
    organisaties: list[OrganisatieKeuze]  # the organisations involved in the opgave
    _per_user: dict[int, Kandidaat] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        per_user = {kandidaat.user_id: kandidaat for kandidaat in self.partners}
        per_user.update({kandidaat.user_id: kandidaat for kandidaat in self.ambtenaren})
        object.__setattr__(self, "_per_user", per_user)

    def kandidaat(self, user_id: int) -> Kandidaat | None:
        return self._per_user.get(user_id)

    def organisatie(self, organisatie_id: int) -> OrganisatieKeuze | None:
        return next((org for org in self.organisaties if org.id == organisatie_id), None)


def rol_keuzes(*, opgave: Opgave) -> RolKeuzes:
    """Who may get a role on ``opgave``, and on behalf of which organisation, in ONE query.

    * officials (``AMBTENAAR_PERMISSIE``) may get every role;
    * partners, the members today of an organisation involved in the opgave, may
      join the core team (``PARTNER_ROLLEN``); an official who is also a member
      counts as an official;
    * the organisations are those involved in the opgave.

    The three lists come as arrays of one row (the opgave), so the page with
    this form stays within the workspace's query budget (12 per page).
    """
    today = timezone.localdate()
    betrokken = Betrokkenheid.objects.filter(opgave=opgave).values("organisatie_id")
    ambtenaren = _ambtenaren().order_by(Lower("weergavenaam"), "pk")
    leden = (
        Lidmaatschap.objects.filter(
            organisatie_id__in=betrokken, user__is_active=True, van__lte=today
        )
        .filter(Q(tot__isnull=True) | Q(tot__gt=today))
        .order_by(Lower("user__weergavenaam"), "user_id", "organisatie__naam")
    )
    organisaties = Organisatie.objects.filter(pk__in=betrokken).order_by("naam", "pk")
    rij = (
        Opgave.objects.filter(pk=opgave.pk)
        .values(
            ambtenaren_json=ArraySubquery(
                ambtenaren.values(json=JSONObject(id="pk", naam="weergavenaam"))
            ),
            leden_json=ArraySubquery(
                leden.values(
                    json=JSONObject(
                        id="user_id", naam="user__weergavenaam", organisatie_id="organisatie_id"
                    )
                )
            ),
            organisaties_json=ArraySubquery(
                organisaties.values(json=JSONObject(id="pk", naam="naam"))
            ),
        )
        .get()
    )
    ambtenaar_ids = {item["id"] for item in rij["ambtenaren_json"]}
    ambtenaar_list = [
        Kandidaat(user_id=item["id"], naam=_kandidaat_naam(item), is_ambtenaar=True)
        for item in rij["ambtenaren_json"]
    ]
    partners: dict[int, Kandidaat] = {}
    for item in rij["leden_json"]:
        if item["id"] in ambtenaar_ids:
            continue
        eerder = partners.get(item["id"])
        organisatie_ids = {item["organisatie_id"]} | (eerder.organisatie_ids if eerder else set())
        partners[item["id"]] = Kandidaat(
            user_id=item["id"],
            naam=_kandidaat_naam(item),
            is_ambtenaar=False,
            organisatie_ids=frozenset(organisatie_ids),
        )
    return RolKeuzes(
        ambtenaren=ambtenaar_list,
        partners=list(partners.values()),
        organisaties=[
            OrganisatieKeuze(id=item["id"], naam=item["naam"]) for item in rij["organisaties_json"]
        ],
    )


def _ambtenaren() -> QuerySet[User]:
    """Active users holding the officials' verb, through a role group or directly."""
    app_label, codename = AMBTENAAR_PERMISSIE
    permissie = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    met_permissie = get_user_model().objects.filter(
        Q(groups__permissions__in=permissie) | Q(user_permissions__in=permissie)
    )
    return get_user_model().objects.filter(is_active=True, pk__in=met_permissie.values("pk"))


def _kandidaat_naam(item: dict) -> str:
    # Someone without a display name is told apart by number, never by e-mail address.
    return item["naam"] or _("Person without a display name (no. %(nummer)s)") % {
        "nummer": item["id"]
    }
