"""Dispatch as data: the calls that look up, forward or run a callable, and the CLI libraries.

The project stage reads these when it follows a value through containers, builders and executors
(``HANDLERS.get(name)``, ``executor.submit(fn, a)``, ``graph.invoke(state)``), and when it decides
that a module is a command-line tool a person runs.
"""
from __future__ import annotations

# Methods of a container or builder that return (a view of) its members, and methods that
# run them: ``HANDLERS.get(name)``, ``builder.compile()`` / ``graph.invoke(state)``.
LOOKUP_METHODS = frozenset({"get", "values", "items", "pop", "setdefault", "copy", "compile", "with_config",
                            "__getitem__"})
# Calls that run a callable with the arguments given after it: ``executor.submit(fn, a, b)``,
# ``loop.run_in_executor(None, fn, a)``, ``asyncio.to_thread(fn, a)``, ``partial(fn, a)``.
FORWARDING_CALLS = frozenset({"submit", "run_in_executor", "to_thread", "run_sync", "start_soon", "call_soon",
                              "call_soon_threadsafe", "spawn", "partial"})
RUN_METHODS = frozenset({"invoke", "ainvoke", "stream", "astream", "batch", "abatch", "run", "arun", "start",
                         "execute", "dispatch", "__call__", "run_sync", "kickoff", "stream_events"})
# A module importing one of these is a command-line tool: when nothing in the repository runs it,
# a person does (see ``project/classify.py``).
CLI_LIBRARIES = frozenset({"argparse", "click", "typer", "fire", "jsonargparse", "docopt", "cyclopts", "rich_click"})
