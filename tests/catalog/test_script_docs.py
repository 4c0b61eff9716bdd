"""Schedules a script documents about itself, console scripts in command lines, documented shell
wrappers and ``workflow_run`` chains: the sources' side (the project's side is in
``tests/project/test_schedule_reach.py``)."""
from __future__ import annotations

import textwrap

import pytest

from llm_latency_lint.catalog.command_lines import documented_keys, entry_keys
from llm_latency_lint.catalog.sources import docs, github_actions, script_docs, shell


def _shape(triggers):
    return sorted((t.kind, t.target[1], t.line, t.schedule, t.entry_key) for t in triggers)


@pytest.mark.parametrize("head, line, schedule", [
    ('"""Cron-friendly script to sync Airtable -> Weaviate on a schedule."""\n', 1, None),
    ('"""\nSync and report.\nThis script should be run on a schedule (e.g., daily) by a cron job.\n"""\n', 3, "daily"),
    ("#!/usr/bin/env python3\n# Runs nightly via cron on the reporting box.\n", 2, "daily"),
    ("'''Designed to be executed via crontab every morning.'''\n", 1, None),
    ('"""Digest sender.\n\nRun by a systemd timer (see deploy/digest.timer)."""\n', 3, None),
    ('"""Scheduled with Windows Task Scheduler at 7:00."""\n', 1, None),
    ('"""Meant to be triggered by Cloud Scheduler every hour."""\n', 1, "hourly"),
    ('# -*- coding: utf-8 -*-\n"""Cron job script: weekly newsletter."""\n', 2, "weekly"),
    ('"""Digest bot - runs daily via cron on the Pi."""\n', 1, "daily"),  # after a title
    ('"""Feed poller.\n\nIt is meant to be invoked by a systemd timer."""\n', 3, None),
])
def test_a_head_saying_a_scheduler_runs_this_script_schedules_the_script(head, line, schedule):
    source = head + "import os\n\nif __name__ == '__main__':\n    print(os.getcwd())\n"
    assert _shape(script_docs.triggers("jobs/sync.py", source)) == [
        ("scheduled", "script:jobs/sync.py", line, schedule, None)]


@pytest.mark.parametrize("head", [
    '"""Install or remove the 8 AM daily cron job.\n\nUsage:\n    python scheduler.py --remove\n"""\n',
    '"""Unlike the nightly cron job, this script is started by hand."""\n',
    '"""Sends the digest now instead of waiting for the cron job."""\n',
    '"""This module is not run by cron."""\n',
    '"""Helpers that talk to the scheduler API."""\n',
    '"""Dashboard for the jobs run by the scheduler."""\n',  # about other code, not this file
    '"""A Streamlit page listing reports\nrun by the nightly cron job."""\n',  # a wrapped line is no new sentence
    'import os\n# Runs nightly via cron.\n',  # a comment after the first code: not the head
    '"""Summaries."""\nimport os\n\ndef job():\n    """Runs nightly via cron."""\n',  # a function's docstring
])
def test_heads_that_do_not_say_this_script_is_scheduled(head):
    assert script_docs.triggers("sync.py", head + "\nprint(1)\n") == []


@pytest.mark.parametrize("head, target, schedule", [
    ('"""Nightly digest.\n\nCrontab:\n    0 7 * * 1-5 cd /opt/app && python send_digest.py\n"""\n',
     "script:/opt/app/send_digest.py", "weekdays 07:00"),
    ("# Run via cron: 0 2 * * * /usr/bin/python3 /srv/nightly.py >> /var/log/n.log 2>&1\n",
     "script:/srv/nightly.py", "daily 02:00"),
    ('"""Add to crontab: `*/30 * * * * uv run poll-feeds`"""\n', "console:poll-feeds", "every 30 minutes"),
])
def test_a_crontab_line_in_the_head_schedules_its_command(head, target, schedule):
    found = [t for t in script_docs.triggers("x.py", head) if t.target[1] == target]
    assert [(t.kind, t.schedule) for t in found] == [("scheduled", schedule)]


def test_scheduler_commands_in_a_docstring_are_read_as_in_a_doc():
    head = ('"""Windows: schtasks /create /sc daily /st 07:00 /tn digest /tr "python C:\\\\bot\\\\digest.py"\n'
            '"""\n')
    (trigger,) = [t for t in script_docs.triggers("digest.py", head) if t.target[1].endswith("digest.py")]
    assert (trigger.kind, trigger.schedule) == ("scheduled", "daily 07:00")


def test_a_certbot_line_in_a_head_runs_nothing_of_the_project():
    assert script_docs.triggers("x.py", "# 0 3 * * * certbot renew\nprint(1)\n") == []


def test_a_shell_script_head_documents_its_own_crontab_line():
    text = textwrap.dedent("""\
        #!/usr/bin/env bash
        # Add something like this to your crontab (daily at 9am):
        # 0 9 * * * /path/to/repo/scripts/run_daily.sh >> /path/to/repo/cron.log 2>&1
        set -euo pipefail
        python -m app.scraper
        """)
    found = shell.parse("scripts/run_daily.sh", text)
    assert ("scheduled", "shell:/path/to/repo/scripts/run_daily.sh", 3, "daily 09:00", None) in _shape(found)
    assert ("entry", "module:app.scraper", 5, None, "shell:scripts/run_daily.sh") in _shape(found)


def test_a_shell_script_saying_cron_runs_it_schedules_itself():
    text = "#!/bin/sh\n# This script is run by cron every hour.\npython digest.py\n"
    assert ("scheduled", "shell:bin/digest.sh", 2, "hourly", None) in _shape(shell.parse("bin/digest.sh", text))


@pytest.mark.parametrize("comment, scheduled", [
    ("For running on the web server system from cron", True),  # round 6's jmwanderer/openai run.sh
    ("Meant for running via crontab on the Pi", True),
    ("Used by cron on the server", True),
    ("For use in the scheduler UI", False),  # about other code
    ("For running tests without cron", False),
])
def test_a_wrapper_scripts_purpose_line_naming_cron_schedules_it(comment, scheduled):
    text = f"#!/bin/bash\n# {comment}\ncd /home/ubuntu/app\npython3 genthought.py /var/www/html\n"
    found = [t for t in shell.parse("gen/run.sh", text) if t.kind == "scheduled"]
    assert [(t.target[1], t.line) for t in found] == ([("shell:gen/run.sh", 2)] if scheduled else [])


@pytest.mark.parametrize("command, keys", [
    ("uv run erp phase1 run --limit 1000", ["console:erp phase1 run"]),  # with the words of its subcommand
    ("poetry run digest-bot --once", ["console:digest-bot"]),
    ("/srv/app/.venv/bin/erp digest", ["console:erp digest"]),
    ("cd /srv/app && venv/bin/summarize", ["console:summarize"]),
    ("erp phase2 run", ["console:erp phase2 run"]),  # a CI step after ``pip install .``
    ("poetry run mytool ingest data/x.csv a b", ["console:mytool ingest"]),  # a path is no subcommand
    ("echo done", []),
    ("curl -fsS https://hc-ping.com/x", []),
    ("git push", []),
    ("scripts/tool", []),  # a path that is no bin folder: not a console script
    # shell wrappers: activating a virtualenv runs nothing, what follows does
    (". venv/bin/activate; python -m app.digest", ["module:app.digest"]),
    ("source /srv/app/.venv/bin/activate && cd /srv/app && python jobs/sync.py", ["script:/srv/app/jobs/sync.py"]),
])
def test_console_scripts_in_command_lines(command, keys):
    assert entry_keys(command) == keys


def test_a_doc_counts_a_bare_name_only_through_a_runner_or_a_bin_folder():
    assert documented_keys("mytool digest") == []
    assert documented_keys("uv run mytool digest") == ["console:mytool digest"]
    assert documented_keys("/home/me/.venv/bin/mytool digest") == ["console:mytool digest"]


WRAPPER_DOC = textwrap.dedent("""\
    # Scheduling

    Create `~/bin/run_summary.sh` with the following contents:

    ```bash
    #!/bin/zsh
    source /Users/me/repo/.venv/bin/activate
    cd /Users/me/repo
    python scripts/summary.py >> ~/Library/Logs/summary.log 2>&1
    ```

    Make it executable:

    ```bash
    chmod +x ~/bin/run_summary.sh
    ```

    ```cron
    */15 * * * * /Users/me/bin/run_summary.sh
    ```
    """)


def test_a_documented_wrapper_is_an_entry_point_the_documented_crontab_reaches():
    found = _shape(docs.parse("docs/scheduling.md", WRAPPER_DOC))
    assert ("scheduled", "shell:/Users/me/bin/run_summary.sh", 19, "every 15 minutes", None) in found
    assert ("entry", "script:scripts/summary.py", 9, None, "shell:bin/run_summary.sh") in found
    assert not [t for t in found if t[4] and "chmod" in str(t)]  # the chmod block runs the wrapper, it is not it


def test_a_heredoc_in_a_doc_writes_a_wrapper():
    text = textwrap.dedent("""\
        ```bash
        cat > run_digest.sh <<'EOF'
        cd /opt/bot && python -m bot.digest
        EOF
        echo "0 8 * * * /opt/bot/run_digest.sh" | crontab -
        ```
        """)
    found = _shape(docs.parse("README.md", text))
    assert ("entry", "module:bot.digest", 3, None, "shell:run_digest.sh") in found
    assert ("scheduled", "shell:/opt/bot/run_digest.sh", 5, "daily 08:00", None) in found


def test_a_block_with_two_script_names_before_it_is_no_wrapper():
    text = "Create `a.sh` or `b.sh` with the following contents:\n\n```bash\npython x.py\n```\n"
    assert [t for t in docs.parse("README.md", text) if t.kind == "entry"] == []


def _workflow(name: str, on: str, run: str) -> str:
    named = f"name: {name}\n" if name else ""
    return f"{named}on:\n{on}jobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - run: {run}\n"


def test_a_workflow_run_chain_inherits_the_upstream_trigger():
    upstream = github_actions.parse(".github/workflows/ingest.yml", _workflow(
        "ingest", "  schedule:\n    - cron: '0 */6 * * *'\n", "python ingest.py"))
    assert ("scheduled", "workflow-done:ingest", 4, "every 6 hours", None) in _shape(upstream)
    chained = github_actions.parse(".github/workflows/label.yml", _workflow(
        "label", "  workflow_run:\n    workflows: [ingest]\n    types: [completed]\n", "uv run erp label"))
    shape = _shape(chained)
    assert ("entry", "console:erp label", 3, None, "workflow-done:ingest") in shape
    assert ("entry", "workflow-done:label", 3, None, "workflow-done:ingest") in shape  # the next hop
    assert [t.weak for t in chained if t.kind == "near-real-time"] == [True, True]  # its own event stays weak


def test_a_workflow_without_a_name_is_chained_by_its_path():
    upstream = github_actions.parse(".github/workflows/nightly.yml", _workflow(
        "", "  schedule:\n    - cron: '0 2 * * *'\n", "python a.py"))
    assert "workflow-done:.github/workflows/nightly.yml" in [t.target[1] for t in upstream]


def test_setup_cfg_console_scripts_are_entry_points():
    from llm_latency_lint.catalog.sources import pyproject

    text = ("[metadata]\nname = erp\n\n[options.entry_points]\nconsole_scripts =\n    erp = erp.cli.main:app\n"
            "    erp-admin = erp.admin:main [extra]\ngui_scripts =\n    erpw = erp.gui:main\n")
    assert _shape(pyproject.parse("setup.cfg", text)) == [
        ("entry", "erp.admin:main", 7, None, "console:erp-admin"), ("entry", "erp.cli.main:app", 6, None, "console:erp")]
