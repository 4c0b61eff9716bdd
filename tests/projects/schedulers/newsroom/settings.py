"""Django settings for the newsroom platform (trimmed to what the jobs read)."""
import os

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only")
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "newsroom",
]
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "newsroom"}}
TIME_ZONE = "Europe/Berlin"
USE_TZ = True

CELERY_BROKER_URL = os.environ.get("REDIS_URL", "redis://localhost:6379/0")
CELERY_TIMEZONE = TIME_ZONE

SUMMARY_MODEL = "gpt-4o-mini"
CLAUDE_MODEL = "claude-sonnet-4-5"
GEMINI_MODEL = "gemini-2.5-flash"
