"""arq worker for author pages (``arq newsroom.workers.arq_worker.WorkerSettings``)."""
from arq import cron
from arq.connections import RedisSettings

from newsroom.bios import refresh_author_bios


async def refresh_bios(ctx):
    return await refresh_author_bios(limit=50)


async def startup(ctx):
    ctx["ready"] = True


class WorkerSettings:
    redis_settings = RedisSettings(host="redis")
    functions = [refresh_bios]
    on_startup = startup
    cron_jobs = [cron(refresh_bios, hour={1}, minute=0, run_at_startup=False)]
