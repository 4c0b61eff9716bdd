"""GitHub Actions: workflows (``.github/workflows/*.yml``) and local actions (``action.yml``).

``on: schedule`` is scheduled, one trigger per ``cron``. Other events are near-real-time, in
two strengths (the CI policy): where a person waits for the bot's answer (``issue_comment``,
``issues``, ``pull_request`` review bots: ``WAITED_EVENTS``) the trigger is strong; a run nobody
waits on (``push``, ``release``, ``workflow_run``, a ``workflow_dispatch``-only workflow, a
``pull_request`` check that cannot write back: no token, no comment, no write permission) is weak
evidence, so it never outranks a schedule that runs the same entry point (a deploy build or a
manual test workflow of the nightly job) and classifies the code only when nothing else reaches
it. ``workflow_dispatch`` next to a schedule is the manual re-run of that schedule and adds nothing.
What a workflow runs: each step's ``run:`` (with ``working-directory``), a local action
(``uses: ./path`` -> that ``action.yml``'s composite steps or Docker image) and a local
reusable workflow (``uses: ./.github/workflows/x.yml``, whose ``on: workflow_call`` makes it
an entry point). A workflow that runs ``on: workflow_run`` after others runs with their triggers
(the entry ``workflow-done:<name>`` every workflow's triggers also run), over several hops.

A repository that publishes an action (a root ``action.yml``) is used by its address: ``uses:
ajndkr/pr-pulse@v0`` runs it where the repository states it is ``ajndkr/pr-pulse``
(``pyproject.py``: a ``[project.urls]`` GitHub URL, or the project's name under the login of an
author's GitHub no-reply address), compared without case or punctuation
(``uses:ajndkr/prpulse``, ``own_action_key``). A name alone is not enough: ``someorg/changelog``
is another repository's action even where this package is called ``changelog``. A workflow the repository's docs show
(``documented``: a README's usage example with ``on: schedule``) is a documented schedule (label
policy 2): its schedules count, its other events (a consumer's pushes) do not; a doc's workflow
that the repository has as a file under the same ``name:`` running the same step is a copy of it (a build plan, a how-to:
``without_copies``), and the file says what runs (a schedule commented out there is paused; round 19's
Ciceros42/giveaway-automation).
"""
from __future__ import annotations

import posixpath
import re
from typing import Any, Dict, List, Tuple

from llm_latency_lint.catalog.command_lines import entry_keys
from llm_latency_lint.catalog.command_urls import plain, url_key
from llm_latency_lint.catalog.sources import Source, _yaml
from llm_latency_lint.catalog.sources._entries import entry_triggers, schedule_triggers
from llm_latency_lint.catalog.sources._job_events import (
    ANY,
    JobEvents,
    either,
    job_events,
)
from llm_latency_lint.model import Trigger

MANUAL = "workflow_dispatch"
# Events where a person waits for what the workflow answers (a review bot, a comment command).
WAITED_EVENTS = frozenset({
    "issue_comment", "issues", "pull_request", "pull_request_target", "pull_request_review",
    "pull_request_review_comment", "discussion", "discussion_comment",
})
CALLED = "workflow_call"
RUN_AFTER = "workflow_run"
DONE = "workflow-done:"  # the entry a workflow's runs also run: the workflows chained after it
# A pull request's run answers the person only when the workflow can write back (a review bot
# comments); a workflow that cannot is a CI check of the code: nobody waits on what it prints.
CHECK_EVENTS = frozenset({"pull_request", "pull_request_target"})
_ANSWERS = re.compile(r"(?:pull-requests|issues|discussions):\s*write|write-all|GITHUB_TOKEN|github\.token"
                      r"|gh\s+(?:pr|issue)\s+(?:comment|review|edit)|createComment|uses:\s*\S*comment", re.IGNORECASE)


def matches(relpath: str, name: str) -> bool:
    if name in ("action.yml", "action.yaml"):
        return True
    return "/.github/workflows/" in f"/{relpath}" and name.endswith((".yml", ".yaml"))


def parse(relpath: str, text: str) -> List[Trigger]:
    data = _yaml.load(text)
    if not isinstance(data, dict):
        return []
    if posixpath.basename(relpath) in ("action.yml", "action.yaml"):
        return _action(relpath, data)
    return _workflow(relpath, data, bool(_ANSWERS.search(text)))


def _events(data: dict) -> Tuple[Any, int]:
    key = "on" if "on" in data else True  # YAML 1.1 reads a bare ``on`` key as true
    events = data.get(key)
    if isinstance(events, str):
        events = {events: None}
    elif isinstance(events, list):
        events = {e: None for e in events if isinstance(e, str)}
    return (events if isinstance(events, dict) else {}), _yaml.line(data, key, 1)


def _workflow(relpath: str, data: dict, answers: bool = True) -> List[Trigger]:
    from llm_latency_lint.catalog.schedule_words import describe_cron

    events, on_line = _events(data)
    named = _yaml.typed(data, "name", str, None)
    name = named or posixpath.basename(relpath)
    # Workflows chained after this one (``on: workflow_run``, naming it by its ``name``, else by its
    # path as GitHub does) run whenever it runs, with its trigger.
    runs = _job_keys(relpath, data) + [(f"{DONE}{named or relpath}", on_line)]
    gates = _run_events(data)  # a job whose ``if:`` names the events it runs on (a lint job beside a poster)
    found: List[Trigger] = list(_after(name, events, on_line, runs))
    schedules = _yaml.typed(events, "schedule", list, [])
    manual = " (also workflow_dispatch: manual re-runs)" if MANUAL in events else ""
    for item in schedules:
        cron = item.get("cron") if isinstance(item, dict) else None
        if not isinstance(cron, str):
            continue
        line = _yaml.line(item, "cron", on_line)
        for key, step_line in runs:
            if not gates.get(key, ANY).runs_on("schedule"):
                continue
            found.extend(schedule_triggers(
                "scheduled", "github-actions", "", line,
                f"workflow '{name}' schedule '{cron}'{manual}{_step(key, step_line, ' (step line {})')}",
                describe_cron(cron), keys=[key]))
    others = [e for e in events if e not in ("schedule", CALLED) and not (e == MANUAL and schedules)]
    # Someone waits for the bot's answer on a comment or a review; a push, a release or a manual
    # dispatch starts a run nobody waits on, which never outranks a schedule that runs the same code.
    waited = [e for e in others if e in WAITED_EVENTS and (answers or e not in CHECK_EVENTS)]
    for group, weak in ((waited, False), ([e for e in others if e not in waited], True)):
        if not group:
            continue
        tail = "a person waits for the bot's answer" if not weak else (
            "nobody waits on the run: weak evidence, a schedule of the same code outranks it")
        for key, step_line in runs:
            running = [e for e in group if gates.get(key, ANY).runs_on(str(e))]
            if not running:
                continue
            what = ", ".join(str(e) for e in running)
            line = _yaml.line(events, running[0], on_line)
            for trigger in schedule_triggers(
                    "near-real-time", "github-actions", "", line,
                    f"workflow '{name}' on {what} ({tail}{_step(key, step_line, '; step line {}')})", keys=[key]):
                trigger.weak = weak
                found.append(trigger)
    if CALLED in events:
        for key, step_line in runs:
            found.append(Trigger(kind="entry", source="github-actions", target=["entry", key], line=step_line,
                                 note=f"reusable workflow '{name}' runs {key.split(':', 1)[1]}",
                                 entry_key=f"workflow:{relpath}"))
    return found


def _after(name: str, events: dict, on_line: int, runs: List[Tuple[str, int]]) -> List[Trigger]:
    """``on: workflow_run: workflows: [ingest]``: this workflow runs after ``ingest`` does, so it
    inherits ``ingest``'s triggers (a six-hourly schedule): the entry ``workflow-done:ingest``."""
    spec = events.get(RUN_AFTER)
    upstream = _yaml.strings(spec.get("workflows")) if isinstance(spec, dict) else []
    line = _yaml.line(events, RUN_AFTER, on_line)
    return [Trigger(kind="entry", source="github-actions", target=["entry", key], line=line,
                    note=f"workflow '{name}' runs after workflow '{before}' (workflow_run){_step(key, step_line, ', step line {}')}",
                    entry_key=f"{DONE}{before}")
            for before in upstream for key, step_line in runs if key != f"{DONE}{before}"]


def _step(key: str, line: int, text: str) -> str:
    """Where a step runs ``key``; nothing for the chained workflows' entry (no step runs it)."""
    return "" if key.startswith(DONE) else text.format(line)


def _job_keys(relpath: str, data: dict) -> List[Tuple[str, int]]:
    """(entry key, line) for everything the workflow's jobs run."""
    return [(key, line) for key, line, _ in _job_runs(data)]


def _job_runs(data: dict) -> List[Tuple[str, int, JobEvents]]:
    """(entry key, line, the events its job's ``if:`` lets it run on) for what the jobs run."""
    jobs = _yaml.typed(data, "jobs", dict, {})
    found: List[Tuple[str, int, JobEvents]] = []
    default_dir = _yaml.get(data, "defaults", "run", "working-directory")
    for job_id, job in jobs.items():
        if not isinstance(job, dict):
            continue
        events = job_events(job.get("if"))
        uses = job.get("uses")
        if isinstance(uses, str) and uses.startswith("./"):
            found.append((f"workflow:{posixpath.normpath(uses)}", _yaml.line(job, "uses"), events))
        job_dir = _yaml.get(job, "defaults", "run", "working-directory") or default_dir
        found.extend((key, line, events)
                     for key, line in _steps(job.get("steps"), job_dir if isinstance(job_dir, str) else "", ""))
    return found


def _run_events(data: dict) -> Dict[str, JobEvents]:
    """Entry key -> the events that run it (a key several jobs run: any of theirs)."""
    found: Dict[str, JobEvents] = {}
    for key, _, events in _job_runs(data):
        found[key] = either(found[key], events) if key in found else events
    return found


def _steps(steps: Any, cwd: str, action_dir: str) -> List[Tuple[str, int]]:
    found: List[Tuple[str, int]] = []
    for step in steps if isinstance(steps, list) else []:
        if not isinstance(step, dict):
            continue
        run, uses = step.get("run"), step.get("uses")
        if isinstance(run, str):
            step_dir = _yaml.typed(step, "working-directory", str, cwd)
            command = _expand(run, action_dir)
            found.extend((key, _yaml.line(step, "run")) for key in entry_keys(command, _expand(step_dir, action_dir)))
        elif isinstance(uses, str) and uses.startswith("./"):
            found.append((f"action:{posixpath.normpath(uses)}", _yaml.line(step, "uses")))
        elif isinstance(uses, str) and uses.split("@", 1)[0].lower() in HTTP_ACTIONS:
            found.extend((key, _yaml.line(step, "uses")) for key in _http_action(uses, step.get("with")))
        elif isinstance(uses, str) and (remote := _REMOTE.match(uses)):  # ``owner/name@v0``: ours, if we are it
            found.append((own_action_key(remote.group(1), remote.group(2)), _yaml.line(step, "uses")))
    return found


_REMOTE = re.compile(r"^([\w.-]+)/([\w.-]+)@\S+$")  # a repository's root action, not ``owner/name/sub@v1``
USES = "uses:"
# Where a repository states its own GitHub address: ``https://github.com/owner/name(.git)``, and
# the owner's login in a GitHub no-reply address (``123+owner@users.noreply.github.com``).
GITHUB_REPOSITORY = re.compile(r"^(?:https?://|git@)(?:www\.)?github\.com[/:]([\w.-]+)/([\w.-]+?)(?:\.git)?/?(?:[#?].*)?$")
NOREPLY_LOGIN = re.compile(r"(?:^|[<\s])(?:\d+\+)?([\w-]+)@users\.noreply\.github\.com\b", re.IGNORECASE)


def own_action_key(owner: str, name: str) -> str:
    """``uses:<owner>/<name>``: the entry a remote ``uses: owner/name@ref`` runs, which the
    repository's root action answers to when the repository states it is ``owner/name`` (owner
    without case, name without case or punctuation: ``pr_pulse`` is ``pr-pulse``)."""
    return f"{USES}{owner.lower()}/{re.sub(r'[^a-z0-9]', '', name.lower())}"


def own_action(owner: str, name: str, line: int, source: str, what: str) -> Trigger:
    """The repository's root action answers to ``owner/name``: ``uses: owner/name@ref`` runs it."""
    return Trigger(kind="entry", source=source, target=["entry", "action:."], line=line,
                   note=f"{what} names this repository {owner}/{name}", entry_key=own_action_key(owner, name))


def documented(relpath: str, text: str, first: int) -> List[Trigger]:
    """The schedules of a workflow a doc shows in a code block starting at line ``first``."""
    import yaml

    try:
        data = _yaml.load("\n" * (first - 1) + text)  # lines counted in the doc
    except yaml.YAMLError:  # a block of another language, or a workflow excerpt
        return []
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), dict):
        return []
    found = [t for t in _workflow(relpath, data) if t.kind == "scheduled" and not str(t.target[-1]).startswith(DONE)]  # a consumer's workflow: nothing here runs after it
    for trigger in found:
        trigger.note = f"{relpath} documents {trigger.note}"
    return found


def without_copies(triggers: List[Tuple[Trigger, str]]) -> List[Tuple[Trigger, str]]:
    """``triggers`` (with the file each came from) without a doc's copies of a workflow the
    repository has as a file by the same name running the same step: the file is the workflow
    that runs. A usage example of the same name whose step uses the published action
    (``uses: owner/this@v1``) where the file tests it (``uses: ./``) is no copy: a consumer runs it."""
    live = {_workflow_step(t) for t, path in triggers if t.source == "github-actions" and matches(path, posixpath.basename(path))}
    return [(t, path) for t, path in triggers
            if not (t.source == "github-actions" and _DOCUMENTED.match(t.note) and _workflow_step(t) in live)]


def _workflow_step(trigger: Trigger) -> Tuple[str, str]:
    """The ``name:`` of the workflow a trigger's note names and the entry its step runs."""
    return _workflow_name(trigger), str(trigger.target[-1])


def _workflow_name(trigger: Trigger) -> str:
    """The ``name:`` of the workflow a trigger's note names (``workflow 'X' ...``, ``README.md documents workflow 'X' ...``)."""
    found = _NAMED.match(trigger.note)
    return found.group(1) if found else ""


_DOCUMENTED = re.compile(r"^\S+ documents workflow '")
# the name ends where the note goes on (``schedule '...'``, ``on push``, ``runs after workflow 'X'``): ``Editors' digest`` is one name
_NAMED = re.compile(r"^(?:\S+ documents )?workflow '(.+?)' (?:schedule '|on |runs after workflow ')")


# Marketplace actions that send one HTTP request (``with: {url, method}``) and their default verbs.
HTTP_ACTIONS = {"fjogeleit/http-request-action": "POST", "satak/webrequest-action": "GET",
                "indiesdev/curl": "GET", "cyberman54/curl-action": "GET"}


def _http_action(uses: str, options: Any) -> List[str]:
    """``uses: fjogeleit/http-request-action@v1`` ``with: {url: ..., method: POST}``: a ``url:`` key."""
    if not isinstance(options, dict) or not isinstance(options.get("url"), str):
        return []
    given = options.get("method")
    method = given if isinstance(given, str) else HTTP_ACTIONS[uses.split("@", 1)[0].lower()]
    key = url_key(method.upper(), plain(options["url"]))
    return [key] if key else []


def _expand(text: str, action_dir: str) -> str:
    text = re.sub(r"\$\{\{\s*github\.action_path\s*\}\}", action_dir or ".", text)
    return re.sub(r"\$\{\{\s*github\.workspace\s*\}\}/?", "", text)


def _action(relpath: str, data: dict) -> List[Trigger]:
    """A local action is the entry point ``action:<its folder>``."""
    folder = posixpath.dirname(relpath) or "."
    key = f"action:{folder}"
    runs = _yaml.typed(data, "runs", dict, {})
    using = str(runs.get("using", ""))
    name = _yaml.typed(data, "name", str, folder)
    found: List[Trigger] = []
    if using == "composite":
        for step_key, line in _steps(runs.get("steps"), "", folder):
            found.append(Trigger(kind="entry", source="github-actions", target=["entry", step_key], line=line,
                                 note=f"action '{name}' runs {step_key.split(':', 1)[1]}", entry_key=key))
    elif using == "docker":
        image = runs.get("image")
        line = _yaml.line(runs, "image", 1)
        entrypoint = runs.get("entrypoint")
        if isinstance(entrypoint, str):
            args = " ".join(_yaml.strings(runs.get("args")))
            found.extend(entry_triggers("github-actions", key, f"{entrypoint} {args}", line, f"action '{name}'", folder))
        elif isinstance(image, str) and not image.startswith("docker://"):
            dockerfile = posixpath.normpath(posixpath.join(folder, image))
            found.append(Trigger(kind="entry", source="github-actions", target=["entry", f"docker:{dockerfile}"],
                                 line=line, note=f"action '{name}' runs the image built from {dockerfile}",
                                 entry_key=key))
    return found


def manual_only(trigger: Trigger) -> bool:
    """A run of a workflow only a person dispatches (``on: workflow_dispatch`` and nothing else)."""
    return trigger.source == "github-actions" and trigger.weak and f" on {MANUAL} (" in trigger.note


SOURCE = Source("github-actions", matches, parse)
