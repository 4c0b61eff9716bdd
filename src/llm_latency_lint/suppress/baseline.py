"""Baselines for adopting the linter on a legacy codebase.

``check --write-baseline FILE`` records today's findings; ``check --baseline FILE`` then reports
only findings that are not in it. Entries are keyed by content (rule code, path, enclosing
function, normalised call text: see ``identity``), never by line, so edits elsewhere in a file
do not resurrect old findings. A count per key keeps "two identical calls, one new" honest.
Entries that no longer match anything are returned as stale, so the file can shrink.
Paths are stored relative to the baseline file's folder, so the scan root may differ between runs.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

from llm_latency_lint.files.locations import display_path
from llm_latency_lint.result import Finding, Result
from llm_latency_lint.suppress.identity import Key, keyed

VERSION = 1


class BaselineError(Exception):
    """The baseline file cannot be read: the message says which file and why."""


@dataclass(frozen=True)
class Stale:
    key: Key
    missing: int  # how many recorded findings with this key are gone


def _rebased(result: Result, base: Path) -> List[Tuple[Finding, Key, int]]:
    return [
        (f, Key(k.code, display_path(result.root, k.path, base), k.function, k.call), n)
        for f, k, n in keyed(result.findings, result.texts)
    ]


def write(path: Path, result: Result) -> int:
    """Write every current finding to ``path`` atomically; return the number of findings."""
    counts = Counter(k for _, k, _ in _rebased(result, path.resolve().parent))
    entries = [{**k._asdict(), "count": n} for k, n in sorted(counts.items())]
    text = json.dumps({"version": VERSION, "tool": "llm-latency-lint", "entries": entries}, indent=2) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=str(path.parent), prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        os.unlink(tmp)
        raise BaselineError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        os.unlink(tmp)
        raise
    return sum(counts.values())


def load(path: Path) -> Dict[Key, int]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: not a baseline file (invalid JSON: {exc})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("entries"), list):
        raise BaselineError(f"{path}: not a version {VERSION} llm-latency-lint baseline (expected 'version' and 'entries')")
    counts: Dict[Key, int] = {}
    for i, entry in enumerate(data["entries"]):
        try:
            key = Key(*(str(entry[field]) for field in Key._fields))
            count = int(entry.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise BaselineError(f"{path}: entry {i} needs {', '.join(Key._fields)} and a count") from None
        counts[key] = counts.get(key, 0) + count
    return counts


def apply(result: Result, baseline: Dict[Key, int], path: Path, scope: Optional[Set[str]] = None) -> Tuple[List[Finding], List[Stale]]:
    """Findings not in ``baseline``, and the baseline entries nothing matched.

    ``scope`` (paths relative to the baseline's folder) limits stale reporting to the files this
    run covered; None means the run covered the whole project.
    """
    new: List[Finding] = []
    matched: Counter = Counter()
    for finding, key, occurrence in _rebased(result, path.resolve().parent):
        if occurrence < baseline.get(key, 0):
            matched[key] += 1
        else:
            new.append(finding)
    stale = [
        Stale(key, count - matched[key])
        for key, count in sorted(baseline.items())
        if count > matched[key] and (scope is None or key.path in scope)
    ]
    return new, stale
