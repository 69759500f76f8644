"""The verwerkingsregister (issue 10 point 3) matches the code: the declaration of
personal fields (``config.persoonsgegevens``), the models and
``docs/privacy/verwerkingen.md`` cannot drift apart unnoticed."""

from __future__ import annotations

import re

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.test.utils import isolate_apps

from config.persoonsgegevens import GEEN_PERSOONSGEGEVENS, PERSOONSGEGEVENS

REGISTER = settings.BASE_DIR / "docs" / "privacy" / "verwerkingen.md"

ONZE_APPS = {
    "config",
    "beveiliging",
    "accounts",
    "meldingen",
    "partners",
    "opgaven",
    "budget",
    "participatie",
    "leren",
    "rapportage",
}

# Field names that suggest personal data. Matched on the whole name, on word parts
# where a short word would match too much ("ip" is in "beschrijving").
LIJKT_PERSOONLIJK = re.compile(
    r"(^|_)(e_?)?mail(adres)?($|_)"  # email, e_mail, mailadres (not "gemaild_op")
    r"|naam($|_)"  # naam, weergavenaam, voornaam, achternaam, bestandsnaam
    r"|(^|_)(first|last|user)_?name($|_)"
    r"|telefoon|mobiel|(^|_)tel($|_)"
    r"|geboorte|leeftijd|geslacht"
    r"|wijk|adres|postcode|huisnummer|straat|woonplaats"
    r"|(^|_)ip($|_)|ip_?adres"
    r"|bsn|burgerservicenummer|iban|rekeningnummer"
    r"|password|wachtwoord"
)


def _register() -> str:
    return REGISTER.read_text(encoding="utf-8")


def _lijkt_persoonlijk(veld) -> bool:
    if veld.is_relation and veld.related_model is get_user_model():
        return True  # a link to a person: who wrote, decided, voted, ...
    return bool(LIJKT_PERSOONLIJK.search(veld.name))


def onverklaard(model) -> list[str]:
    """The fields of ``model`` that look personal but are neither declared nor
    explained away. An audit-trail event model answers for the model it follows."""
    gevolgd = getattr(model, "pgh_tracked_model", None) or model
    label = gevolgd._meta.label
    verklaard = set(PERSOONSGEGEVENS.get(label, ()))
    return [
        f"{model._meta.label}.{veld.name}"
        for veld in [*model._meta.concrete_fields, *model._meta.local_many_to_many]
        if not veld.name.startswith("pgh_")
        and _lijkt_persoonlijk(veld)
        and veld.name not in verklaard
        and f"{label}.{veld.name}" not in GEEN_PERSOONSGEGEVENS
    ]


def test_every_declared_field_exists_on_its_model():
    ontbreekt = []
    for label, velden in PERSOONSGEGEVENS.items():
        model = apps.get_model(label)
        for naam in velden:
            try:
                model._meta.get_field(naam)
            except FieldDoesNotExist:
                ontbreekt.append(f"{label}.{naam}")
    assert ontbreekt == []


def test_every_field_explained_away_exists_and_is_not_also_declared():
    for sleutel, reden in GEEN_PERSOONSGEGEVENS.items():
        label, naam = sleutel.rsplit(".", 1)
        apps.get_model(label)._meta.get_field(naam)
        assert naam not in PERSOONSGEGEVENS.get(label, ()), sleutel
        assert reden.strip(), sleutel


def test_the_register_describes_every_declared_field():
    tekst = _register()
    ontbreekt = [
        f"{label}.{naam}"
        for label, velden in PERSOONSGEGEVENS.items()
        for naam in velden
        if f"`{label}.{naam}`" not in tekst
    ]
    assert ontbreekt == []


def test_every_personal_looking_field_of_our_apps_is_declared():
    gezien = [m for m in apps.get_models() if m._meta.app_label in ONZE_APPS]
    assert len(gezien) > 60  # the sweep really walks our models (and their event tables)
    assert [veld for model in gezien for veld in onverklaard(model)] == []


@isolate_apps("participatie")
def test_a_new_personal_field_fails_the_sweep_until_it_is_declared():
    class Buurtgesprek(models.Model):
        telefoonnummer = models.CharField(max_length=20)
        begeleider = models.ForeignKey(get_user_model(), on_delete=models.CASCADE)
        postadres = models.CharField(max_length=200)
        onderwerp = models.CharField(max_length=200)
        beschrijving = models.TextField()
        gemaild_op = models.DateTimeField(null=True)

        class Meta:
            app_label = "participatie"

        def __str__(self) -> str:
            return self.onderwerp

    assert onverklaard(Buurtgesprek) == [
        "participatie.Buurtgesprek.telefoonnummer",
        "participatie.Buurtgesprek.begeleider",
        "participatie.Buurtgesprek.postadres",
    ]


def test_the_retention_settings_in_the_register_are_the_code_defaults():
    """Each row ``| `SETTING` | n | ...`` of the register's table is the setting's value."""
    rijen = re.findall(r"^\| `([A-Z_]+)` \| (\d+) \|", _register(), re.MULTILINE)
    assert {naam for naam, _waarde in rijen} >= {
        "RETENTIE_DEELNEMERS_MAANDEN",
        "RAPPORT_BEWAARDAGEN",
    }
    assert [(naam, int(waarde)) for naam, waarde in rijen] == [
        (naam, getattr(settings, naam)) for naam, _waarde in rijen
    ]
