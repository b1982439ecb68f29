"""PEPS settings: one file, driven by the environment.

Development needs no variable at all (SQLite in ./var, console e-mail, DEBUG on).
Production sets PEPS_ENV=production plus the variables listed in docs/deploy.md.
"""

import os
from pathlib import Path

import django.forms
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PEPS_VAR_DIR", BASE_DIR / "var"))


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    return env(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


PRODUCTION = env("PEPS_ENV") == "production"
DEBUG = env_bool("DEBUG", default=not PRODUCTION)
SECRET_KEY = env("SECRET_KEY", "" if PRODUCTION else "dev-only-insecure-key-change-me-in-production-0123456789")
if PRODUCTION and len(SECRET_KEY) < 50:
    raise RuntimeError("SECRET_KEY must be set (50+ characters) in production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "peps.core",
    "peps.accounts",
    "peps.territory",
    "peps.poles",
    "peps.directory",
    "peps.projects",
    "peps.partnerships",
    "peps.notifications",
    "peps.matching",
    "peps.agenda",
    "peps.commons",
    "peps.deliberation",
    "peps.governance",
    "peps.referentials",
    "peps.assessment",
    "peps.network",
    "peps.resourcepeople",
    "peps.calls",
    "peps.activity",
    "peps.funding",
    "peps.reports",
    "peps.newsletters",
    "peps.opendata",
    "peps.imports",
    "peps.api",
    "peps.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "axes",
    "csp",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Outside the session and CSRF middlewares, so that it sees the cookies they set.
    "peps.core.middleware.CachePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the signed-in person read by written-out SQL (peps/accounts/middleware.py).
    "peps.accounts.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Widgets and form layouts rendered by Jinja2 (peps.core.jinja.FormRenderer).
FORM_RENDERER = "peps.core.jinja.FormRenderer"

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
                "peps.core.context_processors.platform",
            ],
        },
    },
    {
        # The hottest list partials (apps' jinja2/ folders), included by {% jinja %}: see peps.core.jinja.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        # Django's own Jinja2 widget and form templates, for the form renderer below.
        "DIRS": [Path(django.forms.__file__).parent / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "peps.core.jinja.environment", "autoescape": True},
    },
]

# --- Database: SQLite (WAL) by default, PostgreSQL through DATABASE_URL-like variables.
DB_ENGINE = env("DB_ENGINE", "sqlite")
if DB_ENGINE == "postgresql":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": env("DB_NAME", "peps"),
            "USER": env("DB_USER", "peps"),
            "PASSWORD": env("DB_PASSWORD", ""),
            "HOST": env("DB_HOST", "127.0.0.1"),
            "PORT": env("DB_PORT", "5432"),
            "CONN_MAX_AGE": int(env("DB_CONN_MAX_AGE", "60")),
            "CONN_HEALTH_CHECKS": True,
        }
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("DB_NAME", str(VAR_DIR / "peps.sqlite3")),
            # Reusing the connection saves re-running the PRAGMAs below on every request.
            "CONN_MAX_AGE": int(env("DB_CONN_MAX_AGE", "600")),
            "OPTIONS": {
                # WAL lets readers work while a writer commits; IMMEDIATE avoids
                # "database is locked" upgrades inside write transactions.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA busy_timeout=5000; PRAGMA cache_size=-64000; PRAGMA mmap_size=268435456;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# --- Shared state: sessions, rate-limit counters, cached counts and aggregates.
# Every process (web workers, task worker, cron commands) must see the same values, so none
# lives in one process's memory: Redis in production (REDIS_URL); on one machine without
# Redis, a cache table in the database (`manage.py createcachetable`, run by `make db`).
# Sessions are rows in the database; with Redis they are also cached there (cached_db), so a
# signed-in request costs no session query and a logout is seen by every worker at once.
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": "peps",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "peps_cache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
    # Django's database store, its read written out (peps/core/sessions.py).
    SESSION_ENGINE = "peps.core.sessions"
# The benchmark measures renders without any cache (bench/README.md): PEPS_CACHE=off.
if env("PEPS_CACHE") == "off":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    SESSION_ENGINE = "peps.core.sessions"

# --- Background tasks: a real queue in the database; tests run them inline.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# --- Authentication (django-allauth, django-axes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[PEPS] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
# The client's address is read from X-Forwarded-For only behind that many trusted proxies
# (docs/deploy.md); otherwise from the connection. One setting feeds allauth, axes and the API.
PEPS_TRUSTED_PROXY_COUNT = int(env("PEPS_TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = PEPS_TRUSTED_PROXY_COUNT
NINJA_NUM_PROXIES = PEPS_TRUSTED_PROXY_COUNT
# Failed logins are limited per person alone over an hour (axes below limits the
# person-and-address pair): never per address alone, which a proxy or a campus shares.
PEPS_LOGIN_RATE_LIMITS = {"login_failed": "20/h/key"}
# False turns allauth's limits off (an empty dict would keep its defaults).
ACCOUNT_RATE_LIMITS = False if env_bool("PEPS_NO_RATE_LIMITS") else PEPS_LOGIN_RATE_LIMITS
ACCOUNT_FORMS = {"signup": "peps.accounts.forms.SignupForm"}
# Keeps where a person was heading (`next`) through sign-up, e-mail confirmation and login.
ACCOUNT_ADAPTER = "peps.accounts.adapter.AccountAdapter"
AXES_FAILURE_LIMIT = 8
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "peps.core.http.client_ip"
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "peps.core.http.login_identifier"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = not env_bool("PEPS_NO_AXES")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- E-mail: console in development, SMTP in production.
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "PEPS <no-reply@peps.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation: French first, English complete.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static and media files.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
    ("vendor/leaflet-markercluster", NODE_MODULES / "leaflet.markercluster" / "dist"),
    ("vendor/fonts/source-sans-3", NODE_MODULES / "@fontsource" / "source-sans-3"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Outside production, WhiteNoise serves straight from the finders (no collectstatic needed).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
# Files only their owner may download (report PDFs, personal data archives): never served as media.
PEPS_PRIVATE_ROOT = Path(env("PEPS_PRIVATE_ROOT", str(VAR_DIR / "private")))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
PEPS_MAX_UPLOAD_BYTES = 2 * 1024 * 1024

# --- Security.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Map tiles for the network map (Leaflet). Empty URL: markers on a plain background, no tiles.
MAP_TILE_URL = env("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION", "© les contributeurs d’OpenStreetMap")
_MAP_TILE_ORIGIN = "/".join(MAP_TILE_URL.split("/")[:3]) if MAP_TILE_URL.startswith("https://") else None

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([_MAP_TILE_ORIGIN] if _MAP_TILE_ORIGIN else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# API rate limits, e.g. PEPS_API_RATES="anon=120/min,auth=300/min" (see peps.api.throttling).
PEPS_API_RATES = dict(item.split("=", 1) for item in env_list("PEPS_API_RATES"))
PEPS_PAGE_SIZE = 20
# How long a reverse proxy or a browser may keep a visitor's page that sets no cookie, in
# seconds (peps.core.middleware; 0: revalidate with the ETag every time).
PEPS_PUBLIC_MAX_AGE = int(env("PEPS_PUBLIC_MAX_AGE", "0"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"permission_denied_as_info": {"()": "peps.core.log_filters.PermissionDeniedAsInfo"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    "loggers": {
        "peps": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO"), "propagate": False},
        # A 403 is one line at INFO, not a traceback (peps/core/log_filters.py).
        "django.request": {"filters": ["permission_denied_as_info"]},
    },
}

# --- Test runs (config/settings_test.py): fast hashing, tasks inline, a cache per process.
if env_bool("PEPS_TESTING"):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    ACCOUNT_RATE_LIMITS = False
    if not env("REDIS_URL"):
        # One process: its memory is the shared store, as Redis is in production (the same
        # cached_db sessions, so query counts are those of production).
        CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "peps-tests"}}
        SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # The same engine, emptied between transactional tests by DELETE (see its docstring).
        DATABASES["default"]["ENGINE"] = "peps.core.testing.postgresql"
