"""Schedules a repository documents (label policy 2): crontab lines, systemd timers and scheduler
commands in README/guide code; commands built in a variable; ``docker compose run SERVICE --flags``."""
from __future__ import annotations

from typing import List

import pytest

from llm_latency_lint.catalog.command_lines import entry_keys
from llm_latency_lint.catalog.sources import docs, source_for
from llm_latency_lint.model import Trigger

README = """# Digest bot

Run it once: `python main.py --mode evening --dry-run`

### Schedule with cron

```cron
# Evening digest 21:00 Beijing = 13:00 UTC
0 13 * * * cd /path/to/bot && python main.py --mode evening >> logs/cron.log 2>&1
```

Add these lines to crontab -e and check the log.
"""


def shape(triggers: List[Trigger]):
    return [(t.kind, t.target, t.line, t.schedule) for t in triggers]


def test_a_crontab_line_in_a_fenced_block_schedules_its_command_with_the_doc_as_evidence():
    found = docs.parse("README.md", README)
    assert shape(found) == [("scheduled", ["entry", "script:/path/to/bot/main.py"], 9, "daily 13:00")]
    assert found[0].note == "README.md documents a crontab line '0 13 * * *' runs /path/to/bot/main.py"


@pytest.mark.parametrize("text", [
    "Install it with `@daily python jobs/nightly.py` in your crontab.\n",
    "Example::\n\n    30 6 * * mon-fri python jobs/nightly.py\n",  # an RST literal block
    "    $ (crontab -l; echo \"30 6 * * mon-fri python jobs/nightly.py\") | crontab -\n",
])
def test_inline_code_rst_literal_blocks_and_quoted_install_lines_count(text):
    found = docs.parse("docs/deploy.rst" if "::" in text else "README.md", text)
    assert [t.target for t in found] == [["entry", "script:jobs/nightly.py"]]


@pytest.mark.parametrize("text", [
    "0 13 * * * python main.py\n",  # prose, not code
    "```\n# 0 13 * * * python main.py\n```\n",  # commented out
    "```\nAdd these lines to crontab -e\n```\n",  # five words of prose in a block
    "```\n0 13 * * * certbot renew\n```\n",  # runs nothing of this repository
    "The digest runs daily at 13:00.\n",  # a schedule without its command
])
def test_prose_commented_lines_and_other_tools_are_no_schedule(text):
    assert docs.parse("README.md", text) == []


def test_a_plain_text_file_is_read_whole():
    assert [t.target for t in docs.parse("deploy/cron_setup.txt", "*/15 * * * * python poll.py\n")] == [
        ["entry", "script:poll.py"]]


@pytest.mark.parametrize("path, kind", [
    ("README.md", "docs"), ("docs/deploy.rst", "docs"), ("DEPLOYMENT.markdown", "docs"), ("notes.txt", "docs"),
    ("node_modules/pkg/README.md", None), ("venv/lib/site-packages/x/README.md", None),
    ("vendor/tool/README.md", None), ("tests/fixtures/README.md", None), ("requirements.txt", None),
])
def test_docs_of_vendored_installed_or_test_code_are_not_read(path, kind):
    found = source_for(path, path.rsplit("/", 1)[-1])
    assert (found.id if found else None) == kind


def test_a_documented_systemd_timer_runs_the_services_exec_start():
    text = ("```ini\n[Unit]\nDescription=digest\n\n[Service]\nExecStart=/usr/bin/python3 /opt/bot/digest.py\n```\n\n"
            "```ini\n[Timer]\nOnCalendar=Mon..Fri *-*-* 07:00\n```\n")
    assert shape(docs.parse("README.md", text)) == [
        ("scheduled", ["entry", "script:/opt/bot/digest.py"], 11, "weekdays 07:00")]


def test_a_documented_windows_scheduled_task_runs_its_task_command():
    text = ('```bat\nschtasks /create /tn "Digest" /sc daily /st 09:30 ^\n'
            '  /tr "C:\\Python311\\python.exe C:\\bots\\digest\\main.py"\n```\n')
    assert shape(docs.parse("README.md", text)) == [
        ("scheduled", ["entry", "script:C:/bots/digest/main.py"], 2, "daily 09:30")]


def test_a_documented_eventbridge_rule_runs_the_lambda_handler_the_doc_creates():
    text = ("```bash\naws lambda create-function --function-name digest --handler app.handler.run \\\n"
            "  --runtime python3.12 --zip-file fileb://f.zip\n"
            "aws events put-rule --name daily --schedule-expression \"rate(1 day)\"\n"
            "aws events put-targets --rule daily --targets Id=1,Arn=arn:aws:lambda:eu-west-1:1:function:digest\n```\n")
    found = docs.parse("docs/deploy.md", text)
    assert shape(found) == [("scheduled", ["str", "app.handler.run"], 4, "daily")]


def test_a_documented_cloud_scheduler_job_runs_the_cloud_run_jobs_command():
    text = ("```sh\ngcloud run jobs deploy digest --source . --command python --args jobs/digest.py\n"
            "gcloud scheduler jobs create http digest-daily --schedule \"0 7 * * *\" \\\n"
            "  --uri https://europe-west1-run.googleapis.com/v2/projects/p/locations/l/jobs/digest:run\n```\n")
    assert [(t.target, t.schedule) for t in docs.parse("README.md", text)] == [
        (["entry", "script:jobs/digest.py"], "daily 07:00")]


def test_a_command_built_in_a_variable_runs_what_the_variable_holds():
    step = ('CMD="python crawler.py"\nif [ -n "${{ inputs.days }}" ]; then\n  CMD="$CMD --days ${{ inputs.days }}"\n'
            'fi\necho "Running: $CMD"\n$CMD\n')
    assert entry_keys(step) == ["script:crawler.py"]
    assert entry_keys('RUN="python -m app.digest"\neval "$RUN"') == ["module:app.digest"]
    assert entry_keys('CMD="python crawler.py"\necho "$CMD"') == []  # printed, never run


@pytest.mark.parametrize("command, keys", [
    ("cd /home/pi/bot && /usr/bin/docker compose run --rm digest --mode=ingest", ["compose:digest"]),
    ("docker compose run --rm digest python -m app.other", ["module:app.other"]),
    ("docker-compose run digest", ["compose:digest"]),
])
def test_compose_run_with_only_flags_runs_the_services_own_entrypoint(command, keys):
    assert entry_keys(command) == keys
