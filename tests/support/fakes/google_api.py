"""Gemini API (``generativelanguage``, v1beta) generate and batch endpoints, as google-genai calls them.

Sync: ``POST /v1beta/models/{model}:generateContent`` (a ``serviceTier`` flex request whose
text holds ``BUSY`` gets one 429 first; ``state["gemini_tiers"]`` records each request's tier). Batch: ``POST
/v1beta/models/{model}:batchGenerateContent`` with ``batch.inputConfig.requests.requests[i] =
{request, metadata}`` (answered as a long-running operation: ``name`` and ``metadata.state``),
``GET /v1beta/batches/{id}`` (pending, then running, then succeeded with
``metadata.output.inlinedResponses.inlinedResponses`` in request order), ``POST
/v1beta/batches/{id}:cancel``. One function answers a sync request and a batch request, from
the model, the contents and the generation config.

Markers in a request's text: ``FAIL`` -> HTTP 400 (in a batch: that item's ``error``);
``SLOW`` -> the job expires with no output (``BATCH_STATE_EXPIRED``).
"""
from __future__ import annotations

import hashlib
import json
from typing import Any, Dict, List, Tuple

from .server import FakeServer, Reply, Request

PREFIX = r"/v1(?:beta)?"  # the SDK sends v1 with a custom base_url, v1beta without


def _text_of(request: Dict[str, Any]) -> str:
    return " | ".join(part.get("text", "") for c in request.get("contents", []) for part in c.get("parts", []))


def answer(model: str, request: Dict[str, Any]) -> Reply:
    model = model.split("/")[-1]
    text = _text_of(request)
    if "FAIL" in text:
        return 400, {"error": {"code": 400, "message": f"cannot process: {text[:40]}", "status": "INVALID_ARGUMENT"}}
    config = request.get("generationConfig", {})
    ident = hashlib.sha256(json.dumps([model, request], sort_keys=True).encode()).hexdigest()[:16]
    reply = f"{model}@{config.get('temperature', '-')}: {text.upper()[:60]}"
    return 200, {
        "candidates": [{"content": {"role": "model", "parts": [{"text": reply}]}, "finishReason": "STOP", "index": 0}],
        "usageMetadata": {"promptTokenCount": len(text), "candidatesTokenCount": 6, "totalTokenCount": len(text) + 6},
        "modelVersion": model,
        "responseId": ident,
    }


def routes(server: FakeServer) -> List[Tuple[str, str, Any]]:
    jobs: Dict[str, Dict[str, Any]] = server.state.setdefault("gemini_jobs", {})

    tiers: List[str] = server.state.setdefault("gemini_tiers", [])  # serviceTier of each sync request
    busy: Dict[str, int] = server.state.setdefault("gemini_busy", {})

    def sync(request: Request, match: Any) -> Reply:
        body = request.json()
        tier = str(body.pop("serviceTier", "standard")).lower()
        tiers.append(tier)
        text = _text_of(body)
        if tier == "flex" and "BUSY" in text:  # one 429 per request, then served (flex is best-effort)
            busy[text] = busy.get(text, 0) + 1
            if busy[text] == 1:
                return 429, {"error": {"code": 429, "message": "flex capacity exhausted", "status": "RESOURCE_EXHAUSTED"}}
        return answer(match.group("model"), body)

    def create(request: Request, match: Any) -> Reply:
        items = request.json()["batch"]["inputConfig"]["requests"]["requests"]
        name = f"batches/{len(jobs) + 1}"
        jobs[name] = {"model": match.group("model"), "items": items, "state": "BATCH_STATE_PENDING"}
        return 200, _operation(name, jobs[name])

    def run(job: Dict[str, Any]) -> None:
        if any("SLOW" in _text_of(item["request"]) for item in job["items"]):
            job["state"] = "BATCH_STATE_EXPIRED"
            return
        out = []
        for item in job["items"]:
            model = item["request"].get("model", job["model"])
            status, reply = answer(model, item["request"])
            entry: Dict[str, Any] = {"metadata": item.get("metadata", {})}
            if status == 200:
                entry["response"] = reply
            else:
                entry["error"] = {"code": 3, "message": reply["error"]["message"]}
            out.append(entry)
        job["output"] = {"inlinedResponses": {"inlinedResponses": out}}
        job["state"] = "BATCH_STATE_SUCCEEDED"

    def get(request: Request, match: Any) -> Reply:
        name = f"batches/{match.group('id')}"
        job = jobs[name]
        if job["state"] == "BATCH_STATE_PENDING":
            job["state"] = "BATCH_STATE_RUNNING"
        elif job["state"] == "BATCH_STATE_RUNNING":
            run(job)
        return 200, _operation(name, job)

    def cancel(request: Request, match: Any) -> Reply:
        jobs[f"batches/{match.group('id')}"]["state"] = "BATCH_STATE_CANCELLED"
        return 200, {}

    return [
        ("POST", f"{PREFIX}/models/(?P<model>[^/:]+):generateContent", sync),
        ("POST", f"{PREFIX}/models/(?P<model>[^/:]+):batchGenerateContent", create),
        ("GET", f"{PREFIX}/batches/(?P<id>[^/:]+)", get),
        ("POST", f"{PREFIX}/batches/(?P<id>[^/:]+):cancel", cancel),
    ]


def _operation(name: str, job: Dict[str, Any]) -> Dict[str, Any]:
    metadata: Dict[str, Any] = {
        "@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatch",
        "name": name, "model": f"models/{job['model']}", "state": job["state"],
        "createTime": "2026-12-01T00:00:00Z", "updateTime": "2026-12-01T00:00:00Z",
    }
    if "output" in job:
        metadata["output"] = job["output"]
    done = job["state"] not in ("BATCH_STATE_PENDING", "BATCH_STATE_RUNNING")
    return {"name": name, "metadata": metadata, "done": done}
