"""Shell scripts (``*.sh``): the script is the entry point ``shell:<path>``; each line it runs counts.

A script that loops forever with a ``sleep`` (``while true; do ...; sleep 3600; done``) is a
schedule itself, and so is a Cloud Scheduler job it creates (``gcloud.py``). A script that
installs a crontab line (``echo "0 * * * * $SCRIPT" >> cron; crontab cron``,
``(crontab -l; echo "...") | crontab -``) schedules that line's command, with the script's own
``NAME=value`` variables expanded (values that name earlier variables too); so are the script's
command lines (``"$VENV_PYTHON" "$REPO_DIR/digest.py"`` runs ``digest.py``). A line reading the script's
positional parameters (``python manage.py ${1:-runnews}``, ``exec "$@"``; not inside a shell
function, whose ``$1`` is its own) runs what the words the script is run with make of it: it is
kept as the template ``positional:<line>`` that ``project/classify`` fills (``catalog/positional``).
A crontab line on a
line of its own inside a multi-line string or a heredoc the script pipes to ``crontab``
(``BLOCK="...\n00 07 * * * \\"$SCRIPTS/run.sh\\"\n..."``) counts the same. Lines are joined on
``\\`` continuations; comments are dropped, except the leading comment block, which may document
the script's own schedule (a crontab line, "run by cron": ``script_docs.py``).
"""
from __future__ import annotations

import re
from typing import Dict, List, Tuple

from llm_latency_lint.catalog.command_lines import describe_key
from llm_latency_lint.catalog.positional import TEMPLATE, reads_positional
from llm_latency_lint.catalog.sources import Source, gcloud, script_docs
from llm_latency_lint.catalog.sources._entries import (
    entry_triggers,
    loop_triggers,
    schedule_triggers,
)
from llm_latency_lint.catalog.sources.crontab import cron_line
from llm_latency_lint.model import Trigger


def matches(relpath: str, name: str) -> bool:
    return name.endswith((".sh", ".bash"))


def parse(relpath: str, text: str) -> List[Trigger]:
    found: List[Trigger] = []
    key = f"shell:{relpath}"
    buffer, start = "", 0
    lines = []
    variables: Dict[str, str] = {}
    in_function = False
    installs_cron = "crontab" in text
    for number, raw in enumerate(text.splitlines(), start=1):
        if not buffer:
            start = number
        if raw.rstrip().endswith("\\"):
            buffer += raw.rstrip()[:-1] + " "
            continue
        line = (buffer + raw).strip()
        buffer = ""
        if not line or line.startswith("#"):
            continue
        lines.append((start, line))
        assigned = _ASSIGN.match(line)
        if assigned:  # a value past ``_LONGEST`` once expanded keeps its text: ``V2="$V1 $V1"`` doubles
            value = assigned.group(2).strip("'\"")
            expanded = _expand(value, variables)
            variables[assigned.group(1)] = expanded if len(expanded) <= _LONGEST else value
        inside, in_function = _in_function(line, in_function)
        command = _expand(line, variables)
        if not inside and not assigned and reads_positional(command):  # ``python manage.py ${1:-runnews}``
            found.append(Trigger(kind="entry", source="shell", target=["entry", TEMPLATE + command], line=start,
                                 note=f"{relpath} runs {describe_key(TEMPLATE + command)}", entry_key=key))
        else:
            found.extend(t for t in entry_triggers("shell", key, command, start, relpath) if t.kind == "entry")
        if installs_cron:
            found.extend(_installed_cron(line, start, relpath, variables))
    found.extend(script_docs.triggers(relpath, text, key))  # ``# crontab: 0 9 * * * .../this.sh``
    found.extend(loop_triggers("shell", text, 1, relpath))
    found.extend(gcloud.scheduler_triggers(relpath, lines))
    found.extend(gcloud.function_triggers(relpath, lines))
    return found


def _in_function(line: str, inside: bool) -> Tuple[bool, bool]:
    """Is ``line`` in a shell function's body (whose ``$1`` is the function's argument, not the
    script's), and is the next one? Opened by ``name() {`` / ``function name {``, closed by a line
    starting with ``}`` (a one-line ``f() { ...; }`` closes where it opens)."""
    if _FUNCTION.match(line):
        return True, not line.endswith("}")
    return inside, inside and not line.startswith("}")


def _installed_cron(line: str, number: int, relpath: str, variables: Dict[str, str]) -> List[Trigger]:
    """The schedules a quoted crontab line in ``line`` declares."""
    from llm_latency_lint.catalog.schedule_words import describe_cron

    found: List[Trigger] = []
    whole = _OPENING.sub("", line.replace('\\"', '"'))  # a line of a multi-line string or heredoc
    if whole.count('"') % 2:
        whole = whole[:-1] if whole.endswith('"') else whole
    candidates = [whole] if cron_line(_expand(whole, variables)) else [
        match.group(1) or match.group(2) for match in _QUOTED.finditer(line)]
    for quoted in candidates:
        cron = cron_line(_expand(quoted, variables))
        if cron:
            expr, schedule, command = cron
            found.extend(schedule_triggers("scheduled", "shell", command, number,
                                           f"{relpath} installs crontab '{expr}'", describe_cron(schedule)))
    return found


def _expand(text: str, variables: Dict[str, str]) -> str:
    """``text`` with the script's variables put in, unless that would pass ``_LONGEST`` characters."""
    expanded = _VARIABLE.sub(lambda m: variables.get(m.group(1) or m.group(2), m.group(0)), text)
    return expanded if len(expanded) <= max(_LONGEST, len(text)) else text


_LONGEST = 1000  # an expanded value or line: no command line is longer, repeated variables double
_OPENING = re.compile(r"^(?:[A-Za-z_]\w*=)?[\"']")  # ``BLOCK="`` or a bare quote opening the string
_ASSIGN = re.compile(r"^(?:export\s+)?([A-Za-z_]\w*)=(\"[^\"]*\"|'[^']*'|\S+)$")  # COMMAND="cd $DIR && python x.py"
_FUNCTION = re.compile(r"^(?:function\s+[\w-]+\s*(?:\(\s*\))?|[\w-]+\s*\(\s*\))\s*\{?")
_QUOTED = re.compile(r'"([^"]+)"|\'([^\']+)\'')
_VARIABLE = re.compile(r"\$\{(\w+)\}|\$(\w+)")

SOURCE = Source("shell", matches, parse)
