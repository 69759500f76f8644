from django.core.management import call_command

import pytest

from accounts.models import User
from opgaven.models import Fase, Opgave, Opgaverol, OpgaveUserObjectPermission, Zichtbaarheid
from opgaven.permissions import can_change_opgave, can_view_opgave

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(Opgave.objects.values_list("slug", "fase", "zichtbaarheid")),
        sorted(Opgaverol.objects.values_list("opgave__slug", "user__email", "rol", "tot")),
        OpgaveUserObjectPermission.objects.count(),
    )


def test_demo_opgaven_and_roles(capsys):
    call_command("demo")
    opgaven = {o.titel: o for o in Opgave.objects.all()}
    assert {titel: (o.fase, o.zichtbaarheid) for titel, o in opgaven.items()} == {
        "Energietransitie Demodam-Noord": (Fase.UITVOEREN, Zichtbaarheid.OPENBAAR),
        "Samen tegen eenzaamheid": (Fase.DELEN, Zichtbaarheid.OPENBAAR),
        "Leefbaarheid Stationskwartier": (Fase.VERKENNEN, Zichtbaarheid.INTERN),
        "Preventie verslaving jongeren": (Fase.OVEREENKOMEN, Zichtbaarheid.INTERN),
    }

    regisseur = User.objects.get(email="regisseur@demodam.nl")
    ambtenaar = User.objects.get(email="ambtenaar@demodam.nl")
    inwoner = User.objects.get(email="inwoner@demodam.nl")
    assert set(
        regisseur.opgaverollen.filter(rol=Opgaverol.Rol.OPGAVEREGISSEUR).values_list(
            "opgave__titel", flat=True
        )
    ) == {"Energietransitie Demodam-Noord", "Leefbaarheid Stationskwartier"}
    assert list(ambtenaar.opgaverollen.values_list("opgave__titel", "rol")) == [
        ("Energietransitie Demodam-Noord", Opgaverol.Rol.KERNTEAMLID)
    ]

    # The demo shows the permission rules at work.
    assert can_change_opgave(regisseur, opgaven["Leefbaarheid Stationskwartier"])
    assert not can_change_opgave(regisseur, opgaven["Samen tegen eenzaamheid"])
    assert can_change_opgave(ambtenaar, opgaven["Energietransitie Demodam-Noord"])
    assert can_view_opgave(ambtenaar, opgaven["Preventie verslaving jongeren"])
    assert not can_view_opgave(inwoner, opgaven["Preventie verslaving jongeren"])


def test_demo_is_idempotent():
    call_command("demo")
    first = snapshot()
    call_command("demo")
    assert snapshot() == first
    assert len(first[0]) == 4
