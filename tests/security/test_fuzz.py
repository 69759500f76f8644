"""A hypothesis fuzz of every form (issue 10 point 7): no input yields a 500.

Every POST case of the permission matrix that carries form data is sent, as a persona
the matrix lets through, with data hypothesis builds from the case's own field names:
the valid value, nothing, the field left out, unicode with control characters and
NUL, a huge string, negative and huge numbers, dates in odd formats, several values
at once. Each example runs in a savepoint that is rolled back, so every example starts
from the same world.

The answer must never be a 500; when a form that would have been accepted comes back
(200 or 400, HTML), it carries an error message, in Dutch.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from datetime import date

from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.test import Client
from django.urls import reverse

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests import permission_matrix as matrix
from tests.security._payloads import groepen, post_cases
from tests.security.test_permission_matrix import Fixtures, afgeronde_opgave  # noqa: F401

pytestmark = pytest.mark.django_db

GROEPEN = groepen()
# Examples per form: the whole fuzz stays near a minute. For a deeper, random run:
# FUZZ_VOORBEELDEN=200 FUZZ_WILLEKEURIG=1 pytest tests/security/test_fuzz.py
VOORBEELDEN = int(os.environ.get("FUZZ_VOORBEELDEN", "6"))
WILLEKEURIG = bool(os.environ.get("FUZZ_WILLEKEURIG"))
STATUSSEN: Counter = Counter()
WEG = object()  # the field is left out

VREEMD = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "\r\n\t",
        "-1",
        "0",
        "-99999999999999999999",
        "9" * 40,
        "1e309",
        "NaN",
        "-Infinity",
        "0.0000001",
        "1,5",
        "€ 1.000,00",
        "١٢٣",
        "2026-02-30",
        "31-12-2026",
        "2026/13/01",
        "0000-00-00",
        "99999-12-31",
        "12:99",
        "on",
        "None",
        "[]",
        "{{ 7*7 }}",
        "<script>alert(1)</script>",
        "💥" * 20,
    ]
)
DATUM_FORMATEN = ("%Y-%m-%d", "%d-%m-%Y", "%m/%d/%Y", "%Y%m%d", "%d %B %Y", "%Y-%j")


def waarden(geldig) -> st.SearchStrategy:
    """What a field may be sent as, around its valid value ``geldig``."""
    enkel = st.one_of(
        st.just(str(geldig)),
        VREEMD,
        st.text(max_size=60),
        st.integers(min_value=1_000, max_value=120_000).map(lambda n: "é" * n),
        st.integers(min_value=-(10**25), max_value=10**25).map(str),
        st.decimals(allow_nan=True, allow_infinity=True, places=3).map(str),
        st.builds(
            lambda d, f: d.strftime(f),
            st.dates(min_value=date(1, 1, 1)),
            st.sampled_from(DATUM_FORMATEN),
        ),
    )
    return st.one_of(st.just(geldig), enkel, st.just(WEG), st.lists(enkel, min_size=2, max_size=3))


ENGELS = re.compile(
    r"This field is required|Enter a valid|Ensure this value|Select a valid choice|"
    r"Enter a (whole )?number|Null characters are not allowed|is not a valid|"
    r"Please correct the following"
)
FOUT = re.compile(r"utrecht-form-field-error-message|error-summary|utrecht-alert--error")


def controleer(case: matrix.Case, persona: str, response) -> None:
    """The checks of one answer (raises AssertionError for hypothesis to shrink)."""
    assert response.status_code < 500, f"status {response.status_code}"
    verwacht = case.expected[persona]
    if (
        isinstance(verwacht, matrix.Redirect)
        and response.status_code in (200, 400)
        and response.get("Content-Type", "").startswith("text/html")
        and not response.streaming
    ):
        html = response.content.decode()
        assert FOUT.search(html), "the form came back without an error message"
        engels = ENGELS.search(html)
        assert engels is None, f"an English error message: {engels and engels.group(0)!r}"


def fuzz(case: matrix.Case, persona: str, url: str, client: Client, geldig: dict) -> int:
    """Run hypothesis on one form; answers the number of examples it sent."""
    gestuurd = 0

    @settings(
        max_examples=VOORBEELDEN,
        deadline=None,
        derandomize=not WILLEKEURIG,
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        # Huge strings are the point; the form is rebuilt per case inside one test.
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
            HealthCheck.nested_given,
            HealthCheck.differing_executors,
        ],
    )
    @given(st.fixed_dictionaries({veld: waarden(geldig[veld]) for veld in sorted(geldig)}))
    def probeer(data):
        nonlocal gestuurd
        gestuurd += 1
        verzonden = {k: v for k, v in data.items() if v is not WEG}
        with transaction.atomic():
            response = client.post(url, verzonden)
            transaction.set_rollback(True)
        STATUSSEN[response.status_code] += 1
        controleer(case, persona, response)

    probeer()
    return gestuurd


class _Nieuw(Exception):
    """A fixture the builder asked for that does not exist yet."""


class _Opnemer:
    """Hands out the fixtures that exist; for a new one, notes its name and stops."""

    def __init__(self, f: Fixtures, klaar: set[str]) -> None:
        self._f, self._klaar = f, klaar

    def __getattr__(self, naam: str):
        if naam not in self._klaar:
            raise _Nieuw(naam)
        return getattr(self._f, naam)


def fixtures_klaarzetten(f: Fixtures, case: matrix.Case, persona: str) -> None:
    """Create, for good, every fixture the case's builders use, without keeping what the
    builders themselves make: they run in a savepoint that is rolled back, and each new
    fixture they ask for is made outside it (pytest keeps it for the whole test)."""
    klaar = f.__dict__.setdefault("_klaar", set())
    getattr(f, persona)
    klaar.add(persona)
    for _ in range(30):
        try:
            with transaction.atomic():
                opnemer = _Opnemer(f, klaar)
                case.kwargs(opnemer)
                case.data(opnemer)
                transaction.set_rollback(True)
            return
        except _Nieuw as nieuw:
            getattr(f, nieuw.args[0])
            klaar.add(nieuw.args[0])


@pytest.mark.parametrize("groep", list(GROEPEN))
def test_no_form_input_gives_a_500(groep, request, settings_fixture):
    f = Fixtures(request)
    gevonden: list[str] = []
    overgeslagen: list[str] = []
    vormen = 0
    voorbeelden = 0

    cases = post_cases(GROEPEN[groep])
    for case, persona in cases:
        try:
            fixtures_klaarzetten(f, case, persona)
        except Exception as fout:  # a fixture that does not fit this area's world
            overgeslagen.append(f"{case.id}: {type(fout).__name__}")
            continue
        # Each form in a savepoint of its own: what one row's builder changes (a plan
        # put to the partners) is gone before the next row builds its objects.
        with transaction.atomic():
            try:
                with transaction.atomic():
                    url = reverse(case.url_name, kwargs=case.kwargs(f))
                    geldig = case.data(f)
            except Exception as fout:
                overgeslagen.append(f"{case.id}: {type(fout).__name__}")
                geldig = None
            if geldig:
                client = Client()
                client.force_login(getattr(f, persona))
                vormen += 1
                try:
                    voorbeelden += fuzz(case, persona, url, client, geldig)
                except Exception as fout:
                    notes = "\n".join(getattr(fout, "__notes__", []))
                    gevonden.append(
                        f"{case.id} as {persona}: {type(fout).__name__}: {fout}"[:1500]
                        + notes[:1500]
                    )
            transaction.set_rollback(True)

    print(
        f"\n[{groep}] fuzzed {vormen} forms with {voorbeelden} examples; "
        f"skipped {overgeslagen}; answers so far {dict(STATUSSEN)}"
    )
    assert not gevonden, f"{len(gevonden)} form(s) broke:\n" + "\n\n".join(gevonden)
    # Two rows of one area may want fixtures that exclude each other (a proposal being
    # carried out wants a finished vote, another row an open one): at most a few skip.
    assert len(overgeslagen) <= max(1, vormen // 5), overgeslagen


@pytest.fixture
def settings_fixture(settings):
    settings.REQUIRE_MFA_FOR_STAFF = True
    return settings


# --- The checks themselves ------------------------------------------------------------


def _pagina(status: int, tekst: str) -> HttpResponse:
    return HttpResponse(f"<html><body>{tekst}</body></html>", status=status)


def test_the_checks_catch_a_500_a_silent_form_and_an_english_error():
    formulier = matrix.Case("opgaven:add", matrix.expect(matrix.Redirect("opgaven:detail")))
    fout_nl = '<div class="utrecht-form-field-error-message">Dit veld is verplicht.</div>'
    fout_en = '<div class="utrecht-form-field-error-message">This field is required.</div>'
    controleer(formulier, "regisseur", _pagina(400, fout_nl))
    controleer(formulier, "regisseur", HttpResponseRedirect("/opgaven/"))
    for antwoord in (_pagina(500, fout_nl), _pagina(200, "<form></form>"), _pagina(400, fout_en)):
        with pytest.raises(AssertionError):
            controleer(formulier, "regisseur", antwoord)
