"""Forms of the joint budget. Views hand the cleaned data to ``budget.services``."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def datum_widget() -> forms.DateInput:
    """The browser's own date picker; it sends and shows ISO dates (2026-03-01)."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def bedrag_widget() -> forms.TextInput:
    """Amounts are typed the Dutch way (1500,50): a text box with a numeric keyboard."""
    return forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})


def fout_tonen(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on ``form``: at its field when the form has that
    field, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for veld, fouten in error.error_dict.items():
        form.add_error(veld if veld in form.fields and veld != NON_FIELD_ERRORS else None, fouten)
