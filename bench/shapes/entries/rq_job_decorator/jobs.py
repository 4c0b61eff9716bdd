# Canonical usage: https://python-rq.org/docs/#the-job-decorator
from redis import Redis
from rq.decorators import job
from openai import OpenAI

client = OpenAI()


@job("default", connection=Redis())
def summarize(text):
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    return reply.choices[0].message.content
