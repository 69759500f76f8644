"""URLs of learning and coaching, mounted under /leren/ by config/urls.py."""

from leren.views import coaching, ervaringen

app_name = "leren"
urlpatterns = [
    *coaching.urlpatterns,
    *ervaringen.urlpatterns,
]
