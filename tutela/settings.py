"""Tutela's one settings module, driven by the environment.

TUTELA_MODE chooses the posture: ``production`` (the default) refuses to start without a real
SECRET_KEY and turns on every transport protection; ``demo`` and ``test`` run on a laptop with
an embedded SQLite database. DEBUG is separate and off unless asked for.
"""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("TUTELA_VAR_DIR", BASE_DIR / "var"))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


MODE = os.environ.get("TUTELA_MODE", "production")
if MODE not in {"production", "demo", "test"}:
    raise ImproperlyConfigured(f"TUTELA_MODE must be production, demo or test, not {MODE!r}")
DEBUG = _env_bool("DEBUG", False)
LAX_MODE = DEBUG or MODE in {"demo", "test"}

_INSECURE_KEY = "tutela-demo-key-never-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not LAX_MODE:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set a random value of at least 50 characters, or run with "
            "TUTELA_MODE=demo (or DEBUG=1) on a development machine."
        )
    SECRET_KEY = _INSECURE_KEY
elif not LAX_MODE and (len(SECRET_KEY) < 50 or SECRET_KEY == _INSECURE_KEY):
    raise ImproperlyConfigured("SECRET_KEY is too weak: use a random value of 50 characters or more.")

ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if LAX_MODE else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "govuk_frontend_django",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "tutela.accounts",
    "tutela.governance",
    "tutela.audit",
    "tutela.people",
    "tutela.casework",
    "tutela.records",
    "tutela.consent",
    "tutela.sharing",
    "tutela.attendance",
    "tutela.enforcement",
    "tutela.engagement",
    "tutela.targeted",
    "tutela.safeguarding",
    "tutela.pupil_data",
    "tutela.register",
    "tutela.scheduling",
    "tutela.web",
    "tutela.api",
    "tutela.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tutela.web.middleware.GovukWhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication (it needs the user), before the rest (it sees their responses too).
    "tutela.web.middleware.NoStoreMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tutela.governance.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "tutela.web.middleware.MissingObjectMiddleware",
    "tutela.web.middleware.RefusalMiddleware",
    # Axes must come last so that it sees every authentication attempt's outcome.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tutela.urls"
WSGI_APPLICATION = "tutela.wsgi.application"

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
                "tutela.web.context_processors.navigation",
                "tutela.web.context_processors.break_glass",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tutela.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take SQLite's write lock at BEGIN, so two writers never read the
    # same audit-chain head; WAL lets readers carry on meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and sign-in -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "tutela.accounts.backends.RoleBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "governance:sign_in"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "governance:sign_in"

# Sign-in throttling: five failures for one username from one address locks that pair out.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "governance/locked_out.html"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Tutela"

# Sessions end after this much inactivity: every request pushes the expiry on.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Transport and browser security ---------------------------------------------------------
SECURE_TRANSPORT = _env_bool("SECURE_TRANSPORT", not LAX_MODE)
SESSION_COOKIE_SECURE = SECURE_TRANSPORT
CSRF_COOKIE_SECURE = SECURE_TRANSPORT
SECURE_SSL_REDIRECT = SECURE_TRANSPORT
SECURE_HSTS_SECONDS = 31_536_000 if SECURE_TRANSPORT else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_TRANSPORT
if _env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- Internationalisation: the UK calendar ----------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files: GOV.UK Frontend straight from its npm package -----------------------------
GOVUK_FRONTEND_DIST = BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"  # filled by collectstatic for production
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [("govuk-frontend", GOVUK_FRONTEND_DIST)]
WHITENOISE_USE_FINDERS = True

# --- REST API ------------------------------------------------------------------------------
# Scripts use tokens (issued by an administrator); the browser session works too.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "tutela.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": os.environ.get("API_RATE", "600/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tutela API",
    "DESCRIPTION": "People, governed records and consents. Every call passes the processing gate and is audited.",
    "VERSION": "1",
}

# --- Audit log ------------------------------------------------------------------------------
# Checkpoints live outside the audit table, so cutting off the newest entries is detectable.
AUDIT_CHECKPOINT_PATH = Path(os.environ.get("AUDIT_CHECKPOINT_PATH", VAR_DIR / "audit-checkpoints.jsonl"))

# --- Background work (django-tasks, database worker) -----------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every font and page at INFO.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# --- The register (registers/*.yaml): the law of the system ---------------------------------
REGISTER_DIR = Path(os.environ.get("REGISTER_DIR", BASE_DIR / "registers"))
# How often a worker looks for changed register files (a stat of each file; reload on change).
REGISTER_RECHECK_SECONDS = float(os.environ.get("REGISTER_RECHECK_SECONDS", "1"))

# --- Field-level encryption ----------------------------------------------------------------
# Each subject's data key is wrapped by the master key and kept in a key store outside the main
# database, so destroying a key (crypto-shredding) also defeats old database backups.
TUTELA_MASTER_KEY = os.environ.get("TUTELA_MASTER_KEY", "")
TUTELA_MASTER_KEY_FILE = os.environ.get("TUTELA_MASTER_KEY_FILE", "")
if not (TUTELA_MASTER_KEY or TUTELA_MASTER_KEY_FILE or LAX_MODE):
    raise ImproperlyConfigured(
        "Set TUTELA_MASTER_KEY (32 random bytes, base64) or TUTELA_MASTER_KEY_FILE: it protects every "
        "subject's data key."
    )
BREAK_GLASS_MAX_MINUTES = int(os.environ.get("BREAK_GLASS_MAX_MINUTES", "240"))
KEYSTORE_PATH = Path(os.environ.get("KEYSTORE_PATH", VAR_DIR / "keystore.sqlite3"))
DISCLOSURE_PACKAGE_DIR = Path(os.environ.get("DISCLOSURE_PACKAGE_DIR", VAR_DIR / "disclosures"))
DOCUMENT_STORE_DIR = Path(os.environ.get("DOCUMENT_STORE_DIR", VAR_DIR / "documents"))

# Attendance enforcement: when a posted notice counts as received (working days after posting), and
# the range an officer may choose for a notice to improve's improvement period (school weeks).
TUTELA_ENFORCEMENT: dict[str, Any] = {
    "post_working_days": {"first_class_post": 2, "second_class_post": 4},
    # Left at the address: received that day if a working day and left before this time (CPR 6.26).
    "left_at_address_cutoff": "16:30",
    "nti_school_weeks": (3, 6),
}
