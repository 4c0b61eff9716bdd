"""The Celery application and its beat schedule.

Worker: ``celery -A newsroom.celery_app worker -Q default,slow``;
scheduler: ``celery -A newsroom.celery_app beat``.
"""
import os
from datetime import timedelta

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

app = Celery("newsroom")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

BASE_SCHEDULE = {
    "compile-morning-briefing": {
        "task": "newsroom.tasks.compile_briefing",
        "schedule": crontab(hour=5, minute=30),
    },
    "refresh-trending": {
        # registered under an explicit name, see newsroom/tasks.py
        "task": "trending.refresh",
        "schedule": timedelta(minutes=20),
    },
}

EDITORIAL_SCHEDULE = {
    "rank-comments": {
        "task": "newsroom.tasks.rank_comments",
        "schedule": crontab(minute=0, hour="*/2"),
        "options": {"queue": "slow"},
    },
}

app.conf.beat_schedule = {**BASE_SCHEDULE, **EDITORIAL_SCHEDULE}


@app.on_after_configure.connect
def setup_periodic_tasks(sender, **kwargs):
    # imported here: tasks.py imports this module
    from newsroom.tasks import tag_backlog

    sender.add_periodic_task(crontab(minute=15, hour="*/4"), tag_backlog.s(limit=200), name="tag untagged backlog")
