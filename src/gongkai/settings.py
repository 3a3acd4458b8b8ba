"""Django settings, all overridable from the environment (see README, 配置)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from gongkai.config import env_bool, env_list, secret_key, var_dir

HOME = var_dir()
HOME.mkdir(parents=True, exist_ok=True)

SECRET_KEY = secret_key(HOME)
DEBUG = env_bool("GONGKAI_DEBUG")
ALLOWED_HOSTS = env_list("GONGKAI_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("GONGKAI_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "gongkai.audit",
    "gongkai.agencies",
    "gongkai.workcalendar",
    "gongkai.applications",
    "gongkai.reports",
    "gongkai.report_audit",
    "gongkai.district",
    "gongkai.jobs",
    "gongkai.disclosure",
    "gongkai.search",
    "gongkai.inspection",
    "gongkai.portal",
    "gongkai.demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "captcha",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag/Last-Modified and 304s for every page, cached or not; then the public page
    # cache (gongkai.portal.caching), outside the middlewares that set cookies.
    "django.middleware.http.ConditionalGetMiddleware",
    "gongkai.portal.caching.PortalCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gongkai.audit.middleware.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

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
                "wagtail.contrib.settings.context_processors.settings",
                "gongkai.portal.context.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# The embedded default is one SQLite file in WAL mode, so readers never wait for
# the single writer; IMMEDIATE transactions take the write lock up front instead
# of failing half-way with "database is locked".
_default_db = f"sqlite:///{HOME / 'gongkai.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", _default_db))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("GONGKAI_DB_CONN_MAX_AGE", "60"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "gongkai.agencies.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "gongkai.agencies.passwords.CharacterClassValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock an account name from one address after a few failures, so a stranger cannot
# lock the account for everyone; and lock it everywhere after many more failures in the
# same window, so a password cannot be guessed by rotating addresses
# (gongkai.agencies.lockout). The agency administrator and the operator unlock.
AXES_FAILURE_LIMIT = int(os.environ.get("GONGKAI_LOGIN_FAILURE_LIMIT", "5"))
GONGKAI_LOGIN_ACCOUNT_FAILURE_LIMIT = int(
    os.environ.get("GONGKAI_LOGIN_ACCOUNT_FAILURE_LIMIT", "50")
)
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("GONGKAI_LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "gongkai.agencies.lockout.AccountAndAddressHandler"
AXES_CLIENT_IP_CALLABLE = "gongkai.client_address.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "agencies/locked_out.html"
AXES_VERBOSE = False
# Idle sessions expire: each request renews the cookie, a quiet half hour ends it.
SESSION_COOKIE_AGE = int(os.environ.get("GONGKAI_SESSION_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("GONGKAI_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LOGIN_URL = "wagtailadmin_login"

# --- Locale ---------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LOCALE_PATHS = [str(Path(__file__).resolve().parent / "locale")]
LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Files ----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("GONGKAI_STATIC_ROOT", str(HOME / "static"))
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = os.environ.get("GONGKAI_MEDIA_ROOT", str(HOME / "media"))
# Files naming an applicant (letters): outside MEDIA_ROOT, never under a URL; served
# only by views that check the reader (gongkai.applications.letters.storage).
GONGKAI_PRIVATE_ROOT = os.environ.get("GONGKAI_PRIVATE_ROOT", str(HOME / "private"))
if Path(GONGKAI_PRIVATE_ROOT).resolve().is_relative_to(Path(MEDIA_ROOT).resolve()):
    raise ImproperlyConfigured(
        "GONGKAI_PRIVATE_ROOT 不能位于 GONGKAI_MEDIA_ROOT 之内：私有文件不得有公开地址。"
    )
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- Caches -----------------------------------------------------------------
# "portal" holds whole public pages (gongkai.portal.caching), apart from the default
# cache so that a burst of page renders never evicts the rendered report files.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "portal": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portal",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("GONGKAI_PORTAL_CACHE_ENTRIES", "2000"))},
    },
}

# --- Security headers -----------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"

# --- Wagtail --------------------------------------------------------------
WAGTAIL_SITE_NAME = os.environ.get("GONGKAI_SITE_NAME", "政府信息公开平台")
WAGTAILADMIN_BASE_URL = os.environ.get("GONGKAI_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_PASSWORD_RESET_ENABLED = False
# An edit after a review step was approved sends the entry through the chain again.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_FINISH_WORKFLOW_ACTION = "gongkai.disclosure.finish.publish_when_approved"
# Attachments of catalogue entries: documents and images the screening can read or a
# person reviews; executables and archives are refused at upload.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "doc", "xls", "ofd", "png", "jpg", "jpeg"]
# Every download goes through Wagtail's view and so through gongkai.disclosure.documents
# (public only while a published entry uses the document): never a redirect to a file URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Shown in the browser: PDF and images; everything else is downloaded, never rendered.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "image/png", "image/jpeg"]
# Largest attachment accepted, checked before the upload is read (gongkai.disclosure.upload).
GONGKAI_DOCUMENT_MAX_MB = int(os.environ.get("GONGKAI_DOCUMENT_MAX_MB", "50"))
WAGTAILDOCS_MAX_UPLOAD_SIZE = GONGKAI_DOCUMENT_MAX_MB * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "gongkai.disclosure.upload.DocumentForm"

# --- Background tasks -----------------------------------------------------
# One task mechanism (huey): a SQLite queue under var/ needs no server; a
# redis:// URL moves the same tasks onto Redis with as many workers as needed.
GONGKAI_TASKS_URL = os.environ.get("GONGKAI_TASKS_URL", f"sqlite:///{HOME / 'tasks.sqlite3'}")
GONGKAI_TASKS_IMMEDIATE = env_bool("GONGKAI_TASKS_IMMEDIATE")

# --- Logging --------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GONGKAI_LOG_LEVEL", "INFO")},
    "loggers": {
        name: {"level": "WARNING"}
        for name in ("axes", "django_tasks", "wagtail", "huey", "fontTools", "httpx")
    },
}
GONGKAI_SERVE_MEDIA = env_bool("GONGKAI_SERVE_MEDIA", True)
# Behind reverse proxies, the client is the X-Forwarded-For hop written by the outermost
# of GONGKAI_TRUSTED_PROXY_COUNT proxies (gongkai.client_address).
GONGKAI_TRUST_X_FORWARDED_FOR = env_bool("GONGKAI_TRUST_X_FORWARDED_FOR")
GONGKAI_TRUSTED_PROXY_COUNT = int(os.environ.get("GONGKAI_TRUSTED_PROXY_COUNT", "1"))
# The challenge shown on public forms past their thresholds (gongkai.applications.public
# .challenge): simple arithmetic drawn by Pillow on this server, no outside service.
# Online filings per address and hour: free, then with the challenge, then refused.
GONGKAI_FILINGS_FREE_PER_HOUR = int(os.environ.get("GONGKAI_FILINGS_FREE_PER_HOUR", "3"))
GONGKAI_FILINGS_MAX_PER_HOUR = int(os.environ.get("GONGKAI_FILINGS_MAX_PER_HOUR", "30"))
CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.math_challenge"
CAPTCHA_MATH_CHALLENGE_OPERATOR = "×"
CAPTCHA_TIMEOUT = 10  # minutes
CAPTCHA_IMAGE_SIZE = (150, 50)
CAPTCHA_FONT_SIZE = 30

# --- Outgoing mail (reminders to handlers) --------------------------------
# console: written to the worker's log (the embedded default); smtp: a real server.
EMAIL_BACKEND = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}[os.environ.get("GONGKAI_EMAIL_BACKEND", "console")]
EMAIL_HOST = os.environ.get("GONGKAI_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("GONGKAI_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("GONGKAI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("GONGKAI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("GONGKAI_EMAIL_TLS")
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_EMAIL_FROM", "gongkai@localhost")
# Working days before the answer date at which handlers are reminded.
GONGKAI_REMINDER_DAYS = [int(d) for d in env_list("GONGKAI_REMINDER_DAYS", "5,1")]
