"""Modal scheduled functions: ``@app.function(schedule=modal.Cron(...) | modal.Period(...))``
(``@stub.function`` in older code)."""
from __future__ import annotations

from typing import Optional, Sequence

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.schedule_args import (
    compact,
    cron_words,
    interval_words,
    last_name,
    resolve,
    scheduled,
)
from llm_latency_lint.syntax.literals import arg, kwarg

SOURCE = "modal"


class Modal(Recognizer):
    id = "modal"
    words = ("import modal", "from modal")

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        for dec in decorators:
            if dec.call is None or dec.attr != "function":
                continue
            given = kwarg(dec.call, "schedule")
            schedule = resolve(ctx, self, given)
            if given is None or not isinstance(schedule, cst.Call):
                continue
            kind = last_name(schedule)
            from_modal = ctx.imports("modal") or (ctx.qualified(schedule.func) or "").startswith("modal")
            if kind not in ("Cron", "Period") or not from_modal:
                continue
            words = self._words(ctx, schedule, kind)
            scheduled(ctx, SOURCE, ["name", qualname], dec.node, f"modal schedule={compact(ctx, given)}", words)

    def _words(self, ctx: "Context", schedule: cst.Call, kind: str) -> Optional[str]:
        if kind == "Cron":
            return cron_words(ctx, self, arg(schedule, "cron_string", 0))
        return interval_words(ctx, self, schedule)


RECOGNIZERS = [Modal()]
