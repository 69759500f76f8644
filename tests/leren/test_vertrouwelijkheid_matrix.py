"""The confidentiality rules as a matrix: persona x visibility x view (issue 8, quality bars).

A coachee writes one entry per visibility, each with a title and a reflection found
nowhere else. For every view, every persona asks for it, and the title and the
reflection must appear exactly where the rules allow (``leren.models``):

- ``prive``: the author only;
- ``coach``: also the coach of an ACTIVE trajectory of the author (not the coach of a
  paused one);
- ``team``: also the members of an active team trajectory the author is in;
- never the opdrachtgever, another official, the beheerder, a partner, a resident or
  an anonymous visitor; never in a dashboard, a progress summary, a notification or
  its e-mail.

The data is built once per test function (one test per view); the personas and the
visibilities are looped inside, and every wrong cell is reported at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts.roles import Rol
from leren.models import Actiepunt, Bron, Coachgesprek, Coachtraject, Leerervaring, Zichtbaarheid
from leren.permissions import can_log
from leren.services import feedback_geven
from meldingen.models import Melding
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PERSONAS = (
    "auteur",
    "coach",
    "coach_inactief",
    "teamlid",
    "opdrachtgever",
    "collega",
    "beheerder",
    "partner",
    "inwoner",
    "anoniem",
)
ZICHTBAARHEDEN = tuple(Zichtbaarheid.values)
LEZERS = {
    Zichtbaarheid.PRIVE: {"auteur"},
    Zichtbaarheid.COACH: {"auteur", "coach"},
    Zichtbaarheid.TEAM: {"auteur", "coach", "teamlid"},
}
PRIVENOTITIE = "PRIVENOTITIE-q7z: twijfelt aan de opdrachtgever"


def titel(zichtbaarheid: str) -> str:
    return f"TITEL-{zichtbaarheid}-x9k"


def reflectie(zichtbaarheid: str) -> str:
    return f"REFLECTIE-{zichtbaarheid}-x9k"


@dataclass
class Wereld:
    users: dict  # persona -> User (None for anoniem)
    ervaringen: dict  # zichtbaarheid -> Leerervaring
    trajecten: list  # the active, the team and the paused trajectory
    clients: dict  # persona -> logged-in Client

    def coachee_paginas(self) -> list[str]:
        auteur = self.users["auteur"]
        return [
            reverse("leren:coachee", kwargs={"pk": t.pk, "user_pk": auteur.pk})
            for t in self.trajecten
        ]

    def traject_paginas(self) -> list[str]:
        return [reverse("leren:traject", kwargs={"pk": t.pk}) for t in self.trajecten]


@pytest.fixture
def wereld(
    coachee,
    adviseur,
    ambtenaar,
    regisseur,
    beheerder,
    partner_lid,
    inwoner,
    traject,
    teamtraject,
    django_capture_on_commit_callbacks,
):
    oud_coach = UserFactory(rollen=[Rol.ADVISEUR], totp=True, weergavenaam="Olga Oud-coach")
    gepauzeerd = Coachtraject.objects.create(
        titel="Gepauzeerde coaching",
        soort=Coachtraject.Soort.INDIVIDUEEL,
        coach=oud_coach,
        doelen="Reflecteren.",
        status=Coachtraject.Status.GEPAUZEERD,
        start=date(2026, 1, 1),
    )
    gepauzeerd.coachees.set([coachee])
    users = {
        "auteur": coachee,
        "coach": adviseur,
        "coach_inactief": oud_coach,
        "teamlid": ambtenaar,
        "opdrachtgever": regisseur,
        "collega": UserFactory(rollen=[Rol.AMBTENAAR], totp=True, weergavenaam="Cas Collega"),
        "beheerder": beheerder,
        "partner": partner_lid,
        "inwoner": inwoner,
        "anoniem": None,
    }
    ervaringen = {
        zichtbaarheid: Leerervaring.objects.create(
            auteur=coachee,
            datum=timezone.localdate(),
            bron=Bron.ERVARING,
            titel=titel(zichtbaarheid),
            reflectie=reflectie(zichtbaarheid),
            zichtbaarheid=zichtbaarheid,
        )
        for zichtbaarheid in ZICHTBAARHEDEN
    }
    for trajectje in (traject, teamtraject, gepauzeerd):
        gesprek = Coachgesprek.objects.create(
            traject=trajectje,
            datum=date(2026, 11, 2),
            gedeelde_notities="Gedeelde notities.",
            prive_notities=PRIVENOTITIE,
        )
        Actiepunt.objects.create(gesprek=gesprek, omschrijving="Netwerkkaart", eigenaar=coachee)
    # The coach responds to both entries shared with them: notifications and e-mails.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for zichtbaarheid in (Zichtbaarheid.COACH, Zichtbaarheid.TEAM):
            feedback_geven(ervaring=ervaringen[zichtbaarheid], coach=adviseur, tekst="Sterk!")
    assert len(mail.outbox) == 2  # the matrix below must have something to look at
    clients = {}
    for persona, user in users.items():
        clients[persona] = Client()
        if user is not None:
            clients[persona].force_login(user)
    return Wereld(users, ervaringen, [traject, teamtraject, gepauzeerd], clients)


# --- The views: each gives the text a persona gets to see for one entry -----------------


def _inhoud(client: Client, adres: str, **kwargs) -> str:
    response = client.get(adres, **kwargs)
    assert response.status_code in (200, 302, 403, 404), (adres, response.status_code)
    return response.content.decode()


def detailpagina(w: Wereld, persona: str, ervaring: Leerervaring) -> str:
    response = w.clients[persona].get(reverse("leren:ervaring", kwargs={"pk": ervaring.pk}))
    # Whoever may not read it gets a 404 (or the login page): never a 403 that confirms it,
    # except the 403 of the learning pages for who logs no learning at all (no lookup).
    if response.status_code == 403:
        assert not can_log(w.users[persona]), persona
    else:
        assert response.status_code in (200, 302, 404), response.status_code
    return response.content.decode()


def coacheepagina(w: Wereld, persona: str, ervaring: Leerervaring) -> str:
    return "".join(_inhoud(w.clients[persona], adres) for adres in w.coachee_paginas())


def htmx_fragment(w: Wereld, persona: str, ervaring: Leerervaring) -> str:
    return "".join(
        _inhoud(w.clients[persona], adres, headers={"HX-Request": "true"})
        for adres in w.coachee_paginas()
    )


def adviseursdashboard(w: Wereld, persona: str, ervaring: Leerervaring) -> str:
    return _inhoud(w.clients[persona], reverse("leren:trajecten"))


def trajectpagina(w: Wereld, persona: str, ervaring: Leerervaring) -> str:
    """The trajectory pages, with the opdrachtgever's progress summary."""
    return "".join(_inhoud(w.clients[persona], adres) for adres in w.traject_paginas())


def meldingen_en_mail(w: Wereld, persona: str, ervaring: Leerervaring) -> str:
    user = w.users[persona]
    if user is None:
        return _inhoud(w.clients[persona], reverse("meldingen:inbox"))
    teksten = [_inhoud(w.clients[persona], reverse("meldingen:inbox"))]
    for melding in Melding.objects.filter(ontvanger=user):
        teksten += [melding.titel, melding.tekst, melding.url]
    for bericht in mail.outbox:
        if user.email in bericht.to:
            teksten += [bericht.subject, bericht.body]
            teksten += [inhoud for inhoud, _type in bericht.alternatives]
    return "".join(teksten)


def tijdlijn(w: Wereld, persona: str, ervaring: Leerervaring) -> str:
    return _inhoud(w.clients[persona], reverse("leren:tijdlijn"))


def nooit(persona: str, zichtbaarheid: str) -> bool:
    return False


VIEWS: dict[str, tuple[Callable, Callable[[str, str], bool]]] = {
    "detailpagina": (detailpagina, lambda p, z: p in LEZERS[z]),
    "coacheepagina": (coacheepagina, lambda p, z: p == "coach" and z != Zichtbaarheid.PRIVE),
    "htmx_fragment": (htmx_fragment, lambda p, z: p == "coach" and z != Zichtbaarheid.PRIVE),
    "adviseursdashboard": (adviseursdashboard, nooit),
    "trajectpagina_en_samenvatting": (trajectpagina, nooit),
    "meldingen_en_mail": (meldingen_en_mail, nooit),
    "tijdlijn": (tijdlijn, lambda p, z: p == "auteur"),
}


@pytest.mark.parametrize("view", VIEWS)
def test_vertrouwelijkheid(wereld, view):
    ophalen, mag = VIEWS[view]
    fout = []
    for persona in PERSONAS:
        for zichtbaarheid in ZICHTBAARHEDEN:
            inhoud = ophalen(wereld, persona, wereld.ervaringen[zichtbaarheid])
            verwacht = mag(persona, zichtbaarheid)
            for soort, tekst in (("titel", titel), ("reflectie", reflectie)):
                gezien = tekst(zichtbaarheid) in inhoud
                if gezien != verwacht:
                    fout.append(
                        f"{persona} x {zichtbaarheid}: {soort} "
                        f"{'gezien' if gezien else 'niet gezien'}, verwacht "
                        f"{'wel' if verwacht else 'niet'}"
                    )
    assert not fout, f"{view}:\n" + "\n".join(fout)


def test_privenotities_alleen_voor_de_coach(wereld):
    """Private notes of a coaching conversation appear only on the trajectory page of its
    own coach: never for a coachee, a team member or the opdrachtgever, anywhere."""
    adressen = [
        *wereld.traject_paginas(),
        *wereld.coachee_paginas(),
        reverse("leren:trajecten"),
        reverse("leren:tijdlijn"),
        reverse("leren:dashboard"),
        reverse("meldingen:inbox"),
        *(reverse("leren:ervaring", kwargs={"pk": e.pk}) for e in wereld.ervaringen.values()),
    ]
    for persona in PERSONAS:
        gezien = [
            adres for adres in adressen if PRIVENOTITIE in _inhoud(wereld.clients[persona], adres)
        ]
        if persona in ("coach", "coach_inactief"):
            # Each coach reads the notes of their own trajectories, and only there.
            eigen = {
                reverse("leren:traject", kwargs={"pk": t.pk})
                for t in wereld.trajecten
                if t.coach == wereld.users[persona]
            }
            assert set(gezien) == eigen, persona
        else:
            assert gezien == [], persona
