"""The key pages of issue 12, each as the persona who uses it, with its SQL budget.

One list for two users: ``bench/load.py`` measures them at ``groot`` scale, and
``tests/prestatie/test_querybudget.py`` holds every page to its query budget at
``klein`` scale in CI. The world is found by name (``config.genereer.kenmerken``
for generated data, ``DEMO`` for the demo municipality), never by id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from config.genereer import kenmerken

# At most this many SQL queries per page, whatever the amount of data (issue 12).
QUERY_BUDGET = 12


@dataclass(frozen=True)
class Wereld:
    """The personas (e-mail addresses) and the named objects the pages are opened on."""

    regisseur: str
    inwoner: str
    partner: str
    adviseur: str
    beheerder: str
    opgave: str
    drukke_ronde: str
    begroting: str


GEGENEREERD = Wereld(
    regisseur=kenmerken.REGISSEUR,
    inwoner=kenmerken.INWONER,
    partner=kenmerken.PARTNER,
    adviseur=kenmerken.ADVISEUR,
    beheerder=kenmerken.BEHEERDER,
    opgave=kenmerken.OPGAVE,
    drukke_ronde=kenmerken.DRUKKE_RONDE,
    begroting=kenmerken.BEGROTING,
)

DEMO = Wereld(
    regisseur="regisseur@demodam.nl",
    inwoner="inwoner@demodam.nl",
    partner="partner@demodam.nl",
    adviseur="adviseur@demodam.nl",
    beheerder="beheerder@demodam.nl",
    opgave="energietransitie-demodam-noord",
    drukke_ronde="wat-helpt-tegen-eenzaamheid-in-oosterhout",
    begroting="wijkbudget-noorderpolder-2027",
)


@dataclass(frozen=True)
class Sleutelpagina:
    naam: str
    # The Wereld attribute of the persona who opens it; None: not logged in.
    persona: str | None
    # The path (with query string), built from the world; may query the database.
    pad: Callable[[Wereld], str]
    budget: int = QUERY_BUDGET


def _sessie(w: Wereld) -> str:
    from participatie.models import Sessie

    sessie = Sessie.objects.filter(ronde__slug=w.drukke_ronde).order_by("pk").first()
    return reverse("participatie:sessie", kwargs={"slug": w.drukke_ronde, "pk": sessie.pk})


def _opgave(naam: str) -> Callable[[Wereld], str]:
    return lambda w: reverse(naam, kwargs={"slug": w.opgave})


def _ronde(query: str = "") -> Callable[[Wereld], str]:
    return lambda w: reverse("participatie:ronde", kwargs={"slug": w.drukke_ronde}) + query


def _begroting(naam: str) -> Callable[[Wereld], str]:
    return lambda w: reverse(naam, kwargs={"slug": w.begroting})


def _vast(naam: str, query: str = "") -> Callable[[Wereld], str]:
    return lambda w: reverse(naam) + query


SLEUTELPAGINAS: tuple[Sleutelpagina, ...] = (
    # Home per role.
    Sleutelpagina("Home, niet ingelogd", None, _vast("home")),
    Sleutelpagina("Home, inwoner", "inwoner", _vast("home")),
    Sleutelpagina("Home, regisseur", "regisseur", _vast("home")),
    Sleutelpagina("Home, partner", "partner", _vast("home")),
    Sleutelpagina("Home, adviseur", "adviseur", _vast("home")),
    Sleutelpagina("Home, beheerder", "beheerder", _vast("home")),
    # Opgaven.
    Sleutelpagina("Opgaven", "regisseur", _vast("opgaven:list")),
    Sleutelpagina("Opgaven, zoeken", "regisseur", _vast("opgaven:list", "?q=energie")),
    Sleutelpagina("Opgave, overzicht", "regisseur", _opgave("opgaven:detail")),
    Sleutelpagina("Opgave, doelen", "regisseur", _opgave("opgaven:doelen")),
    Sleutelpagina("Opgave, krachtenveld", "regisseur", _opgave("opgaven:krachtenveld")),
    Sleutelpagina("Opgave, contactmomenten", "regisseur", _opgave("opgaven:contactmomenten")),
    Sleutelpagina("Opgave, toezeggingen", "regisseur", _opgave("opgaven:toezeggingen")),
    Sleutelpagina("Opgave, plan van aanpak", "regisseur", _opgave("opgaven:plan")),
    Sleutelpagina("Opgave, besluiten", "regisseur", _opgave("opgaven:besluiten")),
    Sleutelpagina("Opgave, rollen", "regisseur", _opgave("opgaven:rollen")),
    Sleutelpagina("Opgave, budget", "regisseur", _opgave("budget:pot")),
    Sleutelpagina("Opgave, participatie", "regisseur", _opgave("participatie:opgave_rondes")),
    Sleutelpagina("Opgave, geschiedenis", "regisseur", _opgave("opgaven:geschiedenis")),
    # Participation.
    Sleutelpagina("Rondes", "inwoner", _vast("participatie:list")),
    Sleutelpagina("Drukke ronde, pagina 1", "inwoner", _ronde()),
    Sleutelpagina("Drukke ronde, pagina 200", "inwoner", _ronde("?pagina=200")),
    Sleutelpagina("Drukke ronde, meeste steun", "inwoner", _ronde("?sorteer=steun")),
    Sleutelpagina("Drukke ronde, niet ingelogd", None, _ronde()),
    Sleutelpagina("Sessie", "inwoner", _sessie),
    Sleutelpagina("Mijn inbreng", "inwoner", _vast("mijn_inbreng")),
    Sleutelpagina("Burgerbegroting", "inwoner", _begroting("participatie:begroting")),
    Sleutelpagina("Stembiljet", "inwoner", _begroting("participatie:stembiljet")),
    # Reports, notifications, learning.
    Sleutelpagina("Portfolio", "regisseur", _vast("rapportage:portfolio")),
    Sleutelpagina("Meldingen, inwoner", "inwoner", _vast("meldingen:inbox")),
    Sleutelpagina("Meldingen, regisseur", "regisseur", _vast("meldingen:inbox")),
    Sleutelpagina("Leertijdlijn", "regisseur", _vast("leren:tijdlijn")),
    Sleutelpagina("Leerdashboard", "regisseur", _vast("leren:dashboard")),
    Sleutelpagina("Coaching, adviseur", "adviseur", _vast("leren:trajecten")),
    Sleutelpagina("Mijn organisatie", "partner", _vast("mijn_organisatie")),
)
