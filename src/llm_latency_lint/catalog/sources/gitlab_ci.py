"""GitLab CI (``.gitlab-ci.yml`` and included ``*.gitlab-ci.yml``): scheduled pipelines.

A job runs in scheduled pipelines when its ``rules`` have an ``if`` on
``$CI_PIPELINE_SOURCE == "schedule"`` (not ``when: never``) or ``only: [schedules]`` (or the
``workflow: rules`` say so for every job): what its ``script`` runs is scheduled. The cron lives
in the project's pipeline-schedule settings, not in the file, so the evidence gives none. A job
that runs on other pipelines (push, merge requests) is near-real-time.
"""
from __future__ import annotations

import re
from typing import Any, List, Optional

from llm_latency_lint.catalog.sources import Source, _yaml
from llm_latency_lint.catalog.sources._entries import schedule_triggers
from llm_latency_lint.model import Trigger

RESERVED = {"stages", "variables", "default", "include", "workflow", "image", "services", "before_script",
            "after_script", "cache", "pages"}
_SCHEDULE_IF = re.compile(r"\$CI_PIPELINE_SOURCE\s*==\s*[\"']schedule[\"']")
_OTHER_IF = re.compile(r"\$CI_PIPELINE_SOURCE\s*==\s*[\"'](?!schedule)")


def matches(relpath: str, name: str) -> bool:
    return name == ".gitlab-ci.yml" or name.endswith(".gitlab-ci.yml")


def _runs_on(job: Any) -> Optional[str]:
    """``schedule`` (only scheduled pipelines), ``both``, ``other``, or None (no rules)."""
    rules = job.get("rules") if isinstance(job, dict) else None
    if isinstance(rules, list):
        schedule = other = False
        for rule in rules:
            if not isinstance(rule, dict) or rule.get("when") == "never":
                continue
            condition = rule.get("if")
            if isinstance(condition, str) and _SCHEDULE_IF.search(condition) and "||" not in condition:
                schedule = True
            else:
                other = True
        return "both" if schedule and other else "schedule" if schedule else "other"
    only = job.get("only") if isinstance(job, dict) else None
    refs = only.get("refs") if isinstance(only, dict) else only
    if isinstance(refs, list):
        return "schedule" if refs == ["schedules"] else "both" if "schedules" in refs else "other"
    return None


def parse(relpath: str, text: str) -> List[Trigger]:
    data = _yaml.load(text)
    if not isinstance(data, dict):
        return []
    pipeline = _runs_on(data.get("workflow")) if isinstance(data.get("workflow"), dict) else None
    found: List[Trigger] = []
    for name, job in data.items():
        if name in RESERVED or not isinstance(job, dict) or str(name).startswith("."):
            continue
        runs_on = _runs_on(job) or pipeline or "other"
        for key in ("before_script", "script"):
            for command in _yaml.strings(job.get(key)):
                line = _command_line(job, key, data, name)
                if runs_on in ("schedule", "both"):
                    found.extend(schedule_triggers(
                        "scheduled", "gitlab-ci", command, line,
                        f"GitLab job '{name}' in scheduled pipelines (cron set in the project's pipeline schedules)"))
                if runs_on in ("other", "both"):
                    found.extend(schedule_triggers(
                        "near-real-time", "gitlab-ci", command, line,
                        f"GitLab job '{name}' on push/merge-request pipelines (nobody watches the run)"))
    return found


def _command_line(job: Any, key: str, data: Any, name: Any) -> int:
    for probe in ("rules", "only", key):
        if probe in job:
            return _yaml.line(job, probe, _yaml.line(data, name, 1))
    return _yaml.line(data, name, 1)


SOURCE = Source("gitlab-ci", matches, parse)
