"""A resident's own page: "what was done with my input", their proposals and ballots in
participatory budgets, and their session registrations."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from participatie.selectors import aanmeldingen_van_user, inbreng_van_user
from participatie.selectors_begroting import stembiljetten_van_user, voorstellen_van_user


@require_http_methods(["GET"])
@login_required
def mijn_inbreng(request: HttpRequest) -> HttpResponse:
    context = {
        "inbreng_lijst": list(inbreng_van_user(user=request.user)),
        "aanmeldingen": list(aanmeldingen_van_user(user=request.user)),
        "voorstellen": voorstellen_van_user(user=request.user),
        "stembiljetten": stembiljetten_van_user(user=request.user),
    }
    return render(request, "participatie/mijn_inbreng.html", context)
