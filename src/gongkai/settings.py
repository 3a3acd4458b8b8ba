"""Django settings, all overridable from the environment (see README, 配置)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from gongkai import content_policy
from gongkai.config import env_bool, env_list, origin, secret_key, var_dir

HOME = var_dir()
HOME.mkdir(parents=True, exist_ok=True)

SECRET_KEY = secret_key(HOME)
DEBUG = env_bool("GONGKAI_DEBUG")
ALLOWED_HOSTS = env_list("GONGKAI_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("GONGKAI_CSRF_TRUSTED_ORIGINS", "")
# Where the site is reached: links in e-mails and letters, and the HTTPS origin.
WAGTAILADMIN_BASE_URL = os.environ.get("GONGKAI_BASE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "gongkai.audit",
    "gongkai.agencies",
    "gongkai.accounts",
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
    "gongkai.site_identity",
    "gongkai.website_report",
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
    "django_otp",
    "django_otp.plugins.otp_totp",
    "captcha",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Wagtail renders workflow times with humanize's naturaltime; its Chinese ("现在",
    # "5分钟以前") is in humanize's catalogue, loaded only for an installed app.
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response, cached and static
    # ones included (gongkai.security_headers).
    "gongkai.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag/Last-Modified and 304s for every page, cached or not; then the public page
    # cache (gongkai.portal.caching), outside the middlewares that set cookies.
    "django.middleware.http.ConditionalGetMiddleware",
    "gongkai.portal.caching.PortalCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which reads the body: an oversized upload is refused unread.
    "gongkai.request_limits.RequestBodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # A login that still owes a step (second factor) reaches only that step's page.
    "gongkai.accounts.gate.LoginGateMiddleware",
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
    # A kept connection is checked before reuse, so a database restart costs no request.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
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
    # Records when each password was set (gongkai.accounts.password_age).
    {"NAME": "gongkai.accounts.password_age.PasswordAgeRecorder"},
]
# Past this many days a login must change its password before anything else; 0: never.
GONGKAI_PASSWORD_MAX_AGE_DAYS = int(os.environ.get("GONGKAI_PASSWORD_MAX_AGE_DAYS", "90"))
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
# And one address trying many accounts (password spraying) is stopped at this many
# failures across them; it lifts with the cool-off.
GONGKAI_LOGIN_ADDRESS_FAILURE_LIMIT = int(
    os.environ.get("GONGKAI_LOGIN_ADDRESS_FAILURE_LIMIT", "50")
)
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("GONGKAI_LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "gongkai.agencies.lockout.AccountAndAddressHandler"
AXES_CLIENT_IP_CALLABLE = "gongkai.client_address.client_ip"
# Failures are forgotten when the whole login succeeds, not at the password: with a second
# factor, a correct password followed by wrong codes must still lock
# (AccountAndAddressHandler.user_logged_in, gongkai.accounts.views).
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "agencies/locked_out.html"
AXES_VERBOSE = False
# Idle sessions expire: each request renews the cookie, a quiet half hour ends it.
SESSION_COOKIE_AGE = int(os.environ.get("GONGKAI_SESSION_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
LOGIN_URL = "wagtailadmin_login"
CSRF_FAILURE_VIEW = "gongkai.site_identity.views.csrf_failure"
WAGTAILADMIN_USER_LOGIN_FORM = "gongkai.agencies.login.LoginForm"
# Second factor (TOTP, gongkai.accounts): asked of everyone who enrolled, and required of
# these roles, who are sent to enrol right after their password and reach nothing else
# until they have.
GONGKAI_2FA_REQUIRED_ROLES = env_list(
    "GONGKAI_2FA_REQUIRED_ROLES", "operator,security_admin,audit_admin,agency_admin"
)
# 三员分立 (gongkai.agencies.duties): the operator is the system administrator, beside a
# security administrator and an audit administrator. false: one operator does all three.
GONGKAI_SEPARATION_OF_DUTIES = env_bool("GONGKAI_SEPARATION_OF_DUTIES", default=True)
# A session is used only by the browser (User-Agent) that logged in; with this, only from
# the same network too (/24, /64) (gongkai.accounts.session_binding).
GONGKAI_SESSION_BIND_ADDRESS = env_bool("GONGKAI_SESSION_BIND_ADDRESS")

# --- Locale ---------------------------------------------------------------
TIME_ZONE = "Asia/Shanghai"
LANGUAGE_CODE = "zh-hans"
LOCALE_PATHS = [str(Path(__file__).resolve().parent / "locale")]
LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# One zone: the account screen then shows no list of hundreds of Latin zone names.
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
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
    "default": {"BACKEND": "gongkai.file_storage.MediaStorage"},
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

# --- HTTPS (GONGKAI_HTTPS) -------------------------------------------------
# One switch for a deployment behind an HTTPS-terminating proxy, which must set
# X-Forwarded-Proto (overwriting whatever the client sent) and append X-Forwarded-For:
# requests arriving as plain HTTP are redirected (the proxy's health check on /healthz
# excepted), cookies are HTTPS-only, browsers are told to use HTTPS for a year (HSTS),
# forms posted from GONGKAI_BASE_URL pass the CSRF origin check, and the client's address
# is read from X-Forwarded-For (GONGKAI_TRUST_X_FORWARDED_FOR, below).
# `gongkai manage check --deploy` is then clean (tests/test_web_security.py).
GONGKAI_HTTPS = env_bool("GONGKAI_HTTPS")
if GONGKAI_HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("GONGKAI_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    CSRF_TRUSTED_ORIGINS = [*CSRF_TRUSTED_ORIGINS, origin(WAGTAILADMIN_BASE_URL)]
# GONGKAI_SECURE_COOKIES, the older cookies-only setting, still works on its own.
SESSION_COOKIE_SECURE = GONGKAI_HTTPS or env_bool("GONGKAI_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HSTS "preload" is left off: with it in the header anyone may submit the domain to the
# browsers' preload lists, a decision for the agency and hard to undo.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# --- Security headers -----------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Nothing is framed by another site; the few responses shown in a frame of our own (a PDF
# attachment on its entry page, Wagtail's preview) say SAMEORIGIN themselves.
X_FRAME_OPTIONS = "DENY"
# The portal's policy; the back office and attachments get theirs (gongkai.content_policy).
CONTENT_SECURITY_POLICY = {"DIRECTIVES": content_policy.PORTAL}

# --- Wagtail --------------------------------------------------------------
WAGTAIL_SITE_NAME = os.environ.get("GONGKAI_SITE_NAME", "政府信息公开平台")
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# No avatars from gravatar.com: nothing is fetched from outside (and the policy refuses it).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_PASSWORD_RESET_ENABLED = False
# An edit after a review step was approved sends the entry through the chain again.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_FINISH_WORKFLOW_ACTION = "gongkai.disclosure.finish.publish_when_approved"
# Leaders' photos on an agency's 机构信息: JPEG and PNG only (never SVG, which can carry
# script), at most 10 MB and 60 megapixels, decoded by Wagtail before they are stored.
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 60_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "gongkai.disclosure.upload.ImageForm"
# Attachments of catalogue entries: documents and images the screening can read or a
# person reviews; executables and archives are refused at upload.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "doc", "xls", "ofd", "png", "jpg", "jpeg"]
# Every download goes through Wagtail's view and so through gongkai.disclosure.documents
# (public only while a published entry uses the document): never a redirect to a file URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Shown in the browser: PDF and images; everything else is downloaded, never rendered.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "image/png", "image/jpeg"]
# Attachments carry gongkai.content_policy.DOCUMENT (gongkai.disclosure.documents) instead
# of Wagtail's own header, which would leave them unframeable under X_FRAME_OPTIONS.
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = False
# Largest attachment accepted, checked before the upload is read (gongkai.disclosure.upload).
GONGKAI_DOCUMENT_MAX_MB = int(os.environ.get("GONGKAI_DOCUMENT_MAX_MB", "50"))
WAGTAILDOCS_MAX_UPLOAD_SIZE = GONGKAI_DOCUMENT_MAX_MB * 1024 * 1024
# Applicants' uploads on /apply/ and /track/ (identity proof, supplement material), per file.
GONGKAI_APPLICANT_UPLOAD_MAX_MB = int(os.environ.get("GONGKAI_APPLICANT_UPLOAD_MAX_MB", "10"))
WAGTAILDOCS_DOCUMENT_FORM_BASE = "gongkai.disclosure.upload.DocumentForm"
# Each file of a report-audit upload is audited in a child process stopped past this much
# memory (address space) and CPU time (gongkai.report_audit.isolated): a hostile or huge
# file becomes a finding instead of holding a worker's memory. Attachments' extraction
# has its own such limits (gongkai.extraction.limits: 1024 MB, 120 s).
GONGKAI_REPORT_AUDIT_MEMORY_MB = int(os.environ.get("GONGKAI_REPORT_AUDIT_MEMORY_MB", "1024"))
GONGKAI_REPORT_AUDIT_SECONDS = int(os.environ.get("GONGKAI_REPORT_AUDIT_SECONDS", "300"))

# --- Background tasks -----------------------------------------------------
# One task mechanism (huey): a SQLite queue under var/ needs no server; a
# redis:// URL moves the same tasks onto Redis with as many workers as needed.
GONGKAI_TASKS_URL = os.environ.get("GONGKAI_TASKS_URL", f"sqlite:///{HOME / 'tasks.sqlite3'}")
GONGKAI_TASKS_IMMEDIATE = env_bool("GONGKAI_TASKS_IMMEDIATE")
# A running job's lease (gongkai.jobs.leases): renewed every quarter of it by its
# worker; once it runs out, the job is re-queued. A killed worker's job runs again
# within about this long, or as soon as a worker restarts on the same machine.
GONGKAI_JOB_LEASE_SECONDS = int(os.environ.get("GONGKAI_JOB_LEASE_SECONDS", "60"))

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
# On by default under GONGKAI_HTTPS: behind the proxy every peer is the proxy, and the limits
# per address would otherwise be one limit shared by every visitor.
GONGKAI_TRUST_X_FORWARDED_FOR = env_bool("GONGKAI_TRUST_X_FORWARDED_FOR", default=GONGKAI_HTTPS)
GONGKAI_TRUSTED_PROXY_COUNT = int(os.environ.get("GONGKAI_TRUSTED_PROXY_COUNT", "1"))
# The challenge shown on public forms past their thresholds (gongkai.applications.public
# .challenge): simple arithmetic drawn by Pillow on this server, no outside service.
# Online filings per address and hour: free, then with the challenge, then refused.
GONGKAI_FILINGS_FREE_PER_HOUR = int(os.environ.get("GONGKAI_FILINGS_FREE_PER_HOUR", "3"))
GONGKAI_FILINGS_MAX_PER_HOUR = int(os.environ.get("GONGKAI_FILINGS_MAX_PER_HOUR", "30"))
# Searches (page and API together) per address and minute; 0: no limit
# (gongkai.portal.search_limit).
GONGKAI_SEARCHES_PER_MINUTE = int(os.environ.get("GONGKAI_SEARCHES_PER_MINUTE", "60"))
CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.math_challenge"
CAPTCHA_MATH_CHALLENGE_OPERATOR = "×"
CAPTCHA_TIMEOUT = 10  # minutes
CAPTCHA_IMAGE_SIZE = (150, 50)
CAPTCHA_FONT_SIZE = 30

# --- Outgoing mail (reminders to handlers, notices to applicants) ---------
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
# --- Text messages to applicants (gongkai.sms) -------------------------------
# console: written to the worker's output (the default); http: an SMS gateway taking
# {"to", "text"} as JSON at GONGKAI_SMS_URL with the bearer token GONGKAI_SMS_TOKEN.
GONGKAI_SMS_BACKEND = {
    "console": "gongkai.sms.ConsoleBackend",
    "http": "gongkai.sms.HttpGatewayBackend",
    "locmem": "gongkai.sms.LocmemBackend",
}[os.environ.get("GONGKAI_SMS_BACKEND", "console")]
GONGKAI_SMS_URL = os.environ.get("GONGKAI_SMS_URL", "")
GONGKAI_SMS_TOKEN = os.environ.get("GONGKAI_SMS_TOKEN", "")
GONGKAI_SMS_TIMEOUT = int(os.environ.get("GONGKAI_SMS_TIMEOUT", "10"))
# Working days before the answer date at which handlers are reminded.
GONGKAI_REMINDER_DAYS = [int(d) for d in env_list("GONGKAI_REMINDER_DAYS", "5,1")]
# Scheduled inspection (gongkai.inspection.jobs) includes the portal at GONGKAI_BASE_URL.
GONGKAI_INSPECT_PORTAL = env_bool("GONGKAI_INSPECT_PORTAL", default=True)
