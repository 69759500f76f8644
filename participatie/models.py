"""Participation (DESIGN §5 "participatie"): rounds on the participatieladder,
residents' input with support and comments, the feedback loop, moderation, and
co-creation sessions with a capacity and a waiting list.

Counters that lists show (supports and comments on an input) are stored on the
input and kept by ``participatie.services`` in SQL (``col = col + 1``) in the
same transaction as the row they count, so they stay equal to the rows under
concurrency. Capacity of a session is checked under the session's row lock.

The participatory budget (Begroting, Voorstel, Stemcode, Stembiljet, Stemkeuze)
is at the end of this module; its services are in ``services_begroting``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

import pgtrigger

from config.audit import gevolgd
from opgaven.models import Actie, Besluit, Gebied, Opgave, Positie, Toezegging


class Trede(models.TextChoices):
    """The rungs of the participatieladder: how much say residents get."""

    INFORMEREN = "informeren", _("Informing")
    RAADPLEGEN = "raadplegen", _("Consulting")
    ADVISEREN = "adviseren", _("Advising")
    COPRODUCEREN = "coproduceren", _("Co-producing")
    MEEBESLISSEN = "meebeslissen", _("Co-deciding")
    ZELFBEHEER = "zelfbeheer", _("Self-management")


# What each rung means for a resident, in plain words (shown on every round page).
TREDE_UITLEG = {
    Trede.INFORMEREN: _(
        "We tell you what is going to happen and why. You cannot change the plan, "
        "but you can ask questions."
    ),
    Trede.RAADPLEGEN: _(
        "We ask what you think of our plans. We weigh your opinion, but the municipality decides."
    ),
    Trede.ADVISEREN: _(
        "You help set the agenda and give advice. We follow your advice, unless we explain why not."
    ),
    Trede.COPRODUCEREN: _(
        "We work out solutions together with you, as equal partners. The result "
        "counts in the decision."
    ),
    Trede.MEEBESLISSEN: _(
        "You decide together with us. We take over what residents choose within the "
        "limits we set beforehand."
    ),
    Trede.ZELFBEHEER: _(
        "Residents take the initiative and decide themselves. The municipality supports you."
    ),
}


@gevolgd
class Ronde(models.Model):
    """A participation round on an opgave: a bounded period in which residents are asked."""

    class Status(models.TextChoices):
        ONTWERP = "ontwerp", pgettext_lazy("ronde", "Draft")
        OPEN = "open", _("Open")
        GESLOTEN = "gesloten", _("Closed")
        TERUGGEKOPPELD = "teruggekoppeld", _("Feedback given")

    opgave = models.ForeignKey(
        Opgave, on_delete=models.PROTECT, related_name="rondes", verbose_name=_("opgave")
    )
    titel = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    vraag = models.TextField(_("question"))
    toelichting = models.TextField(_("explanation"), blank=True)
    invloedsruimte = models.TextField(
        _("room for influence"),
        help_text=_("What residents can still influence, and what is already fixed."),
    )
    trede = models.CharField(
        _("rung on the participation ladder"), max_length=20, choices=Trede.choices
    )
    start = models.DateField(_("start"))
    eind = models.DateField(_("end"))
    gebieden = models.ManyToManyField(
        Gebied, blank=True, related_name="rondes", verbose_name=_("areas")
    )
    met_inbreng = models.BooleanField(_("input"), default=True)
    met_steun = models.BooleanField(_("support"), default=True)
    met_sessies = models.BooleanField(_("sessions"), default=False)
    met_burgerbegroting = models.BooleanField(_("participatory budget"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ONTWERP
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)
    gesloten_op = models.DateTimeField(_("closed at"), null=True, blank=True)
    teruggekoppeld_op = models.DateTimeField(_("feedback given at"), null=True, blank=True)
    # Retention (``participatie.retentie``): when the participants' district and age
    # group were removed, and their counts kept for the participatieverslag.
    deelnemers_geanonimiseerd_op = models.DateTimeField(
        _("participants' district and age group removed at"),
        null=True,
        blank=True,
        editable=False,
    )
    deelnemerstelling = models.JSONField(
        _("participants per district and age group"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Kept for the participation report when their own answers are removed."),
    )

    class Meta:
        verbose_name = _("participation round")
        verbose_name_plural = _("participation rounds")
        ordering = ["-start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eind__gte=F("start")),
                name="ronde_eind_na_start",
                violation_error_message=_("A round cannot end before it starts."),
            ),
        ]
        indexes = [models.Index(fields=["status", "-start"], name="ronde_status_start")]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("participatie:ronde", kwargs={"slug": self.slug})

    @property
    def trede_uitleg(self):
        return TREDE_UITLEG[Trede(self.trede)]


class Leeftijdsgroep(models.TextChoices):
    TOT_18 = "0-17", _("Younger than 18")
    VAN_18 = "18-26", _("18 to 26")
    VAN_27 = "27-40", _("27 to 40")
    VAN_41 = "41-65", _("41 to 65")
    VANAF_66 = "66+", _("66 or older")


class Deelname(models.Model):
    """A resident taking part in a round: their consent, and optionally where they
    live and their age group, used only for representativeness statistics."""

    ronde = models.ForeignKey(
        Ronde, on_delete=models.CASCADE, related_name="deelnames", verbose_name=_("round")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="deelnames",
        verbose_name=_("resident"),
    )
    toestemming_op = models.DateTimeField(_("consent given at"))
    wijk = models.ForeignKey(
        Gebied,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"niveau": Gebied.Niveau.WIJK},
        verbose_name=_("district"),
    )
    leeftijdsgroep = models.CharField(
        _("age group"), max_length=10, choices=Leeftijdsgroep.choices, blank=True
    )

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["ronde", "user"], name="deelname_een_per_ronde"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.ronde}"


class Verbergbaar(models.Model):
    """Content a moderator can hide: kept for the record, shown to others as hidden."""

    verborgen_op = models.DateTimeField(_("hidden at"), null=True, blank=True)
    verborgen_reden = models.TextField(_("reason for hiding"), blank=True)
    verborgen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )

    class Meta:
        abstract = True

    @property
    def is_verborgen(self) -> bool:
        return self.verborgen_op is not None


# The stored counters are left out of the trail: a support or comment is a row of
# its own, and a snapshot of the whole input per "+1" would only grow the table.
@gevolgd(exclude=("aantal_steun", "aantal_reacties"))
class Inbreng(Verbergbaar):
    """An idea, concern or question from a participant."""

    class Soort(models.TextChoices):
        IDEE = "idee", _("Idea")
        ZORG = "zorg", _("Concern")
        VRAAG = "vraag", _("Question")

    class Status(models.TextChoices):
        NIEUW = "nieuw", _("New")
        IN_BEHANDELING = (
            "in_behandeling",
            pgettext_lazy("inbreng", "Being considered"),
        )
        OVERGENOMEN = "overgenomen", pgettext_lazy("inbreng", "Adopted")
        DEELS_OVERGENOMEN = (
            "deels_overgenomen",
            pgettext_lazy("inbreng", "Partly adopted"),
        )
        NIET_OVERGENOMEN = (
            "niet_overgenomen",
            pgettext_lazy("inbreng", "Not adopted"),
        )

    ronde = models.ForeignKey(
        Ronde, on_delete=models.CASCADE, related_name="inbreng", verbose_name=_("round")
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="inbreng",
        verbose_name=_("author"),
    )
    soort = models.CharField(_("kind"), max_length=10, choices=Soort.choices)
    titel = models.CharField(_("title"), max_length=150)
    tekst = models.TextField(_("text"), max_length=5000)
    gebied = models.ForeignKey(
        Gebied,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("area"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NIEUW
    )
    aantal_steun = models.PositiveIntegerField(_("supports"), default=0, editable=False)
    aantal_reacties = models.PositiveIntegerField(_("comments"), default=0, editable=False)
    aangemaakt_op = models.DateTimeField(_("submitted at"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("input")
        verbose_name_plural = _("inputs")
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [
            models.Index(fields=["ronde", "-aangemaakt_op", "-id"], name="inbreng_ronde_nieuw"),
            models.Index(fields=["ronde", "-aantal_steun", "-id"], name="inbreng_ronde_steun"),
            models.Index(fields=["auteur", "-aangemaakt_op"], name="inbreng_auteur"),
        ]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("participatie:inbreng", kwargs={"slug": self.ronde.slug, "pk": self.pk})


class Steun(models.Model):
    """A "+1" on an input: one per person."""

    inbreng = models.ForeignKey(
        Inbreng, on_delete=models.CASCADE, related_name="steunbetuigingen", verbose_name=_("input")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("resident"),
    )
    op = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["inbreng", "user"], name="steun_een_per_persoon"),
        ]

    def __str__(self) -> str:
        return f"{self.user} +1 {self.inbreng}"


@gevolgd
class Reactie(Verbergbaar):
    """A comment on an input."""

    inbreng = models.ForeignKey(
        Inbreng, on_delete=models.CASCADE, related_name="reacties", verbose_name=_("input")
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    tekst = models.TextField(_("text"), max_length=2000)
    aangemaakt_op = models.DateTimeField(_("posted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["aangemaakt_op", "pk"]
        indexes = [models.Index(fields=["inbreng", "aangemaakt_op"], name="reactie_inbreng")]

    def __str__(self) -> str:
        return self.tekst[:60]


class Markering(models.Model):
    """A flag on an input or a comment, with a reason, for the moderation queue."""

    class Afhandeling(models.TextChoices):
        OPEN = "open", _("Open")
        VERBORGEN = "verborgen", _("Hidden")
        AFGEWEZEN = "afgewezen", _("Dismissed")

    inbreng = models.ForeignKey(
        Inbreng,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="markeringen",
        verbose_name=_("input"),
    )
    reactie = models.ForeignKey(
        Reactie,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="markeringen",
        verbose_name=_("comment"),
    )
    melder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("flagged by"),
    )
    reden = models.TextField(_("reason"), max_length=1000)
    op = models.DateTimeField(_("flagged at"), auto_now_add=True)
    afhandeling = models.CharField(
        _("handling"), max_length=20, choices=Afhandeling.choices, default=Afhandeling.OPEN
    )
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    afgehandeld_op = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["op", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(inbreng__isnull=False, reactie__isnull=True)
                | Q(inbreng__isnull=True, reactie__isnull=False),
                name="markering_inbreng_of_reactie",
            ),
            models.UniqueConstraint(
                fields=["inbreng", "melder"],
                condition=Q(inbreng__isnull=False),
                name="markering_inbreng_een_per_melder",
                violation_error_message=_("You have already flagged this."),
            ),
            models.UniqueConstraint(
                fields=["reactie", "melder"],
                condition=Q(reactie__isnull=False),
                name="markering_reactie_een_per_melder",
                violation_error_message=_("You have already flagged this."),
            ),
        ]

    def __str__(self) -> str:
        return self.reden[:60]


@gevolgd
class Terugkoppeling(models.Model):
    """What was done with an input, and why (the Omgevingswet's duty to give reasons)."""

    class Status(models.TextChoices):
        IN_BEHANDELING = (
            "in_behandeling",
            pgettext_lazy("inbreng", "Being considered"),
        )
        OVERGENOMEN = "overgenomen", pgettext_lazy("inbreng", "Adopted")
        DEELS_OVERGENOMEN = (
            "deels_overgenomen",
            pgettext_lazy("inbreng", "Partly adopted"),
        )
        NIET_OVERGENOMEN = (
            "niet_overgenomen",
            pgettext_lazy("inbreng", "Not adopted"),
        )

    inbreng = models.OneToOneField(
        Inbreng, on_delete=models.CASCADE, related_name="terugkoppeling", verbose_name=_("input")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    motivering = models.TextField(_("motivation"))
    besluit = models.ForeignKey(
        Besluit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="terugkoppelingen",
        verbose_name=_("decision"),
    )
    actie = models.ForeignKey(
        Actie,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="terugkoppelingen",
        verbose_name=_("action"),
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("given by"),
    )
    op = models.DateTimeField(_("given at"), auto_now=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=~Q(motivering=""),
                name="terugkoppeling_met_motivering",
                violation_error_message=_("Explain what was done with the input, and why."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.inbreng}"


@gevolgd(exclude=("aantal_aangemeld",))  # a registration is a row of its own
class Sessie(models.Model):
    """A co-creation session of a round, with a capacity and a waiting list."""

    ronde = models.ForeignKey(
        Ronde, on_delete=models.CASCADE, related_name="sessies", verbose_name=_("round")
    )
    titel = models.CharField(_("title"), max_length=200)
    start = models.DateTimeField(_("start"))
    eind = models.DateTimeField(_("end"))
    locatie = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    capaciteit = models.PositiveIntegerField(pgettext_lazy("sessie", "capacity"))
    aanmelden_tot = models.DateTimeField(_("registration closes at"))
    agenda = models.TextField(_("agenda"), blank=True)
    aantal_aangemeld = models.PositiveIntegerField(_("registered"), default=0, editable=False)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eind__gt=F("start")),
                name="sessie_eind_na_start",
                violation_error_message=_("A session ends after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(capaciteit__gt=0),
                name="sessie_capaciteit_positief",
                violation_error_message=_("A session has room for at least one person."),
            ),
            models.CheckConstraint(
                condition=Q(aantal_aangemeld__lte=F("capaciteit")),
                name="sessie_niet_overvol",
                violation_error_message=_("The session is full."),
            ),
            models.CheckConstraint(
                condition=~Q(locatie="") | ~Q(online_link=""),
                name="sessie_locatie_of_link",
                violation_error_message=_("Give a place or an online link."),
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("participatie:sessie", kwargs={"slug": self.ronde.slug, "pk": self.pk})

    @property
    def vrije_plaatsen(self) -> int:
        return max(0, self.capaciteit - self.aantal_aangemeld)


class Aanmelding(models.Model):
    """A resident's registration for a session, or their place on its waiting list.

    ``volgnummer`` is the order of arrival, handed out under the session's lock:
    the waiting list moves up in that order.
    """

    class Status(models.TextChoices):
        AANGEMELD = "aangemeld", _("Registered")
        WACHTLIJST = "wachtlijst", _("On the waiting list")
        GEANNULEERD = "geannuleerd", _("Cancelled")
        AANWEZIG = "aanwezig", _("Attended")

    sessie = models.ForeignKey(
        Sessie, on_delete=models.CASCADE, related_name="aanmeldingen", verbose_name=_("session")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="aanmeldingen",
        verbose_name=_("resident"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    volgnummer = models.PositiveIntegerField(_("order of arrival"))
    aangemeld_op = models.DateTimeField(_("registered at"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("changed at"), auto_now=True)
    herinnerd_op = models.DateTimeField(_("reminded at"), null=True, blank=True)

    # The statuses that hold a place in the session.
    PLAATS = frozenset({Status.AANGEMELD, Status.AANWEZIG})

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["sessie", "volgnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["sessie", "user"],
                condition=~Q(status="geannuleerd"),
                name="aanmelding_een_actief",
                violation_error_message=_("You are already registered for this session."),
            ),
            models.UniqueConstraint(
                fields=["sessie", "volgnummer"], name="aanmelding_volgnummer_uniek"
            ),
        ]
        indexes = [models.Index(fields=["sessie", "status", "volgnummer"], name="aanmelding_lijst")]

    def __str__(self) -> str:
        return f"{self.user}: {self.sessie} ({self.get_status_display()})"


@gevolgd
class Uitkomst(models.Model):
    """What a session produced. An agreement, action or position can become a
    Toezegging, Actie or Positie of the opgave in one step."""

    class Soort(models.TextChoices):
        IDEE = "idee", _("Idea")
        AFSPRAAK = "afspraak", _("Agreement")
        ACTIE = "actie", _("Action")
        POSITIE = "positie", _("Position")

    sessie = models.ForeignKey(
        Sessie, on_delete=models.CASCADE, related_name="uitkomsten", verbose_name=_("session")
    )
    soort = models.CharField(_("kind"), max_length=10, choices=Soort.choices)
    titel = models.CharField(_("title"), max_length=200)
    toelichting = models.TextField(_("explanation"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    vastgelegd_op = models.DateTimeField(_("recorded at"), auto_now_add=True)
    actie = models.ForeignKey(
        Actie, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    toezegging = models.ForeignKey(
        Toezegging, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    positie = models.ForeignKey(
        Positie, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["sessie", "vastgelegd_op", "pk"]

    def __str__(self) -> str:
        return self.titel

    @property
    def omgezet(self) -> bool:
        return bool(self.actie_id or self.toezegging_id or self.positie_id)


# --- Burgerbegroting -----------------------------------------------------------------
#
# A round with ``met_burgerbegroting`` has one Begroting: residents propose, the
# municipality checks feasibility, residents vote, and the result is computed the
# CONSUL way (``participatie.uitslag``). Each rule of a ballot is backed by the
# database: one ballot per voter and per code (unique constraints), at most the
# budget and at most N choices (checks on the stored totals, and a deferred trigger
# that recounts the choice rows at commit).


class Begroting(models.Model):
    """The participatory budget of a round: the money, the voting rule and the phase."""

    class Stemregel(models.TextChoices):
        KNAPSACK = "knapsack", _("Choose projects within the budget")
        APPROVAL = "approval", _("Choose at most a number of projects")

    class Fase(models.TextChoices):
        INDIENEN = "indienen", _("Submitting proposals")
        HAALBAARHEID = "haalbaarheid", _("Feasibility check")
        STEMMEN = "stemmen", _("Voting")
        UITSLAG = "uitslag", _("Result")
        UITVOERING = "uitvoering", _("Realisation")

    ronde = models.OneToOneField(
        Ronde, on_delete=models.CASCADE, related_name="begroting", verbose_name=_("round")
    )
    totaal = models.DecimalField(_("total budget"), max_digits=12, decimal_places=2)
    stemregel = models.CharField(
        _("voting rule"), max_length=10, choices=Stemregel.choices, default=Stemregel.KNAPSACK
    )
    max_keuzes = models.PositiveSmallIntegerField(
        _("maximum number of choices"),
        null=True,
        blank=True,
        help_text=_("Only with the rule “choose at most a number of projects”."),
    )
    min_besteding_pct = models.PositiveSmallIntegerField(
        _("minimum share of the budget to spend (%)"),
        default=0,
        help_text=_("Only with the rule “choose projects within the budget”. 0 means no minimum."),
    )
    fase = models.CharField(_("phase"), max_length=15, choices=Fase.choices, default=Fase.INDIENEN)
    indienen_tot = models.DateField(_("proposals until"))
    stemmen_van = models.DateField(_("voting from"))
    stemmen_tot = models.DateField(_("voting until"))
    uitslag_op = models.DateTimeField(_("result published at"), null=True, blank=True)
    opkomst = models.PositiveIntegerField(_("ballots counted"), default=0, editable=False)

    class Meta:
        verbose_name = _("participatory budget")
        verbose_name_plural = _("participatory budgets")
        constraints = [
            models.CheckConstraint(
                condition=Q(totaal__gt=0),
                name="begroting_totaal_positief",
                violation_error_message=_("The budget is more than € 0,00."),
            ),
            models.CheckConstraint(
                condition=Q(stemregel="knapsack") | Q(max_keuzes__isnull=False, max_keuzes__gte=1),
                name="begroting_approval_max",
                violation_error_message=_("Say how many projects a voter may choose."),
            ),
            models.CheckConstraint(
                condition=Q(min_besteding_pct__lte=100),
                name="begroting_min_pct",
                violation_error_message=_("The minimum share is at most 100%."),
            ),
            models.CheckConstraint(
                condition=Q(stemmen_tot__gte=F("stemmen_van"))
                & Q(stemmen_van__gte=F("indienen_tot")),
                name="begroting_data_op_volgorde",
                violation_error_message=_(
                    "Voting starts after the proposals are in, and ends after it starts."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ronde}: {self.totaal}"

    @property
    def is_knapsack(self) -> bool:
        return self.stemregel == self.Stemregel.KNAPSACK


class Deelbudget(models.Model):
    """Part of the budget reserved for one district: its proposals compete only with
    each other, and its residents vote only on them."""

    begroting = models.ForeignKey(
        Begroting,
        on_delete=models.CASCADE,
        related_name="deelbudgetten",
        verbose_name=_("participatory budget"),
    )
    gebied = models.ForeignKey(
        Gebied,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"niveau": Gebied.Niveau.WIJK},
        verbose_name=_("district"),
    )
    bedrag = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("sub-budget")
        verbose_name_plural = _("sub-budgets")
        ordering = ["begroting", "gebied__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["begroting", "gebied"],
                name="deelbudget_een_per_wijk",
                violation_error_message=_("This district already has a sub-budget."),
            ),
            models.CheckConstraint(
                condition=Q(bedrag__gt=0),
                name="deelbudget_positief",
                violation_error_message=_("A sub-budget is more than € 0,00."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gebied}: {self.bedrag}"


_BEOORDEELD = frozenset({"haalbaar", "op_stembiljet", "gekozen", "niet_gekozen", "gerealiseerd"})


@gevolgd(exclude=("aantal_stemmen",))  # the votes are rows of their own
class Voorstel(models.Model):
    """A project proposal for the participatory budget."""

    class Status(models.TextChoices):
        INGEDIEND = "ingediend", _("Submitted")
        HAALBAAR = "haalbaar", _("Feasible")
        NIET_HAALBAAR = "niet_haalbaar", _("Not feasible")
        OP_STEMBILJET = "op_stembiljet", _("On the ballot")
        GEKOZEN = "gekozen", _("Chosen")
        NIET_GEKOZEN = "niet_gekozen", _("Not chosen")
        GEREALISEERD = "gerealiseerd", _("Realised")

    # The statuses in which the municipality's cost estimate is known.
    BEOORDEELD = _BEOORDEELD

    begroting = models.ForeignKey(
        Begroting,
        on_delete=models.CASCADE,
        related_name="voorstellen",
        verbose_name=_("participatory budget"),
    )
    indiener = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="voorstellen",
        verbose_name=_("submitted by"),
    )
    titel = models.CharField(_("title"), max_length=150)
    beschrijving = models.TextField(_("description"), max_length=5000)
    geraamde_kosten = models.DecimalField(_("estimated cost"), max_digits=12, decimal_places=2)
    gebied = models.ForeignKey(
        Gebied,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("area"),
    )
    deelbudget = models.ForeignKey(
        Deelbudget,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voorstellen",
        verbose_name=_("sub-budget"),
    )
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.INGEDIEND
    )
    kosten = models.DecimalField(
        _("cost according to the municipality"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    motivering = models.TextField(_("motivation of the assessment"), blank=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assessed by"),
    )
    beoordeeld_op = models.DateTimeField(_("assessed at"), null=True, blank=True)
    aantal_stemmen = models.PositiveIntegerField(_("votes"), default=0, editable=False)
    actie = models.ForeignKey(
        Actie,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("action"),
    )
    ingediend_op = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["begroting", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(geraamde_kosten__gt=0),
                name="voorstel_raming_positief",
                violation_error_message=_("The estimated cost is more than € 0,00."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=sorted(_BEOORDEELD)) | Q(kosten__gt=0),
                name="voorstel_beoordeeld_met_kosten",
                violation_error_message=_("A feasible proposal has the municipality's cost."),
            ),
            models.CheckConstraint(
                condition=Q(status="ingediend") | ~Q(motivering=""),
                name="voorstel_beoordeeld_met_motivering",
                violation_error_message=_("Explain the assessment to residents."),
            ),
        ]
        indexes = [
            models.Index(fields=["begroting", "status", "-aantal_stemmen"], name="voorstel_uitslag")
        ]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse(
            "participatie:voorstel", kwargs={"slug": self.begroting.ronde.slug, "pk": self.pk}
        )


class Stemcode(models.Model):
    """A single-use voting code, sent on paper to a household. Only a hash of the code
    is stored: the codes themselves exist only in the letters printed at generation."""

    begroting = models.ForeignKey(
        Begroting,
        on_delete=models.CASCADE,
        related_name="stemcodes",
        verbose_name=_("participatory budget"),
    )
    code_hash = models.CharField(_("hash of the code"), max_length=64, unique=True)
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)
    gebruikt_op = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("voting code")
        verbose_name_plural = _("voting codes")
        indexes = [models.Index(fields=["begroting", "gebruikt_op"], name="stemcode_gebruik")]

    def __str__(self) -> str:
        return f"{self.begroting.ronde}: {_('voting code')} {self.pk}"


class Stembiljet(models.Model):
    """One voter's ballot: a resident with an account or the holder of a voting code.

    The choices being made are the concept; "confirm" copies them to the confirmed
    set, which is what counts. Changing the concept after confirming leaves the last
    confirmed choice standing until the next confirmation.
    """

    begroting = models.ForeignKey(
        Begroting,
        on_delete=models.CASCADE,
        related_name="stembiljetten",
        verbose_name=_("participatory budget"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="stembiljetten",
        verbose_name=_("voter"),
    )
    stemcode = models.OneToOneField(
        Stemcode,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="stembiljet",
        verbose_name=_("voting code"),
    )
    deelbudget = models.ForeignKey(
        Deelbudget,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stembiljetten",
        verbose_name=_("sub-budget"),
    )
    # The rules as they were when the ballot was made (a ballot never changes budget).
    limiet = models.DecimalField(_("budget"), max_digits=12, decimal_places=2)
    max_keuzes = models.PositiveSmallIntegerField(_("maximum choices"), null=True, blank=True)
    concept_totaal = models.DecimalField(
        _("total of the choices"), max_digits=12, decimal_places=2, default=0
    )
    concept_aantal = models.PositiveSmallIntegerField(_("number of choices"), default=0)
    totaal = models.DecimalField(_("confirmed total"), max_digits=12, decimal_places=2, default=0)
    aantal = models.PositiveSmallIntegerField(_("confirmed choices"), default=0)
    bevestigd_op = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    gewijzigd_op = models.DateTimeField(_("changed at"), auto_now=True)
    herinnerd_op = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["begroting", "user"],
                condition=Q(user__isnull=False),
                name="stembiljet_een_per_inwoner",
                violation_error_message=_("You already have a ballot in this round."),
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=True, stemcode__isnull=False)
                | Q(user__isnull=False, stemcode__isnull=True),
                name="stembiljet_inwoner_of_code",
            ),
            models.CheckConstraint(
                condition=Q(concept_totaal__lte=F("limiet")) & Q(totaal__lte=F("limiet")),
                name="stembiljet_binnen_budget",
                violation_error_message=_("Your choices cost more than the budget."),
            ),
            models.CheckConstraint(
                condition=Q(max_keuzes__isnull=True)
                | (Q(concept_aantal__lte=F("max_keuzes")) & Q(aantal__lte=F("max_keuzes"))),
                name="stembiljet_max_keuzes",
                violation_error_message=_("You chose more projects than allowed."),
            ),
            models.CheckConstraint(
                condition=Q(bevestigd_op__isnull=False) | Q(aantal=0),
                name="stembiljet_bevestigd_telt",
            ),
        ]
        indexes = [models.Index(fields=["begroting", "bevestigd_op"], name="stembiljet_telling")]

    def __str__(self) -> str:
        return f"{self.begroting.ronde}: #{self.pk}"

    @property
    def is_bevestigd(self) -> bool:
        return self.bevestigd_op is not None


class Stemkeuze(models.Model):
    """A proposal on a ballot, in the concept or in the confirmed choice."""

    stembiljet = models.ForeignKey(
        Stembiljet, on_delete=models.CASCADE, related_name="keuzes", verbose_name=_("ballot")
    )
    voorstel = models.ForeignKey(
        Voorstel, on_delete=models.CASCADE, related_name="stemkeuzes", verbose_name=_("proposal")
    )
    bevestigd = models.BooleanField(_("confirmed"), default=False)
    kosten = models.DecimalField(_("cost"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        constraints = [
            models.UniqueConstraint(
                fields=["stembiljet", "voorstel", "bevestigd"], name="stemkeuze_een_per_voorstel"
            ),
        ]
        indexes = [
            models.Index(fields=["voorstel"], condition=Q(bevestigd=True), name="stemkeuze_telling")
        ]
        triggers = [
            # At commit, the rows of each set must fit the ballot's budget and maximum:
            # the stored totals cannot drift from the choices they sum.
            pgtrigger.Trigger(
                name="stemkeuze_past_op_biljet",
                operation=pgtrigger.Insert | pgtrigger.Update,
                when=pgtrigger.After,
                timing=pgtrigger.Deferred,
                func=pgtrigger.Func(
                    """
                    DECLARE
                        biljet RECORD;
                        som numeric;
                        n integer;
                    BEGIN
                        SELECT limiet, max_keuzes INTO biljet
                        FROM participatie_stembiljet WHERE id = NEW.stembiljet_id;
                        SELECT COALESCE(SUM(kosten), 0), COUNT(*) INTO som, n
                        FROM {meta.db_table}
                        WHERE stembiljet_id = NEW.stembiljet_id AND bevestigd = NEW.bevestigd;
                        IF som > biljet.limiet THEN
                            RAISE EXCEPTION 'stemkeuze: ballot % over budget', NEW.stembiljet_id
                                USING ERRCODE = '23514';
                        END IF;
                        IF biljet.max_keuzes IS NOT NULL AND n > biljet.max_keuzes THEN
                            RAISE EXCEPTION 'stemkeuze: ballot % over maximum', NEW.stembiljet_id
                                USING ERRCODE = '23514';
                        END IF;
                        RETURN NULL;
                    END;
                    """
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stembiljet}: {self.voorstel}"
