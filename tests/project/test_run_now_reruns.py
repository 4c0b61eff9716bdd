"""A request or bot command handing off the job a schedule runs (label policy 13): a "run now"
giving the job nothing of the request's re-runs the scheduled job (it stays scheduled); one giving
it the request's input hands off work of its own (near-real-time, policy 4); one running the job
inline and waiting is a person waiting (mixed)."""
from __future__ import annotations

import libcst as cst
import pytest
from test_graph import project, sites

from llm_latency_lint.facts.passes import job_passes

SDK = "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(text):\n    return client.chat.completions.create(model='m', messages=[])\n"
SITE = ("llm.py", 7)
# beat runs ``check_digests`` every minute, which fans out one ``digest`` per due user
TASKS = ("from celery import Celery\nfrom llm import ask\n\napp = Celery('w')\n"
         "app.conf.beat_schedule = {'due': {'task': 'tasks.check_digests', 'schedule': 60.0}}\n\n\n"
         "def due_users():\n    return []\n\n\n"
         "@app.task\ndef digest(user_id, prompt='daily'):\n    return ask(prompt)\n\n\n"
         "@app.task\ndef check_digests():\n    for user in due_users():\n        digest.delay(str(user.id))\n\n\n"
         "@app.task\ndef summarize_feed(url=None):\n    return ask(url)\n")
BEAT_FEED = "app.conf.beat_schedule['feed'] = {'task': 'tasks.summarize_feed', 'schedule': 3600.0}\n"
HEAD = "from fastapi import FastAPI\nfrom tasks import check_digests, digest, summarize_feed\n\napp = FastAPI()\n\n\n"


def klass(tmp_path, routes, tasks=TASKS):
    files = {"llm.py": SDK, "tasks.py": tasks, "routes.py": HEAD + routes}
    return sites(project(tmp_path, files)).get(SITE, (None, None))[1]


def test_a_run_now_route_queueing_the_fanned_out_job_for_one_record_re_runs_the_schedule(tmp_path):
    """``POST /admin/digest/{user_id}/run`` queues ``digest`` with the user's id, the place beat's
    own fan-out fills: the scheduled per-user job run now (round 17's morning-digest, round 2's lucy)."""
    routes = "@app.post('/admin/digest/{user_id}/run')\ndef trigger_digest(user_id: str):\n    digest.delay(str(user_id))\n    return {}\n"
    assert klass(tmp_path, routes) == "scheduled"


def test_a_route_queueing_the_scheduled_task_itself_with_no_arguments_re_runs_it(tmp_path):
    """Whatever the route is called, queueing beat's own task with nothing of its own repeats it."""
    routes = "@app.post('/everything')\ndef everything():\n    check_digests.apply_async(countdown=5)\n    return {}\n"
    assert klass(tmp_path, routes) == "scheduled"


def test_a_route_giving_the_job_the_records_id_without_saying_it_runs_a_job_hands_off_its_own_work(tmp_path):
    """``POST /add`` queueing that user's digest after storing a message is event-driven work (round
    2's Flyozzzz/history_rag): a computed argument needs the request to say it runs the job."""
    routes = "@app.post('/add')\ndef add_message(user_id: str):\n    digest.delay(user_id)\n    return {}\n"
    assert klass(tmp_path, routes) == "near-real-time"


def test_a_run_now_route_giving_the_job_an_argument_the_schedule_never_passes_hands_off_its_input(tmp_path):
    """The schedule never fills ``prompt``: the request's text is its own input (policy 4)."""
    routes = ("@app.post('/digest/{user_id}/run')\ndef run_digest(user_id: str, text: str):\n"
              "    digest.delay(user_id, prompt=text)\n    return {}\n")
    assert klass(tmp_path, routes) == "near-real-time"


def test_a_run_now_route_giving_beats_argumentless_job_a_request_value_hands_off_its_input(tmp_path):
    """Beat runs ``summarize_feed`` with no arguments; ``/run`` handing it the request's URL is the
    request's work (pixelmixer/readability-scanner's shape: one article's summary)."""
    routes = "@app.post('/feed/run')\ndef run_feed(url: str):\n    summarize_feed.delay(url)\n    return {}\n"
    assert klass(tmp_path, routes, TASKS + BEAT_FEED) == "near-real-time"


def test_a_run_now_route_running_the_job_inline_keeps_a_person_waiting(tmp_path):
    """Running the scheduled job in the request and waiting for it: mixed (policy 6's reading)."""
    routes = "@app.post('/digest/{user_id}/run')\ndef run_digest(user_id: str):\n    return digest(user_id)\n"
    assert klass(tmp_path, routes) == "mixed"


def test_without_a_schedule_queueing_the_same_task_a_route_hand_off_stays_near_real_time(tmp_path):
    tasks = TASKS.replace("app.conf.beat_schedule = {'due': {'task': 'tasks.check_digests', 'schedule': 60.0}}\n", "")
    routes = "@app.post('/admin/digest/{user_id}/run')\ndef trigger_digest(user_id: str):\n    digest.delay(user_id)\n    return {}\n"
    assert klass(tmp_path, routes, tasks) == "near-real-time"


# ---- an async Lambda invoke of the function a schedule invokes ----------------------------------
TEMPLATE = """AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Trigger:
    Type: AWS::Serverless::Function
    Properties:
      Handler: trigger.handler
      Events:
        Post:
          Type: Api
          Properties:
            Path: /trigger-report
            Method: post
  Nightly:
    Type: AWS::Serverless::Function
    Properties:
      Handler: nightly.handler
      Events:
        Timer:
          Type: Schedule
          Properties:
            Schedule: cron(0 2 * * ? *)
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: report-worker
      Handler: worker.handler
"""
INVOKE = ("import json\nimport boto3\n\nlambda_client = boto3.client('lambda')\n\n\ndef handler(event, context):\n"
          "    lambda_client.invoke(FunctionName='report-worker', InvocationType='Event', Payload=json.dumps(event))\n"
          "    return {'statusCode': 202}\n")
WORKER = "from llm import ask\n\n\ndef handler(event, context):\n    return ask(event.get('text'))\n"


def test_a_route_starting_the_lambda_a_schedule_starts_re_runs_it(tmp_path):
    """``POST /trigger-report`` invoking the worker the nightly function invokes (round 17's
    timebrew.news, there a Step Functions pipeline): the scheduled job started again by hand."""
    files = {"llm.py": SDK, "template.yaml": TEMPLATE, "trigger.py": INVOKE, "nightly.py": INVOKE, "worker.py": WORKER}
    assert sites(project(tmp_path, files)).get(SITE, (None, None))[1] == "scheduled"


def test_a_route_starting_a_lambda_no_schedule_starts_stays_near_real_time(tmp_path):
    files = {"llm.py": SDK, "template.yaml": TEMPLATE, "trigger.py": INVOKE, "nightly.py": "def handler(event, context):\n    return 1\n",
             "worker.py": WORKER}
    assert sites(project(tmp_path, files)).get(SITE, (None, None))[1] == "near-real-time"


# ---- what a hand-off gives its job (``facts/passes.py``) ---------------------------------------
@pytest.mark.parametrize("code, qualified, method, job_at, expected", [
    ("t.delay(user.id, 'daily', force=True)", "", "delay", None, ["0", "1='daily'", "force=True"]),
    ("t.delay()", "", "delay", None, []),
    ("t.apply_async(args=(uid,), kwargs={'mode': 'full'}, countdown=5)", "", "apply_async", None, ["0", "mode='full'"]),
    ("t.apply_async((uid, 3))", "", "apply_async", None, ["0", "1=3"]),
    ("t.apply_async(args=build())", "", "apply_async", None, None),
    ("q.enqueue(job, uid, job_timeout=600)", "", "enqueue", 0, ["0", "job_timeout=600"]),
    ("loop.run_in_executor(None, job, uid)", "", "run_in_executor", 1, ["0"]),
    ("threading.Thread(target=job, args=(uid,))", "threading.Thread", "Thread", None, ["0"]),
    ("t.delay(*ids)", "", "delay", None, None),
])
def test_the_places_a_hand_off_fills(code, qualified, method, job_at, expected):
    node = cst.parse_expression(code)
    assert isinstance(node, cst.Call)
    job = node.args[job_at].value if job_at is not None else None
    assert job_passes(node, qualified, method, job) == expected
