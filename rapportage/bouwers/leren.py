"""The leerrapport of a coaching trajectory (PDF; issue 9 point 5). (Helper "exports".)

What it shows and why it shows nothing more: ``rapportage.selectors_leren``.
Charts come from ``leren.grafieken`` (the mix of one person: by number, by time,
against the target) and ``leren.grafieken_coaching`` (coachees side by side; levels
by the person and by the coach); every chart has a table with the same numbers.
"""

from __future__ import annotations

from typing import BinaryIO

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from leren import grafieken, grafieken_coaching
from rapportage.bouwers import Voortgang, bouwer
from rapportage.models import Formaat, Rapport, Soort
from rapportage.pdf import pdf_schrijven
from rapportage.selectors_leren import leerbeeld

TEMPLATE = "rapportage/pdf/leerrapport.html"


def bestandsnaam(rapport: Rapport) -> str:
    """``leerrapport-coaching-coen-2026-11-28.pdf``."""
    naam = slugify(rapport.traject.titel) or f"traject-{rapport.traject_id}"
    return f"leerrapport-{naam}-{timezone.localdate():%Y-%m-%d}.pdf"


@bouwer(Soort.LEREN, Formaat.PDF)
def leerrapport(rapport: Rapport, uit: BinaryIO, voortgang: Voortgang) -> str:
    voortgang(5)
    beeld = leerbeeld(
        traject_id=rapport.traject_id, van=rapport.periode_van, tot=rapport.periode_tot
    )
    voortgang(30)
    overzicht = ""
    if beeld.deelt and len(beeld.coachees) > 1:
        rijen = [(str(c.persoon), c.mix) for c in beeld.coachees]
        if beeld.team_mix is not None:
            rijen.append((_("The team together"), beeld.team_mix))
        overzicht = grafieken_coaching.mix_grafiek(rijen)
    for coachee in beeld.coachees if beeld.deelt else []:
        coachee.mix_grafiek = grafieken.mix_grafiek(regels=coachee.mix) if coachee.aantal else ""
        coachee.niveau_grafiek = (
            grafieken_coaching.niveaus_grafiek(
                [(n.competentie, n.zelf_laatste, n.coach_laatste) for n in coachee.niveaus]
            )
            if coachee.niveaus
            else ""
        )
    voortgang(60)
    pdf_schrijven(TEMPLATE, {"beeld": beeld, "traject": beeld.traject, "overzicht": overzicht}, uit)
    voortgang(95)
    return bestandsnaam(rapport)
