"""Kubernetes ``CronJob`` manifests (plain YAML, and Helm templates whose values are literal).

``spec.schedule`` is the cron; each container's ``command`` + ``args`` is what runs, and a
container giving neither runs its image's own entry point: the entry ``image:<name>`` a build
command tagging that image declares (``catalog/image_tags``). A
``suspend: true`` CronJob is still a schedule (someone can resume it any time) and its
evidence says it is suspended. Helm templates: ``{{ ... }}`` control lines are dropped and
inline expressions become placeholders, so a literal schedule and command still read; a
templated schedule gives no words. Files are chosen by ``manifests.py``.
"""
from __future__ import annotations

import re
import shlex
from typing import Any, List

from llm_latency_lint.catalog.image_tags import image_key
from llm_latency_lint.catalog.sources import _yaml
from llm_latency_lint.catalog.sources._entries import schedule_triggers
from llm_latency_lint.model import Trigger

_TEMPLATE = re.compile(r"\{\{-?.*?-?\}\}")
PLACEHOLDER = "HELM-TEMPLATED"


def _untemplate(text: str) -> str:
    lines = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if stripped.startswith("{{") and stripped.endswith("}}") and _TEMPLATE.sub("", stripped).strip() == "":
            lines.append("")  # keep line numbers
            continue
        lines.append(_TEMPLATE.sub(PLACEHOLDER, raw))
    return "\n".join(lines)


def parse(relpath: str, text: str) -> List[Trigger]:
    if "CronJob" not in text:
        return []
    if "{{" in text:
        text = _untemplate(text)
    found: List[Trigger] = []
    for doc in _yaml.documents(text):
        if isinstance(doc, dict) and doc.get("kind") == "CronJob":
            found.extend(cronjob(doc))
    return found


def cronjob(doc: dict) -> List[Trigger]:
    from llm_latency_lint.catalog.schedule_words import describe_cron

    spec = _yaml.typed(doc, "spec", dict, {})
    schedule = spec.get("schedule")
    name = str(_yaml.get(doc, "metadata", "name") or "?").replace(PLACEHOLDER, "{{...}}")
    line = _yaml.line(spec, "schedule", _yaml.line(doc, "spec", 1))
    if isinstance(schedule, str) and PLACEHOLDER not in schedule:
        words = describe_cron(schedule)
        shown = f"schedule '{schedule}'"
    else:
        words, shown = None, "schedule from Helm values"
    suspended = " (suspend: true: suspended now, still a schedule)" if spec.get("suspend") is True else ""
    containers = _yaml.get(spec, "jobTemplate", "spec", "template", "spec", "containers")
    found: List[Trigger] = []
    for container in containers if isinstance(containers, list) else []:
        if not isinstance(container, dict):
            continue
        words_list = _yaml.strings(container.get("command")) + _yaml.strings(container.get("args"))
        image = image_key(container["image"]) if isinstance(container.get("image"), str) else None
        if not words_list and image:  # the image's own entry point: the Dockerfile a build tags it from
            found.extend(schedule_triggers("scheduled", "kubernetes", "", line,
                                           f"CronJob '{name}' {shown}{suspended} (image {container['image']})",
                                           words, keys=[image]))
        if not words_list:
            continue
        command = _command(words_list)
        cwd = _yaml.typed(container, "workingDir", str, "")
        found.extend(schedule_triggers("scheduled", "kubernetes", command, line,
                                       f"CronJob '{name}' {shown}{suspended}", words, cwd))
    return found


def _command(words: List[Any]) -> str:
    """A container's argv as one shell line (``sh -c "..."`` keeps its script)."""
    return shlex.join(str(w) for w in words)

