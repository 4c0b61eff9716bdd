"""Terraform schedules that start an ECS task (``sources/terraform.py`` reads the rest).

``resource "aws_scheduler_schedule" { target { ecs_parameters { task_definition_arn = ... } } }``
and an ``aws_cloudwatch_event_target`` with ``ecs_target`` under a rule with a
``schedule_expression`` run a Fargate (or EC2) task on a timer: the container ``command`` of its task
definition when the file declares one (``command = ["python", "-m", "jobs.digest"]``) — unless the
target's ``input`` overrides it (``containerOverrides = [{ command = [...] }]``, in HCL or JSON): one
task definition often serves a long-running service and, overridden, each scheduled job —, else the
repository's image (``docker:Dockerfile``), as a Cloud Run job a Cloud Scheduler job starts. A
schedule expression held in a variable (``var.schedule_cron``) is unread: the trigger still counts.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from llm_latency_lint.catalog.sources._entries import schedule_triggers
from llm_latency_lint.catalog.sources._hcl import Block, _attr, _list, _ref
from llm_latency_lint.model import Trigger

TASK_DEFINITION = "aws_ecs_task_definition"
REPOSITORY_IMAGE = "docker:Dockerfile"
OVERRIDES = "containerOverrides"  # a target's ``input`` key replacing the task definition's command
_COMMAND = re.compile(r'"?command"?\s*[:=]\s*\[([^\]]*)\]')


def scheduled_tasks(relpath: str, blocks: List[Block]) -> List[Trigger]:
    """A scheduled ECS task's trigger per schedule whose target starts one."""
    from llm_latency_lint.catalog.schedule_words import aws_schedule_words

    tasks = {f"{TASK_DEFINITION}.{name}": body for kind, name, _, body in blocks if kind == TASK_DEFINITION}
    rules: Dict[str, Tuple[str, int]] = {f"{kind}.{name}": (body, line) for kind, name, line, body in blocks
                                         if kind == "aws_cloudwatch_event_rule"}
    found: List[Trigger] = []
    for kind, name, line, body in blocks:
        expr: Optional[str] = None
        if kind == "aws_scheduler_schedule" and "ecs_parameters" in body:
            expr, what = _attr(body, "schedule_expression"), f"EventBridge Scheduler '{name}'"
        elif kind == "aws_cloudwatch_event_target" and "ecs_target" in body:
            rule = rules.get(_ref(body, "rule") or "")
            if rule is None or "schedule_expression" not in rule[0]:
                continue  # an event pattern's rule, or one another file declares
            expr, what, line = _attr(rule[0], "schedule_expression"), f"EventBridge rule '{name}'", rule[1]
        else:
            continue
        task = tasks.get(_ref(body, "task_definition_arn") or "")
        command = " ".join(_overridden(body) or (_list(task, "command") if task else []))
        note = f"{what}{f' {expr!r}' if expr else ''} starts an ECS task ({relpath})"
        schedule = aws_schedule_words(expr) if expr else None
        found.extend(schedule_triggers("scheduled", "terraform", command, line, note, schedule,
                                       keys=None if command else [REPOSITORY_IMAGE]))
    return found


def _overridden(target: str) -> List[str]:
    """The command a schedule's target ``input`` gives the container (HCL ``jsonencode`` or a JSON
    string, escaped quotes and all), which replaces the task definition's."""
    text = target.replace('\\"', '"')
    at = text.find(OVERRIDES)
    found = _COMMAND.search(text, at) if at >= 0 else None
    return re.findall(r'"([^"]*)"', found.group(1)) if found else []
