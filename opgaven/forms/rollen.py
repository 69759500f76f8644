"""Forms for assigning and ending opgave roles. Views hand the cleaned data to services."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from opgaven.models import Opgaverol
from opgaven.selectors.rollen import (
    Kandidaat,
    OrganisatieKeuze,
    RolKeuzes,
    opgaverol_is_beeindigd,
)


class DatumInput(forms.DateInput):
    """The browser's date picker; it sends and shows the ISO date (2026-03-03)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class RolToekennenForm(forms.Form):
    """Give a person a role on the opgave, optionally on behalf of an involved organisation.

    The people come grouped: officials (every role) and the partners of the
    involved organisations (core team only), each shown by display name.
    """

    user = forms.TypedChoiceField(
        label=_("Person"),
        coerce=int,
        help_text=_(
            "Civil servants can hold every role. Members of an involved organisation "
            "can join the core team."
        ),
    )
    rol = forms.ChoiceField(
        label=_("Role"), choices=Opgaverol.Rol.choices, widget=forms.RadioSelect
    )
    organisatie = forms.TypedChoiceField(
        label=_("On behalf of"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("The organisation this person represents in the role, if any."),
    )
    van = forms.DateField(
        label=_("Starts on"),
        widget=DatumInput,
        initial=timezone.localdate,
        help_text=_("The first day this role applies."),
    )

    def __init__(self, *args, keuzes: RolKeuzes, **kwargs):
        super().__init__(*args, **kwargs)
        self.keuzes = keuzes
        personen: list = [("", _("Choose a person"))]
        if keuzes.ambtenaren:
            personen.append((_("Civil servants"), [(k.user_id, k.naam) for k in keuzes.ambtenaren]))
        if keuzes.partners:
            personen.append(
                (_("Partners"), [(k.user_id, self._partner_label(k)) for k in keuzes.partners])
            )
        self.fields["user"].choices = personen
        self.fields["organisatie"].choices = [
            ("", _("Not on behalf of an organisation")),
            *((org.id, org.naam) for org in keuzes.organisaties),
        ]

    def _partner_label(self, kandidaat: Kandidaat) -> str:
        namen = [
            org.naam for org in self.keuzes.organisaties if org.id in kandidaat.organisatie_ids
        ]
        return f"{kandidaat.naam} ({', '.join(namen)})" if namen else kandidaat.naam

    def clean(self):
        cleaned = super().clean()
        user_id, rol = cleaned.get("user"), cleaned.get("rol")
        kandidaat = self.keuzes.kandidaat(user_id) if user_id is not None else None
        if kandidaat is None or rol is None or kandidaat.is_ambtenaar:
            return cleaned
        if rol not in kandidaat.rollen:
            self.add_error(
                "rol",
                _("%(naam)s is a partner, not a civil servant: partners can join the core team.")
                % {"naam": kandidaat.naam},
            )
        organisatie = self._organisatie(cleaned.get("organisatie"))
        if organisatie is None and len(kandidaat.organisatie_ids) == 1:
            # A partner speaks for their organisation; with one, it goes without saying.
            (cleaned["organisatie"],) = kandidaat.organisatie_ids
        elif organisatie is None:
            self.add_error(
                "organisatie",
                _("Choose the organisation %(naam)s represents.") % {"naam": kandidaat.naam},
            )
        elif organisatie.id not in kandidaat.organisatie_ids:
            self.add_error(
                "organisatie",
                _("%(naam)s does not work for %(organisatie)s.")
                % {"naam": kandidaat.naam, "organisatie": organisatie.naam},
            )
        return cleaned

    def _organisatie(self, organisatie_id: int | None) -> OrganisatieKeuze | None:
        return self.keuzes.organisatie(organisatie_id) if organisatie_id is not None else None


class RolBeeindigenForm(forms.Form):
    """End a role on a day: from that day on its rights are gone."""

    tot = forms.DateField(
        label=_("Ends on"),
        widget=DatumInput,
        initial=timezone.localdate,
        help_text=_("From this day on the role no longer applies. Today ends it at once."),
    )

    def __init__(self, *args, opgaverol: Opgaverol, **kwargs):
        super().__init__(*args, **kwargs)
        self.opgaverol = opgaverol

    def clean(self):
        cleaned = super().clean()
        if opgaverol_is_beeindigd(self.opgaverol):
            raise forms.ValidationError(_("This role has already ended."), code="beeindigd")
        return cleaned

    def clean_tot(self) -> date:
        tot = self.cleaned_data["tot"]
        if tot < self.opgaverol.van:
            raise forms.ValidationError(
                _("A role cannot end before it starts."), code="tot_voor_van"
            )
        if self.opgaverol.tot is not None and tot > self.opgaverol.tot:
            raise forms.ValidationError(
                _("This role already ends on %(datum)s. Choose that day or an earlier one.")
                % {"datum": formats.date_format(self.opgaverol.tot, "j F Y")},
                code="later_dan_tot",
            )
        return tot
