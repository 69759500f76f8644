"""Learning on the job (DESIGN §5 "leren"): the handelingsrepertoire, 70-20-10
learning entries, development plans, progress per competence, and coaching
trajectories with their conversations, action points and feedback.

Confidentiality is part of the function. Who reads what is decided in one place,
``leren.selectors`` (entries, notes) with the rules in ``leren.policies``:

- a ``prive`` entry is read by its author only: not by a coach, not by the
  opdrachtgever, not in the admin (which lists metadata only);
- a ``coach`` entry by the coaches of an active trajectory of its author;
- a ``team`` entry by the coach and the coachees of an active team trajectory
  its author is in;
- private notes of a coaching conversation by the coach only;
- the opdrachtgever reads what the agreement shares (a progress summary), never
  entries or notes.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from opgaven.models import Opgave


class Competentie(models.Model):
    """A competence of the handelingsrepertoire for opgavegericht werken."""

    naam = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    beschrijving = models.TextField(_("description"))
    gedragsindicatoren = models.TextField(
        _("behavioural indicators"), help_text=_("One indicator per line."), blank=True
    )
    volgorde = models.PositiveSmallIntegerField(_("order"), default=0)
    actief = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam

    @property
    def indicatoren(self) -> list[str]:
        return [regel.strip() for regel in self.gedragsindicatoren.splitlines() if regel.strip()]


class Bron(models.TextChoices):
    """Where the learning came from: the 70-20-10 model."""

    ERVARING = "ervaring", _("Experience at work (70)")
    SOCIAAL = "sociaal", _("Learning from others (20)")
    FORMEEL = "formeel", _("Training and courses (10)")


# The 70-20-10 target mix, in percent.
DOELMIX = {Bron.ERVARING: 70, Bron.SOCIAAL: 20, Bron.FORMEEL: 10}


class Zichtbaarheid(models.TextChoices):
    PRIVE = "prive", _("Only me")
    COACH = "coach", _("Me and my coach")
    TEAM = "team", _("My coaching team")


class Leerervaring(models.Model):
    """A learning entry: what happened, and what the author learnt from it."""

    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="leerervaringen",
        verbose_name=_("author"),
    )
    datum = models.DateField(_("date"))
    bron = models.CharField(_("source"), max_length=10, choices=Bron.choices)
    titel = models.CharField(_("title"), max_length=200)
    reflectie = models.TextField(_("reflection"), max_length=10000)
    # STARR: situation, task, action, result (the reflection is the second R).
    situatie = models.TextField(_("situation"), blank=True)
    taak = models.TextField(_("task"), blank=True)
    actie = models.TextField(_("action"), blank=True)
    resultaat = models.TextField(_("result"), blank=True)
    competenties = models.ManyToManyField(
        Competentie, blank=True, related_name="leerervaringen", verbose_name=_("competences")
    )
    opgave = models.ForeignKey(
        Opgave,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opgave"),
    )
    # A lazy reference: leren and participatie share a floor and never import each other.
    sessie = models.ForeignKey(
        "participatie.Sessie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("session"),
    )
    duur_minuten = models.PositiveIntegerField(_("duration (minutes)"), null=True, blank=True)
    zichtbaarheid = models.CharField(
        _("who can read this"),
        max_length=10,
        choices=Zichtbaarheid.choices,
        default=Zichtbaarheid.PRIVE,
    )
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("learning entry")
        verbose_name_plural = _("learning entries")
        ordering = ["-datum", "-pk"]
        indexes = [
            models.Index(fields=["auteur", "-datum", "-id"], name="leerervaring_tijdlijn"),
            models.Index(fields=["auteur", "zichtbaarheid"], name="leerervaring_gedeeld"),
        ]

    def __str__(self) -> str:
        # Never the title: this name shows where its content may not (the admin).
        return f"{self._meta.verbose_name} {self.pk}"


class Ontwikkelplan(models.Model):
    """A personal development plan (POP): goals for a period."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Draft")
        ACTIEF = "actief", _("Active")
        AFGEROND = "afgerond", _("Completed")

    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="ontwikkelplannen",
        verbose_name=_("owner"),
    )
    titel = models.CharField(_("title"), max_length=200)
    van = models.DateField(_("from"))
    tot = models.DateField(_("until"))
    competenties = models.ManyToManyField(
        Competentie, blank=True, related_name="+", verbose_name=_("competences")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CONCEPT
    )
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")
        ordering = ["-van", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__gte=F("van")),
                name="ontwikkelplan_tot_na_van",
                violation_error_message=_("A plan cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.titel


class Ontwikkeldoel(models.Model):
    """A goal of a development plan, with its progress."""

    plan = models.ForeignKey(
        Ontwikkelplan, on_delete=models.CASCADE, related_name="doelen", verbose_name=_("plan")
    )
    omschrijving = models.TextField(_("goal"), max_length=2000)
    competentie = models.ForeignKey(
        Competentie,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("competence"),
    )
    voortgang = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    toelichting = models.TextField(_("how it is going"), blank=True)

    class Meta:
        verbose_name = _("development goal")
        verbose_name_plural = _("development goals")
        ordering = ["plan", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(voortgang__lte=100),
                name="ontwikkeldoel_voortgang_max",
                violation_error_message=_("Progress is at most 100%."),
            ),
        ]

    def __str__(self) -> str:
        return self.omschrijving[:60]


class Voortgangsmeting(models.Model):
    """A level 1 to 5 on a competence, by the person themselves or by their coach."""

    class Door(models.TextChoices):
        ZELF = "zelf", _("Self-assessment")
        COACH = "coach", _("Coach")

    persoon = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="voortgangsmetingen",
        verbose_name=_("person"),
    )
    competentie = models.ForeignKey(
        Competentie, on_delete=models.PROTECT, related_name="+", verbose_name=_("competence")
    )
    niveau = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    door = models.CharField(_("assessed by"), max_length=10, choices=Door.choices)
    beoordelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("assessor"),
    )
    datum = models.DateField(_("date"))
    toelichting = models.TextField(_("explanation"), blank=True)

    class Meta:
        verbose_name = _("progress measurement")
        verbose_name_plural = _("progress measurements")
        ordering = ["persoon", "competentie", "datum", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(niveau__gte=1, niveau__lte=5),
                name="voortgangsmeting_niveau_1_5",
                violation_error_message=_("A level is 1 to 5."),
            ),
        ]
        indexes = [models.Index(fields=["persoon", "datum"], name="voortgangsmeting_persoon")]

    def __str__(self) -> str:
        return f"{self.persoon}: {self.competentie} {self.niveau}"


class Coachtraject(models.Model):
    """A coaching trajectory of an adviser with one coachee or a team."""

    class Soort(models.TextChoices):
        INDIVIDUEEL = "individueel", _("Individual")
        TEAM = "team", _("Team")

    class Status(models.TextChoices):
        INTAKE = "intake", _("Intake")
        ACTIEF = "actief", _("Active")
        GEPAUZEERD = "gepauzeerd", _("Paused")
        AFGEROND = "afgerond", _("Completed")
        GEANNULEERD = "geannuleerd", _("Cancelled")

    titel = models.CharField(_("title"), max_length=200)
    soort = models.CharField(_("kind"), max_length=12, choices=Soort.choices)
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coachtrajecten_als_coach",
        verbose_name=_("coach"),
    )
    coachees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="coachtrajecten", verbose_name=_("coachees")
    )
    opdrachtgever = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coachtrajecten_als_opdrachtgever",
        verbose_name=_("client"),
    )
    opgave = models.ForeignKey(
        Opgave,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opgave"),
        help_text=_("For a team: the opgave whose core team is coached."),
    )
    doelen = models.TextField(_("goals"))
    # The three-way agreement (coach, coachee, opdrachtgever) on what is shared.
    afspraken = models.TextField(_("agreement on what is shared"), blank=True)
    deelt_voortgang = models.BooleanField(
        _("the client sees a progress summary"),
        default=False,
        help_text=_("The mix of learning sources and competence levels; never entries or notes."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.INTAKE
    )
    start = models.DateField(_("start"))
    eind = models.DateField(_("end"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("coaching trajectory")
        verbose_name_plural = _("coaching trajectories")
        ordering = ["-start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eind__isnull=True) | Q(eind__gte=F("start")),
                name="coachtraject_eind_na_start",
                violation_error_message=_("A trajectory cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.titel


class Coachgesprek(models.Model):
    """A coaching conversation: notes shared with the coachee(s), and the coach's own."""

    traject = models.ForeignKey(
        Coachtraject,
        on_delete=models.CASCADE,
        related_name="gesprekken",
        verbose_name=_("trajectory"),
    )
    datum = models.DateField(_("date"))
    gedeelde_notities = models.TextField(_("notes shared with the coachee"), blank=True)
    prive_notities = models.TextField(_("private notes of the coach"), blank=True)
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("coaching conversation")
        verbose_name_plural = _("coaching conversations")
        ordering = ["-datum", "-pk"]

    def __str__(self) -> str:
        return f"{self.traject}: {self.datum}"


class Actiepunt(models.Model):
    """An agreed action of a coaching conversation; it shows on the coachee's page."""

    gesprek = models.ForeignKey(
        Coachgesprek,
        on_delete=models.CASCADE,
        related_name="actiepunten",
        verbose_name=_("conversation"),
    )
    omschrijving = models.CharField(_("action point"), max_length=300)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actiepunten",
        verbose_name=_("who"),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    afgerond_op = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("action point")
        verbose_name_plural = _("action points")
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["eigenaar", "afgerond_op"], name="actiepunt_open")]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"


class Feedback(models.Model):
    """A coach's comment on a learning entry shared with them."""

    leerervaring = models.ForeignKey(
        Leerervaring,
        on_delete=models.CASCADE,
        related_name="feedback",
        verbose_name=_("learning entry"),
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("coach"),
    )
    tekst = models.TextField(_("feedback"), max_length=5000)
    aangemaakt_op = models.DateTimeField(_("given at"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["aangemaakt_op", "pk"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"
