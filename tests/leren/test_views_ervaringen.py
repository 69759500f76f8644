"""The learner's pages of /leren/: timeline, entries, development plans, progress and
action points (issue 8 points 1-4, 7). Only who logs their learning uses them; another
user's entry, plan, goal or action point is a 404; an entry one may read but not change
is a 403 on its edit pages."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from leren.models import (
    Actiepunt,
    Bron,
    Competentie,
    Leerervaring,
    Ontwikkeldoel,
    Ontwikkelplan,
    Voortgangsmeting,
    Zichtbaarheid,
)
from leren.services import (
    doel_toevoegen,
    feedback_geven,
    gesprek_vastleggen,
    leerervaring_vastleggen,
    ontwikkelplan_opslaan,
    voortgang_meten,
)

pytestmark = pytest.mark.django_db

TIJDLIJN = reverse("leren:tijdlijn")
NIEUW = reverse("leren:ervaring_nieuw")


def nl(msgid: str) -> str:
    with translation.override("nl"):
        return gettext(msgid)


def ervaring_van(auteur, **velden) -> Leerervaring:
    waarden = {
        "datum": timezone.localdate() - timedelta(days=3),
        "bron": Bron.ERVARING,
        "titel": "Bewonersavond warmtevisie",
        "reflectie": "Eerst luisteren, dan pas uitleggen.",
        **velden,
    }
    return leerervaring_vastleggen(auteur=auteur, **waarden)


def geldig(**velden) -> dict:
    return {
        "datum": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "bron": Bron.SOCIAAL,
        "titel": "Intervisie over netwerkregie",
        "reflectie": "Ik mag vaker vragen wat partners nodig hebben.",
        "zichtbaarheid": Zichtbaarheid.COACH,
        **velden,
    }


# --- Who may use the pages ---------------------------------------------------------------


@pytest.mark.parametrize(
    "url_name", ["tijdlijn", "dashboard", "ervaring_nieuw", "plannen", "plan_nieuw", "voortgang"]
)
def test_anonymous_visitors_log_in_first(client, url_name):
    response = client.get(reverse(f"leren:{url_name}"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("persona", ["inwoner", "partner_lid", "beheerder"])
def test_who_does_not_log_learning_gets_403(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(TIJDLIJN).status_code == 403
    assert client.post(NIEUW, geldig()).status_code == 403
    assert not Leerervaring.objects.exists()


def test_advisers_log_their_own_learning_too(client, adviseur):
    client.force_login(adviseur)
    assert client.get(TIJDLIJN).status_code == 200


# --- The timeline ------------------------------------------------------------------------


def test_the_timeline_shows_own_entries_newest_first_and_nothing_of_others(
    client, coachee, ambtenaar, adviseur, teamtraject
):
    oud = ervaring_van(coachee, titel="Oude ervaring", datum=date(2026, 1, 5))
    nieuw = ervaring_van(coachee, titel="Nieuwe ervaring", datum=date(2026, 2, 5))
    # Shared with coachee through the team, but not theirs: not on their timeline.
    ervaring_van(ambtenaar, titel="Ervaring van een teamgenoot", zichtbaarheid="team")
    client.force_login(coachee)

    response = client.get(TIJDLIJN)

    inhoud = response.content.decode()
    assert inhoud.index(nieuw.titel) < inhoud.index(oud.titel)
    assertNotContains(response, "Ervaring van een teamgenoot")
    assertContains(response, reverse("leren:ervaring_nieuw"))
    assertContains(response, nl("Record a learning entry"))


def test_an_empty_timeline_invites_a_first_entry(client, coachee):
    client.force_login(coachee)
    assertContains(client.get(TIJDLIJN), nl("No learning entries yet"))


def test_the_timeline_filters(client, coachee):
    verbinden = Competentie.objects.get(slug="verbinden")
    ervaring_van(
        coachee,
        titel="Training",
        bron=Bron.FORMEEL,
        datum=date(2026, 1, 10),
        competenties=[verbinden],
    )
    ervaring_van(coachee, titel="Feedback van collega", bron=Bron.SOCIAAL, zichtbaarheid="coach")
    ervaring_van(coachee, titel="Lastig overleg", bron=Bron.ERVARING, datum=date(2025, 6, 1))
    client.force_login(coachee)

    def titels(**params) -> set[str]:
        response = client.get(TIJDLIJN, params)
        assert response.status_code == 200
        return {e.titel for e in response.context["pagina"].object_list}

    assert titels(bron="formeel") == {"Training"}
    assert titels(competentie="verbinden") == {"Training"}
    assert titels(zichtbaarheid="coach") == {"Feedback van collega"}
    assert titels(van="2025-01-01", tot="2025-12-31") == {"Lastig overleg"}
    # Values that are no choice (an edited URL) are left out of the filter, and said so.
    response = client.get(TIJDLIJN, {"bron": "onzin", "van": "gisteren"})
    assert response.status_code == 200
    assert len(response.context["pagina"].object_list) == 3
    assert response.context["form"].errors["van"]


def test_the_timeline_pages_and_htmx_gets_only_the_results(client, coachee):
    for dag in range(25):
        ervaring_van(coachee, titel=f"Ervaring {dag}", datum=date(2026, 1, 1) + timedelta(dag))
    client.force_login(coachee)

    tweede = client.get(TIJDLIJN, {"pagina": 2})
    assert len(tweede.context["pagina"].object_list) == 5

    fragment = client.get(TIJDLIJN, {"bron": "ervaring"}, headers={"HX-Request": "true"})
    inhoud = fragment.content.decode()
    assert "<html" not in inhoud
    assert 'id="tijdlijn-status"' in inhoud and 'hx-swap-oob="true"' in inhoud
    assert fragment["Vary"].count("HX-Request") == 1


# --- Recording an entry ------------------------------------------------------------------


def test_the_quick_form_starts_today_and_private(client, coachee):
    client.force_login(coachee)
    response = client.get(NIEUW)
    form = response.context["form"]
    assert form["datum"].value() == timezone.localdate()
    assert form["zichtbaarheid"].value() == Zichtbaarheid.PRIVE
    # Every source and every visibility comes with its explanation.
    for keuze in form.bronnen() + form.zichtbaarheden():
        assertContains(response, keuze["uitleg"])
    assertContains(response, "<details", count=1)


def test_a_quick_entry_is_saved(client, coachee):
    client.force_login(coachee)
    response = client.post(NIEUW, geldig())
    ervaring = Leerervaring.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("leren:ervaring", kwargs={"pk": ervaring.pk})
    assert ervaring.auteur == coachee
    assert (ervaring.bron, ervaring.zichtbaarheid) == (Bron.SOCIAAL, Zichtbaarheid.COACH)


def test_a_full_entry_keeps_starr_competences_opgave_and_time(client, coachee, opgave):
    verbinden, netwerkregie = Competentie.objects.filter(
        slug__in=["verbinden", "netwerkregie"]
    ).order_by("slug")[:2]
    client.force_login(coachee)
    client.post(
        NIEUW,
        geldig(
            situatie="Partners waren het oneens.",
            taak="Ik zat het overleg voor.",
            actie="Ik vroeg iedereen naar zijn belang.",
            resultaat="Een gedeelde agenda.",
            competenties=[verbinden.pk, netwerkregie.pk],
            opgave=opgave.pk,
            duur_minuten=90,
        ),
    )
    ervaring = Leerervaring.objects.get()
    assert ervaring.situatie == "Partners waren het oneens."
    assert ervaring.resultaat == "Een gedeelde agenda."
    assert set(ervaring.competenties.all()) == {verbinden, netwerkregie}
    assert (ervaring.opgave, ervaring.duur_minuten) == (opgave, 90)


@pytest.mark.parametrize(
    ("wijziging", "veld", "msgid"),
    [
        ({"titel": ""}, "titel", "Give your learning entry a title."),
        ({"reflectie": ""}, "reflectie", "Write down what you learnt."),
        ({"bron": ""}, "bron", "Choose how you learnt it: 70, 20 or 10."),
        ({"zichtbaarheid": "iedereen"}, "zichtbaarheid", None),
        (
            {"datum": (timezone.localdate() + timedelta(days=1)).isoformat()},
            "datum",
            "A learning entry is about something that happened: choose today or earlier.",
        ),
        ({"duur_minuten": 0}, "duur_minuten", None),
    ],
)
def test_bad_input_is_a_400_with_the_error_and_saves_nothing(
    client, coachee, wijziging, veld, msgid
):
    client.force_login(coachee)
    with translation.override("nl"):
        response = client.post(NIEUW, geldig(**wijziging), HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert not Leerervaring.objects.exists()
    assert response.context["form"].errors[veld]
    if msgid:
        assertContains(response, nl(msgid), status_code=400)
    assertContains(response, "data-error-summary", status_code=400)


def test_an_opgave_the_user_does_not_see_cannot_be_linked(client, adviseur, interne_opgave):
    client.force_login(adviseur)
    response = client.post(NIEUW, geldig(opgave=interne_opgave.pk))
    assert response.status_code == 400
    assert response.context["form"].errors["opgave"]
    assert not Leerervaring.objects.exists()


def test_an_inactive_competence_is_no_choice(client, coachee):
    oud = Competentie.objects.get(slug="verbinden")
    Competentie.objects.filter(pk=oud.pk).update(actief=False)
    client.force_login(coachee)
    assertNotContains(client.get(NIEUW), f'value="{oud.pk}"')
    response = client.post(NIEUW, geldig(competenties=[oud.pk]))
    assert response.status_code == 400
    assert not Leerervaring.objects.exists()


# --- One entry ---------------------------------------------------------------------------


def url(naam: str, pk: int) -> str:
    return reverse(f"leren:{naam}", kwargs={"pk": pk})


def test_the_author_reads_the_entry_with_starr_competences_and_feedback(
    client, coachee, adviseur, traject
):
    ervaring = ervaring_van(
        coachee,
        zichtbaarheid="coach",
        situatie="De wijkavond liep uit de hand.",
        competenties=[Competentie.objects.get(slug="verbinden")],
    )
    feedback_geven(ervaring=ervaring, coach=adviseur, tekst="Mooi dat je bleef luisteren.")
    client.force_login(coachee)

    response = client.get(url("ervaring", ervaring.pk))

    assertContains(response, ervaring.titel)
    assertContains(response, "De wijkavond liep uit de hand.")
    assertContains(response, "Verbinden")
    assertContains(response, "Mooi dat je bleef luisteren.")
    assertContains(response, url("ervaring_bewerken", ervaring.pk))
    assert response.context["kan_feedback"] is False


def test_the_coach_reads_a_shared_entry_and_gets_the_feedback_form(
    client, coachee, adviseur, traject
):
    ervaring = ervaring_van(coachee, zichtbaarheid="coach")
    client.force_login(adviseur)
    response = client.get(url("ervaring", ervaring.pk))
    assert response.status_code == 200
    assert response.context["kan_feedback"] is True
    assert "leren/coaching/_feedback_form.html" in [t.name for t in response.templates]
    assertNotContains(response, url("ervaring_bewerken", ervaring.pk))


def test_a_team_member_reads_a_team_entry_without_the_feedback_form(
    client, coachee, ambtenaar, teamtraject
):
    ervaring = ervaring_van(coachee, zichtbaarheid="team")
    client.force_login(ambtenaar)
    response = client.get(url("ervaring", ervaring.pk))
    assert response.status_code == 200
    assert response.context["kan_feedback"] is False
    assert "leren/coaching/_feedback_form.html" not in [t.name for t in response.templates]


def test_a_coach_does_not_see_the_title_of_an_internal_opgave_of_the_entry(
    client, coachee, adviseur, traject, interne_opgave
):
    ervaring = ervaring_van(coachee, zichtbaarheid="coach", opgave=interne_opgave)
    client.force_login(adviseur)
    assertNotContains(client.get(url("ervaring", ervaring.pk)), interne_opgave.titel)
    client.force_login(coachee)
    assertContains(client.get(url("ervaring", ervaring.pk)), interne_opgave.titel)


@pytest.mark.parametrize(
    ("persona", "zichtbaarheid"),
    [
        ("adviseur", "prive"),  # the coach never reads a private entry
        ("regisseur", "coach"),  # the opdrachtgever never reads entries
        ("ambtenaar", "coach"),  # a team member reads team entries only
        ("ambtenaar", "prive"),
    ],
)
def test_an_entry_one_may_not_read_is_a_404_on_every_page(
    client, request, coachee, traject, teamtraject, persona, zichtbaarheid
):
    ervaring = ervaring_van(coachee, zichtbaarheid=zichtbaarheid)
    client.force_login(request.getfixturevalue(persona))
    for naam in ("ervaring", "ervaring_bewerken", "ervaring_verwijderen"):
        assert client.get(url(naam, ervaring.pk)).status_code == 404
    assert client.post(url("ervaring_bewerken", ervaring.pk), geldig()).status_code == 404
    assert client.post(url("ervaring_verwijderen", ervaring.pk)).status_code == 404
    assert Leerervaring.objects.get().titel == ervaring.titel


def test_who_reads_but_did_not_write_an_entry_gets_403_on_editing(
    client, coachee, adviseur, traject
):
    ervaring = ervaring_van(coachee, zichtbaarheid="coach")
    client.force_login(adviseur)
    assert client.get(url("ervaring_bewerken", ervaring.pk)).status_code == 403
    assert client.post(url("ervaring_bewerken", ervaring.pk), geldig()).status_code == 403
    assert client.post(url("ervaring_verwijderen", ervaring.pk)).status_code == 403
    assert Leerervaring.objects.get().titel == ervaring.titel


def test_the_author_edits_an_entry(client, coachee):
    ervaring = ervaring_van(coachee, competenties=[Competentie.objects.get(slug="verbinden")])
    client.force_login(coachee)
    formulier = client.get(url("ervaring_bewerken", ervaring.pk)).context["form"]
    assert formulier["titel"].value() == ervaring.titel
    assert formulier["competenties"].value() == [Competentie.objects.get(slug="verbinden").pk]

    response = client.post(url("ervaring_bewerken", ervaring.pk), geldig(titel="Nieuwe titel"))

    assert response.status_code == 302
    ervaring.refresh_from_db()
    assert ervaring.titel == "Nieuwe titel"
    assert ervaring.zichtbaarheid == Zichtbaarheid.COACH
    assert not ervaring.competenties.exists()


def test_editing_with_bad_input_changes_nothing(client, coachee):
    ervaring = ervaring_van(coachee)
    client.force_login(coachee)
    response = client.post(url("ervaring_bewerken", ervaring.pk), geldig(titel=""))
    assert response.status_code == 400
    ervaring.refresh_from_db()
    assert ervaring.titel == "Bewonersavond warmtevisie"


def test_the_author_deletes_an_entry_after_confirming(client, coachee, adviseur, traject):
    ervaring = ervaring_van(coachee, zichtbaarheid="coach")
    feedback_geven(ervaring=ervaring, coach=adviseur, tekst="Goed gedaan.")
    client.force_login(coachee)

    bevestigen = client.get(url("ervaring_verwijderen", ervaring.pk))
    assertContains(bevestigen, ervaring.titel)
    assert bevestigen.context["aantal_feedback"] == 1
    assert Leerervaring.objects.exists()

    response = client.post(url("ervaring_verwijderen", ervaring.pk))
    assert response.status_code == 302
    assert response["Location"] == TIJDLIJN
    assert not Leerervaring.objects.exists()


# --- Action points -----------------------------------------------------------------------


@pytest.fixture
def actiepunt(traject, coachee):
    gesprek = gesprek_vastleggen(
        traject=traject,
        datum=date(2026, 10, 1),
        gedeelde_notities="Gedeeld",
        actiepunten=[("Partners bellen", coachee, date(2026, 10, 15))],
    )
    return gesprek.actiepunten.get()


def test_the_owner_marks_an_action_point_done(client, coachee, actiepunt):
    client.force_login(coachee)
    response = client.post(url("actiepunt_afronden", actiepunt.pk))
    assert response.status_code == 302
    assert response["Location"] == reverse("leren:dashboard")
    actiepunt.refresh_from_db()
    assert actiepunt.afgerond_op is not None
    # Twice is harmless: it stays done at the first moment.
    moment = actiepunt.afgerond_op
    client.post(url("actiepunt_afronden", actiepunt.pk))
    actiepunt.refresh_from_db()
    assert actiepunt.afgerond_op == moment


@pytest.mark.parametrize("persona", ["adviseur", "ambtenaar", "regisseur"])
def test_someone_elses_action_point_is_a_404(client, request, actiepunt, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(url("actiepunt_afronden", actiepunt.pk)).status_code == 404
    assert Actiepunt.objects.get().afgerond_op is None


def test_marking_done_is_post_only(client, coachee, actiepunt):
    client.force_login(coachee)
    assert client.get(url("actiepunt_afronden", actiepunt.pk)).status_code == 405


# --- Development plans -------------------------------------------------------------------


def plan_van(eigenaar, titel="Mijn ontwikkeling 2026") -> Ontwikkelplan:
    plan = ontwikkelplan_opslaan(
        eigenaar=eigenaar, titel=titel, van=date(2026, 1, 1), tot=date(2026, 12, 31)
    )
    doel_toevoegen(plan=plan, omschrijving="Zelf een netwerkoverleg voorzitten")
    return plan


def plan_data(**velden) -> dict:
    return {
        "titel": "Mijn POP",
        "van": "2026-01-01",
        "tot": "2026-12-31",
        "status": "actief",
        "competenties": [Competentie.objects.get(slug="netwerkregie").pk],
        **velden,
    }


def test_the_plans_page_lists_own_plans_only(client, coachee, ambtenaar):
    plan_van(coachee, titel="Plan van Coen")
    plan_van(ambtenaar, titel="Plan van Anouk")
    client.force_login(coachee)
    response = client.get(reverse("leren:plannen"))
    assertContains(response, "Plan van Coen")
    assertNotContains(response, "Plan van Anouk")


def test_a_new_plan_is_saved_with_its_competences(client, coachee):
    client.force_login(coachee)
    response = client.post(reverse("leren:plan_nieuw"), plan_data())
    plan = Ontwikkelplan.objects.get()
    assert response["Location"] == url("plan", plan.pk)
    assert (plan.eigenaar, plan.status) == (coachee, "actief")
    assert [c.slug for c in plan.competenties.all()] == ["netwerkregie"]


def test_a_plan_that_ends_before_it_starts_is_refused(client, coachee):
    client.force_login(coachee)
    response = client.post(reverse("leren:plan_nieuw"), plan_data(tot="2025-12-31"))
    assert response.status_code == 400
    assertContains(response, nl("A plan cannot end before it starts."), status_code=400)
    assert not Ontwikkelplan.objects.exists()


def test_the_plan_page_shows_goals_with_progress_bars(client, coachee):
    plan = plan_van(coachee)
    doel = plan.doelen.get()
    Ontwikkeldoel.objects.filter(pk=doel.pk).update(voortgang=40)
    client.force_login(coachee)
    response = client.get(url("plan", plan.pk))
    assertContains(response, 'max="100" value="40"')
    assertContains(response, doel.omschrijving)
    assertContains(response, url("doel_voortgang", doel.pk))
    assertContains(response, url("doel_nieuw", plan.pk))


def test_editing_a_plan(client, coachee):
    plan = plan_van(coachee)
    client.force_login(coachee)
    response = client.post(url("plan_bewerken", plan.pk), plan_data(titel="Anders"))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.titel == "Anders"
    response = client.post(url("plan_bewerken", plan.pk), plan_data(titel=""))
    assert response.status_code == 400
    plan.refresh_from_db()
    assert plan.titel == "Anders"


def test_adding_a_goal(client, coachee):
    plan = plan_van(coachee)
    client.force_login(coachee)
    response = client.post(url("doel_nieuw", plan.pk), {"omschrijving": "Feedback vragen"})
    assert response.status_code == 302
    assert plan.doelen.filter(omschrijving="Feedback vragen").exists()
    response = client.post(url("doel_nieuw", plan.pk), {"omschrijving": ""})
    assert response.status_code == 400
    assertContains(response, nl("Describe the goal."), status_code=400)
    assert plan.doelen.count() == 2
    assert client.get(url("doel_nieuw", plan.pk)).status_code == 405


def test_recording_progress_on_a_goal(client, coachee):
    doel = plan_van(coachee).doelen.get()
    client.force_login(coachee)
    assert client.get(url("doel_voortgang", doel.pk)).status_code == 200
    response = client.post(url("doel_voortgang", doel.pk), {"voortgang": 60, "toelichting": "Goed"})
    assert response.status_code == 302
    doel.refresh_from_db()
    assert (doel.voortgang, doel.toelichting) == (60, "Goed")
    # The form on the plan page names its fields after the goal.
    client.post(url("doel_voortgang", doel.pk), {f"doel-{doel.pk}-voortgang": 80})
    doel.refresh_from_db()
    assert doel.voortgang == 80


@pytest.mark.parametrize("voortgang", [101, -1, "veel", ""])
def test_progress_out_of_range_is_refused(client, coachee, voortgang):
    doel = plan_van(coachee).doelen.get()
    client.force_login(coachee)
    response = client.post(url("doel_voortgang", doel.pk), {"voortgang": voortgang})
    assert response.status_code == 400
    doel.refresh_from_db()
    assert doel.voortgang == 0


@pytest.mark.parametrize("persona", ["ambtenaar", "adviseur"])
def test_someone_elses_plan_and_goal_are_a_404(client, request, coachee, persona):
    plan = plan_van(coachee)
    doel = plan.doelen.get()
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url("plan", plan.pk)).status_code == 404
    assert client.get(url("plan_bewerken", plan.pk)).status_code == 404
    assert client.post(url("plan_bewerken", plan.pk), plan_data()).status_code == 404
    assert client.post(url("doel_nieuw", plan.pk), {"omschrijving": "X"}).status_code == 404
    assert client.get(url("doel_voortgang", doel.pk)).status_code == 404
    assert client.post(url("doel_voortgang", doel.pk), {"voortgang": 90}).status_code == 404
    plan.refresh_from_db()
    assert plan.titel == "Mijn ontwikkeling 2026"
    assert plan.doelen.count() == 1
    assert plan.doelen.get().voortgang == 0


# --- Progress per competence -------------------------------------------------------------


def test_a_self_assessment_is_saved(client, coachee):
    netwerkregie = Competentie.objects.get(slug="netwerkregie")
    client.force_login(coachee)
    response = client.post(
        reverse("leren:voortgang"),
        {"competentie": netwerkregie.pk, "niveau": 3, "toelichting": "Gaat beter"},
    )
    assert response.status_code == 302
    meting = Voortgangsmeting.objects.get()
    assert (meting.persoon, meting.beoordelaar, meting.door) == (coachee, coachee, "zelf")
    assert (meting.niveau, meting.datum) == (3, timezone.localdate())


@pytest.mark.parametrize("niveau", [0, 6, "hoog", ""])
def test_a_level_outside_1_to_5_is_refused(client, coachee, niveau):
    client.force_login(coachee)
    response = client.post(
        reverse("leren:voortgang"),
        {"competentie": Competentie.objects.get(slug="verbinden").pk, "niveau": niveau},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["niveau"]
    assert not Voortgangsmeting.objects.exists()


def test_the_progress_page_shows_self_and_coach_as_chart_and_table(
    client, coachee, adviseur, traject
):
    netwerkregie = Competentie.objects.get(slug="netwerkregie")
    voortgang_meten(
        persoon=coachee,
        competentie=netwerkregie,
        niveau=2,
        beoordelaar=coachee,
        datum=date(2026, 3, 1),
    )
    voortgang_meten(
        persoon=coachee,
        competentie=netwerkregie,
        niveau=3,
        beoordelaar=adviseur,
        datum=date(2026, 6, 1),
        toelichting="Zichtbaar gegroeid",
    )
    client.force_login(coachee)
    response = client.get(reverse("leren:voortgang"))
    assertContains(response, "data:image/svg+xml;base64,")
    assertContains(response, "<table", count=1)
    assertContains(response, "Zichtbaar gegroeid")
    assertContains(response, adviseur.weergavenaam)
    (groep,) = response.context["groepen"]
    assert [m.niveau for m in groep.metingen] == [2, 3]


def test_the_progress_page_without_assessments(client, coachee):
    client.force_login(coachee)
    response = client.get(reverse("leren:voortgang"))
    assertContains(
        response, nl("No assessments yet. Assess yourself above to start seeing your progress.")
    )
    assertNotContains(response, "<table")


# --- Strict CSP --------------------------------------------------------------------------


def test_the_pages_have_no_inline_script_or_style(client, coachee, adviseur, traject):
    from tests.test_csp import inline_code

    ervaring = ervaring_van(coachee, zichtbaarheid="coach", duur_minuten=30)
    voortgang_meten(
        persoon=coachee,
        competentie=Competentie.objects.get(slug="verbinden"),
        niveau=2,
        beoordelaar=coachee,
    )
    plan = plan_van(coachee)
    client.force_login(coachee)
    for pad in (
        TIJDLIJN,
        reverse("leren:dashboard"),
        NIEUW,
        url("ervaring", ervaring.pk),
        url("ervaring_bewerken", ervaring.pk),
        url("ervaring_verwijderen", ervaring.pk),
        reverse("leren:plannen"),
        reverse("leren:plan_nieuw"),
        url("plan", plan.pk),
        url("doel_voortgang", plan.doelen.get().pk),
        reverse("leren:voortgang"),
    ):
        response = client.get(pad)
        assert response.status_code == 200, pad
        assert inline_code(response.content.decode()) == [], pad
