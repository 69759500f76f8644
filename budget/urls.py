"""URLs of an opgave's joint budget, mounted under /opgaven/<slug>/budget/ by config/urls.py."""

from budget.views import bijdragen, grootboek, pot, toewijzingen

app_name = "budget"
urlpatterns = [
    *pot.urlpatterns,
    *bijdragen.urlpatterns,
    *toewijzingen.urlpatterns,
    *grootboek.urlpatterns,
]
