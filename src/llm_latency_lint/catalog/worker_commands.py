"""Command lines that start a task queue's worker: ``celery -A proj worker``.

A worker runs every task registered with its app whenever a message names one, so a task nothing
in the scan sends by name (``send_task(name_read_from_a_row)``, another service's producer) is
still run for an event, never by a person waiting: the key ``celery-worker:<app>`` tells the
project stage a worker is deployed (``project/worker_tasks.py``).
"""
from __future__ import annotations

from typing import List

CELERY_WORKER = "celery-worker:"
# Options naming the app: ``-A proj``, ``--app proj``, ``--app=proj``, ``-Aproj``.
_APP_OPTIONS = ("-A", "--app")
# Options adding modules the worker imports: ``-I pkg.tasks,pkg.more``, ``--include=...``.
_INCLUDE_OPTIONS = ("-I", "--include")
WORKER_INCLUDE = "celery-worker-include:"
# The sub-commands that start a worker (``multi start`` starts several).
_WORKER_WORDS = frozenset({"worker", "multi"})


def celery_keys(args: List[str]) -> List[str]:
    """``celery [-A app] worker ...`` (after ``celery`` or ``python -m celery``) -> ``celery-worker:app``
    (``*`` when no app is named), and ``celery-worker-include:<module>`` for each module its
    ``-I``/``--include`` option adds; ``celery beat`` / ``flower`` / ``inspect`` start no worker."""
    app, worker, index = "", False, 0
    included: List[str] = []
    while index < len(args):
        word = args[index]
        if word in _APP_OPTIONS and index + 1 < len(args):
            app, index = args[index + 1], index + 2
            continue
        if word in _INCLUDE_OPTIONS and index + 1 < len(args):
            included.extend(args[index + 1].split(","))
            index += 2
            continue
        if word.startswith("--app="):
            app = word[len("--app="):]
        elif word.startswith("--include="):
            included.extend(word[len("--include="):].split(","))
        elif word.startswith("-A") and len(word) > 2:
            app = word[2:]
        elif word.startswith("-I") and len(word) > 2:
            included.extend(word[2:].split(","))
        elif word in _WORKER_WORDS:
            worker = True
        index += 1
    if not worker:
        return []
    return [CELERY_WORKER + (app or "*")] + [WORKER_INCLUDE + name for name in included if name]

# Triggers a task queue's recogniser puts on every registered task (``triggers/celery.py``): each
# counts only where a command in the repository starts that queue's worker (the key prefix here),
# and not for a task a schedule names (a beat entry matching two tasks by name leaves both alone).
WORKER_TASK_SOURCES = {"celery-task": CELERY_WORKER}
# The modules a Celery app declares its workers import (``triggers/celery_apps.py``): entry keys
# ``celery-app-loads:<module>`` (``*``: not knowable), read by ``project/worker_programs.py``.
APP_LOADS = "celery-app-loads"
ANY_MODULE = "*"
