"""Round 17's schedule misses as general shapes: a documented crontab running a wrapper that does
``docker-compose -f jobs.yml up`` of a one-shot job image; a FastAPI lifespan's interval loop whose
period its caller passes; a route in a namespace folder importing ``..core``; a scheduled Lambda
starting a Step Functions state machine whose task states invoke the summarizer Lambda."""
from __future__ import annotations

from test_graph import project
from test_reach import classes_of, evidence_notes

from llm_latency_lint.catalog.command_lines import entry_keys

CLIENT = ("from openai import OpenAI\n\n\ndef summarize(text):\n"
          "    return OpenAI().chat.completions.create(model='m', messages=[])\n")


# ---- docker compose up ---------------------------------------------------------------------
def test_compose_up_runs_the_services_of_the_file_it_names():
    assert entry_keys("docker-compose -f docker-compose.scheduler.yml up --rm") == [
        "compose-file:docker-compose.scheduler.yml"]
    assert entry_keys("cd deploy && docker compose --file jobs.yml up -d") == ["compose-file:deploy/jobs.yml"]
    assert entry_keys("docker compose up -d --scale web=2 digest") == ["compose:digest"]
    assert entry_keys("docker compose up -d") == ["compose-file:<default>"]
    assert entry_keys("cd /srv/app && docker compose --profile jobs up -d") == [
        "compose-file:/srv/app/<default>", "compose-file:/srv/app/<default>#profile=jobs"]


def test_compose_global_options_before_run_are_skipped():
    assert entry_keys("docker-compose -f jobs.yml -p digest run --rm job") == ["compose:job"]
    assert entry_keys("docker compose build") == []


JOB = ("import asyncio\n\nfrom client import summarize\n\n\nclass Scheduler:\n"
       "    async def run_job(self):\n        return summarize('x')\n\n\n"
       "async def main():\n    await Scheduler().run_job()\n\n\n"
       "if __name__ == '__main__':\n    asyncio.run(main())\n")
WRAPPER = "#!/bin/bash\nset -e\ndocker-compose -f docker-compose.jobs.yml build\ndocker-compose -f docker-compose.jobs.yml up\n"
COMPOSE = ("services:\n  job:\n    build:\n      context: .\n      dockerfile: Dockerfile.jobs\n"
           "    restart: 'no'\n")
README = "# Digest\n\n```bash\n0 */3 * * * cd /path/to/digest && ./run-jobs.sh\n```\n"


def test_a_documented_crontab_running_a_compose_up_wrapper_schedules_the_job_image(tmp_path):
    files = {"client.py": CLIENT, "job.py": JOB, "run-jobs.sh": WRAPPER, "docker-compose.jobs.yml": COMPOSE,
             "Dockerfile.jobs": "FROM python:3.11\nCOPY . .\nCMD [\"python\", \"job.py\"]\n", "README.md": README}
    result = project(tmp_path, files)
    assert classes_of(result) == {("client.py", 5): "scheduled"}
    assert "runs the services of docker-compose.jobs.yml" in evidence_notes(result, ("client.py", 5))


def test_without_the_up_line_the_job_is_run_by_hand(tmp_path):
    files = {"client.py": CLIENT, "job.py": JOB, "run-jobs.sh": "#!/bin/bash\necho nothing\n",
             "docker-compose.jobs.yml": COMPOSE, "README.md": README,
             "Dockerfile.jobs": "FROM python:3.11\nCOPY . .\nCMD [\"python\", \"job.py\"]\n"}
    assert classes_of(project(tmp_path, files)) == {("client.py", 5): "real-time"}


def _script(name: str) -> str:
    return CLIENT.replace("summarize", name) + f"\n\nif __name__ == '__main__':\n    {name}('x')\n"


def test_compose_up_without_a_file_starts_its_own_folders_default_file_only(tmp_path):
    """``docker compose up`` reads the working directory's ``docker-compose.yml``, not an example's
    ``compose.yaml`` in another folder."""
    files = {"digest.py": _script("digest"), "examples/chat/chat.py": _script("chat"),
             "run.sh": "#!/bin/sh\ndocker compose up\n", "crontab": "0 7 * * * /opt/digest/run.sh\n",
             "docker-compose.yml": "services:\n  digest:\n    command: python digest.py\n",
             "examples/chat/compose.yaml": "services:\n  chat:\n    command: python chat.py\n"}
    assert classes_of(project(tmp_path, files)) == {("digest.py", 5): "scheduled",
                                                    ("examples/chat/chat.py", 5): "real-time"}


PROFILED = "services:\n  web:\n    image: nginx\n  ask:\n    command: python ask.py\n    profiles: [tools]\n"


def test_compose_up_leaves_a_service_of_a_profile_it_does_not_enable(tmp_path):
    files = {"ask.py": _script("ask"), "docker-compose.yml": PROFILED,
             "crontab": "*/10 * * * * cd /srv/app && docker compose up -d\n"}
    assert classes_of(project(tmp_path, files)) == {("ask.py", 5): "real-time"}
    files["crontab"] = "*/10 * * * * cd /srv/app && docker compose --profile tools up -d\n"
    assert classes_of(project(tmp_path / "enabled", files)) == {("ask.py", 5): "scheduled"}


# ---- a loop's period passed by its caller --------------------------------------------------
LOOPS = ("import asyncio\nimport os\n\nfrom app.client import summarize\n\n\n"
         "class Digest:\n    interval = None\n\n    def run(self):\n        summarize('x')\n\n\n"
         "async def _run_interval(plugin, interval: int):\n    while True:\n"
         "        await asyncio.to_thread(plugin.run)\n        await asyncio.sleep(interval)\n\n\n"
         "async def plugin_loop():\n    plugin = Digest()\n"
         "    interval = plugin.interval or int(os.getenv('PLUGIN_INTERVAL', 86400))\n"
         "    asyncio.create_task(_run_interval(plugin, interval))\n")
MAIN = ("import asyncio\n\nfrom fastapi import FastAPI\n\nfrom app.core import plugin_loop\n\n\n"
        "async def lifespan(app):\n    asyncio.create_task(plugin_loop())\n    yield\n\n\n"
        "app = FastAPI(lifespan=lifespan)\n")


def test_a_lifespan_loop_sleeping_the_period_its_caller_passes_is_a_schedule(tmp_path):
    files = {"app/__init__.py": "", "app/client.py": CLIENT, "app/core.py": LOOPS, "main.py": MAIN}
    result = project(tmp_path, files)
    assert classes_of(result) == {("app/client.py", 5): "scheduled"}
    assert "_run_interval loops and sleeps daily" in evidence_notes(result, ("app/client.py", 5))


def test_a_short_period_passed_is_a_poll_and_the_start_up_hands_it_off(tmp_path):
    loops = LOOPS.replace("plugin.interval or int(os.getenv('PLUGIN_INTERVAL', 86400))", "2")
    files = {"app/__init__.py": "", "app/client.py": CLIENT, "app/core.py": loops, "main.py": MAIN}
    assert classes_of(project(tmp_path, files)) == {("app/client.py", 5): "near-real-time"}


# ---- a relative import above the folders' packages -----------------------------------------
VIEWS = ("from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.post('/fetch')\n"
         "def trigger_fetch():\n    from ..core import digest\n\n    digest()\n")


def test_a_route_in_a_namespace_folder_imports_its_packages_sibling(tmp_path):
    """``app/api/`` has no ``__init__.py``: ``main.py`` imports ``app.api.views``, so ``..core`` is ``app.core``."""
    core = "from app.client import summarize\n\n\ndef digest():\n    summarize('x')\n"
    main = "from fastapi import FastAPI\n\nfrom app.api.views import router\n\napp = FastAPI()\napp.include_router(router)\n"
    files = {"app/__init__.py": "", "app/client.py": CLIENT, "app/core.py": core, "app/api/views.py": VIEWS,
             "main.py": main}
    assert classes_of(project(tmp_path, files)) == {("app/client.py", 5): "real-time"}


# ---- Step Functions ------------------------------------------------------------------------
STARTER = ("import os\n\nimport boto3\n\n\ndef lambda_handler(event, context):\n"
           "    arn = os.environ.get('PIPELINE_ARN')\n"
           "    boto3.client('stepfunctions').start_execution(stateMachineArn=arn, input='{}')\n")
CURATOR = "from client import summarize\n\n\ndef lambda_handler(event, context):\n    return summarize('x')\n"
SERVERLESS = """service: brew
provider:
  name: aws
functions:
  curator:
    handler: curator.lambda_handler
  scheduler:
    handler: starter.lambda_handler
    environment:
      PIPELINE_ARN: !Ref Pipeline
    events:
      - schedule: rate(15 minutes)
resources:
  Resources:
    Pipeline:
      Type: AWS::StepFunctions::StateMachine
      Properties:
        DefinitionString: |
          {"StartAt": "Curate", "States": {"Curate": {"Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "${self:service}-${self:provider.stage}-curator", "Payload.$": "$"},
            "End": true}}}
"""


def test_a_scheduled_lambda_starting_a_state_machine_schedules_its_task_lambdas(tmp_path):
    files = {"client.py": CLIENT, "starter.py": STARTER, "curator.py": CURATOR, "serverless.yml": SERVERLESS}
    result = project(tmp_path, files)
    assert classes_of(result) == {("client.py", 5): "scheduled"}
    notes = evidence_notes(result, ("client.py", 5))
    assert "invokes state machine PIPELINE_ARN and does not wait for it" in notes
    assert "state machine 'Pipeline' (serverless.yml) runs task state 'Curate'" in notes


def test_a_route_starting_the_state_machine_hands_it_off(tmp_path):
    serverless = SERVERLESS.replace("      - schedule: rate(15 minutes)", "      - http:\n          path: run\n          method: post")
    files = {"client.py": CLIENT, "starter.py": STARTER, "curator.py": CURATOR, "serverless.yml": serverless}
    assert classes_of(project(tmp_path, files)) == {("client.py", 5): "near-real-time"}


PLUGIN = """service: brew
provider:
  name: aws
functions:
  curator:
    handler: curator.lambda_handler
stepFunctions:
  stateMachines:
    nightly:
      events:
        - schedule: cron(0 6 * * ? *)
      definition:
        StartAt: Curate
        States:
          Fan:
            Type: Parallel
            Branches:
              - StartAt: Curate
                States:
                  Curate:
                    Type: Task
                    Resource:
                      Fn::GetAtt: [curator, Arn]
                    End: true
            End: true
"""


def test_a_plugin_state_machine_with_a_schedule_event_schedules_its_tasks(tmp_path):
    files = {"client.py": CLIENT, "curator.py": CURATOR, "serverless.yml": PLUGIN}
    result = project(tmp_path, files)
    assert classes_of(result) == {("client.py", 5): "scheduled"}
    assert "schedule 'cron(0 6 * * ? *)'" in evidence_notes(result, ("client.py", 5))


SAM = """AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Curator:
    Type: AWS::Serverless::Function
    Properties:
      Handler: curator.lambda_handler
  Pipeline:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionSubstitutions:
        CuratorArn: !GetAtt Curator.Arn
      Definition:
        StartAt: Curate
        States:
          Curate:
            Type: Task
            Resource: arn:aws:states:::lambda:invoke
            Parameters:
              FunctionName: ${CuratorArn}
            End: true
      Events:
        Nightly:
          Type: Schedule
          Properties:
            Schedule: rate(1 day)
"""


def test_a_sam_state_machine_substitutes_its_task_functions(tmp_path):
    files = {"client.py": CLIENT, "curator.py": CURATOR, "template.yaml": SAM}
    assert classes_of(project(tmp_path, files)) == {("client.py", 5): "scheduled"}


NAMES = """service: news
provider:
  name: aws
functions:
  summarize:
    handler: summarize.handler
    events:
      - httpApi:
          path: /summarize
          method: post
  weekly-summarize:
    handler: weekly.handler
stepFunctions:
  stateMachines:
    weekly:
      events:
        - schedule: rate(7 days)
      definition:
        StartAt: Run
        States:
          Run:
            Type: Task
            Resource: arn:aws:lambda:us-east-1:123:function:${self:service}-${sls:stage}-weekly-summarize
            End: true
"""


def test_a_task_state_runs_the_function_its_deployed_name_ends_with_not_a_shorter_one(tmp_path):
    handler = "from openai import OpenAI\n\n\ndef handler(event, context):\n    return OpenAI().chat.completions.create(model='m', messages=[])\n"
    files = {"summarize.py": handler, "weekly.py": handler, "serverless.yml": NAMES}
    assert classes_of(project(tmp_path, files)) == {("summarize.py", 5): "real-time", ("weekly.py", 5): "scheduled"}
