"""Prefect deployments declared in YAML (read by ``manifests.py``).

``deployments: [{name, entrypoint: "flows/digest.py:daily", schedules: [{cron: "0 7 * * *"}]}]``
(``prefect.yaml``), one ``deployment: {name, entrypoint, ...}`` mapping, or a Prefect 2
``prefect deployment build`` file (``entrypoint`` with ``flow_name`` / ``work_queue_name`` at the
top): the Prefect server runs the flow on every schedule (``cron``, ``interval`` in seconds,
``rrule``; the legacy single ``schedule``). A schedule with ``active: false`` runs nothing. A
``prefect.yaml``'s entrypoint is relative to its folder (``prefect deploy`` runs there); another
file's (``deployments/digest.yaml``, ``prefect deploy --prefect-file ...`` from the project) to the
project, and the graph matches the dotted name by its tail. A deployment with no schedule is run
when someone submits it (the UI, ``prefect deployment run``) and reads the result later:
near-real-time, as weak evidence (like a Dagster job no schedule starts), so a schedule of the
same flow elsewhere wins.
"""
from __future__ import annotations

import posixpath
from typing import Any, List, Optional

from llm_latency_lint.catalog.sources import _yaml
from llm_latency_lint.model import Trigger

SOURCE_ID = "prefect-yaml"
HINT = "entrypoint"


MANUAL = "submitted by hand (no schedule; manual runs: weak evidence)"
# Keys of a Prefect 2 ``deployment build`` file beside its top-level ``entrypoint``.
_BUILD_KEYS = ("flow_name", "work_queue_name", "work_pool_name", "infra_overrides", "storage")


def _deployments(doc: Any) -> List[Any]:
    if not isinstance(doc, dict):
        return []
    if isinstance(doc.get("deployments"), list):
        return list(doc["deployments"])
    if isinstance(doc.get("deployment"), dict):
        return [doc["deployment"]]
    return [doc] if isinstance(doc.get("entrypoint"), str) and any(k in doc for k in _BUILD_KEYS) else []


def is_deployments(doc: Any) -> bool:
    return any(isinstance(d, dict) and isinstance(d.get("entrypoint"), str) for d in _deployments(doc))


def _words(schedule: dict) -> Optional[str]:
    from llm_latency_lint.catalog.schedule_words import describe_cron, interval

    if isinstance(schedule.get("cron"), str):
        return describe_cron(schedule["cron"])
    if isinstance(schedule.get("interval"), (int, float)) and not isinstance(schedule.get("interval"), bool):
        return interval(float(schedule["interval"]))
    return None


def parse_deployments(relpath: str, doc: dict) -> List[Trigger]:
    found: List[Trigger] = []
    folder = posixpath.dirname(relpath) if posixpath.basename(relpath) in ("prefect.yaml", "prefect.yml") else ""
    for deployment in _deployments(doc):
        entry = deployment.get("entrypoint") if isinstance(deployment, dict) else None
        if not isinstance(entry, str) or ":" not in entry:
            continue
        path, _, flow = entry.rpartition(":")
        path = posixpath.normpath(posixpath.join(folder, path))
        if not path.endswith(".py") or path.startswith(".."):
            continue
        target = f"{path[:-3].replace('/', '.')}.{flow}"
        schedules = deployment.get("schedules")
        listed = schedules if isinstance(schedules, list) else [deployment.get("schedule")]
        if not any(isinstance(schedule, dict) for schedule in listed):  # none at all: run by hand
            note = f"Prefect deployment '{deployment.get('name', '?')}' in {relpath} {MANUAL} runs {entry}"
            found.append(Trigger(kind="near-real-time", source=SOURCE_ID, target=["str", target],
                                 line=_yaml.line(deployment, "entrypoint"), note=note, weak=True))
        for schedule in listed:
            if not isinstance(schedule, dict) or schedule.get("active") is False:
                continue
            if not any(isinstance(schedule.get(k), (str, int, float)) for k in ("cron", "interval", "rrule")):
                continue
            words = _words(schedule)
            spec = next(f"{k}: {schedule[k]}" for k in ("cron", "interval", "rrule") if k in schedule)
            note = f"Prefect deployment '{deployment.get('name', '?')}' ({spec}) in {relpath} runs {entry}"
            found.append(Trigger(kind="scheduled", source=SOURCE_ID, target=["str", target],
                                 line=_yaml.line(deployment, "entrypoint"), note=note, schedule=words))
    return found
