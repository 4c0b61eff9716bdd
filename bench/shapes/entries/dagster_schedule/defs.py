# Canonical usage: https://docs.dagster.io/concepts/automation/schedules
import dagster as dg
from openai import OpenAI

client = OpenAI()


@dg.asset
def daily_digest() -> str:
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    return reply.choices[0].message.content


digest_job = dg.define_asset_job("digest_job", selection=[daily_digest])
digest_schedule = dg.ScheduleDefinition(job=digest_job, cron_schedule="0 7 * * *")
defs = dg.Definitions(assets=[daily_digest], jobs=[digest_job], schedules=[digest_schedule])
