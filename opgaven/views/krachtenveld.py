"""The field of forces: involved organisations, positions over time, contacts, commitments."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_http_methods

from opgaven.views.werkruimte import werkruimte_openen


@require_http_methods(["GET"])
@login_required
def krachtenveld(request: HttpRequest, slug: str) -> HttpResponse:
    werkruimte = werkruimte_openen(request, slug, "krachtenveld")
    return render(request, "opgaven/krachtenveld/krachtenveld.html", werkruimte.context())


# Mounted under /opgaven/<slug>/ by opgaven/urls.py.
urlpatterns = [
    path("krachtenveld/", krachtenveld, name="krachtenveld"),
]
