"""CDK apps laid out as a monorepo: the stack lives in one package (``packages/cdk``), the Lambda
code in another (``packages/lambdas/src``), and a function's ``handler="lambdas.digest.handler"``
names its module as the code imports it, under a ``Code.from_asset(...)`` whose path is a literal,
a keyword, a local shared by several functions, or a path computed at synth time. A Telegram
webhook behind the function URL dispatches commands through a table to actions that import their
SDK inside the function."""
from __future__ import annotations

from typing import Dict, Set, Tuple

import pytest
from support.fixlib import write_project

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run

STACK = """from aws_cdk import Stack
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_lambda as _lambda

from common.environments import lambdas_src_dir


class BotStack(Stack):
    def __init__(self, scope, construct_id, **kwargs):
        super().__init__(scope, construct_id, **kwargs)
        code = CODE
        webhook = _lambda.Function(self, "Webhook", runtime=_lambda.Runtime.PYTHON_3_12,
                                   handler="lambdas.webhook.handler", code=code)
        url = webhook.add_function_url(auth_type=_lambda.FunctionUrlAuthType.NONE)
        digest = _lambda.Function(self, "Digest", runtime=_lambda.Runtime.PYTHON_3_12,
                                  handler="lambdas.digest.handler", code=code)
        daily = events.Rule(self, "Daily", schedule=events.Schedule.cron(minute="0", hour="8"))
        daily.add_target(targets.LambdaFunction(digest))
"""

ENVIRONMENTS = """from pathlib import Path


def lambdas_src_dir() -> Path:
    return Path(__file__).parents[3] / "lambdas" / "src"
"""

WEBHOOK = """from lambdas.actions import ask, report

COMMANDS = [
    ("/report", report.handle),
    (None, ask.handle),
]


def handler(event, _context):
    text = event["body"]
    for prefix, action in COMMANDS:
        if prefix is None or text.startswith(prefix):
            return action(text)
"""

ASK = """def handle(text):
    import anthropic

    client = anthropic.Anthropic()
    return client.messages.create(model="claude-3-haiku-20240307", max_tokens=100,
                                  messages=[{"role": "user", "content": text}])
"""

REPORT = """from lambdas.digest import summarize


def handle(text):
    return summarize(text)
"""

DIGEST = """def summarize(items):
    import openai

    client = openai.OpenAI()
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": items}])


def handler(event, context):
    return summarize("today")
"""

# How the shared code asset is declared (the stack is packages/cdk/src/cdk/stack.py; ``cdk synth``
# runs in packages/cdk/src).
CODES = [
    '_lambda.Code.from_asset(lambdas_src_dir().as_posix())',
    '_lambda.Code.from_asset("../../lambdas/src")',
    '_lambda.Code.from_asset(path="../../lambdas/src")',
]


def classes(tmp_path, files: Dict[str, str]) -> Set[Tuple[str, str]]:
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    return {(s.resolved.facts.path, s.latency_class) for s in result.sites}


def project(code: str) -> Dict[str, str]:
    lambdas = "packages/lambdas/src/lambdas/"
    return {"packages/cdk/src/cdk/__init__.py": "", "packages/cdk/src/cdk/stack.py": STACK.replace("CODE", code),
            "packages/common/src/common/__init__.py": "",
            "packages/common/src/common/environments.py": ENVIRONMENTS,
            lambdas + "__init__.py": "", lambdas + "webhook.py": WEBHOOK, lambdas + "digest.py": DIGEST,
            lambdas + "actions/__init__.py": "", lambdas + "actions/ask.py": ASK,
            lambdas + "actions/report.py": REPORT}


@pytest.mark.parametrize("code", CODES)
def test_a_shared_code_asset_runs_package_qualified_handlers(tmp_path, code):
    """The webhook's function URL makes its command actions real-time; the digest a cron rule runs
    and the ``/report`` command also reaches is mixed."""
    assert classes(tmp_path, project(code)) == {
        ("packages/lambdas/src/lambdas/actions/ask.py", "real-time"),
        ("packages/lambdas/src/lambdas/digest.py", "mixed")}


def test_an_unreadable_asset_does_not_guess_a_bare_module_handler(tmp_path):
    """``handler="index.handler"`` under a computed asset path could be any ``index.py``: no trigger."""
    stack = STACK.replace("CODE", "_lambda.Code.from_asset(lambdas_src_dir().as_posix())").replace(
        '"lambdas.digest.handler"', '"index.handler"').replace('"lambdas.webhook.handler"', '"other.handler"')
    files = {"infra/stack.py": stack, "infra/environments.py": ENVIRONMENTS,
             "functions/a/index.py": DIGEST, "functions/b/index.py": DIGEST}
    assert classes(tmp_path, files) == {("functions/a/index.py", "unknown"), ("functions/b/index.py", "unknown")}
