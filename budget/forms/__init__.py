"""Forms of the joint budget. Views hand the cleaned data to ``budget.services``."""

from __future__ import annotations

from django import forms

from config.formulieren import datum_widget, fout_tonen

__all__ = ["bedrag_widget", "datum_widget", "fout_tonen"]


def bedrag_widget() -> forms.TextInput:
    """Amounts are typed the Dutch way (1500,50): a text box with a numeric keyboard."""
    return forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
