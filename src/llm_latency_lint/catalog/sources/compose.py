"""docker-compose files: services that run a scheduler, and services as entry points.

A service is a schedule when its command loops with a ``sleep`` (``while true; do python
x.py; sleep 3600; done``), when it carries Ofelia job labels (``ofelia.job-exec.<job>.schedule``
+ ``.command``), or when its name says it is the scheduler (``scheduler``, ``cron``, ``clock``,
``beat``) and its command runs a Python entry point (frequency then lives in that program).
Every service is also the entry point ``compose:<service>`` (``docker compose run <service>``):
its ``command``/``entrypoint``, or else the ``CMD`` of the Dockerfile it ``build:``s (an ``image:``
it only pulls: the Dockerfile a build command tags that image from, ``catalog/image_tags``); and one of
the services ``compose-file:<path>`` starts (``docker compose -f <path> up``; a default-named file
as its folder's default, a service in ``profiles:`` only with its profile: ``file_keys``).
"""
from __future__ import annotations

import posixpath
import re
import shlex
from typing import Any, Dict, List

from llm_latency_lint.catalog.compose_commands import file_keys
from llm_latency_lint.catalog.image_tags import image_key
from llm_latency_lint.catalog.sources import Source, _yaml
from llm_latency_lint.catalog.sources._entries import (
    entry_triggers,
    loop_triggers,
    schedule_triggers,
)
from llm_latency_lint.model import Trigger

SCHEDULER_SERVICES = ("scheduler", "cron", "clock", "beat", "timer", "periodic")
_OFELIA = re.compile(r"^ofelia\.job-(?:exec|run|local)\.(?P<job>[^.]+)\.(?P<field>schedule|command)$")


def matches(relpath: str, name: str) -> bool:
    return bool(re.match(r"^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$", name))


def _command(service: Dict[str, Any], key: str) -> str:
    value = service.get(key)
    if isinstance(value, list):
        return shlex.join(str(v) for v in value)
    return value if isinstance(value, str) else ""


def _labels(service: Dict[str, Any]) -> Dict[str, str]:
    labels = service.get("labels")
    if isinstance(labels, list):
        labels = dict(str(item).split("=", 1) for item in labels if "=" in str(item))
    return {str(k): str(v) for k, v in labels.items()} if isinstance(labels, dict) else {}


def parse(relpath: str, text: str) -> List[Trigger]:
    data = _yaml.load(text)
    services = data.get("services") if isinstance(data, dict) else None
    if not isinstance(services, dict):
        return []
    folder = posixpath.dirname(relpath)
    found: List[Trigger] = []
    for name, service in services.items():
        if not isinstance(service, dict):
            continue
        line = _yaml.line(services, name, 1)
        command = " ".join(c for c in (_command(service, "entrypoint"), _command(service, "command")) if c)
        what = f"compose service '{name}'"
        found.extend(_ofelia(service, line, what))
        if command:
            found.extend(entry_triggers("compose", f"compose:{name}", command, line, what, _workdir(service)))
            for key in file_keys(relpath, service.get("profiles")):
                found.extend(entry_triggers("compose", key, command, line, what, _workdir(service), loops=False))
            if not loop_triggers("compose", command, line, what) and any(w in str(name).lower() for w in SCHEDULER_SERVICES):
                found.extend(schedule_triggers("scheduled", "compose", command, line, f"{what} (a scheduler process)",
                                               cwd=_workdir(service)))
        else:
            dockerfile = _dockerfile(service.get("build"), folder)
            image = image_key(service["image"]) if isinstance(service.get("image"), str) else None
            runs = f"docker:{dockerfile}" if dockerfile else image  # a pulled image: the build tagging it
            if runs:
                shown = f"the image built from {dockerfile}" if dockerfile else f"image {service['image']}"
                found.extend(Trigger(kind="entry", source="compose", target=["entry", runs],
                                     line=line, note=f"{what} runs {shown}",
                                     entry_key=key) for key in [f"compose:{name}", *file_keys(relpath, service.get("profiles"))])
    return found


def _workdir(service: Dict[str, Any]) -> str:
    value = service.get("working_dir")
    return value if isinstance(value, str) else ""


def _dockerfile(build: Any, folder: str) -> str:
    if isinstance(build, str):
        return posixpath.normpath(posixpath.join(folder, build, "Dockerfile"))
    if isinstance(build, dict):
        context = build.get("context", ".")
        name = build.get("dockerfile", "Dockerfile")
        if isinstance(context, str) and isinstance(name, str):
            return posixpath.normpath(posixpath.join(folder, context, name))
    return ""


def _ofelia(service: Dict[str, Any], line: int, what: str) -> List[Trigger]:
    jobs: Dict[str, Dict[str, str]] = {}
    for key, value in _labels(service).items():
        found = _OFELIA.match(key)
        if found:
            jobs.setdefault(found.group("job"), {})[found.group("field")] = value
    out: List[Trigger] = []
    for job, fields in jobs.items():
        if "schedule" in fields and "command" in fields:
            words = ofelia_words(fields["schedule"])
            out.extend(schedule_triggers("scheduled", "compose", fields["command"], line,
                                         f"{what} Ofelia job '{job}' schedule '{fields['schedule']}'", words))
    return out


def ofelia_words(schedule: str) -> str:
    """Ofelia schedules: ``@every 1h30m``, presets, or cron with an optional seconds field."""
    from llm_latency_lint.catalog.schedule_words import describe_cron, interval

    text = schedule.strip()
    every = re.match(r"^@every\s+((?:\d+(?:\.\d+)?(?:h|m|s|ms))+)$", text)
    if every:
        seconds = sum(float(n) * {"h": 3600, "m": 60, "s": 1, "ms": 0.001}[u]
                      for n, u in re.findall(r"(\d+(?:\.\d+)?)(ms|h|m|s)", every.group(1)))
        return interval(seconds)
    fields = text.split()
    if len(fields) == 6 and fields[0] == "0":
        return describe_cron(" ".join(fields[1:]))
    return describe_cron(text)


SOURCE = Source("compose", matches, parse)
