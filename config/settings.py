"""Gathering's settings: one file, read from the environment.

The embedded default (nothing set but DEBUG=1) runs on a SQLite file with Celery tasks run
in-process and e-mail printed to the console. DATABASE_URL and REDIS_URL switch to the real
services. With DEBUG off the settings refuse to start without a real SECRET_KEY.
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from core.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
# With DEBUG on, unknown addresses show the site's own 404 page (core/debug_not_found.py);
# DEBUG_TECHNICAL_404=1 shows Django's technical page, with the URL patterns tried, instead.
DEBUG_TECHNICAL_404 = env_bool("DEBUG_TECHNICAL_404", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not DEBUG and (
    len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure") or len(set(SECRET_KEY)) < 5
):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value when DEBUG is off (50+ characters). "
        'Generate one with: python -c "import secrets; print(secrets.token_urlsafe(64))"'
    )
if DEBUG and not SECRET_KEY:
    SECRET_KEY = "development-only-key-do-not-use-in-production-0123456789abcdef"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The absolute address used in e-mails ("Jump to this post" links must work from an inbox).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env_str("SITE_NAME", "Gathering")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "core",
    "accounts",
    "community",
    "moderation",
    "webinars",
    "notifications",
    "mentors",
    "safety",
    "conversations",
    "insights",
    "sitewide",
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
    "core.request_guard.RequestGuardMiddleware",
    "core.debug_not_found.DebugNotFoundMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.MemberTimezoneMiddleware",
    "accounts.languages.MemberLanguageMiddleware",
    "moderation.notices.NoticeMiddleware",
]

ROOT_URLCONF = "config.urls"

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
                "django.template.context_processors.csp",
                "core.context_processors.site",
                "core.context_processors.member_header",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# --- Database -----------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'gathering.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# A time budget per statement (seconds; 0 = none). config/gunicorn.py sets 10 for the web, so a
# runaway query is cancelled there; migrations and Celery tasks keep running without one.
DB_STATEMENT_TIMEOUT = env_int("DB_STATEMENT_TIMEOUT", 0)
# PostgreSQL's JIT compiles a query whose *estimated* cost passes jit_above_cost, which costs
# 100-200 ms of compiling for page queries that run in a few milliseconds once a planner
# estimate is off (the moderation queue spent 200 ms of its 2 s there). Every query the site
# runs is a short one, so it is off unless DB_JIT=1.
DB_JIT = env_bool("DB_JIT", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _session_settings = [] if DB_JIT else ["-c jit=off"]
    if DB_STATEMENT_TIMEOUT:
        _session_settings.append(f"-c statement_timeout={DB_STATEMENT_TIMEOUT * 1000}")
    if _session_settings:
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = " ".join(_session_settings)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: Celery broker and cache -------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    # Fails open when Redis is unreachable (core/fail_open_cache.py): log-in and posting go
    # on without rate limits rather than answering 500. The timeouts bound what a Redis host
    # that swallows packets costs a request.
    CACHES = {
        "default": {
            "BACKEND": "core.fail_open_cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "gathering",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=False)
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE: dict = {
    # Staff insights summary: Mondays 14:00 UTC; a second run the same week sends nothing.
    "insights-weekly-summaries": {
        "task": "insights.tasks.send_weekly_summaries",
        "schedule": crontab(day_of_week="mon", hour=14, minute=0),
    },
    # Staff insights' daily figures (insights.rollup): the last 30 days hourly, today
    # every five minutes.
    "insights-roll-up-days": {
        "task": "insights.tasks.roll_up_days",
        "schedule": crontab(minute=7),
    },
    "insights-roll-up-today": {
        "task": "insights.tasks.roll_up_today",
        "schedule": 300.0,
    },
    # E-mails whose task was lost (Redis down when the post committed) and due retries.
    "notifications-send-due-emails": {
        "task": "notifications.tasks.send_due_emails",
        "schedule": 60.0,
    },
    # Once a day; a second run the same day queues nothing (one digest per member per day).
    "notifications-daily-digests": {
        "task": "notifications.tasks.send_daily_digests",
        "schedule": crontab(hour=13, minute=0),  # 13:00 UTC: morning in the Americas
    },
    # Trial reminders go out once a day, 15:00 UTC (morning in the Americas).
    "accounts-trial-ending-reminders": {
        "task": "accounts.tasks.send_trial_ending_reminders",
        "schedule": crontab(minute=0, hour=15),
    },
    # Thread visits noted in Redis (a page view writes nothing) into ThreadVisit.
    "community-flush-thread-visits": {
        "task": "community.tasks.flush_thread_visits",
        "schedule": 60.0,
    },
    # Webinar reminders (24 h and 1 h before) and "recording is available" e-mails.
    "webinar-notices": {
        "task": "webinars.tasks.queue_webinar_notices",
        "schedule": 300.0,
    },
    # Recording views noted in Redis (a page view writes nothing) into RecordingViewDay.
    "webinars-flush-recording-views": {
        "task": "webinars.tasks.flush_recording_views",
        "schedule": 300.0,
    },
}

# Sessions are kept in PostgreSQL and read through the cache (Redis): a member's page reads
# its session without a query; with the cache down they are read from the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Accounts -----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's log-in, each reading the member with the header's facts in one
# query (accounts/backends.py). Sessions made before these names were used log in again.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.MemberModelBackend",
    "accounts.backends.MemberBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

ACCOUNT_USER_MODEL_USERNAME_FIELD = "handle"
ACCOUNT_USER_MODEL_EMAIL_FIELD = "email"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_USERNAME_VALIDATORS = "accounts.handles.HANDLE_VALIDATORS"
ACCOUNT_USERNAME_BLACKLIST = [
    "admin", "administrator", "staff", "moderator", "moderators", "mentor", "support",
    "gathering", "root", "system", "everyone", "here", "former_member",
]  # fmt: skip
ACCOUNT_EMAIL_VERIFICATION = env_str(
    "ACCOUNT_EMAIL_VERIFICATION", "optional" if DEBUG else "mandatory"
)
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
# The subjects name the site themselves (templates/account/email/).
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_FORMS = {
    "signup": "accounts.forms.SignupForm",
    "login": "accounts.forms.LoginForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
}
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# allauth's login rate limits (failed logins per IP and per account) use the cache above.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("LOGIN_FAILED_RATE_LIMIT", "10/m/ip,5/5m/key"),
}
# Limits "per IP" key on the client's address. Behind N proxies we run (a load balancer,
# nginx), it is the Nth entry from the right of X-Forwarded-For, the one our nearest proxy
# vouches for; with 0 the header is ignored, as anyone can write it. core/client_ip.py.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# --- E-mail (Django 6.1's MAILERS) ------------------------------------------------------
_email_backend = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
_email_options: dict = {}
if _email_backend.endswith("smtp.EmailBackend"):
    _email_options = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER"),
        "password": env_str("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS", default=False),
        "use_ssl": env_bool("EMAIL_USE_SSL", default=False),
        "timeout": env_int("EMAIL_TIMEOUT", 20),
    }
elif _email_backend.endswith("filebased.EmailBackend"):
    _email_options = {"file_path": env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))}
MAILERS = {"default": {"BACKEND": _email_backend, "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <community@example.org>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Operators", addr) for addr in env_list("ADMIN_EMAILS")]

# --- Time and language --------------------------------------------------------------------
LANGUAGE_CODE = "en"
# The interface's languages (docs/i18n.md says how to add one). Member content is never
# translated; catalogues live in locale/ and are compiled by scripts/bootstrap.sh.
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The site's time zone: where "ends on March 31" ends, and the default for new members.
TIME_ZONE = env_str("TIME_ZONE", "America/Chicago")
USE_I18N = True
USE_TZ = True
# Dates Django writes itself (the admin's lists) follow the site's style (core.dates).
FORMAT_MODULE_PATH = ["config.formats"]

# --- Static and media ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads (members' profile pictures, accounts.avatars) go through STORAGES["default"]. The
# file system by default, served at MEDIA_URL by Django itself when SERVE_MEDIA is on (the
# default with DEBUG; fine for small pictures under hashed names) or by the reverse proxy;
# or MEDIA_STORAGE_BACKEND names an S3-compatible backend,
# e.g. "storages.backends.s3.S3Storage" (pip install django-storages[s3]; it reads the AWS_*
# settings below, and boto3 reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY itself).
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=DEBUG)
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN") or None
AWS_QUERYSTRING_AUTH = False  # pictures are public and their hashed names never change
AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000, immutable"}
STORAGES = {
    "default": {
        "BACKEND": env_str("MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Security -----------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "https:", "data:"],
    "media-src": [CSP.SELF, "https:"],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# --- Community rules (later issues add theirs here) ---------------------------------------
POSTS_PER_PAGE = 20
THREADS_PER_PAGE = 25

# --- Moderation ---------------------------------------------------------------------------
# A new member's first N posts wait for a moderator (0 turns pre-moderation off).
PREMODERATE_FIRST_POSTS = env_int("PREMODERATE_FIRST_POSTS", 1)
# Flags from different members that hide a post until a moderator reviews it.
FLAGS_TO_HIDE = env_int("FLAGS_TO_HIDE", 3)
# Limits for members younger than a day (staff, moderators and mentors are exempt).
NEW_MEMBER_POSTS_PER_HOUR = env_int("NEW_MEMBER_POSTS_PER_HOUR", 5)
NEW_MEMBER_MAX_LINKS_PER_POST = env_int("NEW_MEMBER_MAX_LINKS_PER_POST", 2)

# Mentors (mentors/querysets.py): newcomers' threads with no reply after this many hours,
# "newcomer" meaning a first thread or a member who joined this many days before; an
# "I'll answer this" claim lapses after MENTOR_CLAIM_HOURS without a reply.
MENTOR_UNANSWERED_HOURS = env_int("MENTOR_UNANSWERED_HOURS", 12)
MENTOR_NEWCOMER_DAYS = env_int("MENTOR_NEWCOMER_DAYS", 30)
MENTOR_CLAIM_HOURS = env_int("MENTOR_CLAIM_HOURS", 3)

# Webinars (webinars/querysets.py join_link_for): registrants see an online webinar's join
# link from this many minutes before the start until its end.
WEBINAR_JOIN_OPENS_MINUTES = env_int("WEBINAR_JOIN_OPENS_MINUTES", 15)

# Private messages (conversations/services.py): members who joined fewer than
# CONVERSATIONS_MIN_DAYS days ago, or have fewer approved posts, write only to staff and
# mentors; everyone but staff sends at most CONVERSATIONS_MESSAGES_PER_HOUR an hour.
CONVERSATIONS_MIN_DAYS = env_int("CONVERSATIONS_MIN_DAYS", 2)
CONVERSATIONS_MIN_APPROVED_POSTS = env_int("CONVERSATIONS_MIN_APPROVED_POSTS", 1)
CONVERSATIONS_MESSAGES_PER_HOUR = env_int("CONVERSATIONS_MESSAGES_PER_HOUR", 30)
