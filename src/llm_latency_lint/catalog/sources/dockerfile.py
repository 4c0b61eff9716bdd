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

# Which variant a deploy builds when it names the default ``Dockerfile`` and the folder has none: the
# production one (``Dockerfile.prod``, ``production.Dockerfile``), else the only one not for
# development (a Cloud Run job deployed from CI with ``docker build -f Dockerfile.prod``).
PRODUCTION_VARIANTS = ("prod", "production", "release", "deploy")
DEVELOPMENT_VARIANTS = ("dev", "development", "local", "test", "debug", "ci")


def built_variant(path: str, present: List[str]) -> Optional[str]:
    """The Dockerfile the image named ``path`` (a missing default ``Dockerfile``) is built from."""
    folder, _, name = path.rpartition("/")
    if name not in ("Dockerfile", "Containerfile") or path in present:
        return None
    variants: List[Tuple[str, str]] = []
    for other in present:
        where, _, base = other.rpartition("/")
        if where == folder and matches(other, base) and base not in ("Dockerfile", "Containerfile"):
            variants.append((base.replace("Dockerfile", "").replace("Containerfile", "").strip(".").lower(), other))
    production = [p for tag, p in variants if tag in PRODUCTION_VARIANTS]
    if len(production) == 1:
        return production[0]
    rest = [p for tag, p in variants if tag not in DEVELOPMENT_VARIANTS]
    return rest[0] if len(rest) == 1 else None


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
