"""What a report request is about, read from the query string (``?opgave=<slug>``,
``?ronde=<slug>``, ``?pot=<opgave slug>`` or ``?traject=<pk>``).

Each kind has one parameter. An unknown kind, a missing or unknown subject, or a
subject the user may not see is a 404, so the request page reveals nothing.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, QueryDict

from rapportage.models import Soort

PARAMETERS = {
    Soort.VOORTGANG: ("opgave",),
    Soort.PARTICIPATIE: ("ronde", "opgave"),
    Soort.BUDGET: ("pot",),
    Soort.LEREN: ("traject",),
    Soort.PORTFOLIO: (),
}


def soort_uit(waarden: QueryDict) -> Soort:
    try:
        return Soort(waarden.get("soort", ""))
    except ValueError:
        raise Http404 from None


def onderwerp_uit(soort: Soort, waarden: QueryDict) -> tuple[str | None, Any]:
    """``(parameter, object)`` for the request; ``(None, None)`` for the portfolio."""
    if not PARAMETERS[soort]:
        return None, None
    for parameter in PARAMETERS[soort]:
        waarde = waarden.get(parameter)
        if waarde:
            return parameter, _zoek(parameter, waarde)
    raise Http404


def _zoek(parameter: str, waarde: str) -> Any:
    if parameter == "opgave":
        from opgaven.models import Opgave

        gevonden = Opgave.objects.filter(slug=waarde).first()
    elif parameter == "ronde":
        from participatie.models import Ronde

        gevonden = Ronde.objects.select_related("opgave").filter(slug=waarde).first()
    elif parameter == "pot":
        from budget.models import Budgetpot

        gevonden = Budgetpot.objects.select_related("opgave").filter(opgave__slug=waarde).first()
    else:
        from leren.models import Coachtraject

        gevonden = Coachtraject.objects.filter(pk=waarde).first() if waarde.isdigit() else None
    if gevonden is None:
        raise Http404
    return gevonden


def aanvraag_kwargs(parameter: str | None, onderwerp: Any) -> dict[str, Any]:
    """The subject as keyword arguments of ``services.rapport_aanvragen``."""
    return {parameter: onderwerp} if parameter else {}
