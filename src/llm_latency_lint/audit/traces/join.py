"""Each traced request joined to the call site that made it, by the strongest key it carries:

1. **code location**: the span's file (``code.filepath``; its path and the site's share their whole
   shorter tail) and line. The exact line wins; a line that moved keeps joining while it stays
   inside the same function (the enclosing ``def`` of the span's line, or the function the span
   names), to the site in that function nearest the line.
2. **function name**: ``code.function``, or the observation or run name (Langfuse's ``@observe``
   and LangSmith's ``@traceable`` name a request after the decorated function), equal to the
   enclosing function of exactly one site (after filtering by provider and model when the span
   has them).
3. **provider + model**: exactly one site of that provider names that model (snapshot dates and
   case ignored; a span without a provider matches on the model alone).

A span that no step places on exactly one site is listed as unjoined with the reason; nothing
is shared out or guessed.
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Dict, List, Optional, Sequence, Set, Tuple

from llm_latency_lint.audit.traces.spans import Span
from llm_latency_lint.audit.usage import model_key

LOCATION, MOVED, FUNCTION, MODEL = "code location", "code location (line moved)", "function name", "provider+model"
MODES = (LOCATION, MOVED, FUNCTION, MODEL)

_FAMILIES = {"vertexai": "google", "google-generativeai": "google"}


@dataclass(frozen=True)
class Target:
    """What the join needs of one call site (built by the inventory)."""

    index: int
    path: str
    line: int
    function: str  # qualname of the enclosing function
    providers: Tuple[str, ...]  # the SDK's provider and, for LangChain/LiteLLM, the one it calls
    model: Optional[str]


@dataclass
class Joined:
    spans: Dict[int, List[Span]] = field(default_factory=dict)  # target index -> its spans
    modes: Dict[int, Counter] = field(default_factory=dict)  # target index -> how they joined
    unjoined: List[Tuple[Span, str]] = field(default_factory=list)

    def add(self, index: int, span: Span, mode: str) -> None:
        self.spans.setdefault(index, []).append(span)
        self.modes.setdefault(index, Counter())[mode] += 1


def _family(provider: Optional[str]) -> Optional[str]:
    return _FAMILIES.get(provider, provider) if provider else None


def _parts(path: str) -> Tuple[str, ...]:
    return tuple(p for p in PurePosixPath(path.replace("\\", "/")).parts if p not in ("/", "."))


def _same_file(span_path: str, site_path: str) -> bool:
    a, b = _parts(span_path), _parts(site_path)
    n = min(len(a), len(b))
    return n > 0 and a[-n:] == b[-n:]


def _short(name: str) -> str:
    return name.rsplit(".", 1)[-1]


class Joiner:
    def __init__(self, targets: Sequence[Target], functions: Dict[str, Dict[str, int]]):
        """``functions``: per site path, every function's qualname -> its ``def`` line."""
        self.targets = list(targets)
        self.functions = functions
        self._defs = {p: sorted((line, q) for q, line in fns.items()) for p, fns in functions.items()}

    def _provider_ok(self, span: Span, target: Target) -> bool:
        return not span.provider or _family(span.provider) in {_family(p) for p in target.providers}

    def _model_ok(self, span: Span, target: Target) -> bool:
        return not span.model or not target.model or model_key(span.model) == model_key(target.model)

    def _enclosing(self, path: str, line: int) -> Optional[str]:
        defs = self._defs.get(path, [])
        at = bisect.bisect_right(defs, (line, "\uffff")) - 1
        return defs[at][1] if at >= 0 else None

    def by_location(self, span: Span) -> Optional[Tuple[int, str]]:
        if not span.filepath:
            return None
        here = [t for t in self.targets if _same_file(span.filepath, t.path)]
        if not here or span.lineno is None:
            return None
        exact = [t for t in here if t.line == span.lineno]
        if len(exact) == 1:
            return exact[0].index, LOCATION
        paths = {t.path for t in here}
        names: Set[str] = set()
        if span.function:  # the function the trace names beats the enclosing def we estimate
            names = {q for p in paths for q in self.functions.get(p, {}) if _short(q) == _short(span.function)}
        if not names:
            names = {n for n in (self._enclosing(p, span.lineno) for p in paths) if n}
        inside = [t for t in here if t.function in names and self._provider_ok(span, t)]
        if not inside:
            return None
        line = span.lineno
        nearest = min(inside, key=lambda t: (abs(t.line - line), t.line))
        return nearest.index, MOVED

    def by_function(self, span: Span) -> Tuple[Optional[int], Optional[str]]:
        names = [n for n in (span.function, span.name) if n]
        for name in names:
            hits = [t for t in self.targets if _short(t.function) == _short(name)]
            if not hits:
                continue
            fitting = [t for t in hits if self._provider_ok(span, t) and self._model_ok(span, t)]
            if len(fitting) == 1:
                return fitting[0].index, None
            if len(fitting) > 1:
                return None, f"function {name!r} has {len(fitting)} call sites of that provider and model"
        return None, None

    def by_model(self, span: Span) -> Tuple[Optional[int], str]:
        if not span.model:
            return None, "no code location, no function or site name that matches, and no model"
        key = model_key(span.model)
        hits = [t for t in self.targets if t.model and model_key(t.model) == key and self._provider_ok(span, t)]
        if len(hits) == 1:
            return hits[0].index, ""
        who = f"{span.provider} {span.model}" if span.provider else span.model
        if not hits:
            return None, f"no call site names model {who}"
        return None, f"{len(hits)} call sites name model {who}"

    def join(self, spans: Sequence[Span]) -> Joined:
        out = Joined()
        for span in spans:
            located = self.by_location(span)
            if located:
                out.add(located[0], span, located[1])
                continue
            index, problem = self.by_function(span)
            if index is not None:
                out.add(index, span, FUNCTION)
                continue
            if problem:
                out.unjoined.append((span, problem))
                continue
            index, problem = self.by_model(span)
            if index is not None:
                out.add(index, span, MODEL)
            else:
                out.unjoined.append((span, problem))
        return out
