"""Deploy commands a repository documents (label policy 2 for deployments): ``gcloud functions
deploy`` with its trigger option, ``aws lambda create-function`` with what the same doc makes invoke
it; a command naming no trigger adds nothing but its entry."""
from __future__ import annotations

from typing import List

import pytest
from support.fixlib import write_project

from llm_latency_lint.catalog.sources import docs
from llm_latency_lint.config import Config
from llm_latency_lint.engine import run
from llm_latency_lint.model import Trigger

DEPLOY = """# Listener

## Deployment

```bash
gcloud functions deploy listener \\
  --gen2 --runtime python312 \\
  TRIGGER \\
  --entry-point on_message \\
  SOURCE
```
"""


def shape(triggers: List[Trigger]):
    return [(t.kind, t.target, t.weak, t.entry_key) for t in triggers]


@pytest.mark.parametrize("trigger, expected", [
    ("--trigger-topic inbox", [("entry", "pubsub:inbox", False), ("near-real-time", None, True)]),
    ("--trigger-http", [("entry", "cloudfn:listener", False), ("real-time", None, True)]),
    ("--trigger-bucket uploads", [("near-real-time", None, False)]),
    ("--trigger-event-filters=type=google.cloud.storage.object.v1.finalized", [("near-real-time", None, False)]),
    ("--memory 256MB", [("entry", "cloudfn:listener", False)]),  # no trigger named: the entry alone
])
def test_a_documented_function_deploy_is_triggered_as_its_option_says(trigger, expected):
    found = docs.parse("functions/listener/README.md", DEPLOY.replace("TRIGGER", trigger).replace("SOURCE", "--quiet"))
    assert [(t.kind, t.entry_key, t.weak) for t in found] == expected
    assert {tuple(t.target) for t in found} == {("str", "functions.listener.main.on_message")}


@pytest.mark.parametrize("source", ["--source functions/listener", "--source .", "--source=."])
def test_the_source_folder_is_the_docs_own_or_written_from_the_root(source):
    """``--source`` is relative to where the command runs: the doc's folder, unless the path already
    names that folder (written from the repository root)."""
    found = docs.parse("functions/listener/README.md",
                       DEPLOY.replace("TRIGGER", "--trigger-topic inbox").replace("SOURCE", source))
    assert {tuple(t.target) for t in found} == {("str", "functions.listener.main.on_message")}


MAIN = """from summarize import summarize


def on_message(event, context):
    return summarize(event)
"""

SUMMARIZE = """import openai


def summarize(text):
    return openai.OpenAI().chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
"""


@pytest.mark.parametrize("trigger, expected", [
    ("--trigger-topic inbox", "near-real-time"), ("--trigger-http", "real-time"), ("--memory 1GB", "unknown")])
def test_a_documented_function_deploy_classifies_what_its_entry_point_reaches(tmp_path, trigger, expected):
    files = {"functions/listener/README.md": DEPLOY.replace("TRIGGER", trigger).replace("SOURCE", "--source functions/listener"),
             "functions/listener/main.py": MAIN, "functions/listener/summarize.py": SUMMARIZE}
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    assert {(s.resolved.facts.path, s.latency_class) for s in result.sites} == {
        ("functions/listener/summarize.py", expected)}


def test_a_topic_a_documented_scheduler_publishes_to_is_the_schedule(tmp_path):
    """The weak topic trigger gives way to the schedule that publishes to it."""
    readme = DEPLOY.replace("TRIGGER", "--trigger-topic inbox").replace("SOURCE", "--source functions/listener") + (
        '\n```bash\ngcloud scheduler jobs create pubsub daily --schedule "0 6 * * *" --topic inbox --message-body go\n```\n')
    files = {"functions/listener/README.md": readme, "functions/listener/main.py": MAIN,
             "functions/listener/summarize.py": SUMMARIZE}
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    assert {s.latency_class for s in result.sites} == {"scheduled"}


LAMBDA_DOC = """```bash
aws lambda create-function --function-name digest --handler app.handler.run --runtime python3.12 \\
  --zip-file fileb://f.zip
COMMAND
```
"""


@pytest.mark.parametrize("command, expected", [
    ("aws lambda create-event-source-mapping --function-name digest --event-source-arn arn:aws:sqs:x:1:q",
     [("near-real-time", ["str", "app.handler.run"])]),
    ("aws lambda create-function-url-config --function-name arn:aws:lambda:eu-west-1:1:function:digest --auth-type NONE",
     [("real-time", ["str", "app.handler.run"])]),
    ("aws lambda create-event-source-mapping --function-name other --event-source-arn arn:aws:sqs:x:1:q", []),
    ("aws lambda invoke --function-name digest out.json", []),  # a test call: no trigger
])
def test_a_documented_lambda_invoker_runs_the_handler_the_doc_creates(command, expected):
    found = docs.parse("docs/deploy.md", LAMBDA_DOC.replace("COMMAND", command))
    assert [(t.kind, t.target) for t in found] == expected
