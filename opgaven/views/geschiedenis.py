"""Every recorded change to an opgave and its parts."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_http_methods

from opgaven.views.werkruimte import werkruimte_openen


@require_http_methods(["GET"])
@login_required
def geschiedenis(request: HttpRequest, slug: str) -> HttpResponse:
    werkruimte = werkruimte_openen(request, slug, "geschiedenis")
    return render(request, "opgaven/geschiedenis/geschiedenis.html", werkruimte.context())


# Mounted under /opgaven/<slug>/ by opgaven/urls.py.
urlpatterns = [
    path("geschiedenis/", geschiedenis, name="geschiedenis"),
]
