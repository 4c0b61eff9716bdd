"""What a shell command line runs, as entry-point keys the project graph knows.

``python x.py`` -> ``script:x.py``; ``python -m pkg.mod`` -> ``module:pkg.mod``;
``python manage.py send_digest`` -> ``command:send_digest``. ``cd dir && ...`` prefixes the
script path; ``uv run`` / ``poetry run`` / ``pipenv run`` and env assignments are skipped.
"""
from __future__ import annotations

import posixpath
import re
import shlex
from typing import List

_RUNNERS = (("uv", "run"), ("poetry", "run"), ("pipenv", "run"), ("pdm", "run"), ("hatch", "run"))
_PYTHON = re.compile(r"^(?:.*/)?python(?:\d(?:\.\d+)?)?$")
_ENV = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")


def entry_keys(command: str) -> List[str]:
    keys: List[str] = []
    cwd = ""
    for part in re.split(r"&&|\|\||;", command):
        try:
            words = shlex.split(part, comments=True)
        except ValueError:
            words = part.split()
        while words and (_ENV.match(words[0]) or words[0] in ("exec", "nice", "timeout", "flock")):
            words = words[1:]
            if words and words[0].isdigit():
                words = words[1:]
        if not words:
            continue
        if words[0] == "cd" and len(words) > 1:
            cwd = words[1]
            continue
        for runner in _RUNNERS:
            if tuple(words[:2]) == runner:
                words = words[2:]
        if not words:
            continue
        if _PYTHON.match(words[0]):
            keys.extend(_python_keys(words[1:], cwd))
        elif words[0].endswith(".py"):
            keys.append("script:" + _join(cwd, words[0]))
    return keys


def _python_keys(args: List[str], cwd: str) -> List[str]:
    args = [a for a in args if a not in ("-u", "-O", "-OO", "-B", "-E", "-s", "-S")]
    if not args:
        return []
    if args[0] == "-m" and len(args) > 1:
        return [f"module:{args[1]}"]
    script = args[0]
    if posixpath.basename(script) == "manage.py" and len(args) > 1:
        return [f"command:{args[1]}"]
    return ["script:" + _join(cwd, script)]


def _join(cwd: str, path: str) -> str:
    return posixpath.normpath(posixpath.join(cwd, path)) if cwd and not path.startswith("/") else posixpath.normpath(path)
