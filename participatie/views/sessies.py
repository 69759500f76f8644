"""Co-creation sessions: the page, registration and waiting list, attendance, outcomes."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.views.decorators.http import require_http_methods

from participatie.selectors import ronde_get


@require_http_methods(["GET"])
def sessie(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    ronde = ronde_get(user=request.user, slug=slug)
    get_object_or_404(ronde.sessies, pk=pk)
    return redirect("participatie:ronde", slug=slug)


urlpatterns = [
    path("<slug:slug>/sessies/<int:pk>/", sessie, name="sessie"),
]
