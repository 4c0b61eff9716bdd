"""Schedules a repository documents instead of committing: README and guide code blocks.

Small scheduled bots often ship a crontab line to install by hand (`````cron`` block: ``0 13 * *
* cd /path && python main.py --mode evening``), a systemd timer to copy, or the scheduler command
that deploys them. Label policy 2 of the corpus counts such a schedule when the repository's own
docs name the command it runs: it is a schedule trigger for that command, and the evidence is the
doc's ``path:line`` (``README.md documents a crontab line '0 13 * * *' runs main.py``).

Read: Markdown, reStructuredText, AsciiDoc and plain-text files. In Markdown/RST only code counts
(fenced or indented blocks, literal blocks, and inline code for crontab lines); a ``.txt`` file
is read whole. Recognised there:

- crontab lines (five fields or ``@daily``-style), also quoted in ``echo "..." | crontab -``; a
  commented-out line is no schedule, and fields must read as cron fields (``Add these lines to
  crontab -e`` is prose);
- systemd timers: a ``[Timer]`` block's ``OnCalendar=`` / ``OnUnitActiveSec=`` runs the doc's
  ``[Service]`` ``ExecStart=`` lines;
- scheduler commands (``doc_commands.py``): ``gcloud scheduler jobs create`` running a Cloud Run
  job, ``schtasks /create ... /tr "python x.py"``, and ``aws events put-rule`` /
  ``aws scheduler create-schedule`` targeting a Lambda function the doc creates with a handler.

A command that runs nothing in this repository adds nothing (its entry key names no file here).
Docs of vendored or installed code (``node_modules``, ``site-packages``, ``vendor``...) and of
tests are skipped. Prose without a command ("runs daily") is not a schedule.
"""
from __future__ import annotations

import re
from typing import List, Optional, Tuple

from llm_latency_lint.catalog.sources import Source, doc_commands
from llm_latency_lint.catalog.sources._entries import schedule_triggers
from llm_latency_lint.catalog.sources.crontab import cron_line
from llm_latency_lint.model import Trigger

SUFFIXES = (".md", ".markdown", ".rst", ".txt", ".adoc")  # not .mdx: docs-site pages (crewAI has 25,000)
# Folders whose docs describe someone else's code.
FOREIGN = frozenset({"node_modules", "site-packages", "dist-packages", "vendor", "vendored", "_vendor",
                     "third_party", "third-party", "bower_components", ".venv", "venv", ".tox",
                     "tests", "test", "testing", "fixtures"})  # and test data
_CRON_FIELD = re.compile(r"^[\d*/,\-]+$")
_NAME_FIELD = re.compile(r"^[A-Za-z]{3}(?:[-,][A-Za-z]{3})*$")
# A cheap look before reading line by line: five cron-like fields, a nickname or a scheduler word.
_HINT = re.compile(r"(?:^|[\s`'\"])(?:[\d*/,\-]+\s+){4}[\d*/,\-A-Za-z]+\s+\S|@(?:hourly|daily|midnight|weekly|"
                   r"monthly|yearly|annually)\b|OnCalendar=|OnUnitActiveSec=|scheduler\s+jobs\s+create|schtasks|"
                   r"put-rule|create-schedule", re.IGNORECASE)
_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE = re.compile(r"(`+)([^`]+?)\1")
_QUOTED = re.compile(r'"([^"]+)"|\'([^\']+)\'')
_PROMPT = re.compile(r"^\s*(?:\$|>|#\s*crontab:)\s+")

Line = Tuple[int, str]


def matches(relpath: str, name: str) -> bool:
    if not name.lower().endswith(SUFFIXES) or name.lower().startswith(("requirements", "license", "licence")):
        return False
    parts = relpath.split("/")[:-1]
    return not FOREIGN.intersection(parts)


def parse(relpath: str, text: str) -> List[Trigger]:
    if not _HINT.search(text):
        return []
    blocks, inline = code_lines(relpath, text)
    found: List[Trigger] = []
    for number, line in blocks:
        found.extend(_crontab(relpath, number, line, quoted=True))
    for number, span in inline:
        found.extend(_crontab(relpath, number, span, quoted=False))
    found.extend(_timers(relpath, blocks))
    commands = joined(blocks)
    found.extend(doc_commands.scheduler_triggers(relpath, commands))
    return found


def code_lines(relpath: str, text: str) -> Tuple[List[Line], List[Line]]:
    """(lines of code blocks, inline code spans) of a doc; a ``.txt`` file is all block."""
    lines = text.splitlines()
    if relpath.lower().endswith(".txt"):
        return list(enumerate(lines, start=1)), []
    blocks: List[Line] = []
    inline: List[Line] = []
    fenced = False
    for number, raw in enumerate(lines, start=1):
        if _FENCE.match(raw):
            fenced = not fenced
            continue
        if fenced or raw.startswith(("    ", "\t")):  # fenced, indented or an RST literal block
            blocks.append((number, raw))
        else:
            inline.extend((number, m.group(2)) for m in _INLINE.finditer(raw))
    return blocks, inline


def joined(blocks: List[Line]) -> List[Line]:
    """Code lines with ``\\`` continuations joined, comments and prompts dropped."""
    out: List[Line] = []
    buffer, start = "", 0
    for number, raw in blocks:
        line = _PROMPT.sub("", raw).strip()
        if not buffer:
            start = number
        if line.endswith("\\") or line.endswith("^"):  # POSIX and Windows continuations
            buffer += line[:-1] + " "
            continue
        line = (buffer + line).strip()
        buffer = ""
        if line and not line.startswith("#"):
            out.append((start, line))
    return out


def plausible(expr: str) -> bool:
    """Cron fields, not five words of prose."""
    if expr.startswith("@"):
        return True
    fields = expr.split()
    return (len(fields) == 5 and all(_CRON_FIELD.match(f) for f in fields[:3])
            and all(_CRON_FIELD.match(f) or _NAME_FIELD.match(f) for f in fields[3:]))


def _crontab(relpath: str, number: int, line: str, quoted: bool) -> List[Trigger]:
    from llm_latency_lint.catalog.schedule_words import describe_cron

    text = _PROMPT.sub("", line).strip()
    if not text or text.startswith("#"):
        return []
    candidates = [text]
    if quoted:  # ``echo "0 * * * * python x.py" >> crontab``
        candidates += [m.group(1) or m.group(2) for m in _QUOTED.finditer(text)]
    for candidate in candidates:
        found = cron_line(candidate)
        if found and plausible(found[0]):
            expr, cron, command = found
            return schedule_triggers("scheduled", "docs", command, number,
                                     f"{relpath} documents a crontab line '{expr}'", describe_cron(cron))
    return []


def _timers(relpath: str, blocks: List[Line]) -> List[Trigger]:
    """A ``[Timer]`` section's schedule runs the ``ExecStart=`` of the doc's ``[Service]`` sections."""
    from llm_latency_lint.catalog.schedule_words import interval
    from llm_latency_lint.catalog.sources.systemd import calendar_words, span_seconds

    section = ""
    schedules: List[Tuple[int, str, Optional[str]]] = []
    commands: List[str] = []
    for number, raw in blocks:
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        key, _, value = line.partition("=")
        key, value = key.strip(), value.strip()
        if section == "Timer" and key == "OnCalendar" and value:
            schedules.append((number, f"OnCalendar={value}", calendar_words(value)))
        elif section == "Timer" and key == "OnUnitActiveSec" and value:
            seconds = span_seconds(value)
            schedules.append((number, f"OnUnitActiveSec={value}", interval(seconds) if seconds else None))
        elif section == "Service" and key == "ExecStart" and value:
            commands.append(value.lstrip("-@:+!"))
    found: List[Trigger] = []
    for number, setting, words in schedules:
        for command in commands:
            found.extend(schedule_triggers("scheduled", "docs", command, number,
                                           f"{relpath} documents a systemd timer {setting}", words))
    return found


SOURCE = Source("docs", matches, parse)
