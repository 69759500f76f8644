"""Reads of participation, for its pages, the reports and the floors above."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from opgaven.selectors.opgaven import opgaven_visible_to
from participatie.models import Deelname, Inbreng, Reactie, Ronde
from participatie.policies import toon_naam

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def rondes_zichtbaar(user: User | AnonymousUser) -> QuerySet[Ronde]:
    """The rounds ``user`` may read: every round that is no draft, and the drafts of
    opgaven they may change (if they may manage rounds at all)."""
    openbaar = ~Q(status=Ronde.Status.ONTWERP)
    if not (
        user.is_authenticated and user.is_active and user.has_perm("participatie.change_ronde")
    ):
        return Ronde.objects.filter(openbaar)
    beheerd = opgaven_visible_to(user).filter(kan_bewerken=True).values("pk")
    return Ronde.objects.filter(openbaar | Q(opgave_id__in=beheerd))


def ronde_get(*, user: User | AnonymousUser, slug: str) -> Ronde:
    """The round ``slug`` as ``user`` may see it, with its opgave; ``Http404`` otherwise."""
    ronde = rondes_zichtbaar(user).select_related("opgave").filter(slug=slug).first()
    if ronde is None:
        raise Http404
    return ronde


def _wijk_van_auteur(auteur_veld: str, ronde_veld: str) -> Subquery:
    return Subquery(
        Deelname.objects.filter(
            ronde_id=OuterRef(ronde_veld), user_id=OuterRef(auteur_veld)
        ).values("wijk__naam")[:1]
    )


def met_auteursnaam(queryset: QuerySet[Inbreng]) -> QuerySet[Inbreng]:
    """Annotate ``auteur_weergavenaam`` and ``auteur_wijk`` (the district from their
    participation), in the same query. Show them with ``toon_naam`` or the
    ``auteursnaam`` property set by ``auteursnamen_zetten``: never an e-mail address."""
    return queryset.annotate(
        auteur_weergavenaam=F("auteur__weergavenaam"),
        auteur_wijk=_wijk_van_auteur("auteur_id", "ronde_id"),
    )


def reacties_met_auteursnaam(queryset: QuerySet[Reactie]) -> QuerySet[Reactie]:
    return queryset.annotate(
        auteur_weergavenaam=F("auteur__weergavenaam"),
        auteur_wijk=_wijk_van_auteur("auteur_id", "inbreng__ronde_id"),
    )


def auteursnamen_zetten(rijen) -> list:
    """Give each annotated row an ``auteursnaam``: the public name (DESIGN §6.7)."""
    rijen = list(rijen)
    for rij in rijen:
        rij.auteursnaam = toon_naam(rij.auteur_weergavenaam or "", rij.auteur_wijk)
    return rijen


# --- The public and residents' pages (issue 6 points 2-5, 8) ----------------------------

# Closed rounds stay on the list of rounds this long after they ended.
RECENT_DAGEN = 365
INBRENG_SORTERINGEN = {
    "nieuw": ("-aangemaakt_op", "-pk"),
    "steun": ("-aantal_steun", "-pk"),
}


def rondes_openbaar(
    *, user: User | AnonymousUser, gebied=None, thema=None, vandaag=None
) -> QuerySet[Ronde]:
    """The open rounds, then those closed or fed back in the last twelve months.

    ``gebied``: about this area or an area inside it (a wijk finds its buurten);
    ``thema``: the round's opgave is filed under this theme. Each row carries
    ``gebied_namen`` (an array) and ``aantal_inbreng``: one query per page.
    """
    from datetime import timedelta

    from django.contrib.postgres.expressions import ArraySubquery
    from django.db.models import Case, Count, IntegerField, Value, When
    from django.db.models.functions import Coalesce
    from django.utils import timezone

    from opgaven.models import Gebied, Opgave

    vandaag = vandaag or timezone.localdate()
    grens = vandaag - timedelta(days=RECENT_DAGEN)
    rondes = rondes_zichtbaar(user).filter(
        Q(status=Ronde.Status.OPEN)
        | Q(status__in=[Ronde.Status.GESLOTEN, Ronde.Status.TERUGGEKOPPELD], eind__gte=grens)
        | Q(
            status__in=[Ronde.Status.GESLOTEN, Ronde.Status.TERUGGEKOPPELD],
            gesloten_op__date__gte=grens,
        )
    )
    if gebied is not None:
        binnen = Gebied.objects.filter(
            Q(pk=gebied.pk) | Q(ligt_in=gebied) | Q(ligt_in__ligt_in=gebied)
        )
        rondes = rondes.filter(
            pk__in=Ronde.gebieden.through.objects.filter(gebied__in=binnen).values("ronde_id")
        )
    if thema is not None:
        rondes = rondes.filter(
            opgave_id__in=Opgave.themas.through.objects.filter(thema=thema).values("opgave_id")
        )
    aantal = (
        Inbreng.objects.filter(ronde=OuterRef("pk"), verborgen_op__isnull=True)
        .order_by()
        .values("ronde")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        rondes.select_related("opgave")
        .annotate(
            is_open=Case(
                When(status=Ronde.Status.OPEN, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            gebied_namen=ArraySubquery(
                Gebied.objects.filter(rondes=OuterRef("pk")).order_by("naam").values("naam")
            ),
            aantal_inbreng=Coalesce(Subquery(aantal), 0),
        )
        .order_by("is_open", "-start", "pk")
    )


def inbreng_van_ronde(
    *, ronde: Ronde, sorteer: str = "nieuw", status: str = "", soort: str = ""
) -> tuple[QuerySet[Inbreng], QuerySet[Inbreng]]:
    """The inputs of ``ronde`` for its page, hidden ones included (they show as
    hidden), with the public author name, the area and the feedback with its
    decision and action: one query for a page of cards.

    Returns (cards, light): the light queryset has the same filter and order
    without joins, for ``config.paginering.Lichtpaginator`` (an index answers it)."""
    licht = Inbreng.objects.filter(ronde=ronde)
    if status:
        licht = licht.filter(status=status)
    if soort:
        licht = licht.filter(soort=soort)
    licht = licht.order_by(*INBRENG_SORTERINGEN.get(sorteer, INBRENG_SORTERINGEN["nieuw"]))
    kaarten = met_auteursnaam(
        licht.select_related(
            "gebied", "terugkoppeling", "terugkoppeling__besluit", "terugkoppeling__actie"
        )
    )
    return kaarten, licht


def inbreng_in_ronde(*, ronde: Ronde, pk: int) -> Inbreng:
    """One input of ``ronde`` with its public author name; ``Http404`` for an input of
    another round."""
    inbreng = (
        met_auteursnaam(
            Inbreng.objects.select_related(
                "gebied", "terugkoppeling", "terugkoppeling__besluit", "terugkoppeling__actie"
            )
        )
        .filter(ronde=ronde, pk=pk)
        .first()
    )
    if inbreng is None:
        raise Http404
    inbreng.ronde = ronde
    auteursnamen_zetten([inbreng])
    return inbreng


def reacties_van(*, inbreng: Inbreng) -> list[Reactie]:
    """The comments on ``inbreng``, oldest first, each with its ``auteursnaam``."""
    return auteursnamen_zetten(
        reacties_met_auteursnaam(inbreng.reacties.order_by("aangemaakt_op", "pk"))
    )


def reactie_in_ronde(*, ronde: Ronde, pk: int) -> Reactie:
    """A comment on an input of ``ronde``; ``Http404`` otherwise."""
    reactie = Reactie.objects.select_related("inbreng").filter(inbreng__ronde=ronde, pk=pk).first()
    if reactie is None:
        raise Http404
    reactie.inbreng.ronde = ronde
    return reactie


def gesteund_door(*, user: User | AnonymousUser, inbreng_ids) -> set[int]:
    """The ids among ``inbreng_ids`` that ``user`` supports (one query, none when anonymous)."""
    from participatie.models import Steun

    if not user.is_authenticated:
        return set()
    return set(
        Steun.objects.filter(user=user, inbreng_id__in=list(inbreng_ids)).values_list(
            "inbreng_id", flat=True
        )
    )


def deelname_van(*, ronde: Ronde, user: User | AnonymousUser) -> Deelname | None:
    if not user.is_authenticated:
        return None
    return Deelname.objects.filter(ronde=ronde, user=user).first()


def wijken_voor_ronde(*, ronde: Ronde) -> QuerySet:
    """The districts a participant can choose: those of the round's areas (a buurt
    counts as its wijk), or every district of the municipality when the round has
    none or covers the whole municipality."""
    from opgaven.models import Gebied

    wijken = Gebied.objects.filter(niveau=Gebied.Niveau.WIJK)
    gebieden = list(ronde.gebieden.all())
    if not gebieden or any(g.niveau == Gebied.Niveau.GEMEENTE for g in gebieden):
        return wijken.order_by("naam")
    ids = {g.pk if g.niveau == Gebied.Niveau.WIJK else g.ligt_in_id for g in gebieden}
    return wijken.filter(pk__in=ids).order_by("naam")


def gebieden_voor_inbreng(*, ronde: Ronde) -> QuerySet:
    """The areas an input can be about: the round's areas and the areas inside them,
    or every area when the round has none."""
    from opgaven.models import Gebied

    ids = list(ronde.gebieden.values_list("pk", flat=True))
    if not ids:
        return Gebied.objects.order_by("niveau", "naam")
    return Gebied.objects.filter(
        Q(pk__in=ids) | Q(ligt_in__in=ids) | Q(ligt_in__ligt_in__in=ids)
    ).order_by("niveau", "naam")


def inbreng_van_user(*, user: User) -> QuerySet[Inbreng]:
    """Everything ``user`` submitted, newest first, with its round and feedback."""
    return (
        Inbreng.objects.filter(auteur=user)
        .select_related(
            "ronde", "terugkoppeling", "terugkoppeling__besluit", "terugkoppeling__actie"
        )
        .order_by("-aangemaakt_op", "-pk")
    )


def aanmeldingen_van_user(*, user: User):
    """``user``'s registrations for sessions, the coming ones first."""
    from participatie.models import Aanmelding

    return (
        Aanmelding.objects.filter(user=user)
        .exclude(status=Aanmelding.Status.GEANNULEERD)
        .select_related("sessie", "sessie__ronde")
        .order_by("sessie__start", "pk")
    )
