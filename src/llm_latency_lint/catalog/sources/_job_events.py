"""The events a GitHub Actions job's ``if:`` lets it run on.

A workflow ``on: [schedule, push, pull_request]`` whose posting job says ``if: github.event_name
== 'schedule' || github.event_name == 'workflow_dispatch'`` runs its step on the schedule only; the
pull request's run is another job's (a lint). The workflow's events then reach what that job runs
only where the condition allows them: an or-chain whose every term requires ``github.event_name ==
'<event>'`` (alone or ``&&`` other conditions: ``(github.event_name == 'push' &&
contains(github.event.head_commit.message, '[force-post]'))``) allows those events; an ``&&`` chain
of ``github.event_name != '<event>'`` excludes them. Any other condition restricts nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import FrozenSet, List, Optional

_EQUALS = re.compile(r"""^github\.event_name\s*==\s*['"]([\w-]+)['"]$""")
_DIFFERS = re.compile(r"""^github\.event_name\s*!=\s*['"]([\w-]+)['"]$""")


@dataclass(frozen=True)
class JobEvents:
    """``allowed`` None: any event the workflow has; ``excluded`` never."""

    allowed: Optional[FrozenSet[str]] = None
    excluded: FrozenSet[str] = frozenset()

    def runs_on(self, event: str) -> bool:
        return event not in self.excluded and (self.allowed is None or event in self.allowed)


ANY = JobEvents()


def _split(text: str, operator: str) -> List[str]:
    """``text``'s parts between ``operator``s outside parentheses and quotes."""
    parts, depth, start, quote = [], 0, 0, ""
    i = 0
    while i < len(text):
        char = text[i]
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0 and text.startswith(operator, i):
            parts.append(text[start:i])
            start = i + len(operator)
            i = start
            continue
        i += 1
    parts.append(text[start:])
    return [p.strip() for p in parts]


def _bare(text: str) -> str:
    """Without enclosing parentheses that wrap the whole of it."""
    text = text.strip()
    while text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        text = text[1:-1].strip()
    return text


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def either(one: JobEvents, other: JobEvents) -> JobEvents:
    """What runs a command two jobs both run: the events either job runs on."""
    allowed = None if one.allowed is None or other.allowed is None else one.allowed | other.allowed
    return JobEvents(allowed=allowed, excluded=one.excluded & other.excluded)


def job_events(condition: object) -> JobEvents:
    """What a job's ``if:`` (``${{ ... }}`` or bare) lets it run on."""
    if not isinstance(condition, str):
        return ANY
    text = condition.strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2]
    text = _bare(" ".join(text.split()))
    allowed: List[str] = []
    for term in _split(text, "||"):
        events = [m.group(1) for part in _split(_bare(term), "&&") if (m := _EQUALS.match(_bare(part)))]
        if len(events) != 1:
            break
        allowed.extend(events)
    else:
        return JobEvents(allowed=frozenset(allowed))
    parts = [_DIFFERS.match(_bare(part)) for part in _split(text, "&&")]
    excluded = frozenset(m.group(1) for m in parts if m)
    return JobEvents(excluded=excluded) if excluded else ANY
