"""Dockerfiles: the image's ``ENTRYPOINT`` + ``CMD`` is the entry point ``docker:<Dockerfile path>``.

Something else runs the image (a GitHub Action with ``image: Dockerfile``, a compose service
with ``build:``); what the container starts is the command they schedule. Exec form
(``["python", "x.py"]``) and shell form are both read; ``WORKDIR`` prefixes script paths.
A Lambda image (an AWS base image or ``awslambdaric``) is also the entry ``lambda-image:<folder>``,
its ``CMD`` the handler in the code copied to the task root (``catalog/lambda_images.py``); an
image on an Apify actor base (``apify/actor-python``) is also the actor ``apify:`` the repository
deploys (``catalog/apify_actors.py``).
"""
from __future__ import annotations

import json
import posixpath
import re
import shlex
from typing import List, Optional, Tuple

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
    for number, raw in _logical_lines(text):
        found = _INSTRUCTION.match(raw)
        if not found:
            continue
        op, rest = found.group("op").upper(), found.group("rest")
        if op == "FROM":
            entrypoint = cmd = None  # a later stage is the image that runs
            workdir, base, copied = "", (rest.split() or [""])[0], []
        elif op == "WORKDIR":
            workdir = rest.strip()
        elif op == "ENTRYPOINT":
            entrypoint = (_command(rest), number)
        elif op == "CMD":
            cmd = (_command(rest), number)
        elif op in ("COPY", "ADD"):
            copied.extend(_copied_code(rest, workdir))
    parts = [p for p in (entrypoint, cmd) if p]
    if not parts:
        return []
    command = " ".join(p[0] for p in parts)
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


def _logical_lines(text: str):
    """Lines with ``\\`` continuations joined, comments dropped, numbered by their first line."""
    buffer, start = "", 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if not buffer:
            start = number
            if raw.lstrip().startswith("#"):
                continue
        if raw.rstrip().endswith("\\"):
            buffer += raw.rstrip()[:-1] + " "
            continue
        yield start, buffer + raw
        buffer = ""
    if buffer:
        yield start, buffer


SOURCE = Source("dockerfile", matches, parse)
