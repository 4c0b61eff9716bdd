"""Prefect deployments declared in ``prefect.yaml`` (read by ``manifests.py``).

``deployments: [{name, entrypoint: "flows/digest.py:daily", schedules: [{cron: "0 7 * * *"}]}]``:
``prefect deploy`` registers each deployment, and the Prefect server runs its flow on every
schedule (``cron``, ``interval`` in seconds, ``rrule``; the legacy single ``schedule``). A
schedule with ``active: false`` runs nothing. The entrypoint's path is relative to the project
(the YAML file's folder). Deployments with no schedule run when someone triggers them (the UI,
an automation, ``run_deployment``): no trigger here.
"""
from __future__ import annotations

import posixpath
from typing import Any, List, Optional

from llm_latency_lint.catalog.sources import _yaml
from llm_latency_lint.model import Trigger

SOURCE_ID = "prefect-yaml"
HINT = "entrypoint"


def is_deployments(doc: Any) -> bool:
    items = doc.get("deployments") if isinstance(doc, dict) else None
    return isinstance(items, list) and any(isinstance(d, dict) and isinstance(d.get("entrypoint"), str) for d in items)


def _words(schedule: dict) -> Optional[str]:
    from llm_latency_lint.catalog.schedule_words import describe_cron, interval

    if isinstance(schedule.get("cron"), str):
        return describe_cron(schedule["cron"])
    if isinstance(schedule.get("interval"), (int, float)) and not isinstance(schedule.get("interval"), bool):
        return interval(float(schedule["interval"]))
    return None


def parse_deployments(relpath: str, doc: dict) -> List[Trigger]:
    found: List[Trigger] = []
    folder = posixpath.dirname(relpath)
    for deployment in doc["deployments"]:
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
