from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from config.audit import gevolgd, gevolgd_koppeling
from partners.models import Organisatie


class Fase(models.TextChoices):
    VERKENNEN = "verkennen", _("Exploring")
    DELEN = "delen", _("Sharing")
    OVEREENKOMEN = "overeenkomen", _("Agreeing")
    VORMGEVEN = "vormgeven", _("Shaping")
    UITVOEREN = "uitvoeren", _("Carrying out")
    EVALUEREN = "evalueren", _("Evaluating")
    AFGEROND = "afgerond", _("Completed")
    GESTOPT = "gestopt", _("Stopped")


class Zichtbaarheid(models.TextChoices):
    OPENBAAR = "openbaar", _("Public")
    INTERN = "intern", _("Internal")


class Thema(models.Model):
    """A policy theme an opgave touches (zorg, wonen, energie...), kept in the admin."""

    naam = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Gebied(models.Model):
    """An area with its CBS code: the municipality (GM), a district (WK) or a neighbourhood (BU)."""

    class Niveau(models.TextChoices):
        GEMEENTE = "GM", _("Municipality")
        WIJK = "WK", _("District")
        BUURT = "BU", _("Neighbourhood")

    naam = models.CharField(_("name"), max_length=100)
    code = models.CharField(
        _("CBS code"),
        max_length=10,
        unique=True,
        validators=[
            RegexValidator(
                r"^(GM\d{4}|WK\d{6}|BU\d{8})$",
                _("A CBS code is GM plus 4, WK plus 6 or BU plus 8 digits."),
            )
        ],
    )
    niveau = models.CharField(_("level"), max_length=2, choices=Niveau.choices)
    ligt_in = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delen",
        verbose_name=_("lies in"),
    )
    inwoners = models.PositiveIntegerField(_("residents"), null=True, blank=True)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__startswith=models.F("niveau")),
                name="gebied_code_past_bij_niveau",
                violation_error_message=_("The CBS code must start with the level (GM, WK, BU)."),
            ),
        ]

    def __str__(self) -> str:
        return self.naam


# The four scores of the "wickedness" profile (DESIGN §5): name -> label.
WICKEDNESS_SCORES = {
    "score_impact": _("Impact on society"),
    "score_krachtenveld": _("Complexity of the field of forces"),
    "score_verhoudingen": _("Shifting relations"),
    "score_tijdshorizon": _("Time horizon"),
}


def _score(label):
    return models.PositiveSmallIntegerField(
        label,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 (low) to 5 (high)."),
    )


@gevolgd(exclude=("zoekvector",))
class Opgave(models.Model):
    titel = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    vraagstuk = models.TextField(
        _("the question at stake"), help_text=_("The opgave as residents live it.")
    )
    huidige_situatie = models.TextField(_("current situation"), blank=True)
    gewenste_situatie = models.TextField(_("desired situation"), blank=True)
    maatschappelijk_effect = models.TextField(
        _("societal effect"), blank=True, help_text=_("What changes for residents when it works.")
    )
    afbakening = models.TextField(
        _("scope"), blank=True, help_text=_("What belongs to this opgave, and what does not.")
    )
    themas = models.ManyToManyField(
        Thema, blank=True, related_name="opgaven", verbose_name=_("themes")
    )
    gebieden = models.ManyToManyField(
        Gebied, blank=True, related_name="opgaven", verbose_name=_("areas")
    )
    startdatum = models.DateField(_("start date"), null=True, blank=True)
    horizon = models.DateField(
        _("horizon"), null=True, blank=True, help_text=_("The date the effect should be visible.")
    )
    score_impact = _score(WICKEDNESS_SCORES["score_impact"])
    score_krachtenveld = _score(WICKEDNESS_SCORES["score_krachtenveld"])
    score_verhoudingen = _score(WICKEDNESS_SCORES["score_verhoudingen"])
    score_tijdshorizon = _score(WICKEDNESS_SCORES["score_tijdshorizon"])
    # Dutch full-text search, weighted title (A) > vraagstuk (B) > the rest (C),
    # kept up to date by PostgreSQL itself and indexed with GIN.
    zoekvector = models.GeneratedField(
        expression=SearchVector("titel", weight="A", config="dutch")
        + SearchVector("vraagstuk", weight="B", config="dutch")
        + SearchVector(
            "huidige_situatie",
            "gewenste_situatie",
            "maatschappelijk_effect",
            "afbakening",
            weight="C",
            config="dutch",
        ),
        output_field=SearchVectorField(),
        db_persist=True,
        editable=False,
    )
    fase = models.CharField(_("phase"), max_length=20, choices=Fase.choices, default=Fase.VERKENNEN)
    zichtbaarheid = models.CharField(
        _("visibility"), max_length=10, choices=Zichtbaarheid.choices, default=Zichtbaarheid.INTERN
    )
    gearchiveerd = models.BooleanField(_("archived"), default=False)
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    gewijzigd_op = models.DateTimeField(_("changed at"), auto_now=True)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("opgave")
        verbose_name_plural = _("opgaven")
        ordering = ["titel"]
        permissions = [("view_interne_opgave", _("Can see internal opgaven"))]
        indexes = [GinIndex(fields=["zoekvector"], name="opgave_zoekvector_gin")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(slug=""),
                name="opgave_slug_not_empty",
                violation_error_message=_("An opgave needs a slug."),
            ),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__isnull": True})
                    | models.Q(**{f"{name}__range": (1, 5)}),
                    name=f"opgave_{name}_1_5",
                    violation_error_message=_("A score runs from 1 to 5."),
                )
                for name in WICKEDNESS_SCORES
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("opgaven:detail", kwargs={"slug": self.slug})


@gevolgd
class Opgaverol(models.Model):
    """A person's role on one opgave: the single source of per-opgave rights.

    The role applies from ``van`` up to, but not including, ``tot``; ending a
    role today (``tot = today``) takes its rights away today. Change roles only
    through ``opgaven.services``, which derives the guardian permissions.
    """

    class Rol(models.TextChoices):
        BESTUURLIJK_OPDRACHTGEVER = "bestuurlijk_opdrachtgever", _("Political sponsor")
        AMBTELIJK_OPDRACHTGEVER = "ambtelijk_opdrachtgever", _("Administrative sponsor")
        OPGAVEREGISSEUR = "opgaveregisseur", _("Task director")
        KERNTEAMLID = "kernteamlid", _("Core team member")

    opgave = models.ForeignKey(
        Opgave, on_delete=models.CASCADE, related_name="rollen", verbose_name=_("opgave")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="opgaverollen",
        verbose_name=_("user"),
    )
    rol = models.CharField(_("role"), max_length=30, choices=Rol.choices)
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opgaverollen",
        verbose_name=_("on behalf of"),
        help_text=_("The organisation this person represents in the role, if any."),
    )
    van = models.DateField(_("from"), help_text=_("The first day this role applies."))
    tot = models.DateField(
        _("until"),
        null=True,
        blank=True,
        help_text=_("The role ends at the start of this day. Empty while the role lasts."),
    )

    class Meta:
        verbose_name = _("opgave role")
        verbose_name_plural = _("opgave roles")
        ordering = ["opgave", "rol"]
        constraints = [
            models.UniqueConstraint(
                fields=["opgave", "user", "rol"],
                condition=models.Q(tot__isnull=True),
                name="opgaverol_one_active_per_role",
                violation_error_message=_("This person already holds this role on this opgave."),
            ),
            models.CheckConstraint(
                condition=models.Q(tot__isnull=True) | models.Q(tot__gte=models.F("van")),
                name="opgaverol_tot_after_van",
                violation_error_message=_("A role cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_rol_display()}: {self.user} ({self.opgave})"


# Direct-foreign-key object permissions (django-guardian): fast joins on busy tables.
class OpgaveUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Opgave, on_delete=models.CASCADE)


class OpgaveGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Opgave, on_delete=models.CASCADE)


class FaseOvergang(models.Model):
    """One phase change of an opgave: who moved it, when, from which phase to which, and why.

    Written only by ``services.opgave_fase_wijzigen``; never changed afterwards.
    """

    opgave = models.ForeignKey(
        Opgave, on_delete=models.CASCADE, related_name="faseovergangen", verbose_name=_("opgave")
    )
    van = models.CharField(_("from phase"), max_length=20, choices=Fase.choices)
    naar = models.CharField(_("to phase"), max_length=20, choices=Fase.choices)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    op = models.DateTimeField(_("at"), default=timezone.now)
    reden = models.TextField(
        _("reason"),
        help_text=_("Why the opgave moves to this phase, for everyone who reads it later."),
    )

    class Meta:
        verbose_name = _("phase transition")
        verbose_name_plural = _("phase transitions")
        ordering = ["-op", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(reden=""),
                name="faseovergang_reden_not_empty",
                violation_error_message=_("Give a reason for the phase change."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opgave}: {self.get_van_display()} → {self.get_naar_display()}"


# --- Doelen, indicatoren en metingen --------------------------------------------------


def _opgave_fk(related_name: str):
    """The opgave a child row belongs to. Kept on every child, also where a parent
    has it too, so a URL's objects are always fetched scoped to one opgave."""
    return models.ForeignKey(
        Opgave, on_delete=models.CASCADE, related_name=related_name, verbose_name=_("opgave")
    )


def _door_fk():
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )


@gevolgd
class Doel(models.Model):
    """A node in the goal tree: a societal effect, or a goal that serves one."""

    class Soort(models.TextChoices):
        EFFECT = "effect", _("Effect")
        DOEL = "doel", _("Goal")

    opgave = _opgave_fk("doelen")
    bovenliggend = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subdoelen",
        verbose_name=_("serves"),
    )
    soort = models.CharField(_("kind"), max_length=10, choices=Soort.choices, default=Soort.DOEL)
    titel = models.CharField(_("title"), max_length=200)
    omschrijving = models.TextField(_("description"), blank=True)
    volgorde = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["opgave", "volgorde", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(bovenliggend=models.F("pk")),
                name="doel_niet_eigen_ouder",
                violation_error_message=_("A goal cannot serve itself."),
            ),
        ]

    def __str__(self) -> str:
        return self.titel


@gevolgd
class Indicator(models.Model):
    opgave = _opgave_fk("indicatoren")
    doel = models.ForeignKey(
        Doel, on_delete=models.CASCADE, related_name="indicatoren", verbose_name=_("goal")
    )
    naam = models.CharField(_("name"), max_length=200)
    eenheid = models.CharField(
        _("unit"), max_length=50, help_text=_("For example: %, people, tonnes CO₂.")
    )
    bron = models.CharField(_("source"), max_length=200, blank=True)
    nulmeting = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    streefwaarde = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    streefdatum = models.DateField(_("target date"))

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["opgave", "naam"]

    def __str__(self) -> str:
        return self.naam


@gevolgd
class Meting(models.Model):
    opgave = _opgave_fk("metingen")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="metingen", verbose_name=_("indicator")
    )
    datum = models.DateField(_("date"))
    waarde = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    toelichting = models.CharField(_("note"), max_length=300, blank=True)
    vastgelegd_door = _door_fk()

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator", "datum"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "datum"],
                name="meting_een_per_dag",
                violation_error_message=_("This indicator already has a measurement on this date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.waarde} ({self.datum})"


# --- Krachtenveld ---------------------------------------------------------------------


@gevolgd
class Betrokkenheid(models.Model):
    """How an organisation relates to an opgave. Its members may see the opgave."""

    class Aard(models.TextChoices):
        BESLIST = "beslist", _("Decides")
        LEVERT_MIDDELEN = "levert_middelen", _("Provides means")
        ONDERVINDT_GEVOLGEN = "ondervindt_gevolgen", _("Is affected")
        VOERT_UIT = "voert_uit", _("Carries out")

    opgave = _opgave_fk("betrokkenheden")
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="betrokkenheden",
        verbose_name=_("organisation"),
    )
    aard = models.CharField(_("relation"), max_length=30, choices=Aard.choices)
    toelichting = models.TextField(_("explanation"), blank=True)
    sinds = models.DateField(_("involved since"), default=timezone.localdate)

    class Meta:
        verbose_name = _("involvement")
        verbose_name_plural = _("involvements")
        ordering = ["opgave", "organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["opgave", "organisatie"],
                name="betrokkenheid_een_per_organisatie",
                violation_error_message=_("This organisation is already involved in this opgave."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie} - {self.opgave}"


@gevolgd
class Positie(models.Model):
    """A dated snapshot of where an organisation stands: power, interest, attitude."""

    opgave = _opgave_fk("posities")
    betrokkenheid = models.ForeignKey(
        Betrokkenheid,
        on_delete=models.CASCADE,
        related_name="posities",
        verbose_name=_("involvement"),
    )
    datum = models.DateField(_("date"))
    invloed = models.PositiveSmallIntegerField(
        _("power"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    belang = models.PositiveSmallIntegerField(
        _("interest"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    houding = models.SmallIntegerField(
        _("attitude"),
        validators=[MinValueValidator(-2), MaxValueValidator(2)],
        help_text=_("-2 (against) to +2 (in favour)."),
    )
    toelichting = models.TextField(_("explanation"), blank=True)
    vastgelegd_door = _door_fk()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["betrokkenheid", "datum"]
        constraints = [
            models.UniqueConstraint(
                fields=["betrokkenheid", "datum"],
                name="positie_een_per_dag",
                violation_error_message=_("This organisation already has a position on this date."),
            ),
            models.CheckConstraint(
                condition=models.Q(invloed__range=(1, 5)) & models.Q(belang__range=(1, 5)),
                name="positie_invloed_belang_1_5",
                violation_error_message=_("Power and interest run from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=models.Q(houding__range=(-2, 2)),
                name="positie_houding_min2_plus2",
                violation_error_message=_("Attitude runs from -2 to +2."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.betrokkenheid.organisatie} ({self.datum})"


@gevolgd
class Contactmoment(models.Model):
    class Kanaal(models.TextChoices):
        GESPREK = "gesprek", _("Conversation")
        TELEFOON = "telefoon", _("Phone")
        EMAIL = "email", _("E-mail")
        BIJEENKOMST = "bijeenkomst", _("Meeting")
        WERKBEZOEK = "werkbezoek", _("Site visit")

    class Hoedanigheid(models.TextChoices):
        NAMENS_ORGANISATIE = "namens_organisatie", _("On behalf of the organisation")
        ALS_PROFESSIONAL = "als_professional", _("As a professional")
        ALS_BESTUURDER = "als_bestuurder", _("As a director or board member")
        PERSOONLIJK = "persoonlijk", _("In a personal capacity")

    opgave = _opgave_fk("contactmomenten")
    betrokkenheid = models.ForeignKey(
        Betrokkenheid,
        on_delete=models.CASCADE,
        related_name="contactmomenten",
        verbose_name=_("involvement"),
    )
    datum = models.DateField(_("date"))
    kanaal = models.CharField(_("channel"), max_length=20, choices=Kanaal.choices)
    hoedanigheid = models.CharField(
        _("capacity"),
        max_length=30,
        choices=Hoedanigheid.choices,
        help_text=_("The capacity in which the person spoke."),
    )
    onderwerp = models.CharField(_("subject"), max_length=200)
    notitie = models.TextField(_("note"), blank=True)
    vastgelegd_door = _door_fk()

    class Meta:
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        ordering = ["-datum", "-pk"]

    def __str__(self) -> str:
        return self.onderwerp


@gevolgd
class Toezegging(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        NAGEKOMEN = "nagekomen", _("Kept")
        VERVALLEN = "vervallen", _("Lapsed")

    opgave = _opgave_fk("toezeggingen")
    betrokkenheid = models.ForeignKey(
        Betrokkenheid,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="toezeggingen",
        verbose_name=_("made to"),
    )
    omschrijving = models.CharField(_("commitment"), max_length=300)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="toezeggingen",
        verbose_name=_("owner"),
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["deadline", "pk"]
        indexes = [
            models.Index(fields=["eigenaar", "status", "deadline"], name="toezegging_eigenaar_open")
        ]

    def __str__(self) -> str:
        return self.omschrijving


# --- Plan van aanpak ------------------------------------------------------------------


@gevolgd
class PlanVanAanpak(models.Model):
    """One version of the opgave's action plan. A new version leaves the old one readable."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Draft")
        TER_INSTEMMING = "ter_instemming", _("Awaiting consent")
        VASTGESTELD = "vastgesteld", _("Adopted")

    opgave = _opgave_fk("plannen")
    versie = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    samenvatting = models.TextField(_("summary"), blank=True)
    aangemaakt_op = models.DateTimeField(_("created at"), default=timezone.now)
    ingediend_op = models.DateTimeField(_("submitted for consent at"), null=True, blank=True)
    vastgesteld_op = models.DateTimeField(_("adopted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["opgave", "-versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["opgave", "versie"],
                name="plan_versie_uniek",
                violation_error_message=_("This opgave already has a plan with this version."),
            ),
            models.CheckConstraint(condition=models.Q(versie__gte=1), name="plan_versie_vanaf_1"),
        ]

    def __str__(self) -> str:
        return f"{self.opgave} - v{self.versie}"


@gevolgd
class Instemming(models.Model):
    """One involved organisation's answer to a plan submitted for consent."""

    class Besluit(models.TextChoices):
        OPEN = "open", _("Awaiting answer")
        INGESTEMD = "ingestemd", _("Consented")
        BEZWAAR = "bezwaar", _("Objected")

    opgave = _opgave_fk("instemmingen")
    plan = models.ForeignKey(
        PlanVanAanpak, on_delete=models.CASCADE, related_name="instemmingen", verbose_name=_("plan")
    )
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="instemmingen",
        verbose_name=_("organisation"),
    )
    besluit = models.CharField(
        _("answer"), max_length=20, choices=Besluit.choices, default=Besluit.OPEN
    )
    reden = models.TextField(_("reason"), blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    op = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["plan", "organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "organisatie"],
                name="instemming_een_per_organisatie",
                violation_error_message=_("This organisation has already been asked for consent."),
            ),
            models.CheckConstraint(
                condition=~models.Q(besluit="bezwaar") | ~models.Q(reden=""),
                name="instemming_bezwaar_met_reden",
                violation_error_message=_("Give a reason for the objection."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie}: {self.get_besluit_display()}"


@gevolgd
class Actie(models.Model):
    class Status(models.TextChoices):
        GEPLAND = "gepland", _("Planned")
        BEZIG = "bezig", _("In progress")
        GEREED = "gereed", _("Done")
        GEBLOKKEERD = "geblokkeerd", _("Blocked")
        VERVALLEN = "vervallen", _("Dropped")

    opgave = _opgave_fk("acties")
    plan = models.ForeignKey(
        PlanVanAanpak, on_delete=models.CASCADE, related_name="acties", verbose_name=_("plan")
    )
    titel = models.CharField(_("title"), max_length=200)
    omschrijving = models.TextField(_("description"), blank=True)
    trekker = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="getrokken_acties",
        verbose_name=_("lead organisation"),
    )
    uitvoerders = models.ManyToManyField(
        Organisatie, blank=True, related_name="uitgevoerde_acties", verbose_name=_("carried out by")
    )
    doel = models.ForeignKey(
        Doel,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="acties",
        verbose_name=_("goal"),
    )
    start = models.DateField(_("start"), null=True, blank=True)
    eind = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.GEPLAND
    )

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["plan", "start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__isnull=True)
                | models.Q(eind__isnull=True)
                | models.Q(eind__gte=models.F("start")),
                name="actie_eind_na_start",
                violation_error_message=_("An action cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.titel


# --- Besluiten ------------------------------------------------------------------------


@gevolgd
class Besluit(models.Model):
    class Orgaan(models.TextChoices):
        GEMEENTERAAD = "gemeenteraad", _("Municipal council")
        COLLEGE = "college", _("Mayor and aldermen")
        STUURGROEP = "stuurgroep", _("Steering group")
        KERNTEAM = "kernteam", _("Core team")
        DIRECTIE = "directie", _("Management")
        PARTNERS = "partners", _("Partner meeting")

    opgave = _opgave_fk("besluiten")
    datum = models.DateField(_("date"))
    orgaan = models.CharField(_("decided by"), max_length=20, choices=Orgaan.choices)
    titel = models.CharField(_("title"), max_length=200)
    motivering = models.TextField(_("motivation"))
    vastgelegd_door = _door_fk()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-datum", "-pk"]

    def __str__(self) -> str:
        return self.titel


# --- Audit trail of the many-to-many links ------------------------------------------------
# Proxies of the auto-created through tables, so the links get their own event
# tables (config/audit.py). The history shows them as "added" and "removed".


@gevolgd_koppeling
class OpgaveThema(Opgave.themas.through):
    class Meta:
        proxy = True


@gevolgd_koppeling
class OpgaveGebied(Opgave.gebieden.through):
    class Meta:
        proxy = True


@gevolgd_koppeling
class ActieUitvoerder(Actie.uitvoerders.through):
    class Meta:
        proxy = True
