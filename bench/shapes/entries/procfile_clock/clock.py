# Canonical usage: https://devcenter.heroku.com/articles/scheduled-jobs-custom-clock-processes
from apscheduler.schedulers.blocking import BlockingScheduler
from openai import OpenAI

client = OpenAI()

sched = BlockingScheduler()


@sched.scheduled_job("cron", day_of_week="mon-fri", hour=7)
def digest():
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    print(reply.choices[0].message.content)


sched.start()
