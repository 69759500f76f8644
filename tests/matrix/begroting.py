"""Permission matrix rows for the pages of the participatory budget (issue 7):
the budget page, proposals, and managing the budget.

- The budget page and a proposal are public like the round: everyone, anonymous
  visitors too; a round without a budget is a 404, as is a draft round for who
  does not manage it.
- Submitting a proposal: everyone logged in while proposals are asked for
  (anonymous visitors log in first); in the voting phase nobody (403).
- Editing a proposal: its submitter (``inwoner``) only; others 403.
- Setting up, phases, closing the vote, assessing, carrying out and marking
  realised: the officials who manage the round (``regisseur``); others 403.
- IDOR: a proposal of ``andere_stemming`` asked through this round's slug is a
  404 for everyone allowed past the login.
POST rows really run with valid data.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from opgaven.models import PlanVanAanpak
from participatie.services_begroting import (
    begroting_instellen,
    keuze_toevoegen,
    stembiljet_bevestigen,
    stembiljet_openen,
    uitslag_berekenen,
)
from tests.permission_matrix import LOGIN, Case, Redirect, expect

BEGROTING = Redirect("participatie:begroting")
VOORSTEL = Redirect("participatie:voorstel")
BEHEER = expect(403, anoniem=LOGIN, regisseur=200)
IDOR = expect(404, anoniem=LOGIN)


def _slug(fixture: str):
    return lambda f: {"slug": getattr(f, fixture).ronde.slug}


def ronde_slug(fixture: str):
    return lambda f: {"slug": getattr(f, fixture).slug}


def eigen(f: Any) -> dict[str, Any]:
    """The unassessed proposal of ``inwoner``."""
    return {"slug": f.voorstel.begroting.ronde.slug, "pk": f.voorstel.pk}


def andere(f: Any) -> dict[str, Any]:
    """A proposal of ``andere_stemming`` through the slug of ``begroting``."""
    return {"slug": f.begroting.ronde.slug, "pk": f.andere_stemming.voorstellen.first().pk}


def concept(f: Any) -> dict[str, Any]:
    """The budget of a draft round (only its managers see it)."""
    begroting_instellen(
        ronde=f.concept_ronde,
        totaal=Decimal("5000.00"),
        indienen_tot=date(2026, 12, 1),
        stemmen_van=date(2026, 12, 10),
        stemmen_tot=date(2027, 1, 31),
    )
    return {"slug": f.concept_ronde.slug}


def gekozen(f: Any) -> dict[str, Any]:
    """``Project 3`` of ``stemming``, chosen by the result."""
    stemming = f.stemming
    project = stemming.voorstellen.get(titel="Project 3")
    biljet = stembiljet_openen(begroting=stemming, user=f.inwoner)
    biljet = keuze_toevoegen(stembiljet=biljet, voorstel=project)
    stembiljet_bevestigen(stembiljet=biljet)
    uitslag_berekenen(begroting=stemming)
    return {"slug": stemming.ronde.slug, "pk": project.pk}


def gekozen_met_plan_en_pot(f: Any) -> dict[str, Any]:
    kwargs = gekozen(f)
    f.budgetpot  # noqa: B018 (the fixture makes the opgave's pot)
    PlanVanAanpak.objects.get_or_create(opgave=f.stemming.ronde.opgave, versie=1)
    return kwargs


def voorstel_data(f: Any) -> dict[str, Any]:
    return {
        "titel": "Een speeltuin bij de school",
        "beschrijving": "Klimrekken en een zandbak.",
        "geraamde_kosten": "2.500,00",
        "gebied": "",
    }


def begroting_data(f: Any) -> dict[str, Any]:
    return {
        "totaal": "20.000,00",
        "stemregel": "knapsack",
        "min_besteding_pct": "0",
        "indienen_tot": "2026-12-01",
        "stemmen_van": "2026-12-10",
        "stemmen_tot": "2027-01-31",
    }


def beoordelen_data(f: Any) -> dict[str, Any]:
    return {"haalbaar": "ja", "kosten": "4.000", "motivering": "Past binnen de regels."}


def uitvoeren_data(f: Any) -> dict[str, Any]:
    return {"trekker": f.organisatie.pk, "toelichting": ""}


CASES: list[Case] = [
    # The budget page: public like the round.
    Case("participatie:begroting", expect(200), kwargs=_slug("begroting"), label="begroting"),
    Case("participatie:begroting", expect(404), kwargs=ronde_slug("ronde"), label="zonder"),
    Case("participatie:begroting", expect(404, regisseur=200), kwargs=concept, label="ontwerp"),
    Case(
        "participatie:begroting",
        expect(405),
        kwargs=_slug("begroting"),
        method="post",
        label="begroting",
    ),
    # Setting it up: also for a round that has no budget yet.
    Case("participatie:begroting_instellen", BEHEER, kwargs=ronde_slug("ronde"), label="zonder"),
    Case(
        "participatie:begroting_instellen",
        expect(403, anoniem=LOGIN, regisseur=BEGROTING),
        kwargs=ronde_slug("ronde"),
        method="post",
        data=begroting_data,
        label="zonder",
    ),
    Case("participatie:begroting_instellen", BEHEER, kwargs=_slug("begroting"), label="begroting"),
    Case(
        "participatie:begroting_instellen",
        expect(403, anoniem=LOGIN, regisseur=BEGROTING),
        kwargs=_slug("begroting"),
        method="post",
        data=begroting_data,
        label="begroting",
    ),
    Case(
        "participatie:begroting_instellen",
        expect(404, anoniem=LOGIN, regisseur=200),
        kwargs=ronde_slug("concept_ronde"),
        label="ontwerp",
    ),
    Case(
        "participatie:begroting_instellen",
        expect(405),
        kwargs=_slug("begroting"),
        method="delete",
        label="begroting",
    ),
    # Phases.
    Case("participatie:begroting_fase", BEHEER, kwargs=_slug("begroting"), label="begroting"),
    Case(
        "participatie:begroting_fase",
        expect(403, anoniem=LOGIN, regisseur=BEGROTING),
        kwargs=_slug("begroting"),
        method="post",
        data=lambda f: {"naar": "haalbaarheid"},
        label="begroting",
    ),
    Case("participatie:begroting_fase", IDOR, kwargs=ronde_slug("ronde"), label="zonder"),
    Case(
        "participatie:begroting_fase",
        expect(405),
        kwargs=_slug("begroting"),
        method="put",
        label="begroting",
    ),
    # Closing the vote: only in the voting phase (400 before).
    Case("participatie:begroting_sluiten", BEHEER, kwargs=_slug("stemming"), label="stemming"),
    Case(
        "participatie:begroting_sluiten",
        expect(403, anoniem=LOGIN, regisseur=BEGROTING),
        kwargs=_slug("stemming"),
        method="post",
        label="stemming",
    ),
    Case(
        "participatie:begroting_sluiten",
        expect(403, anoniem=LOGIN, regisseur=400),
        kwargs=_slug("begroting"),
        method="post",
        label="indienen",
    ),
    Case(
        "participatie:begroting_sluiten",
        expect(405),
        kwargs=_slug("stemming"),
        method="put",
        label="stemming",
    ),
    # Submitting a proposal.
    Case(
        "participatie:voorstel_nieuw",
        expect(200, anoniem=LOGIN),
        kwargs=_slug("begroting"),
        label="indienen",
    ),
    Case(
        "participatie:voorstel_nieuw",
        expect(VOORSTEL, anoniem=LOGIN),
        kwargs=_slug("begroting"),
        method="post",
        data=voorstel_data,
        label="indienen",
    ),
    Case(
        "participatie:voorstel_nieuw",
        expect(403, anoniem=LOGIN),
        kwargs=_slug("stemming"),
        label="stemming",
    ),
    Case(
        "participatie:voorstel_nieuw",
        expect(403, anoniem=LOGIN),
        kwargs=_slug("stemming"),
        method="post",
        data=voorstel_data,
        label="stemming",
    ),
    Case(
        "participatie:voorstel_nieuw",
        expect(405),
        kwargs=_slug("begroting"),
        method="put",
        label="indienen",
    ),
    # A proposal: public.
    Case("participatie:voorstel", expect(200), kwargs=eigen, label="voorstel"),
    Case("participatie:voorstel", expect(404), kwargs=andere, label="andere_stemming"),
    Case("participatie:voorstel", expect(405), kwargs=eigen, method="post", label="voorstel"),
    # Editing: the submitter only.
    Case(
        "participatie:voorstel_bewerken",
        expect(403, anoniem=LOGIN, inwoner=200),
        kwargs=eigen,
        label="voorstel",
    ),
    Case(
        "participatie:voorstel_bewerken",
        expect(403, anoniem=LOGIN, inwoner=VOORSTEL),
        kwargs=eigen,
        method="post",
        data=voorstel_data,
        label="voorstel",
    ),
    Case("participatie:voorstel_bewerken", IDOR, kwargs=andere, label="andere_stemming"),
    Case(
        "participatie:voorstel_bewerken",
        IDOR,
        kwargs=andere,
        method="post",
        data=voorstel_data,
        label="andere_stemming",
    ),
    Case(
        "participatie:voorstel_bewerken", expect(405), kwargs=eigen, method="put", label="voorstel"
    ),
    # Assessing.
    Case("participatie:voorstel_beoordelen", BEHEER, kwargs=eigen, label="voorstel"),
    Case(
        "participatie:voorstel_beoordelen",
        expect(403, anoniem=LOGIN, regisseur=VOORSTEL),
        kwargs=eigen,
        method="post",
        data=beoordelen_data,
        label="voorstel",
    ),
    # The check on the round comes first (403 for who may not manage it), then the
    # proposal is not found in it (404).
    Case(
        "participatie:voorstel_beoordelen",
        expect(403, anoniem=LOGIN, regisseur=404),
        kwargs=andere,
        label="andere_stemming",
    ),
    Case(
        "participatie:voorstel_beoordelen",
        expect(403, anoniem=LOGIN, regisseur=404),
        kwargs=andere,
        method="post",
        data=beoordelen_data,
        label="andere_stemming",
    ),
    Case(
        "participatie:voorstel_beoordelen",
        expect(405),
        kwargs=eigen,
        method="put",
        label="voorstel",
    ),
    # Carrying out a chosen project.
    Case("participatie:voorstel_uitvoeren", BEHEER, kwargs=gekozen, label="gekozen"),
    Case(
        "participatie:voorstel_uitvoeren",
        expect(403, anoniem=LOGIN, regisseur=VOORSTEL),
        kwargs=gekozen_met_plan_en_pot,
        method="post",
        data=uitvoeren_data,
        label="gekozen",
    ),
    Case(
        "participatie:voorstel_uitvoeren",
        expect(403, anoniem=LOGIN, regisseur=404),
        kwargs=andere,
        method="post",
        data=uitvoeren_data,
        label="andere_stemming",
    ),
    Case(
        "participatie:voorstel_uitvoeren",
        expect(405),
        kwargs=gekozen,
        method="put",
        label="gekozen",
    ),
    # Marking realised: POST only.
    Case("participatie:voorstel_gerealiseerd", expect(405), kwargs=gekozen, label="gekozen"),
    Case(
        "participatie:voorstel_gerealiseerd",
        expect(403, anoniem=LOGIN, regisseur=VOORSTEL),
        kwargs=gekozen,
        method="post",
        label="gekozen",
    ),
    Case(
        "participatie:voorstel_gerealiseerd",
        expect(403, anoniem=LOGIN, regisseur=404),
        kwargs=andere,
        method="post",
        label="andere_stemming",
    ),
]
