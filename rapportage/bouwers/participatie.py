"""The participatieverslag as PDF (issue 9 point 3), about one round or one opgave.

``verslag_context`` turns the data of ``rapportage.selectors_participatie`` into what
the templates show; the PDF and the HTML page (``rapportage.views.verslag``) share it
and the sub-templates under ``rapportage/participatieverslag/``. The PDF lists every
visible input, walked with ``.iterator()`` so a round with thousands of inputs does
not load them all as model instances at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import Any, BinaryIO

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from rapportage.bouwers import Voortgang, bouwer
from rapportage.grafieken_participatie import vertegenwoordiging_grafiek
from rapportage.models import Formaat, Rapport, Soort
from rapportage.pdf import html_maken, pdf_in_delen_schrijven, pdf_schrijven
from rapportage.selectors_participatie import (
    Participatieverslag,
    inbreng_rijen,
    participatieverslag_opgave,
    participatieverslag_ronde,
)


def verslag_ophalen(*, ronde=None, opgave=None) -> Participatieverslag:
    if ronde is not None:
        return participatieverslag_ronde(ronde)
    return participatieverslag_opgave(opgave)


def _alt(titel: str, vertegenwoordiging) -> str:
    delen = [
        _("%(groep)s: participants %(deelnemers)s%%, population %(bevolking)s%%")
        % {
            "groep": groep.label,
            "deelnemers": _getal(groep.aandeel_deelnemers),
            "bevolking": _getal(groep.aandeel_bevolking),
        }
        for groep in vertegenwoordiging.vergeleken
    ]
    return f"{titel}. {'; '.join(delen)}. " + _("The table above gives the same numbers.")


def _getal(waarde: float | None) -> str:
    from django.utils.formats import number_format

    return number_format(waarde or 0, 1)


def verslag_context(verslag: Participatieverslag) -> dict[str, Any]:
    """What the sub-templates of the report show (everything but the input list)."""
    d = verslag.deelname
    deelname_rijen = [(_("Participations (residents who joined a round)"), d["deelnames"])]
    if verslag.ronde is None:
        deelname_rijen.append((_("Different residents"), d["personen"]))
    deelname_rijen += [
        (_("Residents who submitted input"), d["auteurs"]),
        (_("Residents who supported input"), d["steuners"]),
    ]
    if any(r.met_sessies or r.verslag_sessies for r in verslag.rondes):
        deelname_rijen += [
            (_("Registrations for sessions"), d["aanmeldingen"]),
            (_("Attendance recorded at sessions"), d["aanwezig"]),
            (_("On a waiting list"), d["wachtlijst"]),
        ]
    if any(r.met_burgerbegroting for r in verslag.rondes):
        deelname_rijen.append((_("Ballots counted (participatory budget)"), d["stembiljetten"]))

    t = verslag.inbreng_telling
    inbreng_rijen_telling = [
        (_("Inputs received"), t["totaal"]),
        (_("Shown in this report"), t["zichtbaar"]),
        (_("Hidden by the moderator"), t["verborgen"]),
        (_("With feedback: what was done with it and why"), t["met_terugkoppeling"]),
        (_("Without feedback yet"), t["zonder_terugkoppeling"]),
        (_("Supports"), t["steun"]),
        (_("Comments"), t["reacties"]),
    ]
    if verslag.aantal_voorstellen:
        inbreng_rijen_telling.append(
            (_("Proposals for the participatory budget"), verslag.aantal_voorstellen)
        )
    tellingen = [
        {"bijschrift": _("Input per kind"), "kolom": _("Kind"), "rijen": verslag.per_soort},
        {
            "bijschrift": _("Input per status"),
            "kolom": _("Status"),
            "rijen": verslag.per_status,
        },
    ]
    if verslag.aantal_voorstellen:
        tellingen.append(
            {
                "bijschrift": _("Proposals per status"),
                "kolom": _("Status"),
                "rijen": verslag.voorstellen_telling,
            }
        )
    vertegenwoordiging = []
    for sleutel, titel, kolom, data in (
        ("wijk", _("Representativeness by district"), _("District"), verslag.wijken),
        ("leeftijd", _("Representativeness by age group"), _("Age group"), verslag.leeftijden),
    ):
        vertegenwoordiging.append(
            {
                "sleutel": sleutel,
                "titel": titel,
                "kolom": kolom,
                "bijschrift": _("%(titel)s: share of participants and of the population")
                % {"titel": titel},
                "data": data,
                "grafiek": vertegenwoordiging_grafiek(data),
                "alt": _alt(titel, data),
            }
        )
    return {
        "verslag": verslag,
        "deelname_rijen": deelname_rijen,
        "inbreng_rijen_telling": inbreng_rijen_telling,
        "tellingen": tellingen,
        "vertegenwoordiging": vertegenwoordiging,
        "toon_ronde": verslag.ronde is None,
        "rijen_aanwezig": verslag.inbreng_telling["zichtbaar"] > 0,
    }


def bestandsnaam(verslag: Participatieverslag) -> str:
    return f"participatieverslag-{slugify(verslag.slug)}-{timezone.localdate():%Y-%m-%d}.pdf"


@bouwer(Soort.PARTICIPATIE, Formaat.PDF)
def bouw(rapport: Rapport, uit: BinaryIO, voortgang: Voortgang) -> str:
    verslag = verslag_ophalen(ronde=rapport.ronde, opgave=rapport.opgave)
    voortgang(20)
    context = verslag_context(verslag)
    voortgang(40)
    context["voorstellen_rijen"] = verslag.voorstellen.iterator(chunk_size=500)
    rijen = inbreng_rijen(verslag.inbreng)
    totaal = verslag.inbreng_telling["zichtbaar"]
    deel = settings.RAPPORT_PDF_DEEL
    if totaal <= deel:
        context["inbreng_rijen"] = rijen
        pdf_schrijven("rapportage/pdf/participatieverslag.html", context, uit)
    else:
        pdf_in_delen_schrijven(
            _delen(context, rijen, totaal, deel, voortgang),
            uit,
            tegelijk=settings.RAPPORT_PDF_TEGELIJK,
        )
    voortgang(95)
    return bestandsnaam(verslag)


def _delen(
    context: dict[str, Any], rijen: Iterator, totaal: int, deel: int, voortgang: Voortgang
) -> Iterator[str]:
    """The HTML of each part of a long report: the report with the first ``deel``
    inputs, then ``deel`` inputs at a time. Made one by one, when a process is free."""
    eerste = list(islice(rijen, deel))
    yield html_maken(
        "rapportage/pdf/participatieverslag.html",
        {**context, "inbreng_rijen": eerste, "in_delen": True, "totaal_inbreng": totaal},
    )
    begin = len(eerste) + 1
    while stuk := list(islice(rijen, deel)):
        voortgang(40 + 50 * begin // totaal)
        yield html_maken(
            "rapportage/pdf/participatieverslag_vervolg.html",
            {
                "verslag": context["verslag"],
                "toon_ronde": context["toon_ronde"],
                "inbreng_rijen": stuk,
                "rijen": stuk,
                "begin": begin,
                "eind": begin + len(stuk) - 1,
                "totaal": totaal,
            },
        )
        begin += len(stuk)
