"""Schedules a repository documents instead of committing: README and guide code blocks.

Small scheduled bots often ship a crontab line to install by hand (`````cron`` block: ``0 13 * *
* cd /path && python main.py --mode evening``), a systemd timer to copy, or the scheduler command
that deploys them. Label policy 2 counts such a schedule when the repository's own docs name the
command it runs: a schedule trigger for that command, whose evidence is the doc's ``path:line``.

Read: Markdown, reStructuredText, AsciiDoc and plain-text files up to ``MAX_BYTES`` (a larger one
is skipped silently); a ``.txt`` only in the root, in ``docs/`` or when its name says it is a guide
(``README``, ``INSTALL``, ``DEPLOY``, ``*cron*``...): other text files are data. In Markdown/RST
only code counts (fenced blocks, Markdown indented blocks, RST literal blocks and ``code-block``
directives; in a list item or a ``.. note::`` only command-like lines; inline code for crontab
lines); a ``.txt`` file is one block. Recognised there:

- crontab lines (five fields or ``@daily``-style), also quoted in ``echo "..." | crontab -``; a
  commented-out line is no schedule, and fields must read as cron fields (``Add these lines to
  crontab -e`` is prose);
- systemd timers: the doc's blocks are split into unit files (named by a ``# .../x.timer`` or
  ``cat > x.timer`` line or the prose line before the block), read by ``systemd.py``; a timer
  runs the ``ExecStart=`` of the unit it names (``Unit=``, else its own name), or the doc's only
  service when nothing names it; several candidates and no name: no pairing;
- shell wrappers the doc shows to create (``Create ~/bin/run.sh with the following contents:``
  and a block, or ``cat > run.sh <<EOF``): the entry ``shell:<path>`` runs the block's commands,
  so a documented crontab line running the wrapper reaches the script inside (``cd repo && python
  x.py``);
- scheduler commands (``doc_commands.py``): ``gcloud scheduler jobs create`` running a Cloud Run
  job, ``schtasks /create ... /tr "python x.py"``, and ``aws events put-rule`` /
  ``aws scheduler create-schedule`` targeting a Lambda function the doc creates with a handler,
  or an EventBridge schedule expression given as a console step for the doc's one Lambda file;
  continuation lines join within a block only (``\\``, and ``^`` in ``bat``/``cmd`` blocks).

A command that runs nothing here adds nothing. Docs of vendored or installed code and of tests are skipped.
Prose is no schedule, but for a cloud function it names as Cloud Scheduler's (``doc_sections``); a badge names the repository (``doc_workflows``).
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set, Tuple

from llm_latency_lint.catalog.command_lines import documented_keys
from llm_latency_lint.catalog.sources import (
    Source,
    doc_commands,
    doc_sections,
    doc_workflows,
    systemd,
)
from llm_latency_lint.catalog.sources._entries import entry_triggers, schedule_triggers
from llm_latency_lint.catalog.sources.crontab import cron_line
from llm_latency_lint.catalog.sources.doc_commands import plausible
from llm_latency_lint.model import Trigger

SUFFIXES = (".md", ".markdown", ".rst", ".txt", ".adoc")  # not .mdx: docs-site pages (crewAI has 25,000)
MAX_BYTES = 256 * 1024  # a larger doc is data or generated reference: skipped silently (facts/collect.py)
# Folders whose docs describe someone else's code.
FOREIGN = frozenset({"node_modules", "site-packages", "dist-packages", "vendor", "vendored", "_vendor",
                     "third_party", "third-party", "bower_components", ".venv", "venv", ".tox",
                     "tests", "test", "testing", "fixtures"})  # and test data
# A ``.txt`` outside the root and ``docs/`` is read only when its name says it is a guide: other
# text files are data (a 7.7 MB ``data/corpus.txt`` of numbered lines reads as crontab lines).
_TXT_GUIDE = re.compile(r"^(?:readme|install|deploy|setup|usage|howto|how-to|guide|running|operations)"
                        r"|cron|schedul|systemd|timer", re.IGNORECASE)
# A cheap look before reading line by line: five cron-like fields, a nickname or a scheduler word.
_HINT = re.compile(r"(?:^|[\s`'\"])(?:[\d*/,\-]+\s+){4}[\d*/,\-A-Za-z]+(?:\s+\S|[`'\"])|@(?:hourly|daily|midnight|weekly|"
                   r"monthly|yearly|annually)\b|\[Timer\]|scheduler\s+jobs\s+create|schtasks|"
                   r"put-rule|create-schedule|\brate\(\s*\d|\bcron\([^)]*\?|functions\s+deploy|create-event-source-mapping|create-function-url-config|StartCalendarInterval|StartInterval|heroku\s+scheduler", re.IGNORECASE)
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*\{?\.?([\w+-]*)")
_DIRECTIVE = re.compile(r"^\s*\.\.\s+([\w-]+)::\s*([\w+-]*)")
_CODE_DIRECTIVES = frozenset({"code-block", "code", "sourcecode"})
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_INLINE = re.compile(r"(`+)([^`]+?)\1")
_QUOTED = re.compile(r'"([^"]+)"|\'([^\']+)\'')
_PROMPT = re.compile(r"^\s*(?:\$|>|#\s*crontab:)\s+")
# A line of an indented block outside a code context (a list item's text, a note's body) counts
# when it reads as code: a unit file's section or setting, or a command word and its arguments.
_COMMAND_LIKE = re.compile(r"^(?:\[\w-]+\]$|[A-Z]\w*=|(?:[A-Za-z]:)?[\w./\\~-]*\w\s+\S.*(?:[^.,;:!?]|\s\.)$)")
_WINDOWS_TAGS = frozenset({"bat", "batch", "cmd", "powershell", "ps1", "pwsh", "doscon"})
_UNIT_FILE = re.compile(r"([\w@.:-]+\.(?:service|timer))\b")
_UNIT_TOOLS = re.compile(r"\b(?:systemctl|journalctl)\s")
# Inside a block, a line that shows which unit file follows: ``# /etc/systemd/system/x.timer``,
# ``cat > x.timer <<EOF``, ``sudo tee .../x.service``, ``nano .../x.service``.
_UNIT_HEADER = re.compile(r"^(?:[#;]\s*)?(?:\S*/)?[\w@.:-]+\.(?:service|timer):?$|(?:>|\btee\b|\bnano\b|\bvim?\b|"
                          r"\bemacs\b|\bedit\b)[^|]*\.(?:service|timer)\b")

Line = Tuple[int, str]
_SHELL_TAGS = frozenset({"", "bash", "sh", "shell", "zsh", "console", "shell-session", "shellscript"})
_SCRIPT_FILE = re.compile(r"(?<![\w/.~$-])((?:~/|\$HOME/|\./|/)?[\w./-]*[\w-]\.(?:sh|bash|zsh))\b")
_CREATES = re.compile(r"\b(?:create|contents?|save|write|following|add)\b", re.IGNORECASE)
_HEREDOC = re.compile(r"\bcat\s*>\s*['\"]?(\S+?\.(?:sh|bash|zsh))['\"]?\s*<<-?\s*['\"]?(\w+)")


@dataclass
class Block:
    """A doc's code block: its lines, its language tag (``bat``, ``ini``...) and the prose line
    just before it (``Create /etc/systemd/system/digest.timer:`` names the unit it shows)."""
    tag: str = ""
    lines: List[Line] = field(default_factory=list)
    before: str = ""


def matches(relpath: str, name: str) -> bool:
    lower = name.lower()
    if not lower.endswith(SUFFIXES) or lower.startswith(("requirements", "license", "licence")):
        return False
    parts = relpath.split("/")[:-1]
    if FOREIGN.intersection(parts):
        return False
    return not lower.endswith(".txt") or not parts or parts[-1] in ("docs", "doc") or bool(_TXT_GUIDE.search(lower))


def parse(relpath: str, text: str) -> List[Trigger]:
    found = doc_sections.triggers(relpath, text) + doc_workflows.own_address(relpath, text)  # Cloud Scheduler prose, badges
    if not _HINT.search(text):
        return found
    blocks, inline = code_lines(relpath, text)
    for number, line in joined(blocks):  # a crontab line continued with ``\\`` is one line
        found.extend(_crontab(relpath, number, line, quoted=True))
    for number, span in inline:
        found.extend(_crontab(relpath, number, span, quoted=False))
    found.extend(_timers(relpath, blocks))
    found.extend(doc_commands.scheduler_triggers(relpath, joined(blocks)))
    found.extend(doc_commands.plist_triggers(relpath, [b.lines for b in blocks]))
    found.extend(doc_commands.dashboard_triggers(relpath, [(b.before, b.lines) for b in blocks]))
    found.extend(doc_commands.settings_triggers(relpath, inline, text.splitlines(), [b.lines for b in blocks]))
    found.extend(doc_commands.console_triggers(relpath, inline, text.splitlines()))
    found.extend(_wrappers(relpath, blocks))
    found.extend(doc_workflows.documented(relpath, [(b.tag, b.lines) for b in blocks]))
    return found


def _wrappers(relpath: str, blocks: List[Block]) -> List[Trigger]:
    """A shell wrapper the doc shows to create (``Create ~/bin/run_summary.sh with the following
    contents:`` then a block; or ``cat > run.sh <<EOF ... EOF``): the entry ``shell:<path>`` that
    a documented crontab line running it reaches, and that runs the block's commands."""
    found: List[Trigger] = []
    for block in blocks:
        if block.tag not in _SHELL_TAGS or not block.lines:
            continue
        for name, lines in _wrapper_scripts(block):
            key = "shell:" + re.sub(r"^(?:~/|\$HOME/|\$\{HOME\}/|\./|/)+", "", name)
            for number, line in joined([Block(block.tag, lines)]):
                found.extend(entry_triggers("docs", key, line, number,
                                            f"{relpath} documents the wrapper {posixpath.basename(name)}, which"))
    return found


def _wrapper_scripts(block: Block) -> List[Tuple[str, List[Line]]]:
    """(script path, its lines) for the wrapper scripts a block shows."""
    heredoc = [(n, _HEREDOC.search(line)) for n, line in block.lines]
    opened = [(n, m) for n, m in heredoc if m]
    if opened:
        out: List[Tuple[str, List[Line]]] = []
        for number, match in opened:
            end = match.group(2)
            body = [(n, line) for n, line in block.lines if n > number]
            stop = next((i for i, (_, line) in enumerate(body) if line.strip() == end), len(body))
            out.append((match.group(1), body[:stop]))
        return out
    names = {n for n in _SCRIPT_FILE.findall(block.before)}
    if len(names) != 1:
        return []
    name = names.pop()
    shebang = block.lines[0][1].strip().startswith("#!")
    if not (shebang or _CREATES.search(block.before)) or any(posixpath.basename(name) in line for _, line in block.lines):
        return []  # a block that runs or edits the script, not its contents
    return [(name, block.lines)]


def block_triggers(relpath: str, lines: List[Line]) -> List[Trigger]:
    """Systemd timers and scheduler commands in lines that are all code (a script's docstring:
    ``script_docs.py``)."""
    blocks = [Block("", list(lines))]
    return _timers(relpath, blocks) + doc_commands.scheduler_triggers(relpath, joined(blocks))


def code_lines(relpath: str, text: str) -> Tuple[List[Block], List[Line]]:
    """(code blocks, inline code spans) of a doc; a ``.txt`` file is one block.

    Fenced blocks take their tag from the fence, indented blocks from an RST ``code-block``
    directive. An indented block is code after a blank line in Markdown or after an RST ``::``;
    inside a list item or a directive such as ``.. note::`` only its command-like lines count.
    """
    lines = text.splitlines()
    if relpath.lower().endswith(".txt"):
        return [Block("", list(enumerate(lines, start=1)))], []
    blocks: List[Block] = []
    inline: List[Line] = []
    fence, prose, blank = "", "", True
    current: Optional[Block] = None
    code = False  # the indented block at hand is in a code context
    for number, raw in enumerate(lines, start=1):
        opened = _FENCE.match(raw)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) \
                    and not raw.strip()[len(opened.group(1)):].strip():
                fence, current, prose, blank = "", None, "", False
            elif current is not None:
                current.lines.append((number, raw))
            continue
        if opened:
            fence, current = opened.group(1), Block(opened.group(2).lower(), [], prose)
            blocks.append(current)
            continue
        if not raw.strip():
            blank = True
            continue
        if raw.startswith(("    ", "\t")):
            if current is None:
                current, code = Block(_directive_tag(prose), [], prose), _code_context(prose, blank)
                blocks.append(current)
            if code or _command_like(raw) or _continues(current):
                current.lines.append((number, raw))
            else:  # prose of a list item or a note: its inline code still counts
                inline.extend((number, m.group(2)) for m in _INLINE.finditer(raw))
        elif doc_commands.PROSE_COMMAND.match(raw):  # a scheduler command pasted as a paragraph
            current, prose = None, ""
            blocks.append(Block("", [(number, raw)], ""))
        else:
            current, prose = None, raw.strip()
            inline.extend((number, m.group(2)) for m in _INLINE.finditer(raw))
        blank = False
    return [b for b in blocks if b.lines], inline


def _directive_tag(prose: str) -> str:
    found = _DIRECTIVE.match(prose)
    return found.group(2).lower() if found and found.group(1) in _CODE_DIRECTIVES else ""


def _code_context(prose: str, blank: bool) -> bool:
    """Is an indented block after ``prose`` code: an RST literal block or code directive, or a
    Markdown indented block (after a blank line, outside a list item)?"""
    directive = _DIRECTIVE.match(prose)
    if directive:
        return directive.group(1) in _CODE_DIRECTIVES
    if prose.endswith("::"):
        return True
    return blank and not _LIST_ITEM.match(prose)


def _command_like(raw: str) -> bool:
    line = _PROMPT.sub("", raw).strip()
    if _LIST_ITEM.match(line + " ") or "`" in line:  # a list marker, or prose quoting code inline
        return False
    found = cron_line(line)
    return bool(found and plausible(found[0])) or bool(_COMMAND_LIKE.match(line))


def _continues(block: Block) -> bool:
    return bool(block.lines) and block.lines[-1][1].rstrip().endswith(("\\", "^", "`"))


def joined(blocks: List[Block]) -> List[Line]:
    """Code lines with continuations joined (``\\``; also ``^`` in ``bat``/``cmd`` blocks and a
    backtick in PowerShell), comments and prompts dropped. A continuation never crosses a block
    or a blank line."""
    out: List[Line] = []
    for block in blocks:
        marks = ("\\", "^", "`") if block.tag in _WINDOWS_TAGS else ("\\",)
        buffer, start, previous = "", 0, 0
        for number, raw in block.lines:
            line = _PROMPT.sub("", raw).strip()
            if buffer and (number != previous + 1 or not line):
                out.extend(_command(start, buffer))
                buffer = ""
            previous = number
            if not buffer:
                start = number
            if line.endswith(marks):
                buffer += line[:-1] + " "
                continue
            out.extend(_command(start, buffer + line))
            buffer = ""
        out.extend(_command(start, buffer))
    return out


def _command(start: int, line: str) -> List[Line]:
    line = line.strip()
    return [(start, line)] if line and not line.startswith("#") else []


def _crontab(relpath: str, number: int, line: str, quoted: bool) -> List[Trigger]:
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
            keys = documented_keys(command)
            if not keys:  # runs nothing here: no words to build (a data file has thousands of such lines)
                return []
            from llm_latency_lint.catalog.schedule_words import describe_cron

            return schedule_triggers("scheduled", "docs", command, number,
                                     f"{relpath} documents a crontab line '{expr}'", describe_cron(cron), keys=keys)
    return []


@dataclass
class _Unit:
    """A unit file a doc shows: its name when the doc gives it, and its lines."""
    name: str
    lines: List[Line] = field(default_factory=list)
    sections: systemd.Sections = field(default_factory=dict)


def _units(blocks: List[Block]) -> List[_Unit]:
    """The unit files of a doc's blocks. A unit starts at each block, at a line naming a unit file
    (``# /etc/systemd/system/digest.timer``, ``cat > digest.timer <<EOF``) and where a section
    repeats; its name is that line's, else the prose line before the block's."""
    units: List[_Unit] = []
    for block in blocks:
        current = _Unit(_unit_name(block.before))
        seen: Set[str] = set()
        for number, raw in block.lines:
            line = raw.strip()
            if line.startswith("[") and line.endswith("]"):
                if line in seen or (line == "[Unit]" and seen):
                    units.append(current)
                    current, seen = _Unit(""), set()
                seen.add(line)
                current.lines.append((number, line))
            elif seen and re.match(r"^[A-Za-z]\w*\s*=", line):
                current.lines.append((number, line))
            elif _UNIT_HEADER.search(line) and _unit_name(line):
                if seen:
                    units.append(current)
                    current, seen = _Unit(""), set()
                current.name = _unit_name(line)
        units.append(current)
    for unit in units:
        unit.sections = systemd.sections(unit.lines)
    return [u for u in units if u.sections]


def _unit_name(line: str) -> str:
    """The one unit file a line names (``digest.timer``), or "" (none, several, or a command such as
    ``systemctl enable web.service`` that uses a unit rather than shows it)."""
    if _UNIT_TOOLS.search(line):
        return ""
    names = {posixpath.basename(n) for n in _UNIT_FILE.findall(line)}
    return names.pop() if len(names) == 1 else ""


def _timers(relpath: str, blocks: List[Block]) -> List[Trigger]:
    """A documented ``[Timer]`` runs the ``ExecStart=`` of the unit it names (``Unit=``, by default
    its own name with ``.service``). A timer whose unit the doc does not show by name runs the
    doc's only service; with several services and no name to go by, nothing is paired."""
    units = _units(blocks)
    services = [u for u in units if "Service" in u.sections]
    found: List[Trigger] = []
    for unit in units:
        timer = unit.sections.get("Timer")
        if timer is None:
            continue
        service = _service_of(unit, timer, services)
        if service is None:
            continue
        for command, _ in service.sections["Service"].get("ExecStart", []):
            for number, setting, words in systemd.timer_schedules(timer):
                found.extend(schedule_triggers("scheduled", "docs", command.lstrip("-@:+!"), number,
                                               f"{relpath} documents a systemd timer {setting}", words))
    return found


def _service_of(unit: _Unit, timer: Dict[str, List[Tuple[str, int]]], services: List[_Unit]) -> Optional[_Unit]:
    named = unit.name if unit.name.endswith(".timer") else ""
    if "Unit" not in timer and "Service" in unit.sections:
        return unit  # one snippet with both sections
    if named or "Unit" in timer:
        target = systemd.timer_unit(named or "?.timer", timer)
        matching = [s for s in services if s.name == target]
        unnamed = [s for s in services if not s.name.endswith(".service")]
        if len(matching) == 1:
            return matching[0]
        return services[0] if not matching and len(services) == 1 and unnamed else None
    return services[0] if len(services) == 1 else None


SOURCE = Source("docs", matches, parse)
