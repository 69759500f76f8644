"""URLs of participation, mounted under /participatie/ by config/urls.py.

Fixed paths (``opgave/``, ``nieuw/``, ``mijn/``, ``moderatie/``) come before
``<slug>/`` and are reserved (``services.GERESERVEERDE_SLUGS``)."""

from participatie.views import begroting, beheer, inbreng, rondes, sessies, stemmen, uitslag

app_name = "participatie"
urlpatterns = [
    *beheer.urlpatterns,
    *begroting.urlpatterns,
    *stemmen.urlpatterns,
    *uitslag.urlpatterns,
    *sessies.urlpatterns,
    *inbreng.urlpatterns,
    *rondes.urlpatterns,
]
