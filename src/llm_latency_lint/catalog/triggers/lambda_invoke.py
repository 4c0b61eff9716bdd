"""A Lambda function invoking another one: ``boto3.client("lambda").invoke(FunctionName=...)``.

The invoked function's handler runs for whoever invokes it, so it carries the invoker's class
(an EventBridge-scheduled checker asynchronously invoking an analyzer Lambda: the analyzer is
scheduled work). ``InvocationType="Event"`` (and the old ``invoke_async``) hands the work off: a
real-time caller does not wait for it (near-real-time, like a queue); ``RequestResponse`` (the
default) and ``DryRun`` keep the caller waiting. The function is named by a literal (a name, a
partial or full ARN: ``lambda:<name>``) or by an environment variable (``os.environ["X"]``,
``os.environ.get("X")``, ``os.getenv("X")``, also through a local or module constant bound to
one: ``lambda-env:X``; a literal default, ``os.environ.get("X", "embed-dev")``, is also the name
``lambda:embed-dev`` the code falls back to) whose value the repository's IaC sets to a function it declares
(``sources/terraform.py``, ``sources/aws_lambda.py``, ``triggers/aws_cdk.py``). The invoking
function is the entry ``launch:<qualname>``, as for a subprocess (``script_runners.py``).
Step Functions executions and SQS messages are not followed here.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

import libcst as cst

from llm_latency_lint.catalog.command_lines import LAUNCH
from llm_latency_lint.catalog.triggers.api import Context, Recognizer
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.literals import arg

LAMBDA_KEY, ENV_KEY = "lambda:", "lambda-env:"
# The source of an invocation that does not wait (``project/classify`` turns real-time into near-real-time).
ASYNC_SOURCE, SYNC_SOURCE = "lambda-invoke-event", "lambda-invoke"
INVOKE_METHODS = frozenset({"invoke", "invoke_async", "invoke_with_response_stream"})
ENV_READERS = frozenset({"os.environ.get", "os.getenv", "os.environ.__getitem__"})


def function_name(value: str) -> str:
    """``arn:aws:lambda:eu-west-1:123:function:digest:prod`` / ``123:function:digest`` -> ``digest``."""
    parts = value.split(":")
    if "function" in parts:
        at = parts.index("function")
        return parts[at + 1] if at + 1 < len(parts) else value
    return value


def env_name(ctx: "Context", node: cst.BaseExpression) -> Optional[str]:
    """``os.environ["X"]``, ``os.environ.get("X", ...)``, ``os.getenv("X")`` -> ``X``."""
    if isinstance(node, cst.Subscript) and ctx.qualified(node.value) == "os.environ" and len(node.slice) == 1:
        index = node.slice[0].slice
        value = ctx.literal(index.value) if isinstance(index, cst.Index) else None
        return value if isinstance(value, str) else None
    if isinstance(node, cst.Call) and ctx.qualified(node.func) in ENV_READERS and node.args:
        value = ctx.literal(node.args[0].value)
        return value if isinstance(value, str) else None
    return None


class LambdaInvoke(Recognizer):
    id = "lambda-invoke"
    words = ("FunctionName",)

    def on_assign(self, ctx: "Context", targets: List[str], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        if not ctx.mentions("FunctionName"):
            return
        bound: Dict[Tuple[str, str], cst.BaseExpression] = ctx.state(self)
        for target in targets:
            bound[(ctx.function, target)] = value

    def _keys(self, ctx: "Context", node: Optional[cst.BaseExpression]) -> List[str]:
        """The keys naming the invoked function: its literal name, or the environment variable
        holding it and the literal default the code falls back to (the name the IaC may give)."""
        if node is None:
            return []
        if isinstance(node, cst.Name):  # a local (or module constant) bound to the name or its variable
            bound: Dict[Tuple[str, str], cst.BaseExpression] = ctx.state(self)
            value = bound.get((ctx.function, node.value)) or ctx.module_value(node.value)
            if value is not None and value is not node:
                node = value
        literal = ctx.literal(node)
        if isinstance(literal, str) and literal and not literal.startswith("$"):
            return [LAMBDA_KEY + function_name(literal)]
        name = env_name(ctx, node)
        fallback = ctx.literal(node.args[1].value) if name and isinstance(node, cst.Call) and len(node.args) > 1 else None
        if name and isinstance(fallback, str) and fallback and not fallback.startswith("$"):  # ``getenv("FN", "digest-dev")``
            return [ENV_KEY + name, LAMBDA_KEY + function_name(fallback)]
        return [ENV_KEY + name] if name else []

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        func = node.func
        if not isinstance(func, cst.Attribute) or func.attr.value not in INVOKE_METHODS or not ctx.mentions("FunctionName"):
            return
        named = next((a.value for a in node.args if a.keyword and a.keyword.value == "FunctionName"), None)
        kind = ctx.literal(arg(node, "InvocationType", 99))
        handoff = func.attr.value == "invoke_async" or kind == "Event"
        what = "asynchronously (InvocationType='Event')" if handoff else "and waits for it"
        for key in self._keys(ctx, named):
            ctx.add_trigger(Trigger(kind="entry", source=ASYNC_SOURCE if handoff else SYNC_SOURCE,
                                    target=["entry", key], line=ctx.line(node), entry_key=f"{LAUNCH}{ctx.function}",
                                    note=f"{ctx.function.rsplit('.', 1)[-1]} invokes Lambda {key.split(':', 1)[1]} {what}"))


RECOGNIZERS = [LambdaInvoke()]
