# Canonical usage: https://docs.temporal.io/develop/python/core-application
from temporalio import activity
from openai import OpenAI

client = OpenAI()


@activity.defn
async def summarize(text: str) -> str:
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    return reply.choices[0].message.content
