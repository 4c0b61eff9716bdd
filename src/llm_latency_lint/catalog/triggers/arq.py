"""arq cron jobs: ``cron(coroutine, hour=2, minute=0)``, usually in ``WorkerSettings.cron_jobs``."""
from __future__ import annotations

from typing import Optional

import libcst as cst

from llm_latency_lint.catalog import schedule_words
from llm_latency_lint.catalog.triggers.api import Context, Recognizer
from llm_latency_lint.catalog.triggers.schedule_args import (
    callable_target,
    compact,
    known,
    literal_kwargs,
    scheduled,
)
from llm_latency_lint.syntax.literals import arg

SOURCE = "arq"
CRON_FIELDS = ("month", "day", "weekday", "hour", "minute", "second")
CRON_CALLEES = frozenset({"arq.cron", "arq.cron.cron"})


class Arq(Recognizer):
    id = "arq"
    words = ("from arq", "import arq")

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        if callee not in CRON_CALLEES:
            return
        values = literal_kwargs(ctx, self, node, CRON_FIELDS)
        words = schedule_words.arq_cron(values) if known(values) else None
        target = callable_target(ctx, arg(node, "coroutine", 0))
        scheduled(ctx, SOURCE, target, node, f"arq {compact(ctx, node)}", words)


RECOGNIZERS = [Arq()]
