"""Forms of allocations, approvals and expenses. Views hand the cleaned data to
``budget.services``, which check the money under the pot's lock."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from budget.forms import datum_widget
from config.formulieren import BedragField
from opgaven.models import Actie, Opgave
from partners.models import Organisatie

# "1.234", "12.345.678": dots that group thousands, not a decimal point.


class ToewijzingForm(forms.Form):
    actie = forms.ModelChoiceField(
        label=_("Action"),
        queryset=Actie.objects.none(),
        empty_label=_("Choose an action"),
        help_text=_("The action of the plan this money is for."),
    )
    bedrag = BedragField(
        label=_("Amount in euros"),
        help_text=_("For example 2.500,00. It must fit in what is still free in the pot."),
    )
    toelichting = forms.CharField(
        label=_("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the money is for, so the funders can decide."),
    )

    def __init__(self, *args, opgave: Opgave, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actie"].queryset = (
            Actie.objects.filter(opgave=opgave)
            .exclude(status=Actie.Status.VERVALLEN)
            .order_by("titel", "pk")
        )


class BeoordelenForm(forms.Form):
    """A funder's answer to an allocation: approve, or reject with a reason.

    ``organisaties`` are the funders the user may answer for; with more than one
    they choose, with one the field is left out."""

    organisatie = forms.TypedChoiceField(
        label=_("On behalf of"), coerce=int, widget=forms.RadioSelect
    )
    besluit = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            ("akkoord", _("We approve this allocation")),
            ("afwijzen", _("We reject this allocation")),
        ],
        widget=forms.RadioSelect,
    )
    reden = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you reject: why, and what would make it acceptable?"),
    )

    def __init__(self, *args, organisaties: list[Organisatie], **kwargs):
        super().__init__(*args, **kwargs)
        if len(organisaties) > 1:
            self.fields["organisatie"].choices = [(o.pk, o.naam) for o in organisaties]
        else:
            del self.fields["organisatie"]
            self.enige_organisatie = organisaties[0] if organisaties else None

    def clean(self):
        cleaned = super().clean()
        cleaned["reden"] = (cleaned.get("reden") or "").strip()
        if cleaned.get("besluit") == "afwijzen" and not cleaned["reden"]:
            self.add_error("reden", _("Give a reason when you reject."))
        return cleaned


class UitgaveForm(forms.Form):
    bedrag = BedragField(
        label=_("Amount in euros"),
        help_text=_("For example 1.250,00. At most what is left of the allocation."),
    )
    datum = forms.DateField(
        label=_("Date"),
        widget=datum_widget(),
        help_text=_("When the money was spent; not in the future."),
    )
    omschrijving = forms.CharField(
        label=_("Description"),
        max_length=300,
        help_text=_("What was paid, for example the invoice number and the supplier."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"datum": timezone.localdate()})
        super().__init__(*args, **kwargs)

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise ValidationError(_("An expense cannot be in the future."), code="datum")
        return datum
