"""A chat handler's queue send that passes the conversation on makes the reply its person waits for.

Round 11's haruka-aibara/bedrock-slack-ai-chatbot: a Slack Bolt listener in an API Gateway Lambda
acknowledges within Slack's three seconds and sends the mention to SQS
(``sqs.send_message(QueueUrl=..., MessageBody=json.dumps({"channel_id": event["channel"], ...}))``,
on a client a project helper builds); a Lambda the Terraform event source mapping feeds from the
queue asks the model and posts the answer in the thread: real-time by label policy 5, as a Celery
``.delay(chat_id)`` from a bot handler. The consumer's handler is named through the ``archive_file``
packing its folder, and its SQS event is held for the sender the scan finds.
"""
from __future__ import annotations

from support.scan import project_classes

TERRAFORM = """
    data "archive_file" "front" {
      type        = "zip"
      source_dir  = "./front"
      output_path = "front.zip"
    }

    data "archive_file" "back" {
      type        = "zip"
      source_dir  = "./back"
      output_path = "back.zip"
    }

    resource "aws_sqs_queue" "jobs" {
      name = "${local.name}-queue"
    }

    resource "aws_lambda_function" "front" {
      filename      = data.archive_file.front.output_path
      function_name = "front"
      handler       = "lambda_function.lambda_handler"
      runtime       = "python3.12"

      environment {
        variables = {
          BACKEND_QUEUE_URL = aws_sqs_queue.jobs.url
        }
      }
    }

    resource "aws_lambda_function" "back" {
      filename      = data.archive_file.back.output_path
      function_name = "back"
      handler       = "lambda_function.lambda_handler"
      runtime       = "python3.12"
    }

    resource "aws_apigatewayv2_integration" "slack" {
      api_id           = "x"
      integration_type = "AWS_PROXY"
      integration_uri  = aws_lambda_function.front.invoke_arn
    }

    resource "aws_lambda_event_source_mapping" "back" {
      event_source_arn = aws_sqs_queue.jobs.arn
      function_name    = aws_lambda_function.back.arn
    }
"""
HELPER = """
    import boto3


    def get_sqs_client():
        return boto3.client("sqs")
"""
FRONT = """
    import json
    import os

    from slack_bolt import App
    from slack_bolt.adapter.aws_lambda import SlackRequestHandler

    from aws_clients import get_sqs_client

    sqs = get_sqs_client()
    queue_url = os.environ.get("BACKEND_QUEUE_URL", "")
    app = App(process_before_response=True)


    @app.event("app_mention")
    def mention(event, body, say):
        channel = event["channel"]
        sqs.send_message(QueueUrl=queue_url, MessageBody=json.dumps({BODY}))


    def lambda_handler(event, context):
        return SlackRequestHandler(app=app).handle(event, context)
"""
BACK = """
    import json

    import boto3

    bedrock = boto3.client("bedrock-runtime")


    def lambda_handler(event, context):
        for record in event["Records"]:
            message = json.loads(record["body"])
            bedrock.converse(modelId="m", messages=[{"role": "user", "content": [{"text": message["text"]}]}])
"""
SITE = ("back/lambda_function.py", 11)


def classes(tmp_path, body):
    return project_classes(tmp_path, {
        "main.tf": TERRAFORM, "front/aws_clients.py": HELPER, "front/lambda_function.py": FRONT.replace("{BODY}", body),
        "back/lambda_function.py": BACK,
    })


def test_a_send_carrying_the_channel_answers_the_person(tmp_path):
    found = classes(tmp_path, '{"channel_id": channel, "text": event["text"]}')
    assert found[SITE] == "real-time"


def test_a_send_carrying_only_the_text_is_handed_off(tmp_path):
    found = classes(tmp_path, '{"text": event["text"]}')
    assert found[SITE] == "near-real-time"
