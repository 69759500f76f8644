from django.urls import path

from meldingen import views

app_name = "meldingen"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("teller/", views.teller, name="teller"),
    path("alles-gelezen/", views.alles_gelezen, name="alles_gelezen"),
    path("<int:pk>/gelezen/", views.gelezen, name="gelezen"),
    path("<int:pk>/openen/", views.openen, name="openen"),
    path("voorkeuren/", views.voorkeuren, name="voorkeuren"),
    path("afmelden/<str:token>/", views.afmelden, name="afmelden"),
]
