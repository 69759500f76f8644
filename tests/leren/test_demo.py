"""The demo learning and coaching (issue 8 point 9): two officials with six months of
entries in a 70-20-10 mix, a development plan each, an individual and a team
coaching trajectory with conversations, action points and feedback."""

from datetime import timedelta

from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

import pytest

from leren.models import (
    Actiepunt,
    Coachgesprek,
    Coachtraject,
    Feedback,
    Leerervaring,
    Ontwikkeldoel,
    Ontwikkelplan,
    Voortgangsmeting,
)
from leren.selectors import leerervaringen_zichtbaar
from leren.selectors_leerder import mix_van
from meldingen.models import Melding, Soort
from opgaven.models import Opgaverol

pytestmark = pytest.mark.django_db

OFFICIALS = ("ambtenaar@demodam.nl", "regisseur@demodam.nl")


@pytest.fixture
def demo(mailoutbox):
    call_command("demo", verbosity=0)


def test_two_officials_have_six_months_of_entries_in_a_70_20_10_mix(demo):
    vandaag = timezone.localdate()
    for email in OFFICIALS:
        ervaringen = Leerervaring.objects.filter(auteur__email=email)
        assert ervaringen.count() >= 25
        oudste = ervaringen.order_by("datum").first().datum
        assert vandaag - timedelta(days=185) <= oudste <= vandaag - timedelta(days=150)
        assert ervaringen.order_by("-datum").first().datum <= vandaag
        mix = mix_van(user=ervaringen.first().auteur, maanden=6, vandaag=vandaag)
        for regel in mix.regels:
            assert abs(regel.pct_aantal - regel.doel_pct) <= 5, regel
            assert regel.minuten > 0
        zichtbaarheden = set(ervaringen.values_list("zichtbaarheid", flat=True))
        assert zichtbaarheden == {"prive", "coach", "team"}
        assert ervaringen.exclude(situatie="").exists()
        assert ervaringen.filter(competenties__isnull=False).exists()
        assert ervaringen.filter(opgave__isnull=False).exists()


def test_each_official_has_a_plan_with_goals_and_self_assessments(demo):
    for email in OFFICIALS:
        (plan,) = Ontwikkelplan.objects.filter(eigenaar__email=email)
        assert 2 <= plan.doelen.count() <= 3
        assert plan.doelen.filter(voortgang__gt=0).exists()
        zelf = Voortgangsmeting.objects.filter(persoon__email=email, door="zelf")
        assert zelf.values("datum").distinct().count() >= 3


def test_an_individual_and_a_team_trajectory(demo):
    individueel = Coachtraject.objects.get(soort="individueel")
    assert individueel.status == "actief"
    assert individueel.coach.email == "adviseur@demodam.nl"
    assert [c.email for c in individueel.coachees.all()] == ["ambtenaar@demodam.nl"]
    assert individueel.opdrachtgever.email == "regisseur@demodam.nl"
    assert individueel.deelt_voortgang

    team = Coachtraject.objects.get(soort="team")
    assert team.status == "actief"
    kernteam = set(
        Opgaverol.objects.filter(
            opgave=team.opgave, rol__in=["opgaveregisseur", "kernteamlid"]
        ).values_list("user__email", flat=True)
    )
    assert set(team.coachees.values_list("email", flat=True)) == kernteam == set(OFFICIALS)

    for traject in (individueel, team):
        gesprekken = traject.gesprekken.all()
        assert 2 <= len(gesprekken) <= 3
        assert all(g.gedeelde_notities and g.prive_notities for g in gesprekken)
    vandaag = timezone.localdate()
    open_punten = Actiepunt.objects.filter(afgerond_op__isnull=True)
    assert open_punten.filter(deadline__lt=vandaag).count() == 1
    assert open_punten.filter(deadline__gte=vandaag).exists()
    assert Actiepunt.objects.filter(afgerond_op__isnull=False).exists()
    assert Voortgangsmeting.objects.filter(door="coach").exists()


def test_feedback_only_on_shared_entries_and_some_still_wait(demo):
    feedback = Feedback.objects.select_related("leerervaring", "coach")
    assert feedback.count() >= 5
    assert not feedback.filter(leerervaring__zichtbaarheid="prive").exists()
    # The coach may read every entry they commented on.
    adviseur = feedback.first().coach
    zichtbaar = set(leerervaringen_zichtbaar(adviseur).values_list("pk", flat=True))
    assert {f.leerervaring_id for f in feedback} <= zichtbaar
    wachtend = Leerervaring.objects.exclude(zichtbaarheid="prive").filter(feedback__isnull=True)
    assert wachtend.exists()
    # The notification says that there is feedback, never what the entry is called.
    meldingen = Melding.objects.filter(soort=Soort.LEER_FEEDBACK)
    assert meldingen.count() == feedback.count()
    titels = set(Leerervaring.objects.values_list("titel", flat=True))
    for melding in meldingen:
        tekst = " ".join(str(waarde) for waarde in vars(melding).values())
        assert not any(titel in tekst for titel in titels)


def test_running_the_demo_twice_gives_the_same_counts(demo):
    def aantallen():
        return (
            Leerervaring.objects.count(),
            Leerervaring.competenties.through.objects.count(),
            Ontwikkelplan.objects.count(),
            Ontwikkeldoel.objects.count(),
            Voortgangsmeting.objects.count(),
            Coachtraject.objects.count(),
            Coachgesprek.objects.count(),
            Actiepunt.objects.count(),
            Feedback.objects.count(),
            Melding.objects.filter(soort=Soort.LEER_FEEDBACK).count(),
            tuple(Coachtraject.objects.annotate(n=Count("coachees")).values_list("n", flat=True)),
        )

    voor = aantallen()
    call_command("demo", verbosity=0)
    assert aantallen() == voor
