"""The partner portal "Mijn organisatie" (issue 5 point 3): the partner's home page.

Per organisation the user works for today, what it has to do and what it is
part of: the sections the higher floors register in ``partners.secties`` for
``PORTAAL`` (its opgaven, the actions it leads, the consents and approvals it
owes, its contributions). Someone who works for no organisation gets a page
that says so, and what to do about it.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods

from partners.models import Lidmaatschap, Organisatie
from partners.secties import PORTAAL, secties_renderen
from partners.selectors import mijn_lidmaatschappen


def secties_html(plek: str, organisatie: Organisatie, request: HttpRequest) -> list[dict[str, Any]]:
    """The sections of ``plek``, each rendered with what its ``gegevens`` returned as
    top-level variables (``{{ organisatie }}``, ``{{ acties }}``), also reachable as
    ``{{ context.acties }}``. The page places them under its own headings.

    (``{% include ... with context=... %}`` cannot pass them: Django's template
    context takes ``context`` as its own argument name.)
    """
    return [
        {
            "naam": sectie["naam"],
            "titel": sectie["titel"],
            "html": render_to_string(
                sectie["template"],
                {**sectie["context"], "context": sectie["context"]},
                request=request,
            ),
        }
        for sectie in secties_renderen(plek, organisatie, request.user)
    ]


@require_http_methods(["GET"])
@login_required
def portaal(request: HttpRequest) -> HttpResponse:
    kan_register_zien = request.user.has_perm("partners.view_organisatie")
    organisaties = [
        {
            "organisatie": lidmaatschap.organisatie,
            "lidmaatschap": lidmaatschap,
            "is_contactpersoon": lidmaatschap.rol == Lidmaatschap.Rol.CONTACTPERSOON,
            "secties": secties_html(PORTAAL, lidmaatschap.organisatie, request),
        }
        for lidmaatschap in mijn_lidmaatschappen(user=request.user)
    ]
    context = {"organisaties": organisaties, "kan_register_zien": kan_register_zien}
    return render(request, "partners/portaal.html", context)
