"""Anthropic Messages and Message Batches endpoints, answering from the request body.

Sync: ``POST /v1/messages``. Batch: ``POST /v1/messages/batches``, ``GET .../{id}`` (in progress
on the first poll, ended on the next), ``GET .../{id}/results`` (JSONL, in reverse request
order: the API promises none), ``POST .../{id}/cancel``. The same function answers a sync request
and a batch request's ``params``.

Markers in a message's text: ``FAIL`` -> HTTP 400 (in a batch: an ``errored`` result);
``SLOW`` -> the batch's 24 hours run out before that request (an ``expired`` result).
"""
from __future__ import annotations

import hashlib
import json
from typing import Any, Dict, List, Tuple

from .server import FakeServer, Reply, Request

STAMP = "2026-12-01T00:00:00Z"


def _text_of(body: Dict[str, Any]) -> str:
    return " | ".join(str(m.get("content")) for m in body.get("messages", []))


def _error(message: str) -> Dict[str, Any]:
    return {"type": "error", "error": {"type": "invalid_request_error", "message": message}}


def answer(body: Dict[str, Any]) -> Reply:
    text = _text_of(body)
    if "FAIL" in text:
        return 400, _error(f"cannot process: {text[:40]}")
    ident = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:16]
    return 200, {
        "id": f"msg_{ident}", "type": "message", "role": "assistant", "model": body["model"],
        "content": [{"type": "text", "text": f"digest[{body['max_tokens']}]: {text[::-1][:60]}"}],
        "stop_reason": "end_turn", "stop_sequence": None,
        "usage": {"input_tokens": len(text), "output_tokens": 9},
    }


def _counts(**counts: int) -> Dict[str, int]:
    return {"processing": 0, "succeeded": 0, "errored": 0, "canceled": 0, "expired": 0, **counts}


def routes(server: FakeServer) -> List[Tuple[str, str, Any]]:
    batches: Dict[str, Dict[str, Any]] = server.state.setdefault("anthropic_batches", {})
    requests: Dict[str, List[Dict[str, Any]]] = server.state.setdefault("anthropic_requests", {})
    outputs: Dict[str, bytes] = server.state.setdefault("anthropic_results", {})

    def sync(request: Request, match: Any) -> Reply:
        return answer(request.json())

    def create(request: Request, match: Any) -> Reply:
        items = request.json()["requests"]
        assert len({item["custom_id"] for item in items}) == len(items), "custom_id values must be unique"
        batch_id = f"msgbatch_{len(batches) + 1}"
        requests[batch_id] = items
        batches[batch_id] = {
            "id": batch_id, "type": "message_batch", "processing_status": "in_progress",
            "request_counts": _counts(processing=len(items)), "created_at": STAMP, "expires_at": STAMP,
            "ended_at": None, "archived_at": None, "cancel_initiated_at": None, "results_url": None,
        }
        return 200, batches[batch_id]

    def run(batch: Dict[str, Any]) -> None:
        lines: List[str] = []
        tally = _counts()
        for item in reversed(requests[batch["id"]]):
            params = item["params"]
            assert "stream" not in params, "batch params must not stream"
            if "SLOW" in _text_of(params):
                result: Dict[str, Any] = {"type": "expired"}
            else:
                status, reply = answer(params)
                result = {"type": "succeeded", "message": reply} if status == 200 else {"type": "errored", "error": reply}
            tally[result["type"]] += 1
            lines.append(json.dumps({"custom_id": item["custom_id"], "result": result}))
        outputs[batch["id"]] = ("\n".join(lines) + "\n").encode()
        batch.update(processing_status="ended", ended_at=STAMP, request_counts=tally,
                     results_url=f"{server.url}/v1/messages/batches/{batch['id']}/results")

    def retrieve(request: Request, match: Any) -> Reply:
        batch = batches[match.group("id")]
        if batch["processing_status"] == "in_progress" and batch.pop("_polled", False):
            run(batch)
        else:
            batch["_polled"] = True  # ended on the next poll
        return 200, {k: v for k, v in batch.items() if not k.startswith("_")}

    def results(request: Request, match: Any) -> Reply:
        return 200, outputs[match.group("id")]

    def cancel(request: Request, match: Any) -> Reply:
        batch = batches[match.group("id")]
        batch.update(processing_status="canceling", cancel_initiated_at=STAMP)
        return 200, batch

    return [
        ("POST", "/v1/messages", sync),
        ("POST", "/v1/messages/batches", create),
        ("GET", "/v1/messages/batches/(?P<id>[^/]+)", retrieve),
        ("GET", "/v1/messages/batches/(?P<id>[^/]+)/results", results),
        ("POST", "/v1/messages/batches/(?P<id>[^/]+)/cancel", cancel),
    ]
