"""Which model fields hold personal data (AVG): the one declaration.

``docs/privacy/verwerkingen.md`` (the verwerkingsregister) says for each of these
fields why it is kept, on which legal basis, for how long and who sees it.
``tests/privacy/test_verwerkingsregister.py`` keeps the three in step:

- every field declared here exists on its model;
- every field declared here is named in the register, as ``app.Model.veld``;
- every concrete field of our apps that looks personal (a link to a user, or a
  name such as ``email``, ``naam``, ``telefoon``, ``wijk``, ``leeftijd``,
  ``adres``, ``ip``) is declared here, or listed in ``GEEN_PERSOONSGEGEVENS``
  with the reason it is not personal. A new personal field fails that test
  until it is declared and described.

The audit trail's event tables (django-pghistory, ``<Model>Event``) copy the
fields of the model they follow; the declaration of that model covers them.

Keys are model labels (``app_label.ModelName``); values the field names. Besides
our own apps, the third-party models that hold our users' data are declared, so
the register is complete.
"""

from __future__ import annotations

PERSOONSGEGEVENS: dict[str, tuple[str, ...]] = {
    # --- accounts: the account itself ---------------------------------------------------
    "accounts.User": (
        "email",
        "weergavenaam",
        "password",
        "last_login",
        "date_joined",
        "groups",
    ),
    "accounts.Gegevensexport": ("user", "bestand"),
    # django-allauth: addresses, second factors and SSO links of an account.
    "account.EmailAddress": ("user", "email"),
    "mfa.Authenticator": ("user", "data"),
    "socialaccount.SocialAccount": ("user", "uid", "extra_data"),
    "sessions.Session": ("session_data",),
    # --- meldingen ----------------------------------------------------------------------
    "meldingen.Melding": ("ontvanger", "context"),
    "meldingen.Voorkeur": ("user",),
    # --- partners -----------------------------------------------------------------------
    "partners.Lidmaatschap": ("user", "rol", "soort"),
    # --- opgaven (roles, krachtenveld, plan) -------------------------------------------
    "opgaven.Opgave": ("aangemaakt_door", "gewijzigd_door"),
    "opgaven.Opgaverol": ("user", "rol"),
    "opgaven.OpgaveUserObjectPermission": ("user",),
    "opgaven.FaseOvergang": ("door",),
    "opgaven.Meting": ("vastgelegd_door",),
    "opgaven.Positie": ("vastgelegd_door",),
    "opgaven.Contactmoment": ("vastgelegd_door", "hoedanigheid", "notitie"),
    "opgaven.Toezegging": ("eigenaar",),
    "opgaven.Instemming": ("door",),
    "opgaven.Besluit": ("vastgelegd_door",),
    # --- budget -------------------------------------------------------------------------
    "budget.Bijdrage": ("vastgelegd_door",),
    "budget.Toewijzing": ("voorgesteld_door",),
    "budget.Goedkeuring": ("door",),
    "budget.Uitgave": ("vastgelegd_door",),
    "budget.Boeking": ("door",),
    # --- participatie -------------------------------------------------------------------
    "participatie.Ronde": ("aangemaakt_door",),
    "participatie.Deelname": ("user", "toestemming_op", "wijk", "leeftijdsgroep"),
    "participatie.Inbreng": ("auteur", "titel", "tekst", "verborgen_door"),
    "participatie.Steun": ("user",),
    "participatie.Reactie": ("auteur", "tekst", "verborgen_door"),
    "participatie.Markering": ("melder", "reden", "afgehandeld_door"),
    "participatie.Terugkoppeling": ("door",),
    "participatie.Aanmelding": ("user", "status"),
    "participatie.Uitkomst": ("vastgelegd_door",),
    "participatie.Voorstel": ("indiener", "beoordeeld_door"),
    "participatie.Stembiljet": ("user",),
    "participatie.Stemcode": ("code_hash",),
    # --- leren --------------------------------------------------------------------------
    "leren.Leerervaring": (
        "auteur",
        "titel",
        "situatie",
        "taak",
        "actie",
        "resultaat",
        "reflectie",
    ),
    "leren.Ontwikkelplan": ("eigenaar",),
    "leren.Ontwikkeldoel": ("omschrijving", "toelichting"),
    "leren.Voortgangsmeting": ("persoon", "beoordelaar", "niveau", "toelichting"),
    "leren.Coachtraject": (
        "titel",
        "coach",
        "coachees",
        "opdrachtgever",
        "doelen",
        "afspraken",
    ),
    "leren.Coachgesprek": ("gedeelde_notities", "prive_notities"),
    "leren.Actiepunt": ("eigenaar",),
    "leren.Feedback": ("coach", "tekst"),
    # --- rapportage ---------------------------------------------------------------------
    # A learning report's file name holds the trajectory's title, often a person's name.
    "rapportage.Rapport": ("aangevraagd_door", "bestand", "bestandsnaam"),
    "rapportage.Doelstatus": ("gezet_door",),
    "rapportage.Exportregistratie": ("door",),
    # --- audit ----------------------------------------------------------------------------
    "beveiliging.Auditregel": ("actor_id", "oorsprong"),
    "pghistory.Context": ("metadata",),
}


# Fields whose name looks personal but that hold no personal data, with the reason.
GEEN_PERSOONSGEGEVENS: dict[str, str] = {
    "partners.Organisatie.naam": "the name of an organisation, not of a person",
    "opgaven.Thema.naam": "the name of a theme",
    "opgaven.Gebied.naam": "the name of a CBS area (municipality, district, neighbourhood)",
    "opgaven.Indicator.naam": "the name of an indicator of an opgave",
    "budget.Budgetpot.naam": "the name of a pooled budget",
    "leren.Competentie.naam": "the name of a competence in the repertoire",
}


def velden(label: str) -> tuple[str, ...]:
    """The personal fields of the model ``label`` (empty when it holds none)."""
    return PERSOONSGEGEVENS.get(label, ())
