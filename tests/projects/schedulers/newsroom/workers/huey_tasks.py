"""Huey worker for the homepage team (``huey_consumer newsroom.workers.huey_tasks.huey``)."""
from huey import RedisHuey, crontab

from newsroom.headlines import rescore_homepage

huey = RedisHuey("homepage", url="redis://localhost:6379/2")


@huey.periodic_task(crontab(minute="0", hour="*/6"))
def rescore_headlines():
    rescore_homepage(slots=12)


@huey.task()
def clear_homepage_cache(slot):
    return slot
