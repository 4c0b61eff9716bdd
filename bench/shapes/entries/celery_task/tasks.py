# Canonical usage: https://docs.celeryq.dev/en/stable/getting-started/first-steps-with-celery.html
from celery import Celery
from openai import OpenAI

client = OpenAI()

app = Celery("tasks", broker="pyamqp://guest@localhost//")


@app.task
def summarize(text):
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    return reply.choices[0].message.content
