# Canonical usage: https://github.com/kiorky/croniter#usage
import time
from datetime import datetime

from croniter import croniter
from openai import OpenAI

client = OpenAI()


def digest():
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    print(reply.choices[0].message.content)


def main():
    schedule = croniter("0 7 * * *", datetime.now())
    while True:
        next_run = schedule.get_next(datetime)
        time.sleep(max(0, (next_run - datetime.now()).total_seconds()))
        digest()


if __name__ == "__main__":
    main()
