"""allauth texts whose Dutch we word ourselves.

The site says "inloggen"/"uitloggen" (header, home page) where allauth's Dutch
catalogue says "aanmelden"/"afmelden", which in Dutch also means "to sign up".
A few of its translations are also wrong or garbled. Listing the msgids here
puts them in accounts/locale, and Django prefers that catalogue over
allauth's because "accounts" comes first in INSTALLED_APPS.

Nothing imports this module; it exists for makemessages. A test checks that
allauth still uses every msgid.
"""

from django.utils.translation import gettext_noop

ALLAUTH_MSGIDS = (
    # Inloggen and uitloggen, as in the rest of the site.
    gettext_noop("Sign In"),
    gettext_noop("Sign Out"),
    gettext_noop("Are you sure you want to sign out?"),
    gettext_noop("You have signed out."),
    gettext_noop("Send me a sign-in code"),
    gettext_noop("You will receive a special code for a password-free sign-in."),
    gettext_noop("Other sign-in options"),
    gettext_noop("Enter Sign-In Code"),
    gettext_noop("Sign-In Code"),
    gettext_noop("A sign-in code has been sent to %(recipient)s."),
    gettext_noop("Your sign-in code is listed below. Please enter it in your open browser window."),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    # Wrong or garbled in allauth's catalogue.
    gettext_noop("Email Verification"),
    gettext_noop("Enter Email Verification Code"),
    gettext_noop("Confirmation email sent to %(email)s."),
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam "
        "folder. Otherwise contact us if you do not receive it in a few minutes."
    ),
    # "a.u.b." (alstublieft) is the formal register; the site says "je".
    gettext_noop("Please contact us if you have any trouble resetting your password."),
)
