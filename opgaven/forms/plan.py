"""Forms of the plan van aanpak. Views hand the cleaned data to ``services.plan``."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from config.formulieren import datum_widget
from opgaven.models import Actie, Doel, Instemming, Opgave
from opgaven.selectors.plan import betrokken_organisaties, doelen_van
from partners.models import Organisatie


class PlanForm(forms.Form):
    samenvatting = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What do the partners agree to do together, and why? Everyone in the workspace "
            "reads this, also the partners who are asked to consent."
        ),
    )


class ActieForm(forms.Form):
    titel = forms.CharField(label=_("Title"), max_length=200)
    omschrijving = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    trekker = forms.ModelChoiceField(
        label=_("Lead organisation (trekker)"),
        queryset=Organisatie.objects.none(),
        empty_label=_("Choose an organisation"),
        help_text=_(
            "The involved organisation that leads this action. Its members may update the "
            "action's status."
        ),
    )
    uitvoerders = forms.ModelMultipleChoiceField(
        label=_("Carried out by"),
        queryset=Organisatie.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    doel = forms.ModelChoiceField(
        label=_("Goal"),
        queryset=Doel.objects.none(),
        required=False,
        empty_label=_("No goal"),
        help_text=_("The goal of this opgave the action contributes to."),
    )
    start = forms.DateField(label=_("Start"), required=False, widget=datum_widget())
    eind = forms.DateField(label=_("End"), required=False, widget=datum_widget())
    status = forms.ChoiceField(
        label=_("Status"), choices=Actie.Status.choices, initial=Actie.Status.GEPLAND
    )

    def __init__(self, *args, opgave: Opgave, actie: Actie | None = None, **kwargs):
        if actie is not None:
            kwargs["initial"] = {
                "titel": actie.titel,
                "omschrijving": actie.omschrijving,
                "trekker": actie.trekker_id,
                "uitvoerders": [o.pk for o in actie.uitvoerders.all()],
                "doel": actie.doel_id,
                "start": actie.start,
                "eind": actie.eind,
                "status": actie.status,
            }
        super().__init__(*args, **kwargs)
        betrokken = betrokken_organisaties(opgave=opgave)
        trekker = betrokken
        uitvoerders = betrokken
        if actie is not None:
            # An organisation no longer involved stays choosable on the action it is on.
            trekker = Organisatie.objects.filter(
                Q(pk__in=betrokken.values("pk")) | Q(pk=actie.trekker_id)
            ).order_by("naam", "pk")
            uitvoerders = Organisatie.objects.filter(
                Q(pk__in=betrokken.values("pk")) | Q(uitgevoerde_acties=actie)
            ).distinct()
            uitvoerders = uitvoerders.order_by("naam", "pk")
        self.fields["trekker"].queryset = trekker
        self.fields["uitvoerders"].queryset = uitvoerders
        self.fields["doel"].queryset = doelen_van(opgave=opgave)

    def clean(self):
        cleaned = super().clean()
        start, eind = cleaned.get("start"), cleaned.get("eind")
        if start and eind and eind < start:
            self.add_error("eind", _("An action cannot end before it starts."))
        return cleaned


class ActieStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Actie.Status.choices)


class InstemmingForm(forms.Form):
    """A contact person's answer for their organisation: consent, or object with a reason."""

    besluit = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            (Instemming.Besluit.INGESTEMD, _("We consent to this plan")),
            (Instemming.Besluit.BEZWAAR, _("We object to this plan")),
        ],
        widget=forms.RadioSelect,
    )
    reden = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Required when you object: what should change before your organisation can consent?"
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("besluit") == Instemming.Besluit.BEZWAAR
            and not (cleaned.get("reden") or "").strip()
        ):
            self.add_error("reden", _("Give a reason for the objection."))
        return cleaned
