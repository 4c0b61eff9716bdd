"""Building the triggers a non-Python source declares.

A source either *schedules* what a command runs (``scheduled`` / ``near-real-time``
triggers, the schedule's line and frequency in words) or *defines an entry point* others run
by key (``make:digest`` is a Makefile recipe, ``shell:run.sh`` a script): an ``entry``
trigger whose target is the key of whatever its command runs in turn. The classifier chains
them, so ``workflow -> make digest -> scripts/digest.py -> module`` is one evidence chain.
"""
from __future__ import annotations

import posixpath
from typing import List, Optional

from llm_latency_lint.catalog.command_lines import (
    describe_key,
    entry_keys,
    simple_commands,
    sleep_loop_seconds,
)
from llm_latency_lint.catalog.image_tags import build_of, dockerfiles
from llm_latency_lint.model import Trigger


def line_of(text: str, needle: str, missing: int = 1) -> int:
    """The 1-based line where ``needle`` first stands in ``text`` (``missing`` when it does not):
    JSON and YAML readers give values without positions."""
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else missing


def schedule_triggers(
    kind: str, source: str, command: str, line: int, what: str,
    schedule: Optional[str] = None, cwd: str = "", keys: Optional[List[str]] = None,
) -> List[Trigger]:
    """One trigger per entry point ``command`` runs: ``<what> runs <entry>``."""
    found: List[Trigger] = []
    for key in keys if keys is not None else entry_keys(command, cwd):
        found.append(Trigger(kind=kind, source=source, target=["entry", key], line=line,
                             note=f"{what} runs {describe_key(key)}", schedule=schedule))
    return found


def entry_triggers(source: str, entry_key: str, command: str, line: int, what: str, cwd: str = "",
                   loops: bool = True) -> List[Trigger]:
    """``entry_key`` runs ``command``: one entry trigger per key the command runs.

    A command that loops forever with a ``sleep`` is a schedule of its own (``while true; do
    python x.py; sleep 3600; done``): its keys are also scheduled, every that many seconds (once:
    ``loops=False`` where the same command is given under a second key).
    """
    found: List[Trigger] = []
    for key in entry_keys(command, cwd):
        found.append(Trigger(kind="entry", source=source, target=["entry", key], line=line,
                             note=f"{what} runs {describe_key(key)}", entry_key=entry_key))
    if loops:
        found.extend(loop_triggers(source, command, line, what, cwd))
    return found


def loop_triggers(source: str, command: str, line: int, what: str, cwd: str = "") -> List[Trigger]:
    from llm_latency_lint.catalog.schedule_words import interval

    seconds = sleep_loop_seconds(command)
    if seconds is None:
        return []
    words = interval(seconds)
    return schedule_triggers("scheduled", source, command, line, f"{what} (a loop with sleep, {words})",
                             words, cwd)


def image_build_triggers(source: str, relpath: str, command: str, line: int,
                         folders: Optional[List[str]] = None) -> List[Trigger]:
    """``docker build -t NAME [-f FILE] CONTEXT`` in a script or recipe: the entry ``image:NAME``
    runs the image's own command (``docker:<Dockerfile>``), the paths read from each of ``folders``
    the command may run in: by default the file's folder and the repository root (``catalog/image_tags``)."""
    if "build" not in command and "bud" not in command:
        return []
    found: List[Trigger] = []
    for words in simple_commands(command):
        build = build_of(words)
        if build is None:
            continue
        for dockerfile in dockerfiles(build, folders if folders is not None else [posixpath.dirname(relpath), ""]):
            found.extend(Trigger(kind="entry", source=source, target=["entry", f"docker:{dockerfile}"], line=line,
                                 note=f"{relpath} builds image {key.partition(':')[2]} from {dockerfile}", entry_key=key)
                         for key in build.keys)
    return found
