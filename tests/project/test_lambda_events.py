"""What a Lambda handler reads from its event says what starts it (issue 15, reach8): records are
event work, API Gateway fields a request a caller waits on; IaC that wires the function wins."""
from __future__ import annotations

from test_graph import project
from test_reach import classes_of, evidence_notes

CALL = ("import boto3\n\nbedrock = boto3.client('bedrock-runtime')\n\n\n"
        "def embed(text):\n"
        "    return bedrock.invoke_model(modelId='amazon.titan-embed-text-v2:0', body=text)\n\n\n")


def handler(body: str, params: str = "event, context") -> str:
    return CALL + f"def lambda_handler({params}):\n{body}"


S3 = ("    bucket = event['Records'][0]['s3']['bucket']['name']\n"
      "    return embed(bucket)\n")
API = ("    method = event.get('requestContext', {}).get('http', {}).get('method')\n"
       "    return embed(method)\n")


def test_a_handler_reading_event_records_is_near_real_time(tmp_path):
    result = project(tmp_path, {"lambda/ingest/lambda_function.py": handler(S3)})
    assert classes_of(result) == {("lambda/ingest/lambda_function.py", 7): "near-real-time"}
    chain = " | ".join(e.note for e in result.sites[0].evidence)
    assert "reads event['Records']" in chain


def test_a_handler_reading_the_request_context_is_real_time(tmp_path):
    result = project(tmp_path, {"lambda/api/app.py": handler(API)})
    assert classes_of(result) == {("lambda/api/app.py", 7): "real-time"}


def test_records_of_a_client_response_say_nothing(tmp_path):
    body = ("    records = boto3.client('kinesis').get_records(ShardIterator='x')['Records']\n"
            "    return embed(str(records))\n")
    result = project(tmp_path, {"lambda/poll/lambda_function.py": handler(body)})
    assert classes_of(result) == {("lambda/poll/lambda_function.py", 7): "unknown"}


def test_a_function_without_the_handler_signature_says_nothing(tmp_path):
    result = project(tmp_path, {"lambda/ingest/lambda_function.py": handler(S3, "event, context, extra")})
    assert classes_of(result) == {("lambda/ingest/lambda_function.py", 7): "unknown"}


def test_a_schedule_check_silences_eventbridge_keys(tmp_path):
    body = ("    if event.get('detail-type') == 'Scheduled Event':\n"
            "        return embed('all')\n"
            "    return embed(event['detail'])\n")
    result = project(tmp_path, {"lambda/sync/lambda_function.py": handler(body)})
    assert classes_of(result) == {("lambda/sync/lambda_function.py", 7): "unknown"}


SERVERLESS = ("service: ingest\nprovider:\n  name: aws\nfunctions:\n  ingest:\n"
              "    handler: lambda_function.lambda_handler\n    events:\n      - schedule: rate(1 day)\n")


def test_iac_that_wires_the_function_wins(tmp_path):
    result = project(tmp_path, {"lambda_function.py": handler(S3), "serverless.yml": SERVERLESS})
    assert classes_of(result) == {("lambda_function.py", 7): "scheduled"}


def test_a_powertools_typed_event_says_what_starts_the_handler(tmp_path):
    typed = ("from aws_lambda_powertools.utilities.data_classes import event_source, SQSEvent, APIGatewayProxyEvent\n"
             + CALL)
    cases = {
        "@event_source(data_class=SQSEvent)\ndef lambda_handler(event, context):\n    return embed(str(event))\n":
            "near-real-time",
        "def lambda_handler(event: SQSEvent, context):\n    return embed(str(event))\n": "near-real-time",
        "def lambda_handler(event, context):\n    api = APIGatewayProxyEvent(event)\n    return embed(api.path)\n":
            "real-time",
    }
    for index, (body, expected) in enumerate(cases.items()):
        path = f"fn{index}/handler.py"
        result = project(tmp_path / str(index), {path: typed + body})
        assert classes_of(result) == {(path, 8): expected}, body


def test_a_powertools_batch_record_handler_is_near_real_time(tmp_path):
    source = ("from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response\n"
              + CALL + "processor = BatchProcessor(event_type=EventType.SQS)\n\n\n"
              "def record_handler(record):\n    return embed(record.body)\n\n\n"
              "def lambda_handler(event, context):\n"
              "    return process_partial_response(event=event, record_handler=record_handler, processor=processor,"
              " context=context)\n")
    result = project(tmp_path, {"handler.py": source})
    assert classes_of(result) == {("handler.py", 8): "near-real-time"}
    assert "runs the record handler" in " | ".join(e.note for e in result.sites[0].evidence)


def test_a_powertools_resolver_route_is_real_time(tmp_path):
    source = ("from aws_lambda_powertools.event_handler import APIGatewayRestResolver\n" + CALL
              + "app = APIGatewayRestResolver()\n\n\n@app.get('/ask')\ndef ask():\n    return embed('q')\n\n\n"
              "def lambda_handler(event, context):\n    return app.resolve(event, context)\n")
    result = project(tmp_path, {"handler.py": source})
    assert classes_of(result) == {("handler.py", 8): "real-time"}


def test_a_handler_decoding_the_http_body_is_a_request(tmp_path):
    """A worker deployed from the console decoding a Slack slash command's form body (base64, as
    API Gateway passes it, then ``parse_qs``), also through a local, answers a request: real-time.
    A ``body`` the handler only reads, or decodes from JSON, still says nothing."""
    decoded = ("    raw = event['body']\n"
               "    form = urllib.parse.parse_qs(base64.b64decode(raw).decode('utf-8'))\n"
               "    return embed(form['text'][0])\n")
    plain = "    return embed(json.loads(event['body'])['text'])\n"
    imports = "import base64\nimport json\nimport urllib.parse\n"
    result = project(tmp_path / "a", {"worker.py": imports + handler(decoded)})
    assert classes_of(result) == {("worker.py", 10): "real-time"}
    assert "decodes event['body'] with b64decode" in " | ".join(e.note for e in result.sites[0].evidence)
    assert classes_of(project(tmp_path / "b", {"worker.py": imports + handler(plain)})) == {("worker.py", 10): "unknown"}


def test_a_handler_reading_the_request_headers_is_real_time(tmp_path):
    body = "    token = event['headers'].get('authorization')\n    return embed(token)\n"
    result = project(tmp_path, {"fn/lambda_function.py": handler(body)})
    assert classes_of(result) == {("fn/lambda_function.py", 7): "real-time"}


# A copy of a deployed handler (round 9's milymoreno/aws-bedrock-event-driven, round 13's
# robinruudW/devops_exam_59): serverless.yml deploys lambda_function.py from src/; an older copy of
# that file in another folder, asking the model the same, is packaged by nothing.
DEPLOYED = SERVERLESS.replace("      - schedule: rate(1 day)\n", "      - sqs: arn:aws:sqs:eu-west-1:1:q\n")


def test_a_copy_of_a_deployed_handler_is_started_by_nothing(tmp_path):
    result = project(tmp_path, {"lambda_function.py": handler(S3), "serverless.yml": DEPLOYED,
                                "old/lambda_function.py": handler(S3)})
    assert classes_of(result) == {("lambda_function.py", 7): "near-real-time", ("old/lambda_function.py", 7): "unknown"}
    assert "no caller found for lambda_handler" in evidence_notes(result, ("old/lambda_function.py", 7))


def test_a_handler_of_the_same_name_asking_for_something_else_keeps_its_reading(tmp_path):
    other = handler(S3).replace("bedrock.invoke_model(modelId='amazon.titan-embed-text-v2:0', body=text)",
                                "bedrock.converse(modelId='amazon.nova-lite-v1:0', messages=[text])")
    result = project(tmp_path, {"lambda_function.py": handler(S3), "serverless.yml": DEPLOYED,
                                "lambda/summarize/lambda_function.py": other})
    assert classes_of(result) == {("lambda_function.py", 7): "near-real-time",
                                  ("lambda/summarize/lambda_function.py", 7): "near-real-time"}
