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
(``BLOCK="...\n00 07 * * * \\"$SCRIPTS/run.sh\\"\n..."``) counts the same. A line the script writes
into a crontab (``echo "..." > /etc/cron.d/job``, ``| crontab -``, a file it later hands to
``crontab FILE``, a heredoc into either) is a schedule even when its time fields come from a variable
(``echo "$CRON_SCHEDULE python /app/main.py" > /etc/cron.d/job``, a container configured by its
environment): the schedule exists, its value is set elsewhere (``${CRON:-0 9 * * *}``: the default). Lines are joined on
``\\`` continuations; comments are dropped, except the leading comment block, which may document
the script's own schedule (a crontab line, "run by cron": ``script_docs.py``). A zip it packs
(``cp src/agent/index.py build/; cd build; zip -r ../agent.zip .``) names the folder a Lambda's
package comes from (``_packages.packed_zips``). An image it builds (``docker build -t NAME .``) is the entry
``image:NAME`` that manifests naming the image run (``catalog/image_tags``).

A script shipped as a template to copy (``run_digest.sh.example``, ``deploy.sh.template``: the
README says ``cp run_digest.sh.example run_digest.sh`` and installs a crontab line running
``run_digest.sh``) is read as the script it is copied to: its key drops the template suffix
(``TEMPLATE_SUFFIXES``), so the documented schedule reaches the commands inside; where the
repository has the script itself too, the script is what runs and the template says nothing
(``without_shadowed_templates``).
"""
from __future__ import annotations

import re
import shlex
from typing import Collection, Dict, List, Optional, Set, Tuple

from llm_latency_lint.catalog.command_lines import LOOKUP, describe_key
from llm_latency_lint.catalog.positional import TEMPLATE, reads_positional, shifted
from llm_latency_lint.catalog.sources import Source, gcloud, script_docs
from llm_latency_lint.catalog.sources._entries import (
    entry_triggers,
    image_build_triggers,
    loop_triggers,
    schedule_triggers,
)
from llm_latency_lint.catalog.sources._packages import packed_zips
from llm_latency_lint.catalog.sources.crontab import (
    cron_line,
    has_user_column,
    is_crontab,
    templated_cron_line,
    without_user,
)
from llm_latency_lint.model import Trigger

# Suffixes of a script kept as a template to copy under its own name (``run.sh.example`` -> ``run.sh``).
TEMPLATE_SUFFIXES = (".example", ".sample", ".template", ".tmpl", ".tpl", ".dist")
_SCRIPT_SUFFIXES = (".sh", ".bash")


def matches(relpath: str, name: str) -> bool:
    return script_name(name).endswith(_SCRIPT_SUFFIXES)


def script_name(path: str) -> str:
    """The path a script template is copied to (``run.sh.example`` -> ``run.sh``); any other path as it is."""
    for suffix in TEMPLATE_SUFFIXES:
        if path.endswith(suffix) and path[:-len(suffix)].endswith(_SCRIPT_SUFFIXES):
            return path[:-len(suffix)]
    return path


def without_shadowed_templates(triggers: List[Tuple[Trigger, str]], paths: Collection[str]) -> List[Tuple[Trigger, str]]:
    """``triggers`` (with the file each came from) without those of a template whose copy the
    repository has (``run.sh.example`` beside ``run.sh``): the script itself is what runs."""
    return [(t, path) for t, path in triggers if script_name(path) == path or script_name(path) not in paths]


def parse(relpath: str, text: str) -> List[Trigger]:
    found: List[Trigger] = []
    key = f"shell:{script_name(relpath)}"
    buffer, start = "", 0
    lines = []
    variables: Dict[str, str] = {}
    in_function, blocks, shift = 0, 0, 0  # brace depth in a function, open if/loop/case blocks, words shifted
    installs_cron = bool(_INSTALLS_CRON.search(text))
    cron_files = {name.strip("'\"") for name in _CRONTAB_FILE.findall(text)}  # ``crontab "$TMP"``: what the script writes to $TMP
    heredoc, heredoc_into = "", ""  # the word ending a heredoc the script writes into a crontab, and that crontab
    for number, raw in enumerate(text.splitlines(), start=1):
        if not buffer:
            start = number
        if raw.rstrip().endswith("\\"):
            buffer += raw.rstrip()[:-1] + " "
            continue
        line = (buffer + raw).strip()
        buffer = ""
        if heredoc and line == heredoc:
            heredoc = ""
            continue
        if not line or line.startswith("#"):
            continue
        written = heredoc_into if heredoc else _writes_cron(line, cron_files) if installs_cron else None
        opened = _HEREDOC.search(line)
        if opened and written is not None and not heredoc:  # ``cat > /etc/cron.d/job <<EOF``: its lines are crontab lines
            heredoc, heredoc_into = opened.group(2), written
        lines.append((start, line))
        inside, in_function = _in_function(line, in_function)
        blocks, shifts = _blocks(line, blocks), _SHIFT.match(_code(line))
        if shifts and not inside and not blocks:  # ``shift``: ``$1`` reads the script's second word from here
            shift += int(shifts.group(1) or 1)
        line = shifted(line, shift)
        assigned = _ASSIGN.match(line)
        if assigned and _SUBSTITUTION.match(assigned.group(2).strip("'\"")) and not LOOKUP.fullmatch(
                assigned.group(2).strip("'\"")):  # ``DIR=$(dirname "$0")``: a value known only when it runs
            variables.pop(assigned.group(1), None)
        elif assigned:  # a value past ``_LONGEST`` once expanded keeps its text: ``V2="$V1 $V1"`` doubles
            value = assigned.group(2).strip("'\"")
            expanded = _expand(value, variables)
            variables[assigned.group(1)] = expanded if len(expanded) <= _LONGEST else value
        command = _expand(line, variables)
        if not inside and not assigned and reads_positional(command):  # ``python manage.py ${1:-runnews}``
            found.append(Trigger(kind="entry", source="shell", target=["entry", TEMPLATE + command], line=start,
                                 note=f"{relpath} runs {describe_key(TEMPLATE + command)}", entry_key=key))
        else:
            found.extend(t for t in entry_triggers("shell", key, command, start, relpath) if t.kind == "entry")
            found.extend(image_build_triggers("shell", relpath, command, start))  # ``docker build -t NAME .``
        if installs_cron:
            found.extend(_installed_cron(line, start, relpath, variables, written))
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


def _installed_cron(line: str, number: int, relpath: str, variables: Dict[str, str],
                    written: Optional[str]) -> List[Trigger]:
    """The schedules a quoted crontab line in ``line`` declares; where ``line`` writes into a
    crontab (``written``: its path, "" for ``crontab`` itself), also one whose time fields are
    variables the script does not set. A system crontab's line (``/etc/cron.d/job``) names its user first."""
    from llm_latency_lint.catalog.schedule_words import describe_cron

    found: List[Trigger] = []
    whole = _OPENING.sub("", line.replace('\\"', '"'))  # a line of a multi-line string or heredoc
    if whole.count('"') % 2:
        whole = whole[:-1] if whole.endswith('"') else whole
    read = templated_cron_line if written is not None else _no_template
    candidates = [whole] if cron_line(_expand(whole, variables)) or read(_expand(whole, variables)) else [
        match.group(1) or match.group(2) for match in _QUOTED.finditer(line)]
    for quoted in candidates:
        cron = cron_line(_expand(quoted, variables)) or read(_expand(quoted, variables))
        if cron:
            expr, schedule, command = cron
            command = without_user(command) if written and has_user_column(written) else command
            words = describe_cron(schedule) if schedule else f"set by {expr}"
            found.extend(schedule_triggers("scheduled", "shell", command, number,
                                           f"{relpath} installs crontab '{expr}'", words))
    return found


def _no_template(line: str) -> None:
    return None


def _writes_cron(line: str, cron_files: Set[str]) -> Optional[str]:
    """The crontab ``line`` writes into: a redirect or ``tee`` into a file crontab files are named
    (``crontab.is_crontab``: ``/etc/cron.d/job``, ``/etc/crontab``, not ``/var/log/cron.log``) or
    one the script hands to ``crontab FILE``, or "" for a pipe or heredoc into ``crontab``; None
    when it writes none (quoted text is what is written: ``echo "... >> /var/log/cron.log"``
    alone writes to stdout)."""
    lexer = shlex.shlex(_code(line), posix=True, punctuation_chars="|&;<>()")
    lexer.whitespace_split = True
    try:
        words = list(lexer)
    except ValueError:  # an unclosed quote
        return None
    for at, word in enumerate(words):
        following = [w for w in words[at + 1:at + 3] if w not in ("sudo", "-a")]
        if word == "|" and following[:1] == ["crontab"] or word == "crontab" and "<<" in words[at + 1:at + 4]:
            return ""
        if (word in (">", ">>") or word == "tee") and following:
            target = following[0]
            if target in cron_files or is_crontab(target):
                return target
    return None


def _expand(text: str, variables: Dict[str, str]) -> str:
    """``text`` with the script's variables put in, unless that would pass ``_LONGEST`` characters."""
    expanded = _VARIABLE.sub(lambda m: variables.get(m.group(1) or m.group(2), m.group(0)), text)
    return expanded if len(expanded) <= max(_LONGEST, len(text)) else text


_LONGEST = 1000  # an expanded value or line: no command line is longer, repeated variables double
_OPENING = re.compile(r"^(?:[A-Za-z_]\w*=)?[\"']")  # ``BLOCK="`` or a bare quote opening the string
# COMMAND="cd $DIR && python x.py"; PY=$(which python3) (a command substitution: kept only when it is a
# PATH lookup, ``command_lines.LOOKUP``, which ``entry_keys`` reads as the program)
_ASSIGN = re.compile(r"^(?:export\s+)?([A-Za-z_]\w*)=(\"[^\"]*\"|'[^']*'|\$\([^()]*\)|`[^`]*`|\S+)$")
_SUBSTITUTION = re.compile(r"^(?:\$\(|`)")
_AWAITING = -1  # a function's header without its ``{``: the next line opens it
_OPEN_BRACE = re.compile(r"(?:^|(?<=[\s;&|)]))\{(?=\s|$)")
_CLOSE_BRACE = re.compile(r"(?:^|(?<=[\s;&|]))\}(?=[\s;&|)<>]|$)")
_BLOCK_OPEN = re.compile(r"(?:^|[;&|(]\s*|\b(?:then|do|else)\s+)(?:if|while|until|for|case|select)\b")
_BLOCK_CLOSE = re.compile(r"(?:^|[;&|]\s*)(?:fi|done|esac)\b")
_SHIFT = re.compile(r"^shift(?:\s+(\d+))?\s*;?$")
_FUNCTION = re.compile(r"^(?:function\s+[\w-]+\s*(?:\(\s*\))?|[\w-]+\s*\(\s*\))\s*\{?")
_INSTALLS_CRON = re.compile(r"crontab|/cron\.d\b")  # ``crontab FILE``, ``| crontab -``, ``> /etc/cron.d/job``
_CRONTAB_FILE = re.compile(r"\bcrontab\s+(?:-u\s+\S+\s+)?([^\s;&|<>-][^\s;&|<>]*)")
_HEREDOC = re.compile(r"<<-?\s*(['\"]?)(\w+)\1")
_QUOTED = re.compile(r'"([^"]+)"|\'([^\']+)\'')
_VARIABLE = re.compile(r"\$\{(\w+)\}|\$(\w+)")

SOURCE = Source("shell", matches, parse)
