"""Small screens and zoom (WCAG 1.4.10 Reflow), on the demo data (issue 11).

Key pages at 320 CSS pixels wide, and at 1280 pixels with 200% zoom. Chromium's
``device_scale_factor`` does not change the layout, so 200% zoom is simulated the way
the browser lays it out: a viewport of 640 x 400 CSS pixels (1280 x 800 at 200%).
No page may scroll sideways: ``scrollWidth <= clientWidth`` on the document.
"""

from django.urls import reverse

import pytest

from opgaven.models import Opgave
from participatie.models import Ronde
from tests.e2e._journey import EENZAAMHEID, ENERGIE
from tests.e2e.test_opgaven import inloggen

pytestmark = pytest.mark.e2e

BREEDTES = {
    "320 px": {"width": 320, "height": 640},
    "1280 px at 200%": {"width": 640, "height": 400},
}


def _te_breed(page, url: str) -> list[str]:
    fouten = []
    for naam, viewport in BREEDTES.items():
        page.set_viewport_size(viewport)
        response = page.goto(url)
        assert response.status == 200, url
        breed = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if breed[0] > breed[1]:
            # Name the widest element, to make the fix easy to find.
            dader = page.evaluate(
                """() => {
                    const w = document.documentElement.clientWidth;
                    let worst = null;
                    for (const el of document.querySelectorAll('body *')) {
                        const r = el.getBoundingClientRect();
                        if (r.right > w + 1 && (!worst || r.right > worst[1])) {
                            worst = [el.tagName + '.' + el.className + '#' + el.id, r.right];
                        }
                    }
                    return worst;
                }"""
            )
            fouten.append(f"{url} at {naam}: scrollWidth {breed[0]} > {breed[1]} ({dader})")
    return fouten


def test_key_pages_reflow_at_320_px_and_at_200_percent_zoom(
    page, live_server, demo, zonder_mfa, browser_errors
):
    url = live_server.url
    ronde = Ronde.objects.get(opgave__titel=EENZAAMHEID, status=Ronde.Status.OPEN)
    stemming = Ronde.objects.get(slug="wijkbudget-noorderpolder-2027")
    energie = Opgave.objects.get(titel=ENERGIE)
    fouten: list[str] = []

    inloggen(page, live_server, "inwoner@demodam.nl")
    for pad in [
        "/",
        ronde.get_absolute_url(),
        reverse("participatie:stembiljet", kwargs={"slug": stemming.slug}),
        reverse("meldingen:inbox"),
    ]:
        fouten += _te_breed(page, f"{url}{pad}")

    page.context.clear_cookies()
    inloggen(page, live_server, "regisseur@demodam.nl")
    for pad in [
        reverse("opgaven:list"),
        energie.get_absolute_url(),
        # Wide tables scroll inside their own region (site.css .site-tabel-rol).
        reverse("opgaven:plan", kwargs={"slug": energie.slug}),
        reverse("budget:pot", kwargs={"slug": energie.slug}),
        reverse("opgaven:geschiedenis", kwargs={"slug": energie.slug}),
        reverse("rapportage:portfolio"),
    ]:
        fouten += _te_breed(page, f"{url}{pad}")

    assert fouten == [], "\n".join(fouten)
    assert browser_errors == []
