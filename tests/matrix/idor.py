"""Permission matrix rows added by the security suite (issue 10 point 7). (Helper "idor".)

- IDOR rows for object URLs that had none, for GET and POST (``tests/security/
  test_idor.py`` demands them): a draft round of ``andere_opgave`` through the
  participation URLs (its manager ``ambtenaar`` sees it, everyone else 404), another
  round's input or reaction posted through ``ronde``'s URLs (404), joining the
  regisseur's draft round (404), a voting code of ``andere_stemming`` used on
  ``stemming`` (400, the code is not valid there), retrying a report of strangers (404).
- The report pages (``rapportage:rapport`` and co.) accepted every method; they now
  answer GET only: POST gives 405.
- POST rows for URLs that accept POST but had only GET rows, so
  ``tests/security/test_csrf.py`` checks CSRF on them: allauth's forms (sent empty: the
  form comes back with its errors, or the page a step back; nothing changes).
"""

from __future__ import annotations

from typing import Any

from tests.matrix.participatie import inbreng_data as zorg_data
from tests.matrix.participatie import met_andere_inbreng, met_andere_reactie
from tests.matrix.rapportage import _mislukt, _vreemd, pk_van
from tests.permission_matrix import (
    HOME,
    LOGIN,
    ZONDER_MFA,
    Case,
    Redirect,
    each,
    expect,
)

REAUTH = Redirect("account_reauthenticate")


def concept_elders(f: Any) -> dict[str, Any]:
    """A draft round of ``andere_opgave`` with a participatory budget and input."""
    from datetime import date
    from decimal import Decimal

    from participatie.models import Ronde
    from participatie.services_begroting import begroting_instellen
    from tests.conftest import _ronde

    ronde = Ronde.objects.filter(titel="Conceptbegroting elders").first()
    if ronde is None:
        ronde = _ronde(
            f.andere_opgave, f.ambtenaar, titel="Conceptbegroting elders", met_inbreng=True
        )
        begroting_instellen(
            ronde=ronde,
            totaal=Decimal("5000.00"),
            indienen_tot=date(2026, 12, 1),
            stemmen_van=date(2026, 12, 10),
            stemmen_tot=date(2027, 1, 31),
        )
    return {"slug": ronde.slug}


def code_elders(f: Any) -> dict[str, Any]:
    """A valid voting code of ``andere_stemming``, tried on ``stemming``."""
    from participatie.services_begroting import stemcodes_maken

    (code,) = stemcodes_maken(begroting=f.andere_stemming, aantal=1)
    return {"code": code}


def voorstel_data(f: Any) -> dict[str, Any]:
    return {
        "titel": "Bankjes langs de singel",
        "beschrijving": "Vijf bankjes, zodat ouderen onderweg kunnen uitrusten.",
        "geraamde_kosten": "4000",
    }


def inbreng_data(f: Any) -> dict[str, Any]:
    return {"soort": "idee", "titel": "Koffieochtend", "tekst": "Elke dinsdag koffie."}


# ``ambtenaar`` manages ``andere_opgave``: they see its draft round (and what the page
# allows a manager there); everyone else gets 404, as if it did not exist.
ELDERS = expect(404, ambtenaar=200)
TER_INZAGE = Redirect("participatie:ronde")
ALLEEN_ANONIEM = expect(HOME, anoniem=200)  # allauth pages for visitors
EIGEN_ACCOUNT = expect(200, anoniem=LOGIN)

CASES: list[Case] = [
    # --- IDOR: a draft round of another opgave through the participation URLs.
    Case("participatie:stembiljet", ELDERS, kwargs=concept_elders, label="elders"),
    Case(
        "participatie:stembiljet_bevestigen",
        expect(404, ambtenaar=Redirect("participatie:stembiljet")),
        kwargs=concept_elders,
        method="post",
        label="elders",
    ),
    Case("participatie:stemcode", ELDERS, kwargs=concept_elders, label="elders"),
    Case(
        "participatie:voorstel_nieuw",
        expect(404, anoniem=LOGIN, ambtenaar=403),
        kwargs=concept_elders,
        label="elders",
    ),
    Case(
        "participatie:voorstel_nieuw",
        expect(404, anoniem=LOGIN, ambtenaar=403),
        kwargs=concept_elders,
        method="post",
        data=voorstel_data,
        label="elders",
    ),
    # A draft takes no input yet: its manager is sent to the round page.
    Case(
        "participatie:inbreng_nieuw",
        expect(404, anoniem=LOGIN, ambtenaar=TER_INZAGE),
        kwargs=concept_elders,
        label="elders",
    ),
    Case(
        "participatie:inbreng_nieuw",
        expect(404, anoniem=LOGIN, ambtenaar=TER_INZAGE),
        kwargs=concept_elders,
        method="post",
        data=inbreng_data,
        label="elders",
    ),
    # POST with another round's input or reaction through this round's URL (the GET
    # rows are in participatie.py), and joining a draft round of the regisseur.
    Case(
        "participatie:inbreng_bewerken",
        expect(404, anoniem=LOGIN),
        kwargs=met_andere_inbreng,
        method="post",
        data=zorg_data,
        label="andere ronde",
    ),
    Case(
        "participatie:inbreng_markeren",
        expect(404, anoniem=LOGIN),
        kwargs=met_andere_inbreng,
        method="post",
        data=lambda f: {"reden": "Dit is reclame."},
        label="andere ronde",
    ),
    Case(
        "participatie:reactie_markeren",
        expect(404, anoniem=LOGIN),
        kwargs=met_andere_reactie,
        method="post",
        data=lambda f: {"reden": "Dit is beledigend."},
        label="andere ronde",
    ),
    Case(
        "participatie:meedoen",
        expect(404, anoniem=LOGIN, regisseur=TER_INZAGE),
        kwargs=lambda f: {"slug": f.concept_ronde.slug},
        method="post",
        data=lambda f: {"toestemming": "on"},
        label="ontwerp",
    ),
    # A voting code belongs to one round: another round's code is not valid here.
    Case(
        "participatie:stemcode",
        expect(400),
        kwargs=lambda f: {"slug": f.stemming.ronde.slug},
        method="post",
        data=code_elders,
        label="code elders",
    ),
    # Retrying a report of strangers.
    Case(
        "rapportage:opnieuw",
        expect(404, anoniem=LOGIN),
        kwargs=pk_van(_vreemd),
        method="post",
        label="idor",
    ),
    # --- The report pages answer GET only.
    Case("rapportage:rapporten", expect(405, anoniem=LOGIN), method="post"),
    Case("rapportage:rapport", expect(405, anoniem=LOGIN), kwargs=pk_van(_mislukt), method="post"),
    Case(
        "rapportage:voortgang", expect(405, anoniem=LOGIN), kwargs=pk_van(_mislukt), method="post"
    ),
    Case("rapportage:download", expect(405, anoniem=LOGIN), kwargs=pk_van(_mislukt), method="post"),
    # --- allauth forms, posted empty: the form with its errors, nothing changes.
    Case("account_login", ALLEEN_ANONIEM, method="post"),
    Case("account_signup", ALLEEN_ANONIEM, method="post"),
    Case("account_request_login_code", ALLEEN_ANONIEM, method="post"),
    Case(
        "account_confirm_login_code",
        expect(HOME, anoniem=Redirect("account_request_login_code")),
        method="post",
    ),
    Case("account_reauthenticate", EIGEN_ACCOUNT, method="post"),
    Case("account_request_reauthentication_code", EIGEN_ACCOUNT, method="post"),
    Case(
        "account_confirm_reauthentication_code",
        expect(Redirect("account_request_reauthentication_code"), anoniem=LOGIN),
        method="post",
    ),
    # Without an action the e-mail page sends you back to itself.
    Case("account_email", expect(Redirect("account_email"), anoniem=LOGIN), method="post"),
    Case("account_change_password", EIGEN_ACCOUNT, method="post"),
    Case(
        "account_set_password",
        expect(Redirect("account_change_password"), anoniem=LOGIN),
        method="post",
    ),
    Case("account_reset_password", expect(200), method="post"),
    Case(
        "account_reset_password_from_key",
        expect(200),
        kwargs=lambda f: {"uidb36": "1", "key": "ongeldige-sleutel"},
        method="post",
    ),
    Case("mfa_authenticate", expect(HOME, anoniem=LOGIN), method="post"),
    Case(
        "mfa_reauthenticate",
        expect(200, anoniem=LOGIN, **each(ZONDER_MFA, REAUTH)),
        method="post",
    ),
    Case("mfa_activate_totp", expect(REAUTH, anoniem=LOGIN), method="post"),
    Case(
        "mfa_deactivate_totp",
        expect(REAUTH, anoniem=LOGIN, **each(ZONDER_MFA, 404)),
        method="post",
    ),
    Case("mfa_generate_recovery_codes", expect(REAUTH, anoniem=LOGIN), method="post"),
    Case("socialaccount_signup", expect(LOGIN), method="post"),
    Case("socialaccount_connections", EIGEN_ACCOUNT, method="post"),
    Case(
        "openid_connect_login",
        expect(404),
        kwargs=lambda f: {"provider_id": "gemeente"},
        method="post",
    ),
]
