"""OpenAPI specifications that route requests to Python functions by name (Connexion).

Connexion has no route decorators: ``app.add_api("openapi.yaml")`` reads the spec, and each
operation's ``operationId`` (``api.chat.post``), prefixed by an ``x-openapi-router-controller``
on the operation or its path (``x-swagger-router-controller`` in Swagger 2), names the function
that answers the request: real-time, like any route. Only dotted names count (a bare
``getUser`` is a client-side label, not a function); a name that resolves to no function of
the project adds nothing. Read through ``manifests.py`` (YAML specs).
"""
from __future__ import annotations

from typing import Any, List, Optional

from llm_latency_lint.catalog.sources import _yaml
from llm_latency_lint.model import Trigger

SOURCE_ID = "openapi-operation"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
CONTROLLER_KEYS = ("x-openapi-router-controller", "x-swagger-router-controller")
HINT = "operationId"


def is_spec(doc: Any) -> bool:
    return isinstance(doc, dict) and ("openapi" in doc or "swagger" in doc) and isinstance(doc.get("paths"), dict)


def _controller(*holders: Any) -> Optional[str]:
    for holder in holders:
        for key in CONTROLLER_KEYS:
            value = holder.get(key) if isinstance(holder, dict) else None
            if isinstance(value, str) and value:
                return value
    return None


def parse_spec(relpath: str, doc: dict) -> List[Trigger]:
    found: List[Trigger] = []
    for route, item in doc["paths"].items():
        if not isinstance(item, dict):
            continue
        for method in METHODS:
            operation = item.get(method)
            name = operation.get("operationId") if isinstance(operation, dict) else None
            if not isinstance(name, str) or not name:
                continue
            controller = _controller(operation, item)
            target = f"{controller}.{name}" if controller else name
            if "." not in target:
                continue
            note = f"OpenAPI operation {method.upper()} {route} -> {target} ({relpath}, Connexion routing)"
            found.append(Trigger(kind="real-time", source=SOURCE_ID, target=["str", target],
                                 line=_yaml.line(operation, "operationId"), note=note))
    return found
