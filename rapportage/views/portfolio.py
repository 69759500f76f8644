"""The portfolio dashboard (``/rapportage/``); completed by the portfolio part of issue 9."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from rapportage.permissions import check


@login_required
def portfolio(request: HttpRequest) -> HttpResponse:
    check(request.user.has_perm("opgaven.view_interne_opgave"))
    return render(request, "rapportage/portfolio.html", {})


urlpatterns = [path("", portfolio, name="portfolio")]
