# library: AWS Bedrock (converse, invoke_model, agent runtime)
# source: https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-call.html ;
#         https://boto3.amazonaws.com/v1/documentation/api/latest/reference/services/bedrock-agent-runtime.html
import json

import boto3

runtime = boto3.client("bedrock-runtime", region_name="us-east-1")
agents = boto3.client("bedrock-agent-runtime")


def converse(text):
    return runtime.converse(modelId="anthropic.claude-3-haiku", messages=[{"role": "user", "content": [{"text": text}]}])  # expect: bedrock


def invoke(text):
    return runtime.invoke_model(modelId="amazon.titan-embed-text-v2:0", body=json.dumps({"inputText": text}))  # expect: bedrock


def agent(text, session):
    return agents.invoke_agent(agentId="A", agentAliasId="B", sessionId=session, inputText=text)  # expect: bedrock


def rag(text):
    return agents.retrieve_and_generate(input={"text": text}, retrieveAndGenerateConfiguration={})  # expect: bedrock


class Service:
    def __init__(self):
        session = boto3.Session(profile_name="p")
        self.client = session.client("bedrock-runtime")

    def stream(self, text):
        return self.client.converse_stream(modelId="m", messages=[])  # expect: bedrock
