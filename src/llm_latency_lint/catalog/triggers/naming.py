"""Weak evidence: names and docstrings that say "this runs on a schedule".

``nightly_summary`` or a docstring saying "runs every night" is what people write for a
cron job whose schedule lives outside the repository (a crontab on a server, a cloud
scheduler). Such evidence is weak: the classifier uses it only for code that no real
trigger reaches. Patterns are tables; the first that matches names the job.
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Optional, Pattern, Sequence, Tuple

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.model import Trigger

# Period word -> the schedule it implies.
PERIODS: Tuple[Tuple[str, str], ...] = (
    ("nightly", "daily"), ("daily", "daily"), ("weekly", "weekly"), ("monthly", "monthly"), ("hourly", "hourly"),
)


def _a(word: str) -> str:
    return "an" if word == "hourly" or word[0] in "aeiou" else "a"


# (pattern on the lower-cased name, schedule or None, what kind of job it suggests)
NAME_PATTERNS: Tuple[Tuple[Pattern[str], Optional[str], str], ...] = (
    *((re.compile(rf"^{word}(?:_|$)"), schedule, f"{_a(word)} {word} job") for word, schedule in PERIODS),
    *((re.compile(rf"_{word}$"), schedule, f"{_a(word)} {word} job") for word, schedule in PERIODS),
    *((re.compile(rf"(?:^|_){word}_(?:[a-z0-9]+_)*reports?$"), schedule, f"{_a(word)} {word} report")
      for word, schedule in PERIODS),
    (re.compile(r"_digests?$"), None, "a periodic digest"),
    (re.compile(r"^backfill(?:_|$)|_backfill$"), None, "a backfill job (offline batch)"),
    (re.compile(r"^reindex(?:_|$)|_reindex$"), None, "a reindex job (offline batch)"),
)
# Words that make a period name a quantity, not a job: daily_limit, monthly_quota.
NOT_A_JOB = frozenset({"limit", "limits", "quota", "quotas", "cap", "budget", "allowance", "max", "maximum", "rate"})
# Words that make a ``_digest`` a hash, not a newsletter: sha256_digest, content_digest.
NOT_A_DIGEST = frozenset({"sha", "sha1", "sha256", "sha512", "md5", "blake2b", "hash", "hex", "hmac", "content",
                          "file", "message", "compute", "calc", "calculate"})
# (pattern on the docstring, schedule or None)
DOC_PATTERNS: Tuple[Tuple[Pattern[str], Optional[str]], ...] = (
    *((re.compile(rf"\b(?:runs?|ran|executed|scheduled)\s+(?:once\s+)?{word}\b", re.IGNORECASE), schedule)
      for word, schedule in PERIODS),
    (re.compile(r"\bevery\s+(?:night|morning|evening)\b", re.IGNORECASE), "daily"),
    (re.compile(r"\b(?:runs?|executed)\s+(?:every|each|once\s+a)\s+day\b", re.IGNORECASE), "daily"),
    (re.compile(r"\b(?:runs?|executed)\s+(?:every|each|once\s+a)\s+week\b", re.IGNORECASE), "weekly"),
    (re.compile(r"\bevery\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE),
     "weekly"),
    (re.compile(r"\b(?:runs?|executed)\s+(?:every|each|once\s+an)\s+hour\b", re.IGNORECASE), "hourly"),
    (re.compile(r"\b(?:runs?\s+)?(?:via|by|from)\s+(?:a\s+|the\s+)?cron(?:tab)?\b", re.IGNORECASE), None),
    (re.compile(r"\bcron\s*job\b", re.IGNORECASE), None),
)


def name_evidence(name: str) -> Optional[Tuple[Optional[str], str]]:
    """(schedule, what) when a function or file name suggests a scheduled job."""
    lowered = name.lower().strip("_")
    if lowered.startswith("test"):
        return None
    tokens = set(lowered.split("_"))
    if tokens & NOT_A_JOB:
        return None
    for pattern, schedule, what in NAME_PATTERNS:
        if pattern.search(lowered):
            if what == "a periodic digest" and tokens & NOT_A_DIGEST:
                return None
            return schedule, what
    return None


def doc_evidence(docstring: str) -> Optional[Tuple[Optional[str], str]]:
    """(schedule, the matched words) when a docstring says the code runs on a schedule."""
    for pattern, schedule in DOC_PATTERNS:
        found = pattern.search(docstring)
        if found:
            return schedule, " ".join(found.group(0).split())
    return None


def _weak(target: str, line: int, note: str, schedule: Optional[str]) -> Trigger:
    return Trigger(kind="scheduled", source="naming", target=["name", target], line=line, note=note,
                   schedule=schedule, weak=True)


class ScheduleNames(Recognizer):
    """Functions named like jobs (``nightly_summary``) or documented as scheduled."""

    id = "naming"
    words = ("nightly", "daily", "weekly", "monthly", "hourly", "digest", "backfill", "reindex", "cron",
             "every night", "every morning")

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        fn = ctx.facts.functions[qualname]
        by_name = name_evidence(fn.name)
        if by_name is not None:
            schedule, what = by_name
            ctx.add_trigger(_weak(qualname, fn.line, f"name '{fn.name}' suggests {what}", schedule))
            return
        by_doc = doc_evidence(fn.docstring) if fn.docstring else None
        if by_doc is not None:
            schedule, words = by_doc
            ctx.add_trigger(_weak(qualname, fn.line, f"docstring of {fn.name} says '{words}'", schedule))

    def on_module_end(self, ctx: "Context") -> None:
        """A script or management command whose file name is a job name (``nightly_summary.py``)."""
        path = PurePosixPath(ctx.path)
        evidence = name_evidence(path.stem)
        if evidence is None:
            return
        candidates = [f"{ctx.module}.__main__"]
        if "commands" in path.parts[:-1]:
            candidates.append(f"{ctx.module}.Command.handle")
        for qualname in candidates:
            fn = ctx.facts.functions.get(qualname)
            if fn is not None:
                schedule, what = evidence
                ctx.add_trigger(_weak(qualname, fn.line, f"file name '{path.name}' suggests {what}", schedule))


RECOGNIZERS = [ScheduleNames()]
