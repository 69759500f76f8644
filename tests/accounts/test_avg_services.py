"""AVG services: the personal-data download, erasure with a grace period, and inactive
resident accounts (issue 10 points 1 and 2)."""

import io
import json
import zipfile
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.utils import timezone

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from dateutil.relativedelta import relativedelta

from accounts import privacy
from accounts.models import Gegevensexport
from accounts.roles import Rol
from accounts.services import (
    ANONIEME_NAAM,
    account_anonimiseren,
    account_verwijderen_aanvragen,
    account_verwijderen_annuleren,
    accounts_verwijderen,
    gegevensexport_aanvragen,
    gegevensexports_opruimen,
    inactieve_accounts,
)
from leren.models import Leerervaring
from leren.services import leerervaring_vastleggen
from meldingen.models import Melding, Soort, Voorkeur
from meldingen.services import notify
from opgaven.models import Opgaverol
from participatie.models import Aanmelding, Deelname, Inbreng, Steun
from participatie.policies import toon_naam
from participatie.services import (
    aanmelden,
    deelnemen,
    inbreng_indienen,
    reactie_plaatsen,
    steun_wisselen,
)
from participatie.services_begroting import (
    keuze_toevoegen,
    stembiljet_bevestigen,
    stembiljet_openen,
    stemmen_per_voorstel,
)
from partners.models import Lidmaatschap
from rapportage.models import Rapport
from rapportage.models import Soort as RapportSoort
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture(autouse=True)
def _eigen_map(settings, tmp_path):
    settings.GEGEVENS_ROOT = tmp_path


def _inwoner(ronde, naam):
    user = UserFactory(rollen=[Rol.INWONER], weergavenaam=naam)
    deelnemen(ronde=ronde, user=user)
    return user


def _idee(ronde, auteur, titel):
    return inbreng_indienen(ronde=ronde, auteur=auteur, soort="idee", titel=titel, tekst="Tekst.")


# --- The download -----------------------------------------------------------------------


def test_the_export_holds_the_persons_own_data_of_every_app_and_nobody_elses(
    ronde, inbreng, inwoner, sessie, partner_lid, organisatie, regisseur, opgave, coachee
):
    ander = _inwoner(ronde, "Anton Ander")
    idee_ander = _idee(ronde, ander, "Idee van Anton")
    steun_wisselen(inbreng=idee_ander, user=inwoner)
    reactie_plaatsen(inbreng=idee_ander, auteur=inwoner, tekst="Goed plan, Anton!")
    reactie_plaatsen(inbreng=inbreng, auteur=ander, tekst="Reactie van Anton")
    aanmelden(sessie=sessie, user=inwoner)
    notify(ontvangers=[inwoner], soort=Soort.TEST, dedupe="1")
    notify(ontvangers=[ander], soort=Soort.TEST, dedupe="2")
    leerervaring_vastleggen(
        auteur=coachee,
        datum=timezone.localdate(),
        bron="ervaring",
        titel="Eerste keer een buurtavond geleid",
        reflectie="Ik luister beter dan ik dacht.",
    )

    van_inwoner = privacy.gegevens_verzamelen(inwoner)
    participatie = van_inwoner["participatie"]
    assert van_inwoner["accounts"]["profiel"]["email"] == inwoner.email
    assert van_inwoner["accounts"]["profiel"]["rollen"] == ["inwoner"]
    assert [r["ronde__titel"] for r in participatie["deelnames"]] == [ronde.titel]
    assert [i["titel"] for i in participatie["inbreng"]] == [inbreng.titel]
    assert [s["inbreng__titel"] for s in participatie["steun"]] == ["Idee van Anton"]
    assert [r["tekst"] for r in participatie["reacties"]] == ["Goed plan, Anton!"]
    assert [a["sessie__titel"] for a in participatie["sessie_aanmeldingen"]] == [sessie.titel]
    assert [m["soort"] for m in van_inwoner["meldingen"]["meldingen"]] == ["test"]
    assert van_inwoner["leren"]["leerervaringen"] == []
    assert van_inwoner["partners"]["lidmaatschappen"] == []
    json.dumps(van_inwoner)  # all of it is JSON

    van_partner = privacy.gegevens_verzamelen(partner_lid)
    assert [lid["organisatie__naam"] for lid in van_partner["partners"]["lidmaatschappen"]] == [
        organisatie.naam
    ]
    assert van_partner["participatie"]["inbreng"] == []
    assert van_partner["accounts"]["profiel"]["email"] == partner_lid.email

    van_regisseur = privacy.gegevens_verzamelen(regisseur)
    assert [(r["opgave__titel"], r["rol"]) for r in van_regisseur["opgaven"]["opgaverollen"]] == [
        (opgave.titel, "opgaveregisseur")
    ]
    assert van_regisseur["participatie"]["reacties"] == []

    van_coachee = privacy.gegevens_verzamelen(coachee)
    assert [e["titel"] for e in van_coachee["leren"]["leerervaringen"]] == [
        "Eerste keer een buurtavond geleid"
    ]
    assert van_coachee["opgaven"]["opgaverollen"] == []


def test_the_export_holds_budget_entries_reports_and_ballots(
    budgetpot, regisseur, partner_buitenstaander, stemming, inwoner, opgave
):
    Rapport.objects.create(
        soort=RapportSoort.VOORTGANG, formaat="pdf", opgave=opgave, aangevraagd_door=regisseur
    )
    biljet = stembiljet_openen(begroting=stemming, user=inwoner)
    project = stemming.voorstellen.get(titel="Project 3")
    stembiljet_bevestigen(stembiljet=keuze_toevoegen(stembiljet=biljet, voorstel=project))

    bijdragen = privacy.gegevens_verzamelen(regisseur)["budget"]["bijdragen_vastgelegd"]
    assert [(b["organisatie__naam"], b["waarde"]) for b in bijdragen] == [
        ("Gemeente Demodam", "50000.00")
    ]
    assert privacy.gegevens_verzamelen(partner_buitenstaander)["budget"] == {
        "bijdragen_vastgelegd": [],
        "toewijzingen_voorgesteld": [],
        "goedkeuringen": [],
        "uitgaven_vastgelegd": [],
    }
    rapporten = privacy.gegevens_verzamelen(regisseur)["rapportage"]["rapporten"]
    assert [(r["soort"], r["formaat"]) for r in rapporten] == [("voortgangsrapportage", "pdf")]
    assert privacy.gegevens_verzamelen(inwoner)["rapportage"]["rapporten"] == []
    (stembiljet,) = privacy.gegevens_verzamelen(inwoner)["participatie"]["stembiljetten"]
    # The confirmed choice (that counts) and the draft the ballot page works on.
    assert {"voorstel": "Project 3", "bevestigd": True} in stembiljet["keuzes"]
    assert {k["voorstel"] for k in stembiljet["keuzes"]} == {"Project 3"}


def test_the_download_is_a_zip_of_json_and_escaped_html_and_the_owner_is_notified(
    ronde, inwoner, django_capture_on_commit_callbacks, caplog
):
    _idee(ronde, inwoner, '<script>alert("x")</script> Bankjes')

    with django_capture_on_commit_callbacks(execute=True), caplog.at_level("INFO", "audit"):
        export = gegevensexport_aanvragen(user=inwoner)

    export.refresh_from_db()
    assert export.status == Gegevensexport.Status.KLAAR
    assert export.verloopt_op == export.klaar_op + timedelta(days=7)
    with export.bestand.open("rb") as bestand, zipfile.ZipFile(io.BytesIO(bestand.read())) as zip:
        assert sorted(zip.namelist()) == ["gegevens.html", "gegevens.json"]
        gegevens = json.loads(zip.read("gegevens.json"))
        html = zip.read("gegevens.html").decode()
    assert gegevens["participatie"]["inbreng"][0]["titel"] == '<script>alert("x")</script> Bankjes'
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Bankjes" in html
    assert "<script>" not in html
    assert inwoner.email in html
    melding = Melding.objects.get(ontvanger=inwoner, soort=Soort.GEGEVENS_KLAAR)
    assert melding.url == "/mijn/gegevens/"
    regels = [
        json.loads(r.getMessage())
        for r in caplog.records
        if r.name == "audit" and r.getMessage().startswith("{")
    ]
    (regel,) = [r for r in regels if r["actie"] == "persoonsgegevens_export"]
    assert regel["resultaat"] == "gelukt"
    assert regel["actor"] == inwoner.pk
    assert inwoner.email not in json.dumps(regel)


def test_asking_twice_while_it_is_made_gives_one_job_and_a_rerun_task_does_nothing(inwoner):
    eerste = gegevensexport_aanvragen(user=inwoner)  # not committed: the task has not run
    assert gegevensexport_aanvragen(user=inwoner) == eerste

    from accounts.services import gegevensexport_maken

    assert gegevensexport_maken(export_id=eerste.pk) is True
    assert gegevensexport_maken(export_id=eerste.pk) is False
    assert Melding.objects.filter(ontvanger=inwoner, soort=Soort.GEGEVENS_KLAAR).count() == 1


def test_expired_downloads_are_deleted_with_their_file(inwoner):
    from accounts.services import gegevensexport_maken

    export = gegevensexport_aanvragen(user=inwoner)
    gegevensexport_maken(export_id=export.pk)
    export.refresh_from_db()
    opslag, naam = export.bestand.storage, export.bestand.name
    assert opslag.exists(naam)

    assert gegevensexports_opruimen(nu=timezone.now() + timedelta(days=6)) == 0
    assert gegevensexports_opruimen(nu=timezone.now() + timedelta(days=8)) == 1

    assert not Gegevensexport.objects.exists()
    assert not opslag.exists(naam)


# --- Erasure ----------------------------------------------------------------------------


def test_erasure_anonymises_the_person_and_keeps_every_total(
    client, ronde, inbreng, inwoner, sessie, stemming
):
    ander = _inwoner(ronde, "Anton Ander")
    idee_ander = _idee(ronde, ander, "Idee van Anton")
    steun_wisselen(inbreng=idee_ander, user=inwoner)
    reactie_plaatsen(inbreng=idee_ander, auteur=inwoner, tekst="Goed plan!")
    deelnemen(ronde=ronde, user=inwoner, leeftijdsgroep="27-40")
    aanmelden(sessie=sessie, user=inwoner)
    aanmelden(sessie=sessie, user=ander)
    wachter = _inwoner(ronde, "Wim Wachter")
    assert aanmelden(sessie=sessie, user=wachter).status == Aanmelding.Status.WACHTLIJST
    biljet = stembiljet_openen(begroting=stemming, user=inwoner)
    project = stemming.voorstellen.get(titel="Project 1")
    stembiljet_bevestigen(stembiljet=keuze_toevoegen(stembiljet=biljet, voorstel=project))
    stemmen_voor = stemmen_per_voorstel(stemming)
    notify(ontvangers=[inwoner], soort=Soort.TEST, dedupe="1")
    Voorkeur.objects.create(user=inwoner, soort=Soort.TEST, bezorging="uit")
    client.force_login(inwoner)
    email = inwoner.email

    assert account_anonimiseren(user_id=inwoner.pk) is True

    inwoner.refresh_from_db()
    assert inwoner.weergavenaam == ANONIEME_NAAM
    assert inwoner.email == f"verwijderd-{inwoner.pk}@anoniem.invalid"
    assert not inwoner.has_usable_password()
    assert not inwoner.is_active
    assert not inwoner.groups.exists()
    assert not EmailAddress.objects.filter(user=inwoner).exists()
    assert not EmailAddress.objects.filter(email=email).exists()
    assert not Session.objects.filter(session_key=client.session.session_key).exists()
    # Contributions stay, under the anonymous name.
    inbreng.refresh_from_db()
    assert inbreng.auteur == inwoner
    assert toon_naam(inbreng.auteur.weergavenaam, None) == "Anonieme deelnemer"
    # Supports, comments and votes keep counting.
    idee_ander.refresh_from_db()
    assert idee_ander.aantal_steun == 1
    assert idee_ander.aantal_reacties == 1
    assert Steun.objects.filter(inbreng=idee_ander).count() == 1
    assert stemmen_per_voorstel(stemming) == stemmen_voor
    # The session place goes to the waiting list, who is told.
    assert Aanmelding.objects.get(sessie=sessie, user=inwoner).status == "geannuleerd"
    assert Aanmelding.objects.get(sessie=sessie, user=wachter).status == "aangemeld"
    sessie.refresh_from_db()
    assert sessie.aantal_aangemeld == 2
    assert Melding.objects.filter(ontvanger=wachter, soort=Soort.WACHTLIJST_PLAATS).exists()
    # The age group is gone; notifications and preferences too.
    assert Deelname.objects.get(ronde=ronde, user=inwoner).leeftijdsgroep == ""
    assert not Melding.objects.filter(ontvanger=inwoner).exists()
    assert not Voorkeur.objects.filter(user=inwoner).exists()
    # Logged out everywhere.
    assert client.get("/mijn/gegevens/").status_code == 302


def test_erasure_ends_roles_memberships_and_deletes_learning_entries(
    opgave, regisseur, organisatie, partner_lid, coachee
):
    leerervaring_vastleggen(
        auteur=coachee, datum=timezone.localdate(), bron="ervaring", titel="T", reflectie="R"
    )
    assert Authenticator.objects.filter(user=regisseur).exists()
    assert regisseur.has_perm("opgaven.change_opgave", opgave)

    for user in (regisseur, partner_lid, coachee):
        assert account_anonimiseren(user_id=user.pk) is True

    vandaag = timezone.localdate()
    assert Opgaverol.objects.get(user=regisseur).tot == vandaag
    regisseur = User.objects.get(pk=regisseur.pk)
    assert not regisseur.has_perm("opgaven.change_opgave", opgave)
    assert not Authenticator.objects.filter(user=regisseur).exists()
    assert Lidmaatschap.objects.get(user=partner_lid).tot == vandaag
    assert not Leerervaring.objects.filter(auteur=coachee).exists()


def test_erasure_is_idempotent(inwoner, ronde, inbreng):
    assert account_anonimiseren(user_id=inwoner.pk) is True
    inwoner.refresh_from_db()
    moment = inwoner.geanonimiseerd_op

    assert account_anonimiseren(user_id=inwoner.pk) is False

    inwoner.refresh_from_db()
    assert inwoner.geanonimiseerd_op == moment
    assert Inbreng.objects.filter(auteur=inwoner).count() == 1


def test_a_scheduled_erasure_waits_seven_days_and_can_be_undone(inwoner):
    nu = timezone.now()
    op = account_verwijderen_aanvragen(user=inwoner, nu=nu)
    assert op == nu + timedelta(days=7)
    # Asking again keeps the first moment.
    assert account_verwijderen_aanvragen(user=inwoner, nu=nu + timedelta(days=1)) == op

    assert accounts_verwijderen(nu=nu + timedelta(days=6)) == 0
    inwoner.refresh_from_db()
    assert inwoner.is_active

    assert account_verwijderen_annuleren(user=inwoner) is True
    assert accounts_verwijderen(nu=nu + timedelta(days=8)) == 0
    inwoner.refresh_from_db()
    assert inwoner.is_active
    assert inwoner.verwijderen_op is None


def test_the_nightly_run_erases_after_the_grace_period_once(inwoner):
    nu = timezone.now()
    account_verwijderen_aanvragen(user=inwoner, nu=nu)

    assert accounts_verwijderen(nu=nu + timedelta(days=7, minutes=1)) == 1
    assert accounts_verwijderen(nu=nu + timedelta(days=8)) == 0

    inwoner.refresh_from_db()
    assert inwoner.weergavenaam == ANONIEME_NAAM
    assert account_verwijderen_annuleren(user=inwoner) is False


# --- Inactive resident accounts ------------------------------------------------------------


def test_inactive_residents_are_warned_at_24_months_and_anonymised_at_27(
    mailoutbox, ambtenaar, django_capture_on_commit_callbacks
):
    with time_machine.travel(timezone.now(), tick=False) as reis:
        slaper = UserFactory(rollen=[Rol.INWONER], weergavenaam="Sam Slaper")
        terugkomer = UserFactory(rollen=[Rol.INWONER], weergavenaam="Tess Terug")
        ambtenaar.last_login = timezone.now()
        ambtenaar.save(update_fields=["last_login"])
        begin = timezone.now()

        reis.move_to(begin + relativedelta(months=24) - timedelta(days=1))
        assert inactieve_accounts() == (0, 0)

        reis.move_to(begin + relativedelta(months=24, days=1))
        with django_capture_on_commit_callbacks(execute=True):
            assert inactieve_accounts() == (2, 0)
        (melding,) = Melding.objects.filter(ontvanger=slaper, soort=Soort.ACCOUNT_INACTIEF)
        assert melding.url == "/accounts/login/"
        assert melding.context["gemeente"] == "Gemeente Demodam"
        assert [m.to for m in mailoutbox if slaper.email in m.to] == [[slaper.email]]
        # Once: the next night warns nobody again.
        with django_capture_on_commit_callbacks(execute=True):
            assert inactieve_accounts() == (0, 0)
        assert len([m for m in mailoutbox if slaper.email in m.to]) == 1

        # Tess logs in after the warning: she is safe.
        reis.move_to(begin + relativedelta(months=25))
        terugkomer.last_login = timezone.now()
        terugkomer.save(update_fields=["last_login"])

        reis.move_to(begin + relativedelta(months=27, days=1))
        assert inactieve_accounts() == (0, 1)

    slaper.refresh_from_db()
    terugkomer.refresh_from_db()
    ambtenaar.refresh_from_db()
    assert slaper.weergavenaam == ANONIEME_NAAM and not slaper.is_active
    assert terugkomer.is_active and terugkomer.weergavenaam == "Tess Terug"
    # Staff are never warned or anonymised for inactivity.
    assert ambtenaar.is_active
    assert not Melding.objects.filter(ontvanger=ambtenaar, soort=Soort.ACCOUNT_INACTIEF).exists()


def test_the_inactivity_warning_is_mailed_even_when_the_kind_is_switched_off(
    mailoutbox, django_capture_on_commit_callbacks
):
    with time_machine.travel(timezone.now(), tick=False) as reis:
        slaper = UserFactory(rollen=[Rol.INWONER])
        Voorkeur.objects.create(user=slaper, soort=Soort.ACCOUNT_INACTIEF, bezorging="uit")
        reis.move_to(timezone.now() + relativedelta(months=24, days=1))

        with django_capture_on_commit_callbacks(execute=True):
            assert inactieve_accounts() == (1, 0)

    assert [m.to for m in mailoutbox] == [[slaper.email]]
    assert Melding.objects.filter(ontvanger=slaper).count() == 1


def test_the_nightly_beat_task_runs_every_avg_rule(settings, inwoner):
    from accounts.tasks import avg_nachtelijks

    schema = settings.CELERY_BEAT_SCHEDULE["accounts-avg-nachtelijks"]
    assert schema["task"] == avg_nachtelijks.name
    account_verwijderen_aanvragen(user=inwoner)

    with time_machine.travel(timezone.now() + timedelta(days=8), tick=False):
        uitkomst = avg_nachtelijks.delay().get()

    assert uitkomst == {
        "verwijderd": 1,
        "gewaarschuwd": 0,
        "inactief_geanonimiseerd": 0,
        "exports_opgeruimd": 0,
    }
    inwoner.refresh_from_db()
    assert inwoner.weergavenaam == ANONIEME_NAAM


def test_a_lost_job_does_not_block_a_new_request_after_an_hour(inwoner):
    eerste = gegevensexport_aanvragen(user=inwoner)

    with time_machine.travel(timezone.now() + timedelta(minutes=61), tick=False):
        tweede = gegevensexport_aanvragen(user=inwoner)
        assert not eerste.is_lopend

    assert tweede != eerste
    assert gegevensexports_opruimen(nu=timezone.now() + timedelta(days=8)) == 2
