# Canonical usage: https://python-rq.org/docs/
from openai import OpenAI

client = OpenAI()


def summarize(text):
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    return reply.choices[0].message.content
