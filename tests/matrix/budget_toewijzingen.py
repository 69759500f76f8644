"""Permission matrix rows for allocations, approvals, expenses and the ledger (issue 5.6-5.10).

Reading (an allocation, the ledger and its exports) follows the workspace:
officials, the opgave's role holders and members of involved organisations;
a partner of an uninvolved organisation gets 403 on the public ``opgave``.
Acting needs more:

- proposing, withdrawing, closing and recording expenses: the regisseur (also the
  contact person of the kassier, Gemeente Demodam);
- answering: the contact persons of the funders, so ``regisseur`` (for the
  gemeente) and ``partner_lid`` (for the Woonstichting).

A POST really runs with valid data and ends on the allocation's page. An
allocation of ``andere_budgetpot`` asked through ``opgave``'s URLs is a 404 for
everyone who may open the workspace.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from budget.models import Goedkeuring, Toewijzing, Uitgave
from budget.services import toewijzing_beantwoorden, toewijzing_voorstellen, uitgave_boeken
from opgaven.models import Actie, PlanVanAanpak
from tests.permission_matrix import AMBTENAREN, LOGIN, Case, Redirect, each, expect

DETAIL = Redirect("budget:toewijzing")
LEZEN = expect(403, anoniem=LOGIN, partner_lid=200, **each(AMBTENAREN, 200))
REGISSEUR = expect(403, anoniem=LOGIN, regisseur=200)
FINANCIERS = expect(403, anoniem=LOGIN, regisseur=200, partner_lid=200)
# Another pot's allocation: who sees the workspace gets 404, who does not 403.
ANDERE_POT = expect(403, anoniem=LOGIN, partner_lid=404, **each(AMBTENAREN, 404))


def na_post(rij: dict[str, Any]) -> dict[str, Any]:
    return {persona: DETAIL if value == 200 else value for persona, value in rij.items()}


def voorgesteld(f: Any) -> Toewijzing:
    """A proposal of the regisseur in ``budgetpot``, awaiting both funders."""
    return f.budgetpot.toewijzingen.filter(
        status=Toewijzing.Status.VOORGESTELD
    ).first() or toewijzing_voorstellen(
        pot=f.budgetpot, actie=f.actie, bedrag=Decimal("1000.00"), door=f.regisseur
    )


def goedgekeurd(f: Any) -> Toewijzing:
    """An allocation both funders approved, nothing spent yet."""
    toewijzing = voorgesteld(f)
    door = {f.gemeente.pk: f.regisseur, f.organisatie.pk: f.partner_lid}
    for goedkeuring in toewijzing.goedkeuringen.filter(besluit=Goedkeuring.Besluit.OPEN):
        toewijzing = toewijzing_beantwoorden(
            goedkeuring=goedkeuring, akkoord=True, door=door[goedkeuring.organisatie_id]
        )
    return toewijzing


def met_uitgave(f: Any) -> Toewijzing:
    """An approved allocation with one expense: it can be closed."""
    toewijzing = goedgekeurd(f)
    if not Uitgave.objects.filter(toewijzing=toewijzing).exists():
        uitgave_boeken(
            toewijzing=toewijzing,
            bedrag=Decimal("100.00"),
            datum=date(2026, 3, 1),
            omschrijving="Factuur isolatiebedrijf",
            door=f.regisseur,
        )
    return toewijzing


def van_andere_pot(f: Any) -> Toewijzing:
    pot = f.andere_budgetpot
    plan = PlanVanAanpak.objects.create(opgave=pot.opgave, versie=1)
    actie = Actie.objects.create(
        opgave=pot.opgave, plan=plan, titel="Voorlichting op scholen", trekker=pot.kassier
    )
    return toewijzing_voorstellen(
        pot=pot, actie=actie, bedrag=Decimal("500.00"), door=f.partner_buitenstaander
    )


def slug(f: Any) -> dict[str, Any]:
    return {"slug": f.budgetpot.opgave.slug}


def met(toewijzing_van):
    return lambda f: {"slug": f.budgetpot.opgave.slug, "pk": toewijzing_van(f).pk}


def formaat(naam: str):
    return lambda f: {"slug": f.budgetpot.opgave.slug, "formaat": naam}


def voorstel_data(f: Any) -> dict[str, Any]:
    return {"actie": f.actie.pk, "bedrag": "2.500,00", "toelichting": "Eerste 50 woningen"}


def akkoord(f: Any) -> dict[str, Any]:
    return {"besluit": "akkoord"}


def uitgave_data(f: Any) -> dict[str, Any]:
    return {"bedrag": "250,00", "datum": "2026-03-02", "omschrijving": "Factuur 2026-015"}


CASES: list[Case] = [
    # Propose
    Case("budget:toewijzing_nieuw", REGISSEUR, kwargs=slug),
    Case(
        "budget:toewijzing_nieuw",
        na_post(REGISSEUR),
        kwargs=slug,
        method="post",
        data=voorstel_data,
    ),
    Case("budget:toewijzing_nieuw", expect(405), kwargs=slug, method="delete"),
    # Detail
    Case("budget:toewijzing", LEZEN, kwargs=met(voorgesteld)),
    Case("budget:toewijzing", ANDERE_POT, kwargs=met(van_andere_pot), label="andere pot"),
    Case("budget:toewijzing", expect(405), kwargs=met(voorgesteld), method="post"),
    # A funder answers
    Case("budget:toewijzing_beoordelen", FINANCIERS, kwargs=met(voorgesteld)),
    Case(
        "budget:toewijzing_beoordelen",
        na_post(FINANCIERS),
        kwargs=met(voorgesteld),
        method="post",
        data=akkoord,
    ),
    Case(
        "budget:toewijzing_beoordelen",
        ANDERE_POT,
        kwargs=met(van_andere_pot),
        method="post",
        data=akkoord,
        label="andere pot",
    ),
    Case("budget:toewijzing_beoordelen", expect(405), kwargs=met(voorgesteld), method="delete"),
    # Withdraw a proposal
    Case("budget:toewijzing_intrekken", REGISSEUR, kwargs=met(voorgesteld)),
    Case("budget:toewijzing_intrekken", na_post(REGISSEUR), kwargs=met(voorgesteld), method="post"),
    Case(
        "budget:toewijzing_intrekken",
        ANDERE_POT,
        kwargs=met(van_andere_pot),
        method="post",
        label="andere pot",
    ),
    Case("budget:toewijzing_intrekken", expect(405), kwargs=met(voorgesteld), method="delete"),
    # Close an allocation with expenses
    Case("budget:toewijzing_afsluiten", REGISSEUR, kwargs=met(met_uitgave)),
    Case("budget:toewijzing_afsluiten", na_post(REGISSEUR), kwargs=met(met_uitgave), method="post"),
    Case("budget:toewijzing_afsluiten", expect(405), kwargs=met(met_uitgave), method="delete"),
    # Expenses
    Case("budget:uitgave_nieuw", REGISSEUR, kwargs=met(goedgekeurd)),
    Case(
        "budget:uitgave_nieuw",
        na_post(REGISSEUR),
        kwargs=met(goedgekeurd),
        method="post",
        data=uitgave_data,
    ),
    Case("budget:uitgave_nieuw", expect(405), kwargs=met(goedgekeurd), method="delete"),
    # The ledger and its exports
    Case("budget:grootboek", LEZEN, kwargs=slug),
    Case(
        "budget:grootboek",
        expect(404, anoniem=LOGIN),
        kwargs=lambda f: {"slug": f.interne_opgave.slug},
        label="zonder pot",
    ),
    Case("budget:grootboek", expect(405), kwargs=slug, method="post"),
    Case("budget:grootboek_export", LEZEN, kwargs=formaat("csv"), label="csv"),
    Case("budget:grootboek_export", LEZEN, kwargs=formaat("xlsx"), label="xlsx"),
    Case(
        "budget:grootboek_export",
        expect(404, anoniem=LOGIN),
        kwargs=formaat("pdf"),
        label="onbekend formaat",
    ),
    Case("budget:grootboek_export", expect(405), kwargs=formaat("csv"), method="post", label="csv"),
]
