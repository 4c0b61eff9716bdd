# Canonical usage: https://docs.aws.amazon.com/lambda/latest/dg/with-s3-example.html (function created in the console: no IaC)
import urllib.parse

import boto3

s3 = boto3.client("s3")
bedrock = boto3.client("bedrock-runtime")


def lambda_handler(event, context):
    bucket = event["Records"][0]["s3"]["bucket"]["name"]
    key = urllib.parse.unquote_plus(event["Records"][0]["s3"]["object"]["key"], encoding="utf-8")
    text = s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode()
    messages = [{"role": "user", "content": [{"text": text}]}]
    reply = bedrock.converse(modelId="anthropic.claude-3-haiku-20240307-v1:0", messages=messages)  # expect-class: near-real-time
    return reply["output"]["message"]["content"][0]["text"]
