"""The participatieverslag: its data (selectors), the PDF builder, and the engine
building it end to end. (Helper "participatieverslag".)

The known set (``verslagronde``): a round about Oosterhout and Centrum, with six
participants (three from Oosterhout, one from Centrum, one from Zuiderpark, one who
gave no district; two aged 66+, one 18-26, three without an age group), three inputs
(one with feedback linked to an action, one without feedback, one hidden by the
moderator), and a session with an outcome that became an action.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

import pytest

from accounts.roles import Rol
from opgaven.models import Gebied, Thema
from participatie.models import Inbreng, Ronde, Sessie, Trede, Uitkomst
from participatie.services import (
    deelnemen,
    inbreng_indienen,
    markeren,
    ronde_aanmaken,
    ronde_status_wijzigen,
    terugkoppelen,
    verbergen,
)
from rapportage import pdf
from rapportage.bouwers import bouwer_voor
from rapportage.bouwers.participatie import bouw
from rapportage.models import Formaat, Rapport, Soort
from rapportage.selectors_participatie import (
    BEVOLKING_NAAR_LEEFTIJD,
    inbreng_rijen,
    participatieverslag_opgave,
    participatieverslag_ronde,
)
from rapportage.services import rapport_aanvragen, rapport_bouwen
from tests.factories import UserFactory

GEHEIM_ADRES = "geheim.adres@example.nl"


def demodam_wijken() -> dict[str, Gebied]:
    """Demodam's districts with their residents (seeded again: a transactional test
    elsewhere may have emptied the table)."""
    from opgaven.gebieden import zaaien

    zaaien(Gebied, Thema)
    return {g.naam: g for g in Gebied.objects.filter(niveau=Gebied.Niveau.WIJK)}


@pytest.fixture
def wijken(db) -> dict[str, Gebied]:
    return demodam_wijken()


def _inwoner(weergavenaam: str, email: str | None = None):
    velden = {"email": email} if email else {}
    return UserFactory(rollen=[Rol.INWONER], weergavenaam=weergavenaam, **velden)


@pytest.fixture
def verslagronde(opgave, regisseur, wijken, actie):
    ronde = ronde_aanmaken(
        opgave=opgave,
        door=regisseur,
        titel="Een huiskamer in de wijk",
        vraag="Wat maakt een huiskamer in de wijk de moeite waard?",
        invloedsruimte="Je bepaalt mee wat er gebeurt. De plek ligt vast.",
        trede=Trede.ADVISEREN,
        start=date(2026, 11, 1),
        eind=date(2027, 1, 31),
        met_sessies=True,
        gebieden=[wijken["Oosterhout"], wijken["Centrum"]],
    )
    ronde = ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.OPEN, door=regisseur)
    anoniem = _inwoner("", GEHEIM_ADRES)
    henk = _inwoner("Henk de Vries")
    vera = _inwoner("Verborgen Vera")
    deelnemers = [
        (anoniem, wijken["Oosterhout"], "66+"),
        (henk, wijken["Oosterhout"], "66+"),
        (vera, wijken["Oosterhout"], "18-26"),
        (_inwoner("Carla Centrum"), wijken["Centrum"], ""),
        (_inwoner("Zeger Zuid"), wijken["Zuiderpark"], ""),
        (_inwoner("Onbekende Otto"), None, ""),
    ]
    for user, wijk, leeftijd in deelnemers:
        deelnemen(ronde=ronde, user=user, wijk=wijk, leeftijdsgroep=leeftijd)
    idee = inbreng_indienen(
        ronde=ronde,
        auteur=anoniem,
        soort="idee",
        titel="Koffie op dinsdag",
        tekst="Elke dinsdag koffie voor wie wil.",
    )
    terugkoppelen(
        inbreng=idee,
        door=regisseur,
        status=Inbreng.Status.OVERGENOMEN,
        motivering="Vanaf januari is er elke dinsdag koffie in het buurthuis.",
        actie=actie,
    )
    inbreng_indienen(
        ronde=ronde,
        auteur=henk,
        soort="vraag",
        titel="Wie betaalt de huur?",
        tekst="Komt er een vaste plek?",
    )
    verborgen = inbreng_indienen(
        ronde=ronde,
        auteur=vera,
        soort="zorg",
        titel="Scheldpartij over de buren",
        tekst="Iets dat niet door de beugel kan.",
    )
    markeren(melder=henk, reden="Dit is kwetsend.", inbreng=verborgen)
    verbergen(door=regisseur, reden="In strijd met de spelregels.", inbreng=verborgen)
    start = timezone.now() + timedelta(days=7)
    sessie = Sessie.objects.create(
        ronde=ronde,
        titel="Ontwerpavond huiskamer",
        start=start,
        eind=start + timedelta(hours=2),
        locatie="Buurthuis De Linde",
        capaciteit=20,
        aanmelden_tot=start - timedelta(days=1),
    )
    Uitkomst.objects.create(
        sessie=sessie,
        soort=Uitkomst.Soort.ACTIE,
        titel="Inrichting met bewoners kiezen",
        vastgelegd_door=regisseur,
        actie=actie,
    )
    return ronde


def _groep(vertegenwoordiging, label):
    return next(g for g in vertegenwoordiging.groepen if str(g.label) == label)


# --- The data ------------------------------------------------------------------------------


def test_representativeness_by_district_against_the_round_areas(verslagronde):
    wijken = participatieverslag_ronde(verslagronde).wijken

    # Oosterhout 11.200 and Centrum 7.850 residents: the round's population is 19.050.
    assert [str(g.label) for g in wijken.groepen] == ["Centrum", "Oosterhout", "Andere wijken"]
    assert (wijken.beantwoord, wijken.onbekend) == (5, 1)
    oosterhout = _groep(wijken, "Oosterhout")
    assert (oosterhout.deelnemers, oosterhout.aandeel_deelnemers) == (3, 60.0)
    assert oosterhout.aandeel_bevolking == 58.8
    assert oosterhout.verschil == 1.2
    centrum = _groep(wijken, "Centrum")
    assert (centrum.deelnemers, centrum.aandeel_deelnemers) == (1, 20.0)
    assert centrum.aandeel_bevolking == 41.2
    assert centrum.verschil == -21.2
    buiten = _groep(wijken, "Andere wijken")
    assert (buiten.deelnemers, buiten.aandeel_deelnemers, buiten.aandeel_bevolking) == (
        1,
        20.0,
        None,
    )
    assert buiten.verschil is None
    # The chart compares only the districts with a population.
    assert [str(g.label) for g in wijken.vergeleken] == ["Centrum", "Oosterhout"]


def test_representativeness_by_age_group_against_the_documented_shares(verslagronde):
    leeftijden = participatieverslag_ronde(verslagronde).leeftijden

    assert (leeftijden.beantwoord, leeftijden.onbekend) == (3, 3)
    ouderen = leeftijden.groepen[-1]
    assert (ouderen.deelnemers, ouderen.aandeel_deelnemers) == (2, 66.7)
    assert ouderen.aandeel_bevolking == BEVOLKING_NAAR_LEEFTIJD["66+"] == 19.4
    assert ouderen.verschil == 47.3
    jongeren = leeftijden.groepen[1]
    assert (jongeren.deelnemers, jongeren.aandeel_deelnemers, jongeren.verschil) == (1, 33.3, 22.3)
    assert leeftijden.groepen[0].aandeel_deelnemers == 0.0
    assert leeftijden.groepen[0].verschil == -19.2
    assert round(sum(BEVOLKING_NAAR_LEEFTIJD.values()), 1) == 100.0


def test_a_round_without_areas_is_compared_with_the_whole_municipality(ronde, wijken, inwoner):
    wijken_ = participatieverslag_ronde(ronde).wijken

    assert [str(g.label) for g in wijken_.groepen] == sorted(wijken)
    assert round(sum(g.aandeel_bevolking for g in wijken_.groepen), 1) == 100.0
    # ``inwoner`` joined without a district: nobody to compare.
    assert (wijken_.beantwoord, wijken_.onbekend) == (0, 1)
    assert all(g.aandeel_deelnemers is None for g in wijken_.groepen)


def test_counts_of_participation_and_input(verslagronde):
    verslag = participatieverslag_ronde(verslagronde)

    assert verslag.deelname["deelnames"] == 6
    assert verslag.deelname["auteurs"] == 2  # the author of the hidden input is not counted
    assert verslag.inbreng_telling == {
        "totaal": 3,
        "zichtbaar": 2,
        "verborgen": 1,
        "steun": 0,
        "reacties": 0,
        "met_terugkoppeling": 1,
        "zonder_terugkoppeling": 1,
    }
    assert {t.waarde: t.aantal for t in verslag.per_soort} == {"idee": 1, "zorg": 0, "vraag": 1}
    assert {t.waarde: t.aantal for t in verslag.per_status}["overgenomen"] == 1
    assert verslag.markeringen == {"open": 0, "verborgen": 1, "afgewezen": 0, "totaal": 1}
    assert [u.titel for u in verslag.uitkomsten] == ["Inrichting met bewoners kiezen"]
    rijen = list(inbreng_rijen(verslag.inbreng))
    assert [r.titel for r in rijen] == ["Koffie op dinsdag", "Wie betaalt de huur?"]
    assert [r.auteursnaam for r in rijen] == ["Inwoner uit Oosterhout", "Henk de Vries"]


def test_the_opgave_report_covers_its_rounds_but_not_drafts(verslagronde, ronde, concept_ronde):
    verslag = participatieverslag_opgave(verslagronde.opgave)

    assert {r.pk for r in verslag.rondes} == {verslagronde.pk, ronde.pk}
    assert verslag.deelname["deelnames"] == 7  # six in one round, ``inwoner`` in the other
    assert verslag.inbreng_telling["zichtbaar"] == 2


# --- The PDF -------------------------------------------------------------------------------


def _bouwen(monkeypatch, **onderwerp) -> tuple[str, bytes, str, list[int]]:
    """Run the builder; return the file name, the PDF, the text laid out on its pages
    (WeasyPrint's own layout of the HTML the builder rendered) and the progress."""
    from weasyprint import HTML

    gerenderd: list[str] = []
    echt = pdf.render_to_string

    def vang(*args, **kwargs):
        gerenderd.append(echt(*args, **kwargs))
        return gerenderd[-1]

    monkeypatch.setattr(pdf, "render_to_string", vang)
    rapport = Rapport(soort=Soort.PARTICIPATIE, formaat=Formaat.PDF, **onderwerp)
    uit = io.BytesIO()
    stappen: list[int] = []
    with translation.override("nl"):
        naam = bouw(rapport, uit, stappen.append)
    document = HTML(string=gerenderd[0]).render()

    def teksten(box):
        if hasattr(box, "text"):
            yield box.text
        for kind in getattr(box, "children", ()):
            yield from teksten(kind)

    tekst = " ".join(t for pagina in document.pages for t in teksten(pagina._page_box))
    return naam, uit.getvalue(), " ".join(tekst.split()), stappen


def test_the_builder_is_registered_for_pdf():
    assert bouwer_voor(Soort.PARTICIPATIE, Formaat.PDF) is bouw


def test_pdf_of_a_round_shows_every_visible_input_with_what_was_done(verslagronde, monkeypatch):
    naam, inhoud, tekst, stappen = _bouwen(monkeypatch, ronde=verslagronde)

    assert naam == f"participatieverslag-een-huiskamer-in-de-wijk-{timezone.localdate()}.pdf"
    assert inhoud.startswith(b"%PDF-")
    assert stappen == sorted(stappen) and 0 < stappen[-1] < 100
    # How residents could take part.
    assert "Adviseren" in tekst
    assert "Centrum, Oosterhout" in tekst
    assert "Ontwerpavond huiskamer" in tekst
    # Every visible input, with what was done with it and why (or that it is pending).
    assert "Koffie op dinsdag" in tekst
    assert "Vanaf januari is er elke dinsdag koffie in het buurthuis." in tekst
    assert "Isolatie van 300 huurwoningen" in tekst  # the linked action
    assert "Wie betaalt de huur?" in tekst
    # (Dutch once the PO fragment is compiled; the status label is Dutch already.)
    assert (
        "nog geen terugkoppeling (status: nieuw)" in tekst.lower()
        or "no feedback yet (status: nieuw)" in tekst.lower()
    )
    # The outcome of the session and what became of it.
    assert "Inrichting met bewoners kiezen" in tekst
    # Representativeness in numbers.
    assert "58,8%" in tekst and "60,0%" in tekst and "+1,2" in tekst and "-21,2" in tekst
    assert "66,7%" in tekst and "+47,3" in tekst


def test_pdf_never_shows_hidden_input_or_residents_identities(verslagronde, monkeypatch):
    _naam, _inhoud, tekst, _stappen = _bouwen(monkeypatch, ronde=verslagronde)

    # The hidden input is counted, not shown; nor is the name of its author.
    assert "Scheldpartij over de buren" not in tekst
    assert "Iets dat niet door de beugel kan" not in tekst
    assert "Verborgen Vera" not in tekst
    # A resident without a display name shows as "Inwoner uit <wijk>", never by address.
    assert GEHEIM_ADRES not in tekst
    assert "geheim.adres" not in tekst
    assert "Inwoner uit Oosterhout" in tekst
    # Participants who gave no input are only counted.
    for naam in ("Carla Centrum", "Zeger Zuid", "Onbekende Otto"):
        assert naam not in tekst


def test_pdf_of_an_opgave_names_the_round_of_each_input(verslagronde, ronde, monkeypatch):
    naam, inhoud, tekst, _stappen = _bouwen(monkeypatch, opgave=verslagronde.opgave)

    assert naam.startswith("participatieverslag-energietransitie-demodam-noord-")
    assert inhoud.startswith(b"%PDF-")
    assert ronde.titel in tekst and verslagronde.titel in tekst
    assert "Koffie op dinsdag" in tekst
    assert "Scheldpartij over de buren" not in tekst


def test_pdf_of_an_opgave_without_rounds(andere_opgave, monkeypatch):
    _naam, inhoud, tekst, _stappen = _bouwen(monkeypatch, opgave=andere_opgave)

    assert inhoud.startswith(b"%PDF-")
    assert andere_opgave.titel in tekst


def _inputs_erbij(ronde, aantal: int) -> None:
    for nummer in range(aantal):
        auteur = _inwoner(f"Auteur {nummer}")
        deelnemen(ronde=ronde, user=auteur)
        inbreng_indienen(
            ronde=ronde, auteur=auteur, soort="idee", titel=f"Idee {nummer}", tekst="Tekst."
        )


def _queries_van_bouw(monkeypatch, ronde) -> int:
    rapport = Rapport(soort=Soort.PARTICIPATIE, formaat=Formaat.PDF, ronde=ronde)
    with CaptureQueriesContext(connection) as queries:
        bouw(rapport, io.BytesIO(), lambda procent: None)
    return len(queries)


def test_the_builder_needs_the_same_queries_for_1_and_10_inputs(ronde, monkeypatch):
    _inputs_erbij(ronde, 1)
    een = _queries_van_bouw(monkeypatch, ronde)
    _inputs_erbij(ronde, 9)
    tien = _queries_van_bouw(monkeypatch, ronde)

    assert Inbreng.objects.filter(ronde=ronde).count() == 10
    assert een == tien
    assert tien <= 20


def test_the_engine_builds_the_report_of_a_round(
    verslagronde, regisseur, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():  # the task is not sent to a broker here
        rapport = rapport_aanvragen(
            door=regisseur, soort=Soort.PARTICIPATIE, formaat=Formaat.PDF, ronde=verslagronde
        )

    assert rapport_bouwen(rapport_id=rapport.pk) is True
    rapport.refresh_from_db()
    assert rapport.status == Rapport.Status.KLAAR
    assert rapport.bestandsnaam.startswith("participatieverslag-een-huiskamer-in-de-wijk-")
    with rapport.bestand.open("rb") as bestand:
        assert bestand.read(5) == b"%PDF-"


def _pdf_tekst(inhoud: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(
        " ".join(pagina.extract_text().split()) for pagina in PdfReader(io.BytesIO(inhoud)).pages
    )


def test_a_long_report_is_laid_out_in_parts_and_keeps_every_input_in_order(
    ronde, monkeypatch, settings
):
    """More inputs than RAPPORT_PDF_DEEL: parts laid out by separate processes, then
    joined. Every input is in the one PDF, numbered on, and each further part names
    its inputs in the footer."""
    settings.RAPPORT_PDF_DEEL = 2
    _inputs_erbij(ronde, 5)
    delen: list[str] = []
    echt = pdf._deel_opmaken

    def tellen(html: str, opmakers) -> bytes:
        delen.append(html)
        return echt(html, opmakers)

    monkeypatch.setattr(pdf, "_deel_opmaken", tellen)
    rapport = Rapport(soort=Soort.PARTICIPATIE, formaat=Formaat.PDF, ronde=ronde)
    uit = io.BytesIO()
    with translation.override("nl"):
        bouw(rapport, uit, lambda procent: None)
    tekst = _pdf_tekst(uit.getvalue())

    assert len(delen) == 3  # inputs 1-2 with the report, then 3-4, then 5
    assert "Participatieverslag" in tekst and ronde.titel in tekst
    posities = [tekst.index(f"Idee {nummer} ·") for nummer in range(5)]
    assert posities == sorted(posities)
    assert "Inbreng 3 tot 4 van 5" in tekst and "Inbreng 5 tot 5 van 5" in tekst
    for nummer in ("3.", "4.", "5."):  # numbered on across the parts
        assert f" {nummer} " in f" {tekst} "


def test_a_part_that_fails_fails_the_report_with_a_dutch_message(
    ronde, regisseur, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.RAPPORT_PDF_DEEL = 2
    _inputs_erbij(ronde, 3)

    def mislukt(html: str, opmakers) -> bytes:
        raise RuntimeError("PDF part failed: killed")

    monkeypatch.setattr(pdf, "_deel_opmaken", mislukt)
    with django_capture_on_commit_callbacks():
        rapport = rapport_aanvragen(
            door=regisseur, soort=Soort.PARTICIPATIE, formaat=Formaat.PDF, ronde=ronde
        )

    assert rapport_bouwen(rapport_id=rapport.pk) is False
    rapport.refresh_from_db()
    assert rapport.status == Rapport.Status.MISLUKT
    assert not rapport.bestand
    assert "opnieuw" in rapport.fout.lower()
