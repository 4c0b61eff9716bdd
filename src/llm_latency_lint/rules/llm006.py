"""LLM006: one call site serves both a schedule or background work and a live request."""
from __future__ import annotations

from typing import Optional

from llm_latency_lint.model import LatencyClass
from llm_latency_lint.rules.base import Example, Rule, RuleDoc
from llm_latency_lint.rules.messages import is_online, remedy, subject, via


class MixedCallSite(Rule):
    code = "LLM006"
    name = "mixed-call-site"
    summary = "One call site serves both a schedule and a request (mixed): split the path"
    doc = RuleDoc(
        what=(
            "Finds online LLM calls reached both from a real-time entry point (a route, a UI "
            "callback) and from scheduled or background work."
        ),
        why=(
            "The request path needs the online endpoint; the scheduled path does not. Sharing "
            "one call site makes the scheduled traffic pay the online price. Split the path so "
            "the scheduled caller can use the batch API (50% cheaper) while requests stay online."
        ),
        example='''\
def summarize(text):
    return client.chat.completions.create(model="gpt-4o-mini", messages=[...])

@app.get("/summary")       # real-time caller
def summary(text: str): return summarize(text)

@app.task                  # nightly caller (beat schedule)
def nightly(): [summarize(t) for t in todays_texts()]
''',
        use_instead='''\
def build_request(text): return {"model": "gpt-4o-mini", "messages": [...]}

@app.get("/summary")
def summary(text: str): return client.chat.completions.create(**build_request(text))

@app.task
def nightly(): _openai_batch(client, "/v1/chat/completions", [build_request(t) for t in todays_texts()])
''',
        fix_safety="No automatic fix: the split is a design decision; the scheduled caller can then take LLM001's fix.",
    )
    VALID = [
        Example(
            {
                "app.py": '''\
from flask import Flask
from openai import OpenAI

app = Flask(__name__)
client = OpenAI()

@app.route("/summary")
def summary():
    return client.chat.completions.create(model="gpt-4o-mini", messages=[])
'''
            }
        )
    ]
    INVALID = [
        Example(
            {
                "app.py": '''\
import schedule
from flask import Flask
from openai import OpenAI

app = Flask(__name__)
client = OpenAI()

def summarize(text):
    return client.chat.completions.create(model="gpt-4o-mini", messages=[])  # error: LLM006

@app.route("/summary")
def summary():
    return summarize("x")

def nightly():
    summarize("all of today")

schedule.every().day.at("02:00").do(nightly)
'''
            }
        )
    ]

    def check(self, site) -> Optional[str]:
        if site.latency_class != LatencyClass.MIXED.value or not is_online(site):
            return None
        other = site.reach_for("scheduled") or site.reach_for("near-real-time")
        return (
            f"{subject(site)} serves a request ({via(site.reach_for('real-time'))}) and offline work "
            f"({via(other)}); split the path so the offline caller can {remedy(site, self.discounts).replace('move it', 'move')}"
        )
