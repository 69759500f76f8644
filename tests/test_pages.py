"""The site shell and its pages: home per persona, navigation, statements, language switch."""

import re

from django.contrib.auth.models import Group, Permission

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accounts.roles import Rol
from tests.factories import UserFactory
from tests.test_translations import formal_you

pytestmark = pytest.mark.django_db

ROLE_HEADINGS = {
    "inwoner": "Als inwoner",
    "ambtenaar": "Als ambtenaar",
    "partner_lid": "Als partner",
    "adviseur": "Als adviseur",
    "beheerder": "Als beheerder",
}


def log_in(client, request, persona):
    user = request.getfixturevalue(persona)
    if user is not None:
        client.force_login(user)
    return user


def main_menu(response) -> list[str]:
    """The link texts of the main navigation, in order."""
    html = response.content.decode()
    nav = re.search(r'<nav [^>]*aria-label="Hoofdmenu">(.*?)</nav>', html, re.S)
    assert nav, "no main navigation on the page"
    return re.findall(r"<a [^>]*>(.*?)</a>", nav.group(1))


def footer(response) -> str:
    html = response.content.decode()
    return re.search(r"<footer .*?</footer>", html, re.S).group(0)


# --- Home -----------------------------------------------------------------------------


def test_home_tells_an_anonymous_visitor_what_the_platform_is(client):
    response = client.get("/")

    assert response.status_code == 200
    assertContains(response, '<html lang="nl"')
    assertContains(response, '<h1 class="utrecht-heading-1">Samen werken aan opgaven</h1>')
    assertContains(response, "maatschappelijke opgaven aan samen met inwoners")
    assertContains(response, 'href="/accounts/login/">Inloggen</a>')
    assertContains(response, 'href="/accounts/signup/">Maak een account aan als inwoner</a>')
    assertContains(response, 'href="/opgaven/">Bekijk de openbare opgaven</a>')
    for heading in ROLE_HEADINGS.values():
        assertNotContains(response, heading)


@pytest.mark.parametrize("persona", ROLE_HEADINGS)
def test_home_greets_each_role_with_what_they_can_do(client, request, persona):
    user = log_in(client, request, persona)

    response = client.get("/")

    assert response.status_code == 200
    assertContains(response, f"Welkom, {user.weergavenaam}. Dit kun je hier doen.")
    assertContains(response, f">{ROLE_HEADINGS[persona]}</h2>")
    for other, heading in ROLE_HEADINGS.items():
        if other != persona:
            assertNotContains(response, heading)
    assertNotContains(response, "Maak een account aan als inwoner")


@pytest.mark.parametrize(
    ("persona", "text"),
    [
        ("inwoner", "Hoor wat er met jouw inbreng is gedaan, en waarom."),
        ("ambtenaar", "Start een nieuwe opgave"),
        ("ambtenaar", "Houd je leerervaringen bij"),
        ("partner_lid", "Leg je bijdragen aan het gezamenlijke budget vast"),
        ("adviseur", "Begeleid coachtrajecten"),
        ("beheerder", 'href="/beheer/">Naar het beheer</a>'),
    ],
)
def test_each_role_block_describes_its_work(client, request, persona, text):
    log_in(client, request, persona)

    assertContains(client.get("/"), text)


def test_starting_an_opgave_is_offered_only_with_the_permission(client, ambtenaar):
    Group.objects.get(name=Rol.AMBTENAAR.value).permissions.remove(
        Permission.objects.get(content_type__app_label="opgaven", codename="add_opgave")
    )
    client.force_login(ambtenaar)

    response = client.get("/")

    assertContains(response, "Als ambtenaar")
    assertNotContains(response, "Start een nieuwe opgave")


def test_a_person_with_several_roles_sees_each_block(client):
    client.force_login(UserFactory(rollen=[Rol.INWONER, Rol.PARTNER]))

    response = client.get("/")

    assertContains(response, "Als inwoner")
    assertContains(response, "Als partner")
    assertNotContains(response, "Als ambtenaar")


def test_an_account_without_a_role_is_told_so(client):
    client.force_login(UserFactory())

    assertContains(client.get("/"), "Je account heeft nog geen rol.")


# --- Header, navigation and footer -------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "menu"),
    [
        ("anoniem", ["Home", "Opgaven", "Doe mee"]),
        ("inwoner", ["Home", "Opgaven", "Doe mee", "Mijn inbreng", "Mijn account"]),
        (
            "ambtenaar",
            ["Home", "Opgaven", "Doe mee", "Partners", "Leren", "Rapportage", "Mijn account"],
        ),
        ("partner_lid", ["Home", "Opgaven", "Doe mee", "Mijn organisatie", "Mijn account"]),
        (
            "adviseur",
            ["Home", "Opgaven", "Doe mee", "Partners", "Leren", "Coaching", "Mijn account"],
        ),
        ("beheerder", ["Home", "Opgaven", "Doe mee", "Partners", "Mijn account", "Beheer"]),
    ],
)
def test_main_menu_follows_what_the_visitor_may_do(client, request, persona, menu):
    log_in(client, request, persona)

    assert main_menu(client.get("/")) == menu


def test_main_menu_marks_the_current_page(client):
    html = client.get("/").content.decode()

    assert '<a class="utrecht-nav-list__link site-nav__link" href="/" aria-current="page">' in html
    assert 'href="/opgaven/" aria-current' not in html


def test_header_shows_the_user_and_a_logout_form(client, inwoner):
    client.force_login(inwoner)

    response = client.get("/")

    assertContains(response, "Ilse Inwoner</p>")
    assertContains(
        response, '<form class="site-header__form" method="post" action="/accounts/logout/">'
    )
    assertContains(response, ">Uitloggen</button>")


def test_shell_has_skip_link_live_messages_htmx_and_language_switch(client):
    html = client.get("/").content.decode()

    assert 'href="#inhoud">Naar de inhoud</a>' in html
    assert '<main id="inhoud"' in html
    assert 'role="status" aria-live="polite"' in html
    assert '<script src="/static/django_htmx/htmx-2.min.js"' in html
    assert re.search(r"<body [^>]*hx-headers='\{\"X-CSRFToken\": \"\w{64}\"\}'", html)
    assert '<form class="site-language" action="/i18n/setlang/" method="post">' in html
    assert 'for="taalkeuze">Taal</label>' in html
    assert '<select class="utrecht-select utrecht-select--html-select' in html


def test_login_link_and_language_switch_return_to_the_current_page(client):
    response = client.get("/privacy/?deel=2")

    assertContains(response, 'href="/accounts/login/?next=/privacy/%3Fdeel%3D2">Inloggen</a>')
    assertContains(response, '<input name="next" type="hidden" value="/privacy/?deel=2">')


def test_a_message_is_shown_in_the_live_region(client, inwoner):
    # Logging out through the real form leaves allauth's "signed out" message.
    client.force_login(inwoner)

    response = client.post("/accounts/logout/", follow=True)

    html = response.content.decode()
    assert re.search(r'id="berichten"[^>]*>\s*<div class="utrecht-alert utrecht-alert--ok">', html)


@pytest.mark.parametrize("path", ["/", "/privacy/", "/toegankelijkheid/"])
def test_footer_links_the_statements(client, path):
    html = footer(client.get(path))

    assert 'href="/toegankelijkheid/">Toegankelijkheidsverklaring</a>' in html
    assert 'href="/privacy/">Privacyverklaring</a>' in html


# --- The statements ---------------------------------------------------------------------


def test_privacy_statement_says_what_is_processed_why_and_the_rights(client):
    response = client.get("/privacy/")

    assert response.status_code == 200
    for text in [
        '<h1 class="utrecht-heading-1">Privacyverklaring</h1>',
        "Het platform is nog in opbouw. Deze verklaring beschrijft wat het nu doet.",
        "Accountgegevens",
        "Je e-mailadres, je weergavenaam en je rollen op het platform.",
        "de geheime sleutel van je authenticator-app en je herstelcodes",
        "Op de pagina van de opgave staat je weergavenaam bij je rol.",
        "Meldingen",
        "technische logbestanden",
        "artikel 6 lid 1 sub e AVG",
        "Hoe lang we gegevens bewaren",
        "zolang je account bestaat",
        "nog geen vaste bewaartermijn",
        "inzage:",
        "correctie:",
        "verwijdering:",
        "mailto:privacy@demodam.nl",
        "Binnenkort kun je dit ook zelf in je account doen.",
        "Autoriteit Persoonsgegevens",
        "Laatst gewijzigd op 28 november 2026.",
    ]:
        assertContains(response, text)


@pytest.mark.parametrize(
    "promise",
    [
        "Europese Unie",  # no hosting location is fixed in code or configuration
        "twee jaar",  # unused accounts are not removed automatically
        "90 dagen",  # logs have no retention period set
        "export",  # there is no export of personal data
        "hooguit een jaar",  # wijk/leeftijdsgroep and learning entries are not built
        "U kunt uw account zelf verwijderen",
        "je account zelf verwijderen",
        "naam eruit",  # input is not anonymised on account deletion
        "audittrail",
    ],
)
def test_privacy_statement_promises_nothing_the_platform_does_not_do(client, promise):
    assertNotContains(client.get("/privacy/"), promise)


def test_accessibility_statement_follows_the_dutch_model(client):
    response = client.get("/toegankelijkheid/")

    assert response.status_code == 200
    for text in [
        '<h1 class="utrecht-heading-1">Toegankelijkheidsverklaring</h1>',
        "Dit platform voldoet gedeeltelijk aan WCAG 2.2 niveau AA.",
        "onafhankelijke toegankelijkheidsexpert",
        "axe-core",
        "alleen met het toetsenbord",
        "mailto:toegankelijkheid@demodam.nl",
        "Nationale ombudsman",
        "opgesteld op 27 november 2026",
    ]:
        assertContains(response, text)


@pytest.mark.parametrize("path", ["/", "/privacy/", "/toegankelijkheid/"])
def test_site_pages_refuse_post(client, path):
    assert client.post(path).status_code == 405


# --- One tone of address ----------------------------------------------------------------


def visible_text(response) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize(
    ("persona", "path"),
    [
        ("anoniem", "/"),
        ("anoniem", "/privacy/"),
        ("anoniem", "/toegankelijkheid/"),
        ("anoniem", "/bestaat-niet/"),
        ("anoniem", "/accounts/login/"),
        ("anoniem", "/accounts/login/code/"),
        ("anoniem", "/accounts/signup/"),  # Django's password rules as help text
        ("anoniem", "/accounts/password/reset/"),
        ("inwoner", "/"),
        ("inwoner", "/accounts/password/change/"),
        ("inwoner", "/accounts/email/"),
        ("inwoner", "/accounts/2fa/"),
        ("ambtenaar", "/opgaven/"),
        ("ambtenaar", "/opgaven/nieuw/"),
    ],
)
def test_pages_address_the_reader_as_je(client, request, persona, path):
    """Also the texts from Django and allauth: the formal "u/uw" nowhere on a page."""
    log_in(client, request, persona)

    response = client.get(path)

    assert response.status_code in {200, 404}
    assert formal_you(visible_text(response)) == []


def test_signup_shows_the_password_rules_in_our_wording(client):
    response = client.get("/accounts/signup/")

    assertContains(response, "Je wachtwoord moet minstens 10 tekens lang zijn.")
    assertContains(response, "Je wachtwoord mag niet alleen uit cijfers bestaan.")


# --- Language -------------------------------------------------------------------------------


def test_language_switch_makes_the_next_page_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/privacy/"})

    assertRedirects(response, "/privacy/", fetch_redirect_response=False)
    page = client.get("/privacy/")
    assertContains(page, '<html lang="en"')
    assertContains(page, '<h1 class="utrecht-heading-1">Privacy statement</h1>')
    assertNotContains(page, "Privacyverklaring</h1>")
    assert main_menu_english(page) == ["Home", "Opgaven", "Take part"]


def main_menu_english(response) -> list[str]:
    html = response.content.decode()
    nav = re.search(r'<nav [^>]*aria-label="Main navigation">(.*?)</nav>', html, re.S)
    return re.findall(r"<a [^>]*>(.*?)</a>", nav.group(1))


def test_language_switch_back_to_dutch(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})

    assertContains(client.get("/"), "Samen werken aan opgaven")
