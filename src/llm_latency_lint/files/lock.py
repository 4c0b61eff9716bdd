"""An exclusive lock on a file, for runs that share a cache: concurrent processes (flake8's
workers) wait for the first one's work instead of repeating it."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def exclusive(path: Path) -> Iterator[None]:
    """Hold ``flock`` on ``path`` (created if missing). A no-op where ``flock`` is absent or the
    file cannot be opened: writes stay atomic, the last one wins, nothing waits."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        handle = open(path, "a+b")
    except OSError:
        yield
        return
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield
    finally:
        handle.close()
