"""Makefiles: each target's recipe is the entry point ``make:<target>``.

Recipe lines are shell commands (``@``/``-``/``+`` prefixes dropped, ``\\`` continuations
joined); simple variables (``PYTHON := uv run python``) are expanded, ``$(MAKE) other``
chains to another target. A recipe's ``docker build -t NAME .`` is the entry ``image:NAME``
(``catalog/image_tags``).
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from llm_latency_lint.catalog.sources import Source
from llm_latency_lint.catalog.sources._entries import (
    entry_triggers,
    image_build_triggers,
)
from llm_latency_lint.model import Trigger

_TARGET = re.compile(r"^(?P<names>[A-Za-z0-9_.%/-][A-Za-z0-9_.%/ -]*?)\s*::?(?!=)(?P<rest>.*)$")
_VARIABLE = re.compile(r"^(?:export\s+)?(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?::{1,3}|\?|\+)?=\s*(?P<value>.*)$")
_REFERENCE = re.compile(r"\$[({](?P<name>[A-Za-z_][A-Za-z0-9_]*)[)}]")


def matches(relpath: str, name: str) -> bool:
    return name in ("Makefile", "makefile", "GNUmakefile") or name.endswith(".mk")


def parse(relpath: str, text: str) -> List[Trigger]:
    variables: Dict[str, str] = {}
    targets: List[str] = []
    found: List[Trigger] = []
    for number, line, recipe in _lines(text):
        if recipe:
            command = _expand(line.lstrip("@-+ \t"), variables)
            for name in targets:
                found.extend(entry_triggers("makefile", f"make:{name}", command, number, f"make {name} ({relpath})"))
            found.extend(image_build_triggers("makefile", relpath, command, number))  # ``docker build -t NAME .``
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        variable = _VARIABLE.match(line)
        if variable:
            variables[variable.group("name")] = variable.group("value").strip()
            continue
        target = _TARGET.match(line)
        if target is None or line.startswith("."):
            targets = []  # a directive (include, ifeq) or a special target (.PHONY)
            continue
        targets = [t for t in target.group("names").split() if "%" not in t]
        prerequisites, _, inline = target.group("rest").partition(";")
        for name in targets:
            if inline.strip():
                found.extend(entry_triggers("makefile", f"make:{name}", _expand(inline, variables), number,
                                            f"make {name} ({relpath})"))
            for prerequisite in prerequisites.split():
                found.append(Trigger(kind="entry", source="makefile", target=["entry", f"make:{prerequisite}"],
                                     line=number, note=f"make {name} first makes {prerequisite}",
                                     entry_key=f"make:{name}"))
    return found


def _lines(text: str) -> List[Tuple[int, str, bool]]:
    out: List[Tuple[int, str, bool]] = []
    buffer: Optional[str] = None
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if buffer is None:
            start = number
            buffer = ""
        if raw.endswith("\\"):
            buffer += raw[:-1].strip() + " " if buffer else raw[:-1] + " "
            continue
        line = buffer + (raw.strip() if buffer else raw)
        buffer = None
        out.append((start, line.strip() if line.startswith("\t") else line, line.startswith("\t")))
    return out


def _expand(command: str, variables: Dict[str, str], depth: int = 0) -> str:
    if depth > 5:
        return command
    expanded = _REFERENCE.sub(lambda m: variables.get(m.group("name"), m.group(0)), command)
    return expanded if expanded == command else _expand(expanded, variables, depth + 1)


SOURCE = Source("makefile", matches, parse)
