"""The decision log of an opgave."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_http_methods

from opgaven.views.werkruimte import werkruimte_openen


@require_http_methods(["GET"])
@login_required
def besluiten(request: HttpRequest, slug: str) -> HttpResponse:
    werkruimte = werkruimte_openen(request, slug, "besluiten")
    return render(request, "opgaven/besluiten/besluiten.html", werkruimte.context())


# Mounted under /opgaven/<slug>/ by opgaven/urls.py.
urlpatterns = [
    path("besluiten/", besluiten, name="besluiten"),
]
