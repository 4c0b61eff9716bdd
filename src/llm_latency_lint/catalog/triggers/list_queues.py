"""A Redis list a project both pushes to and pops from: a queue between the pushing function and
the popping one.

A route's ``r.lpush("jobs", payload)`` and a worker's (or a per-minute tick's) ``r.rpop("jobs")``
are one queue: the pusher is the entry ``launch:<qualname>`` sending to ``list-queue:<name>``, the
popper that queue's consumer (``catalog/queues.py`` ``QUEUE_SEND_SOURCE`` / ``QUEUE_CONSUMER_SOURCE``),
so the consumer's work carries its senders' class across the hand-off: an upload route's job is
near-real-time even where a schedule polls the list (label policy 4), a timer's fan-out stays
scheduled. The method may be Redis's or a project helper of that name (``await lpush(KEY, job)``);
the list is named by a literal, a module constant, or an imported constant (``list-queue:@pkg.keys.JOBS``,
by its qualified name: both sides import it). A list named by a parameter (the helper's own body)
or built at run time names no queue.
"""
from __future__ import annotations

from typing import Optional

import libcst as cst

from llm_latency_lint.catalog.command_lines import LAUNCH
from llm_latency_lint.catalog.queues import (
    LIST_POPS,
    LIST_PUSHES,
    LIST_QUEUE_KEY,
    QUEUE_CONSUMER_SOURCE,
    QUEUE_SEND_SOURCE,
)
from llm_latency_lint.catalog.triggers.api import Context, Recognizer
from llm_latency_lint.model import Trigger


def _method(node: cst.Call) -> str:
    func = node.func
    return func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""


def list_key(ctx: "Context", node: cst.Call) -> Optional[str]:
    """The queue key of the list a push or pop names first (``blpop(["a", "b"])``: none)."""
    first = next((a.value for a in node.args if a.keyword is None and not a.star), None)
    if first is None:
        first = next((a.value for a in node.args if a.keyword and a.keyword.value in ("name", "key", "keys")), None)
    literal = ctx.literal(first)
    if isinstance(literal, str) and literal:
        return LIST_QUEUE_KEY + literal
    name = ctx.qualified(first) if isinstance(first, (cst.Name, cst.Attribute)) else None
    if name and "." in name and name.rsplit(".", 1)[-1].isupper():  # an imported ``JOBS_KEY``
        return f"{LIST_QUEUE_KEY}@{name}"
    return None


class ListQueues(Recognizer):
    id = "list-queues"
    words = tuple(f"{method}(" for method in sorted(LIST_PUSHES | LIST_POPS))

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        method = _method(node)
        if method not in LIST_PUSHES and method not in LIST_POPS or not ctx.function or ctx.function.endswith(">"):
            return
        key = list_key(ctx, node)
        if key is None:
            return
        short, line, words = ctx.function.rsplit(".", 1)[-1], ctx.line(node), key[len(LIST_QUEUE_KEY):].lstrip("@")
        if method in LIST_PUSHES:
            ctx.add_trigger(Trigger(kind="entry", source=QUEUE_SEND_SOURCE, target=["entry", key], line=line,
                                    entry_key=f"{LAUNCH}{ctx.function}",
                                    note=f"{short} pushes a job onto the list {words} ({method})"))
        else:
            ctx.add_trigger(Trigger(kind="entry", source=QUEUE_CONSUMER_SOURCE, target=["name", ctx.function],
                                    line=line, entry_key=key, note=f"{short} pops jobs off the list {words} ({method})"))


RECOGNIZERS = [ListQueues()]
