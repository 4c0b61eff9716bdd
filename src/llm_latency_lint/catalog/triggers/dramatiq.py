"""Dramatiq periodic actors: periodiq's ``@dramatiq.actor(periodic=cron("0 2 * * *"))`` and
dramatiq-crontab's ``@cron("0 2 * * *")`` above an actor.
"""
from __future__ import annotations

from typing import Sequence

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.schedule_args import (
    compact,
    cron_words,
    last_name,
    scheduled,
)
from llm_latency_lint.syntax.literals import kwarg, positional

SOURCE = "dramatiq-periodic"


class Dramatiq(Recognizer):
    id = "dramatiq-periodic"
    words = ("periodiq", "dramatiq_crontab", "periodic=")

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        for dec in decorators:
            if dec.call is None:
                continue
            name = dec.name or ""
            if name.startswith("dramatiq_crontab"):
                cron = positional(dec.call, 0)
                scheduled(ctx, SOURCE, ["name", qualname], dec.node, f"@{compact(ctx, dec.node.decorator)}",
                          cron_words(ctx, self, cron))
            elif dec.attr == "actor":
                periodic = kwarg(dec.call, "periodic")
                if isinstance(periodic, cst.Call) and last_name(periodic) == "cron":
                    scheduled(ctx, SOURCE, ["name", qualname], dec.node, f"@actor(periodic={compact(ctx, periodic)})",
                              cron_words(ctx, self, positional(periodic, 0)))


RECOGNIZERS = [Dramatiq()]
