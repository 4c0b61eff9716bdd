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


# ---- review findings: what a doc reader must not do --------------------------------------------
DIGEST = "import openai\n\n\ndef main():\n    openai.OpenAI().chat.completions.create(model='m', messages=[])\n\n\n" \
         "if __name__ == '__main__':\n    main()\n"
CRON_BLOCK = "```cron\n0 3 * * * python digest.py\n```\n"


def _project(tmp_path, files, script="digest.py"):
    for name, data in {script: DIGEST, **files}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    from llm_latency_lint.engine import run

    result = run([tmp_path], root=tmp_path)
    (site,) = result.sites
    return site.latency_class, [(e.path, e.message) for e in result.errors]


@pytest.mark.parametrize("path, kind", [
    ("data/corpus.txt", None), ("data/words.txt", None), ("src/pkg/stopwords.txt", None),
    ("notes.txt", "docs"), ("docs/setup.txt", "docs"), ("scripts/INSTALL.txt", "docs"),
    ("deploy/cron_setup.txt", "docs"), ("ops/README.txt", "docs"),
])
def test_a_text_file_is_a_doc_only_by_its_name_or_place(path, kind):
    found = source_for(path, path.rsplit("/", 1)[-1])
    assert (found.id if found else None) == kind


def test_a_doc_over_its_size_limit_is_skipped_silently_and_data_text_is_not_read(tmp_path):
    padding = "Lorem ipsum dolor sit amet.\n" * (docs.MAX_BYTES // 28 + 10)
    numbered = "".join(f"{i % 9 + 1} 2 3 4 5 6 the quick brown fox\n" for i in range(12000))
    unscheduled = _project(tmp_path / "bare", {})
    assert unscheduled[0] != "scheduled"
    assert _project(tmp_path / "big", {"README.md": CRON_BLOCK + padding, "data/corpus.txt": numbered,
                                       "data/digest.txt": CRON_BLOCK}) == unscheduled
    assert _project(tmp_path / "small", {"README.md": CRON_BLOCK}) == ("scheduled", [])


def test_a_crontab_line_that_runs_nothing_here_is_not_put_in_words(monkeypatch):
    from llm_latency_lint.catalog import schedule_words

    def refuse(expr):
        raise AssertionError(f"described {expr!r} for a line that runs nothing")

    monkeypatch.setattr(schedule_words, "describe_cron", refuse)
    assert docs.parse("notes.txt", "1 2 3 4 5 6 the quick brown fox\n0 0 * * * certbot renew\n") == []


TWO_SERVICES = """# Deploy

## Web server

`/etc/systemd/system/web.service`:

```ini
[Service]
ExecStart=/usr/bin/python3 /opt/app/server.py
Restart=always
```

## Nightly digest

```ini
# /etc/systemd/system/digest.service
[Service]
Type=oneshot
ExecStart=/usr/bin/python3 /opt/app/digest.py
```

```ini
# /etc/systemd/system/digest.timer
[Timer]
OnCalendar=*-*-* 03:00
```
"""


def test_a_documented_timer_runs_only_its_own_service():
    assert shape(docs.parse("README.md", TWO_SERVICES)) == [
        ("scheduled", ["entry", "script:/opt/app/digest.py"], 25, "daily 03:00")]


def test_a_documented_timer_names_its_service_with_unit_or_a_heredoc_file_name():
    heredoc = ("```bash\nsudo tee /etc/systemd/system/web.service <<EOF\n[Service]\nExecStart=python server.py\nEOF\n"
               "cat > ~/.config/systemd/user/report.service <<EOF\n[Service]\nExecStart=python report.py\nEOF\n"
               "cat > ~/.config/systemd/user/report.timer <<EOF\n[Timer]\nOnUnitActiveSec=1h\nEOF\n```\n")
    assert shape(docs.parse("README.md", heredoc)) == [("scheduled", ["entry", "script:report.py"], 12, "hourly")]
    by_unit = TWO_SERVICES.replace("# /etc/systemd/system/digest.timer\n[Timer]\n", "[Timer]\nUnit=digest.service\n")
    assert [t.target for t in docs.parse("README.md", by_unit)] == [["entry", "script:/opt/app/digest.py"]]


def test_a_documented_timer_with_several_services_and_no_names_is_not_paired():
    text = ("```ini\n[Service]\nExecStart=python server.py\n```\n\n```ini\n[Service]\nExecStart=python digest.py\n```\n\n"
            "```ini\n[Timer]\nOnCalendar=daily\n```\n")
    assert docs.parse("README.md", text) == []


@pytest.mark.parametrize("first_line", [
    "# Video transcoding: ffmpeg pipeline\n",  # Python would read "coding: ffmpeg" as an encoding
    "# Encoding: latin-1 notes\n",  # ... and decode the UTF-8 below as Latin-1
])
@pytest.mark.parametrize("path", ["README.md", "deploy/crontab"])
def test_docs_and_other_schedule_files_are_utf8_whatever_their_first_line_says(tmp_path, first_line, path):
    line = "0 3 * * * python tâches/digest.py\n"
    body = f"```cron\n{line}```\n" if path.endswith(".md") else line
    assert _project(tmp_path, {path: first_line + body}, script="tâches/digest.py") == ("scheduled", [])


def test_a_utf16_doc_is_read_by_its_bom(tmp_path):
    from llm_latency_lint.files.read import decode_text

    assert decode_text("# Déploiement\n".encode("utf-16")).text == "# Déploiement\n"
    assert decode_text(b"\xff\xfe# x\n").text is not None  # odd length: replaced, not an error
    assert _project(tmp_path, {"README.md": ("# Bot\n\n" + CRON_BLOCK).encode("utf-16")}) == ("scheduled", [])


@pytest.mark.parametrize("options, words", [
    ("/sc monthly /mo first /d SUN", "monthly first Sun 00:00"),
    ("/sc monthly /mo LASTDAY /st 23:00", "monthly last day 23:00"),
    ("/sc monthly /d 15 /st 06:30", "monthly day 15 06:30"),
    ('/sc weekly /d "MON WED" /st 09:00', "weekly Mon,Wed 09:00"),
    ("/sc weekly /d MON,WED /mo 2", "every 2 weeks Mon,Wed 00:00"),
    ("/sc minute /mo 15", "every 15 minutes"),
    ("/sc daily /st 25:99", None), ("/sc minute /mo 0", None), ("/sc hourly /mo 24", None),
    ("/sc weekly /d FUNDAY", None), ("/sc monthly /mo first", None), ("/sc monthly /d 32", None),
])
def test_schtasks_options_are_put_in_words_only_when_valid(options, words):
    line = f'```bat\nschtasks /create /tn Digest {options} /tr "python C:\\bot\\main.py"\n```\n'
    assert [(t.target, t.schedule) for t in docs.parse("README.md", line)] == [
        (["entry", "script:C:/bot/main.py"], words)]


def test_a_continuation_stops_at_the_end_of_its_block_and_caret_continues_only_in_windows_blocks():
    task = 'schtasks /create /sc daily /st 09:00 /tr "python main.py"'
    across = f"```sh\npip install -r requirements.txt \\\n```\n\n```bat\n{task}\n```\n"
    assert [t.line for t in docs.parse("README.md", across)] == [6]
    caret = f"```text\nThe exponent is written 2^\n{task}\n```\n"
    assert [t.line for t in docs.parse("README.md", caret)] == [3]


@pytest.mark.parametrize("text", [
    "1. Schedule it:\n    add `0 3 * * * python digest.py` to your crontab, then\n    check the log.\n",
    ".. note::\n\n    Put `0 3 * * * python digest.py` in your crontab\n",
])
def test_an_indented_list_item_or_note_is_prose_whose_inline_code_counts(text):
    found = docs.parse("docs/deploy.rst" if ".. " in text else "README.md", text)
    assert [(t.target, t.line) for t in found] == [(["entry", "script:digest.py"], 2 if "1." in text else 3)]


SETTINGS = """## Deploy as a hosted cron job

1. Push to GitHub
2. Create a **Cron Job** (not a web service)
3. Set command: `python ./jobs/nightly.py`
4. Set schedule: `0 6 * * *` (daily)
"""


def test_a_hosted_cron_jobs_listed_settings_schedule_its_command():
    """A dashboard keeps the job (Render, Railway): the doc lists its command and its schedule."""
    found = docs.parse("README.md", SETTINGS)
    assert shape(found) == [("scheduled", ["entry", "script:jobs/nightly.py"], 5, "daily 06:00")]
    assert found[0].note.startswith("README.md documents a cron job's settings: schedule '0 6 * * *'")


@pytest.mark.parametrize("text", [
    SETTINGS.replace("Set schedule", "Set region"),  # no schedule named
    SETTINGS.replace("Set command", "Install it with"),  # no command named
    SETTINGS + "\n" * 8 + "Set schedule: `0 7 * * *`\n",  # a second schedule far away adds nothing
])
def test_settings_need_a_command_and_a_schedule_close_together(text):
    found = [t for t in docs.parse("README.md", text) if t.kind == "scheduled"]
    assert [t.schedule for t in found] in ([], ["daily 06:00"])
    if "Set region" in text or "Install it with" in text:
        assert found == []


def test_a_services_start_command_listed_beside_the_cron_jobs_is_not_scheduled():
    """Each schedule takes its one nearest command: the web service's or worker's start command
    listed above the cron job's is not the job."""
    text = ("# Deploy\n\n- Worker start command: `python worker.py`\n- Cron job command: `python refresh.py`\n"
            "- Cron job schedule: `0 * * * *`\n")
    found = [t for t in docs.parse("README.md", text) if t.kind == "scheduled"]
    assert [(t.target, t.line) for t in found] == [(["entry", "script:refresh.py"], 4)]


CONSOLE_GUIDE = """# Cost report Lambda

### Deploy the code

1. Zip `lambda_function.py` and upload it in the function's **Code** tab.

### Add the trigger

1. In the function's designer click **Add trigger**.
2. Choose **EventBridge (CloudWatch Events)** and create a new rule.
3. **Schedule expression**: `rate(1 day)` or `cron(0 1 * * ? *)` (01:00 UTC daily).
"""


def test_a_console_set_up_lambda_schedule_runs_the_one_files_default_handler():
    """Policy 2 read for a console click-path (round 13's ``Fukuda-FK``): the expression the steps
    set, on ``lambda_handler`` of the one Python file the guide uploads; weak evidence."""
    found = docs.parse("README.md", CONSOLE_GUIDE)
    assert shape(found) == [("scheduled", ["str", "lambda_function.lambda_handler"], 11, "daily")]
    assert found[0].weak and "set up in the Lambda console for lambda_function.py" in found[0].note


@pytest.mark.parametrize("text", [
    CONSOLE_GUIDE.replace("`lambda_function.py`", "`lambda_function.py` (and `helpers.py`)"),  # which file?
    CONSOLE_GUIDE.replace("EventBridge (CloudWatch Events)", "a timer"),  # no EventBridge step before it
    CONSOLE_GUIDE.replace("Lambda", "function").replace("lambda_function.py", "job.py"),  # not about Lambda
    CONSOLE_GUIDE.replace("`rate(1 day)` or `cron(0 1 * * ? *)`", "once a day"),  # prose: no expression
])
def test_a_console_schedule_needs_one_file_an_eventbridge_step_and_an_expression(text):
    assert docs.parse("README.md", text) == []
