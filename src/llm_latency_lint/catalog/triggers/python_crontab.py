"""A crontab a repository's Python installs with python-crontab (``pip install python-crontab``).

``cron = CronTab(user=True); job = cron.new(command="cd /srv/app && python digest.py");
job.setall("0 8 * * *"); cron.write()`` writes a line to the user's crontab: the command runs on
that schedule, like a crontab line a shell script installs (``sources/shell.py``). The command is
followed like any crontab line's (``catalog.command_lines``); the schedule is the file's one
``setall("<cron>")`` literal when there is one (``job.minute.every(5)`` and other field setters
leave it unnamed: still scheduled).
"""
from __future__ import annotations

from typing import List, Optional, Tuple

import libcst as cst

from llm_latency_lint.catalog.command_lines import entry_keys
from llm_latency_lint.catalog.triggers.api import Context, Recognizer
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.literals import arg

# https://pypi.org/project/python-crontab/: the package imports as ``crontab``.
NEW_JOB = "new"  # ``CronTab.new(command=..., comment=...)``
SET_SCHEDULE = "setall"  # ``CronItem.setall("0 8 * * *")``


class PythonCrontab(Recognizer):
    id = "python-crontab"
    words = ("CronTab",)

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        if not ctx.imports("crontab"):  # python-crontab's package
            return
        jobs: List[Tuple[int, str]]
        jobs, schedules = ctx.state(self, lambda: ([], []))
        method = node.func.attr.value if isinstance(node.func, cst.Attribute) else ""
        if method == NEW_JOB:
            command = ctx.literal(arg(node, "command", 0))
            if isinstance(command, str):
                jobs.append((ctx.line(node), command))
        elif method == SET_SCHEDULE:
            expr = ctx.literal(arg(node, "setall", 0))
            if isinstance(expr, str):
                schedules.append(expr)

    def on_module_end(self, ctx: "Context") -> None:
        from llm_latency_lint.catalog.schedule_words import describe_cron

        jobs, schedules = ctx.state(self, lambda: ([], []))
        expr = schedules[0] if len(set(schedules)) == 1 else None
        for line, command in jobs:
            self._add(ctx, line, command, expr, describe_cron(expr) if expr else None)

    def _add(self, ctx: "Context", line: int, command: str, expr: Optional[str], schedule: Optional[str]) -> None:
        cron = f" '{expr}'" if expr else ""
        for key in entry_keys(command):
            ctx.add_trigger(Trigger(kind="scheduled", source="python-crontab", target=["entry", key], line=line,
                                    note=f"{ctx.path} installs a crontab job{cron} (python-crontab) running "
                                         f"{key.split(':', 1)[1]}", schedule=schedule))


RECOGNIZERS = [PythonCrontab()]
