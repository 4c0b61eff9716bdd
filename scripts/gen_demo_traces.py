"""Write fixtures/demo_traces/: a SYNTHETIC two-week trace export of fixtures/demo_app.

Nothing here was recorded from a real system. The traffic is made up to look like the demo
app's production would, in the four export formats ``audit --traces`` reads:

- ``logfire-otlp.jsonl``: Pydantic Logfire's OpenAI instrumentation sent through an
  OpenTelemetry Collector ``file`` exporter (OTLP JSON lines; ``code.filepath``/``lineno``/
  ``function`` on each span). The nightly summaries ran on an older deploy in the first week,
  where the call sat two lines higher (``code.lineno`` 12, not 14).
- ``otel-genai.json``: one OTLP TracesData document from the OpenTelemetry GenAI
  instrumentation (no code attributes): the SLA digest (Anthropic) and an unrelated service's
  gpt-4.1 calls that no call site here makes.
- ``langfuse-observations.json``: a Langfuse ``GET /api/public/observations`` page of the
  assistant endpoints (``@observe``: observation name = function name), with their SPAN parents.
- ``langsmith-runs.csv``: LangSmith runs of the weekly digest (``@traceable``), llm and chain runs.

The story it tells: nightly and weekly jobs burst at their cron times; chat, triage and draft
replies follow the working day; and ``POST /assistant/chat``, real-time in the code, is only
ever called at 02:00 (by a partner's nightly sync, a job the repository cannot see): the
mislabelled site the audit must flag.

Run: ``python scripts/gen_demo_traces.py`` (deterministic: a fixed seed).
"""
from __future__ import annotations

import csv
import json
import random
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Dict, List

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "demo_traces"
START = datetime(2026, 11, 16, tzinfo=timezone.utc)  # a Monday
DAYS = 14
rng = random.Random(18)


def ns(moment: datetime) -> str:
    return str(int(moment.timestamp() * 1_000_000) * 1000)


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def attr(key: str, value) -> Dict:
    if isinstance(value, bool):
        return {"key": key, "value": {"boolValue": value}}
    if isinstance(value, int):
        return {"key": key, "value": {"intValue": str(value)}}
    return {"key": key, "value": {"stringValue": value}}


def burst(day: datetime, hour: int, minute: int, count: int, spread_min: int) -> List[datetime]:
    base = day.replace(hour=hour, minute=minute)
    return sorted(base + timedelta(seconds=rng.uniform(0, spread_min * 60)) for _ in range(count))


# Share of a day's interactive requests per UTC hour: a working day in Europe and the Americas.
DIURNAL = [1, 1, 0, 0, 0, 1, 2, 4, 7, 9, 10, 10, 9, 9, 9, 8, 7, 6, 5, 4, 3, 2, 2, 1]


def diurnal(day: datetime, count: int) -> List[datetime]:
    hours = rng.choices(range(24), weights=DIURNAL, k=count)
    return sorted(day + timedelta(hours=h, seconds=rng.uniform(0, 3600)) for h in hours)


def daily(per_weekday: int, per_weekend: int):
    for d in range(DAYS):
        day = START + timedelta(days=d)
        yield day, per_weekday if day.weekday() < 5 else per_weekend


def logfire_span(start: datetime, seconds: float, model: str, response_model: str, tokens_in: int, tokens_out: int,
                 filepath: str, lineno: int, function: str, operation: str = "chat") -> Dict:
    template = "Embedding Creation with {request_data[model]!r}" if operation == "embeddings" else \
        "Chat Completion with {request_data[model]!r}"
    attrs = [
        attr("code.filepath", filepath), attr("code.lineno", lineno), attr("code.function", function),
        attr("logfire.msg_template", template), attr("logfire.span_type", "span"),
        attr("gen_ai.system", "openai"), attr("gen_ai.operation.name", operation),
        attr("gen_ai.request.model", model), attr("gen_ai.response.model", response_model),
        attr("gen_ai.usage.input_tokens", tokens_in),
    ]
    if operation != "embeddings":
        attrs.append(attr("gen_ai.usage.output_tokens", tokens_out))
    return {
        "traceId": uuid.UUID(int=rng.getrandbits(128)).hex, "spanId": "%016x" % rng.getrandbits(64),
        "name": template, "kind": 1, "startTimeUnixNano": ns(start),
        "endTimeUnixNano": ns(start + timedelta(seconds=seconds)), "attributes": attrs, "status": {},
    }


def write_logfire() -> int:
    spans: List[Dict] = []
    for d in range(DAYS):
        day = START + timedelta(days=d)
        line = 12 if d < 7 else 14  # the call moved two lines down with the deploy on day 8
        for t in burst(day, 2, 0, 40, 50):
            spans.append(logfire_span(t, rng.uniform(1.5, 4), "gpt-4o-mini", "gpt-4o-mini-2024-07-18",
                                      rng.randint(900, 2600), rng.randint(120, 300),
                                      "deskapp/services/summarize.py", line, "summarize_thread"))
        for t in burst(day, 2, 5, 10, 30):
            spans.append(logfire_span(t, rng.uniform(0.4, 1), "gpt-4.1-mini", "gpt-4.1-mini-2025-04-14",
                                      rng.randint(300, 700), rng.randint(2, 6),
                                      "deskapp/services/triage.py", 14, "categorize", "responses"))
        for t in burst(day, 3, 30, 15, 25):
            spans.append(logfire_span(t, 0.3, "text-embedding-3-small", "text-embedding-3-small",
                                      rng.randint(400, 1500), 0, "scripts/backfill_embeddings.py", 38, "backfill",
                                      "embeddings"))
    for day, count in daily(14, 4):
        for t in diurnal(day, count):
            spans.append(logfire_span(t, rng.uniform(0.4, 1), "gpt-4.1-mini", "gpt-4.1-mini-2025-04-14",
                                      rng.randint(300, 700), rng.randint(2, 6),
                                      "deskapp/services/triage.py", 14, "categorize", "responses"))
    for day, count in daily(16, 5):
        for t in diurnal(day, count):
            spans.append(logfire_span(t, rng.uniform(3, 9), "gpt-4o", "gpt-4o-2024-08-06", rng.randint(1500, 4000),
                                      rng.randint(200, 500), "deskapp/services/replies.py", 19, "draft_reply_for"))
    for day, count in daily(5, 1):
        for t in diurnal(day, count):
            spans.append(logfire_span(t, 0.5, "text-embedding-3-small", "text-embedding-3-small",
                                      rng.randint(1000, 6000), 0, "deskapp/services/knowledge.py", 20, "index_article",
                                      "embeddings"))
    for t in burst(START + timedelta(days=9), 14, 10, 4, 20):  # someone in a Django shell, once
        spans.append(logfire_span(t, 2, "gpt-4o-mini", "gpt-4o-mini-2024-07-18", 600, 90,
                                  "deskapp/maintenance.py", 18, "suggest_article_titles"))
    spans.sort(key=lambda s: int(s["startTimeUnixNano"]))
    resource = {"attributes": [attr("service.name", "deskapp"), attr("deployment.environment.name", "production"),
                               attr("telemetry.sdk.name", "opentelemetry"), attr("telemetry.sdk.language", "python")]}
    scope = {"name": "logfire.openai", "version": "4.14.2"}
    with (OUT / "logfire-otlp.jsonl").open("w", encoding="utf-8") as out:
        batch: List[Dict] = []
        for span in spans + [None]:  # the exporter writes one TracesData per batch (here: per hour)
            hour = None if span is None else int(span["startTimeUnixNano"]) // 3_600_000_000_000
            if batch and (span is None or hour != int(batch[0]["startTimeUnixNano"]) // 3_600_000_000_000):
                line = {"resourceSpans": [{"resource": resource, "scopeSpans": [{"scope": scope, "spans": batch}]}]}
                out.write(json.dumps(line, separators=(",", ":")) + "\n")
                batch = []
            if span is not None:
                batch.append(span)
    return len(spans)


def genai_span(start: datetime, system: str, model: str, response_model: str, tokens_in: int, tokens_out: int) -> Dict:
    return {
        "traceId": uuid.UUID(int=rng.getrandbits(128)).hex, "spanId": "%016x" % rng.getrandbits(64),
        "parentSpanId": "%016x" % rng.getrandbits(64), "name": f"chat {model}", "kind": 3,
        "startTimeUnixNano": ns(start), "endTimeUnixNano": ns(start + timedelta(seconds=rng.uniform(1, 6))),
        "attributes": [
            attr("gen_ai.operation.name", "chat"), attr("gen_ai.system", system),
            attr("gen_ai.request.model", model), attr("gen_ai.response.model", response_model),
            attr("gen_ai.request.max_tokens", 1024), attr("gen_ai.usage.input_tokens", tokens_in),
            attr("gen_ai.usage.output_tokens", tokens_out), attr("server.address", f"api.{system}.com"),
        ],
        "status": {"code": 1},
    }


def write_otel() -> int:
    sla, other, http = [], [], []
    for d in range(DAYS):
        day = START + timedelta(days=d)
        for t in burst(day, 6, 0, 3, 4):
            sla.append(genai_span(t, "anthropic", "claude-haiku-4-5", "claude-haiku-4-5-20251001",
                                  rng.randint(2000, 5000), rng.randint(300, 700)))
            http.append({"traceId": sla[-1]["traceId"], "spanId": "%016x" % rng.getrandbits(64), "name": "POST",
                         "kind": 3, "startTimeUnixNano": ns(t), "endTimeUnixNano": ns(t + timedelta(seconds=3)),
                         "attributes": [attr("http.request.method", "POST"),
                                        attr("url.full", "https://api.anthropic.com/v1/messages")]})
    for day, count in daily(3, 0):
        for t in diurnal(day, count):
            other.append(genai_span(t, "openai", "gpt-4.1", "gpt-4.1-2025-04-14", rng.randint(800, 2000),
                                    rng.randint(100, 400)))
    doc = {"resourceSpans": [
        {"resource": {"attributes": [attr("service.name", "deskapp-cron")]},
         "scopeSpans": [{"scope": {"name": "opentelemetry.instrumentation.anthropic", "version": "0.47.3"}, "spans": sla},
                        {"scope": {"name": "opentelemetry.instrumentation.httpx", "version": "0.58b0"}, "spans": http}]},
        {"resource": {"attributes": [attr("service.name", "support-widget")]},
         "scopeSpans": [{"scope": {"name": "opentelemetry.instrumentation.openai_v2", "version": "2.2b0"},
                         "spans": other}]},
    ]}
    (OUT / "otel-genai.json").write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    return len(sla) + len(other)


def write_langfuse() -> int:
    data = []

    def observation(name: str, start: datetime, tokens_in: int, tokens_out: int) -> None:
        trace = uuid.UUID(int=rng.getrandbits(128)).hex
        end = start + timedelta(seconds=rng.uniform(2, 12))
        data.append({"id": str(uuid.UUID(int=rng.getrandbits(128))), "traceId": trace, "type": "SPAN",
                     "name": "POST " + name, "startTime": iso(start - timedelta(milliseconds=40)), "endTime": iso(end),
                     "parentObservationId": None, "level": "DEFAULT"})
        data.append({"id": str(uuid.UUID(int=rng.getrandbits(128))), "traceId": trace, "type": "GENERATION",
                     "name": name, "startTime": iso(start), "endTime": iso(end), "model": "claude-sonnet-4-5-20250929",
                     "modelParameters": {"max_tokens": 1024}, "parentObservationId": data[-1]["id"],
                     "usageDetails": {"input": tokens_in, "output": tokens_out, "total": tokens_in + tokens_out},
                     "metadata": {"ls_provider": "anthropic"}, "level": "DEFAULT", "environment": "production"})

    for d in range(DAYS):
        for t in burst(START + timedelta(days=d), 2, 0, 20, 40):
            observation("assistant_chat", t, rng.randint(1500, 3500), rng.randint(150, 600))
    for day, count in daily(40, 12):
        for t in diurnal(day, count):
            observation("assistant_chat_stream", t, rng.randint(1200, 6000), rng.randint(100, 900))
    data.sort(key=lambda o: o["startTime"])
    page = {"data": data, "meta": {"page": 1, "limit": len(data), "totalItems": len(data), "totalPages": 1}}
    (OUT / "langfuse-observations.json").write_text(json.dumps(page, indent=1) + "\n", encoding="utf-8")
    return sum(1 for o in data if o["type"] == "GENERATION")


def write_langsmith() -> int:
    rows = []
    for d in (0, 7):
        monday = START + timedelta(days=d)
        parent = str(uuid.UUID(int=rng.getrandbits(128)))
        rows.append({"id": parent, "name": "post_team_digest", "run_type": "chain", "start_time": iso(monday.replace(hour=7)),
                     "end_time": iso(monday.replace(hour=7, minute=4)), "prompt_tokens": "", "completion_tokens": "",
                     "total_tokens": "", "extra": ""})
        for t in burst(monday, 7, 0, 12, 3) + burst(monday, 7, 3, 1, 1):
            name = "headline" if t.minute >= 3 and len([r for r in rows if r["name"] == "team_section"]) % 12 == 0 else "team_section"
            p, c = rng.randint(600, 1800), rng.randint(150, 400)
            extra = {"metadata": {"ls_provider": "google_genai", "ls_model_name": "gemini-2.5-flash",
                                  "ls_model_type": "chat"}}
            rows.append({"id": str(uuid.UUID(int=rng.getrandbits(128))), "name": name, "run_type": "llm",
                         "start_time": iso(t), "end_time": iso(t + timedelta(seconds=rng.uniform(1, 5))),
                         "prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c,
                         "extra": json.dumps(extra, separators=(",", ":"))})
    with (OUT / "langsmith-runs.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return sum(1 for r in rows if r["run_type"] == "llm")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    counts = {"logfire": write_logfire(), "otel": write_otel(), "langfuse": write_langfuse(), "langsmith": write_langsmith()}
    print(counts)
