"""The solved project graph stored beside the result it led to (``project/state.py`` says what
it holds and when an edit may start from it): one ``store`` file per result key, the newest two
kept. An edit's run has a new result key, so it reads the newest state whatever its key; the
state names what it was solved from, and a damaged file reads as absent. Beside them, the last
run's classification record (``classes``: ``project/classify_reuse``), one file replaced by every run.""" 
from __future__ import annotations

from pathlib import Path
from typing import Optional

from llm_latency_lint.facts import store
from llm_latency_lint.facts.cache import Store
from llm_latency_lint.facts.codec import Plain

KEPT = 2


def _newest(folder: Path) -> Optional[Path]:
    try:
        return max(folder.glob("graph-*"), key=lambda p: p.stat().st_mtime_ns, default=None)
    except OSError:
        return None


def latest(cache: Store) -> Optional[Plain]:
    """The newest stored solved graph, or None."""
    newest = _newest(cache.folder)
    found = store.load(newest, cache.namespace) if newest is not None else None
    if isinstance(found, (list, tuple)) and len(found) == 2 and isinstance(found[0], str):
        return found[1]
    return None


def save(cache: Store, key: str, value: Plain) -> None:
    """Store a solved graph under its result key; failing to write only makes the next edit slower."""
    try:
        cache.prepare()
        store.dump(cache.folder / f"graph-{key[:24]}", cache.namespace, [key, value])
        older = sorted(cache.folder.glob("graph-*"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for stale in older[KEPT:]:
            stale.unlink()
    except (OSError, ValueError, TypeError):
        pass


def classes(cache: Store, context: str) -> Optional[Plain]:
    """The last run's classification record (``project/classify_reuse``) for ``context``, or None."""
    found = store.load(cache.folder / "classes", cache.namespace)
    if isinstance(found, (list, tuple)) and len(found) == 2 and found[0] == context:
        return found[1]
    return None


def save_classes(cache: Store, context: str, value: Plain) -> None:
    """Replace the classification record; failing to write only makes the next edit classify whole."""
    try:
        cache.prepare()
        store.dump(cache.folder / "classes", cache.namespace, [context, value])
    except (OSError, ValueError, TypeError):
        pass
