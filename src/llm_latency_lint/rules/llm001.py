"""LLM001: a synchronous LLM call that only scheduled code reaches."""
from __future__ import annotations

from typing import Optional

from ..model import LatencyClass
from .base import Example, Rule, RuleDoc
from .messages import is_online, remedy, subject, via


class ScheduledSyncCall(Rule):
    code = "LLM001"
    name = "scheduled-sync-call"
    summary = "Synchronous LLM call reached only from scheduled code (batch disguised as stream)"
    doc = RuleDoc(
        what=(
            "Finds calls to an online LLM endpoint (chat, responses, embeddings, completions, "
            "and their stream variants) whose only callers are scheduled jobs: Celery beat, "
            "cron, APScheduler, Airflow, Dagster, Prefect and the like."
        ),
        why=(
            "Nobody waits for a nightly job. Every major provider prices the same model and the "
            "same output 50% lower through its batch API, with results within 24 hours (usually "
            "minutes). A scheduled job on the synchronous endpoint pays double for latency it "
            "does not use."
        ),
        example='''\
@app.task
def nightly_summary():
    for ticket in Ticket.objects.filter(closed_today=True):
        resp = client.chat.completions.create(model="gpt-4o-mini", messages=[...])
        ticket.summary = resp.choices[0].message.content
''',
        use_instead='''\
@app.task
def nightly_summary():
    tickets = list(Ticket.objects.filter(closed_today=True))
    bodies = [{"model": "gpt-4o-mini", "messages": [...]} for ticket in tickets]
    for ticket, resp in zip(tickets, _openai_batch(client, "/v1/chat/completions", bodies)):
        ticket.summary = resp.choices[0].message.content
''',
        fix_safety=(
            "Unsafe. Rewriting an online call to a batch changes when the result arrives (up to "
            "24 hours later) and how failures surface (per item, in an error file), so the fix "
            "applies only with `--fix --unsafe-fixes`; use `--diff` to preview it."
        ),
        options=(
            "`scheduled-decorators`, `scheduled-functions` and the `# llm-latency: scheduled` "
            "pragma declare schedules the tool cannot see."
        ),
    )
    VALID = [
        Example(
            {
                "app.py": '''\
from fastapi import FastAPI
from openai import OpenAI

app = FastAPI()
client = OpenAI()

@app.post("/chat")
def chat(message: str):
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": message}])
'''
            },
            "a request handler: a person is waiting",
        ),
        Example(
            {
                "jobs.py": '''\
from openai import OpenAI

client = OpenAI()

def nightly_cleanup():  # llm-latency: scheduled
    client.batches.create(input_file_id="file-1", endpoint="/v1/chat/completions", completion_window="24h")
'''
            },
            "already on the batch API",
        ),
    ]
    INVALID = [
        Example(
            {
                "jobs.py": '''\
import schedule
from openai import OpenAI

client = OpenAI()

def nightly_summary():
    return client.chat.completions.create(model="gpt-4o-mini", messages=[])  # error: LLM001

schedule.every().day.at("02:00").do(nightly_summary)
'''
            },
            "a `schedule` job",
        ),
        Example(
            {
                "celery_app.py": '''\
from celery import Celery
from celery.schedules import crontab

app = Celery("proj")
app.conf.beat_schedule = {
    "nightly-summary": {"task": "tasks.nightly_summary", "schedule": crontab(hour=2, minute=0)},
}
''',
                "tasks.py": '''\
from celery_app import app
from summarize import summarize

@app.task
def nightly_summary():
    summarize("today")
''',
                "summarize.py": '''\
import anthropic

client = anthropic.Anthropic()

def summarize(text):
    return client.messages.create(model="claude-sonnet-4-5", max_tokens=512, messages=[])  # error: LLM001
''',
            },
            "Celery beat names the task by dotted string; the call is two modules away",
        ),
    ]

    def check(self, site) -> Optional[str]:
        if site.latency_class != LatencyClass.SCHEDULED.value or not is_online(site):
            return None
        if not site.resolved.match.op.batchable:
            return None  # multi-turn loops, audio: nothing to batch (the audit still lists them)
        return f"{subject(site)} runs only from {via(site.reach_for('scheduled'))}; {remedy(site)}"
