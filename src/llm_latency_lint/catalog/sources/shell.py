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
the script's own schedule (a crontab line, "run by cron": ``script_docs.py``). A zip it packs
(``cp src/agent/index.py build/; cd build; zip -r ../agent.zip .``) names the folder a Lambda's
package comes from (``_packages.packed_zips``).
"""
from __future__ import annotations

import re
from typing import Dict, List, Tuple

from llm_latency_lint.catalog.command_lines import describe_key
from llm_latency_lint.catalog.positional import TEMPLATE, reads_positional, shifted
from llm_latency_lint.catalog.sources import Source, gcloud, script_docs
from llm_latency_lint.catalog.sources._entries import (
    entry_triggers,
    loop_triggers,
    schedule_triggers,
)
from llm_latency_lint.catalog.sources._packages import packed_zips
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
    in_function, blocks, shift = 0, 0, 0  # brace depth in a function, open if/loop/case blocks, words shifted
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
        inside, in_function = _in_function(line, in_function)
        blocks, shifts = _blocks(line, blocks), _SHIFT.match(_code(line))
        if shifts and not inside and not blocks:  # ``shift``: ``$1`` reads the script's second word from here
            shift += int(shifts.group(1) or 1)
        line = shifted(line, shift)
        assigned = _ASSIGN.match(line)
        if assigned:  # a value past ``_LONGEST`` once expanded keeps its text: ``V2="$V1 $V1"`` doubles
            value = assigned.group(2).strip("'\"")
            expanded = _expand(value, variables)
            variables[assigned.group(1)] = expanded if len(expanded) <= _LONGEST else value
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
    found.extend(packed_zips(relpath, lines) if "zip" in text else [])  # a Lambda package it builds
    return found


def _in_function(line: str, depth: int) -> Tuple[bool, int]:
    """Is ``line`` in a shell function's body (whose ``$1`` is the function's argument, not the
    script's), and the function's brace depth after it (0: outside). Opened by ``name() {`` /
    ``function name {`` (or a ``{`` on the next line), closed by the ``}`` matching it: a one-line
    ``f() { ...; }  # note`` closes where it opens, a group ``{ ...; } >> log`` inside stays inside."""
    code = _code(line, strings=False)
    if depth == 0 and not _FUNCTION.match(code):
        return False, 0
    if depth == 0:  # the header: ``f() {``, or ``f()`` with the brace to come
        return True, max(_braces(code), 0) or (_AWAITING if "{" not in code.split() and not code.endswith("{") else 0)
    return True, max((0 if depth == _AWAITING else depth) + _braces(code), 0)


def _braces(code: str) -> int:
    """Braces ``code`` opens less those it closes, counting ``{`` / ``}`` that stand as words."""
    return len(_OPEN_BRACE.findall(code)) - len(_CLOSE_BRACE.findall(code))


def _blocks(line: str, depth: int) -> int:
    """Open ``if`` / loop / ``case`` blocks after ``line`` (a ``shift`` inside one may not run, or run again)."""
    code = _code(line, strings=False)
    return max(depth + len(_BLOCK_OPEN.findall(code)) - len(_BLOCK_CLOSE.findall(code)), 0)


def _code(line: str, strings: bool = True) -> str:
    """``line`` without a trailing comment (``# ...`` after a blank, outside quotes); with
    ``strings=False`` its quoted text dropped too."""
    out, quote, at = [], "", 0
    while at < len(line):
        char = piece = line[at]
        if char == "\\" and quote != "'":  # an escaped character
            piece = line[at:at + 2]
        elif quote:
            quote = "" if char == quote else quote
        elif char == "#" and (at == 0 or line[at - 1] in " \t;"):
            break
        else:
            quote = char if char in "'\"" else ""
        if strings or not (quote or piece in ("'", '"')):
            out.append(piece)
        at += len(piece)
    return "".join(out).rstrip()


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
_AWAITING = -1  # a function's header without its ``{``: the next line opens it
_OPEN_BRACE = re.compile(r"(?:^|(?<=[\s;&|)]))\{(?=\s|$)")
_CLOSE_BRACE = re.compile(r"(?:^|(?<=[\s;&|]))\}(?=[\s;&|)<>]|$)")
_BLOCK_OPEN = re.compile(r"(?:^|[;&|(]\s*|\b(?:then|do|else)\s+)(?:if|while|until|for|case|select)\b")
_BLOCK_CLOSE = re.compile(r"(?:^|[;&|]\s*)(?:fi|done|esac)\b")
_SHIFT = re.compile(r"^shift(?:\s+(\d+))?\s*;?$")
_FUNCTION = re.compile(r"^(?:function\s+[\w-]+\s*(?:\(\s*\))?|[\w-]+\s*\(\s*\))\s*\{?")
_QUOTED = re.compile(r'"([^"]+)"|\'([^\']+)\'')
_VARIABLE = re.compile(r"\$\{(\w+)\}|\$(\w+)")

SOURCE = Source("shell", matches, parse)
