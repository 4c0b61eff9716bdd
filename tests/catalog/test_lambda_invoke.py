"""A Lambda function invoking another (``boto3.client("lambda").invoke``): the invoked handler
runs for whoever invokes it. Named by a literal or by an environment variable the Terraform sets
(also passed between local modules as a variable and an output); ``InvocationType="Event"``
hands the work off (a waiting caller's class becomes near-real-time), the default waits."""
from __future__ import annotations

import pytest
from support.fixlib import write_project

from llm_latency_lint.catalog.sources import terraform
from llm_latency_lint.config import Config
from llm_latency_lint.engine import run

ANALYZER = """
import boto3

def lambda_handler(event, context):
    bedrock = boto3.client("bedrock-runtime")
    return bedrock.invoke_model(modelId="anthropic.claude-3-haiku-20240307-v1:0", body="{}")
"""

CHECKER = """
import json
import os
import boto3

def run_check():
    client = boto3.client("lambda")
    target = os.environ.get("ANALYZER_ARN")
    client.invoke(FunctionName=target, InvocationType={kind!r}, Payload=json.dumps({{}}))

def lambda_handler(event, context):
    run_check()
"""

FUNCTIONS = """
resource "aws_lambda_function" "checker" {
  function_name = "drift-checker"
  filename      = "${path.module}/code/checker.zip"
  handler       = "checker.lambda_handler"
  environment {
    variables = {
      ANALYZER_ARN = aws_lambda_function.analyzer.arn
    }
  }
}

resource "aws_lambda_function" "analyzer" {
  function_name = "drift-analyzer"
  filename      = "${path.module}/code/analyzer.zip"
  handler       = "analyzer.lambda_handler"
}

output "checker_arn" {
  value = aws_lambda_function.checker.arn
}
"""

ROOT = """
module "functions" {
  source = "./modules/lambda"
}

module "events" {
  source     = "./modules/events"
  lambda_arn = module.functions.checker_arn
}
"""

RULES = """
resource "aws_cloudwatch_event_rule" "every_hour" {
  schedule_expression = "rate(1 hour)"
}

resource "aws_cloudwatch_event_target" "check" {
  rule = aws_cloudwatch_event_rule.every_hour.name
  arn  = var.lambda_arn
}
"""

API = """
resource "aws_lambda_function_url" "url" {
  function_name = var.lambda_arn
}
"""


def classes(tmp_path, kind: str, trigger: str = RULES):
    files = {
        "infra/modules/lambda/code/checker.py": CHECKER.format(kind=kind),
        "infra/modules/lambda/code/analyzer.py": ANALYZER,
        "infra/modules/lambda/main.tf": FUNCTIONS,
        "infra/modules/events/main.tf": trigger,
        "infra/main.tf": ROOT,
    }
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    return {s.resolved.facts.path: s.latency_class for s in result.sites}


@pytest.mark.parametrize("kind", ["Event", "RequestResponse"])
def test_a_scheduled_function_invoking_another_makes_it_scheduled(tmp_path, kind):
    """Through the root module's variable and the function module's output to the checker, then
    the environment variable the checker's Terraform sets to the analyzer."""
    assert classes(tmp_path, kind) == {"infra/modules/lambda/code/analyzer.py": "scheduled"}


@pytest.mark.parametrize("kind, expected", [("Event", "near-real-time"), ("RequestResponse", "real-time")])
def test_an_asynchronous_invoke_hands_off_a_waiting_callers_work(tmp_path, kind, expected):
    assert classes(tmp_path, kind, API) == {"infra/modules/lambda/code/analyzer.py": expected}


def test_nothing_invoking_the_function_leaves_it_unknown(tmp_path):
    files = {"infra/modules/lambda/code/analyzer.py": ANALYZER, "infra/modules/lambda/main.tf": FUNCTIONS,
             "infra/modules/events/main.tf": RULES, "infra/main.tf": ROOT}
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    assert [s.latency_class for s in result.sites] == ["unknown"]


def test_a_literal_function_name_or_arn_names_the_function(tmp_path):
    caller = ('import boto3\n\ndef handler(event, context):\n'
              '    boto3.client("lambda").invoke(FunctionName={name!r}, InvocationType="Event")\n')
    tf = FUNCTIONS.replace("checker.lambda_handler", "checker.handler") + (
        'resource "aws_cloudwatch_event_rule" "r" {\n  schedule_expression = "cron(0 3 * * ? *)"\n}\n'
        'resource "aws_cloudwatch_event_target" "t" {\n  rule = aws_cloudwatch_event_rule.r.name\n'
        '  arn = aws_lambda_function.checker.arn\n}\n')
    for name in ("drift-analyzer", "arn:aws:lambda:eu-west-1:123456789012:function:drift-analyzer"):
        files = {"fns/code/checker.py": caller.format(name=name), "fns/code/analyzer.py": ANALYZER,
                 "fns/main.tf": tf}
        result = run([write_project(tmp_path / name[-6:], files)], Config(), root=tmp_path / name[-6:])
        assert {s.resolved.facts.path: s.latency_class for s in result.sites} == {"fns/code/analyzer.py": "scheduled"}


def test_terraform_entries_for_invokers():
    keys = {t.entry_key: t.target for t in terraform.parse("infra/modules/lambda/main.tf", FUNCTIONS)}
    assert keys["lambda:drift-analyzer"] == ["str", "infra.modules.lambda.code.analyzer.lambda_handler"]
    assert keys["lambda-env:ANALYZER_ARN"] == ["str", "infra.modules.lambda.code.analyzer.lambda_handler"]
    assert keys["terraform-output:infra/modules/lambda/checker_arn"] == [
        "str", "infra.modules.lambda.code.checker.lambda_handler"]
    root = {t.entry_key: t.target for t in terraform.parse("infra/main.tf", ROOT)}
    assert root == {"terraform-var:infra/modules/events/lambda_arn": [
        "entry", "terraform-output:infra/modules/lambda/checker_arn"]}


CALLER = """
import os
import boto3

def handler(event, context):
    boto3.client("lambda").invoke(FunctionName=os.environ["ANALYZER"], InvocationType="Event")
"""

SAM = """
Transform: AWS::Serverless-2016-10-31
Resources:
  Checker:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: checker/
      Handler: app.handler
      Environment:
        Variables:
          ANALYZER: {ref}
      Events:
        Nightly:
          Type: Schedule
          Properties:
            Schedule: cron(0 3 * * ? *)
  Analyzer:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: analyzer/
      Handler: app.lambda_handler
"""

SERVERLESS = """
service: drift
provider:
  name: aws
  environment:
    ANALYZER: {ref}
functions:
  checker:
    handler: checker/app.handler
    events:
      - schedule: rate(1 day)
  analyzer:
    handler: analyzer/app.lambda_handler
"""

CDK = """
from aws_cdk import Stack, aws_events as events, aws_events_targets as targets, aws_lambda as lambda_


class DriftStack(Stack):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        analyzer = lambda_.Function(self, "Analyzer", handler="app.lambda_handler",
                                    code=lambda_.Code.from_asset("analyzer"))
        checker = lambda_.Function(self, "Checker", handler="app.handler", code=lambda_.Code.from_asset("checker"),
                                   {env})
        {add}
        events.Rule(self, "Daily", schedule=events.Schedule.rate(Duration.days(1)),
                    targets=[targets.LambdaFunction(checker)])
"""


@pytest.mark.parametrize("name, text", [
    ("template.yaml", SAM.format(ref="!Ref Analyzer")),
    ("template.yaml", SAM.format(ref="!GetAtt Analyzer.Arn")),
    ("serverless.yml", SERVERLESS.format(ref="${self:service}-${sls:stage}-analyzer")),
    ("serverless.yml", SERVERLESS.format(ref="!GetAtt AnalyzerLambdaFunction.Arn")),
    ("app.py", CDK.format(env='environment={"ANALYZER": analyzer.function_name}', add="")),
    ("app.py", CDK.format(env="", add='checker.add_environment("ANALYZER", analyzer.function_arn)')),
])
def test_sam_serverless_and_cdk_environments_name_the_invoked_function(tmp_path, name, text):
    files = {"checker/app.py": CALLER, "analyzer/app.py": ANALYZER, name: text}
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    assert {s.resolved.facts.path: s.latency_class for s in result.sites} == {"analyzer/app.py": "scheduled"}


FAN_OUT = """
import boto3

DEFAULT_FN = "drift-analyzer"

def fan_out(chunks, {param}):
    client = boto3.client("lambda")
    for chunk in chunks:
        client.invoke(FunctionName=name, InvocationType="Event")

def handler(event, context):
    fan_out([1, 2])
"""

NAMED = SAM.replace("      Environment:\n        Variables:\n          ANALYZER: {ref}\n", "").replace(
    "      CodeUri: analyzer/\n", "      CodeUri: analyzer/\n      FunctionName: drift-analyzer\n")


@pytest.mark.parametrize("param, expected", [
    ("name=DEFAULT_FN", "scheduled"),
    ("name='drift-analyzer'", "scheduled"),
    ("DEFAULT_FN=None, name=None", "unknown"),
])
def test_a_parameters_default_names_the_invoked_function(tmp_path, param, expected):
    """``def fan_out(chunks, name=DEFAULT_FN)`` invokes the function its default (a literal or a
    module constant) names when the caller leaves it out; a parameter without one names nothing."""
    files = {"checker/app.py": FAN_OUT.format(param=param), "analyzer/app.py": ANALYZER, "template.yaml": NAMED}
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    assert {s.resolved.facts.path: s.latency_class for s in result.sites} == {"analyzer/app.py": expected}


RELAY = """
import os
import boto3

ANALYZER_NAME = os.getenv("ANALYZER")
client = boto3.client("lambda")

def invoke(function_name, wait=True):
    {rebind}
    return client.invoke(FunctionName=function_name, InvocationType="RequestResponse" if wait else "Event")

def handler(event, context):
    invoke(ANALYZER_NAME)
"""


@pytest.mark.parametrize("rebind, expected", [("pass", "scheduled"), ("function_name = 'other'", "unknown")])
def test_what_the_modules_callers_pass_names_the_invoked_function(tmp_path, rebind, expected):
    """A helper ``invoke(function_name)`` invokes what the module's calls pass it (here a module
    constant read from the environment variable the SAM template sets); not once the helper binds
    the parameter again."""
    files = {"checker/app.py": RELAY.format(rebind=rebind), "analyzer/app.py": ANALYZER,
             "template.yaml": SAM.format(ref="!Ref Analyzer")}
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    assert {s.resolved.facts.path: s.latency_class for s in result.sites} == {"analyzer/app.py": expected}
