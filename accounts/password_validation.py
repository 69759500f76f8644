"""Password validators, as Django's, with messages that have a good Dutch translation."""

from django.contrib.auth import password_validation
from django.utils.translation import gettext, ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum length check.

    Django 5.2 changed this error's msgid (to a positional ``%d``) and its
    Dutch catalogue has no translation for the new one yet, so users saw it in
    English. This is the msgid with the named placeholder that Django used
    before and still translates (accounts/locale has it too).
    """

    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    """Django's check that a password is not (nearly) the e-mail address or the name.

    Django's Dutch reads "lijkt te veel op de e-mailadres" (wrong article); this
    message addresses the person: "lijkt te veel op je e-mailadres". The
    display name (``weergavenaam``) is checked too: Django only knows its own fields.
    """

    DEFAULT_USER_ATTRIBUTES = ("email", "weergavenaam")

    def __init__(self, user_attributes=DEFAULT_USER_ATTRIBUTES, max_similarity=0.7):
        super().__init__(user_attributes=user_attributes, max_similarity=max_similarity)

    def get_error_message(self) -> str:
        return gettext("Your password is too much like your %(verbose_name)s.")
