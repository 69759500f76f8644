"""URLs of reporting, mounted under /rapportage/ by config/urls.py."""

from rapportage.views import doelstatus, exports, portfolio, rapporten, verslag

app_name = "rapportage"
urlpatterns = [
    *portfolio.urlpatterns,
    *rapporten.urlpatterns,
    *doelstatus.urlpatterns,
    *verslag.urlpatterns,
    *exports.urlpatterns,
]
