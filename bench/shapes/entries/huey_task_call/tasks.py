# Canonical usage: https://huey.readthedocs.io/en/latest/guide.html#function-decorators
from huey import RedisHuey
from openai import OpenAI

client = OpenAI()

huey = RedisHuey("app")


@huey.task()
def summarize(text):
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    return reply.choices[0].message.content
