"""The partner portal "Mijn organisatie"."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from partners.secties import PORTAAL, secties_renderen
from partners.selectors import organisaties_van


@require_http_methods(["GET"])
@login_required
def portaal(request: HttpRequest) -> HttpResponse:
    organisaties = [
        {
            "organisatie": organisatie,
            "secties": secties_renderen(PORTAAL, organisatie, request.user),
        }
        for organisatie in organisaties_van(user=request.user)
    ]
    return render(request, "partners/portaal.html", {"organisaties": organisaties})
