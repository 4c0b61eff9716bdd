# Canonical usage: https://boto3.amazonaws.com/v1/documentation/api/latest/reference/services/lambda/client/invoke.html
import json
import os

import boto3

lambda_client = boto3.client("lambda")


def lambda_handler(event, context):
    changes = {"items": ["a", "b"]}
    lambda_client.invoke(FunctionName=os.environ["SUMMARIZER_FUNCTION"], InvocationType="Event",
                         Payload=json.dumps(changes))
