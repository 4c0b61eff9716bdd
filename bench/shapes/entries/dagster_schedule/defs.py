# Canonical usage: https://docs.dagster.io/concepts/automation/schedules
import dagster as dg
from openai import OpenAI

client = OpenAI()


@dg.asset
def summarize_news() -> str:
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    return reply.choices[0].message.content


digest_job = dg.define_asset_job("digest_job", selection=[summarize_news])
digest_schedule = dg.ScheduleDefinition(job=digest_job, cron_schedule="0 7 * * *")
defs = dg.Definitions(assets=[summarize_news], jobs=[digest_job], schedules=[digest_schedule])
