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
_QUOTED_ALL = re.compile(r'"(\$\{?@(?::[1-9])?\}?)"')  # ``"$@"``: each word its own, as unquoted here
_PARAMETER = re.compile(r"\$\{([1-9@*])(?::([1-9]))?(?:(:?[-=?+])([^}]*))?\}|\$([1-9@*])")


def reads_positional(line: str) -> bool:
    """Does a shell line read the script's positional parameters (not ``$0``, ``$#``, ``$$``)?"""
    return bool(_PARAMETER.search(line))


def fill(template: str, words: List[str]) -> str:
    """``template`` with ``words`` as ``$1``... and ``$@`` (each a shell word), and the defaults of
    unset ones."""
    def one(match: "re.Match[str]") -> str:
        which = match.group(1) or match.group(5)
        if which in "@*":
            start = int(match.group(2) or 1) - 1
            return shlex.join(words[start:])
        index = int(which) - 1
        given = words[index] if index < len(words) else ""
        operator, default = match.group(3) or "", match.group(4) or ""
        if operator.lstrip(":") in ("-", "=") and (not given if operator.startswith(":") else index >= len(words)):
            return default
        if operator.lstrip(":") == "+":  # ``${1:+--flag}``: the alternative when set
            return default if given else ""
        return shlex.quote(given) if given else ""
    return _PARAMETER.sub(one, _QUOTED_ALL.sub(r"\1", template))


def run_key(key: str, words: List[str]) -> str:
    """``shell:run.sh`` run with ``[runbites]`` -> ``shell:run.sh<TAB>runbites`` (the words as a shell
    would write them, ``'two words'``, after a tab: a path may hold spaces, ``Box Sync/run.sh``;
    redirections are not words)."""
    end = next((i for i, word in enumerate(words) if _REDIRECTION.match(word)), len(words))
    words = words[:min(end, MAX_WORDS)]
    return f"{key}{WORDS}{shlex.join(words)}" if words else key


def split_run(key: str) -> Tuple[str, List[str]]:
    """``shell:run.sh<TAB>runbites`` -> (``shell:run.sh``, [runbites]); other keys as they are."""
    head, _, rest = key.partition(WORDS)
    try:
        return head, shlex.split(rest)
    except ValueError:
        return head, rest.split()
