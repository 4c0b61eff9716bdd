# Canonical usage: https://apscheduler.readthedocs.io/en/3.x/userguide.html#adding-jobs
from apscheduler.schedulers.background import BackgroundScheduler
from openai import OpenAI

client = OpenAI()


def summarize_recent():
    text = "Summarise the last hour"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    print(reply.choices[0].message.content)


scheduler = BackgroundScheduler()
scheduler.add_job(summarize_recent, "interval", hours=1)
scheduler.start()
