"""The opgave's workspace: the tabs every section page shares.

Each section view starts with ``werkruimte_openen(request, slug, tab)``. It
fetches the opgave through the scoped selector (404 when the user may not see
it), checks that the user may open this tab (403 otherwise), and returns the
context every tab template needs: the opgave, the rights as booleans and the
tab bar. Templates extend ``opgaven/werkruimte.html``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from opgaven.models import Opgave
from opgaven.permissions import (
    can_change_fase,
    can_change_opgave,
    can_view_krachtenveld,
    can_view_werkruimte,
    is_partner_bij,
)
from opgaven.selectors.werkruimte import opgave_werkruimte_get


@dataclass(frozen=True)
class Tab:
    naam: str
    url_name: str
    label: Promise


TABS: list[Tab] = [
    Tab("overzicht", "opgaven:detail", _("Overview")),
    Tab("doelen", "opgaven:doelen", _("Goals")),
    Tab("krachtenveld", "opgaven:krachtenveld", _("Field of forces")),
    Tab("plan", "opgaven:plan", _("Plan of action")),
    Tab("besluiten", "opgaven:besluiten", _("Decisions")),
    Tab("geschiedenis", "opgaven:geschiedenis", _("History")),
]


def tab_registreren(tab: Tab, *, na: str) -> None:
    """Add a tab of an app on a higher floor (the budget) after the tab ``na``.

    Called from that app's ``AppConfig.ready``, so opgaven never imports it; its
    view opens the workspace with ``werkruimte_openen(request, slug, tab.naam)``.
    Registering the same tab twice changes nothing.
    """
    if any(bestaand.naam == tab.naam for bestaand in TABS):
        return
    plek = next(i for i, bestaand in enumerate(TABS) if bestaand.naam == na)
    TABS.insert(plek + 1, tab)


# Links on the overview that apps on higher floors add (rapportage: its reports about
# the opgave). Each is a function ``(request, werkruimte) -> [{"label", "url"}]`` that
# decides from the rights the workspace already read; opgaven never imports those apps.
OverzichtKoppelingen = Callable[[HttpRequest, "Werkruimte"], list[dict[str, str]]]
OVERZICHT_KOPPELINGEN: list[OverzichtKoppelingen] = []


def overzicht_koppelingen_registreren(koppelingen: OverzichtKoppelingen) -> None:
    """Called from an app's ``AppConfig.ready``; registering twice changes nothing."""
    if koppelingen not in OVERZICHT_KOPPELINGEN:
        OVERZICHT_KOPPELINGEN.append(koppelingen)


# Tabs for officials and role holders only (permissions.can_view_krachtenveld).
INTERNE_TABS = frozenset({"krachtenveld", "geschiedenis"})


@dataclass
class Werkruimte:
    opgave: Opgave
    tab: str
    kan_werkruimte: bool  # sees the tabs, not only the public summary
    kan_krachtenveld: bool  # sees the internal tabs
    kan_bewerken: bool  # may change the opgave and its parts
    kan_fase_wijzigen: bool
    is_partner: bool  # works for an involved organisation

    def tabs(self) -> list[dict[str, Any]]:
        if not self.kan_werkruimte:
            return []
        return [
            {
                "label": tab.label,
                "url": reverse(tab.url_name, kwargs={"slug": self.opgave.slug}),
                "current": tab.naam == self.tab,
            }
            for tab in TABS
            if self.kan_krachtenveld or tab.naam not in INTERNE_TABS
        ]

    def context(self, **extra: Any) -> dict[str, Any]:
        """The template context of a tab page, plus ``extra``."""
        return {
            "opgave": self.opgave,
            "tab": self.tab,
            "tabs": self.tabs(),
            "kan_werkruimte": self.kan_werkruimte,
            "kan_krachtenveld": self.kan_krachtenveld,
            "kan_bewerken": self.kan_bewerken,
            "kan_fase_wijzigen": self.kan_fase_wijzigen,
            "is_partner": self.is_partner,
            **extra,
        }


def werkruimte_openen(request: HttpRequest, slug: str, tab: str) -> Werkruimte:
    """The opgave ``slug`` as seen by ``request.user`` on ``tab``.

    ``Http404`` when the user may not see the opgave; ``PermissionDenied`` when
    they see it but not this tab. The overview is open to whoever sees the
    opgave: it shows the public summary to those without the workspace.
    """
    user = request.user
    opgave = opgave_werkruimte_get(user=user, slug=slug)
    kan_werkruimte = can_view_werkruimte(user, opgave)
    kan_krachtenveld = kan_werkruimte and can_view_krachtenveld(user, opgave)
    if tab != "overzicht" and not kan_werkruimte:
        raise PermissionDenied
    if tab in INTERNE_TABS and not kan_krachtenveld:
        raise PermissionDenied
    return Werkruimte(
        opgave=opgave,
        tab=tab,
        kan_werkruimte=kan_werkruimte,
        kan_krachtenveld=kan_krachtenveld,
        kan_bewerken=kan_werkruimte and can_change_opgave(user, opgave),
        kan_fase_wijzigen=kan_werkruimte and can_change_fase(user, opgave),
        is_partner=is_partner_bij(user, opgave),
    )
