"""The clock process's own decorator: it registers the function with APScheduler."""
from apscheduler.schedulers.blocking import BlockingScheduler

scheduler = BlockingScheduler()


def every(minutes):
    def deco(fn):
        scheduler.add_job(fn, "interval", minutes=minutes)
        return fn
    return deco
