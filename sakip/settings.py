"""sakip settings: one env-driven module (healthchecks style).

Every value can be set from the environment; the defaults give a working development
installation on SQLite under var/.
"""

import os
import secrets
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SAKIP_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)


def _secret_key():
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG is off.")
    # Development: a random key kept under var/ so sessions survive restarts.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
# Production settings are validated before a server starts (sakip.core.startup). Read from the environment's DEBUG
# here, before a test runner changes settings.DEBUG.
SAKIP_PRODUCTION = not DEBUG
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The address users reach (scheme + host + port, no path): printed in every verification QR code and every
# link in an e-mail. `make run PORT=…` sets it to http://127.0.0.1:PORT; a deployment sets it to the public
# address behind the reverse proxy (docs/deployment.md). Check sakip.W001 warns when it is missing with DEBUG off.
SITE_URL_CONFIGURED = bool(os.environ.get("SITE_URL", "").strip())
SITE_URL = (os.environ.get("SITE_URL", "").strip() or "http://127.0.0.1:8000").rstrip("/")


def _site_origin_and_host(url):
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""), (parts.hostname or "")


if SITE_URL_CONFIGURED:
    # The public address is trusted for CSRF (the verification page's upload form behind the proxy) and served.
    _origin, _host = _site_origin_and_host(SITE_URL)
    if _origin and _origin not in CSRF_TRUSTED_ORIGINS:
        CSRF_TRUSTED_ORIGINS.append(_origin)
    if _host and ALLOWED_HOSTS and _host not in ALLOWED_HOSTS and "*" not in ALLOWED_HOSTS:
        ALLOWED_HOSTS.append(_host)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "django_tables2",
    "django_filters",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "tree_queries",
    "sequences",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI files for /api/docs/ (no CDN)
    "django_otp",  # two-factor sign-in (sakip.twofactor): TOTP devices and recovery codes
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # sakip, in the order of the SAKIP cycle
    "sakip.core",
    "sakip.organization",
    "sakip.planning",
    "sakip.measurement",
    "sakip.reporting",
    "sakip.evaluation",
    "sakip.sop",
    "sakip.documents",
    "sakip.portal",
    "sakip.api",
    "sakip.twofactor",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sakip.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sakip.core.middleware.IdleTimeoutMiddleware",
    "sakip.twofactor.middleware.TwoFactorGateMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "sakip.urls"
WSGI_APPLICATION = "sakip.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "sakip.core.context_processors.shell",
            ],
            "builtins": ["sakip.core.templatetags.sakip"],
        },
    }
]

# Database: SQLite under var/ by default, PostgreSQL via DATABASE_URL.
DATABASE_URL = os.environ.get("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", VAR_DIR / "sakip.sqlite3"),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 5,
                "init_command": ("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL;"),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organization.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "sakip.core.auth.UsernameOrNipBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in lockout (sakip.core.lockout, docs/security.md): failures counted per account (the user the typed
# name or NIP resolves to) + client address, per account, and per address, over a sliding window of minutes.
SAKIP_LOGIN_LOCKOUT = {
    "pair": int(os.environ.get("SAKIP_LOCKOUT_PAIR", "5")),
    "account": int(os.environ.get("SAKIP_LOCKOUT_ACCOUNT", "20")),
    "address": int(os.environ.get("SAKIP_LOCKOUT_ADDRESS", "50")),
    "minutes": int(os.environ.get("SAKIP_LOCKOUT_MINUTES", "15")),
}
SAKIP_LOGIN_LOCKOUT_ENABLED = env_bool("SAKIP_LOGIN_LOCKOUT_ENABLED", True)
# Two-factor sign-in (sakip.twofactor, docs/security.md "Two-factor sign-in"): users of these roles (group names;
# "Administrator" also covers superusers) must enrol a TOTP authenticator app before they can use anything else;
# everybody else may. Empty (SAKIP_2FA_REQUIRED_ROLES=) = required for nobody.
SAKIP_2FA_REQUIRED_ROLES = env_list("SAKIP_2FA_REQUIRED_ROLES", "Administrator,Kepala OPD,Inspektorat")
# The demo's accounts (those `load_demo` creates: user names of the demo with a @demo.sakip.local address) are
# exempt from the requirement: on in development (DEBUG) and in `make run`/`make dev`, off in production.
SAKIP_2FA_DEMO_EXEMPT = env_bool("SAKIP_2FA_DEMO_EXEMPT", DEBUG)
OTP_TOTP_ISSUER = os.environ.get("SAKIP_2FA_ISSUER", "sakip")
# The client address behind a reverse proxy (sakip.core.clientip, docs/deployment.md): the header the proxy
# sets (e.g. X-Forwarded-For, X-Real-IP) and how many proxies stand in front; empty = REMOTE_ADDR.
SAKIP_TRUSTED_PROXY_HEADER = os.environ.get("SAKIP_TRUSTED_PROXY_HEADER", "")
SAKIP_TRUSTED_PROXY_COUNT = int(os.environ.get("SAKIP_TRUSTED_PROXY_COUNT", "1"))

# Internationalisation: Indonesian by default, English available.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True
# Every form is drawn by one renderer: Django's form templates with Bootstrap classes (sakip/core/renderers.py).
FORM_RENDERER = "sakip.core.renderers.FormRenderer"
FORMAT_MODULE_PATH = ["sakip.formats"]
LOCALE_PATHS = [BASE_DIR / "sakip" / "core" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # scale (issue 15): hashed names (manifest) so browsers may cache static files for ever.
        "BACKEND": "sakip.core.staticstorage.StaticStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
# Uploads: size limit per file (evidence, imports), in bytes.
SAKIP_MAX_UPLOAD_BYTES = int(os.environ.get("SAKIP_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
# Import uploads larger than this are previewed by the task worker, not in the web request (sakip.core.imports).
SAKIP_IMPORT_INLINE_BYTES = int(os.environ.get("SAKIP_IMPORT_INLINE_BYTES", str(64 * 1024)))
# List exports with more rows than this are written by the task worker (sakip.core.exports).
SAKIP_EXPORT_INLINE_ROWS = int(os.environ.get("SAKIP_EXPORT_INLINE_ROWS", "2000"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail: console backend by default.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "sakip@localhost")

# Background tasks (django.tasks with the database backend; `manage.py db_worker`).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# More than one server (docs/deployment.md "More than one server", docs/decisions/0007-more-than-one-server.md).
# REDIS_URL: one cache for every app server (rate limits, the SOP similarity index, the portal) and sessions kept in
# the database with Redis in front (cached_db), so a user signed in on one server is signed in on all of them.
# Background tasks stay on the database backend: on PostgreSQL several `db_worker`s claim tasks with
# SELECT … FOR UPDATE SKIP LOCKED, so no broker is needed.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "sakip"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# How many app servers run this installation: above 1, start-up refuses settings that only work on one machine
# (sakip.core.startup: no Redis, SQLite, media or signing keys not on a path every server shares).
SAKIP_APP_SERVERS = int(os.environ.get("SAKIP_APP_SERVERS", "1"))
# Scheduled jobs (`manage.py scheduler`, started by `make run`): "command@HH:MM" in local time on working days; each
# runs once a day whatever the number of schedulers (a core.ScheduledRun row per job and day), in the task worker.
SAKIP_SCHEDULE = env_list("SAKIP_SCHEDULE", "send_reminders@07:00,evaluation_reminders@07:15,cleanup_uploads@02:00")

# Security (clean `check --deploy` when DEBUG is off).
# Behind a reverse proxy (docs/deployment.md "Reverse proxy"): the proxy sets X-Forwarded-Proto (always honoured:
# request.is_secure() and the HTTPS redirect) and X-Forwarded-Host (honoured with USE_X_FORWARDED_HOST=1 when the
# proxy does not pass the Host header through); the client address: SAKIP_TRUSTED_PROXY_HEADER above.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Health and readiness probes (sakip.core.health) answer over plain HTTP on the server's own address.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]
# scale (issue 15): `make run` serves production mode over plain HTTP on loopback, so it sets SECURE_COOKIES=0.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp 4, docs/security.md "Content-Security-Policy"): scripts and styles only from
# our own static files — no inline <script>, no on*= handlers, no style="" attributes, no <style> elements.
# Pages are never framed ('none', like X_FRAME_OPTIONS) except the draft DPK preview, which the task pages embed
# (reporting.views.dpk_preview replaces frame-ancestors with 'self').
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    },
}
SESSION_COOKIE_AGE = 60 * 60 * 10  # absolute limit of a session
# Idle timeout (sakip.core.middleware.IdleTimeoutMiddleware): signed out after this many minutes without a
# request; 0 switches it off. The login page then says why.
SAKIP_IDLE_TIMEOUT_MINUTES = int(os.environ.get("SAKIP_IDLE_TIMEOUT_MINUTES", "30"))
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT_HOURS", "24")) * 3600

# --- REST API (sakip.api): tokens or session, JSON errors, paging, rate limits ------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "sakip.api.schema.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "sakip.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["sakip.api.permissions.IsAuthenticatedWithScope"],
    "DEFAULT_PAGINATION_CLASS": "sakip.api.pagination.Pagination",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "sakip.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("SAKIP_API_RATE_ANON", "60/minute"),
        "user": os.environ.get("SAKIP_API_RATE_USER", "600/minute"),
    },
    "COERCE_DECIMAL_TO_STRING": True,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "sakip API",
    "DESCRIPTION": (
        "REST API of sakip (SAKIP, Perpres 29/2014): organisation, planning, measurement, reporting, "
        "evaluation, SOP and documents. Authenticate with a personal token (Authorization: Token <token>) "
        "or the browser session. See docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"SopVersionStatusEnum": "sakip.sop.models.SopVersion.Status"},
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table table-hover table-sm align-middle"}

# Logs to the console (gunicorn and systemd collect them); SAKIP_LOG_FORMAT=json writes one JSON object per line
# (time, level, logger, message, server, exception) for a log collector (sakip.core.logformat).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "sakip.core.logformat.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if os.environ.get("SAKIP_LOG_FORMAT", "").lower() == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# sakip domain settings (each overridable per installation).
SAKIP_DEMO_PASSWORD = os.environ.get("SAKIP_DEMO_PASSWORD", "sakip-demo-2026")
# Electronic signatures: demo certificates are issued automatically unless switched off (production).
SAKIP_DEMO_SIGNING = env_bool("SAKIP_DEMO_SIGNING", True)
SAKIP_SIGNING_DIR = os.environ.get("SAKIP_SIGNING_DIR") or None  # default var/signing/
SAKIP_SIGNING_TRUST_ROOTS = env_list("SAKIP_SIGNING_TRUST_ROOTS")  # extra CA PEM files (a real provider's root)
# RFC 3161 timestamping authority for every signature (docs/documents.md "Trusted timestamps"); `make run` runs the
# demo TSA (manage.py demo_tsa) and sets it. Empty: signatures carry only the signer's clock.
SAKIP_TSA_URL = os.environ.get("SAKIP_TSA_URL", "")
# Measurement: working calendar for due dates, the SOP that runs a measurement, capaian settings.
SAKIP_WORK_DAYS = [int(d) for d in env_list("SAKIP_WORK_DAYS", "0,1,2,3,4")]
SAKIP_WORK_HOURS = tuple(env_list("SAKIP_WORK_HOURS", "07:30,15:00"))
SAKIP_HOLIDAY_COUNTRY = os.environ.get("SAKIP_HOLIDAY_COUNTRY", "ID")
SAKIP_HOLIDAY_CATEGORIES = tuple(env_list("SAKIP_HOLIDAY_CATEGORIES", "public,government"))
SAKIP_MEASUREMENT_SOP = os.environ.get("SAKIP_MEASUREMENT_SOP", "Pengukuran Kinerja")
SAKIP_MEASUREMENT_LEVELS = (0, 1, 2, 3)
SAKIP_CAPAIAN_CAP = int(os.environ.get("SAKIP_CAPAIAN_CAP", "120"))
SAKIP_EFISIENSI_THRESHOLD = int(os.environ.get("SAKIP_EFISIENSI_THRESHOLD", "5"))
SAKIP_DPK_KLASIFIKASI = os.environ.get("SAKIP_DPK_KLASIFIKASI", "050")

# --- Integrity and bounded work (issue 12, sec-data) ---
# Letter register: an externally issued number may lie at most this far above the register's current number;
# the first number of an empty register (the paper agenda continued) at most MAX_START.
SAKIP_NUMBER_REGISTER_MAX_GAP = int(os.environ.get("SAKIP_NUMBER_REGISTER_MAX_GAP", "50"))
SAKIP_NUMBER_REGISTER_MAX_START = int(os.environ.get("SAKIP_NUMBER_REGISTER_MAX_START", "20000"))
# Uploads and imports (sakip.core.bounds): unpacked size, members and compression ratio of an xlsx/docx, rows.
SAKIP_MAX_UNPACKED_BYTES = int(os.environ.get("SAKIP_MAX_UNPACKED_BYTES", str(100 * 1024 * 1024)))
SAKIP_MAX_ARCHIVE_MEMBERS = int(os.environ.get("SAKIP_MAX_ARCHIVE_MEMBERS", "5000"))
SAKIP_MAX_COMPRESSION_RATIO = int(os.environ.get("SAKIP_MAX_COMPRESSION_RATIO", "200"))
SAKIP_MAX_IMPORT_ROWS = int(os.environ.get("SAKIP_MAX_IMPORT_ROWS", "5000"))
# Rate limits (sakip.core.ratelimit), "requests/seconds": uploads and imports per user, public verification per address.
SAKIP_RATE_LIMITS = {
    "upload": os.environ.get("SAKIP_RATE_UPLOAD", "30/600"),
    "verify": os.environ.get("SAKIP_RATE_VERIFY", "60/60"),
    # "Lupa kata sandi": per client address, and per e-mail address (over the limit: silently not sent).
    "password_reset": os.environ.get("SAKIP_RATE_PASSWORD_RESET", "10/3600"),
    "password_reset_email": os.environ.get("SAKIP_RATE_PASSWORD_RESET_EMAIL", "3/3600"),
}
SAKIP_RATELIMIT_ENABLED = env_bool("SAKIP_RATELIMIT_ENABLED", True)

# Under pytest (pytest sets PYTEST_VERSION): uploads go to a throw-away folder per process,
# passwords use a fast hasher, the login rate limit is off unless a test turns it on.
if os.environ.get("PYTEST_VERSION"):
    MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="sakip-test-media-"))
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    SAKIP_LOGIN_LOCKOUT_ENABLED = False  # tests that check the lockout turn it on
    SAKIP_RATELIMIT_ENABLED = False  # tests that check a rate limit turn it on
    SAKIP_2FA_DEMO_EXEMPT = True  # the demo's accounts sign in with the password; 2FA tests turn it off
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    # The API's rate limit stays on in tests, high enough for the schemathesis runs.
    REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {"anon": "10000/minute", "user": "10000/minute"}
