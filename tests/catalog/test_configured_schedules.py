"""Schedules whose values live in configuration, and entry chains through a published action
(issue 15, round 16's misses): a container's entry script writing a crontab line whose time fields
come from its environment, APScheduler jobs run through a wrapper handed the handler in
``args=[...]``, a sleep loop waiting its parameter's default, and a README's usage workflow
running the repository's own Docker action."""
from __future__ import annotations

import textwrap

from llm_latency_lint.catalog.command_lines import entry_keys
from llm_latency_lint.catalog.sources import (
    crontab,
    docs,
    github_actions,
    pyproject,
    shell,
)
from llm_latency_lint.config import Config
from llm_latency_lint.engine import run


def project(root, files):
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return run([root], Config(), root=root)


def classes(result):
    return {(s.resolved.facts.path, s.resolved.site.line): s.latency_class for s in result.sites}


MAIN = """\
import argparse

from openai import OpenAI


def main():
    argparse.ArgumentParser().parse_args()
    return OpenAI().batches.create(input_file_id="f", endpoint="/v1/chat/completions", completion_window="24h")


if __name__ == "__main__":
    main()
"""

ENTRY = """\
#!/bin/bash
PYTHON_PATH=$(which python3)
if [ ! -z "$CRON_SCHEDULE" ]; then
    echo "$CRON_SCHEDULE $PYTHON_PATH /app/main.py --config /app/config.yaml >> /app/app.log 2>&1" > /etc/cron.d/report
    crontab /etc/cron.d/report
    service cron start
fi
if [ "${RUN_NOW}" = "true" ]; then
    python3 main.py --config /app/config.yaml
fi
tail -f /app/app.log
"""


# ---- a crontab line whose schedule is a variable ------------------------------------------
def test_a_crontab_line_from_a_variable_keeps_the_schedule_unknown():
    assert crontab.templated_cron_line("$CRON_SCHEDULE python /app/main.py") == (
        "$CRON_SCHEDULE", None, "python /app/main.py")
    assert crontab.templated_cron_line("$MIN $HOUR * * * /app/run.sh") == ("$MIN $HOUR * * *", None, "/app/run.sh")
    assert crontab.templated_cron_line("${CRON:-0 9 * * *} python x.py") == ("0 9 * * *", "0 9 * * *", "python x.py")


def test_no_variable_schedule_is_read_from_a_path_or_prose():
    assert crontab.templated_cron_line("$HOME/bin/job.sh") is None
    assert crontab.templated_cron_line("Running $NAME now for the first time") is None
    assert crontab.templated_cron_line("0 9 * * * python x.py") is None  # a plain line: ``cron_line``'s


def test_a_program_looked_up_on_the_path_is_that_program():
    assert entry_keys("$(which python3) /app/main.py --config x >> log 2>&1") == ["script:/app/main.py"]
    assert entry_keys("`command -v python` -m app.job") == ["module:app.job"]


def test_an_entry_script_writing_its_environments_schedule_into_cron_d():
    found = [(t.kind, t.target, t.line, t.schedule) for t in shell.parse("docker-run-entry.sh", ENTRY)]
    assert ("scheduled", ["entry", "script:/app/main.py"], 4, "set by $CRON_SCHEDULE") in found
    assert ("entry", ["entry", "script:main.py"], 9, None) in found


def test_a_variable_line_not_written_into_a_crontab_schedules_nothing():
    """Echoed to the terminal (``>> /var/log/cron.log`` inside the quotes is text), or written to a
    file no ``crontab`` reads: no schedule."""
    for line in ('echo "$CRON_SCHEDULE python /app/main.py >> /var/log/cron.log"',
                 'echo "$CRON_SCHEDULE python /app/main.py" > /app/notes.txt'):
        text = f"#!/bin/sh\n{line}\ncrontab -l\n"
        assert [t for t in shell.parse("entry.sh", text) if t.kind == "scheduled"] == []


def test_a_log_or_doc_named_for_cron_is_no_crontab():
    """``>> /var/log/cron.log``, ``> README.cron.md``: files cron's names appear in, which cron
    does not read (``crontab.is_crontab`` decides, as it does for repository files)."""
    for line in ('echo "$TIMESTAMP python /app/report.py finished" >> /var/log/cron.log',
                 'echo "${TS} /app/run_report.sh done" | tee -a /var/log/cron.log',
                 'echo "$CRON_SCHEDULE python /app/report.py" > README.cron.md',
                 'echo "$NOW python /app/report.py" >> /var/log/cron'):
        text = f"#!/bin/sh\ncrontab /app/crontab.txt\n{line}\n"
        assert [t for t in shell.parse("entry.sh", text) if t.kind == "scheduled"] == [], line


def test_a_line_written_into_a_system_crontab_names_its_user_first():
    """``/etc/cron.d/*`` and ``/etc/crontab`` lines carry a user column, as in ``cron.d`` files."""
    for line in ('echo "$CRON_SCHEDULE root /usr/local/bin/python /app/main.py >> /var/log/app.log 2>&1" > /etc/cron.d/app',
                 'echo "0 9 * * * root python /app/main.py" >> /etc/crontab'):
        scheduled = [t.target for t in shell.parse("entry.sh", f"#!/bin/sh\n{line}\n") if t.kind == "scheduled"]
        assert scheduled == [["entry", "script:/app/main.py"]], line
    assert [t.target for t in crontab.parse("etc/crontab", "0 9 * * * root python /app/main.py\n")] == [
        ["entry", "script:/app/main.py"]]


def test_a_command_substitution_is_a_value_only_when_it_looks_up_a_program():
    """``DIR=$(dirname "$0")`` is known only when the script runs: ``$DIR`` stays a variable (a path
    the script's own folder resolves); ``$(which python3)`` and ``$(command -v python3 || echo
    python)`` are the program."""
    relative = '#!/bin/sh\nDIR=$(dirname "$0")\npython $DIR/../jobs/report.py\n'
    assert [t.target for t in shell.parse("scripts/run.sh", relative)] == [["entry", "script:jobs/report.py"]]
    for lookup in ("$(which python3)", "$(command -v python3 || echo python)", "`command -v python3`"):
        text = f"#!/bin/sh\nPY={lookup}\n$PY jobs/report.py\n"
        assert [t.target for t in shell.parse("run.sh", text)] == [["entry", "script:jobs/report.py"]], lookup


def test_a_script_finding_its_job_beside_itself_is_run_by_the_crontab(tmp_path):
    result = project(tmp_path, {
        "crontab": "0 9 * * * /srv/app/scripts/run.sh\n",
        "scripts/run.sh": '#!/bin/sh\nDIR=$(dirname "$0")\npython $DIR/../jobs/report.py\n',
        "jobs/report.py": MAIN,
    })
    assert classes(result) == {("jobs/report.py", 8): "scheduled"}


def test_variable_lines_piped_or_written_through_a_heredoc_or_a_temp_file():
    piped = '#!/bin/sh\n(crontab -l; echo "$SCHEDULE cd /app && python job.py") | crontab -\n'
    heredoc = '#!/bin/sh\ncat > /etc/cron.d/jobs <<EOF\n${SCHEDULE} python /app/job.py\nEOF\n'
    temp = '#!/bin/sh\nTMP=$(mktemp)\necho "$SCHEDULE python /app/job.py" >> "$TMP"\ncrontab "$TMP"\n'
    for text in (piped, heredoc, temp):
        scheduled = [t.target for t in shell.parse("entry.sh", text) if t.kind == "scheduled"]
        assert scheduled in ([["entry", "script:/app/job.py"]], [["entry", "script:job.py"]]), text


def test_the_container_crontab_schedules_the_script(tmp_path):
    result = project(tmp_path, {
        "main.py": MAIN, "docker-run-entry.sh": ENTRY,
        "Dockerfile": 'FROM python:3.11-slim\nCOPY . /app\nENTRYPOINT ["/app/docker-run-entry.sh"]\n',
        "docker-compose.yml": "services:\n  bot:\n    build: .\n    environment:\n      - CRON_SCHEDULE=0 9 * * *\n",
    })
    assert classes(result) == {("main.py", 8): "scheduled"}


# ---- APScheduler args= -----------------------------------------------------------------------
SCHEDULER = """\
import json

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from tools import summarize


async def _run_update_check():
    summarize("x")


HANDLERS: dict[str, callable] = {"updates/check": _run_update_check}


def create_scheduler():
    scheduler = AsyncIOScheduler()
    for job in json.load(open("jobs.json"))["jobs"]:
        handler = HANDLERS.get(job["endpoint"])
        scheduler.add_job(_run_job, trigger=CronTrigger(**job["schedule"]), args=[job["id"], handler])
    return scheduler


async def _run_job(job_id, handler):
    await handler()


create_scheduler().start()
"""
TOOLS = """\
import anthropic


def summarize(text):
    return anthropic.Anthropic().messages.create(model="m", max_tokens=10, messages=[])
"""


def test_a_job_wrapper_runs_the_handler_its_args_hand_it(tmp_path):
    """``add_job(_run_job, trigger, args=[job_id, handler])``: APScheduler calls
    ``_run_job(job_id, handler)``, so ``handler()`` inside runs what the list's ``handler`` holds."""
    result = project(tmp_path, {"scheduler.py": SCHEDULER, "tools.py": TOOLS})
    assert classes(result) == {("tools.py", 5): "scheduled"}


def notes(result):
    return [e.note for e in result.sites[0].evidence]


def test_a_timer_binds_its_args_to_the_function(tmp_path):
    """``Timer(5, fire, args=[refresh])``: ``fire`` runs later, calling ``refresh``; the function
    that starts the timer hands ``refresh`` over and does not run it (no "passes" step)."""
    code = """\
    import threading

    import tools


    def fire(job):
        job()


    def refresh():
        tools.summarize("x")


    def tick():
        threading.Timer(3600, fire, args=[refresh]).start()


    if __name__ == "__main__":
        tick()
    """
    result = project(tmp_path, {"main.py": code, "tools.py": TOOLS})
    assert "fire calls refresh" in notes(result)
    assert not any("passes refresh" in note for note in notes(result))
    assert "tick starts fire with threading.Timer() and does not wait" in notes(result)


ROUTE = """\
import threading

from fastapi import FastAPI
from openai import OpenAI

app = FastAPI()


def summarize():
    return OpenAI().chat.completions.create(model="m", messages=[])


def fire(job):
    job()


@app.post("/later")
def later():
    {start}
    return {{"ok": True}}
"""


def test_work_a_request_hands_to_a_thread_or_timer_runs_after_it_returns(tmp_path):
    """The request starts the thread and returns: the function in ``args=`` runs in the thread
    (near-real-time, label policy 4), not in the request (which would make it mixed)."""
    for start in ("threading.Timer(30, fire, args=[summarize]).start()",
                  "threading.Thread(target=fire, args=(summarize,)).start()"):
        result = project(tmp_path, {"app.py": ROUTE.format(start=start)})
        assert classes(result) == {("app.py", 10): "near-real-time"}, start
        assert "fire calls summarize" in notes(result)


def test_an_rq_job_runs_the_function_its_args_hand_it(tmp_path):
    """``q.enqueue_call(func=run_step, args=(summarize,))``: the worker calls ``run_step(summarize)``."""
    code = """\
    from flask import Flask
    from openai import OpenAI
    from redis import Redis
    from rq import Queue

    app = Flask(__name__)
    q = Queue(connection=Redis())


    def summarize():
        return OpenAI().chat.completions.create(model="m", messages=[])


    def run_step(step):
        step()


    @app.post("/summaries")
    def create():
        q.enqueue_call(func=run_step, args=(summarize,))
        return "queued", 202
    """
    result = project(tmp_path, {"app.py": code})
    assert classes(result) == {("app.py", 11): "near-real-time"}
    assert "run_step calls summarize" in notes(result)


# ---- a sleep loop waiting its parameter's default -------------------------------------------
LOOP = """\
import time

import tools


def cycle():
    tools.summarize("x")


def run_engine(loop_seconds: int = 300):
    while True:
        try:
            cycle()
        except Exception:
            time.sleep(30)
            continue
        time.sleep(loop_seconds)


if __name__ == "__main__":
    run_engine(loop_seconds=60)
"""


def test_a_loop_sleeping_its_parameters_long_default_is_a_schedule(tmp_path):
    result = project(tmp_path, {"runner.py": LOOP, "tools.py": TOOLS})
    assert classes(result) == {("tools.py", 5): "scheduled"}


def test_a_short_default_is_a_poll_not_a_schedule(tmp_path):
    result = project(tmp_path, {"runner.py": LOOP.replace("= 300", "= 2").replace("=60", "=2"), "tools.py": TOOLS})
    assert classes(result) == {("tools.py", 5): "real-time"}


def test_a_default_its_only_caller_shortens_is_a_poll(tmp_path):
    """``def watch(poll_seconds=600)`` called as ``watch(poll_seconds=2)``: the loop polls."""
    for call in ("run_engine(loop_seconds=2)", "run_engine(2)"):
        result = project(tmp_path, {"runner.py": LOOP.replace("run_engine(loop_seconds=60)", call), "tools.py": TOOLS})
        assert classes(result) == {("tools.py", 5): "real-time"}, call


def test_a_default_the_body_rebinds_is_not_the_period(tmp_path):
    rebound = LOOP.replace("    while True:\n", "    loop_seconds = float(os.getenv('POLL', '2'))\n    while True:\n", 1)
    rebound = "import os\n" + rebound.replace("run_engine(loop_seconds=60)", "run_engine()")
    result = project(tmp_path, {"runner.py": rebound, "tools.py": TOOLS})
    assert classes(result) == {("tools.py", 5): "real-time"}


# ---- a README's usage workflow of the repository's own action --------------------------------
README = """\
# pr-pulse

## usage

```yaml
name: insights
on:
  schedule:
    - cron: "0 8 * * 1"
  push:

jobs:
  run:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: generate insights summary
        uses: someone/pr-pulse@v0
        with:
          repository: "owner/repo"
```
"""
ACTION = """\
name: "PR Pulse"
description: "weekly PR insights"
runs:
  using: "docker"
  image: "Dockerfile"
"""
CLI = """\
import typer
from google import genai

app = typer.Typer()


@app.command()
def summary(repository: str):
    return genai.Client().models.generate_content(model="m", contents=repository)
"""


def test_a_documented_workflow_counts_only_its_schedules():
    found = docs.parse("README.md", README)
    assert [(t.kind, t.target, t.line, t.schedule) for t in found] == [  # ``actions/checkout``: not this repository
        ("scheduled", ["entry", "uses:actions/checkout"], 9, "weekly Mon 08:00"),
        ("scheduled", ["entry", "uses:someone/prpulse"], 9, "weekly Mon 08:00")]
    assert found[1].note.startswith("README.md documents workflow 'insights' schedule '0 8 * * 1' (step line 18)")


def test_a_block_that_is_no_workflow_adds_nothing():
    assert docs.parse("README.md", "```yaml\nschedule:\n  - cron: '0 8 * * 1'\n```\n") == []
    assert docs.parse("README.md", "```yaml\nschedule: [\njobs: 0 8 * * 1 x\n```\n") == []  # no YAML


def test_the_root_action_answers_to_the_address_the_project_states():
    """A ``[project.urls]`` GitHub URL, or the project's name under an author's GitHub login (a
    no-reply address): the repository is ``owner/name``. A name alone states no address."""
    assert [t.entry_key for t in github_actions.parse("action.yml", ACTION)] == ["action:."]
    assert github_actions.parse(".github/actions/x/action.yml", ACTION)[-1].entry_key == "action:.github/actions/x"
    urls = '[project]\nname = "x"\n\n[project.urls]\nRepository = "https://github.com/Someone/pr_pulse.git"\n'
    author = '[project]\nname = "pr_pulse"\nauthors = [{name = "S", email = "26824103+someone@users.noreply.github.com"}]\n'
    for project_toml in (urls, author):
        assert [(t.target, t.entry_key) for t in pyproject.parse("pyproject.toml", project_toml)] == [
            (["entry", "action:."], "uses:someone/prpulse")]
        assert pyproject.parse("sub/pyproject.toml", project_toml) == []
    assert pyproject.parse("pyproject.toml", '[project]\nname = "pr_pulse"\n') == []


def test_another_owners_action_of_the_packages_name_runs_nothing_here(tmp_path):
    """``uses: someorg/changelog@v3`` in a repository whose package is ``changelog``: another action."""
    result = project(tmp_path, {
        ".github/workflows/weekly.yml": "on:\n  schedule:\n    - cron: '0 6 * * 1'\njobs:\n  log:\n"
                                        "    runs-on: ubuntu-latest\n    steps:\n      - uses: someorg/changelog@v3\n",
        "action.yml": ACTION.replace("PR Pulse", "changelog"),
        "Dockerfile": 'FROM python:3.12-slim\nCOPY . /app\nRUN pip install /app\nENTRYPOINT ["changelog"]\n',
        "pyproject.toml": '[project]\nname = "changelog"\n\n[project.scripts]\nchangelog = "changelog.cli:app"\n',
        "src/changelog/__init__.py": "", "src/changelog/cli.py": CLI,
    })
    assert classes(result) == {("src/changelog/cli.py", 9): "real-time"}


def test_a_workflow_using_another_repositorys_action_runs_nothing_here():
    workflow = "on: push\njobs:\n  a:\n    steps:\n      - uses: actions/checkout@v4\n      - uses: a/b/sub@v1\n"
    assert [t.target for t in github_actions.parse(".github/workflows/ci.yml", workflow)] == [
        ["entry", "uses:actions/checkout"], ["entry", "workflow-done:.github/workflows/ci.yml"]]


def test_the_documented_schedule_reaches_the_docker_actions_console_script(tmp_path):
    result = project(tmp_path, {
        "README.md": README, "action.yml": ACTION,
        "Dockerfile": 'FROM python:3.12-slim\nADD . /app\nENTRYPOINT ["/app/entrypoint.sh"]\n',
        "entrypoint.sh": '#!/bin/bash\nset -e\npr-pulse summary "$INPUT_REPOSITORY"\n',
        "pyproject.toml": '[project]\nname = "pr-pulse"\nauthors = [{email = "1+someone@users.noreply.github.com"}]\n\n'
                          '[project.scripts]\npr-pulse = "pr_pulse.cli:app"\n',
        "src/pr_pulse/__init__.py": "", "src/pr_pulse/cli.py": CLI,
    })
    assert classes(result) == {("src/pr_pulse/cli.py", 9): "scheduled"}
