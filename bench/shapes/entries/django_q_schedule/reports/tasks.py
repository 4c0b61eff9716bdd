# Canonical usage: https://django-q2.readthedocs.io/en/master/schedules.html
from openai import OpenAI

client = OpenAI()


def summarize_news():
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    return reply.choices[0].message.content
