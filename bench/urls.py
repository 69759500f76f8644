"""The site's URLs plus the ceiling page of ``bench/load.py`` (see ``bench/wsgi.py``)."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from config.urls import urlpatterns as site

_REGEL = "<p>Een regel tekst van ongeveer tachtig tekens, zoals op een gewone pagina staat.</p>\n"


@require_GET
def plafond(request):
    """A static page of ``grootte`` bytes (at most 1 MB): no database, no template."""
    grootte = min(int(request.GET.get("grootte") or 40_000), 1_000_000)
    kop = "<!doctype html><html lang=nl><head><title>Plafond</title></head><body>\n"
    romp = _REGEL * max(0, (grootte - len(kop)) // len(_REGEL))
    return HttpResponse(kop + romp + "</body></html>")


urlpatterns = [path("__plafond__/", plafond), *site]
