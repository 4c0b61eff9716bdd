"""Dockerfiles: the image's ``ENTRYPOINT`` + ``CMD`` is the entry point ``docker:<Dockerfile path>``.

Something else runs the image (a GitHub Action with ``image: Dockerfile``, a compose service
with ``build:``); what the container starts is the command they schedule. Exec form
(``["python", "x.py"]``) and shell form are both read; ``WORKDIR`` prefixes script paths.
"""
from __future__ import annotations

import json
import re
import shlex
from typing import List, Optional, Tuple

from llm_latency_lint.catalog.sources import Source
from llm_latency_lint.catalog.sources._entries import entry_triggers
from llm_latency_lint.model import Trigger

_INSTRUCTION = re.compile(r"^\s*(?P<op>[A-Za-z]+)\s+(?P<rest>.*)$")


def matches(relpath: str, name: str) -> bool:
    return name in ("Dockerfile", "Containerfile") or name.startswith("Dockerfile.") or name.endswith(".Dockerfile")


def _command(rest: str) -> str:
    rest = rest.strip()
    if rest.startswith("["):
        try:
            parts = json.loads(rest)
        except ValueError:
            return rest
        if isinstance(parts, list) and all(isinstance(p, str) for p in parts):
            return shlex.join(parts)
    return rest


def parse(relpath: str, text: str) -> List[Trigger]:
    entrypoint: Optional[Tuple[str, int]] = None
    cmd: Optional[Tuple[str, int]] = None
    workdir = ""
    for number, raw in _logical_lines(text):
        found = _INSTRUCTION.match(raw)
        if not found:
            continue
        op, rest = found.group("op").upper(), found.group("rest")
        if op == "FROM":
            entrypoint = cmd = None  # a later stage is the image that runs
            workdir = ""
        elif op == "WORKDIR":
            workdir = rest.strip()
        elif op == "ENTRYPOINT":
            entrypoint = (_command(rest), number)
        elif op == "CMD":
            cmd = (_command(rest), number)
    parts = [p for p in (entrypoint, cmd) if p]
    if not parts:
        return []
    command = " ".join(p[0] for p in parts)
    line = parts[-1][1]
    return entry_triggers("dockerfile", f"docker:{relpath}", command, line, f"image {relpath}", workdir)


def _logical_lines(text: str):
    """Lines with ``\\`` continuations joined, comments dropped, numbered by their first line."""
    buffer, start = "", 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if not buffer:
            start = number
            if raw.lstrip().startswith("#"):
                continue
        if raw.rstrip().endswith("\\"):
            buffer += raw.rstrip()[:-1] + " "
            continue
        yield start, buffer + raw
        buffer = ""
    if buffer:
        yield start, buffer


SOURCE = Source("dockerfile", matches, parse)
