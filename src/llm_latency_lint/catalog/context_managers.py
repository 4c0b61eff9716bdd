"""Context managers known not to swallow an exception (their ``__exit__`` returns a false value).

A ``with`` block that always leaves (``return`` ...) makes the code after it dead only when no
manager of the block can suppress an exception raised before the leaving statement
(``contextlib.suppress``, ``pytest.raises``, ``unittest``'s ``assertRaises*`` / ``assertWarns*``
all do). The rule is the safe one: only a ``with`` whose every item calls one of these names
(the last part of its dotted callee, as written) counts as leaving; any other manager, or an
item that is no call (``with self.lock:``), may suppress.
"""
from __future__ import annotations

PLAIN_MANAGERS = frozenset({
    "open", "TemporaryDirectory", "NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile",
    "Lock", "RLock", "Semaphore", "BoundedSemaphore", "Condition", "Session", "Client", "AsyncClient",
    "ThreadPoolExecutor", "ProcessPoolExecutor", "Pool", "closing", "nullcontext", "redirect_stdout",
    "redirect_stderr", "chdir", "timer",
})
