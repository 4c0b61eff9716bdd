"""Celery tasks. Their schedules live in ``celery_app.py``."""
from celery.utils.log import get_task_logger

from newsroom.celery_app import app
from newsroom.moderation import rank_recent_comments
from newsroom.services.briefing import build_briefing
from newsroom.tagging import tag_untagged
from newsroom.trending import refresh_trending_topics

logger = get_task_logger(__name__)


@app.task(bind=True, max_retries=2, default_retry_delay=120)
def compile_briefing(self):
    briefing = build_briefing()
    logger.info("briefing %s: %d characters", briefing.pk, len(briefing.body))
    return briefing.pk


@app.task(acks_late=True)
def rank_comments():
    return rank_recent_comments(hours=2)


@app.task(name="trending.refresh", ignore_result=True)
def refresh_trending():
    refresh_trending_topics()


@app.task
def tag_backlog(limit=100):
    return tag_untagged(limit)
