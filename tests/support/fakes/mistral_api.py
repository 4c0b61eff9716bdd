"""Mistral chat and batch-job endpoints, answering from the request body.

Sync: ``POST /v1/chat/completions``. Batch: ``POST /v1/batch/jobs`` with inline ``requests``
(``[{custom_id, body}]``), ``GET /v1/batch/jobs/{id}`` (queued, running, then done with
``outputs``: ``{custom_id, response: {status_code, body}, error}`` in reverse order; with
``state["mistral_outputs"] = "body only"`` a success is ``{custom_id, response: {body}}``, the
part the SDK's inline example reads and all that is verified),
``POST /v1/batch/jobs/{id}/cancel``. The same function answers a sync request and a batch body.

Markers in a message: ``FAIL`` -> HTTP 400 (in a batch: a 400 output); ``SLOW`` -> the job
runs out of time (``TIMEOUT_EXCEEDED``) before that request, which gets no output.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any, Dict, List, Tuple

from .server import FakeServer, Reply, Request

CREATED = 1_760_000_000


def _text_of(body: Dict[str, Any]) -> str:
    return " | ".join(str(m.get("content")) for m in body.get("messages", []))


def answer(body: Dict[str, Any]) -> Reply:
    body = {k: v for k, v in body.items() if k != "stream"}  # the sync SDK sends stream=false
    text = _text_of(body)
    if "FAIL" in text:
        return 400, {"object": "error", "message": f"cannot process: {text[:40]}", "type": "invalid_request_error", "code": "bad_item"}
    ident = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:16]
    content = f"{body['model']}/{body.get('temperature', '-')}: {' '.join(reversed(text.split()))[:60]}"
    return 200, {
        "id": ident, "object": "chat.completion", "model": body["model"], "created": CREATED,
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": len(text), "completion_tokens": 4, "total_tokens": len(text) + 4},
    }


def routes(server: FakeServer) -> List[Tuple[str, str, Any]]:
    jobs: Dict[str, Dict[str, Any]] = server.state.setdefault("mistral_jobs", {})
    inputs: Dict[str, List[Dict[str, Any]]] = server.state.setdefault("mistral_requests", {})

    def sync(request: Request, match: Any) -> Reply:
        return answer(request.json())

    def create(request: Request, match: Any) -> Reply:
        body = request.json()
        assert body["endpoint"] == "/v1/chat/completions" and not body.get("input_files")
        job_id = f"job-{len(jobs) + 1}"
        inputs[job_id] = body["requests"]
        jobs[job_id] = {
            "id": job_id, "object": "batch", "input_files": [], "endpoint": body["endpoint"], "errors": [],
            "status": "QUEUED", "created_at": CREATED, "total_requests": len(body["requests"]),
            "completed_requests": 0, "succeeded_requests": 0, "failed_requests": 0, "model": body.get("model"),
            "outputs": None,
        }
        return 200, jobs[job_id]

    def run(job: Dict[str, Any]) -> None:
        outputs = []
        timed_out = False
        for item in reversed(inputs[job["id"]]):
            if "SLOW" in _text_of(item["body"]):
                timed_out = True
                continue
            status, reply = answer(item["body"])
            response: Dict[str, Any] = {"status_code": status, "body": reply}
            if status == 200 and server.state.get("mistral_outputs") == "body only":
                response = {"body": reply}  # all the SDK's own example relies on
            outputs.append({"id": f"out-{item['custom_id']}", "custom_id": item["custom_id"],
                            "response": response, "error": None})
        ok = sum(1 for o in outputs if o["response"].get("status_code", 200) == 200)
        job.update(status="TIMEOUT_EXCEEDED" if timed_out else "SUCCESS", outputs=outputs, completed_requests=len(outputs),
                   succeeded_requests=ok, failed_requests=len(outputs) - ok, completed_at=CREATED + 60)

    def get(request: Request, match: Any) -> Reply:
        job = jobs[match.group("id")]
        if job["status"] == "QUEUED":
            job["status"] = "RUNNING"
        elif job["status"] == "RUNNING":
            run(job)
        return 200, job

    def cancel(request: Request, match: Any) -> Reply:
        jobs[match.group("id")]["status"] = "CANCELLATION_REQUESTED"
        return 200, jobs[match.group("id")]

    return [
        ("POST", "/v1/chat/completions", sync),
        ("POST", "/v1/batch/jobs", create),
        ("GET", "/v1/batch/jobs/(?P<id>[^/]+)", get),
        ("POST", "/v1/batch/jobs/(?P<id>[^/]+)/cancel", cancel),
    ]
