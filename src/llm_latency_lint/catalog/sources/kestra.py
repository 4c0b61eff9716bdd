"""Kestra flows: a YAML document with ``id``, ``namespace`` and ``tasks`` of ``io.kestra`` types.

A flow's ``triggers`` say when it runs: a ``Schedule`` trigger (``cron``, or a nickname such as
``@daily``) is a schedule; ``Webhook``, ``Flow`` (another flow finished) and polling triggers
start it when something happens: near-real-time. Its script tasks' ``commands``
(``io.kestra.plugin.scripts.python.Commands``, ``...shell.Commands``, the legacy
``io.kestra.core.tasks.scripts.Bash``), nested in ``WorkingDirectory`` / ``Parallel`` /
``Sequential`` tasks too, are what runs. Inline ``script:`` tasks are not files of the
repository and run nothing it holds. A flow without triggers is run by hand: no trigger.
"""
from __future__ import annotations

from typing import Any, Iterator, List, Optional, Tuple

from llm_latency_lint.catalog.sources import _yaml
from llm_latency_lint.catalog.sources._entries import schedule_triggers
from llm_latency_lint.model import Trigger

HINT = "io.kestra"
_NESTED = ("tasks", "then", "else", "finally")  # not ``errors``: they run on failure only


def is_flow(doc: Any) -> bool:
    return (isinstance(doc, dict) and isinstance(doc.get("tasks"), list) and "namespace" in doc
            and "id" in doc)


def parse_flow(relpath: str, doc: dict) -> List[Trigger]:
    whens = list(_whens(doc))
    if not whens:
        return []
    name = f"Kestra flow '{doc.get('namespace')}.{doc.get('id')}'"
    found: List[Trigger] = []
    for command, line in _commands(doc):
        for kind, words, shown, trigger_line in whens:
            found.extend(schedule_triggers(kind, "kestra", command, trigger_line or line,
                                           f"{name} {shown} ({relpath})", words))
    return found


def _whens(doc: dict) -> Iterator[Tuple[str, Optional[str], str, int]]:
    """(class, schedule in words, text, line) per trigger."""
    from llm_latency_lint.catalog.schedule_words import describe_cron

    triggers = doc.get("triggers")
    for trigger in triggers if isinstance(triggers, list) else []:
        if not isinstance(trigger, dict) or not isinstance(trigger.get("type"), str):
            continue
        kind = trigger["type"].rsplit(".", 1)[-1]
        line = _yaml.line(trigger, "type")
        if trigger.get("disabled") is True:
            continue
        if kind == "Schedule" and isinstance(trigger.get("cron"), str):
            cron = trigger["cron"]
            zone = f" {trigger['timezone']}" if isinstance(trigger.get("timezone"), str) else ""
            yield "scheduled", describe_cron(cron), f"Schedule trigger cron '{cron}'{zone}", _yaml.line(trigger, "cron", line)
        elif kind == "Schedule":
            yield "scheduled", None, "Schedule trigger", line
        else:
            yield "near-real-time", None, f"{kind} trigger (runs when something happens)", line


def _commands(node: Any) -> Iterator[Tuple[str, int]]:
    if isinstance(node, list):
        for item in node:
            yield from _commands(item)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("type")
    if isinstance(kind, str) and "kestra" in kind and isinstance(node.get("commands"), list):
        for command in _yaml.strings(node["commands"]):
            yield command, _yaml.line(node, "commands")
    for key in _NESTED:
        if key in node:
            yield from _commands(node[key])
