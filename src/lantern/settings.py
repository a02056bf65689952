"""Lantern's one settings module, read from the environment.

``LANTERN_ENV`` chooses the mode: ``demo`` (a laptop with demo data), ``test`` (the test run) or
``production`` (the default, so a forgotten variable fails safe). Production refuses to start
without a real secret key, with debug on, or without allowed hosts.
"""

from __future__ import annotations

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent

env = environ.Env()

LANTERN_ENV = env.str("LANTERN_ENV", default="production")
if LANTERN_ENV not in {"demo", "test", "production"}:
    raise ImproperlyConfigured(
        f"LANTERN_ENV must be demo, test or production, not {LANTERN_ENV!r}."
    )
IS_PRODUCTION = LANTERN_ENV == "production"
IS_DEMO = LANTERN_ENV == "demo"

# Demo and test get a fixed, clearly labelled key; production must be given one.
_NON_PRODUCTION_KEY = "lantern-insecure-key-for-demo-and-test-only-never-use-in-production"
if IS_PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set when LANTERN_ENV=production.")
    if SECRET_KEY == _NON_PRODUCTION_KEY:
        raise ImproperlyConfigured("SECRET_KEY is the demo key: set a real one for production.")
else:
    SECRET_KEY = env.str("SECRET_KEY", default=_NON_PRODUCTION_KEY)

DEBUG = env.bool("DEBUG", default=IS_DEMO)
if IS_PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when LANTERN_ENV=production.")

if IS_PRODUCTION:
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must name this server when LANTERN_ENV=production.")
    if "*" in ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS may not be '*' in production.")
else:
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "lantern.accounts",
    "lantern.access",
    "lantern.audit",
    "lantern.legal",
    "lantern.cases",
    "lantern.safeguarding",
    "lantern.justice",
    "lantern.linkage",
    "lantern.insights",
    "lantern.api",
    "lantern.synth",
    "lantern.backups",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lantern.accounts.middleware.IdleTimeoutMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lantern.accounts.middleware.SignInRequiredMiddleware",
    "lantern.api.middleware.NulRefusalMiddleware",
    "lantern.accounts.middleware.NoStoreMiddleware",
    "lantern.errors.RefusalMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lantern.urls"
WSGI_APPLICATION = "lantern.wsgi.application"

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
                "lantern.accounts.context_processors.lantern",
            ],
        },
    },
]
FORM_RENDERER = "lantern.govuk_forms.GovukFormRenderer"

_DEFAULT_DB = f"sqlite:///{PROJECT_DIR / 'var' / 'lantern.sqlite3'}"
DATABASES = {"default": env.db("DATABASE_URL", default=_DEFAULT_DB)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one writer commits; IMMEDIATE takes the write lock at the
    # start of a transaction so the audit chain's head is never read stale.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    }
# Each server process keeps its database connection between requests (a new PostgreSQL
# connection is a new server process: several milliseconds of both cores' time on every page),
# checked before reuse. The test run opens and closes its own.
if LANTERN_ENV != "test":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The dashboards' counted figures are kept this many seconds (lantern.insights.figures_cache), in
# a directory every server process shares; 0 counts every view afresh (the tests, unless a test
# turns it on). They hold counts only, never personal data.
LANTERN_FIGURES_SECONDS = env.int("LANTERN_FIGURES_SECONDS", default=0 if LANTERN_ENV == "test" else 300)
CACHES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "figures": (
        {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "figures"}
        if LANTERN_ENV == "test" else
        {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
         "LOCATION": env.str("LANTERN_FIGURES_DIR", default=str(PROJECT_DIR / "var" / "figures")),
         "OPTIONS": {"MAX_ENTRIES": 2000}}
    ),
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home"

# Two-factor sign-in: the bypass exists only in demo mode, and every page says so when used.
LANTERN_MFA_DEMO_BYPASS = IS_DEMO
OTP_TOTP_ISSUER = "Lantern"
OTP_TOTP_THROTTLE_FACTOR = 1

# Lockout after repeated failures (django-axes): five wrong passwords for one username, or from one
# address across usernames (password spraying), lock it for 30 minutes. Behind a load balancer set
# PROXY_COUNT so the address is the client's, not the balancer's.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0) or None
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "lantern.accounts.views.locked_out"
AXES_VERBOSE = False

# Sessions end after 30 idle minutes: a request pushes the expiry on, writing the session at most
# once a minute (lantern.accounts.middleware.IdleTimeoutMiddleware), not on every page.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if IS_PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = PROJECT_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not IS_PRODUCTION

# Disclosures to immigration enforcement: refuse those about a domestic abuse victim where there
# are only doubts about status (super-complaint recommendation). A force following a different
# national policy sets LANTERN_REFUSE_DA_DOUBTS_ONLY=false.
LANTERN_REFUSE_DA_DOUBTS_ONLY = env.bool("LANTERN_REFUSE_DA_DOUBTS_ONLY", default=True)

# Statistical disclosure control for figures marked for publication (lantern.insights.disclosure):
# counts from 1 to this less one are suppressed. Below 2 nothing would be, so it is refused.
LANTERN_DISCLOSURE_THRESHOLD = env.int("LANTERN_DISCLOSURE_THRESHOLD", default=5)
if LANTERN_DISCLOSURE_THRESHOLD < 2:
    raise ImproperlyConfigured(
        "LANTERN_DISCLOSURE_THRESHOLD must be at least 2: a lower threshold suppresses nothing.")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    # Never log request bodies: they hold personal data.
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False}},
}
