"""In-process periodic jobs: ``while True: work(); await asyncio.sleep(3600)``.

In a function, or at a script's top level / ``__main__`` block (running the script starts it).

A function that loops and sleeps a long while between rounds is a schedule of its own, started
once (``asyncio.create_task(loop())``, a thread, ``asyncio.run``): what it calls is scheduled.
Only loops that look like schedules count, so retries and polls stay out:

- the ``while`` test is not a comparison (``while True``, ``while not stop``, ``while self.running``;
  ``while attempt < 3`` is a retry loop);
- the sleep is in the loop's own body, not in an ``except`` handler (a back-off);
- the sleep is long (``SLEEP_CALLS`` with ``MIN_SECONDS`` or more, a product with such a factor,
  ``hours * 3600``), or waits for a computed time (``(next_run - now).total_seconds()``), or
  names a period in words (``sleep(self.frequency_hours * 3600)``, ``sleep(seconds_until_midnight)``).
"""
from __future__ import annotations

from typing import Iterator, Optional, Sequence

import libcst as cst

from llm_latency_lint.catalog import schedule_words
from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.literals import literal
from llm_latency_lint.syntax.walk import children

SLEEP_CALLS = frozenset({"time.sleep", "asyncio.sleep", "trio.sleep", "anyio.sleep", "gevent.sleep",
                         "eventlet.sleep"})
MIN_SECONDS = 60
PERIOD_WORDS = ("hour", "day", "daily", "minute", "frequency", "period", "until", "week", "schedule")
_OTHER_SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda, cst.ExceptHandler)


def _own(node: cst.CSTNode, kinds) -> Iterator[cst.CSTNode]:
    """Nodes of ``kinds`` under ``node``, not entering nested scopes or ``except`` handlers
    (``children``: libcst's ``node.children`` rebuilds the node, which was a fifth of a cold run)."""
    stack = children(node)
    while stack:
        child = stack.pop()
        if isinstance(child, kinds):
            yield child
        if not isinstance(child, _OTHER_SCOPES):
            stack.extend(children(child))


def is_main_guard(test: cst.BaseExpression) -> bool:
    """``if __name__ == "__main__":``"""
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return False
    sides = (test.left, test.comparisons[0].comparator)
    names = {n.value for n in sides if isinstance(n, cst.Name)}
    return names == {"__name__"} and {literal(n) for n in sides if isinstance(n, cst.SimpleString)} == {"__main__"}


class SleepLoops(Recognizer):
    id = "sleep-loops"
    words = ("sleep(",)

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        self._loops(ctx, node.body, qualname, node.name.value, "sleep-loop")

    def on_module_end(self, ctx: "Context") -> None:
        """A script's own top level (or ``__main__`` block) that loops and sleeps: running the
        script starts the schedule, so no other starter is needed."""
        for stmt in ctx.tree().body:
            if isinstance(stmt, cst.While):
                self._loops(ctx, stmt, f"{ctx.module}.<module>", ctx.path, "script-sleep-loop", (stmt,))
            elif isinstance(stmt, cst.If) and is_main_guard(stmt.test):
                self._loops(ctx, stmt.body, f"{ctx.module}.__main__", ctx.path, "script-sleep-loop")

    def _loops(self, ctx: "Context", body: cst.CSTNode, qualname: str, name: str, source: str,
               loops: Sequence[cst.While] = ()) -> None:
        for loop in [*loops, *_own(body, cst.While)]:
            if not isinstance(loop, cst.While) or isinstance(loop.test, cst.Comparison):
                continue
            for call in _own(loop.body, cst.Call):
                if not isinstance(call, cst.Call) or ctx.qualified(call.func) not in SLEEP_CALLS or not call.args:
                    continue
                period = self._period(ctx, call.args[0].value)
                if period is None:
                    continue
                note = (f"{name} loops and sleeps {period} between rounds "
                        f"(an in-process periodic job, line {ctx.line(loop)})")
                schedule = period if period.startswith(("every", "hourly", "daily", "weekly")) else None
                ctx.add_trigger(Trigger(kind="scheduled", source=source, target=["name", qualname],
                                        line=ctx.line(call), note=note, schedule=schedule))
                return

    @staticmethod
    def _period(ctx: "Context", node: cst.BaseExpression) -> Optional[str]:
        value = ctx.literal(node)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return schedule_words.interval(float(value)) if value >= MIN_SECONDS else None
        code = " ".join(ctx.code(node).split())
        if isinstance(node, cst.BinaryOperation):
            for side in (node.left, node.right):
                factor = ctx.literal(side)
                if isinstance(factor, (int, float)) and not isinstance(factor, bool) and factor >= MIN_SECONDS:
                    return f"{code} seconds"
        if "total_seconds" in code:
            return "until a time computed each round"
        lowered = code.lower()
        if any(word in lowered for word in PERIOD_WORDS):
            return f"{code} seconds"
        return None


RECOGNIZERS = [SleepLoops()]
