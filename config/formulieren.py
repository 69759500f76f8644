"""Small pieces every app's forms and views share (floor 0: imports no app)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


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
