"""Frappe apps' ``hooks.py``: ``scheduler_events = {"daily": ["app.tasks.fn"], "cron": {...}}``.

Targets are the dotted paths as strings; the graph resolves them to project functions.
"""
from __future__ import annotations

from typing import List, Optional

import libcst as cst

from llm_latency_lint.catalog import schedule_words
from llm_latency_lint.catalog.triggers.api import Context, Recognizer
from llm_latency_lint.catalog.triggers.schedule_args import scheduled

SOURCE = "frappe"
# event -> words; the *_long variants run on the long-job queue at the same frequency.
EVENTS = {
    "all": "every scheduler tick (about 4 minutes)",
    "hourly": "hourly", "hourly_long": "hourly",
    "daily": "daily", "daily_long": "daily",
    "weekly": "weekly", "weekly_long": "weekly",
    "monthly": "monthly", "monthly_long": "monthly",
    "yearly": "yearly", "annual": "yearly",
}


class Frappe(Recognizer):
    id = "frappe"
    words = ("scheduler_events",)

    def on_assign(self, ctx: "Context", targets: List[str], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        if "scheduler_events" not in targets or not isinstance(value, cst.Dict):
            return
        for element in value.elements:
            if not isinstance(element, cst.DictElement):
                continue
            event = ctx.literal(element.key)
            if event == "cron" and isinstance(element.value, cst.Dict):
                for cron in element.value.elements:
                    expr = ctx.literal(cron.key) if isinstance(cron, cst.DictElement) else None
                    if isinstance(expr, str):
                        label = f"scheduler_events['cron']['{expr}']"
                        self._paths(ctx, label, cron.value, schedule_words.describe_cron(expr))
            elif isinstance(event, str) and event in EVENTS:
                self._paths(ctx, f"scheduler_events['{event}']", element.value, EVENTS[event])

    def _paths(self, ctx: "Context", label: str, node: cst.BaseExpression, words: Optional[str]) -> None:
        if not isinstance(node, (cst.List, cst.Tuple)):
            return
        for element in node.elements:
            path = ctx.literal(element.value)
            if isinstance(path, str) and path:
                scheduled(ctx, SOURCE, ["str", path], element.value, f"{label} runs {path}", words)


RECOGNIZERS = [Frappe()]
