"""In-process periodic jobs: ``while True: work(); await asyncio.sleep(3600)``.

In a function, or at a script's top level / ``__main__`` block (running the script starts it).

A function that loops and sleeps a long while between rounds is a schedule of its own, started
once (``asyncio.create_task(loop())``, a thread, ``asyncio.run``): what it calls is scheduled.
Only loops that look like schedules count, so retries and polls stay out:

- the ``while`` test is not a comparison (``while True``, ``while not stop``, ``while self.running``;
  ``while attempt < 3`` is a retry loop);
- the sleep is in the loop's own body, not in an ``except`` handler (a back-off);
- the sleep is long (``SLEEP_CALLS`` with ``MIN_SECONDS`` or more, a product with such a factor,
  ``hours * 3600``), or waits for a computed time (``(next_run - now).total_seconds()``,
  ``croniter(...).get_next(float) - time.time()``, ``schedule.idle_seconds()``, ``.timestamp()``),
  a parameter's default such (``def run(loop_seconds=300): ... sleep(loop_seconds)``; not when the
  body rebinds the name, and the shortest of the default and the constants this file's calls pass
  for it, ``run(loop_seconds=2)`` a poll; calls in other files are not read at this stage),
  or is counted to (``sleep(1)``, ``ticks += 1``, ``if ticks >= 300: work()``: ``loop_shapes.py``),
  followed through the locals it is computed from (``sleep(max(1, sleep_for))`` where
  ``sleep_for = min(30, time_until_run - 60)`` and ``time_until_run = (next_run -
  now).total_seconds()``), or names a period in words (``sleep(self.frequency_hours * 3600)``,
  ``sleep(seconds_until_midnight)``);
- or the loop waits until a time of day: any sleep, and an ``if`` comparing a time of day
  (``now.hour == 6``, ``datetime.now().strftime("%H:%M") == "07:00"``, ``now.time() >= ...``) or the
  clock against a target time (``now >= next_run``, a local bound to ``datetime.now()`` /
  ``time.time()``), that runs work (a call, not only ``break`` / ``raise`` / ``return``: a timeout;
  ``time.time() - last > 5`` is a throttle);
- a function that arms a timer to run itself again (``threading.Timer(3600, tick).start()`` inside
  ``tick``, ``loop.call_later(3600, self.refresh)`` inside ``refresh``, ``sched``'s ``s.enter``) is
  periodic too (the first call starts it);
- a timed wait on an event counts as a sleep (``while not stop.wait(3600): job()``,
  ``if self._stop.wait(self.interval_hours * 3600): break``, ``await asyncio.wait_for(stop.wait(),
  timeout=...)``).
"""
from __future__ import annotations

import re
from typing import Dict, Iterator, List, Optional, Sequence, Set

import libcst as cst

from llm_latency_lint.catalog import schedule_words
from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.loop_callers import (
    ScopedCalls,
    passed_for,
    rebound_names,
)
from llm_latency_lint.catalog.triggers.loop_shapes import (
    counted_seconds,
    ends_when_done,
)
from llm_latency_lint.catalog.triggers.schedule_args import constant_seconds
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.kinds import kind_memo
from llm_latency_lint.syntax.literals import literal
from llm_latency_lint.syntax.walk import children

SLEEP_CALLS = frozenset({"time.sleep", "asyncio.sleep", "trio.sleep", "anyio.sleep", "gevent.sleep",
                         "eventlet.sleep"})
MIN_SECONDS = 60
PERIOD_WORDS = ("hour", "day", "daily", "minute", "frequency", "period", "until", "week", "schedule")
COMPUTED = ("total_seconds", "idle_seconds", "get_next", "timestamp()", "seconds_until", "next_run")
REARMS = frozenset({"threading.Timer", "sched.scheduler.enter"})  # and ``loop.call_later``, ``s.enter``
REARM_ACTION = {"enter": 2}  # where the re-armed callable sits; ``Timer``/``call_later``: second
TIMED_WAITS = frozenset({"asyncio.wait_for", "anyio.fail_after", "trio.move_on_after"})
CLOCK = ("datetime.now", "datetime.utcnow", "datetime.datetime.now", "datetime.datetime.utcnow", "time.time",
         "time.localtime", "time.gmtime", "time.strftime", "arrow.now", "arrow.utcnow", "pendulum.now",
         "datetime.date.today", "date.today", "datetime.today")
_CLOCK_TEXT = (".now(", "utcnow(", "localtime(", "time.time()", "today()")
TIME_OF_DAY = ("strftime(", ".weekday(", ".isoweekday(", ".time()", "tm_hour", "tm_min")
_OF_DAY_ATTRS = re.compile(r"\.(hour|minute)\b")  # ``now.hour``, not ``delta.hours``
# a time-of-day ``if`` makes a loop a schedule when the rest of the loop only sleeps, logs and reads
# the clock, or sleeps this long: a queue worker polling every 0.1 s with a midnight reset is a worker
FEW_SECONDS = 5
TARGET_WORDS = ("next", "target", "due", "run_at", "scheduled")
EVENT_WORDS = ("stop", "event", "shutdown", "exit", "quit", "halt", "wake", "done", "kill", "terminat", "cancel", "clos")
_QUIET = ("print", "log", "logger", "logging", "sleep", "wait")
_OTHER_SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda, cst.ExceptHandler)


def _own(node: cst.CSTNode, kinds) -> Iterator[cst.CSTNode]:
    """Nodes of ``kinds`` under ``node``, not entering nested scopes or ``except`` handlers
    (``children``: libcst's ``node.children`` rebuilds the node, which was a fifth of a cold run)."""
    wanted, scopes = kind_memo(kinds), kind_memo(_OTHER_SCOPES)  # ``isinstance`` by type, memoised
    stack = children(node)
    while stack:
        child = stack.pop()
        kind = type(child)
        hit = wanted.get(kind)
        if hit is None:
            hit = wanted[kind] = issubclass(kind, kinds)
        if hit:
            yield child
        scope = scopes.get(kind)
        if scope is None:
            scope = scopes[kind] = issubclass(kind, _OTHER_SCOPES)
        if not scope:
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
    words = ("sleep(", ".wait(", "Timer(", "call_later(")

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        loops: List[cst.While] = []
        calls: List[cst.Call] = []
        for found in _own(node.body, (cst.While, cst.Call)):  # one walk of the body for both
            if isinstance(found, cst.While):
                loops.append(found)
            elif isinstance(found, cst.Call):
                calls.append(found)
        if loops:
            self._loops(ctx, node.body, qualname, node.name.value, "sleep-loop", loops, nested=False,
                        defaults=self._defaults(ctx, node))
        self._rearms(ctx, node, qualname, calls)

    def _rearms(self, ctx: "Context", node: cst.FunctionDef, qualname: str, calls: Sequence[cst.Call]) -> None:
        """A function that arms a timer to run itself again: ``threading.Timer(3600, tick).start()``,
        ``loop.call_later(3600, self.tick)``: periodic once something first calls it."""
        for call in calls:
            if not isinstance(call, cst.Call) or len(call.args) < 2:
                continue
            name = ctx.qualified(call.func) or ""
            attr = call.func.attr.value if isinstance(call.func, cst.Attribute) else ""
            if name not in REARMS and attr not in ("call_later", "enter"):
                continue
            at = REARM_ACTION.get(attr, 1)  # ``sched``'s ``s.enter(delay, priority, action)``
            if len(call.args) <= at:
                continue
            delay, again = call.args[0].value, ctx.code(call.args[at].value).split(".")[-1]
            period = self._period(ctx, delay) if again == node.name.value else None
            if period is not None:
                note = f"{node.name.value} runs itself again after {period} (a timer it re-arms: an in-process periodic job)"
                ctx.add_trigger(Trigger(kind="scheduled", source="sleep-loop", target=["name", qualname],
                                        line=ctx.line(call), note=note))
                return

    def on_module_end(self, ctx: "Context") -> None:
        """A script's own top level (or ``__main__`` block) that loops and sleeps: running the
        script starts the schedule, so no other starter is needed."""
        for stmt in ctx.tree().body:
            if isinstance(stmt, cst.While):
                self._loops(ctx, stmt, f"{ctx.module}.<module>", ctx.path, "script-sleep-loop", (stmt,))
            elif isinstance(stmt, cst.If) and is_main_guard(stmt.test):
                self._loops(ctx, stmt.body, f"{ctx.module}.__main__", ctx.path, "script-sleep-loop")

    def _loops(self, ctx: "Context", body: cst.CSTNode, qualname: str, name: str, source: str,
               loops: Sequence[cst.While] = (), nested: bool = True,
               defaults: Optional[Dict[str, cst.BaseExpression]] = None) -> None:
        """``loops`` and (``nested``) the loops in ``body``; ``defaults``: the function's parameter
        defaults (``def run(loop_seconds: int = 300)``: what the sleep waits unless a caller says)."""
        locals_ = _assignments(body)
        for loop in [*loops, *(_own(body, cst.While) if nested else ())]:
            if not isinstance(loop, cst.While) or isinstance(loop.test, cst.Comparison) or ends_when_done(loop):
                continue  # a retry loop, or a poll that ends once the job it waits for is done
            calls = [c for c in [*_calls_in(loop.test), *_own(loop.body, cst.Call)] if isinstance(c, cst.Call)]
            for call in calls:
                waited = self._waited(ctx, call)
                if waited is None:
                    continue
                period = self._period(ctx, waited, locals_, defaults)
                counted = counted_seconds(ctx, loop, waited) if period is None else None
                if counted is not None and counted >= MIN_SECONDS:
                    period = schedule_words.interval(counted)
                branch = self._waits_for_clock(ctx, loop, locals_) if period is None else None
                if branch is not None and (self._quiet_besides(ctx, loop, branch, call)
                                           or _at_least(constant_seconds(ctx, waited), FEW_SECONDS)):
                    period = "until a time of day it checks each round"
                if period is None:
                    continue
                note = (f"{name} loops and sleeps {period} between rounds "
                        f"(an in-process periodic job, line {ctx.line(loop)})")
                schedule = period if period.startswith(("every", "hourly", "daily", "weekly")) else None
                ctx.add_trigger(Trigger(kind="scheduled", source=source, target=["name", qualname],
                                        line=ctx.line(call), note=note, schedule=schedule))
                return

    @staticmethod
    def _waited(ctx: "Context", call: cst.Call) -> Optional[cst.BaseExpression]:
        """How long ``call`` sleeps or waits: a sleep's argument, a timed wait's timeout."""
        name = ctx.qualified(call.func)
        timeout = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == "timeout"), None)
        if name in SLEEP_CALLS and call.args:
            return call.args[0].value
        if name in TIMED_WAITS:
            return timeout or (call.args[1].value if len(call.args) > 1 and call.args[1].keyword is None else None)
        if isinstance(call.func, cst.Attribute) and call.func.attr.value == "wait" and len(call.args) == 1 \
                and any(w in ctx.code(call.func.value).lower() for w in EVENT_WORDS):
            return call.args[0].value  # ``stop_event.wait(3600)``
        return None

    @staticmethod
    def _quiet_besides(ctx: "Context", loop: cst.While, branch: cst.If, sleep: cst.Call) -> bool:
        """Outside ``branch`` the loop only sleeps, logs and reads the clock (no ``q.get()``, no work)."""
        inside = {id(n) for n in _own(branch, cst.Call)} | {id(branch), id(sleep)}
        for call in _own(loop.body, cst.Call):
            if id(call) in inside or not isinstance(call, cst.Call):
                continue
            code = ctx.code(call.func)
            if not (any(q in code.lower() for q in _QUIET) or ctx.qualified(call.func) in CLOCK
                    or any(mark in code + "(" for mark in _CLOCK_TEXT)):
                return False
        return True

    def _waits_for_clock(self, ctx: "Context", loop: cst.While, locals_: Dict[str, List[str]]) -> Optional[cst.If]:
        """An ``if`` in the loop that compares the clock and then runs work."""
        for branch in _own(loop.body, cst.If):
            if not isinstance(branch, cst.If) or not any(True for _ in _own(branch.test, cst.Comparison)) \
                    and not isinstance(branch.test, cst.Comparison):
                continue
            test = ctx.code(branch.test)
            text = " ".join([test] + [v for n in _names(branch.test) for v in locals_.get(n, [])])
            clock = any(mark in text for mark in _CLOCK_TEXT) or any(c in text for c in CLOCK)
            untimed = text.replace("time.time()", "")
            of_day = any(mark in untimed for mark in TIME_OF_DAY) or _OF_DAY_ATTRS.search(untimed) is not None
            if not of_day and not (clock and any(w in test.lower() for w in TARGET_WORDS)):
                continue  # ``time.time() - last > 5`` is a throttle; a time of day or a target time is a schedule
            body = list(_own(branch.body, (cst.Call, cst.Raise, cst.Break, cst.Return)))
            if any(isinstance(n, (cst.Raise, cst.Break, cst.Return)) for n in body):
                continue  # a timeout, not a run
            if any(isinstance(n, cst.Call) and not any(q in ctx.code(n.func).lower() for q in _QUIET) for n in body):
                return branch
        return None

    @staticmethod
    def _period(ctx: "Context", node: cst.BaseExpression, locals_: Optional[Dict[str, List[str]]] = None,
                defaults: Optional[Dict[str, cst.BaseExpression]] = None) -> Optional[str]:
        value = constant_seconds(ctx, node)
        if value is None and isinstance(node, cst.Name) and node.value in (defaults or {}):
            value = constant_seconds(ctx, (defaults or {})[node.value])  # a parameter's default
        if value is not None:
            return schedule_words.interval(value) if value >= MIN_SECONDS else None
        code = " ".join(ctx.code(node).split())
        if isinstance(node, cst.BinaryOperation):
            for side in (node.left, node.right):
                factor = ctx.literal(side)
                if isinstance(factor, (int, float)) and not isinstance(factor, bool) and factor >= MIN_SECONDS:
                    return f"{code} seconds"
        computed = " ".join([code] + _followed(node, locals_ or {}))
        if any(word in computed for word in COMPUTED):
            return "until a time computed each round"
        lowered = code.lower()
        if any(word in lowered for word in PERIOD_WORDS):
            return f"{code} seconds"
        return None


    def _defaults(self, ctx: "Context", node: cst.FunctionDef) -> Dict[str, cst.BaseExpression]:
        """Parameter name -> what it waits unless a caller elsewhere says: its default, or the
        shortest constant a call in this file passes for it (``watch(poll_seconds=2)``: a poll).
        A parameter with no default waits what this file's calls pass, when each is a constant
        (a name the calling function binds once followed to its value: ``interval =
        plugin.interval or int(os.getenv("PLUGIN_INTERVAL", 86400))`` then
        ``create_task(_run_interval(plugin, interval))``, round 17's zueskalare/rss_auto_reader):
        the shortest. A parameter the body rebinds (``delay = float(os.getenv(...))``) has none.
        Only this file's calls are read (the facts pass sees one file): a caller in another module
        passing a shorter period is not seen."""
        params = node.params
        ordered = [*params.posonly_params, *params.params]
        rebound = rebound_names(node.body)
        found: Dict[str, cst.BaseExpression] = {}
        for param in [*ordered, *params.kwonly_params]:
            if param.name.value in rebound:
                continue
            passed = self._passed_values(ctx, node.name.value, param, ordered)
            if param.default is None:
                known = [(seconds, value) for value in passed for seconds in [constant_seconds(ctx, value)]
                         if seconds is not None]
                if known and len(known) == len(passed):
                    found[param.name.value] = min(known, key=lambda pair: pair[0])[1]
                continue
            value = param.default
            for given in passed:
                seconds = constant_seconds(ctx, given)
                if seconds is not None and seconds < (constant_seconds(ctx, value) or 0):
                    value = given
            found[param.name.value] = value
        return found

    def _passed_values(self, ctx: "Context", name: str, param: cst.Param,
                       ordered: Sequence[cst.Param]) -> List[cst.BaseExpression]:
        """What this file's calls of ``name`` pass for ``param``; a name the calling function binds
        once stands for its value."""
        values: List[cst.BaseExpression] = []
        for call, bound in self._calls(ctx).of(name):
            for passed in passed_for([call], name, param, ordered):
                if isinstance(passed, cst.Name) and len(bound.get(passed.value, ())) == 1:
                    passed = bound[passed.value][0]
                values.append(passed)
        return values

    def _calls(self, ctx: "Context") -> ScopedCalls:
        """The file's calls by callee, each with the values its function assigns to local names (read once per file)."""
        state = ctx.state(self)
        if "calls" not in state:
            state["calls"] = ScopedCalls(ctx.tree())
        return state["calls"]


def _at_least(value: object, seconds: float) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= seconds


def _calls_in(node: cst.CSTNode) -> List[cst.CSTNode]:
    return ([node] if isinstance(node, cst.Call) else []) + list(_own(node, cst.Call))


def _names(node: cst.CSTNode) -> List[str]:
    return ([node.value] if isinstance(node, cst.Name) else []) + [n.value for n in _own(node, cst.Name)
                                                                   if isinstance(n, cst.Name)]


def _assignments(body: cst.CSTNode) -> Dict[str, List[str]]:
    """Local name -> the code of each value assigned to it in ``body`` (for following a sleep's argument)."""
    found: Dict[str, List[str]] = {}
    module = cst.Module(body=[])
    for node in _own(body, cst.Assign):
        if isinstance(node, cst.Assign):
            for target in node.targets:
                if isinstance(target.target, cst.Name):
                    found.setdefault(target.target.value, []).append(module.code_for_node(node.value))
    return found


def _followed(node: cst.BaseExpression, locals_: Dict[str, List[str]], depth: int = 3) -> List[str]:
    """The code of the values the names in ``node`` were assigned, and theirs, ``depth`` levels deep."""
    seen: Set[str] = set()
    names, out = _names(node), []
    for _ in range(depth):
        fresh = [n for n in names if n not in seen and n in locals_]
        seen.update(fresh)
        values = [v for n in fresh for v in locals_[n]]
        out.extend(values)
        names = [w for v in values for w in re.findall(r"[A-Za-z_]\w*", v)]
    return out


RECOGNIZERS = [SleepLoops()]
