"""Pure time rules for organisations and their members (DESIGN §6.3)."""

from datetime import date

from partners.models import Lidmaatschap


def lidmaatschap_is_actief(lidmaatschap: Lidmaatschap, op: date) -> bool:
    """Does the membership apply on day ``op``? From ``van`` up to, not including, ``tot``."""
    return lidmaatschap.van <= op and (lidmaatschap.tot is None or op < lidmaatschap.tot)
