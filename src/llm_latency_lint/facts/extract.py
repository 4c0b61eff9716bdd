"""Where facts are extracted: here, in this process's pool, or in a child interpreter.

A daemonic process (a flake8 worker) may not start a pool; with enough files it hands the jobs
to a child interpreter, which may. When the child cannot deliver, the work is done here.
"""
from __future__ import annotations

from typing import FrozenSet, Iterator, Optional, Sequence

from llm_latency_lint.facts import child, pool
from llm_latency_lint.facts.pool import Entry, Job


def extract_all(jobs: Sequence[Job], wrappers: FrozenSet[str], processes: Optional[int] = None) -> Iterator[Entry]:
    """Entries for ``jobs``, in order; parallel and serial runs give identical entries."""
    if processes is None and pool.wants_child(len(jobs)):
        entries = child.extract_in_child(jobs, wrappers)
        if entries is not None:
            return iter(entries)
    return pool.extract_all(jobs, wrappers, processes)
