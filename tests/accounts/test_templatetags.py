"""The shared form blocks (templates/includes/forms/) and their template filters."""

from django import forms
from django.template.loader import render_to_string

import pytest
from pytest_django.asserts import assertInHTML

from accounts.templatetags.form_controls import first_control_id


class Keuzeformulier(forms.Form):
    naam = forms.CharField(label="Naam", help_text="Zoals anderen je zien.")
    kleur = forms.ChoiceField(
        label="Kleur",
        choices=[("rood", "Rood"), ("blauw", "Blauw")],
        widget=forms.RadioSelect,
        help_text="Kies er één.",
    )
    toelichting = forms.CharField(label="Toelichting", required=False)
    akkoord = forms.BooleanField(label="Akkoord")


@pytest.fixture
def form_with_errors():
    form = Keuzeformulier(data={"kleur": "groen"})
    assert not form.is_valid()
    return form


def test_an_error_links_to_the_field_or_to_the_first_radio_button():
    form = Keuzeformulier()

    assert first_control_id(form["naam"]) == "id_naam"
    assert first_control_id(form["akkoord"]) == "id_akkoord"
    # Django gives a group of radio buttons no label id; its first button is _0.
    assert form["kleur"].id_for_label == ""
    assert first_control_id(form["kleur"]) == "id_kleur_0"


def test_without_ids_there_is_nothing_to_link_to():
    assert first_control_id(Keuzeformulier(auto_id=False)["kleur"]) == ""


def test_the_error_summary_lists_each_error_with_a_link(form_with_errors):
    html = render_to_string("includes/forms/error_summary.html", {"form": form_with_errors})

    assert 'role="alert" tabindex="-1"' in html
    assert "Verbeter het volgende" in html
    assertInHTML('<a class="utrecht-link" href="#id_naam">Naam: Dit veld is verplicht.</a>', html)
    assertInHTML(
        '<a class="utrecht-link" href="#id_kleur_0">'
        "Kleur: Selecteer een geldige keuze. groen is geen beschikbare keuze.</a>",
        html,
    )
    assertInHTML(
        '<a class="utrecht-link" href="#id_akkoord">Akkoord: Dit veld is verplicht.</a>', html
    )
    assert 'href="#"' not in html


def test_radio_buttons_are_one_fieldset_with_the_label_as_legend(form_with_errors):
    html = render_to_string("includes/forms/form_field.html", {"field": form_with_errors["kleur"]})

    assert html.count("<fieldset") == 1
    assert 'aria-describedby="id_kleur_helptext id_kleur_error"' in html
    assertInHTML(
        '<legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">'
        "Kleur</legend>",
        html,
    )
    assertInHTML(
        '<label class="utrecht-form-label utrecht-form-label--radio" for="id_kleur_0">Rood</label>',
        html,
    )
    assert 'type="radio" name="kleur" value="blauw" id="id_kleur_1" required>' in html
    assert 'id="id_kleur_helptext">Kies er één.</div>' in html
    assert 'id="id_kleur_error">' in html


def test_a_text_field_has_a_label_help_and_error(form_with_errors):
    html = render_to_string("includes/forms/form_field.html", {"field": form_with_errors["naam"]})

    assertInHTML('<label class="utrecht-form-label" for="id_naam">Naam</label>', html)
    assert 'aria-describedby="id_naam_helptext id_naam_error"' in html
    assert 'aria-invalid="true"' in html
    assert "<fieldset" not in html


def test_an_optional_field_says_so():
    html = render_to_string(
        "includes/forms/form_field.html", {"field": Keuzeformulier()["toelichting"]}
    )

    assertInHTML(
        '<label class="utrecht-form-label" for="id_toelichting">'
        "Toelichting (niet verplicht)</label>",
        html,
    )
