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

# Hand-offs (label policy 4): work a function starts and does not wait for runs on after the
# request that started it returns, like a queued task. Call (a method name, or a qualified name for
# constructors) -> where the handed-off work is: "coroutine" (the first argument is a coroutine
# call, ``create_task(f(x))``), an argument position ("0": ``executor.submit(f, x)``, "1":
# ``loop.run_in_executor(None, f, x)``) or a keyword (``Thread(target=f)``).
HANDOFF_CALLS: Dict[str, str] = {
    "create_task": "coroutine",  # asyncio.create_task, loop.create_task (a TaskGroup's: see below)
    "ensure_future": "coroutine",
    "run_coroutine_threadsafe": "coroutine",
    "submit": "0",  # concurrent.futures executors
    "run_in_executor": "1",
    "start_soon": "0",  # anyio task groups, trio nurseries
    "threading.Thread": "target",
    "multiprocessing.Process": "target",
    "threading.Timer": "1",  # Timer(interval, function, args)
    "starlette.background.BackgroundTask": "0",  # ``JSONResponse(..., background=BackgroundTask(f, x))``
}
CALL_ARG = "call"  # the ``arg`` of a hand-off ref made from a coroutine call (``create_task(f(x))``)
# Receivers whose ``with`` block waits for everything started on them (``async with
# asyncio.TaskGroup() as tg: tg.create_task(...)``, a nursery, ``with ThreadPoolExecutor() as ex``):
# a hand-off on a local bound to one of these is waited for before the function returns.
SCOPED_RUNNERS = frozenset({
    "asyncio.TaskGroup", "anyio.create_task_group", "trio.open_nursery",
    "concurrent.futures.ThreadPoolExecutor", "concurrent.futures.ProcessPoolExecutor",
    "ThreadPoolExecutor", "ProcessPoolExecutor", "TaskGroup", "create_task_group", "open_nursery",
})
# Calls that collect started work (``await asyncio.gather(*tasks)``, ``as_completed(futures)``), or
# stream its results back to whoever waits (a queue the function creates and reads, a streaming
# response: ``q = Queue(); Thread(target=produce).start(); return Response(generate(q))``): a
# function making one waits for what it started.
COLLECT_CALLS = frozenset({
    "asyncio.gather", "asyncio.wait", "asyncio.as_completed", "asyncio.wait_for",
    "concurrent.futures.wait", "concurrent.futures.as_completed",
    "queue.Queue", "queue.SimpleQueue", "queue.LifoQueue", "asyncio.Queue", "multiprocessing.Queue",
    "janus.Queue", "fastapi.responses.StreamingResponse", "starlette.responses.StreamingResponse",
    "sse_starlette.EventSourceResponse", "sse_starlette.sse.EventSourceResponse", "flask.stream_with_context",
})
# Methods that wait for one started unit of work, called without positional arguments
# (``t.join()``, ``future.result(timeout=5)``; ``", ".join(xs)`` takes one and is not a wait).
COLLECT_METHODS = frozenset({"join", "result", "exception"})
