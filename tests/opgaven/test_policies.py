from datetime import date

import pytest

from opgaven.models import Fase, Opgave, Opgaverol, Zichtbaarheid
from opgaven.policies import (
    FASE_OVERGANGEN,
    fase_overgang_is_toegestaan,
    opgave_is_bewerkbaar,
    opgave_is_openbaar,
    rol_is_actief,
)


def test_openbaar_opgave_is_openbaar():
    assert opgave_is_openbaar(Opgave(zichtbaarheid=Zichtbaarheid.OPENBAAR))
    assert not opgave_is_openbaar(Opgave(zichtbaarheid=Zichtbaarheid.INTERN))


@pytest.mark.parametrize("fase", Fase.values)
@pytest.mark.parametrize("gearchiveerd", [False, True])
def test_bewerkbaar_while_not_archived_and_not_finished(fase, gearchiveerd):
    opgave = Opgave(fase=fase, gearchiveerd=gearchiveerd)
    finished = fase in {Fase.AFGEROND, Fase.GESTOPT}
    assert opgave_is_bewerkbaar(opgave) is (not gearchiveerd and not finished)


def test_every_phase_has_its_transitions():
    assert set(FASE_OVERGANGEN) == set(Fase.values)


@pytest.mark.parametrize(
    ("van", "naar"),
    [
        (Fase.VERKENNEN, Fase.DELEN),
        (Fase.DELEN, Fase.OVEREENKOMEN),
        (Fase.OVEREENKOMEN, Fase.VORMGEVEN),
        (Fase.VORMGEVEN, Fase.UITVOEREN),
        (Fase.UITVOEREN, Fase.EVALUEREN),
        (Fase.EVALUEREN, Fase.DELEN),
        (Fase.EVALUEREN, Fase.VORMGEVEN),
        (Fase.EVALUEREN, Fase.AFGEROND),
    ],
)
def test_design_transitions_are_allowed(van, naar):
    assert fase_overgang_is_toegestaan(van=van, naar=naar)


@pytest.mark.parametrize(
    ("van", "naar"),
    [
        (Fase.VERKENNEN, Fase.UITVOEREN),  # no skipping ahead
        (Fase.UITVOEREN, Fase.VERKENNEN),  # no going back, except from evalueren
        (Fase.VERKENNEN, Fase.AFGEROND),  # only an evaluated opgave is completed
        (Fase.AFGEROND, Fase.DELEN),
        (Fase.GESTOPT, Fase.VERKENNEN),
    ],
)
def test_other_transitions_are_not(van, naar):
    assert not fase_overgang_is_toegestaan(van=van, naar=naar)


@pytest.mark.parametrize("fase", [f for f in Fase.values if f not in {"afgerond", "gestopt"}])
def test_any_running_phase_can_stop(fase):
    assert fase_overgang_is_toegestaan(van=fase, naar=Fase.GESTOPT)


@pytest.mark.parametrize(
    ("tot", "op", "actief"),
    [
        (None, date(2026, 2, 28), False),  # before it starts
        (None, date(2026, 3, 1), True),  # its first day
        (None, date(2030, 1, 1), True),  # no end date: it lasts
        (date(2026, 3, 10), date(2026, 3, 9), True),  # the last day before tot
        (date(2026, 3, 10), date(2026, 3, 10), False),  # tot itself: ended
        (date(2026, 3, 1), date(2026, 3, 1), False),  # ended on its first day: never applied
    ],
)
def test_rol_is_actief_from_van_up_to_not_including_tot(tot, op, actief):
    rol = Opgaverol(van=date(2026, 3, 1), tot=tot)
    assert rol_is_actief(rol, op) is actief
