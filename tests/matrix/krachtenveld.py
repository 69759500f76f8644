"""Permission matrix rows for the opgave section "krachtenveld" (the field of forces).

Its pages are for officials and the opgave's role holders only: partners, even
of an involved organisation, get 403 (``permissions.can_view_krachtenveld``);
who does not see an internal opgave gets 404. Pages that change something are
for role holders of an opgave that is not finished: the regisseur. The objects
in the URLs are made fresh per request, in the opgave of the row; a POST really
runs, with valid data, so the regisseur's POST ends in a redirect.
"""

from datetime import timedelta

from django.utils import timezone

from opgaven.models import Betrokkenheid, Contactmoment, Toezegging
from opgaven.services.krachtenveld import (
    betrokkenheid_toevoegen,
    positie_vastleggen,
    toezegging_toevoegen,
)
from partners.services import organisatie_create
from tests.permission_matrix import (
    AMBTENAREN,
    LOGIN,
    Case,
    Redirect,
    each,
    expect,
    opgave_slug,
)

LABELS = {"opgave": "openbaar", "interne_opgave": "intern", "afgeronde_opgave": "afgerond"}

# Reading: officials and role holders; a partner who sees the opgave gets 403.
LEZEN = {
    "opgave": expect(403, anoniem=LOGIN, **each(AMBTENAREN, 200)),
    "interne_opgave": expect(404, anoniem=LOGIN, partner_lid=403, **each(AMBTENAREN, 200)),
}
# Changing: the regisseur only; who sees the tab or the opgave but may not change it, 403.
BEWERKEN = {
    "opgave": expect(403, anoniem=LOGIN, regisseur=200),
    "interne_opgave": expect(
        404, anoniem=LOGIN, partner_lid=403, **{**each(AMBTENAREN, 403), "regisseur": 200}
    ),
    # Finished: nobody changes it, its regisseur neither.
    "afgeronde_opgave": expect(403, anoniem=LOGIN),
}


def na_post(rij: dict, naar: str) -> dict:
    """The row of a POST: where the GET gives 200, the POST redirects to ``naar``."""
    return {persona: Redirect(naar) if value == 200 else value for persona, value in rij.items()}


def vandaag() -> str:
    return timezone.localdate().isoformat()


# --- Objects in the URLs and valid POST data ----------------------------------------------


def _betrokkenheid(opgave) -> Betrokkenheid:
    """The involvement of ``organisatie``, which the fixtures set up; or a new one."""
    bestaand = opgave.betrokkenheden.first()
    if bestaand is not None:
        return bestaand
    organisatie = organisatie_create(naam="Buurtteam Zuid", soort="zorg_en_welzijn")
    return betrokkenheid_toevoegen(
        opgave=opgave, organisatie=organisatie, aard=Betrokkenheid.Aard.VOERT_UIT
    )


def _met_positie(opgave) -> Betrokkenheid:
    betrokkenheid = _betrokkenheid(opgave)
    positie_vastleggen(
        betrokkenheid=betrokkenheid,
        datum=timezone.localdate() - timedelta(days=30),
        invloed=4,
        belang=2,
        houding=-1,
    )
    return betrokkenheid


def _toezegging(opgave) -> Toezegging:
    return toezegging_toevoegen(
        opgave=opgave,
        omschrijving="Warmtescan aanbieden",
        eigenaar=opgave.rollen.first().user,
        deadline=timezone.localdate() - timedelta(days=2),
        betrokkenheid=_betrokkenheid(opgave),
    )


def met(maker, fixture: str):
    return lambda f: {"slug": getattr(f, fixture).slug, "pk": maker(getattr(f, fixture)).pk}


def betrokkenheid_nieuw_data(fixture: str):
    return lambda f: {
        "organisatie": f.andere_organisatie.pk,  # involved nowhere yet
        "aard": Betrokkenheid.Aard.ONDERVINDT_GEVOLGEN,
        "sinds": vandaag(),
    }


def betrokkenheid_data(fixture: str):
    return lambda f: {"aard": Betrokkenheid.Aard.BESLIST, "sinds": vandaag(), "toelichting": ""}


def positie_data(fixture: str):
    return lambda f: {"datum": vandaag(), "invloed": "5", "belang": "4", "houding": "1"}


def contactmoment_data(fixture: str):
    return lambda f: {
        "betrokkenheid": _betrokkenheid(getattr(f, fixture)).pk,
        "datum": vandaag(),
        "kanaal": Contactmoment.Kanaal.TELEFOON,
        "hoedanigheid": Contactmoment.Hoedanigheid.NAMENS_ORGANISATIE,
        "onderwerp": "Planning bewonersavond",
    }


def toezegging_data(fixture: str):
    return lambda f: {
        "omschrijving": "Verslag rondsturen",
        "eigenaar": f.regisseur.pk,  # a role holder of each opgave in the matrix
        "deadline": vandaag(),
    }


def status_data(fixture: str):
    return lambda f: {"status": Toezegging.Status.NAGEKOMEN}


def geen_data(fixture: str):
    return lambda f: {}


# --- Rows ------------------------------------------------------------------------------------

CASES: list[Case] = []

# Pages that only read: (url name, object maker or None).
for url_name, maker in [
    ("opgaven:krachtenveld", None),
    ("opgaven:toezeggingen", None),
    ("opgaven:contactmomenten", None),
    ("opgaven:betrokkenheid_detail", _met_positie),
]:
    for fixture, rij in LEZEN.items():
        kwargs = met(maker, fixture) if maker else opgave_slug(fixture)
        CASES.append(Case(url_name, rij, kwargs=kwargs, label=LABELS[fixture]))
    kwargs = met(maker, "opgave") if maker else opgave_slug("opgave")
    CASES.append(Case(url_name, expect(405), kwargs=kwargs, method="post", label="openbaar"))

# Pages that change: (url name, object maker or None, POST data, where a POST leads).
for url_name, maker, data, naar, afgerond in [
    (
        "opgaven:betrokkenheid_nieuw",
        None,
        betrokkenheid_nieuw_data,
        "opgaven:krachtenveld",
        True,
    ),
    (
        "opgaven:betrokkenheid_bewerken",
        _betrokkenheid,
        betrokkenheid_data,
        "opgaven:krachtenveld",
        False,
    ),
    (
        "opgaven:betrokkenheid_verwijderen",
        _met_positie,
        geen_data,
        "opgaven:krachtenveld",
        False,
    ),
    ("opgaven:positie_nieuw", _betrokkenheid, positie_data, "opgaven:krachtenveld", True),
    (
        "opgaven:contactmoment_nieuw",
        None,
        contactmoment_data,
        "opgaven:contactmomenten",
        False,
    ),
    ("opgaven:toezegging_nieuw", None, toezegging_data, "opgaven:toezeggingen", False),
    ("opgaven:toezegging_status", _toezegging, status_data, "opgaven:toezeggingen", True),
]:
    fixtures = ["opgave", "interne_opgave"] + (["afgeronde_opgave"] if afgerond else [])
    for fixture in fixtures:
        rij = BEWERKEN[fixture]
        kwargs = met(maker, fixture) if maker else opgave_slug(fixture)
        CASES.append(Case(url_name, rij, kwargs=kwargs, label=LABELS[fixture]))
        CASES.append(
            Case(
                url_name,
                na_post(rij, naar),
                kwargs=kwargs,
                method="post",
                data=data(fixture),
                label=LABELS[fixture],
            )
        )
    kwargs = met(maker, "opgave") if maker else opgave_slug("opgave")
    CASES.append(Case(url_name, expect(405), kwargs=kwargs, method="put", label="openbaar"))
