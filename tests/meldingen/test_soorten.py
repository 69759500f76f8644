"""The kinds of notification: the registry, its Dutch texts, and where each is sent from."""

from django.urls import reverse
from django.utils import timezone, translation

import pytest

from meldingen.models import Bezorging, Melding, Soort
from meldingen.soorten import SOORTEN, render_tekst, render_titel, standaard_bezorging
from opgaven.models import Opgaverol
from opgaven.services import opgaverol_beeindigen, opgaverol_toekennen
from tests.accounts.conftest import code_from
from tests.factories import OpgaveFactory

pytestmark = pytest.mark.django_db

# The context each kind's sender gives (see the senders below).
CONTEXT = {
    Soort.WELKOM: {"gemeente": "Gemeente Demodam"},
    Soort.ROL_TOEGEKEND: {"rol": "kernteamlid", "opgave": "Samen", "door": "Bea Beheer"},
    Soort.FASE_GEWIJZIGD: {
        "opgave": "Samen",
        "van": "delen",
        "naar": "overeenkomen",
        "door": "Rutger Regie",
        "reden": "Iedereen doet mee.",
    },
    Soort.INSTEMMING_GEVRAAGD: {"opgave": "Samen", "versie": "2", "door": "Rutger Regie"},
    Soort.PLAN_BEZWAAR: {
        "opgave": "Samen",
        "versie": "2",
        "organisatie": "Woonstichting Demodam",
        "reden": "De planning is te krap.",
    },
    Soort.PLAN_VASTGESTELD: {"opgave": "Samen", "versie": "2"},
    Soort.TOEWIJZING_GEVRAAGD: {
        "opgave": "Samen",
        "actie": "Energiecoaches",
        "bedrag": "€ 1.000,00",
        "door": "Rutger Regie",
    },
    Soort.TOEWIJZING_BESLOTEN: {
        "opgave": "Samen",
        "actie": "Energiecoaches",
        "bedrag": "€ 1.000,00",
        "uitkomst": "goedgekeurd",
    },
    Soort.TERUGKOPPELING: {"titel": "Meer bankjes", "status": "overgenomen", "ronde": "Samen"},
    Soort.INBRENG_VERBORGEN: {"ronde": "Samen", "reden": "Scheldwoorden."},
    Soort.WACHTLIJST_PLAATS: {"sessie": "Wijkavond", "start": "01-12-2026 19:30"},
    Soort.SESSIE_HERINNERING: {
        "sessie": "Wijkavond",
        "start": "01-12-2026 19:30",
        "plaats": "Buurthuis De Molen",
    },
    Soort.STEMMEN_OPEN: {"ronde": "Wijkbudget", "budget": "€ 50.000,00", "tot": "15-12-2026"},
    Soort.STEMBILJET_HERINNERING: {"ronde": "Wijkbudget", "tot": "15-12-2026"},
    Soort.UITSLAG_GEPUBLICEERD: {"ronde": "Wijkbudget", "aantal": "5"},
    Soort.LEER_FEEDBACK: {"coach": "Ada Adviseur", "datum": "01-11-2026"},
    Soort.RAPPORT_KLAAR: {
        "soort": "voortgangsrapportage",
        "onderwerp": "Energietransitie Demodam-Noord",
        "tot": "28 december 2026",
    },
    Soort.GEGEVENS_KLAAR: {"tot": "5 december 2026"},
    Soort.ACCOUNT_INACTIEF: {
        "gemeente": "Gemeente Demodam",
        "sinds": "28 november 2024",
        "op": "28 februari 2027",
    },
    Soort.TEST: {},
}


def test_every_kind_is_in_the_registry():
    assert set(SOORTEN) == set(Soort)
    assert set(CONTEXT) == set(Soort)
    for soort in Soort:
        assert standaard_bezorging(soort) in Bezorging


@pytest.mark.parametrize("soort", list(Soort))
def test_every_text_is_translated_to_dutch_and_uses_its_whole_context(soort):
    melding = Melding(soort=soort, context=CONTEXT[soort])
    definitie = SOORTEN[soort]

    with translation.override("en"):
        engels = [render_titel(melding), render_tekst(melding), str(definitie.uitleg)]
    with translation.override("nl"):
        nederlands = [render_titel(melding), render_tekst(melding), str(definitie.uitleg)]

    for en, nl in zip(engels, nederlands, strict=True):
        assert nl != en, f"not translated: {en}"
        assert "%(" not in nl
    for waarde in CONTEXT[soort].values():
        assert waarde in " ".join(nederlands)


def test_a_melding_without_its_context_still_renders():
    melding = Melding(soort=Soort.ROL_TOEGEKEND, context={})

    assert render_titel(melding)  # the text as is, rather than an error page


# --- welcome, after sign-up -------------------------------------------------------------


def test_verifying_the_address_after_sign_up_brings_one_welcome(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "email": "nieuw@example.nl",
                "password1": "Zonnebloem-aan-de-Vecht-42",
                "password2": "Zonnebloem-aan-de-Vecht-42",
            },
        )
    assert response.status_code == 302
    # Not before the address is verified: only the verification code went out.
    assert not Melding.objects.filter(ontvanger__email="nieuw@example.nl").exists()
    assert len(mailoutbox) == 1

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_email_verification_sent"), {"code": code_from(mailoutbox[0])})

    (melding,) = Melding.objects.filter(ontvanger__email="nieuw@example.nl")
    assert melding.soort == Soort.WELKOM
    assert melding.titel == "Welkom bij Gemeente Demodam"
    welkom = [m for m in mailoutbox if "X-Melding-Id" in m.extra_headers]
    assert [m.subject for m in welkom] == ["[Gemeente Demodam] Welkom bij Gemeente Demodam"]


# --- role granted ------------------------------------------------------------------------


def test_a_granted_role_is_notified_naming_who_granted_it(beheerder, partner_lid):
    opgave = OpgaveFactory(titel="Samen tegen eenzaamheid")

    rol = opgaverol_toekennen(
        opgave=opgave, user=partner_lid, rol=Opgaverol.Rol.KERNTEAMLID, door=beheerder
    )

    (melding,) = Melding.objects.filter(ontvanger=partner_lid)
    assert melding.soort == Soort.ROL_TOEGEKEND
    assert melding.object == opgave
    assert melding.dedupe == str(rol.pk)
    assert melding.url == opgave.get_absolute_url()
    assert melding.titel == "Je bent nu kernteamlid van Samen tegen eenzaamheid"
    assert melding.tekst == (
        "Bea Beheer heeft je de rol kernteamlid gegeven in de opgave Samen tegen eenzaamheid."
    )


def test_the_role_name_is_stored_in_dutch_whatever_the_granters_language(beheerder, inwoner):
    opgave = OpgaveFactory()

    with translation.override("en"):
        opgaverol_toekennen(
            opgave=opgave, user=inwoner, rol=Opgaverol.Rol.OPGAVEREGISSEUR, door=beheerder
        )

    assert Melding.objects.get(ontvanger=inwoner).context["rol"] == "opgaveregisseur"


def test_without_a_known_granter_the_municipality_grants_it(inwoner):
    opgaverol_toekennen(opgave=OpgaveFactory(), user=inwoner, rol=Opgaverol.Rol.KERNTEAMLID)

    assert Melding.objects.get(ontvanger=inwoner).tekst.startswith("Gemeente Demodam heeft je")


def test_granting_oneself_a_role_brings_no_notification(regisseur):
    opgaverol_toekennen(
        opgave=OpgaveFactory(), user=regisseur, rol=Opgaverol.Rol.OPGAVEREGISSEUR, door=regisseur
    )

    assert not Melding.objects.exists()


def test_a_role_held_already_is_not_notified_again_but_a_new_grant_is(beheerder, inwoner):
    opgave = OpgaveFactory()
    rol = opgaverol_toekennen(
        opgave=opgave, user=inwoner, rol=Opgaverol.Rol.KERNTEAMLID, door=beheerder
    )
    opgaverol_toekennen(opgave=opgave, user=inwoner, rol=Opgaverol.Rol.KERNTEAMLID, door=beheerder)
    assert Melding.objects.count() == 1

    opgaverol_beeindigen(opgaverol=rol, tot=timezone.localdate())
    opgaverol_toekennen(opgave=opgave, user=inwoner, rol=Opgaverol.Rol.KERNTEAMLID, door=beheerder)

    assert Melding.objects.count() == 2


def test_a_role_added_in_the_admin_names_the_admin(client, beheerder, inwoner):
    opgave = OpgaveFactory(titel="Samen tegen eenzaamheid")
    client.force_login(beheerder)

    response = client.post(
        reverse("admin:opgaven_opgaverol_add"),
        {
            "opgave": opgave.pk,
            "user": inwoner.pk,
            "rol": Opgaverol.Rol.KERNTEAMLID,
            "van": timezone.localdate().isoformat(),
        },
    )

    assert response.status_code == 302
    assert Melding.objects.get(ontvanger=inwoner).context["door"] == "Bea Beheer"


def test_creating_an_opgave_oneself_brings_no_notification(client, regisseur):
    client.force_login(regisseur)

    response = client.post(
        reverse("opgaven:add"),
        {"titel": "Nieuw", "vraagstuk": "Waarom?", "zichtbaarheid": "openbaar"},
    )

    assert response.status_code == 302, response.content.decode()[-2000:]
    assert not Melding.objects.exists()
