"""Forms of accounts' own pages (allauth's forms live in allauth)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class AccountVerwijderenForm(forms.Form):
    """The confirmation step of erasing one's account: type the address, tick the box."""

    email = forms.CharField(
        label=_("Your e-mail address"),
        help_text=_("Type the e-mail address you log in with, to confirm it is you."),
        max_length=254,
    )
    begrepen = forms.BooleanField(
        label=_(
            "I understand that my account and personal data will be erased after 7 days, "
            "and that this cannot be undone after that."
        ),
        error_messages={"required": _("Tick the box to confirm.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if email.lower() != self.user.email.lower():
            raise forms.ValidationError(
                _("This is not the e-mail address of your account."), code="ander_adres"
            )
        return email
