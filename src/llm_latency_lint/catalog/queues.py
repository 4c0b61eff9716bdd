"""Queues, wrappers and builders: the calls that hand a callable on, wait for it, or add to a container.

Knowledge as data for the facts pass: a ``.delay()`` is a queue edge (near-real-time unless
waited on), ``functools.partial(f)`` stands for ``f``, ``graph.add_node(fn)`` makes ``fn`` a member.
"""
from __future__ import annotations

from typing import Dict

# Calls that hand a callable to a queue: method -> where the queued callable is.
QUEUE_CALLS: Dict[str, str] = {
    "delay": "receiver",
    "apply_async": "receiver",
    "delay_on_commit": "receiver",
    "apply_async_on_commit": "receiver",
    "send_with_options": "receiver",
    "kiq": "receiver",
    "add_task": "first-arg",  # FastAPI / Starlette BackgroundTasks
    "enqueue": "first-arg",  # rq
    "enqueue_call": "first-arg",
    "enqueue_job": "first-arg",  # arq (by name)
}
# Methods that wait for a queued result: ``task.delay(x).get()``.
WAIT_METHODS = frozenset({"get", "wait", "join", "result"})
# Callables that return (a wrapper of) their first argument.
CALLABLE_WRAPPERS = frozenset({"functools.partial", "functools.wraps", "asyncio.to_thread"})
# Calls that add to a container or builder: what they add becomes one of its members.
ADD_METHODS = frozenset({
    "append", "add", "extend", "insert", "update", "setdefault", "register", "add_node",
    "add_conditional_edges", "add_sequence", "add_handler", "add_command", "add_listener",
})
# Waiting on a queued job held in a variable (``job = task.delay(x); job.get()``), or polling it.
WAIT_ON_JOB = frozenset({"get", "wait", "join", "result", "get_status", "refresh", "ready", "is_finished",
                         "latest_result", "return_value", "successful"})
