"""Shared helpers of the role journeys (issue 11): log in, check focus, save screenshots.

Screenshots go to ``docs/screenshots/`` only when ``SCREENSHOTS=1`` (``make screenshots``),
so that an ordinary test run never rewrites the committed files.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from accounts.models import User
from opgaven.models import Opgave
from participatie.models import Inbreng, Ronde, Trede
from participatie.services import deelnemen, inbreng_indienen, ronde_aanmaken, ronde_status_wijzigen

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 800}
ENERGIE = "Energietransitie Demodam-Noord"
EENZAAMHEID = "Samen tegen eenzaamheid"


def screenshot(page, naam: str) -> None:
    """Save the visible screen as ``docs/screenshots/<naam>.png`` when asked to."""
    if os.environ.get("SCREENSHOTS") != "1":
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(VIEWPORT)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / f"{naam}.png"), animations="disabled")


def focus_is_visible(page) -> bool:
    """The focused element draws a focus ring: an outline (or a box-shadow) that shows."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return false;
            const s = getComputedStyle(el);
            const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
                && s.outlineColor !== 'transparent' && s.outlineColor !== 'rgba(0, 0, 0, 0)';
            const shadow = s.boxShadow && s.boxShadow !== 'none';
            return outline || shadow;
        }"""
    )


def tab_tot_zichtbaar(page, omschrijving: str, test: str, max_stappen: int = 150) -> None:
    """Press Tab until ``test`` holds for the focused element; on every stop the focus
    must be visible (WCAG 2.4.7)."""
    for _ in range(max_stappen):
        page.keyboard.press("Tab")
        beschrijving = page.evaluate(
            "() => { const el = document.activeElement;"
            " return el.tagName + ' ' + (el.id || el.name || el.textContent.trim().slice(0, 40)); }"
        )
        if not beschrijving.startswith("BODY"):  # the document itself: no control has focus
            assert focus_is_visible(page), f"no visible focus on {beschrijving} ({page.url})"
        if page.evaluate(f"(el => {test})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {omschrijving}")


def open_ronde_met_inbreng(titels: list[str]) -> Ronde:
    """An open round of the regisseur on the energy opgave, with input of the demo
    resident: the regisseur manages it, so they can give feedback and close it."""
    regisseur = User.objects.get(email="regisseur@demodam.nl")
    inwoner = User.objects.get(email="inwoner@demodam.nl")
    vandaag = timezone.localdate()
    ronde = ronde_aanmaken(
        opgave=Opgave.objects.get(titel=ENERGIE),
        door=regisseur,
        titel="Laadpalen in Noorderpolder",
        vraag="Waar wil je een laadpaal in de buurt?",
        toelichting="We zoeken plekken voor laadpalen.",
        invloedsruimte="Je denkt mee over de plekken; dat er laadpalen komen ligt vast.",
        trede=Trede.RAADPLEGEN,
        start=vandaag - timedelta(days=10),
        eind=vandaag + timedelta(days=20),
    )
    ronde = ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.OPEN, door=regisseur)
    deelnemen(ronde=ronde, user=inwoner)
    for titel in titels:
        inbreng_indienen(
            ronde=ronde, auteur=inwoner, soort=Inbreng.Soort.IDEE, titel=titel, tekst=titel
        )
    return ronde
