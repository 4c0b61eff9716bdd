# Canonical usage: https://huey.readthedocs.io/en/latest/guide.html#periodic-tasks
from huey import RedisHuey, crontab
from openai import OpenAI

client = OpenAI()

huey = RedisHuey("digest")


@huey.periodic_task(crontab(hour="7", minute="0"))
def summarize_news():
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    print(reply.choices[0].message.content)
