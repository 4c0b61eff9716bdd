"""A one-line progress bar on stderr while facts are read, for long runs on a terminal.

Only a terminal gets it: piped or redirected output, CI logs and ``--quiet`` stay clean.
The bar draws at most ten times a second and erases itself when the run is done.
"""
from __future__ import annotations

import sys
import time
from typing import Callable, Optional, TextIO

WIDTH = 30
INTERVAL = 0.1


class ProgressBar:
    def __init__(self, stream: TextIO, label: str = "reading") -> None:
        self.stream = stream
        self.label = label
        self.last = 0.0
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < INTERVAL:
            return
        self.last = now
        filled = WIDTH * done // total if total else WIDTH
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{total} files")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()


def for_terminal(quiet: bool, stream: Optional[TextIO] = None) -> Optional[ProgressBar]:
    """A bar when ``stream`` (stderr) is a terminal and not ``quiet``; otherwise None."""
    stream = stream or sys.stderr
    isatty: Callable[[], bool] = getattr(stream, "isatty", lambda: False)
    return None if quiet or not isatty() else ProgressBar(stream)
