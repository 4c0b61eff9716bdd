"""Schedule sources of round 5's misses, each as its scheduler documents it: launchd plists,
Windows Task Scheduler XML, Vercel ``crons``, App Engine ``cron.yaml``, lists of jobs, Cloud
Scheduler HTTP targets in Terraform, and the request a command line makes (``url:`` keys)."""
from __future__ import annotations

import json
import textwrap
from typing import List, Optional, Tuple

import pytest

from llm_latency_lint.catalog.command_lines import entry_keys
from llm_latency_lint.catalog.sources import (
    cron_lists,
    launchd,
    manifests,
    source_for,
    terraform,
    vercel,
    windows_tasks,
)
from llm_latency_lint.model import Trigger


def summary(triggers: List[Trigger]) -> List[Tuple[str, str, int, Optional[str]]]:
    return [(t.kind, str(t.target[1]), t.line, t.schedule) for t in triggers]


def plist(body: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" '
            '"http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n'
            f"<key>Label</key><string>com.example.digest</string>\n{body}</dict>\n</plist>\n")


ARGS = ("<key>ProgramArguments</key>\n<array><string>/usr/bin/env</string><string>python3</string>"
        "<string>/Users/me/proj/scripts/daily_sync.py</string></array>\n")


def test_launchd_calendar_interval_runs_the_program_arguments_daily():
    text = plist(ARGS + "<key>StartCalendarInterval</key>\n<dict><key>Hour</key><integer>6</integer>"
                 "<key>Minute</key><integer>0</integer></dict>\n")
    assert source_for("LaunchAgents/com.example.digest.plist", "com.example.digest.plist") is launchd.SOURCE
    assert summary(launchd.parse("docs/com.example.digest.plist", text)) == [
        ("scheduled", "script:/Users/me/proj/scripts/daily_sync.py", 8, "daily 06:00")]


def test_launchd_calendar_intervals_as_a_list_and_start_interval_in_seconds():
    weekly = plist(ARGS + "<key>StartCalendarInterval</key>\n<array>"
                   "<dict><key>Weekday</key><integer>1</integer><key>Hour</key><integer>7</integer>"
                   "<key>Minute</key><integer>30</integer></dict></array>\n")
    assert [t.schedule for t in launchd.parse("a.plist", weekly)] == ["weekly Mon 07:30"]
    hourly = plist(ARGS + "<key>StartInterval</key>\n<integer>3600</integer>\n")
    assert [(t.kind, t.schedule) for t in launchd.parse("a.plist", hourly)] == [("scheduled", "hourly")]


def test_launchd_program_with_a_path_that_has_spaces_and_a_working_directory():
    text = plist("<key>ProgramArguments</key>\n<array><string>/Users/me/Box Sync/proj/run.sh</string>"
                 "<string>generate</string></array>\n<key>StartInterval</key><integer>600</integer>\n")
    assert [str(t.target[1]) for t in launchd.parse("a.plist", text)] == ["shell:/Users/me/Box Sync/proj/run.sh\tgenerate"]  # with its word (``$1``)
    relative = plist("<key>Program</key><string>venv/bin/python</string>\n<key>ProgramArguments</key>\n"
                     "<array><string>venv/bin/python</string><string>digest.py</string></array>\n"
                     "<key>WorkingDirectory</key><string>jobs</string>\n<key>StartInterval</key><integer>600</integer>\n")
    assert [str(t.target[1]) for t in launchd.parse("a.plist", relative)] == ["script:jobs/digest.py"]


def test_launchd_daemons_are_entry_points_and_watch_paths_are_events():
    daemon = plist(ARGS + "<key>KeepAlive</key><true/>\n<key>RunAtLoad</key><true/>\n")
    [entry] = launchd.parse("a.plist", daemon)
    assert (entry.kind, entry.entry_key) == ("entry", "launchd:com.example.digest")
    watcher = plist(ARGS + "<key>WatchPaths</key><array><string>/Users/me/inbox</string></array>\n")
    assert [t.kind for t in launchd.parse("a.plist", watcher)] == ["near-real-time"]


def test_a_plist_that_is_no_job_adds_nothing():
    info = plist("<key>CFBundleName</key><string>App</string>\n")
    assert launchd.parse("Info.plist", info) == []


TASK = textwrap.dedent("""\
    <?xml version="1.0" encoding="UTF-16"?>
    <Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
      <Triggers>
        {trigger}
      </Triggers>
      <Actions Context="Author">
        <Exec>
          <Command>C:\\Python311\\python.exe</Command>
          <Arguments>C:\\proj\\digest.py --daily</Arguments>
          <WorkingDirectory>C:\\proj</WorkingDirectory>
        </Exec>
      </Actions>
    </Task>
    """)


@pytest.mark.parametrize("trigger, kind, words", [
    ("<CalendarTrigger><StartBoundary>2024-01-01T08:00:00</StartBoundary>"
     "<ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay></CalendarTrigger>", "scheduled", "daily 08:00"),
    ("<CalendarTrigger><StartBoundary>2024-01-01T07:30:00</StartBoundary><ScheduleByWeek><DaysOfWeek><Monday/>"
     "</DaysOfWeek><WeeksInterval>1</WeeksInterval></ScheduleByWeek></CalendarTrigger>", "scheduled", "weekly Mon 07:30"),
    ("<TimeTrigger><Repetition><Interval>PT1H</Interval></Repetition>"
     "<StartBoundary>2024-01-01T00:00:00</StartBoundary></TimeTrigger>", "scheduled", "hourly"),
    ("<EventTrigger><Subscription>x</Subscription></EventTrigger>", "near-real-time", None),
])
def test_windows_task_scheduler_triggers_run_the_exec_action(trigger, kind, words):
    found = windows_tasks.parse("tasks/digest.xml", TASK.replace("{trigger}", trigger))
    assert [(t.kind, str(t.target[1]), t.schedule) for t in found] == [(kind, "script:/proj/digest.py", words)]


def test_windows_logon_tasks_are_entry_points_and_other_xml_adds_nothing():
    [entry] = windows_tasks.parse("tasks/bot.xml", TASK.replace("{trigger}", "<LogonTrigger/>"))
    assert (entry.kind, entry.entry_key) == ("entry", "schtasks:tasks/bot.xml")
    once = "<TimeTrigger><StartBoundary>2024-01-01T00:00:00</StartBoundary></TimeTrigger>"
    assert [t.kind for t in windows_tasks.parse("t.xml", TASK.replace("{trigger}", once))] == ["entry"]
    assert windows_tasks.parse("pom.xml", "<project><modelVersion>4.0.0</modelVersion></project>") == []


@pytest.mark.parametrize("command, keys", [
    ('curl -s -X POST $APP_URL/run-digest -H "x-api-key: $KEY"', ["url:POST {APP_URL}/run-digest"]),
    ("curl -X POST ${{ secrets.APP_URL }}/api/cron/digest", ["url:POST {secrets_APP_URL}/api/cron/digest"]),
    ("curl -d '{}' localhost:8000/api/run", ["url:POST http://localhost:8000/api/run"]),
    ("curl -fsS --retry 3 https://app.onrender.com/tasks/digest", ["url:GET https://app.onrender.com/tasks/digest"]),
    ("wget -q -O - --post-data=x http://web:8000/jobs/refresh", ["url:POST http://web:8000/jobs/refresh"]),
    ("http POST :8000/api/digest", ["url:POST http://localhost:8000/api/digest"]),
    ("Invoke-RestMethod -Uri http://localhost:8000/api/digest -Method Post", ["url:POST http://localhost:8000/api/digest"]),
    ("python -c \"import requests; requests.post('http://web:8000/api/digest')\"",
     ["call:requests.post", "url:POST http://web:8000/api/digest"]),
    ("curl -fsS https://hc-ping.com/0f3a-11", []),  # a dead-man switch
    ("curl -X POST https://api.github.com/repos/o/r/dispatches", []),  # another service's API
    ("curl http://localhost:8000/", []),  # no path to name a route
])
def test_the_request_a_command_line_makes(command, keys):
    assert entry_keys(command) == keys


def test_vercel_crons_send_a_get_to_the_path():
    text = json.dumps({"crons": [{"path": "/api/cron", "schedule": "0 5 * * *"}, {"path": "x", "schedule": "y"}]})
    assert summary(vercel.parse("vercel.json", text)) == [("scheduled", "url:GET /api/cron", 1, "daily 05:00")]


def test_app_engine_cron_yaml_and_its_english_schedules():
    text = textwrap.dedent("""\
        cron:
        - description: "daily summary job"
          url: /tasks/summary
          schedule: every 24 hours
        - description: "monday morning mailout"
          url: /mail/weekly
          schedule: every monday 09:00
          timezone: Australia/NSW
        """)
    assert summary(manifests.parse("cron.yaml", text)) == [
        ("scheduled", "url:GET /tasks/summary", 4, "daily"), ("scheduled", "url:GET /mail/weekly", 7, "weekly Mon 09:00")]
    assert cron_lists.appengine_words("every 5 minutes from 10:00 to 14:00") == "every 5 minutes"
    assert cron_lists.appengine_words("1st monday of month 09:00") == "'1st monday of month 09:00'"


def test_a_list_of_jobs_with_a_cron_schedule_and_a_command():
    text = "jobs:\n  - name: digest\n    schedule: '0 6 * * *'\n    command: python digest.py\n" \
           "  - name: words\n    schedule: daily\n    command: python other.py\n"
    assert summary(manifests.parse("deploy/jobs.yaml", text)) == [("scheduled", "script:digest.py", 3, "daily 06:00")]
    porter = "services:\n- name: web\n  type: web\n  run: uvicorn app:app\n" \
             "- name: cron\n  type: job\n  run: python -m app.digest\n  cronSchedule: '*/30 * * * *'\n"
    assert [str(t.target[1]) for t in manifests.parse("porter.yaml", porter)] == ["module:app.digest"]


def test_broken_yaml_is_read_line_by_line_only_for_job_lists():
    broken = 'crons:\n  - name: d\n    schedule: "5 4 * * *"\n    command: curl -X POST $URL/run -H "k: $V"\n'
    assert summary(manifests.parse("cron.yaml", broken)) == [("scheduled", "url:POST {URL}/run", 3, "daily 04:05")]
    with pytest.raises(Exception):
        manifests.parse("deploy/app.yaml", "kind: CronJob\nspec: [unclosed\n")


def test_terraform_cloud_scheduler_http_targets_name_the_route_they_call():
    text = textwrap.dedent("""\
        resource "google_cloud_scheduler_job" "digest" {
          schedule = "0 7 * * *"
          http_target {
            uri = "${google_cloud_run_v2_service.app.uri}/tasks/digest"
          }
        }

        resource "google_cloud_scheduler_job" "summary" {
          schedule = "0 8 * * *"
          app_engine_http_target {
            http_method  = "GET"
            relative_uri = "/tasks/summary"
          }
        }
        """)
    assert summary(terraform.parse("infra/main.tf", text)) == [
        ("scheduled", "url:POST {host}/tasks/digest", 1, "daily 07:00"),
        ("scheduled", "url:GET {app}/tasks/summary", 8, "daily 08:00")]


def test_a_launchd_job_a_readme_shows_whole_is_a_documented_schedule():
    """Label policy 2: the doc shows the plist to copy to ``~/Library/LaunchAgents``."""
    from llm_latency_lint.catalog.sources import docs

    job = plist(ARGS + "<key>StartCalendarInterval</key>\n<dict><key>Hour</key><integer>7</integer>"
                "<key>Minute</key><integer>0</integer></dict>\n")
    text = f"# Setup\n\nCopy to ~/Library/LaunchAgents:\n\n```xml\n{job}```\n"
    assert summary(docs.parse("README.md", text)) == [
        ("scheduled", "script:/Users/me/proj/scripts/daily_sync.py", 13, "daily 07:00")]
    daemon = f"```xml\n{plist(ARGS + '<key>KeepAlive</key><true/>')}```\n"
    assert docs.parse("README.md", "StartInterval\n" + daemon) == []


@pytest.mark.parametrize("name, read", [
    ("crontab.txt", True), ("crontab.example", True), ("cronjobs", True), ("crontab.prod", True),
    ("cron.py", False), ("cron.yaml", False), ("crontab.sh", False), ("cron.json", False),
])
def test_files_named_for_the_crontab_a_container_installs(name, read):
    source = source_for(f"deploy/{name}", name)
    assert (source is not None and source.id == "crontab") == read


def test_a_command_a_doc_introduces_as_a_heroku_scheduler_job():
    """Heroku Scheduler keeps jobs in its dashboard: the doc's block after "in Heroku Scheduler" is the job."""
    from llm_latency_lint.catalog.sources import docs

    text = ("# Deploy\n\nAdd this job in Heroku Scheduler (every 10 minutes):\n\n```\n"
            "curl -X POST https://myapp.herokuapp.com/tasks/refresh\n```\n\nRun locally:\n\n```\npython digest.py\n```\n")
    assert summary(docs.parse("README.md", text)) == [
        ("scheduled", "url:POST https://myapp.herokuapp.com/tasks/refresh", 6, "every 10 minutes")]


JOB = ("<key>ProgramArguments</key><array><string>python</string><string>job.py</string></array>"
       "<key>StartInterval</key><integer>3600</integer>")


def test_a_big_xml_or_plist_is_data_and_a_broken_one_is_not_a_job(tmp_path):
    """Every ``.xml`` / ``.plist`` may be a task or a job: one over the source's size limit is
    skipped silently, and one that does not parse is "not a job", not a file that could not be checked."""
    from llm_latency_lint.engine import run
    from llm_latency_lint.files.read import MAX_BYTES as MAX_FILE_BYTES

    assert windows_tasks.SOURCE.max_bytes is not None and launchd.SOURCE.max_bytes is not None
    (tmp_path / "data.xml").write_text("<rows>" + "<r>x</r>" * (MAX_FILE_BYTES // 8 + 10) + "</rows>")
    (tmp_path / "big.plist").write_text(plist(JOB + "<key>Pad</key><string>" + "x" * launchd.SOURCE.max_bytes
                                              + "</string>"))
    (tmp_path / "bad.plist").write_text('<?xml version="1.0"?><plist><dict><key>ProgramArguments</key><array>')
    (tmp_path / "bad.xml").write_text(f'<Task xmlns="{windows_tasks.NAMESPACE}"><Actions>')
    (tmp_path / "job.py").write_text("import openai\nopenai.OpenAI().chat.completions.create(model='m', messages=[])\n")
    result = run([tmp_path])
    assert [(e.path, e.message) for e in result.errors] == []
    assert [site.latency_class for site in result.sites] == ["real-time"]  # the big plist's job is not read
    (tmp_path / "big.plist").write_text(plist(JOB))
    assert [site.latency_class for site in run([tmp_path]).sites] == ["scheduled"]
