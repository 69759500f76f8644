"""XSS: the corpus of ``_payloads.py`` through every form field and query parameter.

*Stored*: every POST case of the permission matrix that an allowed persona may send
is sent again with a payload in each of its text fields (a different payload per
field, rotating through the corpus). Then the pages that show the objects are read:
the page the POST redirects to (plainly and as an htmx fragment), and every GET page
of the matrix as the busiest persona who may open it. No payload may reach the HTML
unescaped, nor the HTML part of an e-mail; the progress report's PDF shows a payload
as text; in CSV and XLSX exports no text cell may start a formula.

*Reflected*: while reading those pages, ``q``, ``page``/``pagina``, the ordering
parameters and the fields of the page's own GET forms are set to payloads (a second
time as an htmx request where the view has a fragment): never a 500, never a raw
payload.

The matrix runs per file (``tests/matrix/*.py``, plus the main table as "kern"): the
fixtures of one area fit together, those of two areas need not.
"""

from __future__ import annotations

import csv
import inspect
import io
import itertools
import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils.html import escape

import pytest
from openpyxl import load_workbook

from tests import permission_matrix as matrix
from tests.security._payloads import (
    PAYLOADS,
    VOORKEUR,
    allowed,
    formula_cells,
    groepen,
    payload,
    post_cases,
    raw_hits,
)
from tests.security.test_permission_matrix import CASES, Fixtures, afgeronde_opgave  # noqa: F401

pytestmark = pytest.mark.django_db

# Query parameters every list could take; the page's own GET form fields come on top.
QUERY_PARAMS = ("q", "page", "pagina", "sort", "ordering", "volgorde")
# A POST that removes or ends something leaves nothing to show a payload in.
# set_language stores nothing (and would switch the persona to English).
VERWIJDEREND = re.compile(
    r"verwijder|beeindig|intrek|afmelden|afsluiten|alles_gelezen|set_language"
)
NIET_TEKST = re.compile(r"^-?[\d.,]+$|^\d{4}-\d{2}-\d{2}")


# --- Helpers ------------------------------------------------------------------------------


class Formulieren(HTMLParser):
    """The forms of a page: per form its method and its fields (tag, type, name)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"method": (a.get("method") or "get").lower(), "fields": []})
        elif tag in ("input", "textarea", "select") and self.forms and a.get("name"):
            soort = tag if tag != "input" else (a.get("type") or "text").lower()
            self.forms[-1]["fields"].append((tag, soort, a["name"]))


def formulieren(html: str) -> list[dict[str, Any]]:
    parser = Formulieren()
    parser.feed(html)
    return parser.forms


def tekstvelden(html: str) -> set[str]:
    """The names of the free-text fields of the POST forms on a page."""
    return {
        naam
        for form in formulieren(html)
        if form["method"] == "post"
        for _tag, soort, naam in form["fields"]
        if soort in ("text", "textarea", "search", "url")
    }


def get_velden(html: str) -> set[str]:
    """The names of the fields of the GET forms (filters, search) on a page."""
    return {
        naam
        for form in formulieren(html)
        if form["method"] == "get"
        for _tag, soort, naam in form["fields"]
        if soort not in ("submit", "button")
    }


def velden_met_fout(html: str) -> set[str]:
    return set(re.findall(r'id="id_([\w-]+)_error"', html))


def is_html(response) -> bool:
    return not response.streaming and response.get("Content-Type", "").startswith("text/html")


def inhoud(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


_HTMX: dict[str, bool] = {}


def met_htmx(url: str) -> bool:
    """Whether the view behind ``url`` answers htmx requests differently."""
    func = resolve(urlsplit(url).path).func
    func = getattr(func, "view_class", func)
    module = inspect.getmodule(func)
    naam = module.__name__ if module else ""
    if naam not in _HTMX:
        try:
            _HTMX[naam] = "htmx" in inspect.getsource(module)
        except (OSError, TypeError):
            _HTMX[naam] = False
    return _HTMX[naam]


class Wereld:
    """The matrix's fixtures, one logged-in client per persona, and what went wrong."""

    def __init__(self, request) -> None:
        self.f = Fixtures(request)
        self.clients: dict[str, Client] = {}
        self.fouten: list[str] = []
        self.overgeslagen: list[str] = []
        self.gelezen = 0
        self.gereflecteerd = 0
        self.bereid_: dict[str, tuple[str, dict] | None] = {}

    def bereid(self, case: matrix.Case) -> tuple[str, dict] | None:
        """The URL and data of ``case`` (once), or None when its fixtures do not fit
        this world (another area's fixture already changed what this one needs)."""
        if case.id not in self.bereid_:
            try:
                with transaction.atomic():  # a failing fixture leaves the world usable
                    url = reverse(case.url_name, kwargs=case.kwargs(self.f))
                    self.bereid_[case.id] = (url, case.data(self.f))
            except Exception as fout:
                self.overgeslagen.append(f"{case.id}: {type(fout).__name__}")
                self.bereid_[case.id] = None
        return self.bereid_[case.id]

    def client(self, persona: str) -> Client:
        if persona not in self.clients:
            client = Client()
            user = getattr(self.f, persona)
            if user is not None:
                client.force_login(user)
            self.clients[persona] = client
        return self.clients[persona]

    def get(self, persona: str, url: str, params=None, htmx: bool = False):
        headers = {"HX-Request": "true"} if htmx else {}
        waar = f"GET {url} {params or ''} as {persona}{' (htmx)' if htmx else ''}"
        try:
            response = self.client(persona).get(url, params or {}, headers=headers)
        except Exception as fout:  # the test client re-raises a view's exception (a 500)
            self.fouten.append(f"{waar}: {type(fout).__name__}: {fout}")
            return None
        self.gelezen += 1
        self.controleer(response, waar)
        return response

    def controleer(self, response, waar: str) -> None:
        if response.status_code >= 500:
            self.fouten.append(f"{waar}: status {response.status_code}")
        if is_html(response):
            self.fouten += [f"{waar}: {hit}" for hit in raw_hits(response.content.decode())]


def get_pages(cases: list[matrix.Case]) -> list[tuple[matrix.Case, list[str]]]:
    """The GET cases with, per case, the personas who get a 200 (busiest first)."""
    found = []
    for case in cases:
        if case.method != "get" or case.url_name.startswith("admin:"):
            continue
        voorkeur = [p for p in (*VOORKEUR, "anoniem") if case.expected[p] == 200]
        if voorkeur:
            found.append((case, voorkeur))
    return found


# --- Stored -------------------------------------------------------------------------------


def inject(w: Wereld, case: matrix.Case, persona: str, waarde) -> tuple[Any, list, list]:
    """POST ``case`` as ``persona`` with ``waarde(veld)`` in each free-text field.

    The text fields are those the form page shows as text inputs (or, for a POST-only
    URL, every value that is not a number or a date). A field that refuses its payload
    (a choice, a validated format) gets its valid value back and the form is sent again.
    Answers the last response, the fields that kept a payload and all that got one.
    """
    if w.bereid(case) is None:
        return None, [], []
    url, data = w.bereid(case)
    velden = [k for k, v in data.items() if isinstance(v, str) and not NIET_TEKST.match(v)]
    formulier = w.client(persona).get(url)
    if formulier.status_code == 200 and is_html(formulier):
        op_pagina = tekstvelden(formulier.content.decode())
        if op_pagina & set(data):
            velden = [k for k in data if k in op_pagina]
    alle = list(velden)
    poging = {**data, **{veld: waarde(veld) for veld in velden}}
    response = None
    for _ in range(len(velden) + 1):
        waar = f"POST {url} as {persona} with {poging}"
        try:
            response = w.client(persona).post(url, poging)
        except Exception as fout:
            w.fouten.append(f"{waar}: {type(fout).__name__}: {fout}")
            return None, [], alle
        w.controleer(response, waar)
        html = response.content.decode(errors="replace") if is_html(response) else ""
        geweigerd = velden_met_fout(html) & set(velden)
        if (response.status_code < 400 and not geweigerd) or not velden:
            break
        # A field that names its error gets its valid value back; a form that does not
        # say which field (a POST-only URL, a 404 for a payload as slug) gets them back
        # one by one.
        for veld in geweigerd or velden[:1]:
            poging[veld] = data[veld]
            velden.remove(veld)
    return response, velden, alle


GROEPEN = groepen()
# Pages that show what every area writes about an opgave, read in every area too.
KERN_PAGINAS = [
    case
    for case in matrix.CASES
    if case.method == "get" and case.url_name in ("opgaven:detail", "meldingen:inbox")
]


@pytest.mark.parametrize("groep", list(GROEPEN))
def test_payloads_are_escaped_in_pages_fragments_and_mails(
    groep, request, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.REQUIRE_MFA_FOR_STAFF = True
    w = Wereld(request)
    cases = GROEPEN[groep]
    nummers = itertools.count(1)
    geprobeerd: list[tuple[str, str]] = []  # (case, field) that got a payload
    opgeslagen: list[tuple[str, str]] = []  # (case, field) whose payload was accepted

    # Stored: every POST with a payload per text field, then the page it leads to.
    for case, persona in post_cases(cases):
        if VERWIJDEREND.search(case.url_name):
            continue
        with django_capture_on_commit_callbacks(execute=True):
            response, velden, alle = inject(w, case, persona, lambda _v: payload(next(nummers)))
        geprobeerd += [(case.id, veld) for veld in alle]
        if response is None or not allowed_outcome(response):
            continue
        opgeslagen += [(case.id, veld) for veld in velden]
        doel = response["Location"]
        w.get(persona, doel)
        if met_htmx(doel):
            w.get(persona, doel, htmx=True)

    # Every page of the area as a persona who may open it, with the query parameters as
    # payloads (reflected) while it shows what was stored; then the fields of its own GET
    # forms as payloads too, and as an htmx fragment where the view has one.
    gelezen = set()
    for case, personas in get_pages([*cases, *KERN_PAGINAS]):
        if w.bereid(case) is None:
            continue
        url, basis = w.bereid(case)
        persona = personas[0]
        if (url, persona) in gelezen:
            continue
        gelezen.add((url, persona))
        params = {p: payload(10_000 + i) for i, p in enumerate(QUERY_PARAMS)}
        eerste = w.get(persona, url, {**params, **basis})
        w.gereflecteerd += len(params)
        if eerste is None or eerste.status_code != 200 or not is_html(eerste):
            continue
        filters = sorted(get_velden(eerste.content.decode()) - set(QUERY_PARAMS))
        htmx = met_htmx(url)
        if filters or htmx:
            params = {p: payload(20_000 + i) for i, p in enumerate(sorted({*params, *filters}))}
            w.get(persona, url, {**basis, **params}, htmx=htmx)
            w.gereflecteerd += len(filters)

    # E-mails: the HTML part is HTML, so it must escape like a page; no template runs.
    html_mails = 0
    for mail in mailoutbox:
        waar = f"mail {mail.subject!r} to {mail.to}"
        assert "\n" not in mail.subject, waar
        for tekst, soort in getattr(mail, "alternatives", []):
            if soort == "text/html":
                html_mails += 1
                w.fouten += [f"{waar}: {hit}" for hit in raw_hits(tekst)]
        w.fouten += [f"{waar}: template ran" for _ in re.finditer(r"tpl\d+49", mail.body)]

    assert not w.fouten, f"{len(w.fouten)} finding(s):\n" + "\n".join(w.fouten[:40])
    print(
        f"\n[{groep}] stored: {len(geprobeerd)} fields got a payload, {len(opgeslagen)} "
        f"accepted; {w.gelezen} pages read; reflected: {len(gelezen)} URLs, "
        f"{w.gereflecteerd} params; mails {len(mailoutbox)} "
        f"({html_mails} HTML); skipped {w.overgeslagen}"
    )
    assert w.gelezen > 0


def allowed_outcome(response) -> bool:
    if response.status_code not in (301, 302, 303):
        return False
    try:
        return allowed(matrix.Redirect(resolve(urlsplit(response["Location"]).path).view_name))
    except Resolver404:
        return False


def case_named(case_id: str) -> tuple[matrix.Case, str]:
    for case, persona in post_cases(CASES):
        if case.id == case_id:
            return case, persona
    raise LookupError(case_id)


FORMULE = '=HYPERLINK("http://evil.example/x")'


def cellen_csv(data: bytes) -> list[str]:
    rijen = csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";")
    return [cel for rij in rijen for cel in rij]


def cellen_xlsx(data: bytes) -> list[Any]:
    boek = load_workbook(io.BytesIO(data), read_only=True)
    return [
        cel for blad in boek.worksheets for rij in blad.iter_rows(values_only=True) for cel in rij
    ]


def test_exports_neutralise_formulas_and_the_pdf_shows_payloads_as_text(
    request, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """A formula planted in an action and an idea stays text in CSV and XLSX; a doel and
    an action with markup in their title appear as that text in the progress report."""
    settings.REQUIRE_MFA_FOR_STAFF = True
    w = Wereld(request)
    for case_id in ("POST opgaven:actie_nieuw[openbaar]", "POST participatie:inbreng_nieuw"):
        case, persona = case_named(case_id)
        response, velden, _ = inject(w, case, persona, lambda _veld: FORMULE)
        assert response.status_code == 302 and "titel" in velden, (case_id, velden)
    for case_id in ("POST opgaven:actie_nieuw[openbaar]", "POST opgaven:doel_nieuw[openbaar]"):
        case, persona = case_named(case_id)
        response, velden, _ = inject(w, case, persona, lambda _veld: payload(0))
        assert response.status_code == 302 and "titel" in velden, (case_id, velden)

    exports = [
        ("rapportage:export_acties", {"slug": w.f.opgave.slug}),
        ("rapportage:export_inbreng", {"slug": w.f.ronde.slug}),
    ]
    for url_name, kwargs in exports:
        for formaat, cellen in (("csv", cellen_csv), ("xlsx", cellen_xlsx)):
            url = reverse(url_name, kwargs={**kwargs, "formaat": formaat})
            response = w.client("regisseur").get(url)
            assert response.status_code == 200, url
            alle = cellen(inhoud(response))
            assert "'" + FORMULE in alle, (url, "the planted formula is not in the export", alle)
            assert formula_cells(alle) == [], url

    html: list[str] = []
    import rapportage.pdf

    origineel = rapportage.pdf.render_to_string

    def opnemen(*args, **kwargs):
        html.append(origineel(*args, **kwargs))
        return html[-1]

    monkeypatch.setattr(rapportage.pdf, "render_to_string", opnemen)
    # The text WeasyPrint laid out (pypdf is not installed): the payload must be text there.
    import weasyprint

    tekst: list[str] = []
    render = weasyprint.HTML.render

    def uitlezen(self, *args, **kwargs):
        document = render(self, *args, **kwargs)
        tekst.extend(t for pagina in document.pages for t in _teksten(pagina._page_box))
        return document

    monkeypatch.setattr(weasyprint.HTML, "render", uitlezen)
    case, persona = case_named("POST rapportage:aanvragen[voortgang]")
    url = reverse(case.url_name, kwargs=case.kwargs(w.f))
    with django_capture_on_commit_callbacks(execute=True):
        response = w.client(persona).post(url, case.data(w.f))
    assert response.status_code == 302
    assert len(html) == 1, "the progress report was not built"
    assert raw_hits(html[0]) == []
    assert "&lt;script&gt;alert(0)&lt;/script&gt;" in html[0]
    assert "<script>alert(0)</script>" in " ".join(tekst)
    assert not w.fouten, w.fouten


def _teksten(box):
    if getattr(box, "text", None):
        yield box.text
    for kind in getattr(box, "children", ()):
        yield from _teksten(kind)


# --- The detector itself --------------------------------------------------------------


@pytest.mark.parametrize("n", range(len(PAYLOADS)))
def test_the_detector_sees_a_raw_payload_and_passes_an_escaped_one(n):
    """A leak would go unnoticed if the patterns missed it; escaped text must pass."""
    tekst = payload(n)
    ruw = {
        "javascript:alert": f'<a href="{tekst}">link</a>',
        "tpl": tekst.replace("{{ 7*7 }}", "49"),
        "dbg": tekst.replace("{% debug %}", "{'csrf_token': 'x'}"),
    }
    sleutel = next((k for k in ruw if tekst.startswith(k)), None)
    html = ruw[sleutel] if sleutel else f"<p>{tekst}</p>"
    assert raw_hits(html), html
    assert raw_hits(f'<p title="{escape(tekst)}">{escape(tekst)}</p>') == []


def test_formula_cells_are_found_and_numbers_are_not():
    assert formula_cells(["=1+1", "+31 6", "-2+3", "@SUM(A1)", "\tx"]) == [
        "=1+1",
        "+31 6",
        "-2+3",
        "@SUM(A1)",
        "\tx",
    ]
    assert formula_cells(["'=1+1", "-12,50", "-3", 7, None, "Tekst"]) == []
