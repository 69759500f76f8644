"""URLs of opgaven. The sections of one opgave live under /opgaven/<slug>/;
each section's views module lists its own ``urlpatterns``."""

from django.urls import include, path

from opgaven.views import besluiten, doelen, geschiedenis, krachtenveld, opgaven, plan, rollen

app_name = "opgaven"
urlpatterns = [
    path("", opgaven.opgave_list, name="list"),
    # "nieuw" is kept out of the slugs (services.RESERVED_SLUGS), so it never hides an opgave.
    path("nieuw/", opgaven.opgave_add, name="add"),
    path(
        "<slug:slug>/",
        include(
            [
                path("", opgaven.opgave_detail, name="detail"),
                path("bewerken/", opgaven.opgave_edit, name="edit"),
                path("fase/", opgaven.opgave_fase, name="fase"),
                *rollen.urlpatterns,
                *doelen.urlpatterns,
                *krachtenveld.urlpatterns,
                *plan.urlpatterns,
                *besluiten.urlpatterns,
                *geschiedenis.urlpatterns,
            ]
        ),
    ),
]
