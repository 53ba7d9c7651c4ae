"""Settings for Netzwerkportal.

Every setting that differs between a laptop and production comes from the
environment, with defaults that work on a laptop: SQLite in the project folder,
DEBUG off unless asked for.
"""

import os
from datetime import date
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str = "False") -> bool:
    return os.getenv(name, default).strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: str) -> int:
    return int(os.getenv(name, default))


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG")
# The fallback key is for a laptop only; `manage.py check --deploy` flags it.
SECRET_KEY = os.getenv("SECRET_KEY") or "django-insecure-development-key-set-SECRET_KEY"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.getenv("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "network",
    "members",
    "meetings",
    "offers",
    "api",
    "handbook",
    "news",
    "exchange",
    "federation",
    "demo",
    "backups",
    "outbox",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "network.languages.PageLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "members.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "netzwerk.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "netzwerk.urls"
WSGI_APPLICATION = "netzwerk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # Dates in the language of the page's content (network/templatetags/content_dates.py).
            "builtins": ["network.templatetags.content_dates"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "network.context_processors.network",
                "members.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'netzwerk.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", "0"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the task worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Web addresses typed without a scheme become https:// (Django 6's default).
FORMS_URLFIELD_ASSUME_HTTPS = True

AUTH_USER_MODEL = "members.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "members:login"
LOGIN_REDIRECT_URL = "members:dashboard"

# Sessions end after SESSION_IDLE_TIMEOUT seconds without a request, and
# SESSION_ABSOLUTE_TIMEOUT seconds after login in any case.
SESSION_COOKIE_AGE = envint("SESSION_IDLE_TIMEOUT", str(2 * 60 * 60))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_TIMEOUT = envint("SESSION_ABSOLUTE_TIMEOUT", str(12 * 60 * 60))
SESSION_COOKIE_SAMESITE = "Lax"

# Failed logins: at most this many per account, and per address, in the window.
LOGIN_THROTTLE_WINDOW = envint("LOGIN_THROTTLE_WINDOW", str(15 * 60))
LOGIN_THROTTLE_PER_ACCOUNT = envint("LOGIN_THROTTLE_PER_ACCOUNT", "5")
LOGIN_THROTTLE_PER_ADDRESS = envint("LOGIN_THROTTLE_PER_ADDRESS", "20")

# How long links in e-mails stay valid.
PASSWORD_RESET_TIMEOUT = envint("PASSWORD_RESET_TIMEOUT", str(24 * 60 * 60))
INVITATION_MAX_AGE = envint("INVITATION_MAX_AGE", str(14 * 24 * 60 * 60))

# Privacy: attendance lists are deleted this many days after the meeting.
ATTENDANCE_RETENTION_DAYS = envint("ATTENDANCE_RETENTION_DAYS", str(3 * 365))

OTP_TOTP_ISSUER = os.getenv("OTP_TOTP_ISSUER", "Netzwerkportal")

# German first; every page also in English and Arabic (right to left). The offers directory,
# and the frame of every page, also in Farsi (right to left), Turkish, Russian and Ukrainian:
# the languages of the people the network's members advise.
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
    ("tr", _("Turkish")),
    ("ru", _("Russian")),
    ("uk", _("Ukrainian")),
]
# The languages every page is written in. In the others, a page outside the offers directory
# keeps its frame in the visitor's language, says at the top that it is not written in it yet,
# and shows its content in English (network/languages.py).
PORTAL_LANGUAGES = ("de", "en", "ar")
# The pages written in every language of LANGUAGES: the offers directory.
EVERY_LANGUAGE_VIEWS = ("offers:search", "offers:detail")
MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("de",)
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Berlin"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", BASE_DIR / "static-collected"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

EMAIL_BACKEND = os.getenv("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "netzwerkportal@localhost")
# SMTP: EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and these.
EMAIL_HOST = os.getenv("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", "30")

# Background tasks: queued in the database, run by `manage.py run_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A mail the server does not take is tried again after 1, 2, 4, ... minutes
# (at most 6 hours apart), MAIL_MAX_ATTEMPTS times in all (about 2 days).
MAIL_MAX_ATTEMPTS = envint("MAIL_MAX_ATTEMPTS", "15")
MAIL_RETRY_BASE_SECONDS = envint("MAIL_RETRY_BASE_SECONDS", "60")

# Offers: not confirmed by their editors for this many days, an offer is marked as
# possibly out of date, and its editors are asked to confirm it.
OFFER_CONFIRMATION_DAYS = envint("OFFER_CONFIRMATION_DAYS", "365")

# Meetings: a reminder goes to those invited this many days before a meeting,
# and those who have not answered are asked once, this many days before.
MEETING_REMINDER_DAYS = envint("MEETING_REMINDER_DAYS", "2")
REPLY_REMINDER_DAYS = envint("REPLY_REMINDER_DAYS", "7")

# The accessibility statement (Erklärung zur Barrierefreiheit): the day it was
# made or last reviewed, and how many barrier reports one address may send per hour.
ACCESSIBILITY_STATEMENT_DATE = date.fromisoformat(os.getenv("ACCESSIBILITY_STATEMENT_DATE", "2026-11-26"))
BARRIER_REPORTS_PER_HOUR = envint("BARRIER_REPORTS_PER_HOUR", "5")

# Uploads: files are checked by their content (netzwerk/validators.py), up to these
# sizes. The reverse proxy's limit on a request (nginx: client_max_body_size) must
# be a little larger than the largest file.
MAX_UPLOAD_PDF_MB = envint("MAX_UPLOAD_PDF_MB", "20")
MAX_UPLOAD_IMAGE_MB = envint("MAX_UPLOAD_IMAGE_MB", "5")
MAX_UPLOAD_IMAGE_PIXELS = envint("MAX_UPLOAD_IMAGE_PIXELS", str(4096 * 4096))
# A request's form fields without its files: larger ones are refused (400).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 20
# Uploaded files larger than this go to a temporary file instead of the memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Uploaded files (members-only minutes among them) are readable only by the portal's user.
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750

# Security: strict by default; the reverse proxy terminates TLS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Usually the reverse proxy redirects HTTP to HTTPS; set this if it does not.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT")
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", str(not DEBUG))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", str(not DEBUG))
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD")
# Behind a reverse proxy, the proxy's headers say the scheme and the visitor's address.
BEHIND_PROXY = envbool("BEHIND_PROXY")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The health endpoint is asked over plain HTTP by the load balancer.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Offers map
# The map of the offers directory (Leaflet, shipped in static/vendor/): the tile server's
# URL template and its attribution (HTML; the tile server's terms ask for it). An empty
# URL turns the map off. The Content-Security-Policy allows images from the tile server's
# host (netzwerk/middleware.py); `{s}` in its first label stands for any subdomain.
OFFERS_MAP_TILE_URL = os.getenv(
    "OFFERS_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
).strip()
OFFERS_MAP_ATTRIBUTION = os.getenv(
    "OFFERS_MAP_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)

# API
# The open data API at /api/v1/ (api/, docs/api.md). Requests one IP address may make, per
# second, minute, hour or day ("120/m"); more are answered 429 with Retry-After. Empty: no
# limit. Counted in Django's cache, which is per process unless CACHE_TABLE names a shared one.
API_RATE_LIMIT = os.getenv("API_RATE_LIMIT", "120/m").strip()
# Django's cache is each process's own memory, or with CACHE_TABLE that table of the database
# (made by `manage.py createcachetable`), shared by all of gunicorn's processes: then the rate
# limits count each address once, however many processes answer it.
if CACHE_TABLE := os.getenv("CACHE_TABLE", "").strip():
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": CACHE_TABLE}}
# django-ninja's Swagger UI (/api/v1/docs/) is served from its static files.
INSTALLED_APPS += ["ninja"]

# Imports and exports (exchange/, docs/exchange.md)
# An uploaded CSV or XLSX file may be this large and have this many rows (every new or changed
# row is checked by the offer or organisation form in the request: about 2,000 in 30 seconds
# on a small server); an upload waits this many hours for its confirmation, then it is deleted.
EXCHANGE_IMPORT_MAX_MB = envint("EXCHANGE_IMPORT_MAX_MB", "5")
EXCHANGE_IMPORT_MAX_ROWS = envint("EXCHANGE_IMPORT_MAX_ROWS", "2000")
EXCHANGE_IMPORT_KEEP_HOURS = envint("EXCHANGE_IMPORT_KEEP_HOURS", "24")

# The handbook (handbook/pdf.py, docs/handbook.md)
# Child processes that lay out the parts of a printed handbook side by side; 1: none, all in
# the task worker's process. Each needs a few hundred megabytes while it lays out a part.
HANDBOOK_PRINT_PROCESSES = envint("HANDBOOK_PRINT_PROCESSES", str(min(os.cpu_count() or 1, 4)))
