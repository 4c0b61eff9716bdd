"""In-process work queues: a worker thread or task that takes items off a queue runs for the code
that puts them there (``project/work_queues.py``).

A ``queue.Queue`` (or ``asyncio.Queue``...) the code makes and binds to a name, a ``self.``
attribute or a module global is an object the project graph follows like a container, through
arguments, constructor fields and imports. A function started in a thread or task that takes from
it (``q.get()``) is its worker: starting the worker is not running the work (a daemon starting its
worker at boot waits for no item), and each ``q.put(item)`` hands one item to the worker, as
``task.delay(item)`` hands one to a Celery worker.
"""
from __future__ import annotations

from llm_latency_lint.catalog.queues import QUEUE_MAKERS

# Queue constructors, qualified: the stream-back queues (``catalog/queues.QUEUE_MAKERS``) and the
# other orders the standard library offers.
WORK_QUEUE_MAKERS = QUEUE_MAKERS | frozenset({
    "queue.PriorityQueue", "asyncio.PriorityQueue", "asyncio.LifoQueue",
    "multiprocessing.JoinableQueue", "multiprocessing.SimpleQueue",
})
# Their class names, for the scan of a function's locals that runs before names are qualified
# (``facts/scopes.LocalCollector``): a local bound to one is followed as the queue it holds.
WORK_QUEUE_CLASS_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in WORK_QUEUE_MAKERS)
# Methods that give the worker an item, and methods that take one.
PUT_METHODS = frozenset({"put", "put_nowait"})
TAKE_METHODS = frozenset({"get", "get_nowait"})
# Items that tell a worker to stop rather than give it work (``q.put(None)`` on shutdown), as the
# facts pass writes a literal argument (``CallRef.values``): such a put runs nothing for anyone.
STOP_ITEMS = frozenset({"None"})
