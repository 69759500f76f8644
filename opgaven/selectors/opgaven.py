"""Reads of opgaven, always scoped to what the user may see (DESIGN §6.5)."""

from __future__ import annotations

import operator
import re
from collections import defaultdict
from functools import reduce
from typing import TYPE_CHECKING

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from guardian.shortcuts import get_objects_for_user

from opgaven.models import (
    Betrokkenheid,
    FaseOvergang,
    Gebied,
    Opgave,
    Opgaverol,
    Thema,
    Zichtbaarheid,
)
from opgaven.policies import AFGESLOTEN_FASEN, rol_is_actief
from partners.selectors import lidmaatschappen_actief

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

# The SQL form of policies.opgave_is_bewerkbaar, for annotating whole lists.
# tests/opgaven/test_selectors.py checks that the two agree.
_BEWERKBAAR = Q(gearchiveerd=False) & ~Q(fase__in=AFGESLOTEN_FASEN)


def opgaven_visible_to(user: User | AnonymousUser) -> QuerySet[Opgave]:
    """The opgaven ``user`` may see, each annotated with ``kan_bewerken``.

    Mirrors ``permissions.can_view_opgave`` and ``can_change_opgave`` in SQL,
    so a list needs one query however many rows it shows. The guardian
    lookups are subqueries on the direct-FK permission tables. Partners also
    see the opgaven their organisation is involved in (``via_partner``).
    """
    if not (user.is_authenticated and user.is_active):
        return _opgaven_visible_to(user)
    # Built once per user instance (a request): building it costs more than running
    # it, and a page such as Mijn organisatie asks for it in every section. The SQL
    # reads the roles when it runs; only the has_perm below is per instance, as
    # Django's own permission cache is.
    memo = getattr(user, "_opgaven_zichtbaar", None)
    if memo is None:
        memo = user._opgaven_zichtbaar = _opgaven_visible_to(user)
    return memo.all()


def _opgaven_visible_to(user: User | AnonymousUser) -> QuerySet[Opgave]:
    opgaven = Opgave.objects.all()
    if not (user.is_authenticated and user.is_active):
        return opgaven.filter(zichtbaarheid=Zichtbaarheid.OPENBAAR).annotate(
            kan_bewerken=Value(False, output_field=BooleanField()),
            via_rol=Value(False, output_field=BooleanField()),
            via_partner=Value(False, output_field=BooleanField()),
        )
    via_rol = Q(pk__in=_with_object_permission(user, "opgaven.view_opgave"))
    via_partner = Exists(_betrokken_via_lidmaatschap(user))
    if not user.has_perm("opgaven.view_interne_opgave"):
        opgaven = opgaven.filter(Q(zichtbaarheid=Zichtbaarheid.OPENBAAR) | via_rol | via_partner)
    editable = _with_object_permission(user, "opgaven.change_opgave")
    return opgaven.annotate(
        kan_bewerken=ExpressionWrapper(Q(pk__in=editable) & _BEWERKBAAR, BooleanField()),
        via_rol=ExpressionWrapper(via_rol, BooleanField()),
        via_partner=via_partner,
    )


def _betrokken_via_lidmaatschap(user: User) -> QuerySet[Betrokkenheid]:
    """The involvements of the outer opgave held by an organisation ``user`` works for today."""
    organisaties = lidmaatschappen_actief(user=user).values("organisatie_id")
    return Betrokkenheid.objects.filter(opgave=OuterRef("pk"), organisatie_id__in=organisaties)


# The values of the "mijn" filter of opgaven_zoeken.
MIJN_ROL = "rol"
MIJN_ORGANISATIE = "organisatie"
# At most this many words of a search term count, so one request stays cheap.
_MAX_ZOEKWOORDEN = 8
# websearch_to_tsquery syntax: a quoted phrase, a -word to leave out, "or".
_WEBSEARCH_SYNTAX = re.compile(r'"|(^|\s)-\w|\sor\s', re.IGNORECASE)


def opgaven_filteren(
    opgaven: QuerySet[Opgave],
    *,
    fase: str = "",
    thema: Thema | None = None,
    gebied: Gebied | None = None,
) -> QuerySet[Opgave]:
    """``opgaven`` in phase ``fase``, filed under ``thema``, about ``gebied`` or an area
    inside it (a wijk finds its buurten). Each filter is a subquery: a row never repeats."""
    if fase:
        opgaven = opgaven.filter(fase=fase)
    if thema is not None:
        opgaven = opgaven.filter(
            pk__in=Opgave.themas.through.objects.filter(thema=thema).values("opgave_id")
        )
    if gebied is not None:
        binnen = Gebied.objects.filter(
            Q(pk=gebied.pk) | Q(ligt_in=gebied) | Q(ligt_in__ligt_in=gebied)
        )
        opgaven = opgaven.filter(
            pk__in=Opgave.gebieden.through.objects.filter(gebied__in=binnen).values("opgave_id")
        )
    return opgaven


def opgaven_zoeken(
    *,
    user: User | AnonymousUser,
    zoekterm: str = "",
    fase: str = "",
    thema: Thema | None = None,
    gebied: Gebied | None = None,
    mijn: str = "",
) -> QuerySet[Opgave]:
    """The opgaven ``user`` may see that match the search term and the filters.

    * ``zoekterm``: Dutch full-text search on ``Opgave.zoekvector`` (title >
      vraagstuk > the other texts), best match first. See ``_zoekvraag``.
    * ``fase``: in this phase. ``thema``: filed under this theme.
    * ``gebied``: about this area or an area inside it (a wijk finds its buurten).
    * ``mijn``: ``"rol"`` for the opgaven where ``user`` holds a role today,
      ``"organisatie"`` for those an organisation ``user`` works for is involved in.

    Each filter is a subquery, so a row never repeats, and the names of the
    themes and areas come as arrays (``thema_namen``, ``gebied_namen``): one
    query for the whole list.
    """
    opgaven = opgaven_filteren(opgaven_visible_to(user), fase=fase, thema=thema, gebied=gebied)
    if mijn == MIJN_ROL:
        opgaven = opgaven.filter(Exists(_rollen_actief_van(user)))
    elif mijn == MIJN_ORGANISATIE:
        opgaven = opgaven.filter(via_partner=True)
    if zoekterm := zoekterm.strip():
        zoekvraag = _zoekvraag(zoekterm)
        opgaven = opgaven.filter(Q(zoekvector=zoekvraag) | Q(titel__icontains=zoekterm))
        opgaven = opgaven.annotate(relevantie=SearchRank(F("zoekvector"), zoekvraag)).order_by(
            "-relevantie", "titel", "pk"
        )
    else:
        opgaven = opgaven.order_by("titel", "pk")
    # The names on the cards come along as arrays: the whole page stays one query,
    # however many themes and areas each opgave has. The search vector is for the
    # database only: no need to send it along.
    return opgaven.defer("zoekvector").annotate(
        thema_namen=ArraySubquery(
            Thema.objects.filter(opgaven=OuterRef("pk")).order_by("naam").values("naam")
        ),
        gebied_namen=ArraySubquery(
            Gebied.objects.filter(opgaven=OuterRef("pk")).order_by("naam").values("naam")
        ),
    )


def _zoekvraag(zoekterm: str) -> SearchQuery:
    """The full-text query for what someone typed.

    ``websearch_to_tsquery`` with the Dutch stemmer: "ouderen" finds "oudere",
    and a quoted phrase, "or" and -word work as on a web search engine. While
    someone types in the live search box the last word is often unfinished
    ("eenza"), which no stem matches; so a plain term (without that syntax) is
    also looked up as word prefixes ("eenza:*"), in every text of the opgave.
    Each prefix is tried stemmed and as typed: the Dutch stemmer turns the
    prefix "neem" into "nem", which is no prefix of "neemt".

    The words are reduced to letters and digits first: the prefix query uses
    ``to_tsquery`` syntax, and user input never reaches it unescaped. With web
    search syntax the prefixes are left out, as they would undo a -word. (The
    caller also matches ``titel__icontains``, for a part of a compound word
    such as "gas" in "Aardgasvrij Oosterhout".)
    """
    vraag = SearchQuery(zoekterm, config="dutch", search_type="websearch")
    if _WEBSEARCH_SYNTAX.search(zoekterm):
        return vraag
    woorden = re.findall(r"[^\W_]+", zoekterm)[:_MAX_ZOEKWOORDEN]
    if not woorden:
        return vraag
    prefixen = [
        SearchQuery(f"{woord}:*", config="dutch", search_type="raw")
        | SearchQuery(f"{woord}:*", config="simple", search_type="raw")
        for woord in woorden
    ]
    return vraag | reduce(operator.and_, prefixen)


def _rollen_actief_van(user: User | AnonymousUser) -> QuerySet[Opgaverol]:
    """The roles of ``user`` on the outer opgave that apply today (``policies.rol_is_actief``)."""
    if not (user.is_authenticated and user.is_active):
        return Opgaverol.objects.none()
    today = timezone.localdate()
    return Opgaverol.objects.filter(opgave=OuterRef("pk"), user=user, van__lte=today).filter(
        Q(tot__isnull=True) | Q(tot__gt=today)
    )


def themas_en_gebieden_van(*, opgave: Opgave) -> tuple[list[Thema], list[Gebied]]:
    """The themes and the areas of ``opgave``, each by name, in one query (a UNION).

    The overview is near its query budget, so the two short lists share a trip.
    The areas come with ``naam``, ``code`` and ``niveau``; the themes with ``naam`` and ``slug``.
    """
    themas = (
        Thema.objects.filter(opgaven=opgave)
        .annotate(soort=Value("thema"), code=F("slug"), niveau=Value(""))
        .values_list("soort", "pk", "naam", "code", "niveau")
    )
    gebieden = (
        Gebied.objects.filter(opgaven=opgave)
        .annotate(soort=Value("gebied"))
        .values_list("soort", "pk", "naam", "code", "niveau")
    )
    themas_van, gebieden_van = [], []
    for soort, pk, naam, code, niveau in themas.union(gebieden, all=True).order_by("naam", "pk"):
        if soort == "thema":
            themas_van.append(Thema(pk=pk, naam=naam, slug=code))
        else:
            gebieden_van.append(Gebied(pk=pk, naam=naam, code=code, niveau=niveau))
    return themas_van, gebieden_van


def gebieden_per_wijk() -> list[tuple[Gebied, list[Gebied]]]:
    """Every area in groups to choose from: the municipality on its own, then
    each wijk followed by its buurten, by name (one query)."""
    gebieden = list(Gebied.objects.order_by("naam"))
    delen: dict[int | None, list[Gebied]] = defaultdict(list)
    for gebied in gebieden:
        delen[gebied.ligt_in_id].append(gebied)
    groepen = []
    for niveau in (Gebied.Niveau.GEMEENTE, Gebied.Niveau.WIJK):
        for gebied in gebieden:
            if gebied.niveau == niveau:
                buurten = [deel for deel in delen[gebied.pk] if deel.niveau == Gebied.Niveau.BUURT]
                groepen.append((gebied, [gebied, *buurten]))
    # A buurt without its wijk (incomplete data) still gets a place.
    gegroepeerd = {g.pk for _, groep in groepen for g in groep}
    groepen += [(gebied, [gebied]) for gebied in gebieden if gebied.pk not in gegroepeerd]
    return groepen


def opgave_get_visible(*, user: User | AnonymousUser, slug: str) -> Opgave:
    """The opgave with ``slug``; ``Http404`` when it does not exist or is not visible."""
    return get_object_or_404(opgaven_visible_to(user), slug=slug)


def opgaverollen_actief(*, opgave: Opgave) -> list[Opgaverol]:
    """The roles on ``opgave`` that apply today, in the order of ``Opgaverol.Rol``."""
    today = timezone.localdate()
    order = {value: index for index, value in enumerate(Opgaverol.Rol.values)}
    rollen = Opgaverol.objects.filter(opgave=opgave).select_related("user")
    return sorted(
        (rol for rol in rollen if rol_is_actief(rol, today)),
        key=lambda rol: (order[rol.rol], str(rol.user)),
    )


def faseovergangen_van(*, opgave: Opgave) -> QuerySet[FaseOvergang]:
    """The phase changes of ``opgave``, newest first, with who made them (one query)."""
    return FaseOvergang.objects.filter(opgave=opgave).select_related("door")


def _with_object_permission(user: User, perm: str) -> QuerySet[Opgave]:
    """Primary keys of the opgaven on which ``user`` holds object permission ``perm``."""
    objects = get_objects_for_user(user, perm, Opgave, accept_global_perms=False)
    return objects.values("pk")
