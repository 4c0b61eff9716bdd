"""The fixer catalog: (strategy, provider id, operation) -> fixer, built from ``fixes/providers``.

Every public module in ``fixes/providers`` declares ``FIXERS = [...]``; adding a provider's rewrite is
adding one module there. Nothing here names a provider.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from typing import Dict, Optional, Tuple

from llm_latency_lint.fixes import providers as _providers
from llm_latency_lint.fixes.base import Fixer

Key = Tuple[str, str, str]  # (strategy, provider id, operation)


@lru_cache(maxsize=1)
def fixers() -> Dict[Key, Fixer]:
    found: Dict[Key, Fixer] = {}
    for info in sorted(pkgutil.iter_modules(_providers.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue  # shared plumbing (``_openai_shaped``), not a provider
        module = importlib.import_module(f"{_providers.__name__}.{info.name}")
        for fixer in getattr(module, "FIXERS", ()):
            for provider, operation in fixer.keys:
                key = (fixer.strategy, provider, operation)
                if key in found:
                    raise RuntimeError(f"two fixers for {key}: {found[key]!r} and {fixer!r}")
                found[key] = fixer
    return found


def lookup(strategy: str, provider: str, operation: str) -> Optional[Fixer]:
    return fixers().get((strategy, provider, operation))
