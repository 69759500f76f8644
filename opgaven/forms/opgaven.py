"""Forms for creating and editing an opgave. Views hand the cleaned data to services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from opgaven.models import Fase, Opgave, Zichtbaarheid
from opgaven.policies import FASE_OVERGANGEN


class OpgaveForm(forms.Form):
    titel = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("A short name that says what the opgave is about."),
    )
    vraagstuk = forms.CharField(
        label=_("The question at stake"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Describe the opgave as residents live it."),
    )
    zichtbaarheid = forms.ChoiceField(
        label=_("Visibility"),
        choices=Zichtbaarheid.choices,
        initial=Zichtbaarheid.INTERN,
        widget=forms.RadioSelect,
        help_text=_("Everyone can see a public opgave, also without logging in."),
    )


class OpgaveBewerkenForm(OpgaveForm):
    """Edit an opgave's description. The phase changes only through FaseWijzigenForm,
    so every change of phase is recorded with who, when and why."""

    def __init__(self, *args, opgave: Opgave, **kwargs):
        initial = {
            "titel": opgave.titel,
            "vraagstuk": opgave.vraagstuk,
            "zichtbaarheid": opgave.zichtbaarheid,
        }
        super().__init__(*args, initial=initial, **kwargs)


class FaseWijzigenForm(forms.Form):
    """Move an opgave to one of the phases the transition graph allows next."""

    naar = forms.ChoiceField(
        label=_("New phase"),
        widget=forms.RadioSelect,
        help_text=_("Only the phases this opgave can move to next are shown."),
    )
    reden = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why does the opgave move to this phase? Everyone with a role reads this."),
    )

    def __init__(self, *args, opgave: Opgave, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naar"].choices = [
            (fase, Fase(fase).label) for fase in FASE_OVERGANGEN[opgave.fase]
        ]
