"""Vercel Cron Jobs: ``vercel.json`` ``{"crons": [{"path": "/api/cron", "schedule": "0 7 * * *"}]}``.

Vercel sends a GET to the path on the project's production deployment, so each job is the key
``url:GET <path>``: the project's own route at that path (``project/route_entries.py``; a Python
function file, ``api/cron.py``, serves ``/api/cron``). Scheduled.
"""
from __future__ import annotations

import json
from typing import List

from llm_latency_lint.catalog.sources import Source
from llm_latency_lint.catalog.sources._entries import line_of, schedule_triggers
from llm_latency_lint.model import Trigger


def matches(relpath: str, name: str) -> bool:
    return name in ("vercel.json", "now.json")


def parse(relpath: str, text: str) -> List[Trigger]:
    from llm_latency_lint.catalog.schedule_words import describe_cron

    data = json.loads(text)
    crons = data.get("crons") if isinstance(data, dict) else None
    found: List[Trigger] = []
    for job in crons if isinstance(crons, list) else []:
        path, schedule = (job.get("path"), job.get("schedule")) if isinstance(job, dict) else (None, None)
        if not isinstance(path, str) or not path.startswith("/") or not isinstance(schedule, str):
            continue
        what = f"Vercel cron '{schedule}' ({relpath})"
        found.extend(schedule_triggers("scheduled", "vercel-cron", "", line_of(text, f'"{path}"'), what,
                                       describe_cron(schedule), keys=[f"url:GET {path}"]))
    return found


SOURCE = Source("vercel", matches, parse)
