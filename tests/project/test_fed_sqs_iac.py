"""SQS fan-out declared in Terraform and in a Python CDK stack (``test_fed_sqs_queues.py`` has SAM).

A nightly dispatcher Lambda sends one message per item to a queue whose URL its environment holds;
the worker the queue's event source mapping (Terraform) or ``SqsEventSource`` (CDK) runs summarises:
scheduled, as a timer's fan-out; a sender a route runs leaves the worker near-real-time.
"""
from __future__ import annotations

import pytest
from test_fed_sqs_queues import SDK, SITE, WORKER, dispatcher
from test_graph import project, sites

QUEUE_TF = 'resource "aws_sqs_queue" "jobs" {\n  name = "digest-jobs"\n}\n'
LAMBDA_TF = (
    'resource "aws_lambda_function" "dispatcher" {\n  filename = "src/dispatch.zip"\n  handler = "dispatch.handler"\n'
    '  environment {\n    variables = {\n      QUEUE_URL = aws_sqs_queue.jobs.ATTR\n    }\n  }\n}\n\n'
    'resource "aws_lambda_function" "worker" {\n  filename = "src/worker.zip"\n  handler = "worker.handler"\n}\n\n'
    'resource "aws_lambda_event_source_mapping" "jobs" {\n  event_source_arn = aws_sqs_queue.jobs.arn\n'
    '  function_name = aws_lambda_function.worker.arn\n}\n\n'
    'resource "aws_cloudwatch_event_rule" "nightly" {\n  schedule_expression = "cron(0 23 * * ? *)"\n}\n\n'
    'resource "aws_cloudwatch_event_target" "nightly" {\n  rule = aws_cloudwatch_event_rule.nightly.name\n'
    '  arn = aws_lambda_function.dispatcher.arn\n}\n')
API_TF = ('resource "aws_apigatewayv2_integration" "go" {\n'
          '  integration_uri = aws_lambda_function.dispatcher.invoke_arn\n}\n')

STACK = """from aws_cdk import Stack
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_sqs as sqs
from aws_cdk.aws_lambda_event_sources import SqsEventSource


class DigestStack(Stack):
    def __init__(self, scope, construct_id):
        super().__init__(scope, construct_id)
        queue = sqs.Queue(self, "Jobs", queue_name="digest-jobs")
        code = lambda_.Code.from_asset("src")
        dispatcher = lambda_.Function(self, "Dispatcher", handler="dispatch.handler", code=code,
                                      environment={"QUEUE_URL": queue.queue_url})
        worker = lambda_.Function(self, "Worker", handler="worker.handler", code=code)
        worker.add_event_source(SqsEventSource(queue, batch_size=1))
        events.Rule(self, "Nightly", schedule=events.Schedule.cron(minute="0", hour="23"),
                    targets=[targets.LambdaFunction(dispatcher)])
"""


def klass(tmp_path, files):
    found = sites(project(tmp_path, {"src/llm.py": SDK, "src/worker.py": WORKER, **files}))
    return found.get(SITE, (None, None))[1]


@pytest.mark.parametrize("attribute", ["url", "id"])
def test_a_terraform_queue_a_scheduled_function_feeds_runs_on_its_schedule(tmp_path, attribute):
    files = {"main.tf": QUEUE_TF + LAMBDA_TF.replace("ATTR", attribute), "src/dispatch.py": dispatcher()}
    assert klass(tmp_path, files) == "scheduled"


def test_the_queue_and_the_functions_in_separate_terraform_files(tmp_path):
    files = {"sqs.tf": QUEUE_TF, "lambda.tf": LAMBDA_TF.replace("ATTR", "url"), "src/dispatch.py": dispatcher()}
    assert klass(tmp_path, files) == "scheduled"


def test_a_literal_url_names_the_terraform_queue_by_its_name(tmp_path):
    url = "'https://sqs.eu-west-1.amazonaws.com/123456789012/digest-jobs'"
    files = {"sqs.tf": QUEUE_TF, "lambda.tf": LAMBDA_TF.replace("ATTR", "url"), "src/dispatch.py": dispatcher(url)}
    assert klass(tmp_path, files) == "scheduled"


def test_a_terraform_sender_a_route_also_runs_leaves_the_queue_near_real_time(tmp_path):
    files = {"main.tf": QUEUE_TF + LAMBDA_TF.replace("ATTR", "url") + API_TF, "src/dispatch.py": dispatcher()}
    assert klass(tmp_path, files) == "near-real-time"


def test_a_terraform_queue_with_no_sender_in_the_scan_is_an_event(tmp_path):
    assert klass(tmp_path, {"main.tf": QUEUE_TF + LAMBDA_TF.replace("ATTR", "url")}) == "near-real-time"


@pytest.mark.parametrize("url", ["os.environ['QUEUE_URL']", "'https://sqs.eu-west-1.amazonaws.com/1/digest-jobs'"])
def test_a_cdk_queue_a_scheduled_function_feeds_runs_on_its_schedule(tmp_path, url):
    assert klass(tmp_path, {"infra/stack.py": STACK, "src/dispatch.py": dispatcher(url)}) == "scheduled"


def test_a_cdk_queue_given_as_the_functions_events(tmp_path):
    stack = STACK.replace("        worker.add_event_source(SqsEventSource(queue, batch_size=1))\n", "").replace(
        'handler="worker.handler", code=code)', 'handler="worker.handler", code=code, events=[SqsEventSource(queue)])')
    assert klass(tmp_path, {"infra/stack.py": stack, "src/dispatch.py": dispatcher()}) == "scheduled"


def test_a_cdk_sender_to_another_variable_feeds_nothing_here(tmp_path):
    files = {"infra/stack.py": STACK, "src/dispatch.py": dispatcher("os.environ['OTHER_URL']")}
    assert klass(tmp_path, files) == "near-real-time"
