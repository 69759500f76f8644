"""Forms of the decision log. Views hand the cleaned data to ``services.besluiten``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opgaven.forms.plan import datum_widget
from opgaven.models import Besluit


class BesluitForm(forms.Form):
    datum = forms.DateField(label=_("Date of the decision"), widget=datum_widget())
    orgaan = forms.ChoiceField(
        label=_("Decided by"),
        choices=[("", _("Choose who decided")), *Besluit.Orgaan.choices],
    )
    titel = forms.CharField(
        label=_("Decision"),
        max_length=200,
        help_text=_("What was decided, in one sentence."),
    )
    motivering = forms.CharField(
        label=_("Motivation"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why this decision was taken, for everyone who reads it later."),
    )

    def __init__(self, *args, besluit: Besluit | None = None, **kwargs):
        if besluit is not None:
            kwargs["initial"] = {
                "datum": besluit.datum,
                "orgaan": besluit.orgaan,
                "titel": besluit.titel,
                "motivering": besluit.motivering,
            }
        super().__init__(*args, **kwargs)
