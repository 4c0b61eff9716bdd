"""Registered queue tasks run by a worker the repository deploys (label policy 4).

A Celery task is registered with its app by its decorator; a worker started by a command in the
repository (compose, Procfile, Dockerfile, a shell script: ``celery -A proj worker``) runs it when
a message names it, whoever sends that message (``send_task(name)`` with a name read at run time,
another service). Its trigger (``catalog/triggers/celery.py``, weak: a send, a schedule or a call the
scan finds wins) counts only where such a worker command is in the repository, where that worker's
program imports the task's module (``project/worker_programs.py``, when knowable), and not for a
task a schedule's string names: a beat entry that matches two tasks by name must leave both ``unknown``.
"""
from __future__ import annotations

from typing import Callable, Dict, List, Optional, Set

from llm_latency_lint.catalog.worker_commands import WORKER_INCLUDE, WORKER_TASK_SOURCES
from llm_latency_lint.model import FileFacts, Trigger
from llm_latency_lint.project.symbols import Symbols
from llm_latency_lint.project.worker_programs import Loaded, worker_modules


def worker_gate(triggers: List[Trigger], symbols: Symbols) -> Callable[[Trigger, FileFacts], bool]:
    """Whether a trigger (declared in a file) counts as far as deployed workers go: every trigger
    but a worker task's does; a worker task's where its queue's worker command is in the repository
    and that worker imports the task's module."""
    started: Set[str] = set()
    apps: Dict[str, Set[str]] = {}  # a worker key prefix -> the apps its commands name
    included: Set[str] = set()  # modules a worker command's ``-I`` adds
    named: Set[str] = set()  # last segments of the task names schedules give as strings
    for trigger in triggers:
        target = trigger.target
        if not target or len(target) < 2:
            continue
        if target[0] == "entry" and str(target[1]).startswith(WORKER_INCLUDE):
            included.add(str(target[1])[len(WORKER_INCLUDE):])
        elif target[0] == "entry":
            for prefix in WORKER_TASK_SOURCES.values():
                if str(target[1]).startswith(prefix):
                    started.add(prefix)
                    apps.setdefault(prefix, set()).add(str(target[1])[len(prefix):])
        elif target[0] == "str" and trigger.kind == "scheduled":
            named.add(_last(str(target[1])))
    names: Dict[str, Set[str]] = {}  # a task's function -> the last segments of the names it is registered by
    for name, qualname in symbols.task_names.items():
        names.setdefault(qualname, set()).add(_last(name))
    loaded: Dict[str, Optional[Loaded]] = {}

    def imported(prefix: str, module: str) -> bool:
        if prefix not in loaded:
            loaded[prefix] = worker_modules(symbols, sorted(apps.get(prefix, ())), sorted(included))
        found = loaded[prefix]
        return found is None or found(module)

    def counts(trigger: Trigger, facts: FileFacts) -> bool:
        prefix = WORKER_TASK_SOURCES.get(trigger.source)
        if prefix is None:
            return True
        qualname = str(trigger.target[1]) if len(trigger.target) > 1 else ""
        return (prefix in started and not (names.get(qualname, set()) | {_last(qualname)}) & named
                and imported(prefix, facts.module))

    return counts


def _last(name: str) -> str:
    return name.replace(":", ".").rsplit(".", 1)[-1]
