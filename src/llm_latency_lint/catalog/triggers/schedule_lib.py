"""The ``schedule`` package (and its asyncio twin ``aioschedule``).

A job is a fluent chain read from the ``.do(job)`` call back to ``every(n)``:
``schedule.every().monday.at("07:00").do(job)``; ``@repeat(every().hour)`` decorates the job.
``schedule.run_all()`` runs the file's jobs at once: a call for whoever makes it (a ``/run``
command), a hand-off when given to a thread.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import libcst as cst

from llm_latency_lint.catalog import schedule_words
from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.schedule_args import (
    callable_target,
    compact,
    imports_any,
    last_name,
    scheduled,
)
from llm_latency_lint.model import CallRef
from llm_latency_lint.syntax.literals import positional

SOURCE = "schedule"
ROOTS = ("schedule", "aioschedule")
UNIT_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
IGNORED = frozenset({"tag", "until"})
# ``schedule.run_all()``: every job registered in the file, now (jobs of other files are not followed).
RUN_ALL = frozenset(f"{root}.run_all" for root in ROOTS)
THREAD_STARTS = frozenset({"threading.Thread", "threading.Timer", "multiprocessing.Process"})


@dataclass
class Chain:
    count: int = 1
    to: Optional[int] = None
    unit: str = ""
    at: Optional[str] = None
    readable: bool = True


class ScheduleLib(Recognizer):
    id = "schedule-lib"
    words = ("import schedule", "from schedule", "aioschedule")

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        self._run_all(ctx, node, callee)
        if not (isinstance(node.func, cst.Attribute) and node.func.attr.value == "do"):
            return
        chain = read_chain(ctx, node.func.value)
        if chain is None:
            return
        code = compact(ctx, node.func.value)
        target = callable_target(ctx, positional(node, 0))
        scheduled(ctx, SOURCE, target, node, code, chain_words(chain))
        if target is not None:
            ctx.state(self).setdefault("jobs", []).append(target)

    def _run_all(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        """``schedule.run_all()`` runs every registered job now, for whoever calls it; handed to a
        thread (``Thread(target=schedule.run_all).start()``) it runs them there, nobody waiting."""
        if callee in RUN_ALL:
            ctx.state(self).setdefault("runs", []).append((ctx.function, ctx.line(node), "call"))
            return
        for argument in node.args:
            if ctx.qualified(argument.value) in RUN_ALL:
                kind = "queue" if callee in THREAD_STARTS or last_name(node) == "submit" else "ref"
                ctx.state(self).setdefault("runs", []).append((ctx.function, ctx.line(node), kind))

    def on_module_end(self, ctx: "Context") -> None:
        state = ctx.state(self)
        for function, line, kind in state.get("runs", []):
            for job in state.get("jobs", []):
                note = "schedule.run_all() in another thread" if kind == "queue" else ""
                ctx.add_call(CallRef(job, line, 0, kind=kind, note=note), function)

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        for dec in decorators:
            if dec.call is None or dec.attr != "repeat" or not imports_any(ctx, ROOTS):
                continue
            job = positional(dec.call, 0)
            chain = read_chain(ctx, job) if job is not None else None
            if chain is not None and job is not None:
                note = f"@repeat({compact(ctx, job)})"
                scheduled(ctx, SOURCE, ["name", qualname], dec.node, note, chain_words(chain))


def read_chain(ctx: "Context", node: cst.BaseExpression) -> Optional[Chain]:
    """Walk ``every(n).<unit>.at(...)...`` back to ``every``; None when it is not such a chain."""
    chain = Chain()
    while True:
        if isinstance(node, cst.Attribute):
            name = node.attr.value
            if name.rstrip("s") in UNIT_SECONDS or name in WEEKDAYS:
                chain.unit = chain.unit or name
            else:
                chain.readable = False
            node = node.value
        elif isinstance(node, cst.Call) and isinstance(node.func, (cst.Attribute, cst.Name)):
            name = last_name(node)
            if name == "every":
                count = ctx.literal(positional(node, 0)) if node.args else 1
                chain.count = count if isinstance(count, int) else 0
                return chain if _is_schedule_every(ctx, node) and chain.unit else None
            if name == "at":
                at = ctx.literal(positional(node, 0))
                chain.at = at if isinstance(at, str) else None
            elif name == "to":
                to = ctx.literal(positional(node, 0))
                chain.to = to if isinstance(to, int) else None
            elif name not in IGNORED:
                return None
            if not isinstance(node.func, cst.Attribute):
                return None
            node = node.func.value
        else:
            return None


def _is_schedule_every(ctx: "Context", call: cst.Call) -> bool:
    name = ctx.qualified(call.func) or ""
    if any(name == f"{r}.every" for r in ROOTS):
        return True
    return imports_any(ctx, ROOTS) and isinstance(call.func, cst.Attribute)  # a Scheduler() instance


def chain_words(chain: Chain) -> Optional[str]:
    if not chain.readable or chain.count < 1:
        return None
    at = schedule_words.clock(chain.at) if chain.at else None
    if chain.unit in WEEKDAYS:
        day = chain.unit[:3].capitalize()
        return f"weekly {day} {at}" if at else f"weekly {day}"
    unit = chain.unit.rstrip("s")
    if chain.to is not None:
        return f"every {chain.count}-{chain.to} {unit}s"
    words = schedule_words.interval(chain.count * UNIT_SECONDS[unit])
    if at and unit == "day":
        return f"{words} {at}" if chain.count == 1 else f"{words} at {at}"
    if at and unit == "hour" and at.startswith(":"):
        return f"{words} at {at}"
    return words


RECOGNIZERS = [ScheduleLib()]
