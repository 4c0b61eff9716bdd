"""Event sources ``events.py`` does not see: file watchers, Redis pub/sub listeners, and queue
read loops at a script's top level. Near-real-time: something happened, nobody waits on a screen.

- watchdog: the ``on_created`` / ``on_modified`` / ... methods of a ``FileSystemEventHandler``
  (or ``PatternMatchingEventHandler`` / ``RegexMatchingEventHandler``) subclass.
- watchfiles: a function looping over ``awatch(path)`` / ``watch(path)`` (each pass is a batch of
  changed files), and the ``target=`` callable ``run_process`` / ``arun_process`` runs on a change.
- Redis pub/sub: ``for message in p.listen():`` (also ``async for``) where ``p`` was made by
  ``.pubsub()`` in a file importing redis; in a function, or at a script's top level.
- ``while`` loops at a script's top level (or its ``__main__`` block) that read a queue with
  SQS ``receive_message(s)`` or Redis ``xreadgroup`` / ``xread`` (``events.py`` marks the loops
  inside functions; its loop memory has no module-level node).
"""
from __future__ import annotations

from typing import Iterator, List, Optional, Sequence, Tuple, Union

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.events import LOOP_READS
from llm_latency_lint.catalog.triggers.sleep_loops import is_main_guard
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.walk import children

NEAR_REAL_TIME = "near-real-time"
WATCHDOG_BASES = frozenset(
    f"watchdog.events.{name}" for name in ("FileSystemEventHandler", "PatternMatchingEventHandler",
                                           "RegexMatchingEventHandler", "LoggingEventHandler"))
WATCHDOG_METHODS = ("on_any_event", "on_created", "on_modified", "on_moved", "on_deleted", "on_closed",
                    "on_closed_no_write", "on_opened")
WATCHFILES_LOOPS = frozenset({"watchfiles.awatch", "watchfiles.watch", "watchfiles.main.awatch", "watchfiles.main.watch"})
WATCHFILES_RUNNERS = frozenset({"watchfiles.run_process", "watchfiles.arun_process",
                                "watchfiles.run.run_process", "watchfiles.run.arun_process"})
REDIS_ROOTS = ("redis", "aioredis", "coredis")
_SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)


def _own(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """Nodes under ``node`` in the same scope (nested functions, classes and lambdas skipped)."""
    stack = children(node)
    while stack:
        child = stack.pop()
        yield child
        if not isinstance(child, _SCOPES):
            stack.extend(children(child))


def _pubsub_made(ctx: "Context", node: cst.BaseExpression, local: dict, seen: frozenset = frozenset()) -> bool:
    """``node`` is ``<x>.pubsub()`` or a name bound to one (in the function, else at module level);
    names bound to each other (``p = q; q = p``) end the search."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        return node.func.attr.value == "pubsub"
    if isinstance(node, cst.Name) and node.value not in seen:
        value = local.get(node.value) if node.value in local else ctx.module_value(node.value)
        return value is not None and _pubsub_made(ctx, value, {}, seen | {node.value})
    return False


class EventLoops(Recognizer):
    id = "event-loops"
    words = ("watchdog", "watchfiles", "pubsub", "receive_message", "xreadgroup", "xread")

    def on_class(self, ctx: "Context", node: cst.ClassDef, qualname: str, bases: List[Optional[str]]) -> None:
        base = next((b for b in bases if b in WATCHDOG_BASES), None)
        if base is None:
            return
        for stmt in node.body.body:
            if isinstance(stmt, cst.FunctionDef) and stmt.name.value in WATCHDOG_METHODS:
                note = f"watchdog {base.rsplit('.', 1)[-1]}.{stmt.name.value} of {node.name.value} (a file changed)"
                ctx.add_trigger(Trigger(kind=NEAR_REAL_TIME, source="file-watcher",
                                        target=["name", f"{qualname}.{stmt.name.value}"], line=ctx.line(stmt),
                                        note=note))

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        if any(ctx.imports(root) for root in REDIS_ROOTS) and ctx.mentions("pubsub"):
            self._listen(ctx, node.body, qualname)
        if ctx.imports("watchfiles"):
            self._watch(ctx, node.body, qualname)

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        target = next((a.value for a in node.args if a.keyword is not None and a.keyword.value == "target"), None)
        if callee in WATCHFILES_RUNNERS and isinstance(target, (cst.Name, cst.Attribute)):
            note = f"watchfiles {callee.rsplit('.', 1)[-1]}(target={ctx.code(target)}) runs it when a file changes"
            ctx.add_trigger(Trigger(kind=NEAR_REAL_TIME, source="file-watcher", target=ctx.expr(target),
                                    line=ctx.line(node), note=note))

    @staticmethod
    def _watch(ctx: "Context", body: cst.CSTNode, qualname: str) -> None:
        for node in _own(body):
            if isinstance(node, cst.For) and isinstance(node.iter, cst.Call) and ctx.qualified(node.iter.func) in WATCHFILES_LOOPS:
                call = " ".join(ctx.code(node.iter).split())[:50]
                note = f"watchfiles loop ({call}) in {qualname.rsplit('.', 1)[-1]}: each pass is a batch of changed files"
                ctx.add_trigger(Trigger(kind=NEAR_REAL_TIME, source="file-watcher", target=["name", qualname],
                                        line=ctx.line(node), note=note))
                return

    def on_module_end(self, ctx: "Context") -> None:
        for body, qualname in self._script_bodies(ctx):
            if any(ctx.imports(root) for root in REDIS_ROOTS) and ctx.mentions("pubsub"):
                self._listen(ctx, body, qualname)
            for stmt in body.body:
                if isinstance(stmt, cst.While):
                    self._read_loop(ctx, stmt, qualname)

    @staticmethod
    def _script_bodies(ctx: "Context") -> List[Tuple[Union[cst.Module, cst.BaseSuite], str]]:
        tree = ctx.tree()
        found: List[Tuple[Union[cst.Module, cst.BaseSuite], str]] = [(tree, f"{ctx.module}.<module>")]
        for stmt in tree.body:
            if isinstance(stmt, cst.If) and is_main_guard(stmt.test):
                found.append((stmt.body, f"{ctx.module}.__main__"))
        return found

    def _listen(self, ctx: "Context", body: cst.CSTNode, qualname: str) -> None:
        nodes = list(_own(body) if not isinstance(body, cst.Module) else self._module_nodes(body))
        local = {node.targets[0].target.value: node.value for node in nodes
                 if isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name)}
        for node in nodes:
            if not isinstance(node, cst.For) or not isinstance(node.iter, cst.Call):
                continue
            func = node.iter.func
            if isinstance(func, cst.Attribute) and func.attr.value == "listen" and _pubsub_made(ctx, func.value, local):
                note = f"Redis pub/sub listener loop ({' '.join(ctx.code(node.iter).split())[:50]}) in {qualname.rsplit('.', 1)[-1]}"
                ctx.add_trigger(Trigger(kind=NEAR_REAL_TIME, source="redis-pubsub", target=["name", qualname],
                                        line=ctx.line(node), note=note))
                return

    @staticmethod
    def _module_nodes(module: cst.Module) -> Iterator[cst.CSTNode]:
        """A module's own statements and what they hold, outside functions and classes and the
        ``__main__`` block (which is its own pseudo-function)."""
        for stmt in module.body:
            if isinstance(stmt, cst.If) and is_main_guard(stmt.test):
                continue
            yield stmt
            if not isinstance(stmt, _SCOPES):
                yield from _own(stmt)

    @staticmethod
    def _read_loop(ctx: "Context", loop: cst.While, qualname: str) -> None:
        for node in _own(loop.body):
            if (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)
                    and node.func.attr.value in LOOP_READS):
                label, source = LOOP_READS[node.func.attr.value]
                note = f"{label} loop at the top of {ctx.path} (line {ctx.line(loop)})"
                ctx.add_trigger(Trigger(kind=NEAR_REAL_TIME, source=source, target=["name", qualname],
                                        line=ctx.line(node), note=note))
                return


RECOGNIZERS = [EventLoops()]
