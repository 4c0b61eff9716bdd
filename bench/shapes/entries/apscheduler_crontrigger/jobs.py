# Canonical usage: https://apscheduler.readthedocs.io/en/3.x/modules/triggers/cron.html
import asyncio

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from openai import OpenAI

client = OpenAI()


async def digest():
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    print(reply.choices[0].message.content)


async def main():
    scheduler = AsyncIOScheduler()
    scheduler.add_job(digest, CronTrigger.from_crontab("0 7 * * *"))
    scheduler.start()
    await asyncio.Event().wait()


asyncio.run(main())
