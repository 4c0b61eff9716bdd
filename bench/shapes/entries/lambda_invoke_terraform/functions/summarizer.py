# Canonical usage: https://docs.aws.amazon.com/bedrock/latest/userguide/inference-invoke.html
import json

import boto3

bedrock = boto3.client("bedrock-runtime")


def lambda_handler(event, context):
    body = json.dumps({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 300,
                       "messages": [{"role": "user", "content": json.dumps(event["items"])}]})
    return bedrock.invoke_model(modelId="anthropic.claude-3-haiku-20240307-v1:0", body=body)  # expect-class: scheduled
