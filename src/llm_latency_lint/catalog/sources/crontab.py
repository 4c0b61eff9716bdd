"""crontab files: ``crontab``, ``*.cron``, ``*.crontab``, ``cron.d/*`` and ``deploy/crontab``; also the
names a ``crontab FILE`` / ``supercronic FILE`` line or a ``COPY`` into ``/etc/cron.d`` usually
gives one (``crontab.txt``, ``crontab.prod``, ``crontab.example``, ``cronjobs``, ``cronfile``:
an example crontab is a documented one, label policy 2); never a code or config file
(``cron.py``, ``cron.yaml``)."""
from __future__ import annotations

import posixpath
import re
from typing import List, Optional, Tuple

from llm_latency_lint.catalog.command_lines import entry_keys
from llm_latency_lint.catalog.sources import Source
from llm_latency_lint.model import Trigger

_NICKNAMES = {
    "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
}
_FIELD = r"[\d*/,\-A-Za-z]+"
_TIME = r"[\d*/,\-]+"  # minute and hour take no names: "Running the command now for ..." is prose
_LINE = re.compile(rf"^\s*(?P<expr>{_TIME}\s+{_TIME}\s+(?:{_FIELD}\s+){{2}}{_FIELD}|@\w+)\s+(?P<cmd>.+?)\s*$")
_USER = re.compile(r"^[a-z_][a-z0-9_-]*$")


def cron_line(line: str) -> Optional[Tuple[str, str, str]]:
    """(expression as written, cron expression, command) of a crontab line, or None (``@reboot``
    and anything else that is no schedule)."""
    found = _LINE.match(line)
    if not found:
        return None
    expr, command = found.group("expr"), found.group("cmd")
    cron = _NICKNAMES.get(expr, expr)
    if expr.startswith("@") and cron == expr:
        return None
    return expr, cron, command


_REF = re.compile(r"\$\{(\w+)(?::?[-=]([^}]*))?\}|\$(\w+)")  # ``$CRON``, ``${CRON}``, ``${CRON:-0 9 * * *}``
_HOLE = "\x00"  # where an unset variable stands while the line is matched
_HOLED = rf"{_HOLE}\d+{_HOLE}"
_TEMPLATE = re.compile(rf"^\s*(?P<expr>(?:{_TIME}|{_HOLED})\s+(?:{_TIME}|{_HOLED})"
                       rf"(?:\s+(?:{_FIELD}|{_HOLED})){{3}}|{_HOLED})\s+(?P<cmd>.+?)\s*$")


def templated_cron_line(line: str) -> Optional[Tuple[str, Optional[str], str]]:
    """(expression as written, cron expression or None, command) of a crontab line whose time
    fields come from variables: ``$CRON_SCHEDULE python /app/main.py`` (the whole expression),
    ``$MINUTE $HOUR * * * job.sh`` (single fields), ``${CRON:-0 9 * * *} job.sh`` (the default,
    known). A container's entry script writes such a line from its environment: the schedule
    exists, its value is set elsewhere (None). None when the line is no crontab line at all."""
    refs: List[str] = []

    def hole(found: "re.Match[str]") -> str:
        if found.group(2) and found.group(2).strip():  # a default: the value when nothing sets it
            return found.group(2).strip()
        refs.append(found.group(0))
        return f"{_HOLE}{len(refs) - 1}{_HOLE}"

    def restore(text: str) -> str:
        return re.sub(_HOLED, lambda m: refs[int(m.group(0).strip(_HOLE))], text)

    filled = _REF.sub(hole, line)
    if filled == line:
        return None
    known = cron_line(filled)
    if known and _HOLE not in known[0]:
        return known[0], known[1], restore(known[2])
    found = _TEMPLATE.match(filled)
    if not found or _HOLE not in found.group("expr"):
        return None
    return restore(found.group("expr")), None, restore(found.group("cmd"))


_NAMED = re.compile(r"^(?:crontab|cronjobs?|cronfile|cron)(?:[._-](?:txt|example|sample|prod|production|dev|"
                    r"staging|local|docker|conf|cfg|tab|jobs))*$", re.IGNORECASE)


def matches(relpath: str, name: str) -> bool:
    parent = posixpath.basename(posixpath.dirname(relpath))
    if parent in ("log", "logs"):  # ``/var/log/cron``: cron's log, not its table
        return False
    return (name in ("crontab", "cron") or name.endswith((".cron", ".crontab")) or parent in ("cron.d", "crontabs")
            or bool(_NAMED.match(name)))


def is_crontab(path: str) -> bool:
    """Is ``path`` (a repository file, or a file a script writes: ``/etc/cron.d/job``) a crontab by name."""
    return matches(path, posixpath.basename(path))


def has_user_column(path: str) -> bool:
    """The system crontabs, ``cron.d/*`` and ``/etc/crontab``: a user column before the command."""
    return posixpath.basename(posixpath.dirname(path)) == "cron.d" or posixpath.normpath(path).endswith("etc/crontab")


def without_user(command: str) -> str:
    """A system crontab line's command past its user column (``root python job.py``: ``python job.py``)."""
    words = command.split(None, 1)
    return words[1] if len(words) == 2 and _USER.match(words[0]) else command


def parse(relpath: str, text: str) -> List[Trigger]:
    from llm_latency_lint.catalog.schedule_words import describe_cron

    triggers: List[Trigger] = []
    system_style = has_user_column(relpath)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#") or re.match(r"^[A-Z_]+=", line):
            continue
        found = cron_line(line)
        if not found:
            continue
        expr, cron, command = found
        command = without_user(command) if system_style else command
        for key in entry_keys(command):
            triggers.append(
                Trigger(
                    kind="scheduled",
                    source="crontab",
                    target=["entry", key],
                    line=number,
                    note=f"crontab '{expr}' runs {key.split(':', 1)[1]}",
                    schedule=describe_cron(cron),
                )
            )
    return triggers


SOURCE = Source("crontab", matches, parse)
