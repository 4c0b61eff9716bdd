"""LLM005: the reverse trap, a batch API or result polling inside a request handler."""
from __future__ import annotations

from typing import Optional

from llm_latency_lint.model import LatencyClass
from llm_latency_lint.rules.base import Example, Rule, RuleDoc
from llm_latency_lint.rules.messages import is_batch_api, subject, via

_WAITED = (LatencyClass.REAL_TIME.value, LatencyClass.MIXED.value)


class BatchInRequest(Rule):
    code = "LLM005"
    level = "error"  # a person waits on a request for a batch that takes minutes to hours
    name = "batch-in-request"
    summary = "Batch API or batch polling inside a real-time request handler"
    doc = RuleDoc(
        what=(
            "Finds batch submissions (`batches.create`, `messages.batches.create`, "
            "`files.create(purpose=\"batch\")`) and batch polling (`batches.retrieve`, "
            "`results`, `files.content` of a batch's output or error file, or of a file uploaded "
            "with `purpose=\"batch\"`; other files are not batch work) reached from an HTTP "
            "handler, websocket, UI callback or interactive CLI."
        ),
        why=(
            "A batch completes within 24 hours, usually minutes to an hour. A person waiting on "
            "a request will time out; the handler holds a worker while it polls. The saving is "
            "real only where nobody waits."
        ),
        example='''\
@app.post("/summaries")
def create_summary(doc: Doc):
    batch = client.batches.create(input_file_id=f.id, endpoint="/v1/chat/completions", completion_window="24h")
    while client.batches.retrieve(batch.id).status != "completed":
        time.sleep(5)
''',
        use_instead='''\
@app.post("/summaries")
def create_summary(doc: Doc):
    return client.chat.completions.create(model="gpt-4o-mini", messages=[...])
# or: enqueue the work, return 202 with a job id, and let a scheduled job submit the batch.
''',
        fix_safety="No automatic fix: the handler's contract with its caller has to change.",
    )
    VALID = [
        Example(
            {
                "jobs.py": '''\
from openai import OpenAI

client = OpenAI()

def submit_nightly():  # llm-latency: scheduled
    return client.batches.create(input_file_id="file-1", endpoint="/v1/chat/completions", completion_window="24h")
'''
            }
        )
    ]
    INVALID = [
        Example(
            {
                "api.py": '''\
import time
from flask import Flask
from openai import OpenAI

app = Flask(__name__)
client = OpenAI()

@app.route("/summaries", methods=["POST"])
def create_summary():
    batch = client.batches.create(input_file_id="file-1", endpoint="/v1/chat/completions", completion_window="24h")  # error: LLM005
    while client.batches.retrieve(batch.id).status != "completed":  # error: LLM005
        time.sleep(5)
    return {"ok": True}
'''
            }
        )
    ]

    def check(self, site) -> Optional[str]:
        if site.latency_class not in _WAITED or not is_batch_api(site):
            return None
        return (
            f"{subject(site)} is a batch API call inside a request path ({via(site.reach_for('real-time'))}); "
            "batches finish in minutes to 24 hours while the caller waits: use the online API here "
            "and submit batches from scheduled code"
        )
