"""Command lines that start containers: ``docker compose run worker``, ``docker-compose -f jobs.yml up``.

``docker compose run SERVICE [cmd]`` runs one service (its own entrypoint, or ``cmd`` instead);
``docker compose [-f FILE] up [SERVICE...]`` starts the services it names, or every service of the
compose file (``-f``, else the one default file of the working directory, ``<dir>/<default>``: a
folder's ``compose.yaml`` or ``docker-compose.yml``, not another folder's) that no ``profiles:``
keeps back (``--profile p`` starts those of ``p`` too): the key ``compose-file:<path>``, with
``#profile=<p>`` for a profile's services, which the compose source gives each service of that file
(``file_keys``, ``sources/compose.py``). A wrapper script a crontab runs (``./run-scheduler.sh``) often does
nothing but ``docker-compose -f docker-compose.scheduler.yml up`` of a one-shot job image (round
17's HirokiIto05/Discord_Daily_News). ``docker run IMAGE cmd`` runs ``cmd``; ``docker run IMAGE``
runs the image's own entry point, ``image:<name>``, which a build command tagging it declares.
"""
from __future__ import annotations

import posixpath
from typing import Dict, List, NamedTuple, Optional, Tuple

from llm_latency_lint.catalog.image_tags import image_key

COMPOSE_FILE = "compose-file:"
# The files ``docker compose`` reads when no ``-f`` names one (compose.yaml first, then the legacy
# names): it reads the first present, so a command names the folder's default, ``DEFAULT``.
DEFAULT_FILES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")
DEFAULT = "<default>"
PROFILE = "#profile="  # a service in ``profiles:`` starts only when ``up`` enables one of them
# Options of ``docker compose`` itself (before the sub-command) that take a value.
_GLOBAL_VALUE_OPTS = ("-f", "--file", "-p", "--project-name", "--project-directory", "--env-file", "--profile",
                      "--ansi", "--progress", "--parallel")
# Options of ``run`` / ``exec`` / ``docker run`` that take a value.
_RUN_VALUE_OPTS = ("-e", "--env", "-w", "--workdir", "-u", "--user", "--name", "-p", "--publish",
                   "-v", "--volume", "--entrypoint", "-f", "--file", "--project-name", "-l", "--label")
# Options of ``up`` that take a value (``--scale worker=2``, ``-t 30``).
_UP_VALUE_OPTS = ("--scale", "-t", "--timeout", "--exit-code-from", "--attach", "--no-attach", "--pull",
                  "--wait-timeout")


class DockerRun(NamedTuple):
    """What a ``docker`` / ``docker-compose`` line runs: entry keys, or the command a container runs
    instead of its image's own (the caller reads that command's keys)."""

    keys: List[str]
    command: Optional[List[str]] = None


def docker_run(words: List[str], cwd: str = "") -> DockerRun:
    """``words[0]`` is ``docker``, ``docker-compose`` or ``podman`` (without its folder)."""
    rest = words[1:]
    compose = words[0] == "docker-compose"
    if words[0] == "docker" and rest[:1] == ["compose"]:
        compose, rest = True, rest[1:]
    files: List[str] = []
    profiles: List[str] = []
    if compose:
        rest, files, profiles = _globals(rest)
    if rest[:1] == ["up"] and compose:
        return DockerRun(_up_keys(rest[1:], files, profiles, cwd))
    if rest[:1] not in (["run"], ["exec"]):
        return DockerRun([])
    args = _positional(rest[1:], _RUN_VALUE_OPTS)
    if not args:
        return DockerRun([])
    if len(args) > 1 and not args[1].startswith("-"):
        return DockerRun([], args[1:])
    # ``docker compose run --rm digest --mode=ingest``: options for the service's own entrypoint;
    # ``docker run --rm team/digest``: the image's own (``catalog/image_tags``)
    if compose:
        return DockerRun([f"compose:{args[0]}"])
    image = image_key(args[0]) if rest[:1] == ["run"] else None
    return DockerRun([image] if image else [])


def _globals(words: List[str]) -> Tuple[List[str], List[str], List[str]]:
    """The words from the sub-command on, the compose files ``-f`` / ``--file`` name and the
    profiles ``--profile`` enables."""
    values: Dict[str, List[str]] = {"-f": [], "--profile": []}
    index = 0
    while index < len(words) and words[index].startswith("-"):
        word = words[index]
        name, equals, value = word.partition("=")
        if not equals and word in _GLOBAL_VALUE_OPTS and index + 1 < len(words):
            name, value = word, words[index + 1]
            index += 1
        values.get("-f" if name == "--file" else name, []).append(value)
        index += 1
    return words[index:], values["-f"], values["--profile"]


def file_keys(relpath: str, profiles: object) -> List[str]:
    """The keys ``up`` starts a service of the compose file ``relpath`` under: the file's path, a
    default-named file's folder default too; a service with ``profiles:`` only under each profile."""
    folder, name = posixpath.split(relpath)
    files = [relpath] + ([posixpath.join(folder, DEFAULT)] if name in DEFAULT_FILES else [])
    named = [str(p) for p in profiles] if isinstance(profiles, list) else []
    tags = [PROFILE + p for p in named] if named else [""]
    return [COMPOSE_FILE + f + t for f in files for t in tags]


def describe(value: str) -> str:
    """The note for a ``compose-file:`` key's value."""
    path, _, profile = value.partition(PROFILE)
    folder, name = posixpath.split(path)
    if name == DEFAULT:
        path = "the default compose file" + (f" of {folder}" if folder else "")
    return f"the services of {path}" + (f" in profile {profile}" if profile else "")


def _up_keys(args: List[str], files: List[str], profiles: List[str], cwd: str) -> List[str]:
    services: List[str] = []
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _UP_VALUE_OPTS:
            skip = True
        elif not arg.startswith("-"):
            services.append(arg)
    if services:
        return [f"compose:{s}" for s in services]
    keys = [COMPOSE_FILE + _join(cwd, f) for f in files or [DEFAULT]]
    return keys + [key + PROFILE + p for key in keys for p in profiles]


def _positional(args: List[str], value_options: Tuple[str, ...]) -> List[str]:
    """The first word that is no option, and every word after it."""
    out: List[str] = []
    skip = False
    for index, arg in enumerate(args):
        if skip:
            skip = False
            continue
        if out:
            return out + args[index:]
        if arg in value_options:
            skip = True
        elif not arg.startswith("-"):
            out.append(arg)
    return out


def _join(cwd: str, path: str) -> str:
    if path.startswith("./"):
        path = path[2:]
    return posixpath.normpath(posixpath.join(cwd, path)) if cwd and not path.startswith("/") else posixpath.normpath(path)
