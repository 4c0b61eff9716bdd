# Canonical usage: https://docs.dagster.io/concepts/partitions-schedules-sensors/sensors
import os

import dagster as dg
from openai import OpenAI

client = OpenAI()


@dg.op
def summarize_file(context) -> None:
    text = "Summarise the new file"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    context.log.info(reply.choices[0].message.content)


@dg.job
def summarize_job():
    summarize_file()


@dg.sensor(job=summarize_job)
def new_file_sensor():
    for filename in os.listdir("inbox"):
        yield dg.RunRequest(run_key=filename)
