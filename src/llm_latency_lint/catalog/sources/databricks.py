"""Databricks jobs: asset bundles (``databricks.yml``, ``*.job.yml``) and job JSON (Jobs API).

A job's tasks run notebooks (``notebook_task.notebook_path``) and Python files
(``spark_python_task.python_file``); its schedule is ``schedule.quartz_cron_expression``
(Quartz: seconds first, ``?`` for "any", weekdays 1 = Sunday), put in words like every other
cron. ``trigger.periodic`` is an interval; ``trigger.file_arrival`` / ``table_update`` and
``continuous`` start runs when data lands or all the time: near-real-time. A paused schedule
is still a schedule (someone can unpause it) and its evidence says so.

Every job is also an entry point ``databricks:<job key>`` that ``databricks bundle run <key>``
in CI or a shell script names. Bundle paths are relative to the YAML file that declares them;
a notebook path without an extension (Databricks drops it) matches ``.ipynb`` and ``.py``.
Bundle ``targets`` that override a job's schedule are read too.
"""
from __future__ import annotations

import json
import posixpath
import re
from typing import Any, Dict, Iterator, List, Optional, Tuple

from llm_latency_lint.catalog.sources import Source, _yaml
from llm_latency_lint.catalog.sources._entries import line_of
from llm_latency_lint.model import Trigger

_UNIT_SECONDS = {"MINUTES": 60, "HOURS": 3600, "DAYS": 86400, "WEEKS": 604800}
_MAX = {1: 59, 2: 23, 3: 31, 4: 12}  # Quartz field index -> highest value, for "start/step"


def matches(relpath: str, name: str) -> bool:
    lower = relpath.lower()
    if lower.startswith(".github/") or "/.github/" in lower:
        return False  # workflows and actions, whatever their names
    if name in ("databricks.yml", "databricks.yaml", "bundle.yml", "bundle.yaml"):
        return True
    if name.endswith((".job.yml", ".job.yaml", ".jobs.yml", ".jobs.yaml")):
        return True
    return name.endswith(".json") and ("job" in lower or "databricks" in lower)


def parse(relpath: str, text: str) -> List[Trigger]:
    if "notebook_task" not in text and "spark_python_task" not in text:
        return []
    folder = posixpath.dirname(relpath)
    if relpath.endswith(".json"):
        try:
            data = json.loads(text)
        except ValueError:
            return []
        return [t for key, job in _json_jobs(data) for t in _job(key, job, folder, text, None)]
    found: List[Trigger] = []
    for doc in _yaml.documents(text):
        for key, job in _bundle_jobs(doc):
            found.extend(_job(key, job, folder, text, job))
    return found


# ---- where jobs are ------------------------------------------------------------------------
def _bundle_jobs(doc: Any) -> Iterator[Tuple[str, Dict[str, Any]]]:
    if not isinstance(doc, dict):
        return
    base = _yaml.get(doc, "resources", "jobs")
    base = base if isinstance(base, dict) else {}
    for key, job in base.items():
        if isinstance(job, dict):
            yield str(key), job
    targets = doc.get("targets")
    for target in (targets.values() if isinstance(targets, dict) else []):
        jobs = _yaml.get(target, "resources", "jobs")
        for key, job in (jobs.items() if isinstance(jobs, dict) else []):
            if not isinstance(job, dict):
                continue
            merged = _yaml.Mapping({**(base.get(key) or {}), **job})
            merged.lines = {**getattr(base.get(key), "lines", {}), **getattr(job, "lines", {})}
            if merged != base.get(key):
                yield str(key), merged


def _json_jobs(data: Any, depth: int = 0) -> Iterator[Tuple[str, Dict[str, Any]]]:
    """Jobs API shapes: a job's settings, ``{"settings": ...}``, ``{"jobs": [...]}``, a list."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _json_jobs(item, depth + 1)
        return
    if not isinstance(data, dict):
        return
    if isinstance(data.get("settings"), dict):
        yield from _json_jobs(data["settings"], depth + 1)
        return
    if isinstance(data.get("tasks"), list) or "notebook_task" in data or "spark_python_task" in data:
        yield str(data.get("name") or data.get("job_id") or "job"), data
        return
    for key in ("jobs", "resources"):
        if key in data:
            yield from _json_jobs(data[key], depth + 1)


# ---- one job -------------------------------------------------------------------------------
def _job(key: str, job: Dict[str, Any], folder: str, text: str, mapping: Any) -> List[Trigger]:
    name = job.get("name") if isinstance(job.get("name"), str) else key
    runs = [(k, line) for k, line in _task_keys(job, folder, text)]
    if not runs:
        return []
    found: List[Trigger] = []
    job_line = _line_of(text, key) or 1
    for entry, line in runs:
        found.append(Trigger(kind="entry", source="databricks", target=["entry", entry], line=line or job_line,
                             note=f"Databricks job '{name}' task runs {_describe(entry)}", entry_key=f"databricks:{key}"))
    kind, words, shown, line = _schedule(job, text)
    if kind is None:
        return found
    for entry, _ in runs:
        found.append(Trigger(kind=kind, source="databricks", target=["entry", entry], line=line or job_line,
                             note=f"Databricks job '{name}' {shown} runs {_describe(entry)}", schedule=words))
    return found


def _task_keys(job: Dict[str, Any], folder: str, text: str) -> Iterator[Tuple[str, int]]:
    tasks: List[Any] = job["tasks"] if isinstance(job.get("tasks"), list) else [job]
    for task in tasks:
        if not isinstance(task, dict):
            continue
        inner = task.get("for_each_task")
        if isinstance(inner, dict) and isinstance(inner.get("task"), dict):
            task = inner["task"]
        notebook = _yaml.get(task, "notebook_task", "notebook_path")
        if isinstance(notebook, str) and notebook:
            for key in _path_keys(notebook, folder, (".ipynb", ".py")):
                yield key, _line_of(text, notebook)
        script = _yaml.get(task, "spark_python_task", "python_file")
        if isinstance(script, str) and script:
            for key in _path_keys(script, folder, (".py",)):
                yield key, _line_of(text, script)


def _path_keys(path: str, folder: str, suffixes: Tuple[str, ...]) -> List[str]:
    path = re.sub(r"^(?:dbfs:|file:|workspace:)", "", path)
    if path.startswith("${workspace.file_path}/"):
        path = path.split("/", 1)[1]
    if not path.startswith("/"):
        path = posixpath.normpath(posixpath.join(folder, path)) if folder else posixpath.normpath(path)
    path = path.lstrip("/")
    if path.endswith(suffixes):
        return [f"script:{path}"]
    return [f"script:{path}{suffix}" for suffix in suffixes]


def _schedule(job: Dict[str, Any], text: str) -> Tuple[Optional[str], Optional[str], str, int]:
    """(trigger kind or None, words, what the evidence shows, line)."""
    schedule = job.get("schedule")
    if isinstance(schedule, dict) and isinstance(schedule.get("quartz_cron_expression"), str):
        cron = schedule["quartz_cron_expression"]
        zone = schedule.get("timezone_id")
        paused = " (pause_status: PAUSED: paused now, still a schedule)" if schedule.get("pause_status") == "PAUSED" else ""
        shown = f"schedule quartz_cron_expression '{cron}'" + (f" {zone}" if isinstance(zone, str) else "") + paused
        return "scheduled", quartz_words(cron), shown, _line_of(text, cron)
    trigger = job.get("trigger")
    if isinstance(trigger, dict):
        paused = " (paused now, still a trigger)" if trigger.get("pause_status") == "PAUSED" else ""
        periodic = trigger.get("periodic")
        if isinstance(periodic, dict):
            from llm_latency_lint.catalog.schedule_words import interval

            unit, count = str(periodic.get("unit", "")).upper(), periodic.get("interval")
            words = interval(count * _UNIT_SECONDS[unit]) if isinstance(count, int) and unit in _UNIT_SECONDS else None
            return "scheduled", words, f"trigger periodic every {count} {unit.lower()}{paused}", _line_of(text, "periodic")
        for kind in ("file_arrival", "table_update", "table"):
            if kind in trigger:
                return "near-real-time", None, f"trigger {kind} (runs when data lands){paused}", _line_of(text, kind)
    if job.get("continuous"):
        return "near-real-time", None, "continuous (one run after another)", _line_of(text, "continuous")
    return None, None, "", 0


def quartz_words(expr: str) -> str:
    """A Quartz cron expression (``sec min hour day month weekday [year]``) in words."""
    from llm_latency_lint.catalog.schedule_words import describe_cron

    fields = expr.split()
    if len(fields) not in (6, 7) or fields[0] != "0" or any(c in expr for c in "LW#"):
        return f"Quartz cron '{expr}'"
    minute, hour, day, month, weekday = fields[1:6]
    parts = [minute, hour, day, month, weekday]
    for index, value in enumerate(parts[:4], 1):
        parts[index - 1] = re.sub(r"^(\d+)/(\d+)$", lambda m: f"{m.group(1)}-{_MAX[index]}/{m.group(2)}", value)
    parts = [("*" if p == "?" else p) for p in parts]
    parts[4] = re.sub(r"(?<![/\d])\d+", lambda m: str((int(m.group(0)) - 1) % 7), parts[4])
    words = describe_cron(" ".join(parts))
    return f"Quartz cron '{expr}'" if words.startswith("cron '") else words


def _line_of(text: str, value: str) -> int:
    return line_of(text, value, missing=0)


def _describe(key: str) -> str:
    return key.split(":", 1)[1]


SOURCE = Source("databricks", matches, parse)
