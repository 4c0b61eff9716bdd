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
# The sub-commands that start a worker (``multi start`` starts several).
_WORKER_WORDS = frozenset({"worker", "multi"})


def celery_keys(args: List[str]) -> List[str]:
    """``celery [-A app] worker ...`` (after ``celery`` or ``python -m celery``) -> ``celery-worker:app``
    (``*`` when no app is named); ``celery beat`` / ``flower`` / ``inspect`` start no worker."""
    app, worker, index = "", False, 0
    while index < len(args):
        word = args[index]
        if word in _APP_OPTIONS and index + 1 < len(args):
            app, index = args[index + 1], index + 2
            continue
        if word.startswith("--app="):
            app = word[len("--app="):]
        elif word.startswith("-A") and len(word) > 2:
            app = word[2:]
        elif word in _WORKER_WORDS:
            worker = True
        index += 1
    return [CELERY_WORKER + (app or "*")] if worker else []

# Triggers a task queue's recogniser puts on every registered task (``triggers/celery.py``): each
# counts only where a command in the repository starts that queue's worker (the key prefix here),
# and not for a task a schedule names (a beat entry matching two tasks by name leaves both alone).
WORKER_TASK_SOURCES = {"celery-task": CELERY_WORKER}
