"""The URL permission matrix: every URL x persona -> the response they get.

``tests/security/test_permission_matrix.py`` walks the whole URLconf and requests each
URL below as each persona of ``tests/conftest.py``. A named URL without an
entry here fails that test, so every new page gets a deliberate decision about
who may open it (STYLE "Tests"; adhocracy4 and Zulip do the same).

Reading a row: ``expect(default, persona=value, ...)`` gives every persona the
default, except the ones named. A value is a status code (200, 403, 404, 405,
...) or a redirect: ``LOGIN`` (302 to the login page), ``ADMIN_LOGIN``, or
``Redirect("url-name")``. DESIGN §6: an anonymous visitor of a protected page
is sent to log in; an object someone may not see gives 404; a visible object
they may not change gives 403; a wrong method gives 405.

Two families are covered by a rule rather than a row:

* **Admin model pages** (``admin:<app>_<model>_<action>``): everyone but the
  beheerder is sent to the login page; the beheerder gets 200 where the
  ``BEHEERDER_ADMIN_RIGHTS`` below allow the action and 403 elsewhere. Pages of
  one object are requested for the object ``ADMIN_OBJECTS`` gives.
* **Admin app pages** (``admin:app_list``): requested for every app in the
  admin; 200 for the beheerder where they may use a model of it, else 404.

The personas are fully set-up users: staff personas have an authenticator app,
and the matrix runs with ``REQUIRE_MFA_FOR_STAFF`` on, as in production.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken

from accounts.roles import Rol
from beveiliging.models import Auditregel
from leren.models import (
    Coachtraject,
    Competentie,
    Feedback,
    Leerervaring,
    Ontwikkelplan,
    Voortgangsmeting,
)
from meldingen.models import Bezorging, Soort, Voorkeur
from meldingen.services import afmeld_token
from opgaven.models import (
    Actie,
    Besluit,
    Contactmoment,
    Doel,
    Fase,
    FaseOvergang,
    Gebied,
    Indicator,
    Instemming,
    Meting,
    PlanVanAanpak,
    Positie,
    Thema,
    Toezegging,
    Zichtbaarheid,
)
from rapportage.models import Doelstatus, Exportregistratie, Rapport
from rapportage.models import Soort as RapportSoort
from tests.meldingen.factories import MeldingFactory

PERSONAS = (
    "anoniem",
    "inwoner",
    "partner_lid",
    "partner_buitenstaander",
    "ambtenaar",
    "regisseur",
    "adviseur",
    "coachee",
    "beheerder",
)
# Personas with the ambtenaar role: they see all opgaven and may create them.
AMBTENAREN = ("ambtenaar", "regisseur", "coachee")
# Personas with a staff role, and so an authenticator app (MFA).
MET_MFA = ("ambtenaar", "regisseur", "adviseur", "coachee", "beheerder")
ZONDER_MFA = ("inwoner", "partner_lid", "partner_buitenstaander")
INGELOGD = PERSONAS[1:]


@dataclass(frozen=True)
class Redirect:
    """A redirect to the page with URL name ``to`` (query string not compared)."""

    to: str
    status: int = 302

    def __str__(self) -> str:
        return f"{self.status} → {self.to}"


LOGIN = Redirect("account_login")
ADMIN_LOGIN = Redirect("admin:login")
HOME = Redirect("home")
INBOX = Redirect("meldingen:inbox")

Expected = int | Redirect


def expect(default: Expected, /, **cells: Expected) -> dict[str, Expected]:
    """Every persona gets ``default``, except those named in ``cells``."""
    unknown = cells.keys() - set(PERSONAS)
    if unknown:
        raise ValueError(f"Unknown persona(s) {sorted(unknown)}; personas are {PERSONAS}")
    return {persona: cells.get(persona, default) for persona in PERSONAS}


def each(personas: Iterable[str], value: Expected) -> dict[str, Expected]:
    """The same value for several personas, to spread into ``expect``."""
    return dict.fromkeys(personas, value)


def no_kwargs(fixtures: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Case:
    """One request, made by every persona.

    ``kwargs`` and ``data`` are functions of ``f``, which hands out pytest
    fixtures by attribute (``f.opgave`` is the ``opgave`` fixture), so a case
    can point at the objects its URL needs.
    """

    url_name: str
    expected: dict[str, Expected]
    kwargs: Callable[[Any], dict[str, Any]] = no_kwargs
    method: str = "get"
    data: Callable[[Any], dict[str, Any]] = field(default=no_kwargs)
    label: str = ""

    @property
    def id(self) -> str:
        label = f"[{self.label}]" if self.label else ""
        return f"{self.method.upper()} {self.url_name}{label}"


def opgave_slug(fixture: str) -> Callable[[Any], dict[str, Any]]:
    return lambda f: {"slug": getattr(f, fixture).slug}


def opgave_form_data(f: Any) -> dict[str, Any]:
    return {
        "titel": "Groen schoolplein De Linde",
        "vraagstuk": "Kinderen spelen op een stenen plein zonder schaduw.",
        "zichtbaarheid": Zichtbaarheid.OPENBAAR,
    }


def opgave_edit_data(fase: str) -> Callable[[Any], dict[str, Any]]:
    return lambda f: {**opgave_form_data(f), "fase": fase}


def fase_data(naar: str) -> Callable[[Any], dict[str, Any]]:
    return lambda f: {"naar": naar, "reden": "Het is tijd voor de volgende stap."}


def melding_van_inwoner(f: Any) -> dict[str, Any]:
    return {"pk": MeldingFactory(ontvanger=f.inwoner, url="/opgaven/").pk}


def afmeld_token_van_inwoner(f: Any) -> dict[str, Any]:
    return {"token": afmeld_token(user=f.inwoner, soort=Soort.ROL_TOEGEKEND)}


# --- The matrix ----------------------------------------------------------------------

CASES: list[Case] = [
    # Site pages
    Case("home", expect(200)),
    Case("home", expect(405), method="post"),
    Case("toegankelijkheid", expect(200)),
    Case("privacy", expect(200)),
    Case("health", expect(200)),
    Case("health", expect(405), method="post"),
    # Django's set_language changes nothing on GET: it only redirects back.
    Case("set_language", expect(HOME)),
    Case(
        "set_language",
        expect(Redirect("opgaven:list")),
        method="post",
        data=lambda f: {"language": "en", "next": "/opgaven/"},
    ),
    # Opgaven
    Case("opgaven:list", expect(200)),
    Case("opgaven:list", expect(405), method="post"),
    Case("opgaven:add", expect(403, anoniem=LOGIN, **each(AMBTENAREN, 200))),
    Case(
        "opgaven:add",
        expect(403, anoniem=LOGIN, **each(AMBTENAREN, Redirect("opgaven:detail"))),
        method="post",
        data=opgave_form_data,
    ),
    Case("opgaven:detail", expect(200), kwargs=opgave_slug("opgave"), label="openbaar"),
    Case(
        "opgaven:detail",
        expect(405),
        kwargs=opgave_slug("opgave"),
        method="post",
        label="openbaar",
    ),
    # The internal opgave: officials see it (view_interne_opgave), and so do its
    # role holders (regisseur) and the members of involved organisations (partner_lid).
    Case(
        "opgaven:detail",
        expect(404, **each(AMBTENAREN, 200), partner_lid=200),
        kwargs=opgave_slug("interne_opgave"),
        label="intern",
    ),
    Case(
        "opgaven:detail",
        expect(404),
        kwargs=lambda f: {"slug": "bestaat-niet"},
        label="onbekend",
    ),
    Case(
        "opgaven:edit",
        expect(403, anoniem=LOGIN, regisseur=200),
        kwargs=opgave_slug("opgave"),
        label="openbaar",
    ),
    # Partners see the opgave their organisation is involved in, but do not edit it.
    Case(
        "opgaven:edit",
        expect(404, anoniem=LOGIN, ambtenaar=403, coachee=403, partner_lid=403, regisseur=200),
        kwargs=opgave_slug("interne_opgave"),
        label="intern",
    ),
    Case(
        "opgaven:edit",
        expect(
            404,
            anoniem=LOGIN,
            ambtenaar=403,
            coachee=403,
            partner_lid=403,
            regisseur=Redirect("opgaven:detail"),
        ),
        kwargs=opgave_slug("interne_opgave"),
        method="post",
        data=opgave_edit_data(Fase.DELEN),
        label="intern",
    ),
    # The regisseur keeps the role, but a finished opgave can no longer be edited.
    Case(
        "opgaven:edit",
        expect(403, anoniem=LOGIN),
        kwargs=opgave_slug("afgeronde_opgave"),
        label="afgerond",
    ),
    Case(
        "opgaven:edit",
        expect(405),
        kwargs=opgave_slug("opgave"),
        method="delete",
        label="openbaar",
    ),
    # Fase: POST only. The regisseur and the opdrachtgevers move the phase; others who see
    # the opgave get 403 (a kernteamlid or partner too), who does not see it 404.
    Case("opgaven:fase", expect(405), kwargs=opgave_slug("opgave"), label="openbaar"),
    Case(
        "opgaven:fase",
        expect(403, anoniem=LOGIN, regisseur=Redirect("opgaven:detail")),
        kwargs=opgave_slug("opgave"),
        method="post",
        data=fase_data(Fase.EVALUEREN),
        label="openbaar",
    ),
    Case(
        "opgaven:fase",
        expect(
            404,
            anoniem=LOGIN,
            ambtenaar=403,
            coachee=403,
            partner_lid=403,
            regisseur=Redirect("opgaven:detail"),
        ),
        kwargs=opgave_slug("interne_opgave"),
        method="post",
        data=fase_data(Fase.DELEN),
        label="intern",
    ),
    # A finished opgave has no next phase: nobody can move it, its regisseur neither.
    Case(
        "opgaven:fase",
        expect(403, anoniem=LOGIN),
        kwargs=opgave_slug("afgeronde_opgave"),
        method="post",
        data=fase_data(Fase.GESTOPT),
        label="afgerond",
    ),
    # Meldingen: everyone logged in has their own inbox, bell and settings. A
    # melding belongs to the inwoner: anyone else gets 404 (scoped selector).
    Case("meldingen:inbox", expect(200, anoniem=LOGIN)),
    Case("meldingen:inbox", expect(405), method="post"),
    Case("meldingen:teller", expect(200, anoniem=LOGIN)),
    Case("meldingen:teller", expect(405), method="post"),
    Case("meldingen:alles_gelezen", expect(405)),
    Case("meldingen:alles_gelezen", expect(INBOX, anoniem=LOGIN), method="post"),
    Case("meldingen:gelezen", expect(405), kwargs=melding_van_inwoner),
    Case(
        "meldingen:gelezen",
        expect(404, anoniem=LOGIN, inwoner=INBOX),
        kwargs=melding_van_inwoner,
        method="post",
    ),
    Case("meldingen:openen", expect(405), kwargs=melding_van_inwoner),
    Case(
        "meldingen:openen",
        expect(404, anoniem=LOGIN, inwoner=Redirect("opgaven:list")),
        kwargs=melding_van_inwoner,
        method="post",
    ),
    Case("meldingen:voorkeuren", expect(200, anoniem=LOGIN)),
    Case(
        "meldingen:voorkeuren",
        expect(Redirect("meldingen:voorkeuren"), anoniem=LOGIN),
        method="post",
        data=lambda f: {"soort": Soort.TEST, "bezorging": Bezorging.UIT},
    ),
    Case("meldingen:voorkeuren", expect(405), method="delete"),
    # Unsubscribing from a mail needs no login: the signed token is the key,
    # whoever opens it (one-click unsubscribe comes without cookies).
    Case("meldingen:afmelden", expect(200), kwargs=afmeld_token_van_inwoner),
    Case("meldingen:afmelden", expect(200), kwargs=afmeld_token_van_inwoner, method="post"),
    Case("meldingen:afmelden", expect(405), kwargs=afmeld_token_van_inwoner, method="put"),
    Case(
        "meldingen:afmelden",
        expect(400),
        kwargs=lambda f: {"token": "vervalst"},
        method="post",
        label="vervalst",
    ),
    # allauth: accounts. Pages for visitors send logged-in users home; pages of
    # one's own account send visitors to log in. Some need state in the session
    # (a pending code or login) and send everyone back a step without it.
    Case("account_login", expect(HOME, anoniem=200)),
    Case("account_signup", expect(HOME, anoniem=200)),
    Case("account_logout", expect(200, anoniem=HOME)),
    Case("account_logout", expect(HOME), method="post"),
    Case("account_inactive", expect(200)),
    Case("account_reauthenticate", expect(200, anoniem=LOGIN)),
    Case("account_request_reauthentication_code", expect(200, anoniem=LOGIN)),
    Case(
        "account_confirm_reauthentication_code",
        expect(Redirect("account_request_reauthentication_code"), anoniem=LOGIN),
    ),
    Case("account_email", expect(200, anoniem=LOGIN)),
    Case("account_email_verification_sent", expect(Redirect("account_email"), anoniem=LOGIN)),
    Case("account_change_password", expect(200, anoniem=LOGIN)),
    # Everyone here has a password already, so "set" leads to "change".
    Case("account_set_password", expect(Redirect("account_change_password"), anoniem=LOGIN)),
    Case("account_reset_password", expect(200)),
    Case("account_reset_password_done", expect(200)),
    # An invalid key shows the "link expired" page.
    Case(
        "account_reset_password_from_key",
        expect(200),
        kwargs=lambda f: {"uidb36": "1", "key": "ongeldige-sleutel"},
    ),
    Case("account_reset_password_from_key_done", expect(200)),
    Case("account_request_login_code", expect(HOME, anoniem=200)),
    Case(
        "account_confirm_login_code",
        expect(HOME, anoniem=Redirect("account_request_login_code")),
    ),
    # allauth: two-factor authentication. Changing it asks for a recent login
    # first; force_login leaves none, so those pages ask to re-authenticate.
    Case("mfa_index", expect(200, anoniem=LOGIN)),
    Case("mfa_authenticate", expect(HOME, anoniem=LOGIN)),
    Case(
        "mfa_reauthenticate",
        expect(200, anoniem=LOGIN, **each(ZONDER_MFA, Redirect("account_reauthenticate"))),
    ),
    Case("mfa_activate_totp", expect(Redirect("account_reauthenticate"), anoniem=LOGIN)),
    Case(
        "mfa_deactivate_totp",
        expect(Redirect("account_reauthenticate"), anoniem=LOGIN, **each(ZONDER_MFA, 404)),
    ),
    Case(
        "mfa_view_recovery_codes",
        expect(Redirect("account_reauthenticate"), anoniem=LOGIN, **each(ZONDER_MFA, 404)),
    ),
    Case(
        "mfa_generate_recovery_codes",
        expect(Redirect("account_reauthenticate"), anoniem=LOGIN),
    ),
    Case(
        "mfa_download_recovery_codes",
        expect(Redirect("account_reauthenticate"), anoniem=LOGIN, **each(ZONDER_MFA, 404)),
    ),
    # allauth: the municipality's SSO slot (OpenID Connect). No provider is
    # configured, so its pages do not exist.
    Case("socialaccount_connections", expect(200, anoniem=LOGIN)),
    Case("socialaccount_login_cancelled", expect(200)),
    Case("socialaccount_login_error", expect(401)),
    Case("socialaccount_signup", expect(LOGIN)),
    Case("openid_connect_login", expect(404), kwargs=lambda f: {"provider_id": "gemeente"}),
    Case("openid_connect_callback", expect(404), kwargs=lambda f: {"provider_id": "gemeente"}),
    # Admin site pages (model pages follow the rule below). The admin login goes
    # through allauth (config/urls.py), so MFA applies there too.
    Case("admin:index", expect(ADMIN_LOGIN, beheerder=200)),
    Case("admin:login", expect(403, anoniem=LOGIN, beheerder=Redirect("admin:index"))),
    Case("admin:logout", expect(Redirect("admin:index"), beheerder=405)),
    Case("admin:logout", expect(Redirect("admin:index"), beheerder=HOME), method="post"),
    Case("admin:password_change", expect(ADMIN_LOGIN, beheerder=200)),
    Case("admin:password_change_done", expect(ADMIN_LOGIN, beheerder=200)),
    Case("admin:jsi18n", expect(ADMIN_LOGIN, beheerder=200)),
    # Without its query parameters the autocomplete refuses.
    Case("admin:autocomplete", expect(ADMIN_LOGIN, beheerder=403)),
    Case(
        "admin:view_on_site",
        expect(ADMIN_LOGIN, beheerder=Redirect("opgaven:detail")),
        kwargs=lambda f: {
            "content_type_id": ContentType.objects.get_for_model(f.opgave).pk,
            "object_id": f.opgave.pk,
        },
    ),
    Case(
        "admin:auth_user_password_change",
        expect(ADMIN_LOGIN, beheerder=200),
        kwargs=lambda f: {"id": f.regisseur.pk},
    ),
]

# Unnamed routes cannot be reversed, so they are listed here with the reason
# they exist; a new unnamed route fails the test until it gets a name.
UNNAMED_ROUTES: dict[str, str] = {
    "accounts/social/login/cancelled/": "allauth: old address, redirects to the named one",
    "accounts/social/login/error/": "allauth: old address, redirects to the named one",
    "accounts/social/signup/": "allauth: old address, redirects to the named one",
    "accounts/social/connections/": "allauth: old address, redirects to the named one",
}

# --- The admin rule --------------------------------------------------------------------

# What the beheerder role may do per admin model (accounts/roles.py grants it).
# Models not listed: nothing (403).
BEHEERDER_ADMIN_RIGHTS: dict[str, set[str]] = {
    "accounts.user": {"view", "change"},
    "auth.group": {"view"},
    "meldingen.melding": {"view", "change"},  # change: the action "Opnieuw versturen"
    "meldingen.voorkeur": {"view"},
    "opgaven.opgave": {"view", "change"},
    "opgaven.opgaverol": {"view", "add", "change"},
    "opgaven.thema": {"view", "add", "change"},
    "opgaven.gebied": {"view", "add", "change"},
    "partners.organisatie": {"view", "add", "change"},
    "partners.lidmaatschap": {"view", "add", "change"},
    # The workspace rows: read-only in the admin, changed in the workspace.
    "opgaven.faseovergang": {"view"},
    "opgaven.doel": {"view"},
    "opgaven.indicator": {"view"},
    "opgaven.meting": {"view"},
    "opgaven.betrokkenheid": {"view"},
    "opgaven.positie": {"view"},
    "opgaven.contactmoment": {"view"},
    "opgaven.toezegging": {"view"},
    "opgaven.planvanaanpak": {"view"},
    "opgaven.instemming": {"view"},
    "opgaven.actie": {"view"},
    "opgaven.besluit": {"view"},
    "budget.budgetpot": {"view"},
    "budget.bijdrage": {"view"},
    "budget.toewijzing": {"view"},
    "budget.goedkeuring": {"view"},
    "budget.uitgave": {"view"},
    "budget.boeking": {"view"},
    "participatie.ronde": {"view"},
    "participatie.deelname": {"view"},
    "participatie.inbreng": {"view"},
    "participatie.reactie": {"view"},
    "participatie.markering": {"view"},
    "participatie.terugkoppeling": {"view"},
    "participatie.sessie": {"view"},
    "participatie.aanmelding": {"view"},
    "participatie.begroting": {"view"},
    "participatie.voorstel": {"view"},
    "participatie.stembiljet": {"view"},
    "participatie.stemcode": {"view"},
    # The handelingsrepertoire is kept in the admin; the rest of leren shows metadata only.
    "leren.competentie": {"view", "add", "change"},
    "leren.leerervaring": {"view"},
    "leren.ontwikkelplan": {"view"},
    "leren.voortgangsmeting": {"view"},
    "leren.coachtraject": {"view"},
    "leren.coachgesprek": {"view"},
    "leren.actiepunt": {"view"},
    "leren.feedback": {"view"},
    # Reports: read-only (made by the worker; the export log is evidence).
    "rapportage.rapport": {"view"},
    "rapportage.doelstatus": {"view"},
    "rapportage.exportregistratie": {"view"},
    # The security audit log: read-only, evidence (BIO 8.15).
    "beveiliging.auditregel": {"view"},
}

# The object whose change, history and delete pages are requested, per admin model.
ADMIN_OBJECTS: dict[str, Callable[[Any], Any]] = {
    "beveiliging.auditregel": lambda f: Auditregel.objects.create(
        actie="inloggen", resultaat="gelukt", actor_id=f.regisseur.pk, tijdstempel=timezone.now()
    ),
    "rapportage.rapport": lambda f: Rapport.objects.get_or_create(
        soort=RapportSoort.VOORTGANG, formaat="pdf", opgave=f.opgave, aangevraagd_door=f.regisseur
    )[0],
    "rapportage.doelstatus": lambda f: Doelstatus.objects.get_or_create(
        doel=ADMIN_OBJECTS["opgaven.doel"](f),
        kleur="oranje",
        defaults={"toelichting": "Vraagt aandacht.", "gezet_door": f.regisseur},
    )[0],
    "rapportage.exportregistratie": lambda f: Exportregistratie.objects.get_or_create(
        door=f.regisseur, ronde=f.ronde, wat="deelnemers", formaat="csv"
    )[0],
    "leren.competentie": lambda f: Competentie.objects.get(slug="verbinden"),
    "leren.leerervaring": lambda f: _leerervaring(f, "prive"),
    "leren.ontwikkelplan": lambda f: Ontwikkelplan.objects.get_or_create(
        eigenaar=f.coachee,
        titel="POP",
        defaults={"van": date(2026, 1, 1), "tot": date(2026, 12, 31)},
    )[0],
    "leren.voortgangsmeting": lambda f: Voortgangsmeting.objects.create(
        persoon=f.coachee,
        competentie=Competentie.objects.get(slug="verbinden"),
        niveau=3,
        door="zelf",
        beoordelaar=f.coachee,
        datum=date(2026, 1, 1),
    ),
    "leren.coachtraject": lambda f: _coachtraject(f),
    "leren.coachgesprek": lambda f: _coachtraject(f).gesprekken.get_or_create(
        datum=date(2026, 1, 1)
    )[0],
    "leren.actiepunt": lambda f: ADMIN_OBJECTS["leren.coachgesprek"](f).actiepunten.get_or_create(
        omschrijving="Partners bellen", defaults={"eigenaar": f.coachee}
    )[0],
    "leren.feedback": lambda f: Feedback.objects.get_or_create(
        leerervaring=_leerervaring(f, "coach"), coach=f.adviseur, defaults={"tekst": "Goed"}
    )[0],
    "accounts.user": lambda f: f.regisseur,
    "auth.group": lambda f: Group.objects.get(name=Rol.AMBTENAAR),
    "account.emailaddress": lambda f: EmailAddress.objects.get(user=f.regisseur),
    "mfa.authenticator": lambda f: Authenticator.objects.filter(user=f.regisseur).first(),
    "meldingen.melding": lambda f: MeldingFactory(ontvanger=f.inwoner),
    "meldingen.voorkeur": lambda f: Voorkeur.objects.get_or_create(
        user=f.inwoner, soort=Soort.TEST, defaults={"bezorging": Bezorging.UIT}
    )[0],
    "opgaven.opgave": lambda f: f.opgave,
    "opgaven.opgaverol": lambda f: f.opgave.rollen.first(),
    "opgaven.thema": lambda f: Thema.objects.get(slug="wonen"),
    "opgaven.gebied": lambda f: Gebied.objects.get(code="WK999902"),
    "partners.organisatie": lambda f: f.organisatie,
    "partners.lidmaatschap": lambda f: f.organisatie.lidmaatschappen.first(),
    "opgaven.faseovergang": lambda f: FaseOvergang.objects.create(
        opgave=f.opgave,
        van=Fase.VORMGEVEN,
        naar=Fase.UITVOEREN,
        door=f.regisseur,
        reden="Plan klaar.",
    ),
    "opgaven.doel": lambda f: Doel.objects.get_or_create(
        opgave=f.opgave, titel="Woningen van het gas"
    )[0],
    "opgaven.indicator": lambda f: Indicator.objects.get_or_create(
        opgave=f.opgave,
        doel=ADMIN_OBJECTS["opgaven.doel"](f),
        naam="Woningen van het gas",
        defaults={
            "eenheid": "woningen",
            "nulmeting": 0,
            "streefwaarde": 500,
            "streefdatum": date(2030, 1, 1),
        },
    )[0],
    "opgaven.meting": lambda f: Meting.objects.create(
        opgave=f.opgave,
        indicator=ADMIN_OBJECTS["opgaven.indicator"](f),
        datum=date(2026, 1, 1),
        waarde=12,
    ),
    "opgaven.betrokkenheid": lambda f: f.opgave.betrokkenheden.first(),
    "opgaven.positie": lambda f: Positie.objects.create(
        opgave=f.opgave,
        betrokkenheid=f.opgave.betrokkenheden.first(),
        datum=date(2026, 1, 1),
        invloed=4,
        belang=3,
        houding=1,
    ),
    "opgaven.contactmoment": lambda f: Contactmoment.objects.create(
        opgave=f.opgave,
        betrokkenheid=f.opgave.betrokkenheden.first(),
        datum=date(2026, 1, 1),
        kanaal=Contactmoment.Kanaal.GESPREK,
        hoedanigheid=Contactmoment.Hoedanigheid.NAMENS_ORGANISATIE,
        onderwerp="Kennismaking",
    ),
    "opgaven.toezegging": lambda f: Toezegging.objects.create(
        opgave=f.opgave,
        omschrijving="Cijfers delen",
        eigenaar=f.regisseur,
        deadline=date(2026, 1, 1),
    ),
    "opgaven.planvanaanpak": lambda f: PlanVanAanpak.objects.get_or_create(
        opgave=f.opgave, versie=1
    )[0],
    "opgaven.instemming": lambda f: Instemming.objects.create(
        opgave=f.opgave, plan=ADMIN_OBJECTS["opgaven.planvanaanpak"](f), organisatie=f.organisatie
    ),
    "opgaven.actie": lambda f: Actie.objects.create(
        opgave=f.opgave,
        plan=ADMIN_OBJECTS["opgaven.planvanaanpak"](f),
        titel="Woningen isoleren",
        trekker=f.organisatie,
    ),
    "opgaven.besluit": lambda f: Besluit.objects.create(
        opgave=f.opgave,
        datum=date(2026, 1, 1),
        orgaan=Besluit.Orgaan.COLLEGE,
        titel="Startnotitie",
        motivering="Het college wil beginnen.",
    ),
    "budget.budgetpot": lambda f: f.budgetpot,
    "budget.bijdrage": lambda f: f.budgetpot.bijdragen.first(),
    "budget.toewijzing": lambda f: _toewijzing(f),
    "budget.goedkeuring": lambda f: _toewijzing(f).goedkeuringen.first(),
    "budget.uitgave": lambda f: _uitgave(f),
    "budget.boeking": lambda f: f.budgetpot.boekingen.first(),
    "participatie.ronde": lambda f: f.ronde,
    "participatie.deelname": lambda f: f.ronde.deelnames.first(),
    "participatie.inbreng": lambda f: f.inbreng,
    "participatie.reactie": lambda f: f.inbreng.reacties.get_or_create(
        auteur=f.inwoner, defaults={"tekst": "Goed idee, ik kom ook."}
    )[0],
    "participatie.markering": lambda f: f.inbreng.markeringen.get_or_create(
        melder=f.partner_lid, defaults={"reden": "Dit is reclame."}
    )[0],
    "participatie.terugkoppeling": lambda f: f.actie.terugkoppelingen.get_or_create(
        inbreng=f.inbreng,
        defaults={"status": "overgenomen", "motivering": "Komt in het plan.", "door": f.regisseur},
    )[0],
    "participatie.sessie": lambda f: f.sessie,
    "participatie.aanmelding": lambda f: f.sessie.aanmeldingen.get_or_create(
        user=f.inwoner, defaults={"status": "aangemeld", "volgnummer": 1}
    )[0],
    "participatie.begroting": lambda f: f.stemming,
    "participatie.voorstel": lambda f: f.stemming.voorstellen.first(),
    "participatie.stembiljet": lambda f: f.stemming.stembiljetten.get_or_create(
        user=f.inwoner, defaults={"limiet": f.stemming.totaal}
    )[0],
    "participatie.stemcode": lambda f: f.stemming.stemcodes.get_or_create(code_hash="0" * 64)[0],
    "socialaccount.socialapp": lambda f: _social_app(),
    "socialaccount.socialaccount": lambda f: _social_account(f.regisseur),
    "socialaccount.socialtoken": lambda f: SocialToken.objects.create(
        app=_social_app(), account=_social_account(f.regisseur), token="token"
    ),
}

# The permission an admin page needs, per page.
ADMIN_ACTIONS: dict[str, set[str]] = {
    "changelist": {"view", "change"},
    "add": {"add"},
    "change": {"view", "change"},
    "history": {"view", "change"},
    "delete": {"delete"},
}
ADMIN_OBJECT_ACTIONS = {"change", "history", "delete"}


def admin_model_case(model_key: str, action: str) -> Case:
    app_label, model_name = model_key.split(".")
    rights = BEHEERDER_ADMIN_RIGHTS.get(model_key, set())
    beheerder = 200 if rights & ADMIN_ACTIONS[action] else 403
    kwargs = no_kwargs
    if action in ADMIN_OBJECT_ACTIONS:

        def kwargs(f: Any) -> dict[str, Any]:
            return {"object_id": ADMIN_OBJECTS[model_key](f).pk}

    return Case(
        f"admin:{app_label}_{model_name}_{action}",
        expect(ADMIN_LOGIN, beheerder=beheerder),
        kwargs=kwargs,
        label="rule",
    )


def admin_app_case(app_label: str, model_keys: Iterable[str]) -> Case:
    uses_app = any(BEHEERDER_ADMIN_RIGHTS.get(key) for key in model_keys)
    return Case(
        "admin:app_list",
        expect(ADMIN_LOGIN, beheerder=200 if uses_app else 404),
        kwargs=lambda f: {"app_label": app_label},
        label=app_label,
    )


def _social_app() -> SocialApp:
    return SocialApp.objects.get_or_create(
        provider="openid_connect",
        provider_id="gemeente",
        defaults={"name": "Gemeente SSO", "client_id": "demodam"},
    )[0]


def _social_account(user: Any) -> SocialAccount:
    return SocialAccount.objects.get_or_create(user=user, provider="gemeente", uid="1")[0]


def _toewijzing(f: Any) -> Any:
    from budget.services import toewijzing_voorstellen

    return f.budgetpot.toewijzingen.first() or toewijzing_voorstellen(
        pot=f.budgetpot, actie=f.actie, bedrag=Decimal("1000.00"), door=f.regisseur
    )


def _uitgave(f: Any) -> Any:
    from budget.models import Goedkeuring, Uitgave
    from budget.services import toewijzing_beantwoorden, uitgave_boeken

    toewijzing = _toewijzing(f)
    for goedkeuring in toewijzing.goedkeuringen.filter(besluit=Goedkeuring.Besluit.OPEN):
        toewijzing = toewijzing_beantwoorden(
            goedkeuring=goedkeuring, akkoord=True, door=f.regisseur
        )
    return Uitgave.objects.filter(toewijzing=toewijzing).first() or uitgave_boeken(
        toewijzing=toewijzing,
        bedrag=Decimal("100.00"),
        datum=date(2026, 3, 1),
        omschrijving="Factuur",
        door=f.regisseur,
    )


def _leerervaring(f: Any, zichtbaarheid: str) -> Any:
    return Leerervaring.objects.get_or_create(
        auteur=f.coachee,
        titel=f"Ervaring {zichtbaarheid}",
        defaults={
            "datum": date(2026, 1, 1),
            "bron": "ervaring",
            "reflectie": "Geheim",
            "zichtbaarheid": zichtbaarheid,
        },
    )[0]


def _coachtraject(f: Any) -> Any:
    traject = Coachtraject.objects.filter(coach=f.adviseur).first()
    if traject is None:
        traject = Coachtraject.objects.create(
            titel="Coaching Coen",
            soort="individueel",
            coach=f.adviseur,
            doelen="Netwerkregie.",
            start=date(2026, 1, 1),
        )
        traject.coachees.set([f.coachee])
    return traject
