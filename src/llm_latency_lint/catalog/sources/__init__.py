"""Schedules declared outside Python (crontab files, CI schedules, manifests).

Each module declares ``SOURCE = Source(matches=..., parse=...)``; ``parse`` returns
``Trigger``s whose target is ``["entry", key]``: the script, module or command it runs.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, List, Optional, Tuple

from llm_latency_lint.model import Trigger


@dataclass(frozen=True)
class Source:
    id: str
    matches: Callable[[str, str], bool]  # (relative path, file name) -> bool
    parse: Callable[[str, str], List[Trigger]]  # (relative path, text) -> triggers
    # a matching file larger than this is data, not a schedule (a big ``.xml``): skipped silently
    max_bytes: Optional[int] = None


@lru_cache(maxsize=1)
def all_sources() -> Tuple[Source, ...]:
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "SOURCE"):
            found.append(module.SOURCE)
    return tuple(found)


def source_for(relpath: str, name: str):
    return next((s for s in all_sources() if s.matches(relpath, name)), None)
