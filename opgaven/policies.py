"""Pure time and state rules for opgaven (DESIGN §6.3).

Every function here looks only at the values it is given: no database, no
user, no clock (callers pass the date). That keeps the rules easy to test and
lets ``permissions.py``, ``services.py`` and the forms share them.
"""

from datetime import date

from opgaven.models import Fase, Opgave, Opgaverol, Zichtbaarheid

# Phases in which an opgave is finished: it can no longer be edited.
AFGESLOTEN_FASEN: frozenset[str] = frozenset({Fase.AFGEROND, Fase.GESTOPT})

# The allowed phase transitions (DESIGN §5), kept in this one place. "gestopt"
# is reachable from every phase that is not finished yet.
FASE_OVERGANGEN: dict[str, tuple[str, ...]] = {
    Fase.VERKENNEN: (Fase.DELEN, Fase.GESTOPT),
    Fase.DELEN: (Fase.OVEREENKOMEN, Fase.GESTOPT),
    Fase.OVEREENKOMEN: (Fase.VORMGEVEN, Fase.GESTOPT),
    Fase.VORMGEVEN: (Fase.UITVOEREN, Fase.GESTOPT),
    Fase.UITVOEREN: (Fase.EVALUEREN, Fase.GESTOPT),
    Fase.EVALUEREN: (Fase.DELEN, Fase.VORMGEVEN, Fase.AFGEROND, Fase.GESTOPT),
    Fase.AFGEROND: (),
    Fase.GESTOPT: (),
}


def opgave_is_openbaar(opgave: Opgave) -> bool:
    """Everyone, also anonymous visitors, may see a public opgave."""
    return opgave.zichtbaarheid == Zichtbaarheid.OPENBAAR


def opgave_is_bewerkbaar(opgave: Opgave) -> bool:
    """An opgave can be edited while it is not archived and not finished."""
    return not opgave.gearchiveerd and opgave.fase not in AFGESLOTEN_FASEN


def fase_overgang_is_toegestaan(*, van: str, naar: str) -> bool:
    """May an opgave move from phase ``van`` to phase ``naar``?"""
    return naar in FASE_OVERGANGEN[van]


def fase_is_wijzigbaar(opgave: Opgave) -> bool:
    """Can the phase of ``opgave`` change? Not when it is archived or has no next phase."""
    return not opgave.gearchiveerd and bool(FASE_OVERGANGEN[opgave.fase])


def rol_is_actief(rol: Opgaverol, op: date) -> bool:
    """Does ``rol`` apply on day ``op``? It runs from ``van`` up to, not including, ``tot``."""
    return rol.van <= op and (rol.tot is None or op < rol.tot)
