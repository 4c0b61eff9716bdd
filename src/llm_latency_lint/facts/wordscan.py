"""The prefilter's two regex scans in forms that find the same things faster.

Both scans are alternations of many expressions, which Python's ``re`` tries one by one at every
offset of every file: on crewAI's 1,306 files they were two thirds of the summaries (2.7 of
3.6 s). ``mentions_words`` answers ``word_pattern().search`` with a substring search per literal
alternative (hosts, fixed phrases) and the alternation of the rest; ``import_lines`` tries the
import-statement alternation only where a line starts with ``from`` or ``import``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import AbstractSet, Dict, Iterator, List, Optional, Pattern, Tuple

from llm_latency_lint.catalog import providers

_NEVER = re.compile(r"(?!)")  # matches nothing
_REGEX_SYNTAX = frozenset("\\.^$*+?{}[]|()")
# Where an import statement starts: every alternative ``providers.import_of`` makes begins so.
_IMPORT_LINE = re.compile(r"^[ \t]*(?:from|import)[ \t]", re.MULTILINE)


def word_alternatives() -> List[str]:
    """The anchors that are no root's import (words of LLM modules, hosts, our pragma)."""
    imports = {providers.import_of(root) for root in providers.import_anchored_roots()}
    return [e for e in [*providers.anchor_expressions(), re.escape("llm-latency")] if e not in imports]


def literal(expression: str) -> Optional[str]:
    """The string ``expression`` matches when it is a plain literal (``api\\.openai\\.com``), else None."""
    plain = re.sub(r"\\(.)", r"\1", expression)
    if re.escape(plain) == expression or not _REGEX_SYNTAX.intersection(expression):
        return plain
    return None


@lru_cache(maxsize=1)
def word_parts() -> Tuple[Tuple[str, ...], Pattern[str]]:
    """``word_alternatives`` as (the literal ones, a regex of the rest): the alternation of all
    finds something exactly when one literal is a substring or the rest matches."""
    alternatives = word_alternatives()
    literals = tuple(lit for lit in (literal(e) for e in alternatives) if lit is not None)
    rest = [e for e in alternatives if literal(e) is None]
    return literals, (re.compile("|".join(rest), re.MULTILINE) if rest else _NEVER)


def mentions_words(text: str) -> bool:
    """``bool(prefilter.word_pattern().search(text))``, faster."""
    literals, rest = word_parts()
    return any(map(text.__contains__, literals)) or bool(rest.search(text))


def import_lines(alternation: Pattern[str], text: str) -> Iterator[int]:
    """Where ``alternation`` (import statements, ``providers.import_of``, compiled ``MULTILINE``)
    matches in ``text``: a match can start only where ``_IMPORT_LINE`` does, so it is tried only
    there. The same line starts as ``alternation.finditer(text)`` gives (each match is one line)."""
    for start in _IMPORT_LINE.finditer(text):
        if alternation.match(text, start.start()) is not None:
            yield start.start()


# ``prefilter._METHOD_CALL`` records ``.name(`` calls of six letters or more.
_RECORDED_CALL = 6


@lru_cache(maxsize=1)
def call_paths_by_method() -> Dict[str, Tuple[str, ...]]:
    """``providers.call_path_anchors`` grouped by their method (``create`` -> ``.chat.completions.create(``...)."""
    grouped: Dict[str, List[str]] = {}
    for anchor in providers.call_path_anchors():
        grouped.setdefault(anchor[:-1].rsplit(".", 1)[-1], []).append(anchor)
    return {method: tuple(anchors) for method, anchors in grouped.items()}


def mentions_call_path(text: str, calls: AbstractSet[str]) -> bool:
    """Any SDK operation's call path in ``text`` (``providers.call_path_anchors``); ``calls``: the
    ``.name(`` calls the text makes (six letters or more), so a path whose method the text never
    calls costs no search (on saleor's 4,329 files the 76 searches were an eighth of the scan)."""
    return any((len(method) < _RECORDED_CALL or method in calls) and any(map(text.__contains__, anchors))
               for method, anchors in call_paths_by_method().items())
