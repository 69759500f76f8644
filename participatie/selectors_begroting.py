"""Reads of the participatory budget, for its pages, the ballot and the exports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from participatie.models import Begroting, Stembiljet, Voorstel
from participatie.selectors import ronde_get

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
