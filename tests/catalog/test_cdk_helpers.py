"""A Python CDK stack that spreads its pieces over helper methods (issue 15, round 16's
bits-bytes-nn/tech-digest): the function a helper returns, a rule target handed to the helper that
builds the rule (called before that helper's definition), an asset folder written from the stack
file's place (``Path(__file__).parent.parent / "app"``), and a rule that starts an AWS Batch job or
an ECS task whose container runs ``python main.py`` in the image built from the app's folder."""
from __future__ import annotations

import time
from typing import Dict, Set, Tuple

import pytest
from support.fixlib import write_project

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run

HEAD = """from pathlib import Path

from aws_cdk import Stack
from aws_cdk import aws_batch as batch
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_events as events
from aws_cdk import aws_lambda as lambda_
from aws_cdk.aws_ecr_assets import DockerImageAsset
from aws_cdk.aws_events_targets import BatchJob, EcsTask, LambdaFunction

APP = str(Path(__file__).parent.parent / "app")


class DigestStack(Stack):
    def __init__(self, scope, construct_id, mode, cron):
        super().__init__(scope, construct_id)
        if mode == "lambda":
            self._setup_lambda(cron)
        else:
            self._setup_batch(cron)

"""

LAMBDA = """    def _setup_lambda(self, cron):
        function = self._create_function()
        self._create_rule(cron, target=LambdaFunction(function))

    def _create_function(self):
        return lambda_.DockerImageFunction(
            self, "Fn",
            code=lambda_.DockerImageCode.from_image_asset(
                directory=str(Path(__file__).parent.parent / "app"), file="Dockerfile-lambda"))

"""

BATCH = """    def _setup_batch(self, cron):
        job = self._create_job()
        target = BatchJob(job_queue_arn="arn", job_queue_scope=self, job_definition_arn=job.job_definition_arn,
                          job_definition_scope=job)
        self._create_rule(cron, target)

    def _create_job(self):
        image = DockerImageAsset(self, "Image", directory=APP_DIR, file="Dockerfile-batch")
        container = batch.EcsEc2ContainerDefinition(
            self, "Container", image=ecs.ContainerImage.from_docker_image_asset(image), cpu=1, memory=None,
            command=["python", "main.py", "--end-date", "Ref::end_date"])
        return batch.EcsJobDefinition(self, "Job", container=container)

"""

ECS = """    def _setup_batch(self, cron):
        task = ecs.FargateTaskDefinition(self, "Task")
        task.add_container("app", image=ecs.ContainerImage.from_asset(APP_DIR, file="Dockerfile-batch"),
                           command=["python", "main.py"])
        self._create_rule(cron, EcsTask(cluster=None, task_definition=task))

"""

RULE = """    def _create_rule(self, cron, target):
        rule = events.Rule(self, "Weekly", schedule=events.Schedule.expression(cron))
        rule.add_target(target)
"""

MAIN = """import argparse

from src.summarize import summarize


def handler(event, context):
    return summarize("week")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--end-date")
    parser.parse_args()
    handler({}, None)
"""

SUMMARIZE = """import openai

client = openai.OpenAI()


def summarize(text):
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
"""

LAMBDA_IMAGE = 'FROM public.ecr.aws/lambda/python:3.12\nCOPY main.py ./\nCOPY src/ src/\nCMD ["main.handler"]\n'
BATCH_IMAGE = 'FROM python:3.12\nWORKDIR /app\nCOPY . ./\nCMD ["python", "main.py"]\n'
SITE = "app/src/summarize.py"
BATCH_ONLY = HEAD.replace("self._setup_lambda(cron)", "pass")


def classes(tmp_path, stack: str) -> Set[Tuple[str, str]]:
    files: Dict[str, str] = {"scripts/deploy.py": stack, "app/main.py": MAIN, "app/src/__init__.py": "",
                             "app/src/summarize.py": SUMMARIZE, "app/Dockerfile-lambda": LAMBDA_IMAGE,
                             "app/Dockerfile-batch": BATCH_IMAGE}
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    return {(s.resolved.facts.path, s.latency_class) for s in result.sites}


def test_a_function_a_helper_returns_is_the_target_a_rule_helper_is_handed(tmp_path):
    """Only the Lambda path: the handler is scheduled, and ``__main__`` running it by hand repeats the job."""
    stack = HEAD.replace("self._setup_batch(cron)", "pass") + LAMBDA + RULE
    assert classes(tmp_path, stack) == {(SITE, "scheduled")}


def test_the_lambda_path_needs_the_rule_helpers_argument(tmp_path):
    stack = HEAD.replace("self._setup_batch(cron)", "pass") + LAMBDA.replace(
        "self._create_rule(cron, target=LambdaFunction(function))", "LambdaFunction(function)") + RULE
    assert classes(tmp_path, stack) == {(SITE, "real-time")}


@pytest.mark.parametrize("path", ['APP', 'str(Path(__file__).parent.parent / "app")',
                                  'os.path.join(os.path.dirname(__file__), "..", "app")'])
def test_a_batch_job_a_rule_starts_runs_its_container_command_in_the_image_folder(tmp_path, path):
    """Without the Lambda path: ``python main.py`` is the scheduled job, not a hand run."""
    stack = "import os\n" + BATCH_ONLY + BATCH.replace("APP_DIR", path) + RULE
    assert classes(tmp_path, stack) == {(SITE, "scheduled")}


def test_a_job_no_rule_starts_leaves_main_a_hand_run(tmp_path):
    stack = BATCH_ONLY + BATCH.replace("APP_DIR", "APP").replace("self._create_rule(cron, target)", "") + RULE
    assert classes(tmp_path, stack) == {(SITE, "real-time")}


def test_an_ecs_task_a_rule_starts_runs_its_containers_command(tmp_path):
    stack = BATCH_ONLY + ECS.replace("APP_DIR", "APP") + RULE
    assert classes(tmp_path, stack) == {(SITE, "scheduled")}


def test_a_container_without_a_command_runs_its_images_own(tmp_path):
    stack = BATCH_ONLY + BATCH.replace("APP_DIR", "APP").replace(
        ',\n            command=["python", "main.py", "--end-date", "Ref::end_date"]', "") + RULE
    assert classes(tmp_path, stack) == {(SITE, "scheduled")}


SHADOWED = """from aws_cdk import Stack
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_lambda as lambda_


class AppStack(Stack):
    def __init__(self, scope, construct_id):
        super().__init__(scope, construct_id)
        self._nightly()
        self._api()

    def _nightly(self):
        fn = lambda_.Function(self, "A", handler="app.handler", code=lambda_.Code.from_asset("a"))
        events.Rule(self, "R", schedule=events.Schedule.cron(hour="3", minute="0"),
                    targets=[targets.LambdaFunction(fn)])

    def _api(self):
        fn = lambda_.Function(self, "B", handler="app.handler", code=lambda_.Code.from_asset("b"))
        fn.add_function_url()
"""
HANDLER = """import openai


def handler(event, context):
    return openai.OpenAI().chat.completions.create(model="gpt-4o-mini", messages=[])
"""


def test_a_rule_targets_the_function_its_own_method_names(tmp_path):
    """Rule targets are read at the file's end; a local ``fn`` of another method bound later is not
    the rule's function."""
    files = {"infra/stack.py": SHADOWED, "a/app.py": HANDLER, "b/app.py": HANDLER}
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    assert {(s.resolved.facts.path, s.latency_class) for s in result.sites} == {
        ("a/app.py", "scheduled"), ("b/app.py", "real-time")}


def test_helpers_returning_each_other_are_followed_once(tmp_path):
    """Mutually recursive helpers with many ``return``s: each helper is followed once, not once per path."""
    def helper(name: str, other: str) -> str:
        returns = "".join(f"        if n == {i}:\n            return self.{other}(n + {i})\n" for i in range(12))
        return f"    def {name}(self, n):\n{returns}\n"
    stack = SHADOWED.replace("        fn.add_function_url()\n", "        fn.add_function_url()\n        other = self._f(0)\n"
                             "        events.Rule(self, \"S\", targets=[targets.LambdaFunction(other)])\n\n"
                             + helper("_f", "_g") + helper("_g", "_f"))
    files = {"infra/stack.py": stack, "a/app.py": HANDLER, "b/app.py": HANDLER}
    started = time.monotonic()
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    assert time.monotonic() - started < 10
    assert {(s.resolved.facts.path, s.latency_class) for s in result.sites} == {
        ("a/app.py", "scheduled"), ("b/app.py", "real-time")}


def test_a_rule_helpers_schedule_parameter_is_a_schedule(tmp_path):
    """``events.Rule(schedule=schedule)`` in a helper its callers hand ``Schedule.cron(...)``: scheduled,
    not an event pattern."""
    stack = SHADOWED.replace(
        """        events.Rule(self, "R", schedule=events.Schedule.cron(hour="3", minute="0"),
                    targets=[targets.LambdaFunction(fn)])""",
        """        self._rule(events.Schedule.cron(hour="3", minute="0"), targets.LambdaFunction(fn))

    def _rule(self, schedule, target):
        rule = events.Rule(self, "R", schedule=schedule)
        rule.add_target(target)""")
    files = {"infra/stack.py": stack, "a/app.py": HANDLER, "b/app.py": HANDLER}
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    assert {(s.resolved.facts.path, s.latency_class) for s in result.sites} == {
        ("a/app.py", "scheduled"), ("b/app.py", "real-time")}
