"""OpenAI-shaped endpoints (also Groq's, under ``/openai/v1``), answering from the request body.

Sync: ``chat/completions``, ``responses``, ``embeddings``. Batch: ``files`` (multipart upload),
``files/{id}/content``, ``batches`` create / retrieve / cancel. The same function answers a sync
request and a batch line, so a fixed program must see exactly what the original saw.

Markers in a request's text make errors: ``FAIL`` -> HTTP 400 (in a batch: a 400 line in the
error file), ``FAIL<status>`` (``FAIL429``) -> that status; ``SLOW`` -> the batch expires before that request runs (``batch_expired`` in the
error file; the sync call answers normally).

Tiers: a ``responses`` request with ``background: true`` answers ``queued`` at once (its
``background_options.completion_window`` must be ``2h`` or ``8h``); ``GET /responses/{id}`` moves
it to ``in_progress``, then to ``completed`` with the sync answer, or ``failed`` when its text holds
``DIES``, or stays ``in_progress`` when it holds ``STUCK`` (``POST /responses/{id}/cancel`` cancels
it). A ``service_tier: "flex"`` request whose text holds ``BUSY`` gets one 429 "Resource
Unavailable" before it is answered (the SDK's retries see it through).
"""
from __future__ import annotations

import email.parser
import email.policy
import hashlib
import json
import re
from typing import Any, Dict, List, Tuple

from .server import EventStream, FakeServer, Reply, Request

CREATED = 1_760_000_000
PREFIX = r"(?:/openai)?(?:/v1)?"  # OpenAI /v1, Groq /openai/v1, Azure /openai
AZURE_SYNC = r"/openai/deployments/(?P<deployment>[^/]+)"


def _digest(body: Any) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:16]


def _endpoint(path: str) -> str:
    """``/openai/v1/chat/completions``, ``/openai/deployments/x/chat/completions`` -> ``/v1/chat/completions``."""
    for suffix in ("/chat/completions", "/completions", "/responses", "/embeddings"):
        if path.endswith(suffix):
            return "/v1" + suffix
    return path


def _text_of(body: Dict[str, Any]) -> str:
    if "messages" in body:
        return " | ".join(str(m.get("content")) for m in body["messages"])
    value = body.get("input", body.get("prompt", ""))
    return value if isinstance(value, str) else json.dumps(value)


def _error(message: str, code: str) -> Dict[str, Any]:
    return {"error": {"message": message, "type": "invalid_request_error", "param": None, "code": code}}


def answer(url: str, body: Dict[str, Any], deployments: Dict[str, str] = {}) -> Reply:  # noqa: B006
    """The deterministic reply to one request body on one endpoint.

    ``deployments`` maps Azure deployment names to the model behind them: a Standard and a
    Global-Batch deployment of one model answer alike.
    """
    url = _endpoint(url)
    body = {**body, "model": deployments.get(body.get("model", ""), body.get("model", "unknown"))}
    text = _text_of(body)
    failed = re.search(r"FAIL(\d{3})?", text)
    if failed:
        return int(failed.group(1) or 400), _error(f"cannot process: {text[:40]}", "bad_item")
    model = body.get("model", "unknown")
    ident = _digest([url, body])
    if url.endswith("/chat/completions"):
        return 200, {
            "id": f"chatcmpl-{ident}", "object": "chat.completion", "created": CREATED, "model": model,
            "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None,
                         "message": {"role": "assistant", "content": f"summary[{model}]: {text[::-1][:60]}"}}],
            "usage": {"prompt_tokens": len(text), "completion_tokens": 7, "total_tokens": len(text) + 7},
        }
    if url.endswith("/responses"):
        return 200, {
            "id": f"resp_{ident}", "object": "response", "created_at": CREATED, "model": model, "status": "completed",
            "output": [{"type": "message", "id": f"msg_{ident}", "status": "completed", "role": "assistant",
                        "content": [{"type": "output_text", "text": f"label:{len(text) % 5}", "annotations": []}]}],
            "parallel_tool_calls": True, "tool_choice": "auto", "tools": [],
        }
    if url.endswith("/embeddings"):
        inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
        return 200, {
            "object": "list", "model": model,
            "data": [{"object": "embedding", "index": i, "embedding": [len(s) / 10, sum(map(ord, s)) % 97 / 10]}
                     for i, s in enumerate(map(str, inputs))],
            "usage": {"prompt_tokens": len(text), "total_tokens": len(text)},
        }
    return 404, _error(f"unknown endpoint {url}", "not_found")


def stream(url: str, body: Dict[str, Any]) -> Reply:
    """The same answer as chunks: chat deltas of a few characters, then a finish chunk."""
    status, whole = answer(url, body)
    if status != 200 or not url.endswith("/chat/completions"):
        return status, whole
    text = whole["choices"][0]["message"]["content"]
    base = {"id": whole["id"], "object": "chat.completion.chunk", "created": CREATED, "model": whole["model"]}
    events = [{**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": None}, "finish_reason": None}]}]
    events += [{**base, "choices": [{"index": 0, "delta": {"content": text[i:i + 5]}, "finish_reason": None}]}
               for i in range(0, len(text), 5)]
    events.append({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
    return 200, EventStream(events)


def _multipart(request: Request) -> Tuple[Dict[str, str], bytes]:
    raw = f"Content-Type: {request.headers.get('Content-Type') or request.headers.get('content-type')}\r\n\r\n".encode() + request.body
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(raw)
    fields: Dict[str, str] = {}
    content = b""
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        if name == "file":
            content = payload
        else:
            fields[name] = payload.decode()
    return fields, content


def routes(server: FakeServer) -> List[Tuple[str, str, Any]]:
    files: Dict[str, bytes] = server.state.setdefault("files", {})
    batches: Dict[str, Dict[str, Any]] = server.state.setdefault("batches", {})

    deployments: Dict[str, str] = server.state.setdefault("deployments", {})
    background: Dict[str, Dict[str, Any]] = server.state.setdefault("background", {})
    busy: Dict[str, int] = server.state.setdefault("busy", {})

    def sync(request: Request, match: Any) -> Reply:
        body = request.json()
        if body.pop("stream", False):
            return stream(request.path, body)
        if body.get("service_tier") == "flex" and "BUSY" in _text_of(body):
            key = _digest(body)
            busy[key] = busy.get(key, 0) + 1
            if busy[key] == 1:
                return 429, _error("Resource Unavailable: flex capacity is exhausted, retry later", "resource_unavailable")
        if body.get("background") and request.path.endswith("/responses"):
            return start_background(body)
        return answer(request.path, body, deployments)

    def start_background(body: Dict[str, Any]) -> Reply:
        window = (body.pop("background_options", None) or {}).get("completion_window")
        assert window in ("2h", "8h"), f"a discounted background request needs a 2h or 8h window, got {window!r}"
        body.pop("background")
        status, reply = answer("/v1/responses", body, deployments)
        if status != 200:
            return status, reply  # rejected at the create, as a sync request is
        reply = {**reply, "background": True, "status": "queued", "output": []}
        background[reply["id"]] = {"final": answer("/v1/responses", body, deployments)[1], "reply": reply,
                                   "fail": "DIES" in _text_of(body), "polls": 0,
                                   "stuck": "STUCK" in _text_of(body)}
        return 200, reply

    def poll_background(request: Request, match: Any) -> Reply:
        job = background[match.group("id")]
        job["polls"] += 1
        if job["reply"]["status"] == "cancelled":
            pass
        elif job["polls"] == 1 or job["stuck"]:
            job["reply"] = {**job["reply"], "status": "in_progress"}
        elif job["fail"]:
            job["reply"] = {**job["reply"], "status": "failed",
                            "error": {"code": "server_error", "message": "The model failed to generate a response."}}
        else:
            job["reply"] = {**job["final"], "background": True}
        return 200, job["reply"]

    def upload(request: Request, match: Any) -> Reply:
        fields, content = _multipart(request)
        file_id = f"file-{len(files) + 1}"
        files[file_id] = content
        return 200, {"id": file_id, "object": "file", "bytes": len(content), "created_at": CREATED,
                     "filename": "batch.jsonl", "purpose": fields.get("purpose", ""), "status": "processed"}

    def content(request: Request, match: Any) -> Reply:
        return 200, files[match.group("id")]

    def create(request: Request, match: Any) -> Reply:
        body = request.json()
        batch_id = f"batch_{len(batches) + 1}"
        batches[batch_id] = {
            "id": batch_id, "object": "batch", "endpoint": body["endpoint"], "input_file_id": body["input_file_id"],
            "completion_window": body["completion_window"], "status": "validating", "created_at": CREATED,
            "output_file_id": None, "error_file_id": None,
            "request_counts": {"total": 0, "completed": 0, "failed": 0},
        }
        return 200, batches[batch_id]

    def run(batch: Dict[str, Any]) -> None:
        lines = [json.loads(line) for line in files[batch["input_file_id"]].decode().splitlines() if line.strip()]
        out: List[str] = []
        err: List[str] = []
        expired = False
        for line in reversed(lines):  # no order is promised: answer in reverse
            assert line["url"] == batch["endpoint"], "every line's url must match the batch endpoint"
            assert line["method"] == "POST"
            if "SLOW" in _text_of(line["body"]):
                expired = True
                err.append(json.dumps({"id": f"batch_req_{line['custom_id']}", "custom_id": line["custom_id"], "response": None,
                                       "error": {"code": "batch_expired", "message": "This request could not be executed before the completion window expired."}}))
                continue
            status, reply = answer(line["url"], line["body"], deployments)
            record = json.dumps({"id": f"batch_req_{line['custom_id']}", "custom_id": line["custom_id"],
                                 "response": {"status_code": status, "request_id": "req_1", "body": reply}, "error": None})
            (out if status == 200 else err).append(record)
        for name, records in (("output_file_id", out), ("error_file_id", err)):
            if records:
                file_id = f"file-{len(files) + 1}"
                files[file_id] = ("\n".join(records) + "\n").encode()
                batch[name] = file_id
        batch["status"] = "expired" if expired else "completed"
        batch["request_counts"] = {"total": len(lines), "completed": len(out), "failed": len(err)}

    def retrieve(request: Request, match: Any) -> Reply:
        batch = batches[match.group("id")]
        if batch["status"] == "validating":
            batch["status"] = "in_progress"  # one more poll before it is done
        elif batch["status"] == "in_progress":
            run(batch)
        return 200, batch

    def cancel(request: Request, match: Any) -> Reply:
        batch = batches[match.group("id")]
        batch["status"] = "cancelled"
        return 200, batch

    def cancel_background(request: Request, match: Any) -> Reply:
        job = background[match.group("id")]
        job["reply"] = {**job["reply"], "status": "cancelled"}
        return 200, job["reply"]

    return [
        ("POST", f"{PREFIX}/chat/completions", sync),
        ("POST", f"{PREFIX}/responses", sync),
        ("GET", f"{PREFIX}/responses/(?P<id>[^/]+)", poll_background),
        ("POST", f"{PREFIX}/responses/(?P<id>[^/]+)/cancel", cancel_background),
        ("POST", f"{PREFIX}/embeddings", sync),
        ("POST", f"{AZURE_SYNC}/chat/completions", sync),
        ("POST", f"{AZURE_SYNC}/embeddings", sync),
        ("POST", f"{PREFIX}/files", upload),
        ("GET", f"{PREFIX}/files/(?P<id>[^/]+)/content", content),
        ("POST", f"{PREFIX}/batches", create),
        ("GET", f"{PREFIX}/batches/(?P<id>[^/]+)", retrieve),
        ("POST", f"{PREFIX}/batches/(?P<id>[^/]+)/cancel", cancel),
    ]
