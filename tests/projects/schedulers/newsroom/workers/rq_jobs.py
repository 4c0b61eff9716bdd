"""rq-scheduler registrations (run once at deploy: ``python -m newsroom.workers.rq_jobs``)."""
from datetime import datetime, timezone

from redis import Redis
from rq_scheduler import Scheduler

from newsroom.drafts import expire_stale_drafts, remind_editors

scheduler = Scheduler(queue_name="drafts", connection=Redis(host="redis"))


def register() -> None:
    for job in scheduler.get_jobs():
        scheduler.cancel(job)
    scheduler.cron("0 2 * * *", func=expire_stale_drafts, kwargs={"days": 14}, queue_name="drafts")
    scheduler.schedule(
        scheduled_time=datetime.now(timezone.utc),
        func=remind_editors,
        interval=3600,
        repeat=None,
    )


if __name__ == "__main__":
    register()
