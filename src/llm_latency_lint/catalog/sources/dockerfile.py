"""Dockerfiles: the image's ``ENTRYPOINT`` + ``CMD`` is the entry point ``docker:<Dockerfile path>``.

Something else runs the image (a GitHub Action with ``image: Dockerfile``, a compose service
with ``build:``); what the container starts is the command they schedule. Exec form
(``["python", "x.py"]``) and shell form are both read; ``WORKDIR`` prefixes script paths.
A Lambda image (an AWS base image or ``awslambdaric``) is also the entry ``lambda-image:<folder>``,
its ``CMD`` the handler in the code copied to the task root (``catalog/lambda_images.py``); an
image on an Apify actor base (``apify/actor-python``) is also the actor ``apify:`` the repository
deploys (``catalog/apify_actors.py``). A command running a script the build itself writes
(``RUN echo '#!/bin/bash\\n...python job.py' > /app/entrypoint.sh`` or a heredoc, then
``ENTRYPOINT ["/app/entrypoint.sh"]``) runs that script's lines, its ``exec "$@"`` the ``CMD`` it is given.
"""
from __future__ import annotations

import json
import posixpath
import re
import shlex
from typing import Dict, Iterator, List, Optional, Tuple

from llm_latency_lint.catalog.apify_actors import BASE_IMAGES as APIFY_IMAGES
from llm_latency_lint.catalog.apify_actors import actor_key
from llm_latency_lint.catalog.command_lines import handler_module
from llm_latency_lint.catalog.lambda_images import (
    BASE_IMAGES,
    HANDLER,
    RUNTIME_CLIENT,
    TASK_ROOTS,
    image_key,
)
from llm_latency_lint.catalog.sources import Source
from llm_latency_lint.catalog.sources._entries import entry_triggers
from llm_latency_lint.model import Trigger

# Which variant a deploy builds when it names the default ``Dockerfile`` and the folder has none: the
# production one (``Dockerfile.prod``, ``production.Dockerfile``), else the only one not for
# development (a Cloud Run job deployed from CI with ``docker build -f Dockerfile.prod``).
PRODUCTION_VARIANTS = ("prod", "production", "release", "deploy")
DEVELOPMENT_VARIANTS = ("dev", "development", "local", "test", "debug", "ci")


def built_variant(path: str, present: List[str]) -> Optional[str]:
    """The Dockerfile the image named ``path`` (a missing default ``Dockerfile``) is built from."""
    folder, _, name = path.rpartition("/")
    if name not in ("Dockerfile", "Containerfile") or path in present:
        return None
    variants: List[Tuple[str, str]] = []
    for other in present:
        where, _, base = other.rpartition("/")
        if where == folder and matches(other, base) and base not in ("Dockerfile", "Containerfile"):
            variants.append((base.replace("Dockerfile", "").replace("Containerfile", "").strip(".-_").lower(), other))
    production = [p for tag, p in variants if tag in PRODUCTION_VARIANTS]
    if len(production) == 1:
        return production[0]
    rest = [p for tag, p in variants if tag not in DEVELOPMENT_VARIANTS]
    return rest[0] if len(rest) == 1 else None


_INSTRUCTION = re.compile(r"^\s*(?P<op>[A-Za-z]+)\s+(?P<rest>.*)$")


def matches(relpath: str, name: str) -> bool:
    """``Dockerfile``, and its variants ``Dockerfile.prod``, ``Dockerfile-batch``, ``lambda.Dockerfile``."""
    return name in ("Dockerfile", "Containerfile") or name.startswith(("Dockerfile.", "Dockerfile-", "Dockerfile_")) \
        or name.endswith(".Dockerfile")


def _command(rest: str) -> str:
    rest = rest.strip()
    if rest.startswith("["):
        try:
            parts = json.loads(rest)
        except ValueError:
            return rest
        if isinstance(parts, list) and all(isinstance(p, str) for p in parts):
            return shlex.join(parts)
    return rest


def parse(relpath: str, text: str) -> List[Trigger]:
    entrypoint: Optional[Tuple[str, int]] = None
    cmd: Optional[Tuple[str, int]] = None
    workdir, base = "", ""
    copied: List[str] = []
    written: Dict[str, str] = {}  # scripts the build writes (``RUN echo '...' > /app/run.sh``): path -> text
    for number, raw, heredoc in _logical_lines(text):
        found = _INSTRUCTION.match(raw)
        if not found:
            continue
        op, rest = found.group("op").upper(), found.group("rest")
        if op == "FROM":
            entrypoint = cmd = None  # a later stage is the image that runs
            workdir, base, copied, written = "", (rest.split() or [""])[0], [], {}
        elif op == "WORKDIR":
            workdir = rest.strip()
        elif op == "ENTRYPOINT":
            entrypoint = (_command(rest), number)
        elif op == "CMD":
            cmd = (_command(rest), number)
        elif op in ("COPY", "ADD"):
            copied.extend(_copied_code(rest, workdir))
        if op in ("RUN", "COPY"):
            written.update(written_scripts(op, rest, heredoc, workdir))
    parts = [p for p in (entrypoint, cmd) if p]
    if not parts:
        return []
    command = _generated(" ".join(p[0] for p in parts), written, workdir)
    line = parts[-1][1]
    found_triggers = entry_triggers("dockerfile", f"docker:{relpath}", command, line, f"image {relpath}", workdir)
    if APIFY_IMAGES.match(base):  # an Apify actor's image: its runs start the command
        found_triggers.append(Trigger(kind="entry", source="dockerfile", target=["entry", f"docker:{relpath}"], line=line,
                                      note=f"Apify actor image {relpath} (FROM {base})", entry_key=actor_key()))
    lambda_image = BASE_IMAGES.match(base) or RUNTIME_CLIENT in (entrypoint[0] if entrypoint else "")
    if lambda_image and cmd is not None:
        found_triggers.extend(_handler_entries(relpath, cmd[0], cmd[1], copied))
    return found_triggers


def _copied_code(rest: str, workdir: str) -> List[str]:
    """The sources a ``COPY`` puts where the Lambda runtime imports from (the task root, or the
    working directory an ``awslambdaric`` image runs in); a ``--from`` stage's files are built, not ours."""
    if "--from" in rest:
        return []
    try:
        parsed = json.loads(rest) if rest.lstrip().startswith("[") else shlex.split(rest)
    except ValueError:
        return []
    words = [w for w in parsed if isinstance(w, str) and not w.startswith("--")] if isinstance(parsed, list) else []
    if len(words) < 2:
        return []
    dest = words[-1].rstrip("/") or "/"
    roots = {r.rstrip("/") for r in TASK_ROOTS} | {".", "", workdir.rstrip("/")}
    if dest not in roots and not any(dest.startswith(r + "/") for r in TASK_ROOTS):
        return []
    return [posixpath.dirname(w) if w.endswith(".py") else w.rstrip("/") or "." for w in words[:-1]]


def _handler_entries(relpath: str, handler: str, line: int, copied: List[str]) -> List[Trigger]:
    """``CMD ["index.handler"]`` of a Lambda image: ``lambda-image:<folder>`` runs the handler in the
    folders copied to the task root, read both from the Dockerfile's folder (a build there) and from
    the repository root (``docker build -f src/digest/Dockerfile .``); a path naming no file adds nothing."""
    if not HANDLER.match(handler):
        return []
    folder = posixpath.dirname(relpath)
    targets: List[str] = []
    for source in copied or ["."]:
        for context in dict.fromkeys((folder, "")):
            dotted = handler_module(posixpath.normpath(posixpath.join(context, source)), handler)
            if dotted not in targets:
                targets.append(dotted)
    return [Trigger(kind="entry", source="dockerfile", target=["str", dotted], line=line,
                    note=f"Lambda image {relpath} runs handler {handler}", entry_key=image_key(folder))
            for dotted in targets]


def _logical_lines(text: str) -> Iterator[Tuple[int, str, str]]:
    """Lines with ``\\`` continuations joined, comments dropped, numbered by their first line, each
    with the body of the heredoc it opens (``RUN cat <<EOF > run.sh`` ... ``EOF``), else ``""``."""
    buffer, start = "", 0
    lines = text.splitlines()
    at = 0
    while at < len(lines):
        raw = lines[at]
        at += 1
        if not buffer:
            start = at
            if raw.lstrip().startswith("#"):
                continue
        if raw.rstrip().endswith("\\"):
            buffer += raw.rstrip()[:-1] + " "
            continue
        line, buffer = buffer + raw, ""
        opened = _HEREDOC.search(line)
        body: List[str] = []
        if opened:
            while at < len(lines) and lines[at].strip() != opened.group(2):
                body.append(lines[at].lstrip("\t") if opened.group(0).startswith("<<-") else lines[at])
                at += 1
            at += 1  # the terminator
        yield start, line, "\n".join(body)
    if buffer:
        yield start, buffer, ""


_HEREDOC = re.compile(r"<<-?\s*(['\"]?)(\w+)\1")
# ``echo '...' > /app/run.sh`` / ``printf "...\n..." > run.sh``: a script written from one quoted string.
_ECHOED = re.compile(r"\b(?:echo|printf)\s+(?:-[neE]+\s+)*(?P<q>['\"])(?P<text>.*?)(?<!\\)(?P=q)\s*>\s*(?P<path>[^\s;&|]+)",
                     re.DOTALL)
_REDIRECT = re.compile(r">\s*(?P<path>[^\s;&|<>]+)")


def written_scripts(op: str, rest: str, heredoc: str, workdir: str) -> Dict[str, str]:
    """Scripts a build step writes into the image, by their path there: ``RUN echo '#!/bin/sh\\n
    python job.py' > /app/entrypoint.sh`` (the ``\\n`` the shell's ``echo`` turns into lines),
    ``RUN cat <<EOF > /app/run.sh`` and ``COPY <<EOF /app/run.sh`` with the heredoc's lines."""
    found: Dict[str, str] = {}
    if heredoc:
        path = None
        if op == "COPY":
            words = [w for w in rest.split() if not w.startswith(("--", "<<"))]
            path = words[-1] if words else None
        else:
            redirect = _REDIRECT.search(rest.split("<<", 1)[1] if "<<" in rest else rest) or _REDIRECT.search(rest)
            path = redirect.group("path") if redirect and "cat" in rest.split() else None
        if path:
            found[_in_image(path, workdir)] = heredoc
        return found
    for echoed in _ECHOED.finditer(rest):
        text = echoed.group("text").replace("\\n", "\n").replace("\\t", "\t")
        found[_in_image(echoed.group("path"), workdir)] = text
    return found


def _in_image(path: str, workdir: str) -> str:
    path = path.strip("'\"")
    return posixpath.normpath(path if path.startswith("/") else posixpath.join(workdir or "/", path))


def _generated(command: str, written: Dict[str, str], workdir: str) -> str:
    """The command, or the script the build wrote when the command runs it (``ENTRYPOINT
    ["/app/entrypoint.sh"]``, ``CMD ["sh", "run.sh"]``): its lines are what the container runs."""
    if not written:
        return command
    try:
        words = shlex.split(command)
    except ValueError:
        return command
    for at, word in enumerate(words):
        script = written.get(_in_image(word, workdir)) if not word.startswith("-") else None
        if script is not None:  # ``exec "$@"``: the words it is run with (the ``CMD`` after the ``ENTRYPOINT``)
            given = shlex.join(words[at + 1:])
            lines = [_PASSED.sub(lambda _: given, line) for line in script.splitlines() if not line.lstrip().startswith("#")]
            return "\n".join(lines)
    return command


_PASSED = re.compile(r"\"\$(?:@|\{@\})\"|\$(?:@|\{@\})")  # ``"$@"`` / ``$@``: every word the script is given


SOURCE = Source("dockerfile", matches, parse)
