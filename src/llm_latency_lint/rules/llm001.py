"""LLM001: a synchronous LLM call that only scheduled code reaches."""
from __future__ import annotations

from typing import Optional

from llm_latency_lint.model import LatencyClass
from llm_latency_lint.rules.base import Example, Rule, RuleDoc
from llm_latency_lint.rules.messages import is_online, remedy, subject, via


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
    # The requests go to the OpenAI Batch API; the loop below runs on the results, in order.
    batch_items = list(Ticket.objects.filter(closed_today=True))
    batch_bodies = [dict(model="gpt-4o-mini", messages=[...]) for ticket in batch_items]
    batch_results = _openai_batch(
        client, "/v1/chat/completions", batch_bodies, openai.types.chat.ChatCompletion.model_validate,
    )
    for ticket in batch_items:
        resp = next(batch_results)
        ticket.summary = resp.choices[0].message.content
''',
        fix_safety=(
            "Unsafe: applies only with `--fix --unsafe-fixes` (`--diff` previews it, `--show-fixes` says "
            "what was applied or skipped and why). The rewrite keeps the code's meaning but changes "
            "when results arrive (the job waits for the batch, up to 24 hours, polling every 30 s) and "
            "how failures surface (a failed request raises the SDK's status error the synchronous "
            "call would have raised, such as `openai.BadRequestError` for a 400, and a request "
            "its expired batch never ran raises the SDK's generic API error, `openai.APIError`, both "
            "at its own result; the results after it still come). Where the items are "
            "decides the rewrite. A `for` loop around the call becomes three phases in the same "
            "function: build every request, submit one batch and wait, then run the original loop "
            "body over the results in the original order. A single call whose function a loop or "
            "list comprehension calls once per item, in any caller up the call graph, is never made "
            "a batch of one (that would be one batch per item, one after another): it is batched at "
            "that loop. The function holding the call gets `<function>_batch(calls)` (every request "
            "in one batch, the rest of the function run per item on its result, in order); each "
            "function between it and the loop whose first statement is the call of the one below "
            "(`x = f(...)`, `f(...)` or `return f(...)`) gets its own `_batch`, in its own module, "
            "building the arguments it passes for every item and running the rest of its body per "
            "item; the loop calls the top one once, and all these files change in one fix or none "
            "(the original functions stay for other callers). In either kind of loop the call may "
            "be the first statement of a per-item `try` whose handlers do not re-raise: a failed item raises "
            "its SDK error at its own `next(...)`, inside that `try`, and the other items still get "
            "their results (the helpers' results go on after a failed item, helper module format "
            "2; an older helper module refuses this). Building the requests (the arguments each "
            "function passes, the request's own calls) runs for every item before the loop, and a "
            "failure there or in submitting the batch stops the run before the loop. Refused, "
            "naming the loop (path:line) and why: nested loops, a function on the way with another "
            "shape (work before the call, decorated, async, a method, a generator), a loop passing "
            "arguments that call code, `break`/`return`, results feeding the next item, a handler "
            "that re-raises, paging or alerting anywhere on the way. A caller's loop that stops at "
            "the first success (`return` or `break` right after the call: `for attempt in range(3)`, "
            "`for api in apis`) is a retry or fallback loop, not a loop over items: the batch is "
            "refused naming it, and flex may still apply. A single call on no per-item "
            "path (a daily one-shot job) becomes "
            "a batch of one. When the function or a direct caller pages on-call, sends an SMS or "
            "raises an alert (PagerDuty, Opsgenie, Twilio, an `alert`/`on_call` function), the fix "
            "is refused: a batch would hold that back for hours (`fix-time-critical = true` allows "
            "it). The helpers (`_openai_batch`, ...) go to one generated module per package, "
            "`<package>/_llm_batch.py` (a script outside packages that imports a project package "
            "uses that package's module, imported next to its import of the package; one that "
            "imports none gets `_llm_batch.py` beside it, and so does a module its own folder "
            "imports by bare name, as a script's sibling: `from _llm_batch import ...`), "
            "created with a docstring and a format marker and extended by later fixes; fixed modules "
            "import from it and depend only on the SDK, and a file of the project's own at that "
            "path is never overwritten. Imports are placed as Ruff's isort rules sort them and "
            "imports the rewrite leaves unused are removed. No fix is offered (and the reason "
            "is given) when the loop feeds one result into the next request; on `break`, `return` "
            "or `yield` in the loop; when the call is inside `try` with handlers (except the "
            "per-item `try` above); when the request "
            "reads state the loop changes; when the loop consumes its own iterator; for `while` "
            "loops, conditional expressions, statements with side effects before "
            "the call, raw-response wrappers, streaming calls (fix LLM004 first), module-level "
            "clients, Azure deployments without a configured batch deployment, and Anthropic on "
            "Bedrock or Vertex (the SDK refuses batches); LiteLLM calls are rewritten only when their "
            "provider (the `custom_llm_provider=` literal, the model prefix, or a bare OpenAI model "
            "name) is OpenAI or Azure and they pass no LiteLLM call options (`api_base=`, `api_key=`, ...). "
            "Raw HTTP requests (`requests.post` to a provider's endpoint) are refused as such: the "
            "fixes rewrite SDK calls. An OpenAI SDK client whose `base_url` is not api.openai.com "
            "(a host the catalog does not know, such as GitHub Models, or a setting or environment "
            "variable the code cannot read) gets no batch, flex or background rewrite: those exist "
            "only on api.openai.com (`openai-base-urls` lists base URLs that are OpenAI itself). "
            "When every trigger reaching the call is a GitHub Actions workflow run on its "
            "`schedule:`, no batch or background window is chosen by default: a GitHub Actions job "
            "is cancelled after 6 h and a batch may take 24 h (flex where the model allows it, else "
            "refused; `--fix-strategy batch` forces the batch). "
            "Strategy per site (`--fix-strategy auto`, the default): a batch at the loop where the "
            "items are; where that is refused for a single call (a per-item path that cannot be "
            "restructured, a loop that breaks early, ...), the flex tier, else a discounted "
            "background window, each only where the provider's docs allow it for the model "
            "(catalog/tiers.py records each rate, its source and the date read); a time-critical "
            "refusal is final. The fix message and `--show-fixes` name the mode and why "
            "(`[mode: flex; why: batch refused: ...]`). Flex (OpenAI; Groq's costs the same as "
            "on-demand, so it is refused): "
            "`service_tier=\"flex\"`, a 900 s timeout and, for OpenAI, `client.with_options(max_retries=8)` "
            "so the SDK's backoff retries 429 resource unavailable (batch rates; still synchronous); "
            "only for models documented for flex (OpenAI: o3, o4-mini; not GPT-6.2 Astra/Sol) or "
            "listed in `flex-models`; refused when the call passes its own literal timeout shorter "
            "than 900 s (most flex requests would time out) or `**` keyword arguments (which may "
            "hold `timeout`: a duplicate keyword). Gemini flex (`models.generate_content`, google-genai >= 3.6): "
            "`GenerateContentConfig(service_tier=FLEX, http_options=...)` with a 900 s timeout and 8 "
            "attempts on 429/503, for models in `flex-models` (the docs read list none). Background "
            "window (OpenAI `responses.create` only, openai >= 3.63): `background=True, "
            "background_options={\"completion_window\": \"8h\"}` (40% off Standard) and the call "
            "wrapped in `_openai_background(client, ...)`, which polls `responses.retrieve` until a "
            "terminal status and raises `openai.APIError` for failed or cancelled responses; for models "
            "in `background-models` (the docs list none); refused on streaming calls, `service_tier`, "
            "`store=False` and Azure. Chat Completions calls get no background window: moving them to "
            "Responses changes the result type their callers read."
        ),
        options=(
            "`scheduled-decorators`, `scheduled-functions` and the `# llm-latency: scheduled` "
            "pragma declare schedules the tool cannot see. For the fix: "
            "`azure-batch-deployments = {\"<sync deployment>\" = \"<batch deployment>\"}` (Azure "
            "OpenAI batches need a Global-Batch deployment), `flex-models = [...]` (`\"*\"`: any) "
            "`background-models = [...]` and `--fix-strategy auto|batch|flex|background`; `fix-helper-module = \"auto\"|\"inline\"|\"<path>.py\"` "
            "(where the helpers go; `inline`: one copy in each fixed module); `fix-time-critical = true` "
            "(batch calls before pages and alerts too); `openai-base-urls = [...]` (`base_url` values that "
            "are OpenAI itself: a URL, the expression's source text or an environment variable it "
            "reads; `\"*\"`: any)."
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
        if site.resolved.site.tier:
            return None  # already on a discounted tier (flex, a background window): nothing left to save
        if not site.resolved.match.op.batchable:
            return None  # multi-turn loops, audio: nothing to batch (the audit still lists them)
        return f"{subject(site)} runs only from {via(site.reach_for('scheduled'))}; {remedy(site, self.discounts)}"
