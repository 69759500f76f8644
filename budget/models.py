"""The joint budget of an opgave (DESIGN §5 "budget"): partners pool money, hours
and goods in a pot, agree by consent how it is allocated to actions, and record
what is spent.

Money is exact (``Decimal(12, 2)``, euros) and its invariants hold twice: the
services in ``budget.services`` check them while they hold the pot's row lock,
and the database refuses any row that breaks them, whoever writes it:

- a pot's running totals: ``0 <= besteed <= toegewezen <= bijgedragen``;
- an allocation's ``0 <= besteed <= bedrag``;
- every amount is more than zero.

The totals on ``Budgetpot`` and ``Toewijzing.besteed`` are kept by the services
only, in the same transaction as the rows they sum; ``selectors.pot_naspelen``
recomputes them from the rows and from the ledger, and the tests compare.

Every money event appends a ``Boeking`` to the pot's ledger. A database trigger
refuses any UPDATE or DELETE of a ledger row.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

import pgtrigger

from config.audit import gevolgd
from config.bedragen import CENT
from opgaven.models import Actie, Opgave
from partners.models import Organisatie

BEDRAG = {"max_digits": 12, "decimal_places": 2}
POSITIEF = [MinValueValidator(CENT, message=_("Enter an amount of at least € 0,01."))]


def _getal(veld: str) -> Cast:
    """``veld`` typed as numeric: when ``full_clean`` checks a constraint in Python,
    an empty field is a bare NULL, and PostgreSQL cannot type ``NULL * NULL``."""
    return Cast(veld, output_field=models.DecimalField(max_digits=8, decimal_places=2))


def _bedrag_veld(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, **BEDRAG, **kwargs)


@gevolgd
class Budgetpot(models.Model):
    """The one pot of an opgave, held and paid out by the kassier organisation."""

    class Regel(models.TextChoices):
        UNANIEM = "unaniem", _("Unanimous: every funder agrees")
        MEERDERHEID = "meerderheid", _("Majority, weighted by contribution")

    opgave = models.OneToOneField(
        Opgave, on_delete=models.PROTECT, related_name="budgetpot", verbose_name=_("opgave")
    )
    naam = models.CharField(_("name"), max_length=200)
    kassier = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="kassier_van",
        verbose_name=_("fund holder"),
        help_text=_("The organisation that holds the pot and pays out."),
    )
    begin = models.DateField(_("start of the period"))
    eind = models.DateField(_("end of the period"))
    regel = models.CharField(
        _("consent rule"), max_length=20, choices=Regel.choices, default=Regel.UNANIEM
    )
    # Running totals, kept by budget.services under the pot's row lock.
    bijgedragen = _bedrag_veld(_("contributed"), default=Decimal(0), editable=False)
    toegewezen = _bedrag_veld(_("allocated"), default=Decimal(0), editable=False)
    besteed = _bedrag_veld(_("spent"), default=Decimal(0), editable=False)

    class Meta:
        verbose_name = _("budget pot")
        verbose_name_plural = _("budget pots")
        ordering = ["opgave"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eind__gte=F("begin")),
                name="budgetpot_eind_na_begin",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(besteed__gte=0),
                name="budgetpot_besteed_niet_negatief",
            ),
            models.CheckConstraint(
                condition=Q(toegewezen__gte=F("besteed")),
                name="budgetpot_besteed_binnen_toegewezen",
                violation_error_message=_("More would be spent than has been allocated."),
            ),
            models.CheckConstraint(
                condition=Q(bijgedragen__gte=F("toegewezen")),
                name="budgetpot_toegewezen_binnen_bijgedragen",
                violation_error_message=_("More would be allocated than has been contributed."),
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return reverse("budget:pot", kwargs={"slug": self.opgave.slug})

    @property
    def beschikbaar(self) -> Decimal:
        """Contributed and not yet allocated: what a new allocation may use."""
        return self.bijgedragen - self.toegewezen


@gevolgd
class Bijdrage(models.Model):
    """What one organisation puts into the pot: money, hours (hours x rate) or goods."""

    class Soort(models.TextChoices):
        GELD = "geld", _("Money")
        UREN = "uren", _("Hours")
        NATURA = "natura", _("In kind")

    class Status(models.TextChoices):
        TOEGEZEGD = "toegezegd", _("Pledged")
        ONTVANGEN = "ontvangen", _("Received")
        INGETROKKEN = "ingetrokken", _("Withdrawn")

    pot = models.ForeignKey(
        Budgetpot, on_delete=models.PROTECT, related_name="bijdragen", verbose_name=_("pot")
    )
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="bijdragen",
        verbose_name=_("organisation"),
    )
    soort = models.CharField(_("kind"), max_length=10, choices=Soort.choices)
    omschrijving = models.CharField(_("description"), max_length=300, blank=True)
    uren = models.DecimalField(_("hours"), max_digits=8, decimal_places=2, null=True, blank=True)
    uurtarief = models.DecimalField(
        _("hourly rate"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    waarde = _bedrag_veld(_("value"), validators=POSITIEF)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.TOEGEZEGD
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    vastgelegd_op = models.DateTimeField(_("recorded on"), auto_now_add=True)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["pot", "vastgelegd_op", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(waarde__gt=0),
                name="bijdrage_waarde_positief",
                violation_error_message=_("A contribution is worth more than € 0,00."),
            ),
            # Hours are worth hours x rate, rounded to the cent; the other kinds have neither.
            models.CheckConstraint(
                condition=(
                    Q(soort="uren", uren__gt=0, uurtarief__gt=0)
                    & Q(
                        waarde=models.Func(
                            _getal("uren") * _getal("uurtarief"), 2, function="ROUND"
                        )
                    )
                )
                | (~Q(soort="uren") & Q(uren__isnull=True, uurtarief__isnull=True)),
                name="bijdrage_uren_maal_tarief",
                violation_error_message=_("Hours are worth the hours times the hourly rate."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie}: € {self.waarde} ({self.get_soort_display()})"

    @property
    def telt_mee(self) -> bool:
        """Pledged and received contributions fund the pot; withdrawn ones do not."""
        return self.status != self.Status.INGETROKKEN


@gevolgd
class Toewijzing(models.Model):
    """Money from the pot for an action of the opgave, decided by the funders."""

    class Status(models.TextChoices):
        VOORGESTELD = "voorgesteld", _("Proposed")
        GOEDGEKEURD = "goedgekeurd", _("Approved")
        BESTEED = "besteed", _("Spent")
        AFGEWEZEN = "afgewezen", _("Rejected")
        VERVALLEN = "vervallen", _("Withdrawn")

    pot = models.ForeignKey(
        Budgetpot, on_delete=models.PROTECT, related_name="toewijzingen", verbose_name=_("pot")
    )
    actie = models.ForeignKey(
        Actie, on_delete=models.PROTECT, related_name="toewijzingen", verbose_name=_("action")
    )
    bedrag = _bedrag_veld(_("amount"), validators=POSITIEF)
    toelichting = models.TextField(_("explanation"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VOORGESTELD
    )
    besteed = _bedrag_veld(_("spent"), default=Decimal(0), editable=False)
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    voorgesteld_op = models.DateTimeField(_("proposed on"), auto_now_add=True)
    besloten_op = models.DateTimeField(_("decided on"), null=True, blank=True)

    # The statuses whose money is taken from the pot: the whole amount while the
    # allocation is proposed or approved, and what was spent once it is closed.
    OPEN = frozenset({Status.VOORGESTELD, Status.GOEDGEKEURD})

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        ordering = ["pot", "voorgesteld_op", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bedrag__gt=0),
                name="toewijzing_bedrag_positief",
                violation_error_message=_("An allocation is more than € 0,00."),
            ),
            models.CheckConstraint(
                condition=Q(besteed__gte=0) & Q(besteed__lte=F("bedrag")),
                name="toewijzing_besteed_binnen_bedrag",
                violation_error_message=_("More would be spent than was allocated."),
            ),
        ]

    def __str__(self) -> str:
        return f"€ {self.bedrag} voor {self.actie}"

    @property
    def vastgelegd(self) -> Decimal:
        """What this allocation takes from the pot now (see ``OPEN``)."""
        if self.status in self.OPEN:
            return self.bedrag
        if self.status == self.Status.BESTEED:
            return self.besteed
        return Decimal(0)

    @property
    def resterend(self) -> Decimal:
        """What may still be spent against it."""
        return self.bedrag - self.besteed if self.status == self.Status.GOEDGEKEURD else Decimal(0)


@gevolgd
class Goedkeuring(models.Model):
    """One funder's answer to one allocation. Created for every funder when the
    allocation is proposed, weighted by what the funder contributed then."""

    class Besluit(models.TextChoices):
        OPEN = "open", _("Awaiting an answer")
        AKKOORD = "akkoord", _("Approved")
        AFGEWEZEN = "afgewezen", _("Rejected")

    toewijzing = models.ForeignKey(
        Toewijzing,
        on_delete=models.CASCADE,
        related_name="goedkeuringen",
        verbose_name=_("allocation"),
    )
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="goedkeuringen",
        verbose_name=_("organisation"),
    )
    gewicht = _bedrag_veld(_("weight"), help_text=_("The value the funder had contributed."))
    besluit = models.CharField(
        _("answer"), max_length=20, choices=Besluit.choices, default=Besluit.OPEN
    )
    reden = models.TextField(_("reason"), blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    op = models.DateTimeField(_("answered on"), null=True, blank=True)

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        ordering = ["toewijzing", "organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["toewijzing", "organisatie"], name="goedkeuring_een_per_financier"
            ),
            models.CheckConstraint(
                condition=~Q(besluit="afgewezen") | ~Q(reden=""),
                name="goedkeuring_afwijzing_met_reden",
                violation_error_message=_("Give a reason when you reject."),
            ),
            models.CheckConstraint(condition=Q(gewicht__gt=0), name="goedkeuring_gewicht_positief"),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie}: {self.get_besluit_display()}"


@gevolgd
class Uitgave(models.Model):
    """Money actually spent against an approved allocation."""

    toewijzing = models.ForeignKey(
        Toewijzing, on_delete=models.PROTECT, related_name="uitgaven", verbose_name=_("allocation")
    )
    bedrag = _bedrag_veld(_("amount"), validators=POSITIEF)
    datum = models.DateField(_("date"))
    omschrijving = models.CharField(_("description"), max_length=300)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    vastgelegd_op = models.DateTimeField(_("recorded on"), auto_now_add=True)

    class Meta:
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        ordering = ["toewijzing", "datum", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bedrag__gt=0),
                name="uitgave_bedrag_positief",
                violation_error_message=_("An expense is more than € 0,00."),
            ),
        ]

    def __str__(self) -> str:
        return f"€ {self.bedrag}: {self.omschrijving}"


class Boeking(models.Model):
    """One row of a pot's ledger: what happened to the money, by whom, and the
    pot's totals right after. Appended by ``budget.services`` only; the database
    refuses to change or delete it."""

    class Soort(models.TextChoices):
        BIJDRAGE_TOEGEZEGD = "bijdrage_toegezegd", _("Contribution pledged")
        BIJDRAGE_ONTVANGEN = "bijdrage_ontvangen", _("Contribution received")
        BIJDRAGE_INGETROKKEN = "bijdrage_ingetrokken", _("Contribution withdrawn")
        TOEWIJZING_VOORGESTELD = "toewijzing_voorgesteld", _("Allocation proposed")
        TOEWIJZING_GOEDGEKEURD = "toewijzing_goedgekeurd", _("Allocation approved")
        TOEWIJZING_AFGEWEZEN = "toewijzing_afgewezen", _("Allocation rejected")
        TOEWIJZING_VERVALLEN = "toewijzing_vervallen", _("Allocation withdrawn")
        TOEWIJZING_AFGESLOTEN = "toewijzing_afgesloten", _("Allocation closed")
        UITGAVE = "uitgave", _("Expense")

    pot = models.ForeignKey(
        Budgetpot, on_delete=models.PROTECT, related_name="boekingen", verbose_name=_("pot")
    )
    volgnummer = models.PositiveIntegerField(_("number"))
    op = models.DateTimeField(_("at"), auto_now_add=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    soort = models.CharField(_("event"), max_length=30, choices=Soort.choices)
    omschrijving = models.CharField(_("description"), max_length=500)
    bedrag = _bedrag_veld(_("amount"))
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    bijdrage = models.ForeignKey(
        Bijdrage, on_delete=models.PROTECT, null=True, related_name="boekingen"
    )
    toewijzing = models.ForeignKey(
        Toewijzing, on_delete=models.PROTECT, null=True, related_name="boekingen"
    )
    uitgave = models.ForeignKey(Uitgave, on_delete=models.PROTECT, null=True, related_name="+")
    # The pot's totals after this event.
    bijgedragen_na = _bedrag_veld(_("contributed after"))
    toegewezen_na = _bedrag_veld(_("allocated after"))
    besteed_na = _bedrag_veld(_("spent after"))

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["pot", "volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["pot", "volgnummer"], name="boeking_volgnummer_uniek"),
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="boeking_bedrag_positief"),
            models.CheckConstraint(
                condition=Q(besteed_na__gte=0)
                & Q(toegewezen_na__gte=F("besteed_na"))
                & Q(bijgedragen_na__gte=F("toegewezen_na")),
                name="boeking_saldi_kloppen",
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="boeking_alleen_toevoegen", operation=pgtrigger.Update | pgtrigger.Delete
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pot} #{self.volgnummer}: {self.get_soort_display()} € {self.bedrag}"

    @property
    def beschikbaar_na(self) -> Decimal:
        return self.bijgedragen_na - self.toegewezen_na
