"""Dramatiq actors for the photo desk; periodiq runs the periodic ones."""
import dramatiq
from dramatiq.brokers.redis import RedisBroker
from periodiq import PeriodiqMiddleware, cron

from newsroom.photos import caption_uncaptioned

broker = RedisBroker(host="redis")
broker.add_middleware(PeriodiqMiddleware(skip_delay=30))
dramatiq.set_broker(broker)


@dramatiq.actor(periodic=cron("0 4 * * *"), max_retries=1)
def caption_photos():
    caption_uncaptioned(limit=300)
