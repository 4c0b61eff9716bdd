"""Scheduled enrichment on AWS Bedrock through boto3: runtime calls and batch inference jobs."""
import json

import boto3

runtime = boto3.client("bedrock-runtime", region_name="us-east-1")
CLAUDE = "anthropic.claude-sonnet-4-5-v1:0"


class Enricher:
    def __init__(self, profile):
        self.session = boto3.Session(profile_name=profile)
        self.runtime = self.session.client("bedrock-runtime")
        self.control = boto3.client("bedrock")
        self.s3 = self.session.client("s3")

    def nightly(self, items):  # llm-latency: scheduled
        bodies = []
        for item in items:
            resp = runtime.invoke_model(modelId=CLAUDE, body=json.dumps({"messages": [item], "max_tokens": 200}))  # expect: bedrock invoke_model scheduled LLM001
            bodies.append(json.loads(resp["body"].read()))
        answer = self.runtime.converse(modelId=CLAUDE, messages=[{"role": "user", "content": [{"text": "hi"}]}])  # expect: bedrock converse scheduled LLM001
        events = self.runtime.converse_stream(modelId=CLAUDE, messages=[])  # expect: bedrock converse_stream scheduled LLM001 LLM004
        self.s3.put_object(Bucket="acme", Key="out.json", Body=json.dumps(bodies))
        return answer, events

    def submit(self, role_arn):  # llm-latency: scheduled
        job = self.control.create_model_invocation_job(  # expect: bedrock create_model_invocation_job scheduled
            jobName="nightly-enrich",
            roleArn=role_arn,
            modelId=CLAUDE,
            inputDataConfig={"s3InputDataConfig": {"s3Uri": "s3://acme/in/"}},
            outputDataConfig={"s3OutputDataConfig": {"s3Uri": "s3://acme/out/"}},
        )
        return self.control.get_model_invocation_job(jobIdentifier=job["jobArn"])["status"]  # expect: bedrock get_model_invocation_job scheduled


def stream_report(prompt):  # llm-latency: scheduled
    session = boto3.session.Session()
    client = session.client("bedrock-runtime")
    return client.invoke_model_with_response_stream(modelId=CLAUDE, body=prompt)  # expect: bedrock invoke_model_with_response_stream scheduled LLM001 LLM004
