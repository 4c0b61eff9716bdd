"""A worker that polls a store for its next queued item: the home-made task queue's consumer.

``while True: task = get_waiting_task(); if task is None: await asyncio.sleep(0.5); continue``,
then the work on ``task``: a database table (or any store) a route fills with jobs and a worker
drains. Each item is a request's queued work, so what the loop runs is near-real-time (label
policy 4) whoever starts the worker (its ``__main__``, a container): the item is what starts it.

The shape, all of it: a ``while`` loop whose test is no comparison (``while attempt < 3`` retries),
a name the loop binds from a call whose name says it takes a queued item (``catalog/queues.py``
``QUEUE_FETCH_WORDS``: ``get_waiting_task``, ``claim_next_job``, ``dequeue``), and an ``if`` testing
that name for emptiness (``is None``, ``not x``, ``len(x) == 0``) that sleeps a short constant time
(under ``QUEUE_POLL_MAX_SECONDS``; a longer pause is a schedule, ``sleep_loops.py``). Polls for other
things (a chat platform's updates, new emails, an RSS feed) are not queues and keep their readings.

A long-polling consumer needs no nap: the receive blocks until messages come (SQS
``receive_message(WaitTimeSeconds=10)``, wrapped or not). ``while True: messages =
fetch_messages(queue_url); for message in messages: handle(message)``: a name the loop binds
from a call that receives queued messages (its name says so: ``QUEUE_RECEIVE_WORDS``, not the
broader ``QUEUE_FETCH_WORDS``, which an agent's ``plan_tasks(goal)`` matches; or an argument names a
queue, ``queue_url``, ``QueueUrl=...``) and that the loop then iterates over. The queue's messages are the requests (round 18's
UmairJibran/waltzes-python runs its SQS Lambdas' handlers locally from such loops), unless the loop
sleeps a schedule's while (``sleep_loops.py``).
"""
from __future__ import annotations

from typing import Dict, Optional, Sequence

import libcst as cst

from llm_latency_lint.catalog.queues import (
    QUEUE_FETCH_WORDS,
    QUEUE_POLL_MAX_SECONDS,
    QUEUE_RECEIVE_WORDS,
)
from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.enclosing_loops import function_nodes
from llm_latency_lint.catalog.triggers.schedule_args import constant_seconds
from llm_latency_lint.catalog.triggers.sleep_loops import SLEEP_CALLS
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.walk import children


def _fetched(value: cst.BaseExpression) -> str:
    """The name of the call ``value`` is (awaited or not), '' for anything else."""
    if isinstance(value, cst.Await):
        value = value.expression
    if not isinstance(value, cst.Call):
        return ""
    func = value.func
    return func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""


def _emptiness(test: cst.BaseExpression) -> Optional[str]:
    """The name ``test`` checks for emptiness: ``x is None``, ``not x``, ``len(x) == 0``, ``x == []``."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not) and isinstance(test.expression, cst.Name):
        return test.expression.value
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return None
    left, right = test.left, test.comparisons[0].comparator
    operator = test.comparisons[0].operator
    if isinstance(operator, (cst.Is, cst.Equal)) and isinstance(left, cst.Name) and (
            isinstance(right, cst.Name) and right.value == "None" or isinstance(right, (cst.List, cst.Dict, cst.Tuple))
            and not getattr(right, "elements", None)):
        return left.value
    if isinstance(operator, cst.Equal) and isinstance(left, cst.Call) and isinstance(left.func, cst.Name) \
            and left.func.value == "len" and len(left.args) == 1 and isinstance(left.args[0].value, cst.Name) \
            and isinstance(right, cst.Integer) and right.value == "0":
        return left.args[0].value.value
    return None


def _names_a_queue(ctx: "Context", value: cst.BaseExpression) -> bool:
    """An argument of the call ``value`` names a queue (``queue_url``, ``QueueUrl=os.environ[...]``)."""
    if isinstance(value, cst.Await):
        value = value.expression
    return isinstance(value, cst.Call) and any(
        "queue" in ctx.code(a.value).lower() or a.keyword is not None and "queue" in a.keyword.value.lower()
        for a in value.args)


class PollWorkers(Recognizer):
    id = "poll-workers"
    words = ("sleep(", "queue", "receive_message")

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        fetched: Dict[str, str] = {}  # a name the loop binds -> the queue-fetching call it is bound to
        received: Dict[str, str] = {}  # a name the loop binds -> the call receiving queued messages
        naps: Optional[bool] = None  # the loop sleeps no schedule's while (asked once)
        for inner, in_while in function_nodes(ctx, node):
            if not in_while:
                continue
            if isinstance(inner, cst.Assign) and len(inner.targets) == 1 and isinstance(inner.targets[0].target, cst.Name):
                call = _fetched(inner.value)
                if any(word in call.lower() for word in QUEUE_FETCH_WORDS):
                    fetched[inner.targets[0].target.value] = call
                if call and (any(word in call.lower() for word in QUEUE_RECEIVE_WORDS)
                             or _names_a_queue(ctx, inner.value)):
                    received[inner.targets[0].target.value] = call
            elif isinstance(inner, cst.If) and _emptiness(inner.test) in fetched and self._naps(ctx, inner):
                call = fetched[str(_emptiness(inner.test))]
                note = (f"{qualname.rsplit('.', 1)[-1]} polls {call}() for queued work and sleeps while there is "
                        "none: a worker draining a queue")
                ctx.add_trigger(Trigger(kind="near-real-time", source="queue-poller", target=["name", qualname],
                                        line=ctx.line(inner), note=note))
                return
            elif isinstance(inner, cst.For) and isinstance(inner.iter, cst.Name) and inner.iter.value in received:
                naps = self._short_naps(ctx, node) if naps is None else naps
                if not naps:
                    continue
                call = received[inner.iter.value]
                note = (f"{qualname.rsplit('.', 1)[-1]} receives queued messages with {call}() and handles each: "
                        "a worker draining a queue")
                ctx.add_trigger(Trigger(kind="near-real-time", source="queue-poller", target=["name", qualname],
                                        line=ctx.line(inner), note=note))
                return

    @staticmethod
    def _short_naps(ctx: "Context", node: cst.FunctionDef) -> bool:
        """Every constant sleep in the function's loops is short (a longer one times a schedule)."""
        for inner, in_while in function_nodes(ctx, node):
            if in_while and isinstance(inner, cst.Call) and ctx.qualified(inner.func) in SLEEP_CALLS and inner.args:
                seconds = constant_seconds(ctx, inner.args[0].value)
                if not isinstance(seconds, (int, float)) or seconds >= QUEUE_POLL_MAX_SECONDS:
                    return False
        return True

    @staticmethod
    def _naps(ctx: "Context", branch: cst.If) -> bool:
        """The branch sleeps a short constant time (the queue is empty: look again soon)."""
        stack = list(children(branch.body))
        while stack:
            node = stack.pop()
            if isinstance(node, cst.Call) and ctx.qualified(node.func) in SLEEP_CALLS and node.args:
                seconds = constant_seconds(ctx, node.args[0].value)
                return isinstance(seconds, (int, float)) and 0 <= seconds < QUEUE_POLL_MAX_SECONDS
            stack.extend(children(node))
        return False


RECOGNIZERS = [PollWorkers()]
