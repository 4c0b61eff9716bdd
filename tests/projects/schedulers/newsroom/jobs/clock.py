"""The clock process (``python -m newsroom.jobs.clock``, kept alive by supervisord)."""
import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from django.core.mail import send_mail

from newsroom.corrections import review_corrections
from newsroom.search.embeddings import refresh_article_vectors
from newsroom.style import build_style_report

log = logging.getLogger(__name__)

scheduler = BlockingScheduler(timezone="Europe/Berlin")
scheduler.add_job(refresh_article_vectors, "cron", hour=3, minute=15, id="vectors", replace_existing=True)
scheduler.add_job(review_corrections, "interval", minutes=30, max_instances=1)
# Referenced by import path so the clock does not import the feed parsers at start-up.
scheduler.add_job("newsroom.feeds.poller:poll_feeds", "interval", minutes=10, id="feeds")


@scheduler.scheduled_job("cron", day_of_week="mon", hour=6, id="style-report")
def send_style_report():
    report = build_style_report(days=7)
    send_mail("House style report", report, "desk@newsroom.example", ["standards@newsroom.example"])
    log.info("style report sent (%d chars)", len(report))


if __name__ == "__main__":
    scheduler.start()
