"""Forms of the organisation register. Views hand the cleaned data to ``partners.services``."""

from __future__ import annotations

import re

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners.models import Lidmaatschap, Organisatie

KVK_VALIDATOR = RegexValidator(r"^\d{8}$", _("A KvK number has exactly 8 digits."), code="kvk")


class KvkNummerField(forms.CharField):
    """A KvK number as people type it: "1234 5678" and "1234.5678" become "12345678"."""

    def to_python(self, value) -> str:
        return re.sub(r"[\s.]", "", super().to_python(value))


class OrganisatieFilterForm(forms.Form):
    """The search box and the kind filter above the register (a plain GET form)."""

    q = forms.CharField(label=_("Search in name and description"), required=False, max_length=200)
    soort = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *Organisatie.Soort.choices],
    )

    def filters(self) -> dict[str, str]:
        """The search term and kind to pass to ``selectors.organisaties_zoeken``;
        an invalid value counts as not filled in."""
        if not self.is_valid():
            return {"zoekterm": "", "soort": ""}
        return {"zoekterm": self.cleaned_data["q"], "soort": self.cleaned_data["soort"]}

    def is_gefilterd(self) -> bool:
        filters = self.filters()
        return bool(filters["zoekterm"].strip() or filters["soort"])


class OrganisatieBeschrijvingForm(forms.Form):
    """What a contact person may change about their own organisation: how it presents
    itself. Its name, kind and KvK number are kept by the municipality."""

    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=_("For example https://www.example.nl"),
    )
    beschrijving = forms.CharField(
        label=pgettext_lazy("organisation", "Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the organisation does, and what it brings to the opgaven."),
    )

    def __init__(self, *args, organisatie: Organisatie | None = None, **kwargs):
        if organisatie is not None:
            kwargs["initial"] = {name: getattr(organisatie, name) for name in self.base_fields}
        super().__init__(*args, **kwargs)


class OrganisatieForm(OrganisatieBeschrijvingForm):
    """Every field of an organisation: for officials who keep the register."""

    naam = forms.CharField(label=_("Name"), max_length=200)
    soort = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Choose a kind")), *Organisatie.Soort.choices]
    )
    kvk_nummer = KvkNummerField(
        label=_("KvK number"),
        required=False,
        validators=[KVK_VALIDATOR],
        help_text=_("The 8 digits of the Chamber of Commerce number, if the organisation has one."),
    )

    field_order = ["naam", "soort", "kvk_nummer", "website", "beschrijving"]


class UitnodigingForm(forms.Form):
    """Invite someone to work for the organisation."""

    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The invitation with a link to set a password goes to this address."),
    )
    weergavenaam = forms.CharField(
        label=_("Name"),
        max_length=80,
        required=False,
        help_text=_("The name others see. The person can change it later."),
    )
    rol = forms.ChoiceField(
        label=_("Role in the organisation"),
        choices=Lidmaatschap.Rol.choices,
        initial=Lidmaatschap.Rol.LID,
        widget=forms.RadioSelect,
        help_text=_("A contact person speaks for the organisation and manages its members."),
    )
    soort = forms.ChoiceField(
        label=_("Works as"),
        choices=Lidmaatschap.Soort.choices,
        initial=Lidmaatschap.Soort.BETAALD,
        widget=forms.RadioSelect,
    )
