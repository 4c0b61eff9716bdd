"""Runners that call a function they are handed (issue 15): an SDK method passed to one is a call
site where it is passed (``asyncio.to_thread(client.chat.completions.create, ...)``)."""
from __future__ import annotations

# Functions (qualified names) whose callable argument runs, now or later, with the given arguments.
RUNNER_FUNCTIONS = frozenset({
    "asyncio.to_thread", "asgiref.sync.sync_to_async", "asgiref.sync.async_to_sync",
    "anyio.to_thread.run_sync", "starlette.concurrency.run_in_threadpool", "fastapi.concurrency.run_in_threadpool",
    "tenacity.retry", "backoff.on_exception", "threading.Thread", "multiprocessing.Process",
})
# Binders only store the callable: where the bound alias is called is the site (``ask = partial(
# client...create)`` then ``ask(...)``), unless a runner is handed the binder (``run_in_executor(
# None, partial(client...create, x))``), when the site is the reference.
BINDERS = frozenset({"functools.partial"})
# Methods of executors, loops and pools that run the callable they are handed.
RUNNER_METHODS = frozenset({"run_in_executor", "submit", "map", "apply_async", "starmap", "imap", "imap_unordered",
                            "run_sync", "start_soon", "call_soon", "spawn"})
