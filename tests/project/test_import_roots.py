"""A folder on ``sys.path`` that is itself a package (issue 15, round 9): a Lambda's ``CodeUri: src/``
holding ``src/__init__.py``, whose handler imports the packages beside it by their bare names, and
those packages import each other the same way. The modules are named ``src.*`` by their path from
the scan root, so the bare names resolve only once the handler's folder is read as an import root."""
from __future__ import annotations

from test_graph import project
from test_reach import classes_of

TEMPLATE = (
    "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n"
    "    Properties:\n      CodeUri: src/\n      Handler: app.handler\n      Events:\n"
    "        Api:\n          Type: Api\n          Properties:\n            Path: /run\n            Method: post\n"
    "        Nightly:\n          Type: ScheduleV2\n          Properties:\n"
    "            ScheduleExpression: cron(0 20 ? * MON-FRI *)\n"
)
APP = ("from services import Runner\n\nrunner = Runner()\n\n\n"
       "def handler(event, context):\n    return runner.run(event['body'])\n")
SERVICE = ("from agents import Writer\n\n\nclass Runner:\n    def __init__(self):\n"
           "        self.writer = Writer()\n\n    def run(self, text):\n        return self.writer.execute(text)\n")
AGENT = ("from langchain_openai import ChatOpenAI\n\n\nclass Writer:\n    llm = ChatOpenAI(model='m')\n\n"
         "    def execute(self, text):\n        return self.llm.invoke(text)\n")
SITE = ("src/agents/writer.py", 8)


def layout(app: str = APP) -> dict:
    return {
        "template.yaml": TEMPLATE,
        "src/__init__.py": "",
        "src/app.py": app,
        "src/services/__init__.py": "from .runner import Runner\n",
        "src/services/runner.py": SERVICE,
        "src/agents/__init__.py": "from .writer import Writer\n",
        "src/agents/writer.py": AGENT,
    }


def test_a_handler_importing_a_package_beside_it_makes_its_folder_an_import_root(tmp_path):
    result = project(tmp_path, layout())
    assert classes_of(result) == {SITE: "mixed"}
    chain = " | ".join(e.note for e in result.sites[0].evidence)
    assert "Runner.run calls Writer.execute" in chain


def test_a_package_nothing_imports_by_its_bare_name_is_no_root(tmp_path):
    # the handler imports its sibling through the package it lives in: no bare import, no extra alias
    app = APP.replace("from services import Runner", "from src.services import Runner")
    files = layout(app)
    files["src/services/runner.py"] = SERVICE.replace("from agents import", "from src.agents import")
    assert classes_of(project(tmp_path, files)) == {SITE: "mixed"}


def test_an_sdk_name_stays_the_sdk(tmp_path):
    # ``src/openai/`` beside the handler: ``from openai import OpenAI`` is still the SDK
    files = layout()
    files["src/openai/__init__.py"] = "def setup():\n    return None\n"
    files["src/app.py"] = "import openai\n" + APP
    files["src/agents/writer.py"] = ("from openai import OpenAI\n\nclient = OpenAI()\n\n\nclass Writer:\n"
                                     "    def execute(self, text):\n"
                                     "        return client.chat.completions.create(model='m', messages=[])\n")
    assert classes_of(project(tmp_path, files)) == {SITE: "mixed"}


def _bolt_layout(handler_import: str) -> dict:
    """A Bolt app on Lambda: ``app/`` is a package, its ``listeners/`` folder is not (no
    ``__init__.py``); the listener imports the app from the module beside the handler."""
    return {
        "app/__init__.py": "",
        "app/bolt_app.py": "from slack_bolt import App\n\nbolt = App(token='t')\n",
        "app/handler.py": ("from slack_bolt.adapter.aws_lambda import SlackRequestHandler\n\n\n"
                           f"def lambda_handler(event, context):\n    from bolt_app import bolt\n    {handler_import}\n"
                           "    return SlackRequestHandler(app=bolt).handle(event, context)\n"),
        "app/listeners/mentions.py": ("from helpers.answer import reply\nfrom bolt_app import bolt\n\n\n"
                                      "@bolt.event('app_mention')\ndef on_mention(event, say):\n"
                                      "    say(reply(event['text']))\n"),
        "app/helpers/answer.py": ("from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef reply(text):\n"
                                  "    return client.chat.completions.create(model='m', messages=[])\n"),
    }


def test_a_handler_importing_a_namespace_folder_beside_it_makes_its_folder_an_import_root(tmp_path):
    # ``import listeners.mentions`` reads ``app/`` as on sys.path: ``bolt_app`` is ``app/bolt_app.py``,
    # so the listener's receiver is the Bolt ``App`` built there
    result = project(tmp_path, _bolt_layout("import listeners.mentions"))
    assert classes_of(result) == {("app/helpers/answer.py", 7): "real-time"}


def test_no_bare_import_of_the_folder_leaves_the_receiver_unknown(tmp_path):
    result = project(tmp_path, _bolt_layout("pass"))
    assert classes_of(result) == {("app/helpers/answer.py", 7): "unknown"}
