from django import forms
from django.utils.translation import gettext_lazy as _

from meldingen.models import Bezorging, Soort
from meldingen.soorten import SOORTEN, SoortDefinitie

# What each choice means for the person choosing, shown under its radio button.
BEZORGING_UITLEG = {
    Bezorging.DIRECT: _("You get an e-mail as soon as it happens."),
    Bezorging.DAGELIJKS: _(
        "One e-mail each morning at 7:00 with everything of the past day. No news, no e-mail."
    ),
    Bezorging.UIT: _("No e-mail. You still find it under Notifications on this site."),
}


class VoorkeurForm(forms.Form):
    """How one kind of notification reaches the user. One form per kind on the page.

    The kind itself travels in a hidden ``soort`` input, read by the view.
    """

    bezorging = forms.ChoiceField(choices=Bezorging.choices, widget=forms.RadioSelect)

    def __init__(self, *args, soort: Soort, **kwargs) -> None:
        # Ids unique per kind, since every kind has its own form on one page.
        kwargs.setdefault("auto_id", f"voorkeur-{soort}-%s")
        super().__init__(*args, **kwargs)
        self.soort = soort
        # The kind is the question: it is the legend, and names the field in errors.
        self.fields["bezorging"].label = soort.label

    @property
    def definitie(self) -> SoortDefinitie:
        return SOORTEN[self.soort]

    def keuzes(self) -> list[tuple[forms.BoundField, str]]:
        """Each radio button with what choosing it means."""
        return [(keuze, BEZORGING_UITLEG[keuze.data["value"]]) for keuze in self["bezorging"]]
