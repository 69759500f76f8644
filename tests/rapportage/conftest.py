"""Fixtures of the report engine: a stand-in builder and reports in each state.

``nepbouwer`` registers a builder for the portfolio (CSV) that writes a known text,
so the engine's tests do not depend on any real report. It records its calls and
can be told to fail.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

import pytest

from rapportage import bouwers
from rapportage.models import Formaat, Rapport, Soort


@pytest.fixture(autouse=True)
def rapport_root(settings, tmp_path):
    """Each test its own report directory, so files can be counted."""
    settings.RAPPORT_ROOT = tmp_path / "rapporten"
    return settings.RAPPORT_ROOT


class NepBouwer:
    def __init__(self) -> None:
        self.aanroepen: list[int] = []
        self.fout: Exception | None = None

    def __call__(self, rapport, uit, voortgang) -> str:
        self.aanroepen.append(rapport.pk)
        voortgang(50)
        if self.fout is not None:
            raise self.fout
        uit.write(f"rapport {rapport.pk}\n".encode())
        return f"portfolio-{rapport.pk}.csv"


@pytest.fixture
def nepbouwer(monkeypatch):
    nep = NepBouwer()
    monkeypatch.setitem(bouwers.BOUWERS, (Soort.PORTFOLIO.value, Formaat.CSV.value), nep)
    return nep


@pytest.fixture
def rapport_klaar(opgave, regisseur):
    """A finished progress report of ``opgave``, requested by ``regisseur``, with its file."""
    rapport = Rapport.objects.create(
        soort=Soort.VOORTGANG,
        formaat=Formaat.PDF,
        opgave=opgave,
        aangevraagd_door=regisseur,
        status=Rapport.Status.KLAAR,
        voortgang=100,
        pogingen=1,
        bestandsnaam="voortgangsrapportage.pdf",
        klaar_op=timezone.now(),
        verloopt_op=timezone.now() + timedelta(days=30),
    )
    rapport.bestand.save("voortgangsrapportage.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    return rapport


@pytest.fixture
def rapport_mislukt(opgave, regisseur):
    return Rapport.objects.create(
        soort=Soort.VOORTGANG,
        formaat=Formaat.PDF,
        opgave=opgave,
        aangevraagd_door=regisseur,
        status=Rapport.Status.MISLUKT,
        pogingen=1,
        fout="Het rapport kon niet worden gemaakt.",
    )


@pytest.fixture
def rapport_bezig(opgave, regisseur):
    return Rapport.objects.create(
        soort=Soort.VOORTGANG,
        formaat=Formaat.PDF,
        opgave=opgave,
        aangevraagd_door=regisseur,
        status=Rapport.Status.BEZIG,
        voortgang=40,
        pogingen=1,
        gestart_op=timezone.now(),
        bijgewerkt_op=timezone.now(),
    )
