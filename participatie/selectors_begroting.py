"""Reads of the participatory budget, for its pages, the ballot and the exports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import F, Q, QuerySet
from django.http import Http404

from opgaven.models import Gebied
from participatie.models import Begroting, Stembiljet, Voorstel
from participatie.policies import toon_naam
from participatie.selectors import _wijk_van_auteur, ronde_get

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def begroting_get(*, user: User | AnonymousUser, slug: str) -> Begroting:
    """The participatory budget of round ``slug`` as ``user`` may see it, with its round
    and opgave; ``Http404`` when the round is not visible or has no budget."""
    ronde = ronde_get(user=user, slug=slug)
    begroting = Begroting.objects.filter(ronde=ronde).first()
    if begroting is None or not ronde.met_burgerbegroting:
        raise Http404
    begroting.ronde = ronde
    return begroting


def voorstel_get(*, begroting: Begroting, pk: int) -> Voorstel:
    """A proposal of ``begroting`` (never of another round: 404)."""
    voorstel = (
        Voorstel.objects.select_related("gebied", "deelbudget__gebied", "actie")
        .filter(begroting=begroting, pk=pk)
        .first()
    )
    if voorstel is None:
        raise Http404
    voorstel.begroting = begroting
    return voorstel


def voorstellen_van(begroting: Begroting):
    """The proposals of ``begroting`` with what their cards show, in one query."""
    return (
        Voorstel.objects.filter(begroting=begroting)
        .select_related("gebied", "deelbudget__gebied", "actie")
        .order_by("pk")
    )


def stembiljet_van(*, begroting: Begroting, user=None, stemcode_id=None) -> Stembiljet | None:
    """The existing ballot of a resident or a voting code in ``begroting``."""
    if user is not None and user.is_authenticated:
        return Stembiljet.objects.filter(begroting=begroting, user=user).first()
    if stemcode_id is not None:
        return Stembiljet.objects.filter(begroting=begroting, stemcode_id=stemcode_id).first()
    return None


def voorstellen_van_user(*, user: User) -> list[Voorstel]:
    """The proposals ``user`` submitted, newest first, with their round and action."""
    return list(
        Voorstel.objects.filter(indiener=user)
        .select_related("begroting__ronde", "actie")
        .order_by("-ingediend_op", "-pk")
    )


def stembiljetten_van_user(*, user: User) -> list[Stembiljet]:
    """The ballots of ``user`` (with an account), newest first, with their round."""
    return list(
        Stembiljet.objects.filter(user=user)
        .select_related("begroting__ronde")
        .order_by("-begroting__stemmen_tot", "-pk")
    )


def met_indienersnaam(voorstellen: QuerySet[Voorstel]) -> QuerySet[Voorstel]:
    """Annotate the submitter's display name and the district they gave when joining
    the round, in the same query (like ``selectors.met_auteursnaam`` for input)."""
    return voorstellen.annotate(
        indiener_weergavenaam=F("indiener__weergavenaam"),
        indiener_wijk=_wijk_van_auteur("indiener_id", "begroting__ronde_id"),
    )


def indienersnamen_zetten(rijen) -> list[Voorstel]:
    """Give each annotated row its public name (``toon_naam``): never an e-mail address."""
    rijen = list(rijen)
    for rij in rijen:
        rij.indienersnaam = toon_naam(rij.indiener_weergavenaam or "", rij.indiener_wijk)
    return rijen


def gebieden_voor_voorstel(*, ronde) -> QuerySet[Gebied]:
    """The areas a proposal can be for: the districts and neighbourhoods of the round's
    areas (and inside them), or every district when the round has none or covers the
    whole municipality."""
    gebieden = list(ronde.gebieden.all())
    if not gebieden or any(g.niveau == Gebied.Niveau.GEMEENTE for g in gebieden):
        return Gebied.objects.filter(niveau=Gebied.Niveau.WIJK).order_by("naam")
    ids = [g.pk for g in gebieden]
    return (
        Gebied.objects.filter(Q(pk__in=ids) | Q(ligt_in__in=ids))
        .exclude(niveau=Gebied.Niveau.GEMEENTE)
        .order_by("naam")
    )
