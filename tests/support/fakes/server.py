"""A threaded HTTP server on 127.0.0.1:0 dispatching to provider route tables."""
from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

Reply = Tuple[int, Any]  # (status, JSON-able body, bytes, or EventStream)


@dataclass
class EventStream:
    """A server-sent-events reply (``stream=True``): one ``data:`` line per event, then [DONE]."""

    events: List[Any]

    def encode(self) -> bytes:
        return b"".join(f"data: {json.dumps(e)}\n\n".encode() for e in self.events) + b"data: [DONE]\n\n"
Handler = Callable[["Request", re.Match], Reply]


@dataclass
class Request:
    method: str
    path: str
    headers: Dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body or b"{}")


@dataclass
class FakeServer:
    """Start with ``with FakeServer([openai_api.routes]) as server: server.url``."""

    route_factories: Sequence[Callable[["FakeServer"], List[Tuple[str, str, Handler]]]]
    log: List[Tuple[str, str]] = field(default_factory=list)  # (method, path) of every request
    state: Dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.routes = [(m, re.compile(p), h) for f in self.route_factories for m, p, h in f(self)]
        self.lock = threading.Lock()
        outer = self

        class _Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                request = Request(self.command, self.path.split("?", 1)[0], dict(self.headers), self.rfile.read(length))
                status, body = outer.dispatch(request)
                if isinstance(body, EventStream):
                    data, kind = body.encode(), "text/event-stream"
                elif isinstance(body, bytes):
                    data, kind = body, "application/octet-stream"
                else:
                    data, kind = json.dumps(body).encode(), "application/json"
                self.send_response(status)
                self.send_header("content-type", kind)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_DELETE = _serve

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.thread: Optional[threading.Thread] = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def dispatch(self, request: Request) -> Reply:
        with self.lock:
            self.log.append((request.method, request.path))
        for method, pattern, handler in self.routes:
            match = pattern.fullmatch(request.path)
            if match and method == request.method:
                with self.lock:
                    return handler(request, match)
        return 404, {"error": {"message": f"no route for {request.method} {request.path}", "type": "not_found"}}

    def count(self, method: str, suffix: str) -> int:
        return sum(1 for m, p in self.log if m == method and p.endswith(suffix))

    def __enter__(self) -> "FakeServer":
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
