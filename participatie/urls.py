"""URLs of participation, mounted under /participatie/ by config/urls.py.

Fixed paths (``opgave/``, ``nieuw/``, ``mijn/``, ``moderatie/``) come before
``<slug>/`` and are reserved (``services.GERESERVEERDE_SLUGS``)."""

from participatie.views import beheer, inbreng, rondes, sessies

app_name = "participatie"
urlpatterns = [
    *beheer.urlpatterns,
    *sessies.urlpatterns,
    *inbreng.urlpatterns,
    *rondes.urlpatterns,
]
