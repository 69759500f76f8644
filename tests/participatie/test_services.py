"""The services of participation: rounds, input, support, feedback, moderation, sessions."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from meldingen.models import Melding, Soort
from participatie.models import Aanmelding, Inbreng, Markering, Ronde, Steun
from participatie.services import (
    aanmelden,
    afmelden,
    deelnemen,
    herinneringen_sturen,
    inbreng_bijwerken,
    inbreng_indienen,
    markeren,
    reactie_plaatsen,
    ronde_aanmaken,
    ronde_status_wijzigen,
    steun_wisselen,
    terugkoppelen,
    verbergen,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_een_ronde_begint_als_ontwerp_met_een_vrije_slug(concept_ronde, opgave, regisseur):
    assert concept_ronde.status == Ronde.Status.ONTWERP
    tweede = ronde_aanmaken(
        opgave=opgave,
        door=regisseur,
        titel=concept_ronde.titel,
        vraag="?",
        invloedsruimte="Alles.",
        trede="raadplegen",
        start=concept_ronde.start,
        eind=concept_ronde.eind,
    )
    assert tweede.slug != concept_ronde.slug
    nieuw = ronde_aanmaken(
        opgave=opgave,
        door=regisseur,
        titel="Nieuw",
        vraag="?",
        invloedsruimte="Alles.",
        trede="raadplegen",
        start=concept_ronde.start,
        eind=concept_ronde.eind,
    )
    assert nieuw.slug == "nieuw-2"


def test_statusovergangen_volgen_de_regels(concept_ronde, regisseur):
    with pytest.raises(ValidationError):
        ronde_status_wijzigen(ronde=concept_ronde, naar=Ronde.Status.GESLOTEN, door=regisseur)
    ronde = ronde_status_wijzigen(ronde=concept_ronde, naar=Ronde.Status.OPEN, door=regisseur)
    ronde = ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.GESLOTEN, door=regisseur)
    assert ronde.gesloten_op is not None
    ronde = ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.TERUGGEKOPPELD, door=regisseur)
    assert ronde.teruggekoppeld_op is not None


def test_terugkoppelen_vraagt_eerst_terugkoppeling_op_alle_inbreng(ronde, inbreng, regisseur):
    ronde = ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.GESLOTEN, door=regisseur)
    with pytest.raises(ValidationError) as fout:
        ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.TERUGGEKOPPELD, door=regisseur)
    assert fout.value.code == "terugkoppeling_ontbreekt"
    terugkoppelen(
        inbreng=inbreng,
        door=regisseur,
        status="overgenomen",
        motivering="De bibliotheek doet mee vanaf januari.",
    )
    inbreng.refresh_from_db()
    assert inbreng.status == Inbreng.Status.OVERGENOMEN
    assert Melding.objects.filter(soort=Soort.TERUGKOPPELING, ontvanger=inbreng.auteur).exists()
    ronde = ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.TERUGGEKOPPELD, door=regisseur)
    assert ronde.status == Ronde.Status.TERUGGEKOPPELD


def test_terugkoppeling_koppelt_alleen_aan_de_eigen_opgave(
    inbreng, regisseur, andere_opgave, ambtenaar
):
    from opgaven.services.besluiten import besluit_vastleggen

    ander_besluit = besluit_vastleggen(
        opgave=andere_opgave,
        door=ambtenaar,
        datum=timezone.localdate(),
        orgaan="college",
        titel="Iets anders",
        motivering="Omdat.",
    )
    with pytest.raises(ValidationError):
        terugkoppelen(
            inbreng=inbreng,
            door=regisseur,
            status="overgenomen",
            motivering="Ja.",
            besluit=ander_besluit,
        )


def test_meedoen_vraagt_een_open_ronde_en_deelname(concept_ronde, ronde, inwoner):
    with pytest.raises(ValidationError):
        deelnemen(ronde=concept_ronde, user=inwoner)
    iemand = UserFactory()
    with pytest.raises(ValidationError) as fout:
        inbreng_indienen(ronde=ronde, auteur=iemand, soort="idee", titel="x", tekst="y")
    assert fout.value.code == "geen_deelname"


def test_inbreng_bewerken_alleen_zolang_de_ronde_open_is(ronde, inbreng, regisseur):
    inbreng_bijwerken(inbreng=inbreng, titel="Koffie in de bibliotheek")
    ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.GESLOTEN, door=regisseur)
    with pytest.raises(ValidationError):
        inbreng_bijwerken(inbreng=inbreng, titel="Te laat")
    inbreng.refresh_from_db()
    assert inbreng.titel == "Koffie in de bibliotheek"


def test_steun_wisselt_en_de_teller_klopt(inbreng, partner_lid):
    assert steun_wisselen(inbreng=inbreng, user=partner_lid) == (True, 1)
    assert steun_wisselen(inbreng=inbreng, user=partner_lid) == (False, 0)
    with pytest.raises(ValidationError):
        steun_wisselen(inbreng=inbreng, user=inbreng.auteur)
    assert Steun.objects.count() == 0


def test_reactie_telt_mee(inbreng, partner_lid):
    reactie_plaatsen(inbreng=inbreng, auteur=partner_lid, tekst="Goed idee!")
    inbreng.refresh_from_db()
    assert inbreng.aantal_reacties == 1


def test_markeren_en_verbergen(inbreng, partner_lid, regisseur):
    markeren(melder=partner_lid, inbreng=inbreng, reden="Reclame")
    with pytest.raises(ValidationError):
        markeren(melder=partner_lid, inbreng=inbreng, reden="Nog eens")
    verbergen(door=regisseur, inbreng=inbreng, reden="Reclame voor een bedrijf.")
    inbreng.refresh_from_db()
    assert inbreng.is_verborgen and inbreng.verborgen_reden == "Reclame voor een bedrijf."
    assert Markering.objects.get().afhandeling == Markering.Afhandeling.VERBORGEN
    assert Melding.objects.filter(soort=Soort.INBRENG_VERBORGEN, ontvanger=inbreng.auteur).exists()


def test_een_volle_sessie_heeft_een_wachtlijst_die_doorschuift(sessie):
    eerste, tweede, derde = UserFactory(), UserFactory(), UserFactory()
    a = aanmelden(sessie=sessie, user=eerste)
    aanmelden(sessie=sessie, user=tweede)
    c = aanmelden(sessie=sessie, user=derde)
    assert (a.status, c.status) == (Aanmelding.Status.AANGEMELD, Aanmelding.Status.WACHTLIJST)
    with pytest.raises(ValidationError):
        aanmelden(sessie=sessie, user=eerste)

    opgeschoven = afmelden(aanmelding=a)
    assert opgeschoven.pk == c.pk and opgeschoven.status == Aanmelding.Status.AANGEMELD
    assert Melding.objects.filter(soort=Soort.WACHTLIJST_PLAATS, ontvanger=derde).exists()
    sessie.refresh_from_db()
    assert sessie.aantal_aangemeld == 2


def test_aanmelden_sluit_bij_de_deadline(sessie, time_machine):
    time_machine.move_to(sessie.aanmelden_tot + timedelta(minutes=1))
    with pytest.raises(ValidationError):
        aanmelden(sessie=sessie, user=UserFactory())


def test_herinnering_een_dag_van_tevoren_en_maar_een_keer(sessie):
    aanmelding = aanmelden(sessie=sessie, user=UserFactory())
    assert herinneringen_sturen(nu=sessie.start - timedelta(hours=30)) == 0
    assert herinneringen_sturen(nu=sessie.start - timedelta(hours=20)) == 1
    assert herinneringen_sturen(nu=sessie.start - timedelta(hours=19)) == 0
    assert (
        Melding.objects.filter(soort=Soort.SESSIE_HERINNERING, ontvanger=aanmelding.user).count()
        == 1
    )
