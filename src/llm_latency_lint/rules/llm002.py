"""LLM002: a synchronous LLM call in event-triggered background code whose output is read later."""
from __future__ import annotations

from typing import Optional

from llm_latency_lint.model import LatencyClass
from llm_latency_lint.rules.base import Example, Rule, RuleDoc
from llm_latency_lint.rules.messages import is_online, remedy, subject, via


class NearRealTimeSyncCall(Rule):
    code = "LLM002"
    name = "background-sync-call"
    summary = "Synchronous LLM call in near-real-time background code whose output is read later"
    doc = RuleDoc(
        what=(
            "Finds online LLM calls reached only from event-triggered background work: queued "
            "tasks (`.delay()`, `BackgroundTasks.add_task`), signal receivers, webhooks, queue "
            "consumers, CI runs nobody watches. Results that go to an email, Slack post or "
            "stored report are named in the message."
        ),
        why=(
            "The person who caused the event is not waiting on this call. If the result is read "
            "minutes or hours later, the provider's batch API does the same work at half the "
            "price. These sites are audit candidates: check how soon the output is needed."
        ),
        example='''\
@receiver(post_save, sender=Ticket)
def tag_ticket(sender, instance, **kwargs):
    resp = client.chat.completions.create(model="gpt-4o-mini", messages=[...])
''',
        use_instead='''\
# collect new tickets and tag them in one batch every 15 minutes, or accept the latency
# of the batch API (most batches finish well within an hour).
''',
        fix_safety=(
            "Unsafe (`--unsafe-fixes`): whether the output may arrive later is a product decision. "
            "Default (`--fix-strategy auto`): OpenAI `responses.create` runs in background mode with "
            "the discounted 2h completion window (`background=True, background_options="
            "{\"completion_window\": \"2h\"}`, 30% off Standard per OpenAI's flex processing guide, "
            "read 2026-12-05), wrapped in `_openai_background(client, ...)` which polls "
            "`responses.retrieve` until a terminal status (failed or cancelled: `openai.APIError`); "
            "only for models in `background-models` (the docs list none), never for streaming calls, "
            "`service_tier`, `store=False`, Azure, or before a time-critical side effect. Otherwise "
            "the flex tier where the model is documented for it or in `flex-models`, refused when the "
            "call passes its own literal timeout shorter than 900 s or `**` keyword arguments. The "
            "message and `--show-fixes` name the mode and why. Chat Completions calls get no "
            "background window (moving them to Responses changes the result type). Refused as well: "
            "raw HTTP requests (the fixes rewrite SDK calls), and an OpenAI SDK client whose "
            "`base_url` is not api.openai.com (an unknown host, a setting, an environment variable; "
            "`openai-base-urls` lists those that are OpenAI itself); background windows and flex "
            "exist only there."
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

@app.get("/answer")
def answer(q: str):
    return client.responses.create(model="gpt-4o-mini", input=q)
'''
            }
        )
    ]
    INVALID = [
        Example(
            {
                "app.py": '''\
from fastapi import BackgroundTasks, FastAPI
from openai import OpenAI

app = FastAPI()
client = OpenAI()

def enrich(doc_id: str):
    client.chat.completions.create(model="gpt-4o-mini", messages=[])  # error: LLM002

@app.post("/docs")
def upload(doc_id: str, tasks: BackgroundTasks):
    tasks.add_task(enrich, doc_id)
    return {"ok": True}
'''
            },
            "a FastAPI background task: the response is sent before it runs",
        )
    ]

    def check(self, site) -> Optional[str]:
        if site.latency_class != LatencyClass.NEAR_REAL_TIME.value or not is_online(site):
            return None
        if site.resolved.site.tier:
            return None  # already on a discounted tier (flex, a background window): nothing left to save
        later = "whose output is read later"
        if site.sinks:
            sink = site.sinks[0]
            later = f"whose output goes to {sink.kind} ({sink.note.split(' sends')[0]} at {sink.function.rsplit('.', 1)[-1]})"
        return (
            f"{subject(site)} runs in background work ({via(site.reach_for('near-real-time'))}) "
            f"{later}; if minutes to hours are fine, {remedy(site, self.discounts)}"
        )
