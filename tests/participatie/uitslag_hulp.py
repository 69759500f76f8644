"""Shared steps of the result, export and voting-code tests: voting through the
services, reading a Pabulib file back, and counting the pages of a PDF."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from decimal import Decimal

from participatie.models import Begroting
from participatie.services import deelnemen
from participatie.services_begroting import (
    fase_wijzigen,
    keuze_toevoegen,
    stembiljet_bevestigen,
    stembiljet_openen,
    stemcode_controleren,
    stemcodes_maken,
    uitslag_berekenen,
    voorstel_beoordelen,
    voorstel_indienen,
)
from tests.factories import UserFactory


def voorstellen(begroting: Begroting) -> dict:
    return {v.titel: v for v in begroting.voorstellen.all()}


def stem(begroting: Begroting, *titels: str, user=None, code: str | None = None):
    """A confirmed ballot for ``titels``: of ``user``, of a new resident, or of ``code``."""
    alle = voorstellen(begroting)
    if code is not None:
        stemcode = stemcode_controleren(begroting=begroting, code=code)
        biljet = stembiljet_openen(begroting=begroting, stemcode=stemcode)
    else:
        if user is None:
            user = UserFactory()
            deelnemen(ronde=begroting.ronde, user=user)
        biljet = stembiljet_openen(begroting=begroting, user=user)
    for titel in titels:
        biljet = keuze_toevoegen(stembiljet=biljet, voorstel=alle[titel])
    return stembiljet_bevestigen(stembiljet=biljet)


def uitslag_met_stemmen(begroting: Begroting) -> Begroting:
    """The fixture ``stemming`` (Project 1..3 at € 6.000, € 5.000, € 3.000; budget
    € 10.000) after seven ballots, one with a voting code, and the result: Project 2
    (4 votes) wins; Project 1 and Project 3 have 3 votes each, the cheaper Project 3
    goes first and wins; Project 1 then no longer fits."""
    stem(begroting, "Project 2", "Project 3")
    stem(begroting, "Project 2", "Project 3")
    stem(begroting, "Project 1", "Project 3")
    stem(begroting, "Project 1")
    (code,) = stemcodes_maken(begroting=begroting, aantal=1)
    stem(begroting, "Project 1", code=code)
    stem(begroting, "Project 2")
    stem(begroting, "Project 2")
    return uitslag_berekenen(begroting=begroting)


def op_stembiljet(begroting: Begroting, door, indiener, kosten: list[str], titel="Project"):
    """Proposals costing ``kosten`` on the ballot, and voting opened (``_op_stembiljet``
    of conftest, with a title of choice)."""
    for nummer, bedrag in enumerate(kosten, start=1):
        voorstel = voorstel_indienen(
            begroting=begroting,
            indiener=indiener,
            titel=f"{titel} {nummer}",
            beschrijving="Een project voor de buurt.",
            geraamde_kosten=Decimal(bedrag),
        )
        voorstel_beoordelen(
            voorstel=voorstel,
            door=door,
            haalbaar=True,
            kosten=Decimal(bedrag),
            motivering="Haalbaar binnen de regels.",
        )
    begroting = fase_wijzigen(begroting=begroting, naar="haalbaarheid", door=door)
    return fase_wijzigen(begroting=begroting, naar="stemmen", door=door)


# --- Reading the files back ----------------------------------------------------------------


@dataclass
class Pabulib:
    meta: dict[str, str] = field(default_factory=dict)
    kop_projecten: list[str] = field(default_factory=list)
    projecten: list[dict[str, str]] = field(default_factory=list)
    kop_stemmen: list[str] = field(default_factory=list)
    stemmen: list[dict[str, str]] = field(default_factory=list)


def pabulib_lezen(tekst: str) -> Pabulib:
    """A strict reader of the Pabulib format: the three sections in order, each with
    its header row, every row as many cells as its header."""
    gelezen = Pabulib()
    sectie, kop = None, None
    volgorde = []
    for regel in tekst.splitlines():
        assert regel.strip(), "no empty lines"
        if regel in {"META", "PROJECTS", "VOTES"}:
            sectie, kop = regel, None
            volgorde.append(regel)
            continue
        cellen = regel.split(";")
        if kop is None:
            kop = cellen
            if sectie == "META":
                assert kop == ["key", "value"]
            elif sectie == "PROJECTS":
                gelezen.kop_projecten = kop
            else:
                gelezen.kop_stemmen = kop
            continue
        assert len(cellen) == len(kop), regel
        rij = dict(zip(kop, cellen, strict=True))
        if sectie == "META":
            gelezen.meta[rij["key"]] = rij["value"]
        elif sectie == "PROJECTS":
            gelezen.projecten.append(rij)
        else:
            gelezen.stemmen.append(rij)
    assert volgorde == ["META", "PROJECTS", "VOTES"]
    return gelezen


def pdf_paginas(pdf: bytes) -> int:
    """The number of pages in a PDF: ``/Type /Page`` objects, also inside the
    compressed object streams that WeasyPrint writes."""
    delen = [pdf]
    # The stream's own line end stays in the capture: a zlib stream may end in a byte
    # that looks like "\r", and decompressobj ignores what follows the stream's end.
    for stroom in re.findall(rb"stream\r?\n(.*?)endstream", pdf, flags=re.DOTALL):
        try:
            delen.append(zlib.decompressobj().decompress(stroom))
        except zlib.error:
            continue
    return sum(len(re.findall(rb"/Type\s*/Page(?![s\w])", deel)) for deel in delen)
