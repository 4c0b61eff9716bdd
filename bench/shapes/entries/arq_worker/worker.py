# Canonical usage: https://arq-docs.helpmanual.io/#simple-usage
from arq.connections import RedisSettings
from openai import OpenAI

client = OpenAI()


async def summarize(ctx, text):
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    return reply.choices[0].message.content


class WorkerSettings:
    functions = [summarize]
    redis_settings = RedisSettings()
