"""Google Cloud Build configs (``cloudbuild.yaml``, ``cloudbuild-prod.yml``, ``cloudbuild.json``): the
images their steps build.

A Kubernetes CronJob (or a Cloud Run job, a compose service) that gives no command runs its image's
own ``CMD``; where the repository builds that image with Cloud Build rather than a deploy script,
the build is a step: the ``docker`` builder (``name: gcr.io/cloud-builders/docker``, or any image
named ``docker``) with ``args: [build, -t, REGISTRY/app:latest, .]``, or ``entrypoint: docker``;
a step's ``dir`` is the folder the build runs in, relative to the build's source (the config's
folder, or the repository root: never the root without the ``dir``); a ``bash -c`` step's script
is read line by line, a line continued with ``\\`` joined to the next.
Each build is the entry ``image:<name>`` running ``docker:<its Dockerfile>``, as a script's
``docker build -t`` is (``catalog/image_tags``; round 19's ChendongLi/StockNews).
"""
from __future__ import annotations

import posixpath
import re
import shlex
from typing import Any, List

from llm_latency_lint.catalog.sources import Source, _yaml
from llm_latency_lint.catalog.sources._entries import image_build_triggers
from llm_latency_lint.model import Trigger

_NAME = re.compile(r"^cloudbuild(?:[._-][\w.-]+)?\.(?:ya?ml|json)$", re.IGNORECASE)
_SHELLS = ("bash", "sh", "/bin/bash", "/bin/sh")
_CONTINUED = re.compile(r"\\[ \t]*\r?\n")  # a shell line continued with ``\`` on the next
_BUILDER = re.compile(r"(?:^|/)docker(?::[\w.-]+)?$")  # ``gcr.io/cloud-builders/docker``, ``docker:24``


def matches(relpath: str, name: str) -> bool:
    return bool(_NAME.match(name))


def parse(relpath: str, text: str) -> List[Trigger]:
    if "build" not in text:
        return []
    data = _yaml.load(text)  # JSON is YAML
    steps = _yaml.typed(data, "steps", list, []) if isinstance(data, dict) else []
    found: List[Trigger] = []
    for step in steps:
        if not isinstance(step, dict):
            continue
        line = _yaml.line(step, "args", _yaml.line(step, "name", 1))
        # ``dir`` is relative to the build's source: the config's folder or the repository root
        step_dir = _yaml.typed(step, "dir", str, "")
        folders = [posixpath.normpath(posixpath.join(root, step_dir)) for root in (posixpath.dirname(relpath), "")]
        for command in _commands(step):
            found.extend(image_build_triggers("cloudbuild", relpath, command, line, folders))
    return found


def _commands(step: Any) -> List[str]:
    """The command lines a step runs: its builder (or ``entrypoint``) with its ``args``."""
    args = _yaml.strings(step.get("args"))
    program = step.get("entrypoint") if isinstance(step.get("entrypoint"), str) else None
    builder = step.get("name") if isinstance(step.get("name"), str) else ""
    if program in _SHELLS and len(args) >= 2 and args[0] in ("-c", "-lc", "-ec"):
        return _CONTINUED.sub(" ", args[1]).splitlines()  # ``docker build \`` continued on the next lines
    if program is not None and posixpath.basename(program) == "docker" or program is None and _BUILDER.search(builder):
        return [shlex.join(["docker", *args])]
    return []


SOURCE = Source("cloudbuild", matches, parse)
