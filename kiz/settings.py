"""Settings for KIZ-Verwaltung, read from environment variables.

With no variable set this is a development set-up: DEBUG on, an SQLite file next to manage.py. Production values
come from DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS and DEBUG (see .env.example); with DEBUG off a
missing secret or host list stops start-up, and in production (KIZ_ENVIRONMENT=production, the default of the
container image and of kiz/wsgi.py) so do DEBUG on, a development key and ALLOWED_HOSTS=*.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# KIZ_ENVIRONMENT=production marks a deployment: the container image sets it, and so does kiz/wsgi.py (the
# entry point of gunicorn). There DEBUG defaults to off, and start-up stops with DEBUG on, a development or short
# SECRET_KEY, or ALLOWED_HOSTS=*; a deployment that forgets a variable does not run in debug mode. Without it
# (manage.py runserver, make run, pytest) the defaults give a development set-up.
PRODUCTION = env.str("KIZ_ENVIRONMENT", default="development") == "production"
DEBUG = env.bool("DEBUG", default=not PRODUCTION)
DEVELOPMENT_SECRET_KEY = "development-only-secret-key-not-for-production-use-0123456789"  # noqa: S105

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
else:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            "SECRET_KEY fehlt: Mit DEBUG=False muss die Umgebungsvariable SECRET_KEY gesetzt sein "
            "(mindestens 50 zufällige Zeichen, siehe .env.example)."
        )
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS fehlt: Mit DEBUG=False muss die Umgebungsvariable ALLOWED_HOSTS die Hostnamen "
            "der Anwendung nennen, durch Kommas getrennt (siehe .env.example)."
        )
if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured(
            "DEBUG ist in der Produktion (KIZ_ENVIRONMENT=production) eingeschaltet: DEBUG=False setzen. "
            "Mit DEBUG zeigt jede Fehlerseite Einstellungen und Daten."
        )
    if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "SECRET_KEY taugt nicht für die Produktion: mindestens 50 zufällige Zeichen, nicht der "
            "Entwicklungsschlüssel (siehe .env.example)."
        )
    if "*" in ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS=* ist in der Produktion nicht erlaubt: die Hostnamen der Anwendung nennen."
        )

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "kiz.apps.KizAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "django_htmx",
    "simple_history",
    "csp",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "kiz",
    "concepts",
    "staffing",
    "funding",
    "reporting",
]

MIDDLEWARE = [
    "kiz.middleware.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kiz.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "kiz.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kiz.urls"
WSGI_APPLICATION = "kiz.wsgi.application"

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
                "kiz.context_processors.membership",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections: a new PostgreSQL connection costs more than most pages (see README, "Leistung"); the
# health check before reuse drops a connection the server has closed meanwhile.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=300))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Web server and worker write to the same file: wait for each other instead of failing, readers never block.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("timeout", 30)
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
# Dashboards cached per data generation (kiz/freshness.py): only with a cache all processes share.
DASHBOARD_CACHE = env.bool("DASHBOARD_CACHE", default=bool(REDIS_URL))

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "kiz.passwords.StrengthValidator"},  # keyboard rows (QWERTZ), German words: zxcvbn
]
# Second factor (kiz.twofactor): required for authority, coordination and superusers, optional for city roles.
OTP_TOTP_ISSUER = "KIZ-Verwaltung"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: after AXES_FAILURE_LIMIT failed attempts for one user name from one address, that
# combination is locked for the cool-off time; the lockout page says so in German. Locking by address alone
# would lock out a whole town hall behind one gateway.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# Behind PROXY_COUNT reverse proxies (docker-compose: one, Caddy) the client's address is taken from
# X-Forwarded-For, counted from the right: the proxy next to the application appends the address it saw, and
# entries further left may be made up by the client. ipware counts only the proxies listed in the header, i.e.
# all but the one connected to the application. Without a proxy (0) the connection's address counts. Otherwise
# axes would see every client as the proxy, and anyone could lock anyone's account.
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
if PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT - 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

# Uploads: the largest request body accepted at all (the concept PDF of 20 MB and its form); checked before the
# body is read (kiz.middleware.RequestBodyLimitMiddleware) and by the reverse proxy in production.
REQUEST_BODY_MAX_BYTES = env.int("REQUEST_BODY_MAX_BYTES", default=21 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ("kern",)
CRISPY_TEMPLATE_PACK = "kern"

# Every asset is served by the application itself; no inline scripts or styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env.bool("USE_X_FORWARDED_PROTO", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Celery: REDIS_URL is the broker and result store of production. Without it an embedded broker needs no
# server: messages are files in CELERY_DATA_DIR (kombu's filesystem transport), results too; `manage.py serve`
# (`make run`) starts the worker next to the web server. Tasks never run inside a web request.
CELERY_DATA_DIR = Path(env.str("CELERY_DATA_DIR", default=str(BASE_DIR / "var" / "celery")))
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
else:
    CELERY_BROKER_URL = "filesystem://localhost/"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DATA_DIR / "queue"),
        "data_folder_out": str(CELERY_DATA_DIR / "queue"),
        "control_folder": str(CELERY_DATA_DIR / "control"),
        "store_processed": True,
        "processed_folder": str(CELERY_DATA_DIR / "processed"),
        "polling_interval": 0.25,
    }
    CELERY_RESULT_BACKEND = f"file://localhost{CELERY_DATA_DIR / 'results'}"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The queue of tasks sent without one, a batch's renders (whose last one builds the ZIP) included; `manage.py bench`
# gives its workers a queue of their own.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
# Second line of defence against a worker that grows: a pool process is replaced after this many tasks or once
# it holds more than this much memory (KiB) after a task. The state overview at 540 KIZ needs about 370 MiB.
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=500)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=600 * 1024)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=4 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=3 * 60)
if REDIS_URL:
    # A message whose worker died unacknowledged is delivered again after this time (Redis' default is one
    # hour): just above the longest hard time limit, so a task that is still running is never delivered twice.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT + 60}
# Celery beat: documents whose worker died are queued again or marked failed (reporting.services.reports_sweep).
CELERY_BEAT_SCHEDULE = {"sweep-reports": {"task": "reporting.tasks.sweep_reports", "schedule": 60.0}}
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE

# Only for `manage.py bench`: mounts the floor view (50 rows through a simple template) it measures pages against.
BENCH_FLOOR_VIEW = env.bool("BENCH_FLOOR_VIEW", default=False)

# The REST API (/api/v1/): personal tokens or the browser session, the access policy of kiz.policy, pages of
# 50 rows, money as decimal strings, a request budget per token (counted in the cache, Redis in production).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "kiz.api.authentication.TokenAuthentication",
        "kiz.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "kiz.api.pagination.Pagination",
    "DEFAULT_THROTTLE_CLASSES": ["kiz.api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api": env.str("API_RATE_LIMIT", default="1200/minute")},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "COERCE_DECIMAL_TO_STRING": True,
    "DATE_FORMAT": "iso-8601",
    "DATETIME_FORMAT": "iso-8601",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "KIZ-Verwaltung API",
    "DESCRIPTION": (
        "Lesender Zugriff auf Kommunen, Integrationskonzepte, Gremienlauf, Stellenpläne, Förderanträge, "
        "Bescheide, Mittelabrufe, Verwendungsnachweise, Controllingberichte und landesweite Kennzahlen; "
        "schreibender Zugriff auf Antragsentwürfe und Stellen. Anmeldung mit einem persönlichen API-Zugang "
        "(Kopfzeile `Authorization: Bearer <Schlüssel>`). Geldbeträge sind Dezimalzahlen als Zeichenketten "
        "in Euro, Daten ISO 8601."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets that share a field name ("kind", "state") get names of their own in the document.
    "ENUM_NAME_OVERRIDES": {
        "MunicipalityKindEnum": "kiz.models.Municipality.Kind",
        "CouncilStepKindEnum": "concepts.models.CouncilStep.Kind",
        "ActivityKindEnum": "reporting.controlling.models.ActivityKind",
        "ProofLineKindEnum": "funding.models.ProofLineKind",
        "ApplicationStateEnum": "funding.models.ApplicationState",
        "CallOffStateEnum": "funding.models.CallOffState",
        "ProofStateEnum": "funding.models.ProofState",
        "ReportStateEnum": "reporting.controlling.models.ReportState",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}


# One line per refused request (403/404: no traceback) and per login, tracebacks only for server errors
# (kiz/logs.py); LOG_FORMAT=json writes one JSON object per line for a log collector.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"quiet": {"()": "kiz.logs.QuietFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "kiz.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["quiet"],
            "formatter": "json" if env.str("LOG_FORMAT", default="text") == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own console and mail handlers would repeat each line; everything goes to the one console.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "celery.worker.strategy": {"level": "WARNING"},  # "Task received": the result line follows anyway
    },
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # the worker logs through LOGGING as well
