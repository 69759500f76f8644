from django.urls import path

from opgaven import views

app_name = "opgaven"
urlpatterns = [
    path("", views.opgave_list, name="list"),
    path("<slug:slug>/", views.opgave_detail, name="detail"),
    path("<slug:slug>/bewerken/", views.opgave_edit, name="edit"),
]
