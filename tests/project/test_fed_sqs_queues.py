"""An SQS queue whose every sender in the project is scheduled is the schedule's fan-out.

Issue 15, round 16 (matheusg18/mail-digest-aws): a SAM template's nightly dispatcher sends one SQS
message per account (``sqs.send_message(QueueUrl=os.environ["SQS_QUEUE_URL"], ...)``, the variable
the template sets to ``!Ref SummaryJobQueue``) and a worker Lambda the queue's ``Type: SQS`` event
runs summarises: scheduled, as Azure queues fed by a timer (``test_fed_queues.py``).
"""
from __future__ import annotations

from test_graph import project, sites

SDK = "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(text):\n    return client.chat.completions.create(model='m', messages=[])\n"
SITE = ("src/llm.py", 7)
WORKER = "from llm import ask\n\n\ndef handler(event, context):\n    for record in event['Records']:\n        ask(record['body'])\n"


def dispatcher(url="os.environ['QUEUE_URL']"):
    return ("import os\nimport boto3\n\nsqs = boto3.client('sqs')\nQUEUE = " + url + "\n\n\n"
            "def handler(event, context):\n    for item in ['a', 'b']:\n"
            "        sqs.send_message(QueueUrl=QUEUE, MessageBody=item)\n")


def template(sender_events="Schedule", variable="QUEUE_URL: !Ref Jobs", mapping=False):
    events = ("      Events:\n        Nightly:\n          Type: Schedule\n          Properties:\n"
              "            Schedule: cron(0 23 * * ? *)\n") if sender_events == "Schedule" else (
        "      Events:\n        Post:\n          Type: Api\n          Properties:\n            Path: /go\n"
        "            Method: post\n")
    worker_events = "" if mapping else (
        "      Events:\n        FromQueue:\n          Type: SQS\n          Properties:\n"
        "            Queue: !GetAtt Jobs.Arn\n")
    extra = ("  Mapping:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n"
             "      EventSourceArn: !GetAtt Jobs.Arn\n      FunctionName: !Ref Worker\n") if mapping else ""
    return ("Transform: AWS::Serverless-2016-10-31\nResources:\n"
            "  Jobs:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: digest-jobs\n"
            "  Dispatcher:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n"
            "      Handler: dispatch.handler\n      Environment:\n        Variables:\n          " + variable + "\n"
            + events +
            "  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n"
            "      Handler: worker.handler\n" + worker_events + extra)


def klass(tmp_path, files):
    found = sites(project(tmp_path, {"src/llm.py": SDK, "src/worker.py": WORKER, **files}))
    return found.get(SITE, (None, None))[1]


def test_a_queue_only_a_scheduled_function_feeds_runs_on_its_schedule(tmp_path):
    assert klass(tmp_path, {"template.yaml": template(), "src/dispatch.py": dispatcher()}) == "scheduled"


def test_the_queue_url_as_an_attribute_of_the_queue(tmp_path):
    files = {"template.yaml": template(variable="QUEUE_URL: !GetAtt Jobs.QueueUrl"), "src/dispatch.py": dispatcher()}
    assert klass(tmp_path, files) == "scheduled"


def test_an_event_source_mapping_resource_consumes_the_queue(tmp_path):
    files = {"template.yaml": template(mapping=True), "src/dispatch.py": dispatcher()}
    assert klass(tmp_path, files) == "scheduled"


def test_a_literal_queue_url_names_the_queue_by_its_last_segment(tmp_path):
    url = "'https://sqs.eu-west-1.amazonaws.com/123456789012/digest-jobs'"
    assert klass(tmp_path, {"template.yaml": template(), "src/dispatch.py": dispatcher(url)}) == "scheduled"


def test_a_sender_a_route_runs_leaves_the_queue_near_real_time(tmp_path):
    files = {"template.yaml": template(sender_events="Api"), "src/dispatch.py": dispatcher()}
    assert klass(tmp_path, files) == "near-real-time"


def test_a_sender_to_another_variable_feeds_nothing_here(tmp_path):
    files = {"template.yaml": template(), "src/dispatch.py": dispatcher("os.environ['OTHER_URL']")}
    assert klass(tmp_path, files) == "near-real-time"


def test_a_queue_with_no_sender_in_the_scan_is_an_event(tmp_path):
    assert klass(tmp_path, {"template.yaml": template()}) == "near-real-time"




def test_a_second_queue_the_function_reads_with_no_sender_keeps_its_event(tmp_path):
    second = ("        FromUploads:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Uploads.Arn\n"
              "  Uploads:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: user-uploads\n")
    files = {"template.yaml": template() + second, "src/dispatch.py": dispatcher()}
    assert klass(tmp_path, files) == "near-real-time"


def test_an_s3_notification_to_the_queue_feeds_it_from_outside(tmp_path):
    bucket = ("  Inbox:\n    Type: AWS::S3::Bucket\n    Properties:\n      NotificationConfiguration:\n"
              "        QueueConfigurations:\n          - Event: s3:ObjectCreated:*\n            Queue: !GetAtt Jobs.Arn\n")
    files = {"template.yaml": template() + bucket, "src/dispatch.py": dispatcher()}
    assert klass(tmp_path, files) == "near-real-time"


def test_an_sns_subscription_of_the_queue_feeds_it_from_outside(tmp_path):
    sub = ("  Topic:\n    Type: AWS::SNS::Topic\n  Sub:\n    Type: AWS::SNS::Subscription\n    Properties:\n"
           "      Protocol: sqs\n      TopicArn: !Ref Topic\n      Endpoint: !GetAtt Jobs.Arn\n")
    files = {"template.yaml": template() + sub, "src/dispatch.py": dispatcher()}
    assert klass(tmp_path, files) == "near-real-time"


def test_a_queue_policy_granting_a_service_feeds_it_from_outside(tmp_path):
    policy = ("  JobsPolicy:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      Queues: [!Ref Jobs]\n"
              "      PolicyDocument:\n        Statement:\n          - Effect: Allow\n"
              "            Principal: {Service: events.amazonaws.com}\n            Action: sqs:SendMessage\n")
    files = {"template.yaml": template() + policy, "src/dispatch.py": dispatcher()}
    assert klass(tmp_path, files) == "near-real-time"


API = ("  Api:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: api.handler\n"
       "      Environment:\n        Variables:\n          QUEUE_URL: !Ref Jobs\n      Events:\n        Post:\n"
       "          Type: Api\n          Properties:\n            Path: /go\n            Method: post\n")


def test_a_resource_queue_a_route_sends_to_is_near_real_time(tmp_path):
    api = ("import os\nimport boto3\n\nqueue = boto3.resource('sqs').Queue(os.environ['QUEUE_URL'])\n\n\n"
           "def handler(event, context):\n    queue.send_message(MessageBody=event['body'])\n")
    files = {"template.yaml": template() + API, "src/dispatch.py": dispatcher(), "src/api.py": api}
    assert klass(tmp_path, files) == "near-real-time"


def test_a_queue_url_looked_up_by_name_names_the_queue(tmp_path):
    api = ("import boto3\n\nsqs = boto3.client('sqs')\n\n\ndef handler(event, context):\n"
           "    url = sqs.get_queue_url(QueueName='digest-jobs')['QueueUrl']\n"
           "    sqs.send_message(QueueUrl=url, MessageBody=event['body'])\n")
    files = {"template.yaml": template() + API, "src/dispatch.py": dispatcher(), "src/api.py": api}
    assert klass(tmp_path, files) == "near-real-time"


def test_a_send_to_a_url_the_scan_cannot_read_keeps_the_event(tmp_path):
    helper = ("import boto3\n\nsqs = boto3.client('sqs')\n\n\ndef enqueue(url, body):\n"
              "    sqs.send_message(QueueUrl=url, MessageBody=body)\n")
    api = "import os\nfrom queueing import enqueue\n\n\ndef handler(event, context):\n    enqueue(os.environ['QUEUE_URL'], 'x')\n"
    files = {"template.yaml": template() + API, "src/dispatch.py": dispatcher(), "src/api.py": api,
             "src/queueing.py": helper}
    assert klass(tmp_path, files) == "near-real-time"


def test_a_variable_of_another_template_names_another_queue(tmp_path):
    """Two deployments each set ``QUEUE_URL``: the nightly digest's sender does not feed the uploads queue."""
    uploads = ("Transform: AWS::Serverless-2016-10-31\nResources:\n  Jobs:\n    Type: AWS::SQS::Queue\n"
               "  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n"
               "      Handler: worker.handler\n      Environment:\n        Variables:\n          QUEUE_URL: !Ref Jobs\n"
               "      Events:\n        FromQueue:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Jobs.Arn\n")
    files = {"digest/template.yaml": template(), "digest/src/dispatch.py": dispatcher(),
             "digest/src/worker.py": "def handler(event, context):\n    print(event)\n",
             "uploads/template.yaml": uploads, "uploads/src/llm.py": SDK, "uploads/src/worker.py": WORKER}
    found = sites(project(tmp_path, files))
    assert found[("uploads/src/llm.py", 7)][1] == "near-real-time"


def test_queue_names_keep_their_case(tmp_path):
    url = "'https://sqs.eu-west-1.amazonaws.com/123456789012/Digest-Jobs'"
    assert klass(tmp_path, {"template.yaml": template(), "src/dispatch.py": dispatcher(url)}) == "near-real-time"
