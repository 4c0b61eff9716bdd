"""Azure Functions, Python v1 programming model: a folder per function holding ``function.json``.

``{"scriptFile": "__init__.py", "entryPoint": "main", "bindings": [{"type": "httpTrigger",
"direction": "in", ...}]}``: the trigger binding says what runs ``entryPoint`` (default ``main``)
of ``scriptFile`` (default ``__init__.py``, relative to the folder). ``httpTrigger``: real-time (a
route); ``timerTrigger``: scheduled (NCRONTAB ``schedule``: a seconds field first; a
``%Setting%`` from app settings has no words); every other trigger (queue, blob, Service Bus,
Event Hubs, Event Grid, Cosmos DB...): near-real-time. The v2 model's decorators are Python
(``triggers/events.py``, ``triggers/web_routes.py``).
"""
from __future__ import annotations

import json
import posixpath
from typing import Any, List, Optional

from llm_latency_lint.catalog.sources import Source
from llm_latency_lint.catalog.sources._entries import line_of
from llm_latency_lint.model import Trigger

SOURCE_ID = "azure-functions-v1"


def matches(relpath: str, name: str) -> bool:
    return name == "function.json"


def _schedule(value: Any) -> Optional[str]:
    from llm_latency_lint.catalog.schedule_words import describe_cron

    if not isinstance(value, str) or "%" in value:
        return None
    fields = value.split()
    return describe_cron(" ".join(fields[1:]) if len(fields) == 6 else value)


def parse(relpath: str, text: str) -> List[Trigger]:
    try:
        data = json.loads(text)
    except ValueError:
        return []
    bindings = data.get("bindings") if isinstance(data, dict) else None
    if not isinstance(bindings, list):
        return []
    folder = posixpath.dirname(relpath)
    script = data.get("scriptFile") if isinstance(data.get("scriptFile"), str) else "__init__.py"
    entry = data.get("entryPoint") if isinstance(data.get("entryPoint"), str) else "main"
    path = posixpath.normpath(posixpath.join(folder, script))
    if not path.endswith(".py") or path.startswith(".."):
        return []
    module = path[: -len(".py")].replace("/", ".")
    module = module[: -len(".__init__")] if module.endswith(".__init__") else module
    target = f"{module}.{entry}"
    for binding in bindings:
        kind = binding.get("type") if isinstance(binding, dict) else None
        if not isinstance(kind, str) or not kind.endswith("Trigger") or binding.get("direction", "in") != "in":
            continue
        line = line_of(text, f'"{kind}"')
        what = f"Azure Functions {kind} ({relpath}) -> {target}"
        if kind == "httpTrigger":
            return [Trigger(kind="real-time", source=SOURCE_ID, target=["str", target], line=line, note=what)]
        if kind == "timerTrigger":
            words = _schedule(binding.get("schedule"))
            note = f"{what}, schedule '{binding.get('schedule')}'" + (f" ({words})" if words else "")
            return [Trigger(kind="scheduled", source=SOURCE_ID, target=["str", target], line=line, note=note,
                            schedule=words)]
        return [Trigger(kind="near-real-time", source=SOURCE_ID, target=["str", target], line=line, note=what)]
    return []


SOURCE = Source(SOURCE_ID, matches, parse)
