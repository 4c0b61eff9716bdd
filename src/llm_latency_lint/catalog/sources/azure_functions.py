"""Azure Functions, Python v1 programming model: a folder per function holding ``function.json``.

``{"scriptFile": "__init__.py", "entryPoint": "main", "bindings": [{"type": "httpTrigger",
"direction": "in", ...}]}``: the trigger binding says what runs ``entryPoint`` (default ``main``)
of ``scriptFile`` (default ``__init__.py``, relative to the folder). ``httpTrigger``: real-time (a
route); ``timerTrigger``: scheduled (NCRONTAB ``schedule``: a seconds field first; a
``%Setting%`` from app settings has no words); every other trigger (queue, blob, Service Bus,
Event Hubs, Event Grid, Cosmos DB...): near-real-time; a queue or Service Bus trigger is also the
entry its queue's senders in the project run (``catalog/queues.py`` ``QUEUE_NAME_KEY``). The v2 model's decorators are Python
(``triggers/events.py``, ``triggers/web_routes.py``).
"""
from __future__ import annotations

import json
import posixpath
from typing import Any, List, Optional

from llm_latency_lint.catalog.queues import (
    QUEUE_CONSUMER_SOURCE,
    QUEUE_NAME_KEY,
    QUEUE_SEND_SOURCE,
    QUEUE_SENDER_KEY,
    binding_keys,
    queue_words,
)
from llm_latency_lint.catalog.sources import Source
from llm_latency_lint.catalog.sources._entries import line_of
from llm_latency_lint.model import Trigger

SOURCE_ID = "azure-functions-v1"
OUT_TYPES = frozenset({"queue", "serviceBus"})


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
    return _trigger(relpath, text, bindings, target) + _sends(relpath, text, bindings, target)


def _sends(relpath: str, text: str, bindings: List[Any], target: str) -> List[Trigger]:
    """Output bindings to a queue or Service Bus: the function sends to that queue (its consumer's entry)."""
    found: List[Trigger] = []
    for binding in bindings:
        if isinstance(binding, dict) and binding.get("direction") == "out" and binding.get("type") in OUT_TYPES:
            found.extend(Trigger(kind="entry", source=QUEUE_SEND_SOURCE, target=["entry", key],
                                 line=line_of(text, f'"{binding.get("type")}"'), entry_key=QUEUE_SENDER_KEY + target,
                                 note=f"{target} sends to {queue_words(key)} (an output binding, {relpath})")
                         for key in _named(binding_keys(binding)))
    return found


def _named(keys: List[str]) -> List[str]:
    """A sender's keys: the account only where the queue's name is no literal."""
    return [k for k in keys if k.startswith(QUEUE_NAME_KEY)] or keys


def _trigger(relpath: str, text: str, bindings: List[Any], target: str) -> List[Trigger]:
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
        event = Trigger(kind="near-real-time", source=SOURCE_ID, target=["str", target], line=line, note=what)
        return [event] + [Trigger(kind="entry", source=QUEUE_CONSUMER_SOURCE, target=["str", target], line=line,
                                  note=f"{what} reads {queue_words(key)}", entry_key=key)
                          for key in binding_keys(binding)]
    return []


SOURCE = Source(SOURCE_ID, matches, parse)
