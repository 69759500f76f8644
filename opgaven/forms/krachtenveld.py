"""Forms of the field of forces. Views hand the cleaned data to ``services.krachtenveld``.

Choices of related objects are limited to the opgave at hand: an involvement
or person of another opgave is not a valid choice (400, nothing changes).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from opgaven.models import Betrokkenheid, Contactmoment, Opgave, Positie, Toezegging
from opgaven.selectors.krachtenveld import HOUDINGEN, eigenaren_kiesbaar
from partners.models import Organisatie

if TYPE_CHECKING:
    from accounts.models import User


class Datumveld(forms.DateInput):
    """A date picker where the browser has one; typing 3-4-2026 or 2026-04-03 works too."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _datum(label, help_text="", required=True) -> forms.DateField:
    return forms.DateField(label=label, help_text=help_text, required=required, widget=Datumveld())


SCORES = [(score, str(score)) for score in range(1, 6)]


def _score(label, help_text) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=help_text,
    )


class OrganisatieKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisatie) -> str:
        if getattr(obj, "al_betrokken", False):
            return _("%(naam)s (already involved)") % {"naam": obj.naam}
        return obj.naam


class BetrokkenheidKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: Betrokkenheid) -> str:
        return obj.organisatie.naam


class EigenaarKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return str(obj)


class BetrokkenheidForm(forms.Form):
    """Involve an organisation (new) or change how it is involved (``betrokkenheid``)."""

    organisatie = OrganisatieKeuze(
        label=_("Organisation"),
        queryset=Organisatie.objects.none(),
        empty_label=_("Choose an organisation"),
        help_text=_("Organisations are registered by the administrator."),
    )
    aard = forms.ChoiceField(
        label=_("How is it involved?"),
        choices=Betrokkenheid.Aard.choices,
        widget=forms.RadioSelect,
    )
    sinds = _datum(_("Involved since"))
    toelichting = forms.CharField(
        label=_("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the organisation brings or stands to gain or lose."),
    )

    def __init__(self, *args, opgave: Opgave, betrokkenheid: Betrokkenheid | None = None, **kw):
        if betrokkenheid is not None:
            kw.setdefault(
                "initial",
                {
                    "aard": betrokkenheid.aard,
                    "sinds": betrokkenheid.sinds,
                    "toelichting": betrokkenheid.toelichting,
                },
            )
        else:
            kw.setdefault("initial", {"sinds": timezone.localdate()})
        super().__init__(*args, **kw)
        if betrokkenheid is not None:
            # The organisation stays: its positions and contacts belong to it.
            del self.fields["organisatie"]
        else:
            betrokken = Betrokkenheid.objects.filter(opgave=opgave, organisatie=OuterRef("pk"))
            self.fields["organisatie"].queryset = Organisatie.objects.annotate(
                al_betrokken=Exists(betrokken)
            ).order_by("naam")


class PositieForm(forms.Form):
    datum = _datum(_("Date"), _("The day this position was observed. Not in the future."))
    invloed = _score(_("Power"), _("1 (little) to 5 (a great deal): how much it can steer."))
    belang = _score(_("Interest"), _("1 (little) to 5 (a great deal): how much is at stake."))
    houding = forms.TypedChoiceField(
        label=_("Attitude"),
        choices=[
            (houding.waarde, format_lazy("{} {}", houding.teken, houding.label))
            for houding in sorted(HOUDINGEN.values(), key=lambda h: -h.waarde)
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    toelichting = forms.CharField(
        label=_("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you based this on: a conversation, a decision, a letter."),
    )

    def __init__(self, *args, vorige: Positie | None = None, **kwargs):
        initial = {"datum": timezone.localdate()}
        if vorige is not None:
            initial.update(invloed=vorige.invloed, belang=vorige.belang, houding=vorige.houding)
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)


class ContactmomentForm(forms.Form):
    betrokkenheid = BetrokkenheidKeuze(
        label=_("Organisation"),
        queryset=Betrokkenheid.objects.none(),
        empty_label=_("Choose an organisation"),
    )
    datum = _datum(_("Date"))
    kanaal = forms.ChoiceField(
        label=_("Channel"), choices=Contactmoment.Kanaal.choices, widget=forms.RadioSelect
    )
    hoedanigheid = forms.ChoiceField(
        label=_("Capacity"),
        choices=Contactmoment.Hoedanigheid.choices,
        widget=forms.RadioSelect,
        help_text=_("In what capacity did the person speak?"),
    )
    onderwerp = forms.CharField(label=_("Subject"), max_length=200)
    notitie = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was said and agreed. Partners do not read this."),
    )

    def __init__(self, *args, opgave: Opgave, betrokkenheid_id: int | None = None, **kw):
        initial = {"datum": timezone.localdate(), "betrokkenheid": betrokkenheid_id}
        kw.setdefault("initial", initial)
        super().__init__(*args, **kw)
        self.fields["betrokkenheid"].queryset = _betrokkenheden(opgave)


class ToezeggingForm(forms.Form):
    omschrijving = forms.CharField(label=_("Commitment"), max_length=300)
    betrokkenheid = BetrokkenheidKeuze(
        label=_("Made to"),
        queryset=Betrokkenheid.objects.none(),
        required=False,
        empty_label=_("No organisation in particular"),
    )
    eigenaar = EigenaarKeuze(
        label=_("Owner"),
        queryset=get_user_model().objects.none(),
        empty_label=_("Choose an owner"),
        help_text=_(
            "The people with a role on this opgave. The owner sees it on their home page "
            "once the deadline has passed."
        ),
    )
    deadline = _datum(_("Deadline"))

    def __init__(
        self,
        *args,
        opgave: Opgave,
        user: User,
        betrokkenheid_id: int | None = None,
        **kw,
    ):
        initial = {"eigenaar": user.pk, "betrokkenheid": betrokkenheid_id}
        kw.setdefault("initial", initial)
        super().__init__(*args, **kw)
        self.fields["betrokkenheid"].queryset = _betrokkenheden(opgave)
        self.fields["eigenaar"].queryset = eigenaren_kiesbaar(opgave=opgave)


class ToezeggingStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=Toezegging.Status.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, toezegging: Toezegging, **kwargs):
        kwargs.setdefault("initial", {"status": toezegging.status})
        super().__init__(*args, **kwargs)


class PeildatumForm(forms.Form):
    """``?op=YYYY-MM-DD``: show the field of forces as it was on that day."""

    op = _datum(
        _("As it was on"),
        _("Shows the positions recorded up to and including this day."),
        required=False,
    )

    def peildatum(self) -> date | None:
        return self.cleaned_data.get("op") if self.is_valid() else None


def _betrokkenheden(opgave: Opgave):
    return (
        Betrokkenheid.objects.filter(opgave=opgave)
        .select_related("organisatie")
        .order_by("organisatie__naam")
    )
