from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from allauth.account.decorators import secure_admin_login

from accounts.urls import gegevens_urlpatterns
from config import health, views
from participatie.views.mijn import mijn_inbreng
from partners.views.portaal import portaal

admin.site.site_header = settings.GEMEENTE_NAAM
admin.site.site_title = settings.GEMEENTE_NAAM
# Log in to the admin through allauth, so MFA and rate limits apply there too.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.home, name="home"),
    path("toegankelijkheid/", views.toegankelijkheid, name="toegankelijkheid"),
    path("privacy/", views.privacy, name="privacy"),
    path("health/", health.health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("accounts.urls")),  # before allauth: overrides two of its views
    path("accounts/", include("allauth.urls")),
    # The budget tab before opgaven's own "<slug>/..." pages.
    path("opgaven/<slug:slug>/budget/", include("budget.urls")),
    path("opgaven/", include("opgaven.urls")),
    path("partners/", include("partners.urls")),
    path("participatie/", include("participatie.urls")),
    path("leren/", include("leren.urls")),
    path("rapportage/", include("rapportage.urls")),
    path("mijn/organisatie/", portaal, name="mijn_organisatie"),
    path("mijn/inbreng/", mijn_inbreng, name="mijn_inbreng"),
    path("mijn/gegevens/", include(gegevens_urlpatterns)),
    path("meldingen/", include("meldingen.urls")),
    path("beheer/", admin.site.urls),
]

handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
