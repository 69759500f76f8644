"""Password validators, as Django's, with messages that have a Dutch translation."""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


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
