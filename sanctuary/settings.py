"""Settings for the Sanctuary network platform, read from the environment.

With no environment at all the platform runs on an embedded default: a SQLite
file, Celery tasks run eagerly, email printed to the console and DEBUG on.
``DJANGO_ENV=production`` turns on every deployment safeguard and requires the
secrets to be given. See the configuration table in README.md.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime, timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from sanctuary.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DJANGO_ENV = env_choice("DJANGO_ENV", ("development", "test", "production"), "development")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env_bool("DJANGO_DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG cannot be on when DJANGO_ENV=production.")

_DEV_SECRET = "dev-only-insecure-key-never-use-in-production-5a1f0c9e7d"  # noqa: S105
SECRET_KEY = env_str("DJANGO_SECRET_KEY", None if PRODUCTION else _DEV_SECRET, required=PRODUCTION)
if PRODUCTION and (len(SECRET_KEY) < 50 or SECRET_KEY == _DEV_SECRET):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be a random value of 50 characters or more.")

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Who to tell about a security problem (RFC 9116 security.txt): a mailto: or https: URI.
SECURITY_CONTACT = env_str("SECURITY_CONTACT", "mailto:security@example.org")
if not SECURITY_CONTACT.startswith(("mailto:", "https://")):
    raise ImproperlyConfigured("SECURITY_CONTACT must be a mailto: or https:// URI.")
# When security.txt stops being trusted (ISO 8601 date or time, UTC when no zone is given).
# Empty: 180 days after the day it is served; an operator who reviews the file sets a date.
SECURITY_TXT_EXPIRES = env_str("SECURITY_TXT_EXPIRES", "")
if SECURITY_TXT_EXPIRES:
    try:
        datetime.fromisoformat(SECURITY_TXT_EXPIRES)
    except ValueError as _error:
        raise ImproperlyConfigured("SECURITY_TXT_EXPIRES must be an ISO 8601 date (2027-06-30).") from _error

# Where people report an accessibility problem (shown in the accessibility statement).
ACCESSIBILITY_CONTACT_EMAIL = env_str("ACCESSIBILITY_CONTACT_EMAIL", "accessibility@example.org")

SANCTUARY_APPS = [
    "groups",
    "awards",
    "la_network",
    "campaigns",
    "returnees",
    "api",
    "events",
    "geography",
    "resources",
]

INSTALLED_APPS = [
    "sanctuary",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # runserver leaves /static/ to WhiteNoise, which sends compressed, cacheable files.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    *SANCTUARY_APPS,
]

MIDDLEWARE = [
    "sanctuary.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before CommonMiddleware (which adds slashes to /cy/ paths it resolves).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "sanctuary.middleware.RejectNullCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "sanctuary.errors.RefusalMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "sanctuary.middleware.StaffSessionMiddleware",
    "sanctuary.middleware.MFARequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "sanctuary.urls"
WSGI_APPLICATION = "sanctuary.wsgi.application"
ASGI_APPLICATION = "sanctuary.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sanctuary.context_processors.navigation",
                "sanctuary.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    _db = dj_database_url.parse(DATABASE_URL, conn_max_age=0)
    if not _db["ENGINE"].endswith("postgresql"):
        raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL (postgres://...).")
    if env_bool("DATABASE_POOL", default=True):
        # Django's own psycopg 3 pool; persistent connections must then stay off.
        _db["OPTIONS"] = {
            **_db.get("OPTIONS", {}),
            "pool": {
                "min_size": env_int("DATABASE_POOL_MIN", 2, minimum=0),
                "max_size": env_int("DATABASE_POOL_MAX", 10, minimum=1),
                "timeout": env_int("DATABASE_POOL_TIMEOUT", 10, minimum=1),
            },
        }
    DATABASES = {"default": _db}
elif PRODUCTION:
    raise ImproperlyConfigured("DATABASE_URL must be set when DJANGO_ENV=production.")
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "var" / "db.sqlite3")),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and broker ------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "sanctuary.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "sanctuary"),
            # Short timeouts: while Redis is away, pages are served without it (sanctuary/cache.py).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
elif PRODUCTION:
    raise ImproperlyConfigured("REDIS_URL must be set when DJANGO_ENV=production.")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_SERIALIZER = "json"
# A worker killed mid-task must not lose the task: acknowledge only after it ran,
# give it back to the queue when the worker dies, and take one message at a time.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240, minimum=1)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300, minimum=1)
# A dead broker costs a request about a second, not a hang: the enqueue helper logs the
# failure and the sweeps do the work later (sanctuary/queue.py).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_connect_timeout": 1,
    "socket_timeout": 2,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/London"
# Sweeps compute what is due from the database, so a missed run is caught up by the next one.
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    # Proves to /healthz that beat sends and a worker runs (sanctuary/health.py).
    "heartbeat": {
        "task": "sanctuary.tasks.heartbeat",
        "schedule": timedelta(minutes=1),
    },
    "outbox-sweep": {
        "task": "sanctuary.tasks.outbox_sweep",
        "schedule": timedelta(minutes=5),
    },
}
# Apps add their sweeps here; kept in one place so an operator sees the whole timetable.
CELERY_BEAT_SCHEDULE.update(
    {
        "groups-weekly-digest": {
            "task": "groups.tasks.weekly_digest_sweep",
            "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
        },
        "groups-purge-unconfirmed-signatures": {
            "task": "groups.tasks.purge_unconfirmed_signatures",
            "schedule": crontab(hour=3, minute=15),
        },
        "awards-reaccreditation-sweep": {
            "task": "awards.tasks.reaccreditation_sweep",
            "schedule": crontab(hour=6, minute=0),
        },
        "awards-certificates-sweep": {
            "task": "awards.tasks.certificates_sweep",
            "schedule": crontab(minute=40),
        },
        "la-network-renewal-sweep": {
            "task": "la_network.tasks.renewal_sweep",
            "schedule": crontab(hour=6, minute=10),
        },
        "campaigns-follow-up-sweep": {
            "task": "campaigns.tasks.follow_up_sweep",
            "schedule": crontab(minute=20),
        },
        "returnees-checkin-sweep": {
            "task": "returnees.tasks.checkin_sweep",
            "schedule": timedelta(seconds=env_int("RETURNEE_CHECKIN_SWEEP_SECONDS", 300, minimum=1)),
        },
        "returnees-retention-sweep": {
            "task": "returnees.tasks.retention_sweep",
            "schedule": crontab(hour=2, minute=30),
        },
        "resources-link-check": {
            "task": "resources.tasks.link_check_sweep",
            # Hourly, a batch at a time: each link is still checked once a week.
            "schedule": crontab(minute=17),
        },
    }
)

# --- Email -----------------------------------------------------------------------------------
_email_host = env_str("EMAIL_HOST")
if _email_host:
    _email_port = env_int("EMAIL_PORT", 587, minimum=1)
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _email_host,
                "port": _email_port,
                "username": env_str("EMAIL_HOST_USER", ""),
                "password": env_str("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", default=_email_port == 587),
                "use_ssl": env_bool("EMAIL_USE_SSL", default=_email_port == 465),
                "timeout": env_int("EMAIL_TIMEOUT", 20, minimum=1),
            },
        }
    }
elif PRODUCTION:
    raise ImproperlyConfigured("EMAIL_HOST must be set when DJANGO_ENV=production.")
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
# The outbox: a worker claims each email before sending it; a claim older than this was left by
# a worker that died, and the sweep sends the email again. Longer than any one send can take.
OUTBOX_CLAIM_SECONDS = env_int("OUTBOX_CLAIM_SECONDS", 600, minimum=1)
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 8, minimum=1)
# /healthz reports a problem when an email has waited longer than this to be sent.
OUTBOX_ALERT_MINUTES = env_int("OUTBOX_ALERT_MINUTES", 30, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "City of Sanctuary <no-reply@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Operators", a) for a in env_list("DJANGO_ADMINS")]

# --- Accounts --------------------------------------------------------------------------------
AUTH_USER_MODEL = "sanctuary.User"
AUTHENTICATION_BACKENDS = [
    # Django's and allauth's, loading the person's staff roles in the same query (sanctuary/auth.py).
    "sanctuary.auth.ModelBackend",
    "sanctuary.auth.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "sanctuary.forms.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = env_int("REAUTHENTICATION_TIMEOUT", 300, minimum=30)
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[City of Sanctuary] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_ADAPTER = "sanctuary.adapters.AccountAdapter"
# allauth's own defaults, stated so an operator sees them; counted in the Django cache.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # "key" counts an account's failures from one address (sanctuary.adapters): an attacker
    # who guesses wrong runs into the limit, the account's owner, elsewhere, does not. The
    # owner is emailed when their account sees many failures (LOGIN_FAILURE_NOTICE_AFTER).
    "login_failed": "10/m/ip,10/30m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# Requests per minute one address may make to the public JSON API (/api/v1/) before it is
# answered 429 with Retry-After.
API_RATE_LIMIT_PER_MINUTE = env_int("API_RATE_LIMIT_PER_MINUTE", 120, minimum=1)
# Failed sign-ins to one account, from anywhere, within the window, before its owner is told
# by email (once per window).
LOGIN_FAILURE_NOTICE_AFTER = env_int("LOGIN_FAILURE_NOTICE_AFTER", 5, minimum=1)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 3600, minimum=60)
# Life of the link in a staff invitation (national staff invite assessors, coordinators...).
STAFF_INVITATION_DAYS = env_int("STAFF_INVITATION_DAYS", 7, minimum=1)
MFA_ADAPTER = "sanctuary.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "City of Sanctuary"
# Accept the codes either side of now: phones drift by a few seconds.
MFA_TOTP_TOLERANCE = 1

# Field and MFA-secret encryption keys (Fernet, url-safe base64 of 32 bytes). The first key
# encrypts; all of them decrypt, so a key is rotated by putting a new one first, running
# `manage.py rotate_encryption_keys`, then removing the old one.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")
if not FIELD_ENCRYPTION_KEYS:
    if PRODUCTION:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must be set when DJANGO_ENV=production.")
    FIELD_ENCRYPTION_KEYS = [base64.urlsafe_b64encode(hashlib.sha256(SECRET_KEY.encode()).digest()).decode()]

# --- Sessions and security ---------------------------------------------------------------------
# Sessions live in the database and are read through the cache: every signed-in request reads
# its session, and the cache answers that without a query. The database copy survives a cache
# restart, so nobody is signed out by one.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 24 * 14, minimum=300)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# People with staff roles see sensitive records: their sessions end when idle and after a
# fixed lifetime whatever they do (SECURITY.md 14).
STAFF_SESSION_IDLE_TIMEOUT = env_int("STAFF_SESSION_IDLE_TIMEOUT", 30 * 60, minimum=60)
STAFF_SESSION_MAX_AGE = env_int("STAFF_SESSION_MAX_AGE", 12 * 60 * 60, minimum=300)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# --- Files -------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files never live under a served directory: only permission-checked views read them.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    # Hashed names and compressed copies in every mode (`make run` collects first); outside
    # production a file not collected yet is served from static/ as it is (sanctuary/staticfiles.py).
    "staticfiles": {
        "BACKEND": "sanctuary.staticfiles.StaticFilesStorage",
        "OPTIONS": {"fallback": not PRODUCTION},
    },
}
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The check of the resource library's external links (resources/linkcheck.py): seconds each site
# has to answer, how many sites are asked at once, how often each link is checked, and how many
# links one hourly run takes (oldest check first). A run of BATCH links that all time out twice
# (HEAD, then GET) lasts BATCH / WORKERS * 2 * TIMEOUT seconds: 125 s at the defaults, inside the
# tasks' 240 s limit however large the library grows (8,400 links a week).
RESOURCES_LINKCHECK_TIMEOUT = env_int("RESOURCES_LINKCHECK_TIMEOUT", 10, minimum=1)
RESOURCES_LINKCHECK_WORKERS = env_int("RESOURCES_LINKCHECK_WORKERS", 8, minimum=1)
RESOURCES_LINKCHECK_EVERY_DAYS = env_int("RESOURCES_LINKCHECK_EVERY_DAYS", 7, minimum=1)
RESOURCES_LINKCHECK_BATCH = env_int("RESOURCES_LINKCHECK_BATCH", 50, minimum=1)
# Suggestions one group lead may have waiting for staff at once: each may carry a file, so an
# unbounded queue would let one account fill the disk and the staff's list.
RESOURCES_SUGGESTIONS_PENDING_MAX = env_int("RESOURCES_SUGGESTIONS_PENDING_MAX", 10, minimum=1)
# Private networks the link check may still ask (tests run a local server); none in production.
RESOURCES_LINKCHECK_ALLOWED_NETWORKS: list[str] = []
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750

# --- Language ----------------------------------------------------------------------------------
# English and Welsh (issue 19: Wales is a Nation of Sanctuary and its councils work under the
# Welsh Language Standards). English pages keep their URLs; the Welsh page of each is the same
# path under /cy/ (i18n_patterns in sanctuary/urls.py), so a Welsh link can be shared and
# bookmarked and every stable URL in DESIGN.md answers as before. Translation used to be off
# because it costs time on every page; measured for issue 19 (home, directory, a group page,
# privacy, sign-in, through the test client, on and off in turn) it costs about 2.5%
# (24.7 against 24.1 ms a page), once the header's chooser stopped re-resolving each URL.
# Catalogues: locale/ (templates/ and sanctuary/), <app>/locale/ for each app; `make messages`
# regenerates them and `make compilemessages` (run by `make setup`) builds the .mo files.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English")), ("cy", _("Welsh"))]
# locale_vendor/: Welsh for django-allauth's pages and emails, which allauth does not ship.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Logging -------------------------------------------------------------------------------------
LOG_LEVEL = env_choice("LOG_LEVEL", ("debug", "info", "warning", "error"), "info").upper()
# "json": one JSON object per line, for a log collector. Every line carries the request id.
LOG_FORMAT = env_choice("LOG_FORMAT", ("plain", "json"), "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "sanctuary.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Request paths can carry tokens (confirmation links): keep them out of warnings.
        "django.request": {"level": "ERROR"},
        "django.security.DisallowedHost": {"level": "ERROR"},
        # PDF rendering narrates every step at INFO; only problems matter.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
# Workers log through the same configuration (request ids, JSON) rather than Celery's own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Optional error tracking. Nothing personal leaves: no request bodies, no local variables, no
# user details (send_default_pii off); only the exception, the path and the request id.
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=DJANGO_ENV,
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=0.0,
    )

# =============================================================================================
# App settings. Each app owns its block below; all read from the environment.
# =============================================================================================

# --- groups: local groups and the charter -------------------------------------------------
CHARTER_CONFIRMATION_HOURS = env_int("CHARTER_CONFIRMATION_HOURS", 72, minimum=1)
CHARTER_UNCONFIRMED_PURGE_DAYS = env_int("CHARTER_UNCONFIRMED_PURGE_DAYS", 30, minimum=1)
GROUP_INVITATION_DAYS = env_int("GROUP_INVITATION_DAYS", 14, minimum=1)
# Messages sent through a group's contact form are kept this long (for abuse checks), then deleted.
GROUP_CONTACT_MESSAGE_DAYS = env_int("GROUP_CONTACT_MESSAGE_DAYS", 90, minimum=1)
# --- end groups ---

# --- awards: stream Sanctuary Awards -------------------------------------------------------
AWARD_VALIDITY_YEARS = 3
# Days a panel has to review once an application goes to review.
AWARD_REVIEW_DAYS = env_int("AWARD_REVIEW_DAYS", 28, minimum=1)
# --- end awards ---

# --- la_network: Local Authority Network ---------------------------------------------------
LA_MEMBERSHIP_YEARS = 3
# mySociety's register; the demo and tests fall back to la_network/data/ when it is absent.
LA_REGISTER_PATH = Path(
    env_str("LA_REGISTER_PATH", str(BASE_DIR.parent / "shared" / "data" / "uk_local_authorities_current.csv"))
)
# Months before expiry at which member councils are reminded (0 = on the day it ends); the
# renewal opens with the first reminder (see la_network.workflow.renewal_reminders).
LA_RENEWAL_REMINDER_MONTHS = (6, 3, 1, 0)
# --- end la_network ---

# --- campaigns ---------------------------------------------------------------------------------
CAMPAIGN_FOLLOW_UP_DAYS = env_int("CAMPAIGN_FOLLOW_UP_DAYS", 14, minimum=1)
# How long the "how did it go?" link and the pledge confirmation link keep working.
CAMPAIGN_OUTCOME_LINK_DAYS = env_int("CAMPAIGN_OUTCOME_LINK_DAYS", 30, minimum=1)
CAMPAIGN_PLEDGE_CONFIRM_DAYS = env_int("CAMPAIGN_PLEDGE_CONFIRM_DAYS", 7, minimum=1)
# --- end campaigns ---

# --- returnees: monitoring after return ----------------------------------------------------------
RETURNEE_RETENTION_DAYS = env_int("RETURNEE_RETENTION_DAYS", 365, minimum=1)
# A check-in is "due" at its time; after the grace period the whole circle is alerted, after
# the escalation period the coordinators are (hours, counted from the due time).
RETURNEE_CHECKIN_GRACE_HOURS = env_int("RETURNEE_CHECKIN_GRACE_HOURS", 24, minimum=1)
RETURNEE_CHECKIN_ESCALATION_HOURS = env_int("RETURNEE_CHECKIN_ESCALATION_HOURS", 72, minimum=2)
if RETURNEE_CHECKIN_ESCALATION_HOURS <= RETURNEE_CHECKIN_GRACE_HOURS:
    raise ImproperlyConfigured("RETURNEE_CHECKIN_ESCALATION_HOURS must be longer than the grace period.")
# After a check-in that found the person in danger, the next one is due within this many hours
# (not at the cadence's next step): never later than the escalation period.
RETURNEE_IN_DANGER_NEXT_CHECKIN_HOURS = env_int("RETURNEE_IN_DANGER_NEXT_CHECKIN_HOURS", 24, minimum=1)
if RETURNEE_IN_DANGER_NEXT_CHECKIN_HOURS > RETURNEE_CHECKIN_ESCALATION_HOURS:
    raise ImproperlyConfigured(
        "RETURNEE_IN_DANGER_NEXT_CHECKIN_HOURS cannot be longer than RETURNEE_CHECKIN_ESCALATION_HOURS."
    )
# A sensitive form opened after re-authenticating may be submitted within this many minutes,
# so a long case form is not lost (and never parked in the session by allauth's resume).
RETURNEE_REAUTH_FORM_MINUTES = env_int("RETURNEE_REAUTH_FORM_MINUTES", 30, minimum=1)
# Figures below this are shown as "fewer than 5" in the anonymous statistics (never lower than 5).
RETURNEE_STATISTICS_MIN_COUNT = env_int("RETURNEE_STATISTICS_MIN_COUNT", 5, minimum=5)
# --- end returnees ---
