# Canonical usage: https://docs.prefect.io/v3/automate/add-schedules
from datetime import timedelta

from prefect import flow
from openai import OpenAI

client = OpenAI()


@flow
def refresh_summaries():
    text = "Summarise the latest feed"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    print(reply.choices[0].message.content)


if __name__ == "__main__":
    refresh_summaries.serve(name="refresh", interval=timedelta(hours=1))
