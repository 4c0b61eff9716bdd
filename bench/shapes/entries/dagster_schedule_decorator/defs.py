# Canonical usage: https://docs.dagster.io/concepts/automation/schedules/examples
import dagster as dg
from openai import OpenAI

client = OpenAI()


@dg.op
def summarize(context):
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    context.log.info(reply.choices[0].message.content)


@dg.job
def digest_job():
    summarize()


@dg.schedule(job=digest_job, cron_schedule="0 7 * * *")
def digest_schedule(context):
    return dg.RunRequest()
