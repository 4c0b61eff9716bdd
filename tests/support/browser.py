"""Headless Chromium for tests: the DOM after scripts ran, a screenshot, and console output.

Chromium logs every console message (and uncaught errors) to stderr with ``--enable-logging``
as ``...:CONSOLE(...)] "message", source: ...``; a page that logs nothing has a clean console.
Network is off: the pages are local files, and the flags stop Chromium's own background calls.
"""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

CHROMIUM: Optional[str] = next(
    (p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None
)
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--enable-logging=stderr", "--v=0",
]


@dataclass
class Page:
    dom: str
    console: List[str]


def _run(url: str, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    assert CHROMIUM, "chromium is not installed"
    profile.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, url],
        capture_output=True, text=True, timeout=90,
    )


def console_lines(stderr: str) -> List[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def load(path: Path, profile: Path, fragment: str = "") -> Page:
    proc = _run(path.resolve().as_uri() + fragment, profile, "--dump-dom")
    assert proc.returncode == 0, proc.stderr[-2000:]
    return Page(proc.stdout, console_lines(proc.stderr))


def screenshot(path: Path, out: Path, profile: Path, size: str = "1280,1800") -> List[str]:
    proc = _run(path.resolve().as_uri(), profile, f"--screenshot={out}", f"--window-size={size}")
    assert proc.returncode == 0, proc.stderr[-2000:]
    return console_lines(proc.stderr)
