"""A cheap text scan that decides which Python files are worth a libcst parse.

A file is relevant when it mentions an SDK, scheduler, web framework or sink word, or when
it imports a relevant project module (it may be a hop on the path to an SDK call). The
import closure is computed with a regex, never a parse.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, Iterable, List, Pattern, Set

from . import providers
from .triggers import all_recognizers

_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(?P<base>\.*[\w.]*)[ \t]+import[ \t]+(?P<names>\([^)]*\)|[^\n#;]+)|import[ \t]+(?P<mods>[^\n#;]+))",
    re.MULTILINE,
)
EXTRA_WORDS = ("llm-latency", "__main__", "crontab", "beat_schedule", "send_mail", "smtplib", "slack")


@lru_cache(maxsize=1)
def word_pattern() -> Pattern[str]:
    words: Set[str] = set(EXTRA_WORDS)
    words.update(providers.import_roots())
    for recognizer in all_recognizers():
        words.update(recognizer.words)
    escaped = sorted((re.escape(w) for w in words if w), key=len, reverse=True)
    return re.compile("|".join(escaped))


def mentions_llm_words(text: str, extra: Iterable[str] = ()) -> bool:
    if word_pattern().search(text):
        return True
    return any(word in text for word in extra)


def imported_modules(text: str, module: str, is_package: bool) -> Set[str]:
    """Module names (and module.name candidates) a file imports, by regex."""
    package = module if is_package else module.rpartition(".")[0]
    found: Set[str] = set()
    for m in _IMPORT.finditer(text):
        if m.group("mods"):
            for part in m.group("mods").split(","):
                name = part.strip().split(" as ")[0].strip()
                if name:
                    found.add(name)
            continue
        base = m.group("base") or ""
        dots = len(base) - len(base.lstrip("."))
        base = base.lstrip(".")
        if dots:
            parts = package.split(".") if package else []
            parts = parts[: len(parts) - (dots - 1)] if dots > 1 else parts
            base = ".".join([*parts, base] if base else parts)
        if not base:
            continue
        found.add(base)
        for name in m.group("names").strip("() \n").split(","):
            name = name.strip().split(" as ")[0].strip()
            if name and name != "*":
                found.add(f"{base}.{name}")
    return found


def relevant(texts: Dict[str, str], modules: Dict[str, str], packages: Dict[str, bool], extra: Iterable[str] = ()) -> Set[str]:
    """Keys of ``texts`` worth parsing: word hits plus their importers, to a fixpoint."""
    extra = tuple(extra)
    chosen = {key for key, text in texts.items() if mentions_llm_words(text, extra)}
    relevant_modules = {modules[k] for k in chosen}
    pending: Dict[str, Set[str]] = {
        key: imported_modules(texts[key], modules[key], packages[key]) for key in texts if key not in chosen
    }
    changed = True
    while changed:
        changed = False
        for key in list(pending):
            if pending[key] & relevant_modules:
                chosen.add(key)
                relevant_modules.add(modules[key])
                del pending[key]
                changed = True
    return chosen


__all__: List[str] = ["relevant", "mentions_llm_words", "imported_modules"]
