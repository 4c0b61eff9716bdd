"""A shell script's positional parameters and the words it is run with.

A wrapper often runs what its caller names: ``run-cron.sh`` holding ``COMMAND="${1:-runnews}"``
and ``python manage.py $COMMAND``, run by a scheduler as ``bash run-cron.sh runbites``, runs
``manage.py runbites``; ``exec "$@"`` runs the words themselves. The script's lines that read
``$1``..``$9``, ``${N}``, ``${N:-default}`` (and ``-``, ``:=``, ``=``), ``$@``, ``$*`` or ``${@:N}``
are kept as *templates* (the entry key ``positional:<line>``, ``catalog/sources/shell.py``), and a
command line running the script with words keys it ``shell:<path>`` + tab + the words (``command_lines``);
``project/classify`` fills each template with the words of the run that reached it (none: the
defaults, and an unset parameter is empty, as the shell reads it).
"""
from __future__ import annotations

import re
import shlex
from typing import List, Tuple

TEMPLATE = "positional:"  # an entry key: a script's line with its positional parameters unfilled
WORDS = "\t"  # between a run's script and its words in an entry key (no path holds one)
MAX_WORDS = 9  # words kept after the script's path (``$1``..``$9``)

# ``${1:-x}`` / ``${1-x}`` / ``${1:=x}`` / ``${1=x}`` / ``${1:?msg}`` / ``${1}``, ``${@:2}``, ``$1``, ``$@``, ``$*``
_REDIRECTION = re.compile(r"^(?:\d*[<>]|&>)")  # ``> log``, ``2>``, ``>>out.log``, ``&>/dev/null``
_INSIDE = re.compile(r"[<>]")  # ``digest>log``: the word ends where the redirection starts
_QUOTED_ALL = re.compile(r'"(\$\{?@(?::[1-9])?\}?)"')  # ``"$@"``: each word its own, as unquoted here
_PARAMETER = re.compile(r"\$\{([1-9]\d*|[@*])(?::([1-9]\d*))?(?:(:?[-=?+])([^}]*))?\}|\$([1-9@*])")


def reads_positional(line: str) -> bool:
    """Does a shell line read the script's positional parameters (not ``$0``, ``$#``, ``$$``)?"""
    return bool(_PARAMETER.search(line))


def fill(template: str, words: List[str], quoted: bool = False) -> str:
    """``template`` with ``words`` as ``$1``... and ``$@`` (each a shell word; inside double quotes
    its text as it is), and the defaults of unset ones; single-quoted text stays as written."""
    template, out, at = _QUOTED_ALL.sub(r"\1", template), [], 0
    while at < len(template):
        char, parameter = template[at], _PARAMETER.match(template, at)
        if parameter:
            out.append(_value(parameter, words, quoted))
            at = parameter.end()
            continue
        end = at + 2 if char == "\\" else at + 1  # an escaped character as it is
        if char == "'" and not quoted:  # single-quoted text: nothing in it expands
            end = template.find("'", at + 1) + 1 or len(template)
        quoted = not quoted if char == '"' else quoted
        out.append(template[at:end])
        at = end
    return "".join(out)


def _value(match: "re.Match[str]", words: List[str], quoted: bool) -> str:
    """What one parameter reads: the word, the words from ``N`` on, or its default / alternative."""
    which = match.group(1) or match.group(5)
    if which in "@*":
        start = int(match.group(2) or 1) - 1
        return " ".join(_escaped(word) for word in words[start:]) if quoted else shlex.join(words[start:])
    index = int(which) - 1
    given = words[index] if index < len(words) else ""
    operator, default = match.group(3) or "", match.group(4) or ""
    if operator.lstrip(":") in ("-", "=") and (not given if operator.startswith(":") else index >= len(words)):
        return fill(default, words, quoted)
    if operator.lstrip(":") == "+":  # ``${1:+--mode $1}``: the alternative, itself filled, when set
        return fill(default, words, quoted) if given else ""
    return _escaped(given) if quoted else shlex.quote(given) if given else ""


def _escaped(text: str) -> str:
    """``text`` as it reads inside double quotes."""
    return re.sub(r'(["\\$`])', r"\\\1", text)


def shifted(text: str, by: int) -> str:
    """``text`` read after ``shift by``: its ``$1`` is the script's ``$2`` (``shift``), its ``$@``
    the words from the second on; written with the script's own numbers, so ``fill`` takes the
    words the script was run with."""
    def one(match: "re.Match[str]") -> str:
        which = match.group(1) or match.group(5)
        if which in "@*":
            return f"${{{which}:{int(match.group(2) or 1) + by}}}"
        rest = f"{match.group(3)}{shifted(match.group(4) or '', by)}" if match.group(3) else ""
        return f"${{{int(which) + by}{rest}}}"
    return _PARAMETER.sub(one, text) if by else text


def run_key(key: str, words: List[str]) -> str:
    """``shell:run.sh`` run with ``[runbites]`` -> ``shell:run.sh<TAB>runbites`` (the words as a shell
    would write them, ``'two words'``, after a tab: a path may hold spaces, ``Box Sync/run.sh``;
    redirections are not words, nor is one written against a word, ``digest>log``)."""
    kept: List[str] = []
    for word in words[:MAX_WORDS]:
        if _REDIRECTION.match(word):
            break
        head, *redirected = _INSIDE.split(word, 1)
        kept.append(head)
        if redirected:
            break
    return f"{key}{WORDS}{shlex.join(kept)}" if kept else key


def split_run(key: str) -> Tuple[str, List[str]]:
    """``shell:run.sh<TAB>runbites`` -> (``shell:run.sh``, [runbites]); other keys as they are."""
    head, _, rest = key.partition(WORDS)
    try:
        return head, shlex.split(rest)
    except ValueError:
        return head, rest.split()
