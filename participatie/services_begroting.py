"""Every change in a participatory budget (burgerbegroting).

Keyword-only, one transaction each; who may call what is decided in
``participatie.permissions``. The rules that CONSUL got wrong hold here under
concurrency, each backed by the database:

- one ballot per resident and per voting code: unique constraints, and the ballot
  is fetched or made with ``get_or_create`` on those keys;
- a ballot never exceeds its budget or its maximum: every change locks the ballot
  row (``select_for_update``), checks ``policies.keuze_bezwaar``, and changes the
  stored totals in SQL; check constraints hold the totals, and a deferred trigger
  recounts the choice rows at commit;
- a voting code counts once: confirming locks the code and refuses a used one.

Voting codes are 12 characters from an alphabet without look-alikes (60 bits);
only their SHA-256 is stored. Wrong and used codes get the same answer.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from config.bedragen import euro
from meldingen.models import Soort
from meldingen.services import notify
from opgaven import financiering
from opgaven.models import Gebied
from opgaven.services.plan import actie_toevoegen
from participatie.models import (
    Begroting,
    Deelbudget,
    Deelname,
    Ronde,
    Stembiljet,
    Stemcode,
    Stemkeuze,
    Voorstel,
)
from participatie.policies import (
    FASE_OVERGANGEN,
    bevestigen_bezwaar,
    keuze_bezwaar,
    ronde_is_open,
    stemmen_open,
    voorstellen_gevraagd,
)
from participatie.services_sessies import concept_plan, geen_concept_plan_fout
from participatie.uitslag import Kandidaat, uitslag

if TYPE_CHECKING:
    from collections.abc import Iterable

    from accounts.models import User
    from partners.models import Organisatie

Fase = Begroting.Fase

BEGROTING_VELDEN: frozenset[str] = frozenset(
    {
        "totaal",
        "stemregel",
        "max_keuzes",
        "min_besteding_pct",
        "indienen_tot",
        "stemmen_van",
        "stemmen_tot",
    }
)


def _fout(tekst: str, code: str, veld: str | None = None) -> ValidationError:
    return ValidationError({veld: tekst} if veld else tekst, code=code)


# --- Setting up ---------------------------------------------------------------------------


def _deelbudgetten_zetten(
    begroting: Begroting, deelbudgetten: Iterable[tuple[Gebied, Decimal]]
) -> None:
    rijen = list(deelbudgetten)
    if not rijen:
        begroting.deelbudgetten.all().delete()
        return
    if any(gebied.niveau != Gebied.Niveau.WIJK for gebied, _b in rijen):
        raise _fout(_("A sub-budget is for a district."), "deelbudget", "deelbudgetten")
    if len({gebied.pk for gebied, _b in rijen}) != len(rijen):
        raise _fout(_("Each district has at most one sub-budget."), "deelbudget", "deelbudgetten")
    som = sum((bedrag for _g, bedrag in rijen), Decimal(0))
    if som != begroting.totaal:
        raise _fout(
            _("The sub-budgets add up to %(som)s, but the budget is %(totaal)s. Make them equal.")
            % {"som": euro(som), "totaal": euro(begroting.totaal)},
            "deelbudget",
            "deelbudgetten",
        )
    begroting.deelbudgetten.exclude(gebied__in=[g for g, _b in rijen]).delete()
    for gebied, bedrag in rijen:
        Deelbudget.objects.update_or_create(
            begroting=begroting, gebied=gebied, defaults={"bedrag": bedrag}
        )


@transaction.atomic
def begroting_instellen(
    *,
    ronde: Ronde,
    deelbudgetten: Iterable[tuple[Gebied, Decimal]] | None = None,
    **velden,
) -> Begroting:
    """Create or change the participatory budget of ``ronde`` (which gets the method on).
    The money and the rules are fixed once voting has started."""
    unknown = velden.keys() - BEGROTING_VELDEN
    if unknown:
        raise TypeError(f"begroting_instellen() does not take {', '.join(sorted(unknown))}")
    ronde = Ronde.objects.select_for_update().get(pk=ronde.pk)
    begroting = Begroting.objects.select_for_update().filter(ronde=ronde).first()
    if begroting is None:
        begroting = Begroting(ronde=ronde)
    elif begroting.fase not in {Fase.INDIENEN, Fase.HAALBAARHEID}:
        raise _fout(_("Voting has started: the budget and its rules can no longer change."), "vast")
    for naam, waarde in velden.items():
        setattr(begroting, naam, waarde)
    if begroting.stemregel == Begroting.Stemregel.KNAPSACK:
        begroting.max_keuzes = None
    else:
        begroting.min_besteding_pct = 0
        if not begroting.max_keuzes:
            raise _fout(_("Say how many projects a voter may choose."), "max", "max_keuzes")
    begroting.full_clean(exclude=["ronde"])
    begroting.save()
    if deelbudgetten is not None:
        try:
            with transaction.atomic():
                _deelbudgetten_zetten(begroting, deelbudgetten)
        except IntegrityError as exc:  # a proposal still counts on a removed sub-budget
            raise _fout(
                _("A district with proposals keeps its sub-budget."), "deelbudget", "deelbudgetten"
            ) from exc
    if not ronde.met_burgerbegroting:
        ronde.met_burgerbegroting = True
        ronde.save(update_fields=["met_burgerbegroting"])
    return begroting


def _notify_stemmen_open(begroting: Begroting) -> None:
    ronde = begroting.ronde
    ontvangers = set(Deelname.objects.filter(ronde=ronde).values_list("user_id", flat=True))
    ontvangers |= set(begroting.voorstellen.values_list("indiener_id", flat=True))
    from accounts.models import User

    notify(
        ontvangers=User.objects.filter(pk__in=ontvangers, is_active=True),
        soort=Soort.STEMMEN_OPEN,
        object=ronde,
        context={
            "ronde": ronde.titel,
            "budget": euro(begroting.totaal),
            "tot": date_format(begroting.stemmen_tot, "SHORT_DATE_FORMAT"),
        },
    )


@transaction.atomic
def fase_wijzigen(*, begroting: Begroting, naar: str, door: User) -> Begroting:
    """Move to the next phase along ``policies.FASE_OVERGANGEN``.

    Voting opens only in an open round, when every proposal is assessed and at
    least one is feasible; the feasible ones go on the ballot and the round's
    participants hear that they can vote. The result phase is reached only by
    ``uitslag_berekenen``."""
    begroting = Begroting.objects.select_for_update().select_related("ronde").get(pk=begroting.pk)
    if naar not in FASE_OVERGANGEN[begroting.fase]:
        raise _fout(
            _("A participatory budget cannot go from “%(van)s” to “%(naar)s”.")
            % {"van": begroting.get_fase_display(), "naar": Fase(naar).label},
            "overgang",
        )
    if naar == Fase.STEMMEN:
        if not ronde_is_open(begroting.ronde):
            raise _fout(_("Open the round first: voting happens in an open round."), "dicht")
        open_ = begroting.voorstellen.filter(status=Voorstel.Status.INGEDIEND).count()
        if open_:
            raise _fout(
                _("%(aantal)s proposals have not been assessed yet. Assess every proposal first.")
                % {"aantal": open_},
                "niet_beoordeeld",
            )
        if not begroting.voorstellen.filter(status=Voorstel.Status.HAALBAAR).exists():
            raise _fout(_("No proposal is feasible: there is nothing to vote on."), "leeg")
        begroting.voorstellen.filter(status=Voorstel.Status.HAALBAAR).update(
            status=Voorstel.Status.OP_STEMBILJET
        )
    begroting.fase = naar
    begroting.save(update_fields=["fase"])
    if naar == Fase.STEMMEN:
        with translation.override(settings.LANGUAGE_CODE):
            _notify_stemmen_open(begroting)
    return begroting


# --- Proposals ----------------------------------------------------------------------------


def _deelbudget_voor(begroting: Begroting, gebied: Gebied | None) -> Deelbudget | None:
    """The sub-budget a proposal in ``gebied`` competes in (a neighbourhood counts for
    its district); ``None`` when the budget has no sub-budgets."""
    deelbudgetten = {d.gebied_id: d for d in begroting.deelbudgetten.all()}
    if not deelbudgetten:
        return None
    wijk_id = None
    if gebied is not None:
        wijk_id = gebied.pk if gebied.niveau == Gebied.Niveau.WIJK else gebied.ligt_in_id
    if wijk_id not in deelbudgetten:
        raise _fout(
            _("Choose the district the project is for: each district has its own budget."),
            "gebied",
            "gebied",
        )
    return deelbudgetten[wijk_id]


def _check_indienen(begroting: Begroting) -> None:
    if not voorstellen_gevraagd(begroting):
        raise _fout(_("Proposals can no longer be submitted in this round."), "dicht")


@transaction.atomic
def voorstel_indienen(
    *,
    begroting: Begroting,
    indiener: User,
    titel: str,
    beschrijving: str,
    geraamde_kosten: Decimal,
    gebied: Gebied | None = None,
) -> Voorstel:
    """Submit a project proposal while proposals are asked for."""
    _check_indienen(begroting)
    if geraamde_kosten is not None and geraamde_kosten > begroting.totaal:
        raise _fout(
            _("A project can cost at most the whole budget (%(totaal)s).")
            % {"totaal": euro(begroting.totaal)},
            "te_duur",
            "geraamde_kosten",
        )
    voorstel = Voorstel(
        begroting=begroting,
        indiener=indiener,
        titel=titel,
        beschrijving=beschrijving,
        geraamde_kosten=geraamde_kosten,
        gebied=gebied,
        deelbudget=_deelbudget_voor(begroting, gebied),
    )
    voorstel.full_clean()
    voorstel.save(force_insert=True)
    return voorstel


@transaction.atomic
def voorstel_bijwerken(*, voorstel: Voorstel, **velden) -> Voorstel:
    """The submitter changes their proposal until it is assessed, while proposals are asked."""
    unknown = velden.keys() - {"titel", "beschrijving", "geraamde_kosten", "gebied"}
    if unknown:
        raise TypeError(f"voorstel_bijwerken() cannot change {', '.join(sorted(unknown))}")
    voorstel = Voorstel.objects.select_for_update().get(pk=voorstel.pk)
    _check_indienen(voorstel.begroting)
    if voorstel.status != Voorstel.Status.INGEDIEND:
        raise _fout(_("An assessed proposal can no longer be changed."), "beoordeeld")
    for naam, waarde in velden.items():
        setattr(voorstel, naam, waarde)
    voorstel.deelbudget = _deelbudget_voor(voorstel.begroting, voorstel.gebied)
    voorstel.full_clean()
    voorstel.save()
    return voorstel


@transaction.atomic
def voorstel_beoordelen(
    *,
    voorstel: Voorstel,
    door: User,
    haalbaar: bool,
    motivering: str,
    kosten: Decimal | None = None,
) -> Voorstel:
    """The municipality's public assessment: feasible (with its own cost estimate) or
    not, with a motivation. It can be revised until voting starts."""
    voorstel = Voorstel.objects.select_for_update().select_related("begroting").get(pk=voorstel.pk)
    if voorstel.begroting.fase not in {Fase.INDIENEN, Fase.HAALBAARHEID}:
        raise _fout(_("Voting has started: assessments can no longer change."), "vast")
    if not motivering.strip():
        raise _fout(_("Explain the assessment to residents."), "motivering", "motivering")
    if haalbaar:
        if kosten is None or kosten <= 0:
            raise _fout(_("Enter the cost of the project."), "kosten", "kosten")
        limiet = voorstel.deelbudget.bedrag if voorstel.deelbudget else voorstel.begroting.totaal
        if kosten > limiet:
            raise _fout(
                _(
                    "This cost does not fit in the budget of %(limiet)s: the project cannot be "
                    "feasible at this price."
                )
                % {"limiet": euro(limiet)},
                "te_duur",
                "kosten",
            )
    voorstel.status = Voorstel.Status.HAALBAAR if haalbaar else Voorstel.Status.NIET_HAALBAAR
    voorstel.kosten = kosten if haalbaar else None
    voorstel.motivering = motivering.strip()
    voorstel.beoordeeld_door = door
    voorstel.beoordeeld_op = timezone.now()
    voorstel.full_clean()
    voorstel.save()
    return voorstel


# --- Voting codes -------------------------------------------------------------------------

CODE_ALFABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud, typed over
CODE_LENGTE = 12
MAX_CODES_PER_KEER = 500  # the letters are built in the request: ~4 s for 500


def code_normaliseren(code: str) -> str:
    """What a voter typed, as stored: capitals, no spaces or dashes."""
    return "".join(code.split()).replace("-", "").upper()


def code_hash(code: str) -> str:
    return hashlib.sha256(code_normaliseren(code).encode()).hexdigest()


def code_opmaken(code: str) -> str:
    """``ABCDEFGHJKLM`` → ``ABCD-EFGH-JKLM``, as printed on the letter."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


@transaction.atomic
def stemcodes_maken(*, begroting: Begroting, aantal: int) -> list[str]:
    """Make ``aantal`` new single-use codes and return them, once: only their hashes
    are kept, so the letters made from this list are the only copy."""
    if not 1 <= aantal <= MAX_CODES_PER_KEER:
        raise _fout(
            _("Make between 1 and %(max)s codes at a time.") % {"max": MAX_CODES_PER_KEER},
            "aantal",
            "aantal",
        )
    begroting = Begroting.objects.select_for_update().get(pk=begroting.pk)
    if begroting.fase not in {Fase.INDIENEN, Fase.HAALBAARHEID, Fase.STEMMEN}:
        raise _fout(_("Voting is over: no more codes are needed."), "voorbij")
    codes = [
        "".join(secrets.choice(CODE_ALFABET) for _i in range(CODE_LENGTE)) for _n in range(aantal)
    ]
    Stemcode.objects.bulk_create(
        Stemcode(begroting=begroting, code_hash=code_hash(code)) for code in codes
    )
    return [code_opmaken(code) for code in codes]


def ONGELDIGE_CODE() -> str:
    return _("This code is not valid, or it has already been used. Check what you typed.")


def stemcode_controleren(*, begroting: Begroting, code: str) -> Stemcode:
    """The unused code of ``begroting`` that ``code`` is, or one ``ValidationError``
    for every other case (unknown, other round, used), so codes cannot be probed."""
    gezocht = code_hash(code)
    stemcode = Stemcode.objects.filter(code_hash=gezocht).first()
    geldig = (
        stemcode is not None
        and hmac.compare_digest(stemcode.code_hash, gezocht)
        and stemcode.begroting_id == begroting.pk
        and stemcode.gebruikt_op is None
    )
    if not geldig:
        raise _fout(ONGELDIGE_CODE(), "ongeldig", "code")
    return stemcode


# --- Ballots ------------------------------------------------------------------------------


def _check_stemmen(begroting: Begroting) -> None:
    if not stemmen_open(begroting):
        raise _fout(_("Voting is closed in this round."), "dicht")


def stemwijk(begroting: Begroting, user: User) -> Gebied | None:
    """The district ``user`` declared when joining the round, if any."""
    deelname = (
        Deelname.objects.select_related("wijk")
        .filter(ronde_id=begroting.ronde_id, user=user)
        .first()
    )
    return deelname.wijk if deelname else None


def _deelbudget_voor_kiezer(begroting: Begroting, wijk: Gebied | None) -> Deelbudget | None:
    deelbudgetten = {d.gebied_id: d for d in begroting.deelbudgetten.all()}
    if not deelbudgetten:
        return None
    if wijk is None or wijk.pk not in deelbudgetten:
        raise _fout(
            _("Choose the district you live in: each district votes on its own projects."),
            "wijk",
            "wijk",
        )
    return deelbudgetten[wijk.pk]


def _mag_stemmen_in_wijk(begroting: Begroting, wijk: Gebied | None) -> bool:
    """A resident votes in a round for some areas only when they declared a district
    among them; a round for the whole municipality (or without areas) is for everyone."""
    gebieden = list(begroting.ronde.gebieden.all())
    if not gebieden or any(g.niveau == Gebied.Niveau.GEMEENTE for g in gebieden):
        return True
    if wijk is None:
        return False
    return any(g.pk in {wijk.pk, wijk.ligt_in_id} or g.ligt_in_id == wijk.pk for g in gebieden)


@transaction.atomic
def stembiljet_openen(
    *,
    begroting: Begroting,
    user: User | None = None,
    stemcode: Stemcode | None = None,
    wijk: Gebied | None = None,
) -> Stembiljet:
    """The ballot of ``user`` (by the district they declared in the round) or of a
    voting code (by the district the holder chooses), made on first use."""
    if (user is None) == (stemcode is None):
        raise TypeError("stembiljet_openen() takes a user or a voting code")
    _check_stemmen(begroting)
    if user is not None:
        bestaand = Stembiljet.objects.filter(begroting=begroting, user=user).first()
        if bestaand:
            return bestaand
        wijk = stemwijk(begroting, user)
        if not _mag_stemmen_in_wijk(begroting, wijk):
            raise _fout(
                _(
                    "This vote is for residents of %(gebieden)s. Join the round and say which "
                    "district you live in."
                )
                % {"gebieden": ", ".join(g.naam for g in begroting.ronde.gebieden.all())},
                "wijk",
            )
        sleutel = {"begroting": begroting, "user": user}
    else:
        bestaand = Stembiljet.objects.filter(stemcode=stemcode).first()
        if bestaand:
            return bestaand
        sleutel = {"stemcode": stemcode}
    deelbudget = _deelbudget_voor_kiezer(begroting, wijk)
    try:
        with transaction.atomic():
            biljet, _nieuw = Stembiljet.objects.get_or_create(
                **sleutel,
                defaults={
                    "begroting": begroting,
                    "deelbudget": deelbudget,
                    "limiet": deelbudget.bedrag if deelbudget else begroting.totaal,
                    "max_keuzes": begroting.max_keuzes,
                },
            )
    except IntegrityError:  # made at the same moment by another request of this voter
        biljet = Stembiljet.objects.get(**sleutel)
    return biljet


def _lock_biljet(biljet: Stembiljet) -> Stembiljet:
    biljet = (
        Stembiljet.objects.select_for_update(of=("self",))
        .select_related("begroting__ronde", "stemcode")
        .get(pk=biljet.pk)
    )
    _check_stemmen(biljet.begroting)
    if biljet.stemcode_id and biljet.stemcode.gebruikt_op is not None:
        raise _fout(ONGELDIGE_CODE(), "gebruikt")
    return biljet


def _check_voorstel_op_biljet(biljet: Stembiljet, voorstel: Voorstel) -> None:
    if (
        voorstel.begroting_id != biljet.begroting_id
        or voorstel.status != Voorstel.Status.OP_STEMBILJET
        or voorstel.deelbudget_id != biljet.deelbudget_id
    ):
        raise _fout(_("This project is not on your ballot."), "niet_op_biljet")


@transaction.atomic
def keuze_toevoegen(*, stembiljet: Stembiljet, voorstel: Voorstel) -> Stembiljet:
    """Add ``voorstel`` to the concept of the ballot, if it fits; the refusal says why."""
    biljet = _lock_biljet(stembiljet)
    _check_voorstel_op_biljet(biljet, voorstel)
    if biljet.keuzes.filter(voorstel=voorstel, bevestigd=False).exists():
        return biljet
    bezwaar = keuze_bezwaar(
        limiet=biljet.limiet,
        max_keuzes=biljet.max_keuzes,
        totaal=biljet.concept_totaal,
        aantal=biljet.concept_aantal,
        kosten=voorstel.kosten,
    )
    if bezwaar:
        raise _fout(bezwaar, "past_niet")
    Stemkeuze.objects.create(stembiljet=biljet, voorstel=voorstel, kosten=voorstel.kosten)
    Stembiljet.objects.filter(pk=biljet.pk).update(
        concept_totaal=F("concept_totaal") + voorstel.kosten,
        concept_aantal=F("concept_aantal") + 1,
        gewijzigd_op=timezone.now(),
    )
    biljet.refresh_from_db()
    return biljet


@transaction.atomic
def keuze_verwijderen(*, stembiljet: Stembiljet, voorstel: Voorstel) -> Stembiljet:
    """Take ``voorstel`` off the concept of the ballot."""
    biljet = _lock_biljet(stembiljet)
    verwijderd, _d = Stemkeuze.objects.filter(
        stembiljet=biljet, voorstel=voorstel, bevestigd=False
    ).delete()
    if verwijderd:
        Stembiljet.objects.filter(pk=biljet.pk).update(
            concept_totaal=F("concept_totaal") - voorstel.kosten,
            concept_aantal=F("concept_aantal") - 1,
            gewijzigd_op=timezone.now(),
        )
        biljet.refresh_from_db()
    return biljet


@transaction.atomic
def stembiljet_bevestigen(*, stembiljet: Stembiljet) -> Stembiljet:
    """Make the concept the vote that counts. A resident can confirm again until voting
    closes (the last confirmation counts); a voting code is used up by confirming."""
    biljet = _lock_biljet(stembiljet)
    if biljet.stemcode_id:
        code = Stemcode.objects.select_for_update().get(pk=biljet.stemcode_id)
        if code.gebruikt_op is not None:
            raise _fout(ONGELDIGE_CODE(), "gebruikt")
    bezwaar = bevestigen_bezwaar(
        limiet=biljet.limiet,
        min_besteding_pct=biljet.begroting.min_besteding_pct if biljet.begroting.is_knapsack else 0,
        totaal=biljet.concept_totaal,
        aantal=biljet.concept_aantal,
    )
    if bezwaar:
        raise _fout(bezwaar, "onvolledig")
    nu = timezone.now()
    Stemkeuze.objects.filter(stembiljet=biljet, bevestigd=True).delete()
    Stemkeuze.objects.bulk_create(
        Stemkeuze(stembiljet=biljet, voorstel_id=k.voorstel_id, kosten=k.kosten, bevestigd=True)
        for k in biljet.keuzes.filter(bevestigd=False)
    )
    biljet.totaal = biljet.concept_totaal
    biljet.aantal = biljet.concept_aantal
    biljet.bevestigd_op = nu
    biljet.save(update_fields=["totaal", "aantal", "bevestigd_op", "gewijzigd_op"])
    if biljet.stemcode_id:
        Stemcode.objects.filter(pk=biljet.stemcode_id).update(gebruikt_op=nu)
    return biljet


def heeft_onbevestigde_wijzigingen(biljet: Stembiljet) -> bool:
    """The concept differs from what counts (or nothing counts yet)."""
    if biljet.bevestigd_op is None:
        return biljet.concept_aantal > 0
    concept = set(biljet.keuzes.filter(bevestigd=False).values_list("voorstel_id", flat=True))
    geteld = set(biljet.keuzes.filter(bevestigd=True).values_list("voorstel_id", flat=True))
    return concept != geteld


# --- Result and realisation -------------------------------------------------------------


@transaction.atomic
def uitslag_berekenen(*, begroting: Begroting) -> Begroting:
    """Close voting, count the confirmed ballots, and publish the result (CONSUL's
    method, ``participatie.uitslag``). Calling it again changes nothing."""
    begroting = Begroting.objects.select_for_update().select_related("ronde").get(pk=begroting.pk)
    if begroting.fase != Fase.STEMMEN:
        return begroting
    stemmen = stemmen_per_voorstel(begroting)
    op_biljet = list(begroting.voorstellen.filter(status=Voorstel.Status.OP_STEMBILJET))
    budgetten: dict = {d.pk: d.bedrag for d in begroting.deelbudgetten.all()}
    budgetten.setdefault(None, begroting.totaal)
    gekozen = uitslag(
        [Kandidaat(v.pk, v.kosten, stemmen.get(v.pk, 0), v.deelbudget_id) for v in op_biljet],
        budgetten,
    )
    for voorstel in op_biljet:
        voorstel.aantal_stemmen = stemmen.get(voorstel.pk, 0)
        voorstel.status = (
            Voorstel.Status.GEKOZEN if voorstel.pk in gekozen else Voorstel.Status.NIET_GEKOZEN
        )
    Voorstel.objects.bulk_update(op_biljet, ["aantal_stemmen", "status"])
    begroting.opkomst = begroting.stembiljetten.filter(bevestigd_op__isnull=False).count()
    begroting.fase = Fase.UITSLAG
    begroting.uitslag_op = timezone.now()
    begroting.save(update_fields=["opkomst", "fase", "uitslag_op"])
    ronde = begroting.ronde
    if ronde.status == Ronde.Status.OPEN:
        ronde.status = Ronde.Status.GESLOTEN
        ronde.gesloten_op = begroting.uitslag_op
        ronde.save(update_fields=["status", "gesloten_op"])
    from accounts.models import User

    kiezers = begroting.stembiljetten.filter(user__isnull=False).values("user_id")
    indieners = begroting.voorstellen.values("indiener_id")
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            ontvangers=User.objects.filter(is_active=True).filter(
                Q(pk__in=kiezers) | Q(pk__in=indieners)
            ),
            soort=Soort.UITSLAG_GEPUBLICEERD,
            object=ronde,
            context={"ronde": ronde.titel, "aantal": len(gekozen)},
        )
    return begroting


def stemming_sluiten(*, begroting: Begroting) -> None:
    """An official closes the vote now: the result is computed by a Celery task once
    this transaction commits (``tasks.uitslag_berekenen``), never in the request."""
    from participatie import tasks

    if begroting.fase != Fase.STEMMEN:
        raise _fout(
            _("Only a vote in progress can be closed: this budget is not in its voting phase."),
            "fase",
        )
    begroting_id = begroting.pk
    transaction.on_commit(lambda: tasks.uitslag_berekenen.delay(begroting_id))


def stemmingen_sluiten(vandaag=None) -> int:
    """Beat: compute the result of every vote whose last day has passed."""
    vandaag = vandaag or timezone.localdate()
    gesloten = 0
    for begroting in Begroting.objects.filter(fase=Fase.STEMMEN, stemmen_tot__lt=vandaag):
        uitslag_berekenen(begroting=begroting)
        gesloten += 1
    return gesloten


def stembiljet_herinneringen(vandaag=None) -> int:
    """Beat: two days before voting closes, remind each resident whose ballot has
    unconfirmed choices, once (``herinnerd_op``)."""
    vandaag = vandaag or timezone.localdate()
    verstuurd = 0
    biljetten = Stembiljet.objects.filter(
        begroting__fase=Fase.STEMMEN,
        begroting__stemmen_tot__gte=vandaag,
        begroting__stemmen_tot__lte=vandaag + timedelta(days=2),
        user__isnull=False,
        user__is_active=True,
        herinnerd_op__isnull=True,
        concept_aantal__gt=0,
    ).select_related("begroting__ronde", "user")
    for biljet in biljetten:
        if not heeft_onbevestigde_wijzigingen(biljet):
            continue
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            notify(
                ontvangers=[biljet.user],
                soort=Soort.STEMBILJET_HERINNERING,
                object=biljet.begroting.ronde,
                context={
                    "ronde": biljet.begroting.ronde.titel,
                    "tot": date_format(biljet.begroting.stemmen_tot, "SHORT_DATE_FORMAT"),
                },
            )
            Stembiljet.objects.filter(pk=biljet.pk).update(herinnerd_op=timezone.now())
        verstuurd += 1
    return verstuurd


@transaction.atomic
def voorstel_uitvoeren(
    *, voorstel: Voorstel, door: User, trekker: Organisatie, toelichting: str = ""
) -> Voorstel:
    """Turn a chosen proposal into an action of the opgave's draft plan, with an
    allocation of its cost proposed in the opgave's joint budget (which its funders
    then approve). Both or neither: an allocation that does not fit undoes the action."""
    voorstel = (
        Voorstel.objects.select_for_update(of=("self",))
        .select_related("begroting__ronde__opgave")
        .get(pk=voorstel.pk)
    )
    if voorstel.status != Voorstel.Status.GEKOZEN:
        raise _fout(_("Only a chosen project can be carried out."), "niet_gekozen")
    if voorstel.actie_id:
        raise _fout(_("This project already has an action."), "al_actie")
    plan = concept_plan(voorstel.begroting.ronde.opgave)
    if plan is None:
        raise geen_concept_plan_fout()
    actie = actie_toevoegen(
        plan=plan, titel=voorstel.titel, omschrijving=voorstel.beschrijving, trekker=trekker
    )
    with translation.override(settings.LANGUAGE_CODE):
        uitleg = toelichting or _("Chosen by residents in %(ronde)s.") % {
            "ronde": voorstel.begroting.ronde.titel
        }
    financiering.toewijzing_voorstellen(
        actie=actie, bedrag=voorstel.kosten, door=door, toelichting=uitleg
    )
    voorstel.actie = actie
    voorstel.save(update_fields=["actie"])
    begroting = voorstel.begroting
    if begroting.fase == Fase.UITSLAG:
        Begroting.objects.filter(pk=begroting.pk).update(fase=Fase.UITVOERING)
    return voorstel


@transaction.atomic
def voorstel_gerealiseerd(*, voorstel: Voorstel) -> Voorstel:
    """Mark a chosen project as realised, for residents to see."""
    voorstel = Voorstel.objects.select_for_update().get(pk=voorstel.pk)
    if voorstel.status != Voorstel.Status.GEKOZEN:
        raise _fout(_("Only a chosen project can be realised."), "niet_gekozen")
    voorstel.status = Voorstel.Status.GEREALISEERD
    voorstel.save(update_fields=["status"])
    return voorstel


def stemmen_per_voorstel(begroting: Begroting) -> dict[int, int]:
    """Confirmed votes per proposal, counted from the rows (for checks and exports)."""
    return dict(
        Stemkeuze.objects.filter(stembiljet__begroting=begroting, bevestigd=True)
        .values("voorstel_id")
        .annotate(n=Count("id"))
        .values_list("voorstel_id", "n")
    )


def totaal_gekozen(begroting: Begroting) -> Decimal:
    return begroting.voorstellen.filter(
        status__in=[Voorstel.Status.GEKOZEN, Voorstel.Status.GEREALISEERD]
    ).aggregate(s=Sum("kosten"))["s"] or Decimal(0)
