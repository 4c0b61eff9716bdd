"""YAML lists of scheduled jobs (read by ``manifests.py``): App Engine ``cron.yaml`` and its kin.

- App Engine: ``cron: [{url: /tasks/summary, schedule: "every 24 hours"}]``: the Cron Service
  sends a GET to the app's own route (the key ``url:GET /tasks/summary``, matched against the
  project's routes by ``project/route_entries.py``); its English schedules (``every 24 hours``,
  ``every day 07:00``, ``every monday 09:00``, ``every 5 minutes from 10:00 to 14:00``) are put in
  words, others quoted.
- A list of jobs, each a cron ``schedule`` (``cron`` / ``cronSchedule``) and a ``command`` (``run``
  / ``cmd`` / ``startCommand``), under ``crons`` / ``cron`` / ``jobs`` / ``schedules`` (a Render-style
  ``crons:`` file, Porter-style ``type: job`` services): the command runs, like a crontab line's
  (a ``curl`` to the app's own route included). The schedule must read as five cron fields.
"""
from __future__ import annotations

import re
from typing import Any, List, Optional

from llm_latency_lint.catalog.sources import _yaml
from llm_latency_lint.catalog.sources._entries import schedule_triggers
from llm_latency_lint.model import Trigger

LIST_KEYS = ("cron", "crons", "jobs", "schedules", "scheduled_tasks", "services")
SCHEDULE_KEYS = ("schedule", "cron", "cronSchedule", "cron_schedule")
COMMAND_KEYS = ("command", "run", "cmd", "startCommand", "start_command")
_DAYS = {"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6}
_EVERY = re.compile(r"^every\s+(\d+)\s+(min(?:ute)?s?|hours?)\b", re.IGNORECASE)
_AT = re.compile(r"^every\s+([a-z, ]+?)\s+(\d{1,2}):(\d{2})$", re.IGNORECASE)
_CRON = re.compile(r"^\s*(?:[\d*/,\-A-Za-z]+\s+){4}[\d*/,\-A-Za-z]+\s*$")


def _jobs(doc: Any) -> List[Any]:
    if not isinstance(doc, dict):
        return []
    return [job for key in LIST_KEYS if isinstance(doc.get(key), list) for job in doc[key]
            if isinstance(job, dict) and (key != "services" or job.get("type") == "job")]  # Render's are ``type: cron``


def is_cron_list(doc: Any) -> bool:
    return any(_schedule(job) and (isinstance(job.get("url"), str) or _command(job)) for job in _jobs(doc))


def _schedule(job: Any) -> Optional[str]:
    return next((job[k] for k in SCHEDULE_KEYS if isinstance(job.get(k), str)), None)


def _command(job: Any) -> Optional[str]:
    return next((job[k] for k in COMMAND_KEYS if isinstance(job.get(k), str)), None)


def parse_cron_list(relpath: str, doc: Any) -> List[Trigger]:
    from llm_latency_lint.catalog.schedule_words import describe_cron

    found: List[Trigger] = []
    for job in _jobs(doc):
        schedule = _schedule(job)
        if schedule is None:
            continue
        line = _yaml.line(job, "schedule") or _yaml.line(job, next(iter(job), ""))
        name = job.get("description") or job.get("name") or "?"
        url, command = job.get("url"), _command(job)
        if isinstance(url, str) and url.startswith("/"):  # App Engine: a GET to the app's own route
            what = f"App Engine cron '{name}' '{schedule}' ({relpath})"
            found.extend(schedule_triggers("scheduled", "app-engine-cron", "", line, what,
                                           appengine_words(schedule), keys=[f"url:GET {url}"]))
        elif command and _CRON.match(schedule) and job.get("type", "cron") in ("cron", "job"):
            what = f"cron job '{name}' '{schedule}' ({relpath})"
            found.extend(schedule_triggers("scheduled", "cron-list", command, line, what, describe_cron(schedule)))
    return found


def appengine_words(schedule: str) -> str:
    """App Engine's English schedule in the evidence's words: ``every day 07:00`` -> ``daily 07:00``."""
    from llm_latency_lint.catalog.schedule_words import describe_cron, interval

    text = " ".join(schedule.split())
    every = _EVERY.match(text)
    if every:
        unit = 3600 if every.group(2).lower().startswith("hour") else 60
        return interval(int(every.group(1)) * unit)
    at = _AT.match(text)
    if at:
        days = [d.strip().lower()[:3] for d in at.group(1).split(",")]
        hour, minute = int(at.group(2)), int(at.group(3))
        if days == ["day"]:
            return describe_cron(f"{minute} {hour} * * *")
        if all(d in _DAYS for d in days) and hour < 24 and minute < 60:
            return describe_cron(f"{minute} {hour} * * {','.join(str(_DAYS[d]) for d in days)}")
    return f"'{text}'"


_ITEM = re.compile(r"^(\s*)-\s+(.*)$")
_PAIR = re.compile(r"^\s*([A-Za-z_]+):\s*(.*?)\s*$")


def lenient(relpath: str, text: str) -> List[Trigger]:
    """Jobs of a list YAML rejects, read line by line: ``command: curl ... -H "x-api-key: $K"``
    unquoted is a YAML error (``: `` inside a plain scalar) that hosted cron dashboards still show."""
    jobs: List[_yaml.Mapping] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        item = _ITEM.match(raw)
        if item:
            jobs.append(_yaml.Mapping())
            jobs[-1].lines = {}
            raw = item.group(1) + "  " + item.group(2)
        pair = _PAIR.match(raw)
        if not jobs or not pair or pair.group(1) in jobs[-1]:
            continue
        value = pair.group(2)
        if pair.group(1) in SCHEDULE_KEYS:
            value = value.split(" #", 1)[0].strip()
        jobs[-1][pair.group(1)] = value.strip("\"'") if value[:1] in "\"'" and value[-1:] == value[:1] else value
        jobs[-1].lines[pair.group(1)] = number
    return parse_cron_list(relpath, {"crons": jobs})
