"""URLs of the organisation register, mounted under /partners/."""

from partners.views import leden, register

app_name = "partners"
urlpatterns = [
    *register.urlpatterns,
    *leden.urlpatterns,
]
