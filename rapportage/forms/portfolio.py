"""The filters above the portfolio dashboard (a GET form).

A value that is not one of the choices (an edited URL) is left out of the filter,
and its error is shown next to the field: the list then shows more, never a 500.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opgaven.models import Fase, Gebied, Thema
from opgaven.selectors.opgaven import gebieden_per_wijk
from rapportage.selectors_portfolio import RAG_LABELS, RAG_VOLGORDE


def _gebied_label(gebied: Gebied) -> str:
    """How an area reads inside its group: the group's own area as "the whole ..."."""
    if gebied.niveau == Gebied.Niveau.GEMEENTE:
        return _("The whole municipality of %(naam)s") % {"naam": gebied.naam}
    if gebied.niveau == Gebied.Niveau.WIJK:
        return _("The whole district %(naam)s") % {"naam": gebied.naam}
    return gebied.naam


class PortfolioFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Title contains"),
        required=False,
        max_length=200,
        widget=forms.SearchInput,
    )
    fase = forms.ChoiceField(
        label=_("Phase"), required=False, choices=[("", _("All phases")), *Fase.choices]
    )
    thema = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Thema.objects.order_by("naam"),
        to_field_name="slug",
        required=False,
        empty_label=_("All themes"),
    )
    gebied = forms.ChoiceField(label=_("Area"), required=False)
    rag = forms.ChoiceField(
        label=_("Status of the goals"),
        required=False,
        help_text=_("The worst current status of the opgave's goals."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        groepen = gebieden_per_wijk()
        self._gebieden = {g.code: g for _hoofd, groep in groepen for g in groep}
        self.fields["gebied"].choices = [
            ("", _("All areas")),
            *(
                (
                    f"{hoofd.get_niveau_display()} {hoofd.naam}",
                    [(g.code, _gebied_label(g)) for g in groep],
                )
                for hoofd, groep in groepen
            ),
        ]
        self.fields["rag"].choices = [
            ("", _("All statuses")),
            *((kleur, RAG_LABELS[kleur]) for kleur in RAG_VOLGORDE),
        ]

    def filters(self) -> dict[str, Any]:
        """The valid filters as keyword arguments of ``selectors_portfolio.opgaven_gefilterd``."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "zoekterm": data.get("q", ""),
            "fase": data.get("fase", ""),
            "thema": data.get("thema"),
            "gebied": self._gebieden.get(data.get("gebied", "")),
            "rag": data.get("rag", ""),
        }

    def is_gefilterd(self) -> bool:
        return any(self.filters().values())
