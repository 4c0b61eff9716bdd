"""Facts extraction across processes, when there are enough files to pay for the pool.

Each file's facts depend on that file alone, so files are extracted independently and the
results come back in the order asked for: parallel and serial runs give identical facts.
A pool costs a fork per core and the pickling of texts and facts; below ``MIN_FILES`` files
to parse (a warm cache, a small project) everything runs in this process. A daemonic process
(flake8's workers), which may not start a pool, hands the work to ``child`` (see ``extract``).
"""
from __future__ import annotations

import gc
import os
import sys
from typing import FrozenSet, Iterator, List, Optional, Sequence, Tuple, Union

from llm_latency_lint.model import FileFacts
from llm_latency_lint.syntax.checked import Checked, take, vouch

MIN_FILES = 24  # files to parse before a pool pays for itself (libcst: ~20-50 ms per file)
FILES_PER_WORKER = 12
CHUNK = 4

Job = Tuple[str, str, str, bool]  # relpath, text, module, is_package
Entry = Union[FileFacts, str]  # facts, or the one-line reason the file could not be parsed


def extract_one(job: Job, wrappers: FrozenSet[str]) -> Entry:
    from llm_latency_lint.facts import (
        visitor as facts_mod,  # libcst is imported only when something must be parsed
    )
    from llm_latency_lint.syntax.parse import parse_error

    relpath, text, module, is_package = job
    # The cyclic collector is paused for the file: the pass allocates millions of short-lived
    # nodes and lists that reference counting frees (the collector cost ~8% of the pass); the
    # few cycles it leaves (the visitor and its context) are collected once it runs again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return facts_mod.extract(text, relpath, module, is_package, wrappers)
    except Exception as exc:  # noqa: BLE001 - parse failures are reported, never raised
        return parse_error(exc)
    finally:
        if collecting:
            gc.enable()


def _chunk(args: Tuple[List[Job], List[Optional[Checked]], FrozenSet[str]]) -> List[Entry]:
    jobs, verdicts, wrappers = args
    entries: List[Entry] = []
    for job, verdict in zip(jobs, verdicts):
        if verdict is not None:
            vouch(job[1], verdict)  # CPython's check passed in the parent (``syntax.checked``)
        entries.append(extract_one(job, wrappers))
    return entries


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


def processes_for(count: int) -> int:
    if count < MIN_FILES:
        return 1
    import multiprocessing  # imported only when a pool may pay: start-up time matters warm

    if multiprocessing.current_process().daemon:
        return 1  # inside a pool worker (flake8's), which may not have children
    return max(1, min(cores(), count // FILES_PER_WORKER))


def _in_daemon() -> bool:
    import multiprocessing

    return multiprocessing.current_process().daemon


def wants_child(count: int) -> bool:
    """A daemonic process (a flake8 worker) with enough files for a pool: hand the pool to a
    child interpreter (see ``child``), which may have children where we may not."""
    return count >= MIN_FILES and cores() > 1 and count // FILES_PER_WORKER > 1 and _in_daemon()


def extract_all(jobs: Sequence[Job], wrappers: FrozenSet[str], processes: Optional[int] = None) -> Iterator[Entry]:
    """Entries for ``jobs``, in order, computed in this process or its pool. ``processes``
    defaults to what the job count pays for."""
    processes = processes_for(len(jobs)) if processes is None else processes
    if processes <= 1 or len(jobs) < 2:
        for job in jobs:
            yield extract_one(job, wrappers)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from llm_latency_lint.syntax.parse import child_context

    chunks = [list(jobs[i:i + CHUNK]) for i in range(0, len(jobs), CHUNK)]
    # what the parent's selection kept of CPython's parse of each text goes with it (a worker's
    # copy of the text is another object: it is vouched for there, before its check)
    verdicts = [[take(job[1]) for job in chunk] for chunk in chunks]
    # fork up to 3.11 on Linux; forkserver from 3.12 (fork of a threaded process warns there); else spawn
    context = child_context() if sys.platform.startswith("linux") else multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
        for entries in pool.map(_chunk, [(chunk, known, wrappers) for chunk, known in zip(chunks, verdicts)]):
            yield from entries


__all__ = ["extract_all", "extract_one", "processes_for", "wants_child", "MIN_FILES"]
