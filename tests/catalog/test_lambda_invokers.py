"""What starts a Lambda function, declared beside it in infrastructure code: Terraform's S3
notifications, SNS subscriptions, API Gateway integrations, function URLs, load balancer targets
and permissions (by principal), functions built by a ``module`` call; the same resources in
CloudFormation / SAM templates. The class follows who waits: a caller on an HTTP route waits
(real-time), an upload or a message starts work nobody waits on (near-real-time)."""
from __future__ import annotations

import textwrap
from typing import List, Tuple

import pytest
from support.fixlib import write_project

from llm_latency_lint.catalog.sources import _yaml, aws_lambda, terraform
from llm_latency_lint.config import Config
from llm_latency_lint.engine import run
from llm_latency_lint.model import Trigger


def events(triggers: List[Trigger]) -> List[Tuple[str, str]]:
    return sorted((t.kind, str(t.target[1])) for t in triggers if t.kind != "entry")


FUNCTION = """
resource "aws_lambda_function" "worker" {
  function_name = "worker"
  filename      = "../lambdas/worker/worker.zip"
  handler       = "app.handler"
  runtime       = "python3.12"
}
"""


@pytest.mark.parametrize("resource, kind", [
    ('resource "aws_s3_bucket_notification" "uploads" {\n  bucket = aws_s3_bucket.u.id\n'
     '  lambda_function {\n    lambda_function_arn = aws_lambda_function.worker.arn\n'
     '    events = ["s3:ObjectCreated:*"]\n  }\n}\n', "near-real-time"),
    ('resource "aws_sns_topic_subscription" "alerts" {\n  topic_arn = aws_sns_topic.a.arn\n'
     '  protocol  = "lambda"\n  endpoint  = aws_lambda_function.worker.arn\n}\n', "near-real-time"),
    ('resource "aws_lambda_event_source_mapping" "jobs" {\n  event_source_arn = aws_sqs_queue.j.arn\n'
     '  function_name = aws_lambda_function.worker.arn\n}\n', "near-real-time"),
    ('resource "aws_apigatewayv2_integration" "api" {\n  api_id = aws_apigatewayv2_api.a.id\n'
     '  integration_type = "AWS_PROXY"\n  integration_uri = aws_lambda_function.worker.invoke_arn\n}\n',
     "real-time"),
    ('resource "aws_api_gateway_integration" "rest" {\n  type = "AWS_PROXY"\n'
     '  uri  = "arn:aws:apigateway:${var.region}:lambda:path/2015-03-31/functions/'
     '${aws_lambda_function.worker.arn}/invocations"\n}\n', "real-time"),
    ('resource "aws_lambda_function_url" "url" {\n  function_name = aws_lambda_function.worker.function_name\n'
     '  authorization_type = "NONE"\n}\n', "real-time"),
    ('resource "aws_lb_target_group_attachment" "alb" {\n  target_group_arn = aws_lb_target_group.t.arn\n'
     '  target_id = aws_lambda_function.worker.arn\n}\n', "real-time"),
    ('resource "aws_lambda_permission" "api" {\n  action = "lambda:InvokeFunction"\n'
     '  function_name = aws_lambda_function.worker.function_name\n  principal = "apigateway.amazonaws.com"\n}\n',
     "real-time"),
    ('resource "aws_lambda_permission" "s3" {\n  function_name = aws_lambda_function.worker.arn\n'
     '  principal = "s3.amazonaws.com"\n}\n', "near-real-time"),
])
def test_terraform_resources_that_invoke_a_function_give_it_their_class(resource, kind):
    triggers = terraform.parse("infra/main.tf", FUNCTION + resource)
    assert events(triggers) == [(kind, "lambdas.worker.app.handler")]


def test_a_rule_permission_leaves_the_class_to_the_rule():
    resource = ('resource "aws_lambda_permission" "cron" {\n  function_name = aws_lambda_function.worker.arn\n'
                '  principal = "events.amazonaws.com"\n}\n')
    assert events(terraform.parse("infra/main.tf", FUNCTION + resource)) == []


MODULE = """
module "embedder" {
  source        = "./modules/lambda"
  function_name = "${var.project}-embedder"
  handler       = "lambda_function.lambda_handler"
  filename      = "../lambda/embedding/embedding.zip"
}

resource "aws_s3_bucket_notification" "docs" {
  bucket = aws_s3_bucket.docs.id
  lambda_function {
    lambda_function_arn = module.embedder.lambda_function_arn
    events              = ["s3:ObjectCreated:*"]
  }
}
"""


def test_a_module_call_with_a_handler_is_a_function_its_outputs_name():
    triggers = terraform.parse("terraform/embedder.tf", MODULE)
    assert [(t.target, t.entry_key) for t in triggers if t.kind == "entry"] == [
        (["str", "lambda.embedding.lambda_function.lambda_handler"], "terraform:terraform/module.embedder")]
    assert events(triggers) == [("near-real-time", "lambda.embedding.lambda_function.lambda_handler")]


def test_a_module_function_invoked_from_another_file_of_the_folder_is_named_by_entry():
    api = ('resource "aws_apigatewayv2_integration" "agent" {\n'
           '  integration_uri = module.agent.lambda_function_invoke_arn\n}\n')
    assert events(terraform.parse("terraform/api.tf", api)) == [("real-time", "terraform:terraform/module.agent")]
    assert terraform.parse("terraform/api.tf", api)[0].target[0] == "entry"


REGISTRY_MODULE = """
module "summarizer" {
  source        = "terraform-aws-modules/lambda/aws"
  function_name = "summarizer"
  handler       = "index.lambda_handler"
  source_path   = "${path.module}/../src/summarizer"
  create_lambda_function_url = true
  allowed_triggers = {
    Uploads = {
      principal  = "s3.amazonaws.com"
      source_arn = aws_s3_bucket.in.arn
    }
  }
}
"""


def test_the_registry_modules_inline_triggers():
    triggers = terraform.parse("infra/lambda.tf", REGISTRY_MODULE)
    assert events(triggers) == [("near-real-time", "src.summarizer.index.lambda_handler"),
                                ("real-time", "src.summarizer.index.lambda_handler")]


TEMPLATE = """
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Ingest:
    Type: AWS::Lambda::Function
    Properties:
      Handler: ingest.handler
      Runtime: python3.12
  Answer:
    Type: AWS::Lambda::Function
    Properties:
      Handler: answer.handler
      Runtime: python3.12
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      NotificationConfiguration:
        LambdaConfigurations:
          - Event: s3:ObjectCreated:*
            Function: !GetAtt Ingest.Arn
  Queue:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Jobs.Arn
      FunctionName: !Ref Ingest
  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      IntegrationType: AWS_PROXY
      IntegrationUri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Answer.Arn}/invocations"
  Url:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: {"Fn::GetAtt": [Answer, Arn]}
      AuthType: NONE
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      Subscription:
        - Protocol: lambda
          Endpoint: !GetAtt Ingest.Arn
"""


def test_cloudformation_invokers_of_the_templates_functions():
    doc = _yaml.load(textwrap.dedent(TEMPLATE))
    assert events(aws_lambda.parse_sam("stack/template.yaml", doc)) == [
        ("near-real-time", "stack.ingest.handler"), ("near-real-time", "stack.ingest.handler"),
        ("near-real-time", "stack.ingest.handler"),
        ("real-time", "stack.answer.handler"), ("real-time", "stack.answer.handler")]


def test_a_sam_function_url_config_is_real_time():
    doc = _yaml.load("Transform: AWS::Serverless-2016-10-31\nResources:\n  Chat:\n"
                     "    Type: AWS::Serverless::Function\n    Properties:\n      Handler: chat.handler\n"
                     "      CodeUri: src/\n      FunctionUrlConfig:\n        AuthType: NONE\n")
    assert events(aws_lambda.parse_sam("template.yaml", doc)) == [("real-time", "src.chat.handler")]


HANDLER = ("import boto3\n\nbedrock = boto3.client('bedrock-runtime')\n\n\ndef handler(event, context):\n"
           "    return bedrock.invoke_model(modelId='amazon.titan-embed-text-v2:0', body='{}')\n")


def test_terraform_module_functions_end_to_end(tmp_path):
    """Two functions built by the same local module, one started by uploads, one behind an HTTP
    API declared in another file of the folder."""
    files = {
        "lambdas/embed/embed.py": HANDLER,
        "lambdas/agent/agent.py": HANDLER,
        "terraform/embed.tf": MODULE.replace("lambda_function.lambda_handler", "embed.handler")
                                    .replace("../lambda/embedding/embedding.zip", "../lambdas/embed/embed.zip"),
        "terraform/agent.tf": ('module "agent" {\n  source = "./modules/lambda"\n  handler = "agent.handler"\n'
                               '  filename = "../lambdas/agent/agent.zip"\n}\n'),
        "terraform/api.tf": ('resource "aws_apigatewayv2_integration" "agent" {\n'
                             '  integration_uri = module.agent.lambda_function_invoke_arn\n}\n'),
    }
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    assert {(s.resolved.facts.path, s.resolved.site.line): s.latency_class for s in result.sites} == {
        ("lambdas/embed/embed.py", 7): "near-real-time", ("lambdas/agent/agent.py", 7): "real-time"}


SAM_TWO_FUNCTIONS = """
Transform: AWS::Serverless-2016-10-31
Resources:
  Nightly:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: digest/
      Handler: app.lambda_handler
      Events:
        Cron:
          Type: Schedule
          Properties:
            Schedule: cron(0 3 * * ? *)
  Chat:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: chat/
      Handler: app.lambda_handler
      Events:
        Ask:
          Type: HttpApi
"""


def test_functions_whose_files_share_a_name_keep_their_own_class(tmp_path):
    """SAM's layout gives every function folder an ``app.py``: each is its own module, not one
    merged ``app`` that every trigger would reach."""
    handler = HANDLER.replace("def handler(", "def lambda_handler(")
    files = {"digest/app.py": handler, "chat/app.py": handler, "template.yaml": SAM_TWO_FUNCTIONS}
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    assert {(s.resolved.facts.path, s.resolved.site.line): s.latency_class for s in result.sites} == {
        ("digest/app.py", 7): "scheduled", ("chat/app.py", 7): "real-time"}
    assert {s.resolved.facts.module for s in result.sites} == {"digest.app", "chat.app"}


CDK_STACK = """import os

from aws_cdk import Duration, Stack
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_lambda as lambda_
from aws_cdk.aws_lambda_event_sources import S3EventSource
from aws_cdk.aws_lambda_python_alpha import PythonFunction


class AppStack(Stack):
    def __init__(self, scope, id, **kwargs):
        super().__init__(scope, id, **kwargs)
        digest = lambda_.Function(self, "Digest", runtime=lambda_.Runtime.PYTHON_3_12, handler="app.handler",
                                  code=lambda_.Code.from_asset(os.path.join(os.path.dirname(__file__), "..", "lambdas", "digest")))
        rule = events.Rule(self, "Nightly", schedule=events.Schedule.cron(minute="0", hour="3"))
        rule.add_target(targets.LambdaFunction(digest))
        self.chat = lambda_.Function(self, "Chat", runtime=lambda_.Runtime.PYTHON_3_12, handler="app.handler",
                                     code=lambda_.Code.from_asset("lambdas/chat"))
        apigw.LambdaRestApi(self, "Api", handler=self.chat)
        ingest = PythonFunction(self, "Ingest", entry="lambdas/ingest", index="app.py", handler="handler")
        ingest.add_event_source(S3EventSource(bucket, events=[]))
        events.Rule(self, "Hourly", schedule=events.Schedule.rate(Duration.hours(1)), targets=[targets.LambdaFunction(ingest)])
"""


def test_cdk_functions_take_the_class_of_their_rules_event_sources_and_apis(tmp_path):
    """A CDK stack (Python) declares three functions: a cron rule's target (``add_target``), an
    API's handler held on ``self``, and a function an S3 event source and an hourly rule start."""
    handler = HANDLER.replace("amazon.titan-embed-text-v2:0", "m")
    files = {"infra/stack.py": CDK_STACK, "lambdas/digest/app.py": handler, "lambdas/chat/app.py": handler,
             "lambdas/ingest/app.py": handler}
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    assert {(s.resolved.facts.path, s.latency_class) for s in result.sites} == {
        ("lambdas/digest/app.py", "scheduled"), ("lambdas/chat/app.py", "real-time"),
        ("lambdas/ingest/app.py", "near-real-time")}
    digest = next(s for s in result.sites if s.resolved.facts.path == "lambdas/digest/app.py")
    assert digest.evidence[0].schedule == "daily 03:00"
