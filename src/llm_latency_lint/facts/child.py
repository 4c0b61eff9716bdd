"""Facts extraction in a child interpreter, for a caller that may not start a process pool.

flake8 runs plugins inside its daemonic pool workers, and a daemonic process may not have
multiprocessing children: there our pool cannot start and a cold project would be parsed on
one core. A plain child interpreter (``subprocess``) is no multiprocessing child, so it may start
the pool. Jobs go in and entries come back as JSON on the pipes (the cache's format: no pickle),
so the facts are the ones an in-process extraction gives. Each job carries what the caller's
selection kept of CPython's parse of its text (``syntax.checked``), so the child does not parse
those files with CPython again. If the child cannot be started or fails, the caller extracts
in-process instead.
"""
from __future__ import annotations

import json
import subprocess
import sys
from array import array
from typing import Any, FrozenSet, List, Optional, Sequence

from llm_latency_lint.facts.pool import Entry, Job, extract_all
from llm_latency_lint.model import FileFacts
from llm_latency_lint.syntax.checked import Checked, hand, take

_ARGV = ("-m", "llm_latency_lint.facts.child")


def _encode(entry: Entry) -> List[Any]:
    return ["error", entry] if isinstance(entry, str) else ["facts", entry.to_dict()]


def _decode(data: Any) -> Entry:
    kind, value = data
    if kind == "error" and isinstance(value, str):
        return value
    if kind == "facts" and isinstance(value, dict):
        return FileFacts.from_dict(value)
    raise ValueError("bad entry from the facts process")


def _verdict(text: str) -> Optional[List[Any]]:
    """The verdict waiting for ``text`` as JSON (cost, spans per kind), taken from the waiting ones."""
    verdict = take(text)
    return None if verdict is None else [verdict.cost, {kind: list(flat) for kind, flat in verdict.spans.items()}]


def _handed(text: str, data: Any) -> None:
    if data is not None:
        cost, spans = data
        hand(text, Checked(int(cost), {str(kind): array("l", flat) for kind, flat in spans.items()}))


def extract_in_child(jobs: Sequence[Job], wrappers: FrozenSet[str]) -> Optional[List[Entry]]:
    """Entries for ``jobs`` computed by a child interpreter with its own pool, in order;
    None when the child could not deliver them (the caller then works in-process)."""
    payload = json.dumps({"wrappers": sorted(wrappers), "jobs": [[*job, _verdict(job[1])] for job in jobs]}
                         ).encode("utf-8", "surrogatepass")
    try:
        proc = subprocess.run([sys.executable, *_ARGV], input=payload, capture_output=True, check=False)
    except OSError:
        return None
    if proc.returncode != 0:
        return None
    try:
        entries = [_decode(item) for item in json.loads(proc.stdout.decode("utf-8", "surrogatepass"))]
    except (ValueError, TypeError, KeyError):
        return None
    return entries if len(entries) == len(jobs) else None


def main() -> int:
    request = json.loads(sys.stdin.buffer.read().decode("utf-8", "surrogatepass"))
    jobs = [(str(rel), str(text), str(module), bool(is_package)) for rel, text, module, is_package, _ in request["jobs"]]
    for job, (*_, verdict) in zip(jobs, request["jobs"]):
        _handed(job[1], verdict)  # the pool takes it for the job's text (``pool.extract_all``)
    entries = [_encode(entry) for entry in extract_all(jobs, frozenset(request["wrappers"]))]
    sys.stdout.buffer.write(json.dumps(entries, separators=(",", ":")).encode("utf-8", "surrogatepass"))
    return 0


if __name__ == "__main__":  # pragma: no cover - run as the child
    sys.exit(main())
