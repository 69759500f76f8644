"""``manage.py genereer_data`` (issue 12 point 1), at the scale ``klein``.

The generator loads with COPY while triggers are off, so what the database would
have enforced (foreign keys, the deferred ballot trigger) and what the services
keep (stored counters, the ledger, derived permissions) is checked here in SQL,
through ``config.genereer.controle``.
"""

from datetime import date
from io import StringIO

from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

import pytest

from accounts.models import User
from accounts.roles import Rol
from config.genereer import controle, kenmerken
from leren.models import Coachtraject, Leerervaring
from opgaven.models import Actie, Betrokkenheid, Opgave, Opgaverol
from participatie.models import (
    Aanmelding,
    Begroting,
    Deelname,
    Inbreng,
    Ronde,
    Stemkeuze,
    Steun,
    Voorstel,
)
from partners.models import Lidmaatschap

pytestmark = pytest.mark.django_db

PEILDATUM = date(2026, 11, 2)
# Tables whose whole content is compared between two runs.
VERGELEKEN = [
    "accounts_user",
    "opgaven_opgave",
    "budget_boeking",
    "participatie_inbreng",
    "participatie_steun",
    "participatie_stembiljet",
    "participatie_stemkeuze",
    "leren_leerervaring",
    "meldingen_melding",
    "opgaven_positieevent",
]


def genereer(seed: int = 1) -> str:
    uit = StringIO()
    call_command(
        "genereer_data", schaal="klein", seed=seed, peildatum=PEILDATUM, leegmaken=True, stdout=uit
    )
    return uit.getvalue()


def vingerafdruk() -> dict[str, tuple[int, str]]:
    """Rows and an md5 of the whole content, per compared table."""
    uitkomst = {}
    with connection.cursor() as cursor:
        for tabel in VERGELEKEN:
            cursor.execute(
                f"SELECT count(*), md5(string_agg(t::text, '|' ORDER BY t.id)) FROM {tabel} t"  # noqa: S608
            )
            uitkomst[tabel] = cursor.fetchone()
    return uitkomst


def test_klein_maakt_personas_en_benoemde_objecten():
    uitvoer = genereer()
    assert "participatie_inbreng" in uitvoer and "Klaar" in uitvoer

    users = {email: User.objects.get(email=email) for email in kenmerken.STAF}
    for email, rol in [
        (kenmerken.REGISSEUR, Rol.AMBTENAAR),
        (kenmerken.INWONER, Rol.INWONER),
        (kenmerken.PARTNER, Rol.PARTNER),
        (kenmerken.ADVISEUR, Rol.ADVISEUR),
        (kenmerken.BEHEERDER, Rol.BEHEERDER),
    ]:
        user = User.objects.get(email=email)
        users[email] = user
        assert user.groups.filter(name=rol.value).exists()
        assert user.emailaddress_set.filter(verified=True, primary=True).exists()
        assert user.check_password(kenmerken.WACHTWOORD)
    assert users[kenmerken.BEHEERDER].is_staff
    for email in kenmerken.STAF:
        assert users[email].authenticator_set.filter(type="totp").exists()

    opgave = Opgave.objects.get(slug=kenmerken.OPGAVE)
    regisseur = users[kenmerken.REGISSEUR]
    assert Opgaverol.objects.filter(
        opgave=opgave, user=regisseur, rol=Opgaverol.Rol.OPGAVEREGISSEUR
    ).exists()
    assert regisseur.has_perm("opgaven.change_opgave", opgave)
    assert opgave.doelen.exists() and opgave.indicatoren.exists() and opgave.metingen.exists()
    assert opgave.betrokkenheden.exists() and opgave.posities.exists()
    assert opgave.plannen.filter(status="vastgesteld").exists() and opgave.besluiten.exists()
    assert opgave.budgetpot.toewijzingen.exists()
    # The history tab has the insert events the triggers would have written.
    assert opgave.events.filter(pgh_label="insert").exists()
    assert Opgaverol.objects.count() == apps.get_model("opgaven", "OpgaverolEvent").objects.count()

    # The partner is a member of an organisation that leads actions in the plan.
    partner = users[kenmerken.PARTNER]
    organisaties = Lidmaatschap.objects.filter(user=partner).values("organisatie")
    assert Betrokkenheid.objects.filter(opgave=opgave, organisatie__in=organisaties).exists()
    assert Actie.objects.filter(opgave=opgave, trekker__in=organisaties).exists()

    # The hottest round, open, with a full session and a waiting list.
    drukke = Ronde.objects.get(slug=kenmerken.DRUKKE_RONDE)
    assert drukke.opgave == opgave and drukke.status == Ronde.Status.OPEN
    per_ronde = Inbreng.objects.values("ronde").annotate(n=models_count()).order_by("-n")
    assert per_ronde[0]["ronde"] == drukke.pk
    assert per_ronde[0]["n"] > per_ronde[1]["n"]  # the hottest; the long tail stays below
    sessie = drukke.sessies.filter(aanmeldingen__status="wachtlijst").distinct().get()
    assert sessie.aantal_aangemeld == sessie.capaciteit
    assert Aanmelding.objects.filter(
        sessie=sessie, user=users[kenmerken.INWONER], status="wachtlijst"
    ).exists()

    # The budget round of the opgave is voting, with proposals on the ballot.
    begroting = Begroting.objects.get(ronde__slug=kenmerken.BEGROTING)
    assert begroting.ronde.opgave == opgave and begroting.fase == Begroting.Fase.STEMMEN
    assert begroting.voorstellen.filter(status=Voorstel.Status.OP_STEMBILJET).count() >= 5
    assert Stemkeuze.objects.filter(stembiljet__begroting=begroting).exists()
    deelname = Deelname.objects.get(ronde=begroting.ronde, user=users[kenmerken.INWONER])
    assert deelname.wijk in begroting.ronde.gebieden.all()

    # The adviser coaches the regisseur, who shared learning entries with the coach.
    assert Coachtraject.objects.filter(
        coach=users[kenmerken.ADVISEUR], coachees=regisseur, status="actief"
    ).exists()
    assert Leerervaring.objects.filter(auteur=regisseur, zichtbaarheid="coach").exists()
    for email in (*kenmerken.STAF[:2], kenmerken.INWONER, kenmerken.PARTNER):
        assert users[email].meldingen.exists()


def models_count():
    from django.db.models import Count

    return Count("id")


def test_klein_tellers_sleutels_en_regels_kloppen():
    genereer()
    assert Steun.objects.count() > 20_000 and Inbreng.objects.count() > 9_000
    assert controle.fouten() == []

    # The check can fail: one wrong counter, one dangling key are reported.
    inbreng = Inbreng.objects.filter(aantal_steun__gt=0).first()
    Inbreng.objects.filter(pk=inbreng.pk).update(aantal_steun=inbreng.aantal_steun + 1)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("UPDATE participatie_steun SET user_id = 987654321 WHERE id = 1")
        cursor.execute("SET LOCAL session_replication_role = origin")
    fouten = controle.fouten()
    assert any("aantal_steun" in fout for fout in fouten)
    assert any(fout.startswith("participatie_steun.user_id") for fout in fouten)


def test_zelfde_seed_zelfde_gegevens_andere_seed_andere():
    genereer(seed=7)
    eerste = vingerafdruk()
    genereer(seed=7)
    assert vingerafdruk() == eerste
    genereer(seed=8)
    ander = vingerafdruk()
    assert ander["participatie_inbreng"][1] != eerste["participatie_inbreng"][1]
    assert ander["participatie_steun"][1] != eerste["participatie_steun"][1]


def test_weigert_zonder_vlag_bij_gegevens_of_zonder_debug():
    User.objects.create_user(email="bestaand@voorbeeld.nl", password="x")
    with override_settings(DEBUG=True), pytest.raises(CommandError) as fout:
        call_command("genereer_data", schaal="klein", stdout=StringIO())
    assert "Geweigerd: de database bevat al gegevens" in str(fout.value)
    assert "--leegmaken" in str(fout.value)
    assert list(User.objects.values_list("email", flat=True)) == ["bestaand@voorbeeld.nl"]

    # DEBUG off (as in production): refused even on an empty database.
    User.objects.all().delete()
    with pytest.raises(CommandError) as fout:
        call_command("genereer_data", schaal="klein", stdout=StringIO())
    assert "DEBUG staat uit" in str(fout.value)
    assert not User.objects.exists()
