"""The opgaven sections on an organisation's pages (``partners.secties``).

* "Instemming gevraagd" (portal only): the plans awaiting the organisation's
  consent, with a link to the plan page where its contact person answers.
* "Opgaven": the opgaven the organisation is involved in, as far as the viewer
  may see them, with their phase.
* "Acties die wij trekken": the open actions it leads in the current version
  of a plan, as far as the viewer may see the plan (the opgave's workspace).

Each ``gegevens`` function runs one query (plus the viewer's permissions,
cached on the user for the request), whatever the organisation's size.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from opgaven.models import Actie, Betrokkenheid, Instemming, Opgave, PlanVanAanpak
from opgaven.selectors.opgaven import opgaven_visible_to
from partners.models import Lidmaatschap
from partners.secties import DETAIL, PORTAAL, Sectie, sectie_registreren
from partners.selectors import lidmaatschappen_actief

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User
    from partners.models import Organisatie

# Actions that still need work; done and dropped ones are history.
OPEN_ACTIESTATUSSEN = (Actie.Status.GEPLAND, Actie.Status.BEZIG, Actie.Status.GEBLOKKEERD)


def _werkruimten_van(user: User | AnonymousUser) -> QuerySet[Opgave]:
    """The opgaven whose workspace (plan, actions) ``user`` may open: the SQL form of
    ``permissions.can_view_werkruimte`` (officials, role holders, involved partners)."""
    if not (user.is_authenticated and user.is_active):
        return Opgave.objects.none()
    opgaven = opgaven_visible_to(user)
    if not user.has_perm("opgaven.view_interne_opgave"):
        opgaven = opgaven.filter(Q(via_rol=True) | Q(via_partner=True))
    return opgaven


def opgaven_van_organisatie(organisatie: Organisatie, user: User | AnonymousUser) -> dict[str, Any]:
    """The opgaven ``organisatie`` is involved in that ``user`` may see, with how it is
    involved (one query)."""
    betrokkenheid = Betrokkenheid.objects.filter(opgave=OuterRef("pk"), organisatie=organisatie)
    opgaven = (
        opgaven_visible_to(user)
        .filter(Exists(betrokkenheid))
        .annotate(aard=Subquery(betrokkenheid.values("aard")[:1]))
        .defer("zoekvector")
        .order_by("titel", "pk")
    )
    aarden = dict(Betrokkenheid.Aard.choices)
    rijen = list(opgaven)
    for opgave in rijen:
        opgave.aard_label = aarden.get(opgave.aard, "")
    return {"opgaven": rijen}


def acties_van_organisatie(organisatie: Organisatie, user: User | AnonymousUser) -> dict[str, Any]:
    """The open actions ``organisatie`` leads in the newest version of each plan, in the
    opgaven whose workspace ``user`` may open (one query)."""
    nieuwste = PlanVanAanpak.objects.filter(opgave=OuterRef("opgave_id")).order_by("-versie")
    acties = (
        Actie.objects.filter(
            trekker=organisatie,
            status__in=OPEN_ACTIESTATUSSEN,
            opgave_id__in=_werkruimten_van(user).values("pk"),
            plan_id=Subquery(nieuwste.values("pk")[:1]),
        )
        .select_related("opgave")
        .only("pk", "titel", "status", "eind", "opgave", "opgave__titel", "opgave__slug")
        .order_by("opgave__titel", "eind", "pk")
    )
    return {"acties": list(acties)}


def instemmingen_van_organisatie(
    organisatie: Organisatie, user: User | AnonymousUser
) -> dict[str, Any]:
    """The plans awaiting ``organisatie``'s consent, with whether ``user`` may answer
    for it (a contact person today), in one query."""
    contactpersoon = lidmaatschappen_actief(user=user).filter(
        organisatie_id=OuterRef("organisatie_id"), rol=Lidmaatschap.Rol.CONTACTPERSOON
    )
    instemmingen = (
        Instemming.objects.filter(
            organisatie=organisatie,
            besluit=Instemming.Besluit.OPEN,
            plan__status=PlanVanAanpak.Status.TER_INSTEMMING,
            opgave_id__in=_werkruimten_van(user).values("pk"),
        )
        .select_related("plan", "opgave")
        .only(
            "pk",
            "plan",
            "opgave",
            "plan__versie",
            "plan__ingediend_op",
            "opgave__titel",
            "opgave__slug",
        )
        .annotate(is_contactpersoon=Exists(contactpersoon))
        .order_by("plan__ingediend_op", "pk")
    )
    return {"instemmingen": list(instemmingen)}


def registreren() -> None:
    """Register the sections: the organisation's opgaven, the actions it leads and
    the plans of action awaiting its consent."""
    sectie_registreren(
        Sectie(
            naam="instemmingen",
            titel=_("Consent requested"),
            template="opgaven/secties/instemmingen.html",
            gegevens=instemmingen_van_organisatie,
            plekken=frozenset({PORTAAL}),
            volgorde=10,
        )
    )
    sectie_registreren(
        Sectie(
            naam="opgaven",
            titel=_("Opgaven"),
            template="opgaven/secties/opgaven.html",
            gegevens=opgaven_van_organisatie,
            plekken=frozenset({PORTAAL, DETAIL}),
            volgorde=20,
        )
    )
    sectie_registreren(
        Sectie(
            naam="acties",
            titel=_("Actions we lead"),
            template="opgaven/secties/acties.html",
            gegevens=acties_van_organisatie,
            plekken=frozenset({PORTAAL, DETAIL}),
            volgorde=30,
        )
    )
