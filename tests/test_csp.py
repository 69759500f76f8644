"""A strict Content Security Policy, and pages that need nothing less strict.

The policy allows scripts and styles only from our own origin, so a page must
not contain inline script, inline style, ``style=`` or ``on...=`` attributes.
"""

from html.parser import HTMLParser

from django.test import Client, RequestFactory

import pytest

from config import views

pytestmark = pytest.mark.django_db


# <script> elements of these types are data blocks: browsers never run them.
DATA_BLOCK_TYPES = {"application/json", "application/ld+json"}


class InlineCode(HTMLParser):
    """Collects everything in a page that a strict CSP would block."""

    def __init__(self):
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "style" in attributes:
            self.problems.append(f'style="..." on <{tag}>')
        self.problems.extend(f"{name}= on <{tag}>" for name in attributes if name.startswith("on"))
        if tag == "style":
            self.problems.append("<style> element")
        is_data = (attributes.get("type") or "").lower() in DATA_BLOCK_TYPES
        if tag == "script" and not attributes.get("src") and not is_data:
            self.problems.append("inline <script>")
        for name in ("href", "src", "action", "formaction"):
            if (attributes.get(name) or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"javascript: URL in {name} of <{tag}>")

    handle_startendtag = handle_starttag


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    parser.close()
    return parser.problems


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def test_the_policy_is_strict(client):
    policy = directives(client.get("/"))

    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    every_value = [value for values in policy.values() for value in values]
    assert "'unsafe-inline'" not in every_value
    assert "'unsafe-eval'" not in every_value


def test_error_pages_carry_the_policy_too(client):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assert directives(response)["script-src"] == ["'self'"]


def test_the_parser_finds_inline_code():
    html = (
        '<p style="color:red" onclick="x()">a</p><style>p{}</style>'
        '<script>alert(1)</script><script src="/ok.js"></script><a href="javascript:x()">b</a>'
        '<script type="application/json">{"data": 1}</script>'
    )

    assert inline_code(html) == [
        'style="..." on <p>',
        "onclick= on <p>",
        "<style> element",
        "inline <script>",
        "javascript: URL in href of <a>",
    ]


@pytest.mark.parametrize(
    ("persona", "path"),
    [
        ("anoniem", "/"),
        ("inwoner", "/"),
        ("ambtenaar", "/"),
        ("partner_lid", "/"),
        ("adviseur", "/"),
        ("beheerder", "/"),
        ("anoniem", "/privacy/"),
        ("anoniem", "/toegankelijkheid/"),
        ("anoniem", "/bestaat-niet/"),
        ("anoniem", "/accounts/login/"),
        ("anoniem", "/accounts/signup/"),
        ("inwoner", "/accounts/email/"),
    ],
)
def test_pages_have_no_inline_script_or_style(client, request, persona, path):
    user = request.getfixturevalue(persona)
    if user is not None:
        client.force_login(user)

    response = client.get(path)

    assert response.status_code in {200, 404}
    assert "Content-Security-Policy" in response
    assert inline_code(response.content.decode()) == []


def test_csrf_and_500_pages_have_no_inline_script_or_style():
    csrf_page = Client(enforce_csrf_checks=True).post("/i18n/setlang/", {"language": "en"})
    server_error_page = views.server_error(RequestFactory().get("/"))

    assert csrf_page.status_code == 403
    assert inline_code(csrf_page.content.decode()) == []
    assert inline_code(server_error_page.content.decode()) == []
