"""Complete settings; dev, test and prod only override what differs."""

import base64
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF

from config import env

BASE_DIR = env.BASE_DIR
VAR_DIR = env.VAR_DIR

_local = env.local_secrets() if not env.get_bool("DJANGO_PRODUCTION") else {}

SECRET_KEY = env.get("SECRET_KEY") or _local.get("SECRET_KEY") or env.require("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "django_countries",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "core",
    "privacy",
    "outbox",
    "campaigns",
    "testimonials",
    "news",
    "coalition",
    "petitions",
    "newsletter",
    "handover",
    "dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.PrivacyHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.middleware.RequestSizeLimitMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.admin_login.SuperuserTwoFactorMiddleware",
    "core.middleware.PublishedLanguagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "campaigns.context_processors.campaign",
            ],
        },
    },
]

# Database: SQLite by default (WAL, immediate transactions so concurrent writers queue
# instead of failing; synchronous=FULL so a signature we said we stored survives a power
# cut: ~4,000 commits/s measured here, against ~40,000 with NORMAL), PostgreSQL through
# DATABASE_URL.
DATABASE_URL = env.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=600)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=FULL;"
            "PRAGMA busy_timeout=20000;"
            "PRAGMA cache_size=-64000;"
            "PRAGMA temp_store=MEMORY;"
        ),
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer must not hold a request for long: a new connection
    # gives up after DB_CONNECT_TIMEOUT seconds, a statement after DB_STATEMENT_TIMEOUT
    # milliseconds (0 = none, e.g. for a long migration), and a request's database work is cut
    # after REQUEST_DEADLINE_SECONDS (core.deadline) even if the server is frozen.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"]["connect_timeout"] = env.get_int("DB_CONNECT_TIMEOUT", 3)
    DATABASES["default"]["OPTIONS"]["options"] = (
        f"-c statement_timeout={env.get_int('DB_STATEMENT_TIMEOUT', 10000)} "
        "-c idle_in_transaction_session_timeout=60000"
    )
REQUEST_DEADLINE_SECONDS = float(env.get("REQUEST_DEADLINE_SECONDS", "8") or 0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared state (rate limits, page cache) must be shared by every app process: Redis when
# configured (with a fallback to each process's memory while it fails, see
# privacy.resilient_cache), otherwise a database table.
REDIS_URL = env.get("REDIS_URL")
# The number of app processes (granian workers on every host): while Redis is down each counts
# rate limits on its own, and counts a hit this many times so a limit still holds overall.
RATE_LIMIT_PROCESSES = env.get_int("RATE_LIMIT_PROCESSES", 1)
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "privacy.resilient_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.get("CACHE_KEY_PREFIX", "ssm"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "privacy.resilient_cache.ResilientDatabaseCache",
            "LOCATION": "cache_table",
            # Django's default of 300 entries is less than every public page in 24 languages
            # (bench/page_cache.py counts them); past the limit it culls a third at random.
            "OPTIONS": {"MAX_ENTRIES": env.get_int("CACHE_MAX_ENTRIES", 10_000)},
        }
    }

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages, declared once. LANGUAGES is every language the software can serve, each named in
# itself (the switcher shows these names); the campaign publishes some of them in the admin
# (Campaign.published_languages) and only those reach readers. Adding a language is a line
# here and its locale/<code>/LC_MESSAGES/django.po: no migration (core.languages).
LANGUAGES = [
    ("bg", "български"),
    ("cs", "čeština"),
    ("da", "dansk"),
    ("de", "Deutsch"),
    ("el", "Ελληνικά"),
    ("en", "English"),
    ("es", "español"),
    ("et", "eesti"),
    ("fi", "suomi"),
    ("fr", "français"),
    ("ga", "Gaeilge"),
    ("hr", "hrvatski"),
    ("hu", "magyar"),
    ("it", "italiano"),
    ("lt", "lietuvių"),
    ("lv", "latviešu"),
    ("mt", "Malti"),
    ("nl", "Nederlands"),
    ("pl", "polski"),
    ("pt", "português"),
    ("ro", "română"),
    ("sk", "slovenčina"),
    ("sl", "slovenščina"),
    ("sv", "svenska"),
]
# The language the campaign writes its texts in: the originals the others translate, and the
# last resort of every fallback chain. The Stop Scanning Me seed is Dutch.
LANGUAGE_SOURCE = "nl"
# English: the language of `/` when the browser asks for none the campaign publishes, the
# common end of the fallback chains, and (Django's own fallback) what an interface string
# missing from a language's .po file reads as (its message id is English).
LANGUAGE_CODE = "en"
# Where a text missing in a language is looked for next, in order, before LANGUAGE_CODE and
# LANGUAGE_SOURCE; a language not listed goes straight to those. E.g. {"lb": ["de"]} reads
# lb -> de -> en -> nl.
LANGUAGE_FALLBACKS: dict[str, list[str]] = {}
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# The largest request body accepted (an admin upload); larger ones get 413 before anything
# reads them (core.middleware.RequestSizeLimitMiddleware). Fields other than files are
# bounded by Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB).
MAX_REQUEST_BYTES = env.get_int("MAX_REQUEST_BYTES", 10 * 1024 * 1024)
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Sessions and CSRF cookies exist only for the admin; readers and signers never get one
# (public forms are protected without cookies, see core.formguard).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
# Everything the site shows comes from its own origin: no fonts, scripts, images or styles
# from anywhere else, so no third party learns who reads the campaign. No page may be framed;
# a view can carry its own policy (core.security.embeddable_by for a partner's frame).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "style-src": [SELF],
        "script-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
# same-origin: no Referer ever leaves the site, and browsers still send our Origin with form
# POSTs (under no-referrer they send `Origin: null`, which no form guard can accept).
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Email. Production uses SMTP (EMAIL_HOST...); development also writes every message to
# var/outbox/ as an .eml file (see outbox.backends).
EMAIL_BACKEND = env.get("EMAIL_BACKEND", "outbox.backends.SMTPBackend")
EMAIL_HOST = env.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env.get_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.get_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env.get_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", "Stop Scanning Me <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
OUTBOX_EML_DIR = env.get("OUTBOX_EML_DIR")
# The first retry of a mail that could not be sent waits this long, each next one twice as
# long (at most 2 hours); a mail that failed for good is kept, encrypted, this many days.
OUTBOX_RETRY_SECONDS = env.get_int("OUTBOX_RETRY_SECONDS", 30)
OUTBOX_FAILED_RETENTION_DAYS = env.get_int("OUTBOX_FAILED_RETENTION_DAYS", 3)
# The worker polls the queue (PERIODIC_JOBS: mail_deliver_due). True only where no worker
# runs (the tests): a queued mail is then sent by the process that queued it, at once.
OUTBOX_SEND_AT_ONCE = False
# Every worker says it is alive this often, and then hands what workers silent for three
# beats were doing to the others (core.workers).
WORKER_HEARTBEAT_SECONDS = float(env.get("WORKER_HEARTBEAT_SECONDS", "5") or 5)

# The public origin used in links inside emails (no request at send time).
SITE_URL = (env.get("SITE_URL") or "http://127.0.0.1:8000").rstrip("/")

# Privacy keys. The campaign's public key seals personal data; its private key never lives
# on the server. The dedup, outbox and rate-limit keys are server secrets.
CAMPAIGN_PUBLIC_KEY = env.get("CAMPAIGN_PUBLIC_KEY")
CAMPAIGN_PUBLIC_KEY_FILE = VAR_DIR / "campaign_public.key"
DEDUP_KEY = base64.b64decode(
    env.get("DEDUP_KEY") or _local.get("DEDUP_KEY") or env.require("DEDUP_KEY")
)
OUTBOX_KEY = base64.b64decode(
    env.get("OUTBOX_KEY") or _local.get("OUTBOX_KEY") or env.require("OUTBOX_KEY")
)
# Addresses the server keeps mailing (subscribers, coalition contacts) are encrypted with the
# mailing key. After a new key is set, the old one stays in MAILING_KEY_FALLBACKS until
# `manage.py rotate_mailing_key` has re-encrypted every address (docs/privacy.md).
MAILING_KEY = base64.b64decode(
    env.get("MAILING_KEY") or _local.get("MAILING_KEY") or env.require("MAILING_KEY")
)
MAILING_KEY_FALLBACKS = [base64.b64decode(key) for key in env.get_list("MAILING_KEY_FALLBACKS", [])]
RATE_LIMIT_KEY = base64.b64decode(
    env.get("RATE_LIMIT_KEY") or _local.get("RATE_LIMIT_KEY") or env.require("RATE_LIMIT_KEY")
)
# How many reverse proxies in front of the app set X-Forwarded-For (0 = trust none), and the
# networks they connect from (CIDRs): the header is read only from a peer in those networks.
TRUSTED_PROXY_COUNT = env.get_int("TRUSTED_PROXY_COUNT", 0)
TRUSTED_PROXIES = env.get_list("TRUSTED_PROXIES", [])

# Retention
UNCONFIRMED_RETENTION_DAYS = env.get_int("UNCONFIRMED_RETENTION_DAYS", 7)
CONFIRMATION_TOKEN_HOURS = env.get_int("CONFIRMATION_TOKEN_HOURS", 72)

# Rate limits per source (a daily keyed pseudonym of the address, never the address) and per
# email key, per hour. Over the soft limit signatures are quietly marked suspect; over the
# hard limit the form is refused with a polite message.
SIGN_SOFT_LIMIT = env.get_int("SIGN_SOFT_LIMIT", 30)
SIGN_HARD_LIMIT = env.get_int("SIGN_HARD_LIMIT", 300)
RESEND_SOURCE_LIMIT = env.get_int("RESEND_SOURCE_LIMIT", 20)
# Proof of work on the sign form (core.proofofwork): leading zero bits of SHA-256 a browser
# must find, in normal times (0 = off) and when on; it is on for a source past
# POW_SOURCE_SIGNS_PER_HOUR sign posts, for everyone past POW_SIGNS_PER_MINUTE sign posts in
# a minute from all sources, or when the campaigner switches it on in the admin.
POW_DIFFICULTY_NORMAL = env.get_int("POW_DIFFICULTY_NORMAL", 0)
POW_DIFFICULTY = env.get_int("POW_DIFFICULTY", 18)
POW_SOURCE_SIGNS_PER_HOUR = env.get_int("POW_SOURCE_SIGNS_PER_HOUR", 5)
POW_SIGNS_PER_MINUTE = env.get_int("POW_SIGNS_PER_MINUTE", 600)
# Admin sign-in attempts per 15 minutes, per source and per username (core.admin_login).
ADMIN_LOGIN_SOURCE_LIMIT = env.get_int("ADMIN_LOGIN_SOURCE_LIMIT", 20)
ADMIN_LOGIN_USER_LIMIT = env.get_int("ADMIN_LOGIN_USER_LIMIT", 10)
# Superusers must sign in with an authenticator app (TOTP); on in production.
ADMIN_SUPERUSER_2FA = env.get_bool("ADMIN_SUPERUSER_2FA", False)
# The name authenticator apps show for the site's accounts.
OTP_TOTP_ISSUER = env.get("OTP_TOTP_ISSUER", "Stop Scanning Me")
# Mails one address can be sent per hour by each form (petition, newsletter, coalition),
# however often someone types it in: nobody can use a form to flood a stranger's inbox.
MAILS_PER_ADDRESS_PER_HOUR = env.get_int("MAILS_PER_ADDRESS_PER_HOUR", 3)
# How long one app process may reuse a page it just served without asking the shared cache.
PAGE_CACHE_LOCAL_SECONDS = float(env.get("PAGE_CACHE_LOCAL_SECONDS", "1.0") or 1.0)
# At most this many pages in that in-process layer (every public page in every language
# fits: bench/page_cache.py).
PAGE_CACHE_LOCAL_ENTRIES = env.get_int("PAGE_CACHE_LOCAL_ENTRIES", 2048)
EMAIL_RELAY_BACKEND: str | None = None

# Updates to subscribers: at most this many mails handed to the outbox per minute (what the
# relay and the receiving providers accept without throttling us), and a subscription whose
# mail server refused this many updates for good (5xx) gets no more.
UPDATE_MAILS_PER_MINUTE = env.get_int("UPDATE_MAILS_PER_MINUTE", 300)
UPDATE_BOUNCE_LIMIT = env.get_int("UPDATE_BOUNCE_LIMIT", 3)

# Load shedding switches (operators flip them with environment variables or in the admin).
SIGNING_PAUSED = env.get_bool("SIGNING_PAUSED")
STATISTICS_PAUSED = env.get_bool("STATISTICS_PAUSED")

# Every line goes through RedactTokens: no confirmation, deletion or unsubscribe token (they
# act for the person mailed) reaches a log (core.logfilters). Django's own loggers (the
# 4xx warnings of django.request, runserver's access lines) are sent through it too.
LOG_LEVEL = env.get("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_tokens": {"()": "core.logfilters.RedactTokens"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_tokens"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact_tokens"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}

# Jobs the worker (`manage.py run_worker`) runs periodically, by the name an app registered
# them under (core.jobs), every N seconds.
PERIODIC_JOBS: list[tuple[str, float]] = [
    ("tallies_update", 5),  # petitions: count newly confirmed signatures
    ("mail_deliver_due", 1),  # outbox: the queue's poll: send new mail and retries when due
    ("updates_send", 10),  # newsletter: hand the next updates to the outbox, at their rate
    ("purge_unconfirmed", 3600),  # every app: unconfirmed actions past retention
    ("signer_exports_expire", 3600),  # handover: delete export files left undownloaded
]

# The hand-over (handover app): signer exports up to HANDOVER_STREAM_MAX records stream
# straight to the browser; bigger ones are written by the worker to a file in
# HANDOVER_EXPORT_DIR (private: never under MEDIA_ROOT or STATIC_ROOT), which is deleted once
# downloaded or after HANDOVER_EXPORT_DAYS days. The delivery pack's PDF is set in
# HANDOVER_FONT_DIR's DejaVu fonts (Debian's fonts-dejavu-core), which write every script of
# the EU's languages.
HANDOVER_STREAM_MAX = 20_000
HANDOVER_EXPORT_DIR = VAR_DIR / "exports"
HANDOVER_EXPORT_DAYS = 2
HANDOVER_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
