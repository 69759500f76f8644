"""accounts.allauth_wording: our Dutch for allauth's texts wins, and still applies."""

import gettext
from pathlib import Path

from django.utils import translation

import allauth

from accounts.allauth_wording import ALLAUTH_MSGIDS


def allauth_msgids() -> set[str]:
    mo = Path(allauth.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "django.mo"
    with mo.open("rb") as catalogue:
        return set(gettext.GNUTranslations(catalogue)._catalog)


def test_allauth_still_uses_every_msgid_we_reword():
    assert set(ALLAUTH_MSGIDS) - allauth_msgids() == set()


def test_our_wording_wins_over_allauths():
    with translation.override("nl"):
        assert translation.gettext("Sign In") == "Inloggen"
        assert translation.gettext("Enter Email Verification Code") == "Bevestig je e-mailadres"
