"""Forms of the residents' pages: finding rounds, joining, input, comments, flags.

Views hand the cleaned data to ``participatie.services``.
"""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from opgaven.models import Gebied, Thema
from opgaven.selectors.opgaven import gebieden_per_wijk
from participatie.models import Inbreng, Leeftijdsgroep
from participatie.selectors import INBRENG_SORTERINGEN

# What each kind of input is for, in one line (shown next to each choice).
SOORT_UITLEG = {
    Inbreng.Soort.IDEE: _("You have a proposal: something that could be done or done better."),
    Inbreng.Soort.ZORG: _("You are worried about something, or expect a problem."),
    Inbreng.Soort.VRAAG: _("You want to know something before you can give your opinion."),
}

STATISTIEK_UITLEG = _(
    "Optional. We use this only for statistics about who took part, so we can see "
    "whether all age groups were heard. Nobody else sees it."
)


# --- Finding rounds ---------------------------------------------------------------------


class RondeFilterForm(forms.Form):
    """The filters above the list of rounds (a GET form). A value that is not one of
    the choices (an edited URL) is left out, so the list shows more."""

    gebied = forms.ChoiceField(label=_("Area"), required=False)
    thema = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groepen = gebieden_per_wijk()
        self._gebieden = {g.code: g for _hoofd, groep in groepen for g in groep}
        self.fields["gebied"].choices = [
            ("", _("All areas")),
            *(
                (f"{hoofd.get_niveau_display()} {hoofd.naam}", [(g.code, g.naam) for g in groep])
                for hoofd, groep in groepen
            ),
        ]
        self._themas = {thema.slug: thema for thema in Thema.objects.order_by("naam")}
        self.fields["thema"].choices = [
            ("", _("All themes")),
            *((slug, thema.naam) for slug, thema in self._themas.items()),
        ]

    def filters(self) -> dict:
        """The valid filters as keyword arguments for ``selectors.rondes_openbaar``."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "gebied": self._gebieden.get(data.get("gebied", "")),
            "thema": self._themas.get(data.get("thema", "")),
        }

    def is_gefilterd(self) -> bool:
        return any(value is not None for value in self.filters().values())


class InbrengFilterForm(forms.Form):
    """Sorting and filters above the inputs of a round (a GET form)."""

    sorteer = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("nieuw", _("Newest first")), ("steun", _("Most supported first"))],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Inbreng.Status.choices],
    )
    soort = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *Inbreng.Soort.choices],
    )

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        sorteer = data.get("sorteer") or "nieuw"
        return {
            "sorteer": sorteer if sorteer in INBRENG_SORTERINGEN else "nieuw",
            "status": data.get("status", ""),
            "soort": data.get("soort", ""),
        }

    def is_gefilterd(self) -> bool:
        filters = self.filters()
        return bool(filters["status"] or filters["soort"])


# --- Joining ----------------------------------------------------------------------------


class DeelnameForm(forms.Form):
    """Consent to the privacy statement, and optionally district and age group."""

    toestemming = forms.BooleanField(
        label=_("I agree that my input is stored and shown with my display name."),
        error_messages={"required": _("Tick the box to take part.")},
    )
    wijk = forms.ModelChoiceField(
        label=_("District where you live"),
        queryset=Gebied.objects.none(),
        required=False,
        empty_label=_("I would rather not say"),
        help_text=_(
            "Optional. We use this only for statistics about who took part, so we can see "
            "whether all districts were heard. If you have no display name, others see "
            "for example “Resident of Centrum” with your input."
        ),
    )
    leeftijdsgroep = forms.ChoiceField(
        label=_("Age group"),
        required=False,
        choices=[("", _("I would rather not say")), *Leeftijdsgroep.choices],
        help_text=STATISTIEK_UITLEG,
    )

    def __init__(self, *args, wijken, deelname=None, **kwargs):
        if deelname is not None:
            kwargs["initial"] = {
                "toestemming": True,
                "wijk": deelname.wijk_id,
                "leeftijdsgroep": deelname.leeftijdsgroep,
            }
        super().__init__(*args, **kwargs)
        self.fields["wijk"].queryset = wijken
        self.fields["toestemming"].help_text = format_html(
            '{} <a class="utrecht-link" href="{}">{}</a>',
            _(
                "Others see your display name, or for example “Resident of Centrum” when "
                "you have none. Never your e-mail address."
            ),
            reverse("privacy"),
            _("Read the privacy statement"),
        )


# --- Input ------------------------------------------------------------------------------


class InbrengForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("What kind of input is it?"),
        choices=Inbreng.Soort.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose idea, concern or question.")},
    )
    titel = forms.CharField(
        label=_("Title"),
        max_length=150,
        help_text=_("Your input in a few words, for example “More benches in the park”."),
    )
    tekst = forms.CharField(
        label=_("Explanation"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What do you propose, what worries you or what do you want to know? Why?"),
    )
    gebied = forms.ModelChoiceField(
        label=_("Area it is about"),
        queryset=Gebied.objects.none(),
        required=False,
        empty_label=_("No particular area"),
    )

    def __init__(self, *args, gebieden, inbreng: Inbreng | None = None, **kwargs):
        if inbreng is not None:
            kwargs["initial"] = {
                "soort": inbreng.soort,
                "titel": inbreng.titel,
                "tekst": inbreng.tekst,
                "gebied": inbreng.gebied_id,
            }
        super().__init__(*args, **kwargs)
        self.fields["gebied"].queryset = gebieden

    def soorten(self) -> list[dict]:
        """The choices of ``soort`` with their explanation, for the template."""
        gekozen = str(self["soort"].value() or "")
        return [
            {
                "value": value,
                "label": label,
                "uitleg": SOORT_UITLEG[Inbreng.Soort(value)],
                "checked": value == gekozen,
                "id": f"id_soort_{index}",
            }
            for index, (value, label) in enumerate(Inbreng.Soort.choices)
        ]


class ReactieForm(forms.Form):
    tekst = forms.CharField(
        label=_("Your comment"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MarkerenForm(forms.Form):
    reden = forms.CharField(
        label=_("What is wrong with it?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For example: it insults someone, it is advertising, or it shares someone's "
            "personal details. A moderator of the municipality looks at it."
        ),
    )
