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
