"""A queue consumer whose every sender in the project is scheduled is the schedule's fan-out.

Issue 15, round 12: an Azure Functions queue trigger fed only by a timer function of the same app
runs on the timer's schedule; a sender a route runs (or one nothing runs) leaves it near-real-time.
"""
from __future__ import annotations

import json

from test_graph import project, sites

SDK = "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(text):\n    return client.chat.completions.create(model='m', messages=[])\n"
SITE = ("llm.py", 7)
CONSUMER = "import azure.functions as func\nfrom llm import ask\n\n\ndef main(msg: func.QueueMessage) -> None:\n    ask(msg.get_body())\n"
STORAGE = "import os\nimport azure.functions as func\nfrom azure.storage.queue import QueueClient\n\n\n"


def binding(kind, **fields):
    return json.dumps({"scriptFile": "__init__.py", "bindings": [{"name": "x", "type": kind, "direction": "in", **fields}]})


TIMER = binding("timerTrigger", schedule="0 0 22 * * 1-5")
HTTP = binding("httpTrigger", methods=["post"])


def klass(tmp_path, files, queue="jobs", kind="queueTrigger"):
    found = sites(project(tmp_path, {"llm.py": SDK, "worker/__init__.py": CONSUMER,
                                     "worker/function.json": binding(kind, queueName=queue, connection="STORAGE"),
                                     **files}))
    return found.get(SITE, (None, None))[1]


def sender(queue='"jobs"', handler="main(mytimer: func.TimerRequest)"):
    return STORAGE + (f"def {handler} -> None:\n"
                      f"    client = QueueClient.from_connection_string(os.environ['STORAGE'], {queue})\n"
                      "    for item in ['a', 'b']:\n        client.send_message(item)\n")


def test_a_queue_only_a_timer_feeds_runs_on_its_schedule(tmp_path):
    assert klass(tmp_path, {"feed/__init__.py": sender(), "feed/function.json": TIMER}) == "scheduled"


def test_a_queue_a_timer_and_a_route_feed_is_near_real_time(tmp_path):
    assert klass(tmp_path, {"feed/__init__.py": sender(), "feed/function.json": TIMER,
                            "api/__init__.py": sender(handler="main(req: func.HttpRequest)"),
                            "api/function.json": HTTP}) == "near-real-time"


def test_a_sender_nothing_runs_leaves_the_queue_an_event(tmp_path):
    assert klass(tmp_path, {"feed/__init__.py": sender(), "feed/function.json": TIMER,
                            "tools/push.py": sender(handler="push()")}) == "near-real-time"


def test_a_timer_sending_to_another_queue_feeds_nothing_here(tmp_path):
    assert klass(tmp_path, {"feed/__init__.py": sender('"other"'), "feed/function.json": TIMER}) == "near-real-time"


def test_a_queue_named_by_a_setting_is_matched_by_the_account_it_is_sent_on(tmp_path):
    # The scan cannot read the setting's value: the message goes to some queue of that account.
    assert klass(tmp_path, {"feed/__init__.py": sender("os.environ['QUEUE_NAME']"), "feed/function.json": TIMER},
                 queue="rssprocess") == "scheduled"


def test_a_setting_the_consumer_also_names_matches(tmp_path):
    assert klass(tmp_path, {"feed/__init__.py": sender("os.getenv('JOBS')"), "feed/function.json": TIMER},
                 queue="%JOBS%") == "scheduled"


def test_a_service_bus_queue_a_timer_feeds(tmp_path):
    code = ("import os\nimport azure.functions as func\nfrom azure.servicebus import ServiceBusClient, ServiceBusMessage\n\n\n"
            "def main(mytimer: func.TimerRequest) -> None:\n"
            "    with ServiceBusClient.from_connection_string(os.environ['STORAGE']) as client:\n"
            "        with client.get_queue_sender(queue_name='jobs') as sender:\n"
            "            sender.send_messages(ServiceBusMessage('x'))\n")
    assert klass(tmp_path, {"feed/__init__.py": code, "feed/function.json": TIMER},
                 kind="serviceBusTrigger") == "scheduled"


def test_a_queue_with_no_sender_in_the_scan_is_an_event(tmp_path):
    assert klass(tmp_path, {}) == "near-real-time"


def test_an_output_binding_of_a_timer_feeds_the_queue(tmp_path):
    out = json.dumps({"scriptFile": "__init__.py", "bindings": [
        {"name": "t", "type": "timerTrigger", "direction": "in", "schedule": "0 0 6 * * *"},
        {"name": "msg", "type": "queue", "direction": "out", "queueName": "jobs", "connection": "STORAGE"}]})
    code = "import azure.functions as func\n\n\ndef main(t: func.TimerRequest, msg: func.Out[str]) -> None:\n    msg.set('go')\n"
    assert klass(tmp_path, {"feed/__init__.py": code, "feed/function.json": out}) == "scheduled"


V2 = ("import azure.functions as func\nfrom llm import ask\n\napp = func.FunctionApp()\n\n\n"
      "@app.queue_trigger(arg_name='msg', queue_name='jobs', connection='STORAGE')\n"
      "def work(msg: func.QueueMessage) -> None:\n    ask(msg.get_body())\n\n\n"
      "@app.{trigger}\n@app.queue_output(arg_name='out', queue_name='jobs', connection='STORAGE')\n"
      "def feed({param}, out: func.Out[str]) -> None:\n    out.set('go')\n")


def test_v2_decorators_a_timer_feeding_a_queue_trigger(tmp_path):
    found = sites(project(tmp_path, {"llm.py": SDK, "function_app.py": V2.format(
        trigger="timer_trigger(schedule='0 0 6 * * *', arg_name='t')", param="t: func.TimerRequest")}))
    assert found[SITE][1] == "scheduled"


def test_v2_decorators_a_route_feeding_a_queue_trigger(tmp_path):
    found = sites(project(tmp_path, {"llm.py": SDK, "function_app.py": V2.format(
        trigger="route(route='go')", param="req: func.HttpRequest")}))
    assert found[SITE][1] == "near-real-time"


SUBSCRIBER = ("import functions_framework\nfrom llm import ask\n\n\n@functions_framework.cloud_event\n"
              "def handle(event):\n    ask(event.data)\n")
PUBLISHER = ("from google.cloud import pubsub_v1\n\npublisher = pubsub_v1.PublisherClient()\n\n\n"
             "def {name}():{pragma}\n    topic = publisher.topic_path('proj', 'digest')\n"
             "    publisher.publish(topic, b'go')\n")


def pubsub_class(tmp_path, files):
    found = sites(project(tmp_path, {"sub/llm.py": SDK, "sub/main.py": SUBSCRIBER,
                                     "deploy.sh": "gcloud functions deploy digest --source sub --entry-point handle "
                                                  "--trigger-topic digest --runtime python312\n", **files}))
    return found.get(("sub/llm.py", 7), (None, None))[1]


def test_a_pubsub_topic_a_schedule_publishes_to(tmp_path):
    assert pubsub_class(tmp_path, {"jobs.py": PUBLISHER.format(name="nightly", pragma="  # llm-latency: scheduled")}) \
        == "scheduled"


def test_a_pubsub_topic_a_route_publishes_to(tmp_path):
    route = PUBLISHER.format(name="go", pragma="") + "\n\nfrom flask import Flask\n\napp = Flask(__name__)\napp.route('/go')(go)\n"
    assert pubsub_class(tmp_path, {"web.py": route}) == "near-real-time"


def test_a_client_opened_at_module_level_sends_for_the_function(tmp_path):
    code = (STORAGE + "client = QueueClient.from_connection_string(os.environ['STORAGE'], 'jobs')\n\n\n"
            "def main(mytimer: func.TimerRequest) -> None:\n    client.send_message('go')\n")
    assert klass(tmp_path, {"feed/__init__.py": code, "feed/function.json": TIMER}) == "scheduled"
