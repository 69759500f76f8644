"""Included under /accounts/ before allauth.urls: same paths and names, so these win."""

from django.urls import path

from accounts import views

urlpatterns = [
    path("login/code/confirm/", views.confirm_login_code, name="account_confirm_login_code"),
    path(
        "confirm-email/",
        views.confirm_email_verification_code,
        name="account_email_verification_sent",
    ),
]

# "Mijn gegevens" (AVG), included under /mijn/gegevens/ by config/urls.py.
gegevens_urlpatterns = [
    path("", views.gegevens, name="gegevens"),
    path("download-aanvragen/", views.gegevens_exporteren, name="gegevens_exporteren"),
    path("download/<int:pk>/", views.gegevens_download, name="gegevens_download"),
    path("verwijderen/", views.account_verwijderen, name="account_verwijderen"),
    path(
        "verwijderen/ongedaan-maken/",
        views.account_verwijderen_annuleren,
        name="account_verwijderen_annuleren",
    ),
]
