"""A Lambda function invoking another one: ``boto3.client("lambda").invoke(FunctionName=...)``.

The invoked function's handler runs for whoever invokes it, so it carries the invoker's class
(an EventBridge-scheduled checker asynchronously invoking an analyzer Lambda: the analyzer is
scheduled work). ``InvocationType="Event"`` (and the old ``invoke_async``) hands the work off: a
real-time caller does not wait for it (near-real-time, like a queue); ``RequestResponse`` (the
default) and ``DryRun`` keep the caller waiting. The function is named by a literal (a name, a
partial or full ARN: ``lambda:<name>``) or by an environment variable (``os.environ["X"]``,
``os.environ.get("X")``, ``os.getenv("X")``, also through a local or module constant bound to
one: ``lambda-env:X``; a literal default, ``os.environ.get("X", "embed-dev")``, is also the name
``lambda:embed-dev`` the code falls back to), or by a parameter of the invoking function: its
default (a literal or a module constant: ``def fan_out(name=DEFAULT_FN)``), the name it invokes when
callers leave it out, and what the module's own calls pass there (``invoke(FN_NAME, ...)``), whose value the repository's IaC sets to a function it declares
(``sources/terraform.py``, ``sources/aws_lambda.py``, ``triggers/aws_cdk.py``). The invoking
function is the entry ``launch:<qualname>``, as for a subprocess (``script_runners.py``).
Step Functions executions and SQS messages are not followed here.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional, Sequence, Set, Tuple

import libcst as cst

from llm_latency_lint.catalog.command_lines import LAUNCH
from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
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


@dataclass
class _Module:
    """Per-file state: names bound in each function (parameters with their defaults, None without
    one), each function's parameters in order, invokes naming a parameter, and what each call
    passes (keys per parameter position or keyword) to resolve those at the module's end."""
    bound: Dict[Tuple[str, str], Optional[cst.BaseExpression]] = field(default_factory=dict)
    params: Dict[str, List[str]] = field(default_factory=dict)
    rebound: Set[Tuple[str, str]] = field(default_factory=set)
    pending: List[Tuple[str, str, Trigger]] = field(default_factory=list)  # (function, parameter, trigger)
    passed: List[Tuple[str, Dict[object, List[str]]]] = field(default_factory=list)  # (callee, keys by slot)


class LambdaInvoke(Recognizer):
    id = "lambda-invoke"
    words = ("FunctionName",)

    def on_function(self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]) -> None:
        """Remember each parameter and its default: a parameter naming the function takes it when
        left out, and what the module's callers pass otherwise."""
        if not ctx.mentions("FunctionName"):
            return
        state: _Module = ctx.state(self, _Module)
        params = node.params
        names = list(params.posonly_params) + list(params.params) + list(params.kwonly_params)
        state.params[qualname] = [param.name.value for param in names]
        for param in names:
            state.bound[(qualname, param.name.value)] = param.default

    def on_assign(self, ctx: "Context", targets: List[str], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        if not ctx.mentions("FunctionName"):
            return
        state: _Module = ctx.state(self, _Module)
        for target in targets:
            state.bound[(ctx.function, target)] = value
            state.rebound.add((ctx.function, target))  # a parameter bound again: not the caller's value

    def _keys(self, ctx: "Context", node: Optional[cst.BaseExpression]) -> List[str]:
        """The keys naming the invoked function: its literal name, or the environment variable
        holding it and the literal default the code falls back to (the name the IaC may give)."""
        if node is None:
            return []
        if isinstance(node, cst.Name):  # a local, a parameter's default or a module constant bound to the name or its variable
            state: _Module = ctx.state(self, _Module)
            key = (ctx.function, node.value)
            value = state.bound[key] if key in state.bound else ctx.module_value(node.value)
            if value is None:
                return []
            if isinstance(value, cst.Name) and value is not node:  # ``name=DEFAULT_FN``: the module constant
                value = ctx.module_value(value.value) or value
            if value is not node:
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
        if not ctx.mentions("FunctionName"):
            return
        func = node.func
        if not isinstance(func, cst.Attribute) or func.attr.value not in INVOKE_METHODS:
            self._passes(ctx, node)
            return
        named = next((a.value for a in node.args if a.keyword and a.keyword.value == "FunctionName"), None)
        kind = ctx.literal(arg(node, "InvocationType", 99))
        handoff = func.attr.value == "invoke_async" or kind == "Event"
        what = "asynchronously (InvocationType='Event')" if handoff else "and waits for it"
        keys = self._keys(ctx, named)
        state: _Module = ctx.state(self, _Module)
        if isinstance(named, cst.Name) and named.value in state.params.get(ctx.function, []):
            blank = Trigger(kind="entry", source=ASYNC_SOURCE if handoff else SYNC_SOURCE, target=["entry", ""],
                            line=ctx.line(node), entry_key=f"{LAUNCH}{ctx.function}",
                            note=f"{ctx.function.rsplit('.', 1)[-1]} invokes Lambda {{}} {what}")
            state.pending.append((ctx.function, named.value, blank))
        for key in keys:
            ctx.add_trigger(Trigger(kind="entry", source=ASYNC_SOURCE if handoff else SYNC_SOURCE,
                                    target=["entry", key], line=ctx.line(node), entry_key=f"{LAUNCH}{ctx.function}",
                                    note=f"{ctx.function.rsplit('.', 1)[-1]} invokes Lambda {key.split(':', 1)[1]} {what}"))

    def _passes(self, ctx: "Context", node: cst.Call) -> None:
        """What a call of a module-level function passes, as function-name keys per slot."""
        if not isinstance(node.func, cst.Name) or any(a.star for a in node.args):
            return
        slots: Dict[object, List[str]] = {}
        for at, argument in enumerate(node.args):
            keys = self._keys(ctx, argument.value)
            if keys:
                slots[argument.keyword.value if argument.keyword else at] = keys
        if slots:
            ctx.state(self, _Module).passed.append((f"{ctx.module}.{node.func.value}", slots))

    def on_module_end(self, ctx: "Context") -> None:
        """An invoke naming its function's parameter invokes what the module's callers pass there."""
        if not ctx.mentions("FunctionName"):
            return
        state: _Module = ctx.state(self, _Module)
        for function, param, blank in state.pending:
            if (function, param) in state.rebound:
                continue
            at = state.params[function].index(param)
            found = {key for callee, slots in state.passed if callee == function
                     for key in slots.get(at, []) + slots.get(param, [])}
            for key in sorted(found):
                ctx.add_trigger(replace(blank, target=["entry", key], note=blank.note.format(key.split(":", 1)[1])))


RECOGNIZERS = [LambdaInvoke()]
