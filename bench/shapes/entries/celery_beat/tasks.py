# Canonical usage: https://docs.celeryq.dev/en/stable/userguide/periodic-tasks.html
from celery import Celery
from celery.schedules import crontab
from openai import OpenAI

client = OpenAI()

app = Celery("tasks", broker="pyamqp://guest@localhost//")


@app.on_after_configure.connect
def setup_periodic_tasks(sender, **kwargs):
    sender.add_periodic_task(crontab(hour=7, minute=30), summarize_news.s())


@app.task
def summarize_news():
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    return reply.choices[0].message.content
