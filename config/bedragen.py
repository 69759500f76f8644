"""Amounts as Dutch readers write them: ``€ 1.234,56``, ``€ -12,50``.

On floor 0, so every app that shows money (the joint budget, the participatory
budget) formats it the same way."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def euro(bedrag: Decimal | int | None) -> str:
    """``Decimal("1234.5")`` → ``"€ 1.234,50"``; ``None`` → ``"€ 0,00"``.

    Independent of the active locale: amounts in an export or an e-mail read
    the same as on the page. The space is a no-break space, so the sign never
    wraps away from the number.
    """
    bedrag = Decimal(bedrag or 0).quantize(CENT, rounding=ROUND_HALF_UP)
    teken = "-" if bedrag < 0 else ""
    euros, centen = f"{abs(bedrag):.2f}".split(".")
    groepen = f"{int(euros):,}".replace(",", ".")
    return f"€\u00a0{teken}{groepen},{centen}"
