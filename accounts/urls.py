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
