"""Makon settings. Everything a deployment changes comes from the environment (MAKON_*)."""

from pathlib import Path

from .env import env_bbox, env_bool, env_int, env_list, env_point, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("MAKON_DEBUG", default=False)
SECRET_KEY = env_secret("MAKON_SECRET_KEY", file_default=BASE_DIR / "var" / "secret_key")
ALLOWED_HOSTS = env_list("MAKON_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("MAKON_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "rest_framework_gis",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "core",
    "accounts",
    "audit",
    "gis.apps.CityGisConfig",
    "cadastre",
    "tiles",
    "documents",
    "extracts",
    "portal",
    "payments",
    "situation",
    "citymap",
    "importer",
    "democity",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.contrib.gis.db.backends.postgis",
        "NAME": env_str("MAKON_DB_NAME", "makon"),
        "USER": env_str("MAKON_DB_USER", "makon"),
        "PASSWORD": env_str("MAKON_DB_PASSWORD", ""),
        "HOST": env_str("MAKON_DB_HOST", "127.0.0.1"),
        "PORT": env_str("MAKON_DB_PORT", "54329"),
        # Keep connections: a tile or an API call must not pay for a new backend each time.
        "CONN_MAX_AGE": env_int("MAKON_DB_CONN_MAX_AGE", 600),
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"NAME": env_str("MAKON_TEST_DB_NAME", "test_makon")},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("uz", "O'zbekcha"), ("ru", "Русский"), ("en", "English")]
TIME_ZONE = env_str("MAKON_TIME_ZONE", "Asia/Tashkent")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# Browser libraries from npm, copied by bin/makon from node_modules (see VENDOR_FILES there).
STATICFILES_DIRS = [("vendor", BASE_DIR / "var" / "vendor")]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MAKON_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))

# Request bodies: geometry uploads above this are refused with 413 before parsing.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("MAKON_MAX_REQUEST_BYTES", 5 * 1024 * 1024)

# --- Spatial model -----------------------------------------------------------------------------
# The metric CRS legal geometry is stored in. Set it once per deployment, before the first
# migration: it is part of the column types.
MAKON_SRID = env_int("MAKON_SRID", 32642)
# The deployment's area in degrees; features outside it are refused (CRS or axis-order mistakes).
# Default: Uzbekistan's envelope.
MAKON_AREA_BBOX = env_bbox("MAKON_AREA_BBOX", "55.99,37.18,73.15,45.59")
# First group of cadastral numbers (region). Tashkent city is 10.
MAKON_REGION_CODE = env_str("MAKON_REGION_CODE", "10")
# Two areas disagreeing by more than this share are flagged for a surveyor.
MAKON_AREA_TOLERANCE = 0.01

# --- Vector tiles ------------------------------------------------------------------------------
# Keep built tiles (gzip-compressed, with an ETag) in the tiles_tile_cache table. Off only to
# measure building tiles.
MAKON_TILE_CACHE = env_bool("MAKON_TILE_CACHE", default=True)
# Seconds a browser may reuse a tile before asking again (with If-None-Match). Short: an edit
# shows on the next request after that.
MAKON_TILE_MAX_AGE = env_int("MAKON_TILE_MAX_AGE", 60)
# Each server process keeps up to this many MB of cached tile bytes in memory, checked against
# the cache table's ETag on every request (tiles.memory).
MAKON_TILE_MEMORY_MB = env_int("MAKON_TILE_MEMORY_MB", 128)
# Where a map opens: lon,lat in degrees. Default: Tashkent, Amir Temur square.
MAKON_MAP_CENTER = env_point("MAKON_MAP_CENTER", "69.2797,41.3111")

# --- Documents and extracts -------------------------------------------------------------------
# Largest scanned document (PDF, JPEG, PNG) an upload may carry, in bytes.
MAKON_DOCUMENT_MAX_BYTES = env_int("MAKON_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)
# Fee for an official extract, in soum. 0 issues an extract as soon as it is ordered; above 0 the
# order waits for its payment.
MAKON_EXTRACT_FEE = env_int("MAKON_EXTRACT_FEE", 0)
# Days an extract may be relied on after it is issued.
MAKON_EXTRACT_VALID_DAYS = env_int("MAKON_EXTRACT_VALID_DAYS", 30)
# Address printed on paper (the QR code of an extract), e.g. https://makon.example.uz. Empty: the
# address the ordering request came to.
MAKON_PUBLIC_BASE_URL = env_str("MAKON_PUBLIC_BASE_URL", "")
# Wrong verification codes one client address may try within the window before it must wait.
MAKON_VERIFY_FAILURE_LIMIT = env_int("MAKON_VERIFY_FAILURE_LIMIT", 10)
MAKON_VERIFY_FAILURE_WINDOW_SECONDS = env_int("MAKON_VERIFY_FAILURE_WINDOW_SECONDS", 900)
# TrueType fonts with Cyrillic and Uzbek Latin for PDFs (Debian package fonts-dejavu-core).
MAKON_PDF_FONT_DIR = env_str("MAKON_PDF_FONT_DIR", "/usr/share/fonts/truetype/dejavu")

# --- E-mail ------------------------------------------------------------------------------------
# Holders are mailed about their property only when a mail server is named; empty: in the app only.
EMAIL_HOST = env_str("MAKON_EMAIL_HOST", "")
EMAIL_PORT = env_int("MAKON_EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("MAKON_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("MAKON_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("MAKON_EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env_str("MAKON_EMAIL_FROM", "makon@localhost")

# --- Accounts ----------------------------------------------------------------------------------
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
# Proxies in front of the application whose X-Forwarded-For is believed (nginx in compose: 1).
# 0 takes the connecting address as the client's.
MAKON_TRUSTED_PROXY_HOPS = env_int("MAKON_TRUSTED_PROXY_HOPS", 0)
# Failed sign-ins within the window that lock a username, and an address, until the window
# has passed since the oldest of them. Counted in the database: every worker sees them.
MAKON_LOGIN_FAILURE_LIMIT = env_int("MAKON_LOGIN_FAILURE_LIMIT", 5)
MAKON_LOGIN_IP_FAILURE_LIMIT = env_int("MAKON_LOGIN_IP_FAILURE_LIMIT", 20)
MAKON_LOGIN_LOCKOUT_SECONDS = env_int("MAKON_LOGIN_LOCKOUT_SECONDS", 900)
# OpenID Connect single sign-on beside local accounts; off while the issuer is empty. The
# provider is found through its discovery document (issuer + /.well-known/openid-configuration).
MAKON_OIDC_ISSUER = env_str("MAKON_OIDC_ISSUER", "")
MAKON_OIDC_CLIENT_ID = env_str("MAKON_OIDC_CLIENT_ID", "")
MAKON_OIDC_CLIENT_SECRET = env_str("MAKON_OIDC_CLIENT_SECRET", "")
MAKON_OIDC_SCOPES = env_str("MAKON_OIDC_SCOPES", "openid profile")
# The ID token claim that carries the person's national ID (PINFL).
MAKON_OIDC_NATIONAL_ID_CLAIM = env_str("MAKON_OIDC_NATIONAL_ID_CLAIM", "pinfl")
# Create a citizen account at the first single sign-on of a person unknown to Makon.
MAKON_OIDC_CREATE_USERS = env_bool("MAKON_OIDC_CREATE_USERS", default=True)

# --- Situation centre --------------------------------------------------------------------------
# Days after a resolution during which the appellant may dispute it (which reopens it).
MAKON_SITUATION_DISPUTE_DAYS = env_int("MAKON_SITUATION_DISPUTE_DAYS", 14)
# Severity (1 low .. 4 critical) from which an open incident is escalated at once.
MAKON_SITUATION_ESCALATE_SEVERITY = env_int("MAKON_SITUATION_ESCALATE_SEVERITY", 4)
# An appeal within this many metres of an open incident of the same type, reported within the
# window, is offered to the operator as its duplicate.
MAKON_SITUATION_DUPLICATE_RADIUS_M = env_int("MAKON_SITUATION_DUPLICATE_RADIUS_M", 150)
MAKON_SITUATION_DUPLICATE_WINDOW_HOURS = env_int("MAKON_SITUATION_DUPLICATE_WINDOW_HOURS", 72)
# Appeals one client address may file without signing in within the window (counted in the
# database, so every worker sees the same count).
MAKON_SITUATION_ANONYMOUS_APPEAL_LIMIT = env_int("MAKON_SITUATION_ANONYMOUS_APPEAL_LIMIT", 5)
MAKON_SITUATION_ANONYMOUS_APPEAL_WINDOW_SECONDS = env_int(
    "MAKON_SITUATION_ANONYMOUS_APPEAL_WINDOW_SECONDS", 3600
)
# Photos of an appeal: largest size in bytes (JPEG, PNG or WebP) and how many.
MAKON_SITUATION_PHOTO_MAX_BYTES = env_int("MAKON_SITUATION_PHOTO_MAX_BYTES", 5 * 1024 * 1024)
MAKON_SITUATION_PHOTOS_PER_APPEAL = env_int("MAKON_SITUATION_PHOTOS_PER_APPEAL", 5)
# Open311 POSTs must carry the api_key of a registered client (situation.Open311Client).
MAKON_OPEN311_API_KEY_REQUIRED = env_bool("MAKON_OPEN311_API_KEY_REQUIRED", default=False)

# --- API ---------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    # Token first: its WWW-Authenticate header makes "not signed in" a 401, not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Makon API",
    "DESCRIPTION": "Cadastre, city GIS and situation centre of the city administration.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Choice sets several components share get one name instead of a hash-suffixed one.
    "ENUM_NAME_OVERRIDES": {
        "SourceKindEnum": "cadastre.models.Source.Kind",
        "IncidentStateEnum": "situation.models.State",
        "AppealStateEnum": "situation.models.AppealState",
        "SeverityEnum": "situation.models.Severity",
    },
}

# GDAL < 3.9 cannot forbid file or network access inside spatial references. Makon never hands
# user-supplied WKT, SRS or paths to GDAL unchecked (only EPSG integers), so the warning is known.
SILENCED_SYSTEM_CHECKS = ["gis.W001"]

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("MAKON_SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("MAKON_LOG_LEVEL", "INFO")},
}
