"""Goals, indicators and measurements of an opgave."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_http_methods

from opgaven.views.werkruimte import werkruimte_openen


@require_http_methods(["GET"])
@login_required
def doelen(request: HttpRequest, slug: str) -> HttpResponse:
    werkruimte = werkruimte_openen(request, slug, "doelen")
    return render(request, "opgaven/doelen/doelen.html", werkruimte.context())


# Mounted under /opgaven/<slug>/ by opgaven/urls.py.
urlpatterns = [
    path("doelen/", doelen, name="doelen"),
]
