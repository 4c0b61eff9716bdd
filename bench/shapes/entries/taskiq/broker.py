# Canonical usage: https://taskiq-python.github.io/guide/getting-started.html
from taskiq_redis import ListQueueBroker
from openai import OpenAI

client = OpenAI()

broker = ListQueueBroker("redis://localhost:6379")


@broker.task
async def summarize(text: str) -> str:
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    return reply.choices[0].message.content
