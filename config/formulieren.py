"""Small pieces every app's forms and views share (floor 0: imports no app)."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from config.bedragen import CENT

_DUIZENDTALLEN = re.compile(r"^\d{1,3}(\.\d{3})+$")


def datum_widget() -> forms.DateInput:
    """The browser's own date picker; it sends and shows ISO dates (2026-03-01)."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def fout_tonen(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on ``form``: at its field when the form has that
    field, else above the form (``add_error`` refuses unknown field names)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for veld, fouten in error.error_dict.items():
        form.add_error(veld if veld in form.fields and veld != NON_FIELD_ERRORS else None, fouten)


class BedragField(forms.DecimalField):
    """An amount in euros as people type it: ``1234,56``, ``1.234,56``, ``€ 1234.56``.

    A comma is the decimal separator and dots then group thousands; without a
    comma a dot is a decimal point, unless it only groups thousands (``1.500``).
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", CENT)
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)
        self.error_messages["min_value"] = _("Enter an amount of at least € 0,01.")
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("autocomplete", "off")

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
            elif _DUIZENDTALLEN.match(value):
                value = value.replace(".", "")
        return super().to_python(value)
