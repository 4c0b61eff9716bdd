"""Trigger recognisers: one module per scheduler, framework or event source.

Each module declares ``RECOGNIZERS = [SomeRecognizer(), ...]``; this package collects them.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from typing import List, Tuple

from llm_latency_lint.catalog.triggers.api import Recognizer


@lru_cache(maxsize=1)
def all_recognizers() -> Tuple[Recognizer, ...]:
    found: List[Recognizer] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name == "api":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(getattr(module, "RECOGNIZERS", ()))
    return tuple(found)
