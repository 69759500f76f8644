"""The plan van aanpak services: versions, actions, consent and its notifications (issue 4.8)."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from meldingen.models import Melding, Soort
from opgaven.models import Actie, Betrokkenheid, Doel, Instemming, Opgaverol, PlanVanAanpak
from opgaven.services.opgaven import opgaverol_toekennen
from opgaven.services.plan import (
    actie_bijwerken,
    actie_status_wijzigen,
    actie_toevoegen,
    actie_verwijderen,
    instemming_beantwoorden,
    plan_aanmaken,
    plan_bijwerken,
    plan_nieuwe_versie,
    plan_ter_instemming_voorleggen,
)
from partners.models import Lidmaatschap
from partners.services import lidmaatschap_beeindigen, lidmaatschap_toevoegen
from tests.factories import UserFactory
from tests.matrix.plan import zorggroep

pytestmark = pytest.mark.django_db


@pytest.fixture
def zorg(opgave):
    """Zorggroep Demodam, the second organisation involved in ``opgave``."""
    return zorggroep(opgave)


@pytest.fixture
def zorg_contact(zorg):
    user = UserFactory(weergavenaam="Zoë Zorg")
    lidmaatschap_toevoegen(organisatie=zorg, user=user, rol=Lidmaatschap.Rol.CONTACTPERSOON)
    return user


@pytest.fixture
def plan(opgave):
    return plan_aanmaken(opgave=opgave, samenvatting="Samen van het gas af.")


@pytest.fixture
def actie(plan, organisatie, zorg):
    doel = Doel.objects.create(opgave=plan.opgave, titel="Minder gasverbruik")
    actie = actie_toevoegen(
        plan=plan,
        titel="Warmtescan voor elke woning",
        omschrijving="Een adviseur komt langs.",
        trekker=organisatie,
        uitvoerders=[zorg],
        doel=doel,
        start=date(2026, 3, 1),
        eind=date(2026, 9, 30),
    )
    return actie


@pytest.fixture
def voorgelegd(plan, actie, regisseur, zorg):
    plan_ter_instemming_voorleggen(plan=plan, door=regisseur)
    plan.refresh_from_db()
    return plan


def instemming(plan, organisatie):
    return Instemming.objects.get(plan=plan, organisatie=organisatie)


def meldingen(soort):
    return Melding.objects.filter(soort=soort)


# --- Starting and editing a draft -------------------------------------------------------


def test_the_first_plan_is_version_1_a_draft(opgave):
    plan = plan_aanmaken(opgave=opgave, samenvatting="  Samen van het gas af. ")

    assert (plan.versie, plan.status, plan.samenvatting) == (1, "concept", "Samen van het gas af.")
    assert plan.ingediend_op is None and plan.vastgesteld_op is None


def test_a_second_first_plan_is_refused_in_dutch(opgave, plan):
    with pytest.raises(ValidationError, match="Deze opgave heeft al een plan van aanpak"):
        plan_aanmaken(opgave=opgave)
    assert PlanVanAanpak.objects.filter(opgave=opgave).count() == 1


def test_a_draft_summary_can_change_a_submitted_one_cannot(voorgelegd):
    with pytest.raises(ValidationError, match="kan niet meer worden gewijzigd"):
        plan_bijwerken(plan=voorgelegd, samenvatting="Iets anders")
    voorgelegd.refresh_from_db()
    assert voorgelegd.samenvatting == "Samen van het gas af."


def test_actions_are_added_changed_and_removed_while_draft(plan, actie, organisatie, zorg):
    assert actie.opgave == plan.opgave
    assert list(actie.uitvoerders.all()) == [zorg]
    assert actie.status == Actie.Status.GEPLAND

    actie_bijwerken(
        actie=actie, titel="Warmtescan", trekker=zorg, uitvoerders=[organisatie], doel=None
    )
    actie.refresh_from_db()
    assert (actie.titel, actie.trekker, actie.doel, actie.start) == ("Warmtescan", zorg, None, None)
    assert list(actie.uitvoerders.all()) == [organisatie]

    actie_verwijderen(actie=actie)
    assert not Actie.objects.filter(plan=plan).exists()


def test_an_action_needs_an_involved_trekker_and_a_goal_of_this_opgave(
    plan, andere_organisatie, organisatie, andere_opgave
):
    with pytest.raises(ValidationError) as fout:
        actie_toevoegen(plan=plan, titel="Sportdag", trekker=andere_organisatie)
    assert fout.value.message_dict == {
        "trekker": ["De trekker moet bij deze opgave betrokken zijn."]
    }

    vreemd_doel = Doel.objects.create(opgave=andere_opgave, titel="Niet van ons")
    with pytest.raises(ValidationError) as fout:
        actie_toevoegen(plan=plan, titel="Sportdag", trekker=organisatie, doel=vreemd_doel)
    assert fout.value.message_dict == {"doel": ["Kies een doel van deze opgave."]}

    with pytest.raises(ValidationError, match="Een actie kan niet eindigen voordat"):
        actie_toevoegen(
            plan=plan,
            titel="Sportdag",
            trekker=organisatie,
            start=date(2026, 5, 1),
            eind=date(2026, 4, 1),
        )
    assert not Actie.objects.exists()


def test_an_organisation_no_longer_involved_may_stay_on_its_action(actie, organisatie):
    Betrokkenheid.objects.filter(opgave=actie.opgave, organisatie=organisatie).delete()

    actie_bijwerken(actie=actie, titel="Warmtescan", trekker=organisatie)

    actie.refresh_from_db()
    assert (actie.titel, actie.trekker) == ("Warmtescan", organisatie)


def test_actions_of_a_submitted_plan_cannot_change(voorgelegd, actie, organisatie):
    with pytest.raises(ValidationError, match="Maak een nieuwe versie"):
        actie_toevoegen(plan=voorgelegd, titel="Nog één", trekker=organisatie)
    with pytest.raises(ValidationError, match="Maak een nieuwe versie"):
        actie_bijwerken(actie=actie, titel="Anders", trekker=organisatie)
    with pytest.raises(ValidationError, match="Maak een nieuwe versie"):
        actie_verwijderen(actie=actie)
    assert list(Actie.objects.values_list("titel", flat=True)) == ["Warmtescan voor elke woning"]


# --- Submitting for consent ------------------------------------------------------------


def test_submitting_asks_every_involved_organisation_once(plan, regisseur, organisatie, zorg):
    before = timezone.now()
    instemmingen = plan_ter_instemming_voorleggen(plan=plan, door=regisseur)

    plan.refresh_from_db()
    assert plan.status == PlanVanAanpak.Status.TER_INSTEMMING
    assert plan.ingediend_op >= before
    assert sorted(i.organisatie.naam for i in instemmingen) == [
        "Woonstichting Demodam",
        "Zorggroep Demodam",
    ]
    assert set(Instemming.objects.filter(plan=plan).values_list("besluit", flat=True)) == {"open"}
    assert set(Instemming.objects.values_list("opgave", flat=True)) == {plan.opgave_id}

    with pytest.raises(ValidationError, match="kan niet meer worden gewijzigd"):
        plan_ter_instemming_voorleggen(plan=plan, door=regisseur)
    assert Instemming.objects.count() == 2


def test_an_organisation_involved_later_is_not_asked_for_this_version(
    voorgelegd, andere_organisatie
):
    Betrokkenheid.objects.create(
        opgave=voorgelegd.opgave, organisatie=andere_organisatie, aard=Betrokkenheid.Aard.BESLIST
    )
    assert not Instemming.objects.filter(organisatie=andere_organisatie).exists()


def test_without_involved_organisations_submitting_is_refused_and_changes_nothing(
    andere_opgave, ambtenaar
):
    plan = plan_aanmaken(opgave=andere_opgave)

    with pytest.raises(ValidationError, match="Er is nog geen organisatie bij deze opgave"):
        plan_ter_instemming_voorleggen(plan=plan, door=ambtenaar)

    plan.refresh_from_db()
    assert (plan.status, plan.ingediend_op) == (PlanVanAanpak.Status.CONCEPT, None)
    assert not Instemming.objects.exists()
    assert not Melding.objects.exists()


def test_submitting_notifies_the_contact_persons_of_the_organisations_asked(
    plan, regisseur, organisatie, partner_lid, zorg_contact, partner_buitenstaander
):
    lid = UserFactory()
    lidmaatschap_toevoegen(organisatie=organisatie, user=lid, rol=Lidmaatschap.Rol.LID)
    vertrokken = UserFactory()
    vroeger = lidmaatschap_toevoegen(
        organisatie=organisatie,
        user=vertrokken,
        rol=Lidmaatschap.Rol.CONTACTPERSOON,
        van=timezone.localdate() - timedelta(days=30),
    )
    lidmaatschap_beeindigen(lidmaatschap=vroeger)

    plan_ter_instemming_voorleggen(plan=plan, door=regisseur)

    gevraagd = meldingen(Soort.INSTEMMING_GEVRAAGD)
    assert sorted(m.ontvanger_id for m in gevraagd) == sorted([partner_lid.pk, zorg_contact.pk])
    melding = gevraagd.get(ontvanger=partner_lid)
    assert melding.object == plan
    assert melding.url == reverse(
        "opgaven:plan_versie", kwargs={"slug": plan.opgave.slug, "versie": 1}
    )
    assert melding.titel == (
        "Je instemming wordt gevraagd voor het plan van aanpak van Energietransitie Demodam-Noord"
    )
    assert melding.tekst.startswith(
        "Rutger Regie heeft versie 1 van het plan van aanpak van de opgave "
        "Energietransitie Demodam-Noord ter instemming voorgelegd."
    )
    # Partners hear nothing else; the role holders hear nothing yet.
    assert not Melding.objects.exclude(soort=Soort.INSTEMMING_GEVRAAGD).exists()


# --- Answering --------------------------------------------------------------------------


def test_the_plan_is_adopted_only_when_every_organisation_consented(
    voorgelegd, organisatie, zorg, partner_lid, zorg_contact, regisseur
):
    instemming_beantwoorden(
        instemming=instemming(voorgelegd, organisatie), besluit="ingestemd", door=partner_lid
    )
    voorgelegd.refresh_from_db()
    assert voorgelegd.status == PlanVanAanpak.Status.TER_INSTEMMING
    assert not meldingen(Soort.PLAN_VASTGESTELD).exists()

    before = timezone.now()
    antwoord = instemming_beantwoorden(
        instemming=instemming(voorgelegd, zorg), besluit="ingestemd", door=zorg_contact
    )

    voorgelegd.refresh_from_db()
    assert voorgelegd.status == PlanVanAanpak.Status.VASTGESTELD
    assert voorgelegd.vastgesteld_op >= before
    assert (antwoord.besluit, antwoord.door, antwoord.reden) == ("ingestemd", zorg_contact, "")
    assert antwoord.op >= before


def test_adoption_notifies_the_role_holders_not_the_partners(
    voorgelegd, opgave, organisatie, zorg, partner_lid, zorg_contact, regisseur, ambtenaar
):
    opgaverol_toekennen(opgave=opgave, user=ambtenaar, rol=Opgaverol.Rol.KERNTEAMLID)
    for org, door in [(organisatie, partner_lid), (zorg, zorg_contact)]:
        instemming_beantwoorden(
            instemming=instemming(voorgelegd, org), besluit="ingestemd", door=door
        )

    vastgesteld = meldingen(Soort.PLAN_VASTGESTELD)
    assert sorted(m.ontvanger_id for m in vastgesteld) == sorted([regisseur.pk, ambtenaar.pk])
    melding = vastgesteld.get(ontvanger=regisseur)
    assert melding.titel == "Het plan van aanpak van Energietransitie Demodam-Noord is vastgesteld"
    assert "versie 1" in melding.tekst


def test_an_objection_needs_a_reason_in_dutch_and_changes_nothing(
    voorgelegd, organisatie, partner_lid
):
    gevraagd = instemming(voorgelegd, organisatie)

    with pytest.raises(ValidationError) as fout:
        instemming_beantwoorden(
            instemming=gevraagd, besluit="bezwaar", reden="  ", door=partner_lid
        )

    assert fout.value.message_dict == {"reden": ["Geef een reden voor het bezwaar."]}
    gevraagd.refresh_from_db()
    assert (gevraagd.besluit, gevraagd.door, gevraagd.op) == ("open", None, None)
    assert not meldingen(Soort.PLAN_BEZWAAR).exists()


def test_an_objection_keeps_the_plan_awaiting_consent_and_tells_the_role_holders(
    voorgelegd, organisatie, zorg, partner_lid, zorg_contact, regisseur
):
    instemming_beantwoorden(
        instemming=instemming(voorgelegd, organisatie),
        besluit="bezwaar",
        reden="De planning is te krap voor onze huurders.",
        door=partner_lid,
    )
    instemming_beantwoorden(
        instemming=instemming(voorgelegd, zorg), besluit="ingestemd", door=zorg_contact
    )

    voorgelegd.refresh_from_db()
    assert voorgelegd.status == PlanVanAanpak.Status.TER_INSTEMMING
    assert voorgelegd.vastgesteld_op is None
    assert not meldingen(Soort.PLAN_VASTGESTELD).exists()
    (melding,) = meldingen(Soort.PLAN_BEZWAAR)
    assert melding.ontvanger == regisseur
    assert melding.titel == (
        "Woonstichting Demodam maakt bezwaar tegen het plan van aanpak van "
        "Energietransitie Demodam-Noord"
    )
    assert melding.tekst.endswith("De reden: De planning is te krap voor onze huurders.")


def test_an_organisation_answers_once(voorgelegd, organisatie, partner_lid):
    gevraagd = instemming(voorgelegd, organisatie)
    instemming_beantwoorden(
        instemming=gevraagd, besluit="bezwaar", reden="Te krap.", door=partner_lid
    )

    with pytest.raises(ValidationError, match="Je organisatie heeft al geantwoord"):
        instemming_beantwoorden(instemming=gevraagd, besluit="ingestemd", door=partner_lid)
    gevraagd.refresh_from_db()
    assert gevraagd.besluit == "bezwaar"


def test_no_answers_after_the_plan_was_adopted(voorgelegd, organisatie, zorg, partner_lid):
    for org in (organisatie, zorg):
        instemming_beantwoorden(
            instemming=instemming(voorgelegd, org), besluit="ingestemd", door=partner_lid
        )

    with pytest.raises(ValidationError, match="Dit plan wacht niet meer op instemming"):
        instemming_beantwoorden(
            instemming=instemming(voorgelegd, zorg),
            besluit="bezwaar",
            reden="Toch niet.",
            door=partner_lid,
        )
    assert instemming(voorgelegd, zorg).besluit == "ingestemd"


def test_an_answer_that_is_not_consent_or_objection_is_refused(
    voorgelegd, organisatie, partner_lid
):
    with pytest.raises(ValidationError, match="Kies of je instemt of bezwaar maakt"):
        instemming_beantwoorden(
            instemming=instemming(voorgelegd, organisatie), besluit="open", door=partner_lid
        )


# --- New versions ----------------------------------------------------------------------


def test_a_new_version_copies_the_actions_and_keeps_the_old_one(
    voorgelegd, actie, organisatie, zorg, partner_lid
):
    instemming_beantwoorden(
        instemming=instemming(voorgelegd, organisatie),
        besluit="bezwaar",
        reden="Eerst de huurders spreken.",
        door=partner_lid,
    )

    nieuw = plan_nieuwe_versie(plan=voorgelegd)

    assert (nieuw.versie, nieuw.status, nieuw.samenvatting) == (
        2,
        "concept",
        "Samen van het gas af.",
    )
    (kopie,) = nieuw.acties.all()
    assert kopie.pk != actie.pk
    velden = ("titel", "omschrijving", "trekker", "doel", "start", "eind", "status", "opgave")
    assert [getattr(kopie, v) for v in velden] == [getattr(actie, v) for v in velden]
    assert list(kopie.uitvoerders.all()) == [zorg]
    assert not nieuw.instemmingen.exists()

    # Changing the new version leaves the old one as it was.
    actie_bijwerken(actie=kopie, titel="Warmtescan, na gesprek", trekker=organisatie)
    actie.refresh_from_db()
    voorgelegd.refresh_from_db()
    assert actie.titel == "Warmtescan voor elke woning"
    assert list(actie.uitvoerders.all()) == [zorg]
    assert voorgelegd.status == PlanVanAanpak.Status.TER_INSTEMMING
    assert instemming(voorgelegd, organisatie).reden == "Eerst de huurders spreken."


def test_an_older_version_cannot_be_answered_or_have_its_status_changed(
    voorgelegd, actie, organisatie, partner_lid
):
    plan_nieuwe_versie(plan=voorgelegd)

    with pytest.raises(ValidationError, match="Dit plan wacht niet meer op instemming"):
        instemming_beantwoorden(
            instemming=instemming(voorgelegd, organisatie), besluit="ingestemd", door=partner_lid
        )
    with pytest.raises(ValidationError, match="oudere versie van het plan"):
        actie_status_wijzigen(actie=actie, status=Actie.Status.BEZIG)
    actie.refresh_from_db()
    assert actie.status == Actie.Status.GEPLAND
    assert instemming(voorgelegd, organisatie).besluit == "open"


def test_a_new_version_only_from_the_newest_submitted_version(plan, voorgelegd):
    concept = plan_nieuwe_versie(plan=voorgelegd)

    with pytest.raises(ValidationError, match="nog een concept"):
        plan_nieuwe_versie(plan=concept)
    with pytest.raises(ValidationError, match="net een nieuwere versie"):
        plan_nieuwe_versie(plan=voorgelegd)
    assert PlanVanAanpak.objects.filter(opgave=plan.opgave).count() == 2


# --- Status of an action ---------------------------------------------------------------


def test_the_status_of_an_action_of_the_newest_version_changes(voorgelegd, actie):
    actie_status_wijzigen(actie=actie, status=Actie.Status.BEZIG)
    actie.refresh_from_db()
    assert actie.status == Actie.Status.BEZIG


def test_an_unknown_status_is_refused(actie):
    with pytest.raises(ValidationError):
        actie_status_wijzigen(actie=actie, status="half-af")
    actie.refresh_from_db()
    assert actie.status == Actie.Status.GEPLAND
