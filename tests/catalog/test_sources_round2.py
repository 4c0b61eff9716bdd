"""Entry points of labelling round 2: Kestra, Lambda (Serverless, SAM), Render, Cloud Scheduler,
CI checks on pull requests, chat webhooks, telebot next-step handlers, django-celery-beat rows."""
from __future__ import annotations

import json
import textwrap
from typing import List

import pytest

from llm_latency_lint.catalog import schedule_words
from llm_latency_lint.catalog.sources import (
    github_actions,
    manifests,
    shell,
    source_for,
    terraform,
    zappa,
)
from llm_latency_lint.catalog.triggers.http_common import route_trigger
from llm_latency_lint.facts.visitor import extract
from llm_latency_lint.model import Trigger


def shape(triggers: List[Trigger]):
    return [(t.kind, t.target[1], t.line, t.schedule) for t in triggers]


@pytest.mark.parametrize("path", ["kestra-workflow.yaml", "flows/brief.yml", "serverless.yml", "sam/template.yaml",
                                  "render.yaml", "deploy/k8s/jobs.yaml"])
def test_generic_yaml_files_go_to_the_manifest_source(path):
    found = source_for(path, path.rsplit("/", 1)[-1])
    assert found is not None and found.id == "manifest"


KESTRA = textwrap.dedent("""\
    id: brief
    namespace: team.news
    tasks:
      - id: wd
        type: io.kestra.plugin.core.flow.WorkingDirectory
        tasks:
          - id: run
            type: io.kestra.plugin.scripts.python.Commands
            commands:
              - pip install -r requirements.txt
              - python agent.py --out x.txt
          - id: inline
            type: io.kestra.plugin.scripts.python.Script
            script: print("not a file of the repository")
    errors:
      - id: on-failure
        type: io.kestra.plugin.scripts.shell.Commands
        commands: ["python alert.py"]
    triggers:
      - id: mwf
        type: io.kestra.plugin.core.trigger.Schedule
        cron: "0 7 * * 1,3,5"
        timezone: America/Sao_Paulo
      - id: off
        type: io.kestra.plugin.core.trigger.Schedule
        cron: "@hourly"
        disabled: true
      - id: after
        type: io.kestra.plugin.core.trigger.Flow
    """)


def test_kestra_flow_schedule_and_flow_triggers_run_its_commands():
    assert shape(manifests.parse("kestra-workflow.yaml", KESTRA)) == [
        ("scheduled", "script:agent.py", 22, "weekly Mon,Wed,Fri 07:00"),
        ("near-real-time", "script:agent.py", 29, None),
    ]
    assert manifests.parse("flow.yaml", KESTRA.split("triggers:")[0]) == []  # run by hand: no trigger


SERVERLESS = textwrap.dedent("""\
    service: demo
    provider:
      name: aws
    functions:
      summarize:
        handler: src/handlers/upload.summarize
        provisionedConcurrency: 2
        concurrencyAutoscaling:
          scheduledActions:
            - name: busy
              schedule: "rate(1 hour)"
        events:
          - s3:
              bucket: files
          - sqs: arn:aws:sqs:x
      ask:
        handler: api.ask
        events:
          - httpApi: POST /ask
      nightly:
        handler: jobs.nightly
        events:
          - schedule: cron(0 2 * * ? *)
          - schedule:
              rate: rate(10 minutes)
              enabled: false
    """)


def test_serverless_functions_take_their_events_class():
    found = shape(manifests.parse("backend/serverless.yml", SERVERLESS))
    assert found == [
        ("near-real-time", "backend.src.handlers.upload.summarize", 13, None),
        ("near-real-time", "backend.src.handlers.upload.summarize", 15, None),
        ("real-time", "backend.api.ask", 19, None),
        ("scheduled", "backend.jobs.nightly", 23, "daily 02:00"),
    ]  # the autoscaling rate(1 hour) rescales capacity and starts nothing; a disabled schedule is none


def test_sam_functions_join_code_uri_and_handler():
    text = textwrap.dedent("""\
        Transform: AWS::Serverless-2016-10-31
        Globals:
          Function:
            Handler: app.handler
        Resources:
          Weekly:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: functions/weekly/
              Events:
                Tick:
                  Type: Schedule
                  Properties:
                    Schedule: cron(0 6 ? * MON *)
                Api:
                  Type: Api
                  Properties: {Path: /run, Method: post}
          Bucket:
            Type: AWS::S3::Bucket
        """)
    assert shape(manifests.parse("infra/template.yaml", text)) == [
        ("scheduled", "infra.functions.weekly.app.handler", 11, "weekly Mon 06:00"),
        ("real-time", "infra.functions.weekly.app.handler", 15, None),
    ]


@pytest.mark.parametrize("expr, words", [
    ("rate(1 hour)", "hourly"), ("rate(15 minutes)", "every 15 minutes"), ("cron(0 7 ? * 2-6 *)", "weekdays 07:00"),
    ("cron(0 7 L * ? *)", None), ("at(2025-01-01T00:00:00)", None),
])
def test_aws_schedule_expressions_in_words(expr, words):
    assert schedule_words.aws_schedule_words(expr) == words


def test_render_cron_services():
    text = textwrap.dedent("""\
        services:
          - type: web
            startCommand: gunicorn app:app
          - type: cron
            name: digest
            rootDir: worker
            schedule: "*/30 * * * *"
            startCommand: python -m jobs.digest
        """)
    assert shape(manifests.parse("render.yaml", text)) == [("scheduled", "module:jobs.digest", 7, "every 30 minutes")]


def scheduled(triggers: List[Trigger]):
    return [t for t in shape(triggers) if t[0] != "entry"]


def test_cloud_scheduler_runs_the_cloud_run_job_image():
    text = textwrap.dedent("""\
        gcloud scheduler jobs create http digest-trigger \\
          --schedule "0 6 * * 1" \\
          --uri "https://europe-west1-run.googleapis.com/apis/run.googleapis.com/v1/namespaces/p/jobs/digest:run"
        """)
    assert scheduled(shell.parse("deploy/schedule.sh", text)) == [("scheduled", "docker:Dockerfile", 1, "weekly Mon 06:00")]
    with_command = "gcloud run jobs deploy digest --image x --command python --args=-m,app.digest\n" + text
    assert scheduled(shell.parse("deploy/schedule.sh", with_command)) == [
        ("scheduled", "module:app.digest", 2, "weekly Mon 06:00")]
    from_source = "$GCLOUD run jobs deploy digest --source worker\n" + text.replace('"0 6 * * 1"', '"$CRON"')
    assert scheduled(shell.parse("deploy/schedule.sh", from_source)) == [("scheduled", "docker:worker/Dockerfile", 2, None)]


def test_cloud_scheduler_calling_a_url_names_the_route_it_calls():
    """Not a Cloud Run job: the URL may be the project's own route (``project/route_entries.py``)."""
    text = 'gcloud scheduler jobs create http x --schedule "0 6 * * *" --uri https://svc-abc.a.run.app/digest\n'
    assert scheduled(shell.parse("deploy/schedule.sh", text)) == [
        ("scheduled", "url:POST https://svc-abc.a.run.app/digest", 1, "daily 06:00")]
    monitor = text.replace("svc-abc.a.run.app/digest", "hc-ping.com/abc")
    assert scheduled(shell.parse("deploy/schedule.sh", monitor)) == []


PR_CHECK = textwrap.dedent("""\
    on:
      pull_request:
    {permissions}jobs:
      t:
        runs-on: ubuntu-latest
        steps:
          - run: python -m app.review
    """)


@pytest.mark.parametrize("permissions, weak", [
    ("", True),
    ("permissions:\n  pull-requests: write\n", False),
])
def test_a_pull_request_run_that_cannot_answer_is_a_weak_ci_check(permissions, weak):
    (trigger,) = [t for t in github_actions.parse(".github/workflows/x.yml", PR_CHECK.format(permissions=permissions))
                  if not str(t.target[1]).startswith(github_actions.DONE)]
    assert (trigger.kind, trigger.weak) == ("near-real-time", weak)


@pytest.mark.parametrize("path, handler, kind", [
    ("/telegram/webhook", "hook", "real-time"),
    ("/webhook", "telegram_webhook", "real-time"),
    ("/bot/webhook", "hook", "real-time"),
    ("/stripe/webhook", "stripe_webhook", "near-real-time"),
    ("/webhooks/github", "on_push", "near-real-time"),
])
def test_a_messengers_webhook_is_real_time(path, handler, kind):
    trigger = route_trigger(label="FastAPI", source="fastapi-route", target=["name", f"m.{handler}"], line=1, path=path)
    assert trigger.kind == kind


def test_telebot_next_step_handler_defined_later_in_the_main_block():
    text = textwrap.dedent("""\
        import telebot

        if __name__ == "__main__":
            bot = telebot.TeleBot("t")

            @bot.message_handler(commands=["chat"])
            def chat(message):
                bot.register_next_step_handler(message, answer, "extra")

            def answer(message, extra):
                pass
        """)
    found = [(t.kind, t.target) for t in extract(text, "bot.py", "bot").triggers if t.source == "telebot-handler"]
    assert found == [("real-time", ["name", "bot.__main__.chat"]), ("real-time", ["name", "bot.__main__.answer"])]


def test_django_celery_beat_rows_schedule_their_task():
    text = textwrap.dedent("""\
        from django_celery_beat.models import IntervalSchedule, PeriodicTask

        def enable(user):
            every, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.HOURS)
            PeriodicTask.objects.update_or_create(name=f"{user}", defaults={"task": "app.tasks.poll", "interval": every})
            PeriodicTask(name="x", task="app.tasks.other", crontab=None).save()

        def schedule(name, task_name: str):
            PeriodicTask.objects.create(name=name, task=task_name)

        class Other:
            objects = None

        def unrelated():
            Other.objects.create(task="app.tasks.nothing")
        """)
    found = [(t.target, t.note.split(" stored")[0]) for t in extract(text, "app/sched.py", "app.sched").triggers
             if t.source == "celery-beat-db"]
    assert found == [
        (["str", "app.tasks.poll"], "django-celery-beat PeriodicTask (interval=)"),
        (["str", "app.tasks.other"], "django-celery-beat PeriodicTask (crontab=)"),
        (["param", "app.sched.schedule", "task_name", 1], "django-celery-beat PeriodicTask"),
    ]


def test_apscheduler_trigger_in_a_local_has_no_words():
    text = textwrap.dedent("""\
        from apscheduler.schedulers.asyncio import AsyncIOScheduler
        from apscheduler.triggers.cron import CronTrigger

        scheduler = AsyncIOScheduler()

        def add(job, parts):
            trigger = CronTrigger(minute=parts[0], hour=parts[1])
            scheduler.add_job(job, trigger=trigger)
        """)
    (trigger,) = [t for t in extract(text, "s.py", "s").triggers if t.source == "apscheduler"]
    assert (trigger.kind, trigger.schedule) == ("scheduled", None)


def test_openshift_template_cronjob_with_parameter_defaults():
    text = textwrap.dedent("""\
        apiVersion: template.openshift.io/v1
        kind: Template
        parameters:
          - name: SCHEDULE
            value: "*/5 * * * *"
        objects:
          - kind: CronJob
            spec:
              suspend: ${{SUSPEND}}
              schedule: ${SCHEDULE}
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers:
                        - command: ["python", "summarizer.py", "worker"]
        """)
    assert shape(manifests.parse("deploy/template.yaml", text)) == [
        ("scheduled", "script:summarizer.py", 10, "every 5 minutes")]


def test_serverless_eventbridge_schedule_is_a_schedule_and_a_pattern_an_event():
    text = textwrap.dedent("""\
        provider: {name: aws}
        functions:
          tick:
            handler: jobs.tick
            events:
              - eventBridge:
                  schedule: rate(2 hours)
              - eventBridge:
                  pattern: {source: [aws.s3]}
        """)
    assert [(k, t, w) for k, t, _, w in shape(manifests.parse("serverless.yml", text))] == [
        ("scheduled", "jobs.tick", "every 2 hours"), ("near-real-time", "jobs.tick", None)]


def test_zappa_events_json_and_yaml():
    settings = {"prod": {"app_function": "app.app", "aws_region": "us-east-1", "events": [
        {"function": "tasks.digest", "expression": "cron(0 7 ? * MON *)"},
        {"function": "tasks.ingest", "event_source": {"arn": "arn:aws:s3:::uploads", "events": ["s3:ObjectCreated:*"]}},
    ]}}
    text = json.dumps(settings, indent=2)
    expected = [("scheduled", "api.tasks.digest", "weekly Mon 07:00"), ("near-real-time", "api.tasks.ingest", None)]
    assert source_for("api/zappa_settings.json", "zappa_settings.json").id == "zappa"
    assert [(k, t, w) for k, t, _, w in shape(zappa.parse("api/zappa_settings.json", text))] == expected
    yaml_text = "prod:\n  app_function: app.app\n  aws_region: us-east-1\n  events:\n" \
                "    - function: tasks.digest\n      expression: cron(0 7 ? * MON *)\n"
    assert [(k, t, w) for k, t, _, w in shape(manifests.parse("api/zappa_settings.yml", yaml_text))] == expected[:1]


def test_chalice_schedules_and_events():
    text = textwrap.dedent("""\
        from chalice import Chalice, Cron, Rate

        app = Chalice(app_name="x")

        @app.schedule(Rate(1, unit=Rate.HOURS))
        def refresh(event):
            pass

        @app.schedule(Cron(0, 7, "?", "*", "MON-FRI", "*"))
        def brief(event):
            pass

        @app.schedule("rate(5 minutes)")
        def poll(event):
            pass

        @app.on_sqs_message(queue="jobs")
        def work(event):
            pass
        """)
    found = [(t.kind, t.target[1], t.schedule) for t in extract(text, "app.py", "app").triggers if t.source == "chalice"]
    assert found == [("scheduled", "app.refresh", "hourly"), ("scheduled", "app.brief", "weekdays 07:00"),
                     ("scheduled", "app.poll", "every 5 minutes"), ("near-real-time", "app.work", None)]


def test_cloudformation_rules_target_functions_of_the_template():
    text = textwrap.dedent("""\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Digest:
            Type: AWS::Lambda::Function
            Properties:
              Handler: digest.handler
              Runtime: python3.12
          Nightly:
            Type: AWS::Events::Rule
            Properties:
              ScheduleExpression: cron(30 2 * * ? *)
              Targets:
                - Arn: !GetAtt Digest.Arn
                  Id: digest
          OnUpload:
            Type: AWS::Events::Rule
            Properties:
              EventPattern: {source: [aws.s3]}
              Targets:
                - Arn: {"Fn::GetAtt": [Digest, Arn]}
                  Id: upload
          Other:
            Type: AWS::Events::Rule
            Properties:
              ScheduleExpression: rate(1 hour)
              Targets: [{Arn: arn:aws:lambda:elsewhere, Id: x}]
        """)
    assert [(k, t, w) for k, t, _, w in shape(manifests.parse("cfn/stack.yaml", text))] == [
        ("scheduled", "cfn.digest.handler", "daily 02:30"), ("near-real-time", "cfn.digest.handler", None)]


TERRAFORM = """\
data "archive_file" "digest" {
  type        = "zip"
  source_dir  = "${path.module}/../lambdas"
  output_path = "digest.zip"
}

resource "aws_lambda_function" "digest" {
  function_name = "digest"
  filename      = data.archive_file.digest.output_path
  handler       = "digest.handler"
  runtime       = "python3.12"
}

resource "aws_cloudwatch_event_rule" "nightly" {
  schedule_expression = "cron(0 3 * * ? *)"
}

resource "aws_cloudwatch_event_target" "nightly" {
  rule = aws_cloudwatch_event_rule.nightly.name
  arn  = aws_lambda_function.digest.arn
}

resource "aws_lambda_event_source_mapping" "jobs" {
  event_source_arn = aws_sqs_queue.jobs.arn
  function_name    = aws_lambda_function.digest.arn
}

resource "google_cloud_run_v2_job" "report" {
  name = "report"
  template {
    template {
      containers {
        image   = "gcr.io/p/report"
        command = ["python"]
        args    = ["-m", "app.report"]
      }
    }
  }
}

resource "google_cloud_scheduler_job" "report" {
  schedule = "0 6 * * 1"
  http_target {
    uri = "https://run.googleapis.com/v2/projects/p/locations/r/jobs/${google_cloud_run_v2_job.report.name}:run"
  }
}
"""


def test_terraform_schedules_for_lambda_functions_and_cloud_run_jobs():
    triggers = terraform.parse("infra/main.tf", TERRAFORM)
    assert [(t.target, t.entry_key) for t in triggers if t.kind == "entry"] == [
        (["entry", "terraform-folder:lambdas"], "terraform:infra/data.archive_file.digest"),  # the folder it packs
        (["str", "lambdas.digest.handler"], "terraform:infra/aws_lambda_function.digest"),  # for the module's other files
        (["str", "lambdas.digest.handler"], "lambda:digest"),  # for code invoking it by name
        (["str", "lambdas.digest.handler"], "terraform-sqs:infra/jobs")]  # the consumer of the queue it maps
    found = [(k, t, w) for k, t, _, w in shape([t for t in triggers if t.kind != "entry"])]
    assert found == [
        ("scheduled", "module:app.report", "weekly Mon 06:00"),
        ("scheduled", "lambdas.digest.handler", "daily 03:00"),
        ("near-real-time", "lambdas.digest.handler", None),
    ]
