"""Reports built in the background (DESIGN §5, meldingen and rapportage).

A ``Rapport`` is one request for one file: what (``soort``), about what (an
opgave, a round, a pot or a coaching trajectory), in which format. A Celery task
on the ``reports`` queue builds it (``rapportage.services.rapport_bouwen``) and
keeps ``voortgang`` up to date; the page polls it. ``pogingen`` counts the
attempts and fences them: only the attempt that claimed the job may finish it.

A ``Doelstatus`` is the red/amber/green judgement of the regisseur on one goal,
with a short narrative; the newest one counts, older ones are its history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rapportage.opslag import rapport_opslag


class Soort(models.TextChoices):
    VOORTGANG = "voortgangsrapportage", _("Progress report")
    PARTICIPATIE = "participatieverslag", _("Participation report")
    BUDGET = "budgetverantwoording", _("Budget account")
    LEREN = "leerrapport", _("Learning report")
    PORTFOLIO = "portfolio", _("Portfolio overview")


class Formaat(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "XLSX"
    CSV = "csv", "CSV"


class Rapport(models.Model):
    class Status(models.TextChoices):
        WACHTRIJ = "wachtrij", _("Waiting")
        BEZIG = "bezig", _("Being made")
        KLAAR = "klaar", _("Ready")
        MISLUKT = "mislukt", _("Failed")

    soort = models.CharField(_("kind"), max_length=24, choices=Soort.choices)
    formaat = models.CharField(_("format"), max_length=4, choices=Formaat.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WACHTRIJ
    )
    voortgang = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rapporten",
        verbose_name=_("requested by"),
        help_text=_("Empty for a scheduled report."),
    )
    # What the report is about: one of these, depending on the kind.
    opgave = models.ForeignKey(
        "opgaven.Opgave",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rapporten",
        verbose_name=_("opgave"),
    )
    ronde = models.ForeignKey(
        "participatie.Ronde",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rapporten",
        verbose_name=_("round"),
    )
    pot = models.ForeignKey(
        "budget.Budgetpot",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rapporten",
        verbose_name=_("budget pot"),
    )
    traject = models.ForeignKey(
        "leren.Coachtraject",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rapporten",
        verbose_name=_("coaching trajectory"),
    )
    periode_van = models.DateField(_("period from"), null=True, blank=True)
    periode_tot = models.DateField(_("period until"), null=True, blank=True)
    # The month of a scheduled progress report (its first day): one per opgave.
    maand = models.DateField(_("month"), null=True, blank=True, editable=False)

    bestand = models.FileField(
        _("file"), storage=rapport_opslag, upload_to="%Y/%m/", blank=True, editable=False
    )
    bestandsnaam = models.CharField(_("file name"), max_length=200, blank=True)
    fout = models.TextField(_("what went wrong"), blank=True)
    pogingen = models.PositiveSmallIntegerField(_("attempts"), default=0, editable=False)
    aangemaakt_op = models.DateTimeField(_("requested at"), auto_now_add=True)
    gestart_op = models.DateTimeField(_("started at"), null=True, blank=True)
    # The last sign of life of the attempt: a job whose worker died goes stale.
    bijgewerkt_op = models.DateTimeField(_("last progress at"), null=True, blank=True)
    klaar_op = models.DateTimeField(_("ready at"), null=True, blank=True)
    verloopt_op = models.DateTimeField(_("expires at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [
            models.Index(fields=["aangevraagd_door", "-aangemaakt_op"], name="rapport_van_user"),
            models.Index(
                fields=["status", "bijgewerkt_op"],
                name="rapport_lopend",
                condition=Q(status__in=["wachtrij", "bezig"]),
            ),
            models.Index(
                fields=["verloopt_op"], name="rapport_verloopt", condition=Q(status="klaar")
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(voortgang__lte=100), name="rapport_voortgang_tot_100"
            ),
            models.CheckConstraint(
                condition=~Q(status="klaar") | Q(voortgang=100),
                name="rapport_klaar_is_100",
            ),
            models.CheckConstraint(
                condition=Q(periode_van__isnull=True)
                | Q(periode_tot__isnull=True)
                | Q(periode_tot__gte=models.F("periode_van")),
                name="rapport_periode_oplopend",
                violation_error_message=_("The end of the period lies before its start."),
            ),
            # Exactly one subject, and the one that belongs to the kind.
            models.CheckConstraint(
                condition=(
                    Q(
                        soort="voortgangsrapportage",
                        opgave__isnull=False,
                        ronde__isnull=True,
                        pot__isnull=True,
                        traject__isnull=True,
                    )
                    | Q(
                        soort="participatieverslag",
                        pot__isnull=True,
                        traject__isnull=True,
                    )
                    & (
                        Q(opgave__isnull=False, ronde__isnull=True)
                        | Q(opgave__isnull=True, ronde__isnull=False)
                    )
                    | Q(
                        soort="budgetverantwoording",
                        opgave__isnull=True,
                        ronde__isnull=True,
                        pot__isnull=False,
                        traject__isnull=True,
                    )
                    | Q(
                        soort="leerrapport",
                        opgave__isnull=True,
                        ronde__isnull=True,
                        pot__isnull=True,
                        traject__isnull=False,
                    )
                    | Q(
                        soort="portfolio",
                        opgave__isnull=True,
                        ronde__isnull=True,
                        pot__isnull=True,
                        traject__isnull=True,
                    )
                ),
                name="rapport_onderwerp_past_bij_soort",
            ),
            # The monthly report: once per opgave per month, however often beat fires.
            models.UniqueConstraint(
                fields=["opgave", "maand"],
                condition=Q(maand__isnull=False),
                name="rapport_een_per_opgave_per_maand",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.get_formaat_display()}) #{self.pk}"

    @property
    def is_lopend(self) -> bool:
        return self.status in {self.Status.WACHTRIJ, self.Status.BEZIG}

    @property
    def onderwerp(self):
        """The opgave, round, pot or trajectory the report is about (``None``: portfolio)."""
        return self.opgave or self.ronde or self.pot or self.traject


class Doelstatus(models.Model):
    """The regisseur's red/amber/green judgement of a goal, with a short narrative."""

    class Kleur(models.TextChoices):
        GROEN = "groen", _("Green: on track")
        ORANJE = "oranje", _("Amber: needs attention")
        ROOD = "rood", _("Red: off track")

    doel = models.ForeignKey(
        "opgaven.Doel",
        on_delete=models.CASCADE,
        related_name="statussen",
        verbose_name=_("goal"),
    )
    kleur = models.CharField(_("status"), max_length=6, choices=Kleur.choices)
    toelichting = models.TextField(_("narrative"), max_length=1000)
    gezet_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("set by"),
    )
    gezet_op = models.DateTimeField(_("set at"), auto_now_add=True)

    class Meta:
        verbose_name = _("goal status")
        verbose_name_plural = _("goal statuses")
        ordering = ["-gezet_op", "-pk"]
        indexes = [models.Index(fields=["doel", "-gezet_op"], name="doelstatus_laatste")]

    def __str__(self) -> str:
        return f"{self.doel}: {self.get_kleur_display()}"


class Exportregistratie(models.Model):
    """A record of an export of personal data (participants): who, what, when, how many."""

    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    ronde = models.ForeignKey(
        "participatie.Ronde",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("round"),
    )
    wat = models.CharField(_("what"), max_length=40)
    formaat = models.CharField(_("format"), max_length=4, choices=Formaat.choices)
    op = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("export of personal data")
        verbose_name_plural = _("exports of personal data")
        ordering = ["-op", "-pk"]

    def __str__(self) -> str:
        return f"{self.wat} ({self.formaat}) {self.op:%Y-%m-%d %H:%M}"
