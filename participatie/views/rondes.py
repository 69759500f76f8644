"""Public pages of participation: the list of rounds and a round's page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_http_methods

from participatie.selectors import ronde_get


@require_http_methods(["GET"])
def ronde(request: HttpRequest, slug: str) -> HttpResponse:
    return render(
        request, "participatie/ronde.html", {"ronde": ronde_get(user=request.user, slug=slug)}
    )


urlpatterns = [
    path("<slug:slug>/", ronde, name="ronde"),
]
