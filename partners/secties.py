"""Sections that apps on higher floors add to an organisation's pages.

The partner portal ("Mijn organisatie") and an organisation's detail page show
the organisation's opgaven, the actions it leads, the consents and approvals it
owes and its contributions. Those live in ``opgaven`` and ``budget``, which
``partners`` may not import (DESIGN §4). Instead each of those apps registers
its sections here from its ``AppConfig.ready``::

    sectie_registreren(Sectie(
        naam="bijdragen",
        titel=_("Contributions"),
        template="budget/secties/bijdragen.html",
        gegevens=bijdragen_van_organisatie,   # (organisatie, user) -> context dict
        plekken=frozenset({PORTAAL, DETAIL}),
        volgorde=50,
    ))

The partners views render the sections in ``volgorde``; each gets the
organisation, the user and what ``gegevens`` returned. ``gegevens`` must run a
fixed number of queries, whatever the organisation's size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User
    from partners.models import Organisatie

PORTAAL = "portaal"  # "Mijn organisatie": what the partner has to do
DETAIL = "detail"  # the organisation's page in the register


@dataclass(frozen=True)
class Sectie:
    naam: str
    titel: Promise
    template: str
    gegevens: Callable[[Organisatie, User | AnonymousUser], dict[str, Any]]
    plekken: frozenset[str]
    volgorde: int = 100


_SECTIES: dict[str, Sectie] = {}


def sectie_registreren(sectie: Sectie) -> None:
    """Add (or replace, by ``naam``) a section."""
    _SECTIES[sectie.naam] = sectie


def secties(plek: str) -> list[Sectie]:
    """The sections shown on ``plek`` (``PORTAAL`` or ``DETAIL``), in order."""
    return sorted(
        (sectie for sectie in _SECTIES.values() if plek in sectie.plekken),
        key=lambda sectie: (sectie.volgorde, sectie.naam),
    )


def secties_renderen(
    plek: str, organisatie: Organisatie, user: User | AnonymousUser
) -> list[dict[str, Any]]:
    """The sections of ``plek`` with their data, for the template to include."""
    return [
        {
            "naam": sectie.naam,
            "titel": sectie.titel,
            "template": sectie.template,
            "context": {"organisatie": organisatie, **sectie.gegevens(organisatie, user)},
        }
        for sectie in secties(plek)
    ]
