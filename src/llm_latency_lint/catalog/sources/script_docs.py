"""Schedules a script documents about itself: its module docstring and leading comments.

Label policy 2 counts a schedule the repository documents, and a script's own docstring is where
small jobs say how they run::

    \"\"\"Cron-friendly script to sync Airtable -> Weaviate.
    Create a Render Cron Job service that runs:
        python sync_airtable.py
    \"\"\"

    # crontab: 0 6 * * * cd /srv/bot && .venv/bin/python digest.py

Read (bounded: the text before the file's first statement of code, at most ``MAX_LINES``):

- crontab lines, systemd timers and scheduler commands (``schtasks``, ``gcloud scheduler``,
  ``aws events``), read as in a doc file (``docs.py``); a crontab line may follow words on its
  line (``Run via cron: 0 2 * * * python nightly.py``) and continue on the next with a ``\\``
  (``0 8 * * 1-5 cd ~/app && \\`` then ``python scripts/qa.py``). They schedule the command they name;
- a sentence saying *this* script is run by a scheduler (``cron-friendly``, ``should be run on a
  schedule (e.g. daily) by a cron job``, ``executed via crontab``, ``run by a systemd timer``, a
  wrapper's purpose line ``For running on the web server from cron``, ``used by cron``, ``Handles
  environment setup and execution for launchd``):
  a schedule of the script itself (``script:<path>``). A sentence that negates or contrasts
  (``not``, ``instead of``, ``unlike``, ``without``) is not; nor is prose that only *installs* a
  schedule (``scheduler.py: install the daily cron job``), which names no run of this file.

The facts pass calls ``triggers`` once per parsed Python file (``facts/visitor.py``); ``shell.py``
reads a shell script's leading comments the same way (``# 0 9 * * * /srv/repo/run_daily.sh``).
"""
from __future__ import annotations

import re
from typing import List, Optional, Set, Tuple

from llm_latency_lint.catalog.command_lines import documented_keys
from llm_latency_lint.catalog.sources import docs
from llm_latency_lint.catalog.sources._entries import schedule_triggers
from llm_latency_lint.catalog.sources.crontab import cron_line
from llm_latency_lint.model import Trigger

Line = Tuple[int, str]
MAX_LINES = 200  # a docstring longer than this is a manual, not a header
SOURCE_ID = "script-docs"
_STRING_START = re.compile(r"^(?:[rRuU]|[rR][bB]|[bB][rR])?(\"\"\"|'''|\"|')")
# Cheap look first: a file whose head never mentions a scheduler word costs one regex.
_HINT = re.compile(r"cron|schedul|systemd|timer|schtasks|launchd", re.IGNORECASE)
_HINT_WORDS = ("cron", "schedul", "systemd", "timer", "schtasks", "launchd")


def _hinted(head: str) -> bool:
    """``_HINT.search(head)``: for an ASCII text (most), its lowered copy searched for each word,
    several times faster than a case-insensitive alternation tried at every offset."""
    if head.isascii():
        lowered = head.lower()
        return any(map(lowered.__contains__, _HINT_WORDS))
    return _HINT.search(head) is not None
_SCHEDULER = (r"(?:cron(?:tab)?|cron\s*jobs?|cronjobs?|(?:job\s+)?scheduler|schedule|systemd(?:\s+timers?)?|"
              r"timers?|scheduled\s+(?:tasks?|jobs?|workflows?)|task\s+scheduler|launchd)")
_SYSTEM_SCHEDULER = (r"(?:cron(?:tab)?|cron\s*jobs?|cronjobs?|launchd|launch\s*agents?|systemd(?:\s+timers?)?|"
                     r"(?:windows\s+)?task\s+scheduler|schtasks)")
_VERB = r"(?:runs?|ran|running|executed|invoked|triggered|started|launched|called|used|kicked\s+off|scheduled)"
# The sentence is about this file: it starts with the verb, after an optional title (``Digest bot -``),
# subject (``This script``, ``It``) and modal (``should be``, ``is meant to be``). "Dashboard for the
# jobs run by the scheduler" is about other code.
_SUBJECT = (r"^\s*(?:[^.:\n]{0,60}?\s[-\u2013\u2014:]\s+)?"
            r"(?:(?:this|the)\s+(?:script|file|module|job|program|tool|bot|task|worker|pipeline)\s+|it\s+)?"
            r"(?:(?:is|should|can|must|may|will|gets?)\s+(?:be\s+)?|(?:is\s+)?(?:meant|designed|intended|supposed)\s+"
            r"to\s+be\s+|to\s+be\s+)?")
# Sentences that say this file is run by a scheduler.
_SELF = (
    re.compile(r"\bcron[- ]?(?:friendly|ready|compatible|safe)\b", re.IGNORECASE),
    re.compile(rf"{_SUBJECT}{_VERB}\s+(?:[^\s.]+\s+){{0,6}}?(?:by|via|from|with|through|under|using|as|on|in)\s+"
               rf"(?:a|an|the|your|our|its)?\s*(?:[^\s.]+\s+){{0,2}}?{_SCHEDULER}\b", re.IGNORECASE),
    re.compile(r"\b(?:cron\s*job|cronjob|scheduled\s+(?:task|job))\s+(?:script|entry\s*point|runner)\b", re.IGNORECASE),
    # ``Shell wrapper ... Handles environment setup and execution for launchd``: a wrapper's purpose is
    # to be what a system scheduler runs (the scheduler's own names only: "for the scheduler" may be an app's)
    re.compile(rf"\b(?:wrapper|execution|entry\s*point|launcher)\b[^.\n]{{0,60}}?\bfor\s+(?:a|an|the|your|our)?\s*"
               rf"{_SYSTEM_SCHEDULER}\b", re.IGNORECASE),
    # ``For running on the web server system from cron`` (a wrapper script's purpose line)
    re.compile(rf"^\s*(?:(?:meant|intended|designed|made)\s+)?for\s+(?:running|use|being\s+run)\s+(?:[^\s.]+\s+){{0,6}}?"
               rf"(?:by|via|from|through)\s+(?:a|an|the|your|our)?\s*{_SCHEDULER}\b", re.IGNORECASE),
)
# A sentence that says the opposite, or compares with another schedule.
_NEGATED = re.compile(r"\b(?:not|never|instead\s+of|unlike|rather\s+than|without|no\s+longer|replaces?|replaced|"
                      r"no\s+need|manual(?:ly)?\s+(?:only|instead))\b|n't\b", re.IGNORECASE)
_PERIODS = (("nightly", "daily"), ("daily", "daily"), ("hourly", "hourly"), ("weekly", "weekly"),
            ("monthly", "monthly"), ("every day", "daily"), ("every night", "daily"), ("every hour", "hourly"),
            ("every week", "weekly"))
_CRON_START = re.compile(r"(?:^|(?<=[\s:`'\"(]))(?=[\d*@])")


def leading_lines(source: str) -> List[Line]:
    """The module docstring's lines and the comment lines around it, before the first code."""
    return _head(source)[0]


def _head(source: str) -> Tuple[List[Line], Set[int]]:
    """(the head's lines, the numbers of those that are comments)."""
    found: List[Line] = []
    comments: Set[int] = set()
    lines = source.splitlines()[:MAX_LINES]
    index, docstring = 0, False
    while index < len(lines):
        number, raw = index + 1, lines[index]
        text = raw.strip()
        index += 1
        if not text:
            continue
        if text.startswith("#"):
            if not text.startswith("#!"):
                found.append((number, text.lstrip("#").strip()))
                comments.add(number)
            continue
        opened = _STRING_START.match(text)
        if docstring or opened is None:
            break  # code: the head is over
        docstring = True
        quote, rest = opened.group(1), text[opened.end():]
        while True:
            end = rest.find(quote)
            if end >= 0:
                if rest[:end].strip():
                    found.append((number, rest[:end].strip()))
                break
            if rest.strip():
                found.append((number, rest.strip()))
            if len(quote) == 1 or index >= len(lines):
                break
            number, rest = index + 1, lines[index]
            index += 1
    return found, comments


def triggers(relpath: str, source: str, key: str = "") -> List[Trigger]:
    """Schedules the head of ``relpath`` documents (see the module docstring); ``key`` is the entry
    point the file itself is (``script:<relpath>`` for Python, ``shell:<relpath>`` for a shell script)."""
    if not _hinted(source[:20000]):
        return []
    lines, comments = _head(source)
    if not lines or not _HINT.search(" ".join(t for _, t in lines)):
        return []
    found: List[Trigger] = []
    for number, text in docs.joined([docs.Block("", lines)]):  # ``0 8 * * 1-5 cd ~/app && \`` continued below
        found.extend(_crontab(relpath, number, text))
    found.extend(docs.block_triggers(relpath, lines))
    found.extend(_self_statement(relpath, lines, comments, key or f"script:{relpath}"))
    return found


def _crontab(relpath: str, number: int, text: str) -> List[Trigger]:
    """A crontab line anywhere on a line: ``crontab: 0 6 * * * python x.py``, ```0 6 * * * ...```."""
    from llm_latency_lint.catalog.schedule_words import describe_cron

    for start in _CRON_START.finditer(text):
        found = cron_line(text[start.start():].strip("`'\" "))
        if not found or not docs.plausible(found[0]):
            continue
        expr, cron, command = found
        keys = documented_keys(command.strip("`'\" "))
        if keys:
            return schedule_triggers("scheduled", "docs", command, number, f"{relpath} documents in its head a crontab line '{expr}' that",
                                     describe_cron(cron), keys=keys)
        return []
    return []


def _self_statement(relpath: str, lines: List[Line], comments: Set[int], key: str) -> List[Trigger]:
    """A sentence saying this file runs on a schedule: the schedule of its entry ``key``
    (in words when a matching sentence gives a period: ``run daily by a cron job``)."""
    text = "\n".join(t for _, t in lines)
    matched: List[Tuple[int, str, str]] = []  # (offset, words, sentence)
    for sentence, start in _sentences(text, [i for i, (n, _) in enumerate(lines) if n in comments]):
        if _NEGATED.search(sentence):
            continue
        found = next((m for m in (p.search(sentence) for p in _SELF) if m is not None), None)
        if found is not None:
            lead = len(found.group(0)) - len(found.group(0).lstrip())  # the line the words start on
            matched.append((start + found.start() + lead, " ".join(found.group(0).split()), sentence))
    if not matched:
        return []
    offset, words, _ = matched[0]
    number = lines[text.count("\n", 0, offset)][0]
    schedule = next((p for p in (_period(s) for _, _, s in matched) if p), None)
    return [Trigger(kind="scheduled", source="docs", target=["entry", key], line=number,
                    note=f"{relpath} says in its docstring or leading comments that a scheduler runs it: '{words}'",
                    schedule=schedule)]


def _sentences(text: str, comment_rows: List[int]) -> List[Tuple[str, int]]:
    """Sentences (split at ``. `` / ``! `` / ``? ``, blank lines, and around each comment line: a
    comment line starts a statement of its own) with their offsets."""
    out: List[Tuple[str, int]] = []
    start = 0
    rows = set(comment_rows)
    breaks = [m.end() for i, m in enumerate(re.finditer(r"\n", text)) if i in rows or i + 1 in rows]
    stops = sorted({m.end() for m in re.finditer(r"[.!?](?=\s)|\n\s*\n", text)} | set(breaks))
    for end in stops:
        out.append((text[start:end], start))
        start = end
    out.append((text[start:], start))
    return out


def _period(sentence: str) -> Optional[str]:
    lowered = sentence.lower()
    return next((words for word, words in _PERIODS if re.search(rf"\b{word}\b", lowered)), None)
