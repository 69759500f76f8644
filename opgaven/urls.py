from django.urls import path

from opgaven import views

app_name = "opgaven"
urlpatterns = [
    path("", views.opgave_list, name="list"),
    # "nieuw" is kept out of the slugs (services.RESERVED_SLUGS), so it never hides an opgave.
    path("nieuw/", views.opgave_add, name="add"),
    path("<slug:slug>/", views.opgave_detail, name="detail"),
    path("<slug:slug>/bewerken/", views.opgave_edit, name="edit"),
    path("<slug:slug>/fase/", views.opgave_fase, name="fase"),
]
