# Canonical usage: https://apscheduler.readthedocs.io/en/3.x/modules/schedulers/base.html#apscheduler.schedulers.base.BaseScheduler.scheduled_job
from apscheduler.schedulers.blocking import BlockingScheduler
from openai import OpenAI

client = OpenAI()

sched = BlockingScheduler()


@sched.scheduled_job("cron", hour=7)
def summarize_news():
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    print(reply.choices[0].message.content)


sched.start()
