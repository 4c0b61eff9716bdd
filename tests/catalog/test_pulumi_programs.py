"""Pulumi programs in Python, read statically (``catalog/triggers/pulumi.py``): an EventBridge rule
with a schedule targeting a Lambda function or an ECS task, the task's container command or its
image's ``CMD``, GCP functions behind a Cloud Scheduler topic, and the negatives (a rule with an event
pattern, a function nothing invokes, an HTTP function)."""
from __future__ import annotations

from typing import Dict, Set, Tuple

import pytest
from support.fixlib import write_project

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run

PULUMI_YAML = "name: digest\nruntime: python\n"

SUMMARIZE = """import openai


def summarize(text):
    client = openai.OpenAI()
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
"""

HANDLER = """from app.summarize import summarize


def handler(event, context):
    return summarize("today")
"""

LAMBDA_PROGRAM = """import pulumi
import pulumi_aws as aws

role = aws.iam.Role("role", assume_role_policy="{}")
digest = aws.lambda_.Function(
    "digest",
    runtime="python3.12",
    role=role.arn,
    handler="handler.handler",
    code=pulumi.AssetArchive({".": pulumi.FileArchive("../app")}),
)
INVOKER
"""

SCHEDULE = """rule = aws.cloudwatch.EventRule("daily", schedule_expression="cron(0 7 ? * MON-FRI *)")
aws.cloudwatch.EventTarget("daily-target", rule=rule.name, arn=digest.arn)
aws.lambda_.Permission("allow", action="lambda:InvokeFunction", function=digest.name,
                       principal="events.amazonaws.com", source_arn=rule.arn)
"""


def classes(tmp_path, files: Dict[str, str]) -> Set[Tuple[str, str]]:
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    return {(s.resolved.facts.path, s.latency_class) for s in result.sites}


def lambda_project(invoker: str) -> Dict[str, str]:
    return {"infra/Pulumi.yaml": PULUMI_YAML, "infra/__main__.py": LAMBDA_PROGRAM.replace("INVOKER", invoker),
            "app/__init__.py": "", "app/handler.py": HANDLER, "app/summarize.py": SUMMARIZE}


@pytest.mark.parametrize("invoker, expected", [
    (SCHEDULE, "scheduled"),
    ('aws.scheduler.Schedule("s", schedule_expression="rate(1 hour)", flexible_time_window={"mode": "OFF"},\n'
     '                       target=aws.scheduler.ScheduleTargetArgs(arn=digest.arn, role_arn=role.arn))\n', "scheduled"),
    ('pattern = aws.cloudwatch.EventRule("uploads", event_pattern=\'{"source": ["aws.s3"]}\')\n'
     'aws.cloudwatch.EventTarget("t", rule=pattern.name, arn=digest.arn)\n', "near-real-time"),
    ('aws.lambda_.EventSourceMapping("queue", event_source_arn="arn:aws:sqs:x", function_name=digest.arn)\n',
     "near-real-time"),
    ('url = aws.lambda_.FunctionUrl("url", function_name=digest.name, authorization_type="NONE")\n', "real-time"),
    ('aws.lambda_.Permission("api", action="lambda:InvokeFunction", function=digest.name,\n'
     '                       principal="apigateway.amazonaws.com")\n', "real-time"),
    ("", "unknown"),  # a function nothing in the program invokes
    (SCHEDULE.replace('schedule_expression="cron(0 7 ? * MON-FRI *)"', 'schedule_expression="rate(1 day)", state="DISABLED"'),
     "unknown"),
])
def test_what_invokes_a_lambda_function(tmp_path, invoker, expected):
    assert classes(tmp_path, lambda_project(invoker)) == {("app/summarize.py", expected)}


def test_the_schedule_is_in_words(tmp_path):
    result = run([write_project(tmp_path, lambda_project(SCHEDULE))], Config(), root=tmp_path)
    (site,) = result.sites
    notes = " ".join(str(step) for step in site.evidence)
    assert "cron(0 7 ? * MON-FRI *)" in notes and "handler" in notes


ECS_PROGRAM = """import json

import pulumi
import pulumi_aws as aws

repo = aws.ecr.Repository("repo")
cluster = aws.ecs.Cluster("cluster")
task = aws.ecs.TaskDefinition(
    "report-task",
    family="report",
    requires_compatibilities=["FARGATE"],
    container_definitions=repo.repository_url.apply(lambda url: json.dumps([{
        "name": "report",
        "image": f"{url}:latest",
        COMMAND
    }])),
)
weekly = aws.cloudwatch.EventRule("weekly", schedule_expression="cron(0 6 ? * WED *)")
aws.cloudwatch.EventTarget(
    "weekly-target",
    rule=weekly.name,
    arn=cluster.arn,
    ecs_target=aws.cloudwatch.EventTargetEcsTargetArgs(task_definition_arn=task.arn, launch_type="FARGATE"),
)
"""

REPORT = """from app.summarize import summarize

if __name__ == "__main__":
    print(summarize("week"))
"""


@pytest.mark.parametrize("command, dockerfile", [
    ('"command": ["python", "jobs/report.py"],', ""),
    ('"essential": True,', 'FROM python:3.12-slim\nCOPY . /app\nWORKDIR /app\nCMD ["python", "jobs/report.py"]\n'),
])
def test_an_ecs_task_a_rule_runs_runs_its_command_or_its_image(tmp_path, command, dockerfile):
    """A container command the definition gives, else the ``CMD`` of the repository's Dockerfile."""
    files = {"deploy/Pulumi.yaml": PULUMI_YAML, "deploy/__main__.py": ECS_PROGRAM.replace("COMMAND", command),
             "app/__init__.py": "", "app/summarize.py": SUMMARIZE, "jobs/report.py": REPORT}
    if dockerfile:
        files["Dockerfile"] = dockerfile
    assert classes(tmp_path, files) == {("app/summarize.py", "scheduled")}


def test_an_image_the_program_builds_runs_its_dockerfile(tmp_path):
    program = ECS_PROGRAM.replace("COMMAND", '"essential": True,').replace(
        'repo = aws.ecr.Repository("repo")',
        'repo = aws.ecr.Repository("repo")\nimage = awsx.ecr.Image("img", repository_url=repo.repository_url, context="../worker")')
    program = program.replace("import pulumi_aws as aws", "import pulumi_aws as aws\nimport pulumi_awsx as awsx")
    files = {"deploy/Pulumi.yaml": PULUMI_YAML, "deploy/__main__.py": program,
             "worker/Dockerfile": 'FROM python:3.12\nCOPY . .\nCMD ["python", "report.py"]\n',
             "worker/report.py": REPORT.replace("from app.summarize import summarize", "from summarize import summarize"),
             "worker/summarize.py": SUMMARIZE, "Dockerfile": 'FROM python:3.12\nCMD ["python", "other.py"]\n',
             "other.py": "print('hi')\n"}
    assert classes(tmp_path, files) == {("worker/summarize.py", "scheduled")}


GCP_PROGRAM = """import pulumi
import pulumi_gcp as gcp

bucket = gcp.storage.Bucket("src", location="US")
archive = gcp.storage.BucketObject("archive", bucket=bucket.name,
                                   source=pulumi.AssetArchive({".": pulumi.FileArchive("./function")}))
topic = gcp.pubsub.Topic("digest-topic")
fn = gcp.cloudfunctions.Function(
    "digest",
    runtime="python312",
    entry_point="answer",
    source_archive_bucket=bucket.name,
    source_archive_object=archive.name,
    TRIGGER
)
SCHEDULER
"""

GCP_MAIN = """from summarize import summarize


def answer(event, context):
    return summarize("today")
"""


@pytest.mark.parametrize("trigger, scheduler, expected", [
    ("event_trigger=gcp.cloudfunctions.FunctionEventTriggerArgs(\n"
     '        event_type="google.pubsub.topic.publish", resource=topic.id),',
     'gcp.cloudscheduler.Job("daily", schedule="0 7 * * *",\n'
     "                       pubsub_target=gcp.cloudscheduler.JobPubsubTargetArgs(topic_name=topic.id, data=\"e30=\"))",
     "scheduled"),
    ("event_trigger=gcp.cloudfunctions.FunctionEventTriggerArgs(\n"
     '        event_type="google.pubsub.topic.publish", resource=topic.id),', "", "near-real-time"),
    ("trigger_http=True,", "", "real-time"),
    ("trigger_http=True,",
     'gcp.cloudscheduler.Job("daily", schedule="0 7 * * *",\n'
     '                       http_target=gcp.cloudscheduler.JobHttpTargetArgs(uri=fn.https_trigger_url))', "scheduled"),
])
def test_gcp_functions_and_cloud_scheduler(tmp_path, trigger, scheduler, expected):
    """A topic only the program's scheduler publishes to is the schedule; an HTTP function's callers
    are unknown (weak real-time) unless the program's scheduler calls it."""
    files = {"infra/Pulumi.yaml": PULUMI_YAML,
             "infra/__main__.py": GCP_PROGRAM.replace("TRIGGER", trigger).replace("SCHEDULER", scheduler),
             "infra/function/main.py": GCP_MAIN, "infra/function/summarize.py": SUMMARIZE}
    assert classes(tmp_path, files) == {("infra/function/summarize.py", expected)}


IMAGE_PROGRAM = """import pulumi
import pulumi_aws as aws
import pulumi_docker as docker

repo = aws.ecr.Repository("digest")
image = docker.Image("digest-image", image_name=repo.repository_url,
                     build=docker.DockerBuildArgs(context="../lambdas/digest", platform="linux/amd64"))
digest = aws.lambda_.Function("digest", package_type="Image", image_uri=image.image_name, role="arn:aws:iam::1:role/r")
rule = aws.cloudwatch.EventRule("nightly", schedule_expression="rate(1 day)")
aws.cloudwatch.EventTarget("nightly-target", rule=rule, arn=digest.arn)
"""

LAMBDA_DOCKERFILE = """FROM public.ecr.aws/lambda/python:3.12
COPY app.py summarize.py ${LAMBDA_TASK_ROOT}/
CMD ["app.handler"]
"""


def test_a_lambda_image_the_program_builds_runs_its_cmd_handler(tmp_path):
    files = {"infra/Pulumi.yaml": PULUMI_YAML, "infra/__main__.py": IMAGE_PROGRAM,
             "lambdas/digest/Dockerfile": LAMBDA_DOCKERFILE,
             "lambdas/digest/app.py": "from summarize import summarize\n\n\ndef handler(event, context):\n"
                                      "    return summarize('x')\n",
             "lambdas/digest/summarize.py": SUMMARIZE}
    assert classes(tmp_path, files) == {("lambdas/digest/summarize.py", "scheduled")}
