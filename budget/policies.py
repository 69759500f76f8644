"""Pure rules of the joint budget (DESIGN §6.3): no database, easy to test."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from budget.models import CENT, Bijdrage, Budgetpot, Goedkeuring, Toewijzing


def uren_waarde(uren: Decimal, uurtarief: Decimal) -> Decimal:
    """Hours x rate in euros, rounded half up to the cent (as PostgreSQL's ROUND)."""
    return (uren * uurtarief).quantize(CENT, rounding=ROUND_HALF_UP)


def toewijzing_uitkomst(
    regel: str, antwoorden: Iterable[tuple[Decimal, str]]
) -> Toewijzing.Status | None:
    """The status the funders' answers lead to, or ``None`` while it is still open.

    ``antwoorden`` holds one (gewicht, besluit) per funder asked.

    - **unaniem**: approved when every funder agrees; rejected at the first no.
    - **meerderheid**: approved when the funders who agree contributed more than
      half of the value; rejected as soon as that can no longer happen (the
      funders who said no hold half or more).
    """
    antwoorden = list(antwoorden)
    if regel == Budgetpot.Regel.UNANIEM:
        besluiten = {besluit for _, besluit in antwoorden}
        if Goedkeuring.Besluit.AFGEWEZEN in besluiten:
            return Toewijzing.Status.AFGEWEZEN
        if besluiten == {Goedkeuring.Besluit.AKKOORD}:
            return Toewijzing.Status.GOEDGEKEURD
        return None
    totaal = sum((gewicht for gewicht, _ in antwoorden), Decimal(0))
    voor = sum((g for g, b in antwoorden if b == Goedkeuring.Besluit.AKKOORD), Decimal(0))
    tegen = sum((g for g, b in antwoorden if b == Goedkeuring.Besluit.AFGEWEZEN), Decimal(0))
    if voor * 2 > totaal:
        return Toewijzing.Status.GOEDGEKEURD
    if tegen * 2 >= totaal:
        return Toewijzing.Status.AFGEWEZEN
    return None


def bijdrage_kan_ontvangen(bijdrage: Bijdrage) -> bool:
    return bijdrage.status == Bijdrage.Status.TOEGEZEGD


def bijdrage_kan_intrekken(bijdrage: Bijdrage) -> bool:
    """Pledged money can be withdrawn; received money is in the kassier's account,
    but a received contribution can be withdrawn too (paid back), if the pot allows."""
    return bijdrage.status != Bijdrage.Status.INGETROKKEN


def toewijzing_kan_beantwoorden(toewijzing: Toewijzing) -> bool:
    return toewijzing.status == Toewijzing.Status.VOORGESTELD


def toewijzing_kan_intrekken(toewijzing: Toewijzing) -> bool:
    """A proposal, or an approved allocation with nothing spent yet."""
    if toewijzing.status == Toewijzing.Status.VOORGESTELD:
        return True
    return toewijzing.status == Toewijzing.Status.GOEDGEKEURD and not toewijzing.besteed


def toewijzing_kan_afsluiten(toewijzing: Toewijzing) -> bool:
    """An approved allocation with spending: close it and give the rest back to the pot."""
    return toewijzing.status == Toewijzing.Status.GOEDGEKEURD and toewijzing.besteed > 0


def toewijzing_kan_besteden(toewijzing: Toewijzing) -> bool:
    return toewijzing.status == Toewijzing.Status.GOEDGEKEURD
