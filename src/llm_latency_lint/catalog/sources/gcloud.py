"""Google Cloud Scheduler jobs that run a Cloud Run job, declared with ``gcloud`` in shell scripts.

``gcloud scheduler jobs create http NAME --schedule "0 7 * * *" --uri
https://REGION-run.googleapis.com/.../jobs/JOB:run`` starts the Cloud Run job ``JOB`` on a
schedule. The job runs a container: the ``--command`` / ``--args`` of ``gcloud run jobs
create|deploy|update JOB`` in the same script when given, else the image built from the
repository (``--source DIR``: ``DIR/Dockerfile``; otherwise the root ``Dockerfile``), whose
``CMD`` is the entry point ``docker:Dockerfile``. A scheduler that calls some other URL (``--uri
https://app-xyz.a.run.app/tasks/digest``, ``--http-method``, POST by default) runs the project's own
route at that path, if it has one (the key ``url:POST <uri>``, ``project/route_entries.py``).
``gcloud scheduler jobs create pubsub NAME --topic T`` publishes to the topic on its schedule: the key
``pubsub:T``, which ``gcloud functions deploy ... --trigger-topic T`` declares for the function it
deploys, so the topic's subscriber runs on the schedule (``Makefile``'s hand-published message is weak).
"""
from __future__ import annotations

import posixpath
import re
import shlex
from typing import Dict, List, Optional, Tuple

from llm_latency_lint.catalog.command_lines import handler_module
from llm_latency_lint.catalog.command_urls import url_key
from llm_latency_lint.catalog.queues import PUBSUB_TOPIC_KEY
from llm_latency_lint.catalog.sources._entries import schedule_triggers
from llm_latency_lint.model import Trigger

_FUNCTION_DEPLOY = re.compile(r"\bfunctions\s+deploy\s+([A-Za-z][\w-]*)")
# ``gcloud run deploy NAME --function E``: a Cloud Run function (the Gen2 functions' newer command).
_RUN_FUNCTION_DEPLOY = re.compile(r"\brun\s+deploy\s+([A-Za-z][\w-]*)(?=.*\s--function[=\s])")
# The entry key of a Cloud Function the repository deploys: requests to its URL run its entry point.
FUNCTION_KEY = "cloudfn:"
_SCHEDULER = re.compile(r"\bscheduler\s+jobs\s+(?:create|update)\s+(http|pubsub)\b")
# The entry key of a Pub/Sub topic: what a scheduler publishes to it runs the functions subscribed.
TOPIC_KEY = PUBSUB_TOPIC_KEY
_RUN_JOB = re.compile(r"\brun\s+jobs\s+(?:create|deploy|update)\s+(\S+)")
_JOB_URI = re.compile(r"/jobs/([^/:\s\"']+):run\b")


def scheduler_triggers(relpath: str, lines: List[tuple]) -> List[Trigger]:
    """``lines``: (line number, joined command line) of a shell script."""
    from llm_latency_lint.catalog.schedule_words import describe_cron

    jobs: Dict[str, str] = {}
    for _, line in lines:
        found = _RUN_JOB.search(line)
        if found:
            jobs[found.group(1)] = line
    triggers: List[Trigger] = []
    for number, line in lines:
        kind = _SCHEDULER.search(line)
        if not kind:
            continue
        uri = _JOB_URI.search(_option(line, "--uri") or "")
        schedule = _option(line, "--schedule")
        literal = schedule is not None and "$" not in schedule
        words = describe_cron(schedule) if literal and schedule else None
        shown = f"'{schedule}'" if literal else "(schedule from variables)"
        topic = _option(line, "--topic")
        if kind.group(1) == "pubsub":
            what = f"Cloud Scheduler {shown} publishes to Pub/Sub topic '{topic}' ({relpath})"
            triggers.extend(schedule_triggers("scheduled", "cloud-scheduler", "", number, what, words,
                                              keys=[f"{TOPIC_KEY}{topic.rsplit('/', 1)[-1]}"]) if topic else [])
            continue
        if not uri:  # an HTTP target: the project's own route at that URL, if it serves one
            method = (_option(line, "--http-method") or "POST").upper()
            key = url_key(method, _option(line, "--uri") or "")
            ping = _keep_warm(method, line, schedule if literal else None)
            what = f"Cloud Scheduler {shown}{' (a keep-warm ping)' if ping else ''} ({relpath})"
            triggers.extend(schedule_triggers("scheduled", PING_SOURCE if ping else "cloud-scheduler", "", number,
                                              what, words, keys=[key]) if key else [])
            continue
        keys = _job_keys(jobs.get(uri.group(1)) or _only(jobs), posixpath.dirname(relpath))
        what = f"Cloud Scheduler {shown} runs Cloud Run job '{uri.group(1)}' ({relpath})"
        if keys[0].startswith("docker:"):
            triggers.extend(schedule_triggers("scheduled", "cloud-scheduler", "", number, what, words, keys=keys))
        else:
            triggers.extend(schedule_triggers("scheduled", "cloud-scheduler", keys[0], number, what, words))
    return triggers


# A Cloud Scheduler HTTP job that only keeps a function warm: a GET with no body, at least every
# ``PING_MINUTES`` minutes. It runs the function, but says nothing about who else calls it.
PING_SOURCE, PING_MINUTES = "cloud-scheduler-ping", 15


def _keep_warm(method: str, line: str, schedule: Optional[str]) -> bool:
    from llm_latency_lint.catalog.schedule_words import longest_gap_minutes

    gap = longest_gap_minutes(schedule) if schedule else None
    return (method == "GET" and gap is not None and gap <= PING_MINUTES
            and not any(_has(line, o) for o in ("--message-body", "--message-body-from-file")))


def function_triggers(relpath: str, lines: List[tuple]) -> List[Trigger]:
    """``gcloud functions deploy NAME [--gen2] --entry-point E --source DIR --trigger-...``: the function
    runs ``E`` in ``DIR/main.py`` (the file Cloud Functions loads for Python; ``--source`` defaults to
    the folder the command runs in, ``--entry-point`` to the function's name; a ``--source`` already
    under the file's folder is written from the repository root). ``--trigger-http`` serves it at
    ``https://REGION-PROJECT.cloudfunctions.net/NAME``: the key ``cloudfn:NAME`` for requests the
    repository's own code sends there (``project/route_entries.py``), and a weak real-time trigger
    (a caller waits, whoever it is). ``--trigger-topic T`` makes it the entry ``pubsub:T`` a Cloud
    Scheduler pubsub job publishes to, and a weak near-real-time trigger (the topic's publishers
    decide); ``--trigger-bucket`` / ``--trigger-event`` / ``--trigger-event-filters`` are events:
    near-real-time (``TRIGGERS``). A deploy naming no trigger adds only the entry."""
    found: List[Trigger] = []
    for number, line in lines:
        deploy = _FUNCTION_DEPLOY.search(line) or _RUN_FUNCTION_DEPLOY.search(line)
        if not deploy:
            continue
        name = deploy.group(1)
        entry = _option(line, "--entry-point") or _option(line, "--function") or name
        if not entry.isidentifier():
            continue
        here = posixpath.dirname(relpath)
        source = posixpath.normpath(_option(line, "--source") or ".")
        folder = source if here and (source + "/").startswith(here + "/") else posixpath.normpath(posixpath.join(here, source))
        target = ["str", handler_module(folder, f"main.{entry}")]
        topic = _option(line, "--trigger-topic")
        trigger = next((t for t in TRIGGERS if _has(line, t)), None)
        to = f" to topic '{topic}'" if topic else ""
        note = f"gcloud functions deploy {name} ({relpath}:{number}) {'subscribes' if topic else 'serves'} {entry} in {folder}/main.py{to}"
        if trigger is None or trigger in ("--trigger-http", "--trigger-topic"):
            key = f"{TOPIC_KEY}{topic.rsplit('/', 1)[-1]}" if topic else f"{FUNCTION_KEY}{name}"
            found.append(Trigger(kind="entry", source="cloud-function-deploy", target=target, line=number,
                                 note=note, entry_key=key))
        if trigger is not None:
            kind, weak = TRIGGERS[trigger]
            found.append(Trigger(kind=kind, source="cloud-function-deploy", target=target, line=number,
                                 note=f"{note} ({trigger})", weak=weak))
    return found


# A deployed function's trigger option -> (class, weak): who sends an HTTP request or publishes to a
# topic is not in the command, so those hold only where nothing the repository declares reaches it.
TRIGGERS: Dict[str, Tuple[str, bool]] = {
    "--trigger-http": ("real-time", True), "--trigger-topic": ("near-real-time", True),
    "--trigger-bucket": ("near-real-time", False), "--trigger-event-filters": ("near-real-time", False),
    "--trigger-event": ("near-real-time", False), "--trigger-resource": ("near-real-time", False),
}


def _has(line: str, option: str) -> bool:
    return re.search(rf"(?<!\S){re.escape(option)}(?:[=\s]|$)", line) is not None


def _only(jobs: Dict[str, str]) -> Optional[str]:
    return next(iter(jobs.values())) if len(jobs) == 1 else None


def _job_keys(deploy: Optional[str], folder: str) -> List[str]:
    """The command the job runs (a shell line), or the Dockerfile key its image comes from."""
    if deploy:
        command = _option(deploy, "--command")
        args = _option(deploy, "--args")
        if command:
            return [" ".join([command.replace(",", " "), (args or "").replace(",", " ")]).strip()]
        source = _option(deploy, "--source")
        if source and source not in (".", "./"):
            return [f"docker:{posixpath.normpath(source)}/Dockerfile"]
    return ["docker:Dockerfile"]


def _option(line: str, name: str) -> Optional[str]:
    try:
        words = shlex.split(line, comments=False)
    except ValueError:
        words = line.split()
    for index, word in enumerate(words):
        if word == name and index + 1 < len(words):
            return words[index + 1]
        if word.startswith(name + "="):
            return word[len(name) + 1:]
    return None
