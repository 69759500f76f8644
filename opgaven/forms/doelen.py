"""Forms for goals, indicators and measurements. Views hand the cleaned data to services."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opgaven.models import Doel, Opgave
from opgaven.selectors.doelen import Doelenboom

_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_GETAL = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})


class DoelForm(forms.Form):
    """A goal or effect, and the goal it serves.

    The parent is any goal of this opgave (so a stale or tampered choice reaches
    the service, which explains a cycle in words), but the list shows only the
    goals it may serve: not itself, nor a goal below it.
    """

    soort = forms.ChoiceField(
        label=_("Kind"),
        choices=Doel.Soort.choices,
        initial=Doel.Soort.DOEL,
        widget=forms.RadioSelect,
        help_text=_(
            "An effect is the change in society the opgave aims for. "
            "A goal is a step towards an effect."
        ),
    )
    titel = forms.CharField(label=_("Title"), max_length=200)
    omschrijving = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    bovenliggend = forms.ModelChoiceField(
        label=_("Serves"),
        queryset=Doel.objects.none(),
        required=False,
        empty_label=_("Nothing: it is at the top of the tree"),
        help_text=_("The effect or goal this goal contributes to. An effect serves nothing."),
    )
    volgorde = forms.IntegerField(
        label=_("Order"),
        min_value=0,
        max_value=32767,
        initial=0,
        help_text=_("Goals with a lower number come first."),
    )

    def __init__(self, *args, opgave: Opgave, boom: Doelenboom, doel_pk: int | None = None, **kw):
        super().__init__(*args, **kw)
        veld = self.fields["bovenliggend"]
        veld.queryset = Doel.objects.filter(opgave=opgave)
        uitgesloten: set[int] = set()
        if doel_pk is not None and doel_pk in boom.per_pk:
            knoop = boom.per_pk[doel_pk]
            uitgesloten = {doel_pk, *(kind.pk for kind in knoop.nakomelingen())}
        # The list from the tree already read: no query while rendering.
        veld.widget.choices = [
            ("", veld.empty_label),
            *(
                (knoop.pk, f"{'— ' * knoop.diepte}{knoop.soort_label}: {knoop.titel}")
                for knoop in boom.in_volgorde()
                if knoop.pk not in uitgesloten
            ),
        ]


class IndicatorForm(forms.Form):
    naam = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("What is measured, for example: residents who feel lonely."),
    )
    eenheid = forms.CharField(
        label=_("Unit"), max_length=50, help_text=_("For example: %, people, tonnes CO₂.")
    )
    bron = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("Where the numbers come from, for example: the GGD health monitor."),
    )
    nulmeting = forms.DecimalField(
        label=_("Baseline"),
        max_digits=14,
        decimal_places=2,
        localize=True,
        widget=_GETAL,
        help_text=_("The value at the start."),
    )
    streefwaarde = forms.DecimalField(
        label=_("Target"),
        max_digits=14,
        decimal_places=2,
        localize=True,
        widget=_GETAL,
        help_text=_("The value the opgave aims for."),
    )
    streefdatum = forms.DateField(
        label=_("Target date"), widget=_DATUM, help_text=_("When the target should be reached.")
    )


class MetingForm(forms.Form):
    datum = forms.DateField(label=_("Date"), widget=_DATUM, initial=timezone.localdate)
    waarde = forms.DecimalField(
        label=_("Value"), max_digits=14, decimal_places=2, localize=True, widget=_GETAL
    )
    toelichting = forms.CharField(
        label=_("Explanation"),
        max_length=300,
        required=False,
        help_text=_("For example: how the value was measured, or why it changed."),
    )
