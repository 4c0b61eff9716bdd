# Canonical usage: https://arq-docs.helpmanual.io/#cron-jobs
from arq import cron
from openai import OpenAI

client = OpenAI()


async def summarize_news(ctx):
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    return reply.choices[0].message.content


class WorkerSettings:
    cron_jobs = [cron(summarize_news, hour=7, minute=0)]
