"""Schedules declared outside Python: each source's triggers, and the chains they start."""
from __future__ import annotations

import json
import textwrap

import pytest

from llm_latency_lint.audit import inventory
from llm_latency_lint.catalog.command_lines import entry_keys
from llm_latency_lint.catalog.sources import (
    app_json,
    compose,
    crontab,
    dockerfile,
    github_actions,
    gitlab_ci,
    kubernetes,
    makefile,
    procfile,
    shell,
    source_for,
    systemd,
)
from llm_latency_lint.config import Config
from llm_latency_lint.engine import run
from llm_latency_lint.reporters import audit_json


def shape(triggers):
    return [(t.kind, t.target[1] if t.target[0] == "entry" else t.target, t.line, t.schedule, t.entry_key)
            for t in triggers]


@pytest.mark.parametrize("command, keys", [
    ("cd /srv/app && uv run python scripts/x.py --all >> /var/log/x 2>&1", ["script:/srv/app/scripts/x.py"]),
    ("python manage.py send_digest --days 7", ["command:send_digest"]),
    ("django-admin send_digest", ["command:send_digest"]),
    ("poetry run python -m app.jobs.digest", ["module:app.jobs.digest"]),
    ("/bin/sh -c 'cd /app && python jobs/run.py'", ["script:/app/jobs/run.py"]),
    ("cd /srv/x && /usr/bin/bash -lc 'source .venv/bin/activate && K=v python main.py --post' >> cron.log 2>&1",
     ["script:/srv/x/main.py"]),
    ("make -C deploy nightly", ["make:nightly"]),
    ("$(MAKE) nightly", ["make:nightly"]),
    ("bash scripts/refresh.sh", ["shell:scripts/refresh.sh"]),
    ("./bin/refresh", ["shell:bin/refresh"]),
    ("docker compose run --rm worker python -m app.x", ["module:app.x"]),
    ("docker compose run worker", ["compose:worker"]),
    ("timeout 600 nice python3 -u job.py", ["script:job.py"]),
    ("python -m celery -A app beat", []),
    ("pytest -q", []),
])
def test_commands_map_to_entry_keys(command, keys):
    assert entry_keys(command) == keys


def test_sources_are_chosen_by_path():
    chosen = {
        ".github/workflows/ci.yml": "github-actions", ".github/actions/tag/action.yml": "github-actions",
        ".gitlab-ci.yml": "gitlab-ci", "deploy/k8s/jobs.yaml": "manifest", "docker-compose.prod.yml": "compose",
        "compose.yaml": "compose", "Makefile": "makefile", "bin/run.sh": "shell", "Dockerfile.worker": "dockerfile",
        "Procfile": "procfile", "app.json": "app-json", "ops/x.timer": "systemd", "deploy/crontab": "crontab",
    }
    for path, source in chosen.items():
        found = source_for(path, path.rsplit("/", 1)[-1])
        assert found is not None and found.id == source, path
    assert source_for("README.md", "README.md").id == "docs"  # documented schedules (test_documented_schedules)
    assert source_for("setup.cfg", "setup.cfg").id == "console-script"  # its console_scripts (test_script_docs)
    assert source_for("tox.ini", "tox.ini") is None


def test_commented_crontab_line_is_not_a_schedule():
    text = "# 0 3 * * * python scripts/old.py\n0 2 * * * python scripts/new.py\n@reboot python scripts/boot.py\n"
    assert shape(crontab.parse("crontab", text)) == [("scheduled", "script:scripts/new.py", 2, "daily 02:00", None)]


WORKFLOW = """\
name: digest
on:
  schedule:
    - cron: "0 7 * * 1"
  workflow_dispatch:
  push:
    branches: [main]
jobs:
  send:
    runs-on: ubuntu-latest
    defaults:
      run:
        working-directory: app
    steps:
      - uses: actions/checkout@v4
      - run: python send_digest.py
      - uses: ./.github/actions/tagger
"""


def test_workflow_schedule_is_scheduled_and_push_is_near_real_time():
    found = shape(github_actions.parse(".github/workflows/digest.yml", WORKFLOW))
    assert ("scheduled", "script:app/send_digest.py", 4, "weekly Mon 07:00", None) in found
    assert ("scheduled", "action:.github/actions/tagger", 4, "weekly Mon 07:00", None) in found
    assert ("near-real-time", "script:app/send_digest.py", 6, None, None) in found
    assert all(kind != "scheduled" or line == 4 for kind, _, line, _, _ in found)


def _runs(triggers):
    """A workflow's triggers of what it runs, without those of workflows chained after it."""
    return [t for t in triggers if not str(t.target[1]).startswith(github_actions.DONE)]


def test_workflow_on_push_only_is_never_scheduled():
    text = "on: push\njobs:\n  a:\n    steps:\n      - run: python notes.py\n"
    assert shape(_runs(github_actions.parse(".github/workflows/n.yml", text))) == [
        ("near-real-time", "script:notes.py", 1, None, None)]


def test_workflow_dispatch_alone_is_near_real_time():
    text = "on:\n  workflow_dispatch:\njobs:\n  a:\n    steps:\n      - run: python backfill.py\n"
    assert [t.kind for t in _runs(github_actions.parse(".github/workflows/b.yml", text))] == ["near-real-time"]


def test_local_actions_are_entry_points():
    composite = "runs:\n  using: composite\n  steps:\n    - run: python ${{ github.action_path }}/main.py\n      shell: bash\n"
    docker = "runs:\n  using: docker\n  image: Dockerfile\n"
    assert shape(github_actions.parse(".github/actions/a/action.yml", composite)) == [
        ("entry", "script:.github/actions/a/main.py", 4, None, "action:.github/actions/a")]
    assert shape(github_actions.parse(".github/actions/d/action.yml", docker)) == [
        ("entry", "docker:.github/actions/d/Dockerfile", 3, None, "action:.github/actions/d")]


def test_gitlab_schedule_rules():
    text = textwrap.dedent("""\
        refresh:
          rules:
            - if: $CI_PIPELINE_SOURCE == "schedule"
          script:
            - python -m app.refresh
        never-scheduled:
          rules:
            - if: $CI_PIPELINE_SOURCE == "schedule"
              when: never
            - when: always
          script: python -m app.notes
        legacy:
          only: [schedules]
          script: [python -m app.legacy]
        .template:
          script: python -m app.hidden
        """)
    assert shape(gitlab_ci.parse(".gitlab-ci.yml", text)) == [
        ("scheduled", "module:app.refresh", 2, None, None),
        ("near-real-time", "module:app.notes", 7, None, None),
        ("scheduled", "module:app.legacy", 13, None, None),
    ]


CRONJOBS = """\
kind: ConfigMap
data:
  schedule: "0 * * * *"
---
kind: CronJob
metadata:
  name: backfill
spec:
  schedule: "15 3 * * *"
  suspend: true
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - command: ["python", "-m", "app.backfill"]
"""


def test_suspended_cronjob_is_still_a_schedule_and_says_so():
    (trigger,) = kubernetes.parse("deploy/jobs.yaml", CRONJOBS)
    assert shape([trigger]) == [("scheduled", "module:app.backfill", 9, "daily 03:15", None)]
    assert "suspend: true" in trigger.note


def test_helm_template_with_literal_values():
    text = ("{{- if .Values.enabled }}\nkind: CronJob\nmetadata:\n  name: {{ .Release.Name }}-x\nspec:\n"
            "  schedule: {{ .Values.schedule | quote }}\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
            "          containers:\n            - args: [\"python\", \"scripts/x.py\"]\n{{- end }}\n")
    (trigger,) = kubernetes.parse("chart/templates/x.yaml", text)
    assert shape([trigger]) == [("scheduled", "script:scripts/x.py", 6, None, None)]
    assert "Helm values" in trigger.note and "{{...}}-x" in trigger.note


def test_makefile_recipes_variables_and_sub_makes():
    text = "PY ?= uv run python\n.PHONY: all\nall: digest\n\ndigest:\n\t@$(PY) scripts/digest.py \\\n\t\t--all\n\t$(MAKE) tidy\n"
    assert shape(makefile.parse("Makefile", text)) == [
        ("entry", "make:digest", 3, None, "make:all"),
        ("entry", "script:scripts/digest.py", 6, None, "make:digest"),
        ("entry", "make:tidy", 8, None, "make:digest"),
    ]


def test_dockerfile_entrypoint_and_cmd_of_the_last_stage():
    text = "FROM a AS build\nCMD [\"python\", \"build.py\"]\nFROM b\nWORKDIR /app\nENTRYPOINT [\"python\"]\nCMD [\"-m\", \"app.jobs\"]\n"
    assert shape(dockerfile.parse("Dockerfile", text)) == [("entry", "module:app.jobs", 6, None, "docker:Dockerfile")]


def test_shell_script_lines_and_sleep_loops():
    text = "#!/bin/sh\n# python old.py\ncd /app\nwhile true; do\n  python -m app.poll\n  sleep 900\ndone\n"
    found = shape(shell.parse("bin/poll.sh", text))
    assert ("entry", "module:app.poll", 5, None, "shell:bin/poll.sh") in found
    assert ("scheduled", "module:app.poll", 1, "every 15 minutes", None) in found
    assert not any("old" in str(k) for _, k, _, _, _ in found)


def test_procfile_clock_and_worker_processes():
    text = "web: gunicorn app:app\nclock: python clock.py\nworker: python -m app.worker\n"
    assert shape(procfile.parse("Procfile", text)) == [
        ("scheduled", "script:clock.py", 2, None, None), ("near-real-time", "module:app.worker", 3, None, None)]


def test_dokku_and_scalingo_cron():
    dokku = json.dumps({"cron": [{"command": "python -m app.x", "schedule": "@hourly"}]}, indent=2)
    scalingo = json.dumps({"jobs": [{"command": "0 2 * * * python -m app.y"}]})
    assert shape(app_json.parse("app.json", dokku)) == [("scheduled", "module:app.x", 4, "hourly", None)]
    assert shape(app_json.parse("cron.json", scalingo)) == [("scheduled", "module:app.y", 1, "daily 02:00", None)]


def test_systemd_timer_and_service():
    timer = "[Timer]\nOnCalendar=Mon..Fri *-*-* 06:30\nUnit=report.service\n"
    monotonic = "[Timer]\nOnBootSec=5min\nOnUnitActiveSec=1h\n"
    service = "[Service]\nExecStart=-/usr/bin/python3 /srv/app/report.py\n"
    assert shape(systemd.parse("x.timer", timer)) == [("scheduled", "systemd:report.service", 2, "weekdays 06:30", None)]
    assert shape(systemd.parse("poll.timer", monotonic)) == [("scheduled", "systemd:poll.service", 3, "hourly", None)]
    assert shape(systemd.parse("report.service", service)) == [
        ("entry", "script:/srv/app/report.py", 2, None, "systemd:report.service")]
    # a unit in a folder is keyed by it: each sub-project's timer runs its own service
    assert shape(systemd.parse("jobs/systemd/x.timer", timer)) == [
        ("scheduled", "systemd:jobs/systemd/report.service", 2, "weekdays 06:30", None)]
    relative = "[Service]\nWorkingDirectory=-/home/me/apps/jobs\nExecStart=/usr/bin/env python3 report.py\n"
    assert shape(systemd.parse("jobs/systemd/report.service", relative)) == [
        ("entry", "script:/home/me/apps/jobs/report.py", 3, None, "systemd:jobs/systemd/report.service")]
    assert systemd.calendar_words("*:0/15") == "every 15 minutes"
    assert systemd.calendar_words("*-*-* 02:00:00") == "daily 02:00"
    assert systemd.calendar_words("2024-01-01") == "OnCalendar '2024-01-01'"


def test_compose_loops_ofelia_and_scheduler_services():
    text = textwrap.dedent("""\
        services:
          poller:
            command: sh -c "while true; do python -m app.poll; sleep 1h; done"
          app:
            labels:
              - ofelia.job-exec.digest.schedule=0 0 7 * * 1
              - ofelia.job-exec.digest.command=python -m app.digest
          scheduler:
            command: ["python", "clock.py"]
          worker:
            build: ./worker
        """)
    found = shape(compose.parse("docker-compose.yml", text))
    assert ("scheduled", "module:app.poll", 2, "hourly", None) in found
    assert ("scheduled", "module:app.digest", 4, "weekly Mon 07:00", None) in found
    assert ("scheduled", "script:clock.py", 8, None, None) in found
    assert ("entry", "docker:worker/Dockerfile", 10, None, "compose:worker") in found
    assert compose.ofelia_words("@every 1h30m") == "every 90 minutes"


def test_a_yaml_error_is_one_error_and_the_run_goes_on(tmp_path):
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "bad.yml").write_text("on: [push\njobs: {", encoding="utf-8")
    (tmp_path / "job.py").write_text("import openai\nopenai.OpenAI().chat.completions.create(model='m', messages=[])\n")
    result = run([tmp_path])
    assert [e.path for e in result.errors] == [".github/workflows/bad.yml"]
    assert "cannot read schedule" in result.errors[0].message
    assert len(result.sites) == 1


def test_a_chain_through_crontab_shell_make_and_script(tmp_path):
    """crontab -> shell script -> make target -> script -> module: one evidence chain."""
    files = {
        "deploy/crontab": "0 7 * * 1 /srv/app/bin/weekly.sh\n",
        "bin/weekly.sh": "#!/bin/sh\nmake report\n",
        "Makefile": "report:\n\tpython scripts/report.py\n",
        "scripts/report.py": "from app.report import build\n\nif __name__ == '__main__':\n    build()\n",
        "app/__init__.py": "",
        "app/report.py": ("from openai import OpenAI\n\n\ndef build():\n"
                          "    return OpenAI().chat.completions.create(model='m', messages=[])\n"),
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run([tmp_path], root=tmp_path)
    (site,) = result.sites
    assert site.latency_class == "scheduled"
    assert [(e.path, e.line) for e in site.evidence] == [
        ("deploy/crontab", 1), ("bin/weekly.sh", 2), ("Makefile", 2), ("scripts/report.py", 3),
        ("scripts/report.py", 4)]
    report = json.loads(audit_json.render(inventory.build(result, Config())))
    assert report["call_sites"][0]["evidence"][0]["schedule"] == "weekly Mon 07:00"
