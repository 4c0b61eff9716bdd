"""A cheap text scan that decides which Python files are worth a libcst parse.

A file is relevant when it mentions an SDK, scheduler, web framework or sink word, or when
it imports a relevant project module (it may be a hop on the path to an SDK call). The
import closure is computed with a regex, never a parse.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, Iterable, List, Optional, Pattern, Set

from . import providers
from .triggers import all_recognizers

_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(?P<base>\.*[\w.]*)[ \t]+import[ \t]+(?P<names>\([^)]*\)|[^\n#;]+)|import[ \t]+(?P<mods>[^\n#;]+))",
    re.MULTILINE,
)
EXTRA_WORDS = ("llm-latency", "__main__", "crontab", "beat_schedule", "send_mail", "smtplib", "slack")


def _alternation(words: Iterable[str]) -> Pattern[str]:
    escaped = sorted((re.escape(w) for w in set(words) if w), key=len, reverse=True)
    return re.compile("|".join(escaped) or r"(?!x)x")


@lru_cache(maxsize=1)
def anchor_pattern() -> Pattern[str]:
    """Words that make a file relevant on their own: SDK packages and our pragma."""
    return _alternation([*providers.import_roots(), "llm-latency"])


@lru_cache(maxsize=1)
def trigger_pattern() -> Pattern[str]:
    """Scheduler / framework words: relevant only together with a relevant module's name."""
    words: Set[str] = set(EXTRA_WORDS)
    for recognizer in all_recognizers():
        words.update(recognizer.words)
    return _alternation(words)


def mentions_llm_words(text: str, extra: Iterable[str] = ()) -> bool:
    if anchor_pattern().search(text):
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
    """Keys of ``texts`` worth parsing, to a fixpoint:

    - anchors: the file names an SDK (or a configured wrapper);
    - importers: the file imports a relevant module (it may be a hop toward an SDK call);
    - registries: the file has scheduler/framework words and names a relevant module in text
      (a beat schedule's ``"app.tasks.nightly"``, a ``"pkg.mod:function"`` job reference);
    - providers: a relevant file imports it and it defines what dispatch goes through (a class
      that may be a plugin base, a module-level registry, a decorator factory).
    """
    extra = tuple(extra)
    chosen = {key for key, text in texts.items() if mentions_llm_words(text, extra)}
    relevant_modules = {modules[k] for k in chosen}
    pending = {key for key in texts if key not in chosen}
    imports = {key: imported_modules(texts[key], modules[key], packages[key]) for key in texts}
    registries = {key for key in pending if trigger_pattern().search(texts[key])}
    shaped: Optional[Set[str]] = None
    while True:
        names = _alternation(m for m in relevant_modules if m)
        added = {
            key for key in pending
            if imports[key] & relevant_modules or (key in registries and relevant_modules and names.search(texts[key]))
        }
        if not added:
            if shaped is None:
                shaped = {k for k in pending if _DISPATCH_SHAPES.search(texts[k])}
            added = _providers(chosen, pending, imports, modules, shaped)
        if not added:
            return chosen
        chosen |= added
        pending -= added
        relevant_modules |= {modules[k] for k in added}


# A class (maybe a plugin base), a module-level container (maybe a registry), a nested def
# (maybe a decorator factory). Each alternative is anchored and linear.
_DISPATCH_SHAPES = re.compile(
    r"^(?:class[ \t]+\w|[ \t]+def[ \t]+\w|[A-Za-z_]\w*[ \t]*(?::[^=\n]*)?=[ \t]*(?:[\[{]|dict\(|list\(|defaultdict\())",
    re.MULTILINE,
)


def _providers(chosen: Set[str], pending: Set[str], imports: Dict[str, Set[str]], modules: Dict[str, str],
               shaped: Set[str]) -> Set[str]:
    wanted: Set[str] = set()
    for key in chosen:
        wanted |= imports[key]
    return {k for k in pending & shaped if modules[k] in wanted}


__all__: List[str] = ["relevant", "mentions_llm_words", "imported_modules"]
