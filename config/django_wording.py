"""Django texts our pages show, worded in the site's Dutch ("je", not "u").

Django's own Dutch catalogue addresses the reader formally ("Uw wachtwoord ...").
The sign-up and password pages show these password rules as help text. Listing
the msgids here puts them in the project catalogue (locale/), which Django
prefers over every app's catalogue, so our wording wins.

Nothing imports this module; it exists for makemessages. tests/test_translations.py
checks, through Django's own validators, that our wording still applies.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

# The msgids must be Django's exactly, typographic apostrophe included.
# ruff: noqa: RUF001

DJANGO_MSGIDS = (
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
)
