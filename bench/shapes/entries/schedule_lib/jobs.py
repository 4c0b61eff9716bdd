# Canonical usage: https://schedule.readthedocs.io/en/stable/
import time

import schedule
from openai import OpenAI

client = OpenAI()


def job():
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    print(reply.choices[0].message.content)


schedule.every().day.at("07:00").do(job)
while True:
    schedule.run_pending()
    time.sleep(1)
