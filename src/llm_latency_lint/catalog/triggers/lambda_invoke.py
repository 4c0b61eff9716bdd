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

A Step Functions execution is the same shape (``INVOCATIONS``): ``boto3.client("stepfunctions")
.start_execution(stateMachineArn=...)`` runs the state machine named by an ARN literal
(``arn:aws:states:...:stateMachine:digest`` -> ``states:digest``) or an environment variable
(``states-env:X``), whose task states invoke the template's Lambdas (``sources/_step_functions.py``);
``start_execution`` returns at once (a hand-off), ``start_sync_execution`` waits (round 17's
dhirajc963/timebrew.news). SQS messages are not followed here (``queue_sends.py``).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple

import libcst as cst

from llm_latency_lint.catalog.command_lines import LAUNCH
from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.literals import arg

LAMBDA_KEY, ENV_KEY = "lambda:", "lambda-env:"
STATES_KEY, STATES_ENV_KEY = "states:", "states-env:"
# The source of an invocation that does not wait (``project/classify`` turns real-time into near-real-time).
ASYNC_SOURCE, SYNC_SOURCE = "lambda-invoke-event", "lambda-invoke"
ENV_READERS = frozenset({"os.environ.get", "os.getenv", "os.environ.__getitem__"})


def function_name(value: str) -> str:
    """``arn:aws:lambda:eu-west-1:123:function:digest:prod`` / ``123:function:digest`` -> ``digest``."""
    return _arn_name(value, "function")


def state_machine_name(value: str) -> str:
    """``arn:aws:states:us-east-1:123:stateMachine:digest`` -> ``digest``."""
    return _arn_name(value, "stateMachine")


def _arn_name(value: str, kind: str) -> str:
    parts = value.split(":")
    if kind in parts:
        at = parts.index(kind)
        return parts[at + 1] if at + 1 < len(parts) else value
    return value


@dataclass(frozen=True)
class Invocation:
    """What a method call starts: the keyword naming it, its keys (by name, by environment
    variable), how a literal names it, and whether the caller waits (None: ``InvocationType`` says)."""

    keyword: str
    name_key: str
    env_key: str
    what: str
    name: Callable[[str], str]
    waits: Optional[bool] = None

    def key(self, kind: str, value: str) -> str:
        return (self.env_key if kind == "env" else self.name_key) + (value if kind == "env" else self.name(value))


_LAMBDA = Invocation("FunctionName", LAMBDA_KEY, ENV_KEY, "Lambda", function_name)
_STATES = Invocation("stateMachineArn", STATES_KEY, STATES_ENV_KEY, "state machine", state_machine_name, waits=False)
INVOCATIONS: Dict[str, Invocation] = {
    "invoke": _LAMBDA, "invoke_async": replace(_LAMBDA, waits=False), "invoke_with_response_stream": _LAMBDA,
    "start_execution": _STATES, "start_sync_execution": replace(_STATES, waits=True),
}
_WORDS = tuple(sorted({i.keyword for i in INVOCATIONS.values()}))


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
    pending: List[Tuple[str, str, Trigger, Invocation]] = field(default_factory=list)  # (function, parameter, ...)
    passed: List[Tuple[str, Dict[object, List[Tuple[str, str]]]]] = field(default_factory=list)  # (callee, names by slot)


class LambdaInvoke(Recognizer):
    id = "lambda-invoke"
    words = _WORDS

    def on_function(self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]) -> None:
        """Remember each parameter and its default: a parameter naming the function takes it when
        left out, and what the module's callers pass otherwise."""
        if not any(ctx.mentions(w) for w in _WORDS):
            return
        state: _Module = ctx.state(self, _Module)
        params = node.params
        names = list(params.posonly_params) + list(params.params) + list(params.kwonly_params)
        state.params[qualname] = [param.name.value for param in names]
        for param in names:
            state.bound[(qualname, param.name.value)] = param.default

    def on_assign(self, ctx: "Context", targets: List[str], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        if not any(ctx.mentions(w) for w in _WORDS):
            return
        state: _Module = ctx.state(self, _Module)
        for target in targets:
            state.bound[(ctx.function, target)] = value
            state.rebound.add((ctx.function, target))  # a parameter bound again: not the caller's value

    def _keys(self, ctx: "Context", node: Optional[cst.BaseExpression]) -> List[Tuple[str, str]]:
        """What names the invoked function: its literal name (``("name", value)``), or the
        environment variable holding it (``("env", X)``) and the literal default the code falls
        back to (the name the IaC may give)."""
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
            return [("name", literal)]
        name = env_name(ctx, node)
        fallback = ctx.literal(node.args[1].value) if name and isinstance(node, cst.Call) and len(node.args) > 1 else None
        if name and isinstance(fallback, str) and fallback and not fallback.startswith("$"):  # ``getenv("FN", "digest-dev")``
            return [("env", name), ("name", fallback)]
        return [("env", name)] if name else []

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        if not any(ctx.mentions(w) for w in _WORDS):
            return
        func = node.func
        invocation = INVOCATIONS.get(func.attr.value) if isinstance(func, cst.Attribute) else None
        if invocation is None:
            self._passes(ctx, node)
            return
        named = next((a.value for a in node.args if a.keyword and a.keyword.value == invocation.keyword), None)
        kind = ctx.literal(arg(node, "InvocationType", 99))
        handoff = invocation.waits is False or invocation.waits is None and kind == "Event"
        what = ("and does not wait for it" if invocation.waits is False else "asynchronously (InvocationType='Event')"
                ) if handoff else "and waits for it"
        state: _Module = ctx.state(self, _Module)
        caller = ctx.function.rsplit('.', 1)[-1]
        if isinstance(named, cst.Name) and named.value in state.params.get(ctx.function, []):
            blank = Trigger(kind="entry", source=ASYNC_SOURCE if handoff else SYNC_SOURCE, target=["entry", ""],
                            line=ctx.line(node), entry_key=f"{LAUNCH}{ctx.function}",
                            note=f"{caller} invokes {invocation.what} {{}} {what}")
            state.pending.append((ctx.function, named.value, blank, invocation))
        for key in (invocation.key(*name) for name in self._keys(ctx, named)):
            ctx.add_trigger(Trigger(kind="entry", source=ASYNC_SOURCE if handoff else SYNC_SOURCE,
                                    target=["entry", key], line=ctx.line(node), entry_key=f"{LAUNCH}{ctx.function}",
                                    note=f"{caller} invokes {invocation.what} {key.split(':', 1)[1]} {what}"))

    def _passes(self, ctx: "Context", node: cst.Call) -> None:
        """What a call of a module-level function passes, as function-name keys per slot."""
        if not isinstance(node.func, cst.Name) or any(a.star for a in node.args):
            return
        slots: Dict[object, List[Tuple[str, str]]] = {}
        for at, argument in enumerate(node.args):
            keys = self._keys(ctx, argument.value)
            if keys:
                slots[argument.keyword.value if argument.keyword else at] = keys
        if slots:
            ctx.state(self, _Module).passed.append((f"{ctx.module}.{node.func.value}", slots))

    def on_module_end(self, ctx: "Context") -> None:
        """An invoke naming its function's parameter invokes what the module's callers pass there."""
        if not any(ctx.mentions(w) for w in _WORDS):
            return
        state: _Module = ctx.state(self, _Module)
        for function, param, blank, invocation in state.pending:
            if (function, param) in state.rebound:
                continue
            at = state.params[function].index(param)
            found = {invocation.key(*name) for callee, slots in state.passed if callee == function
                     for name in slots.get(at, []) + slots.get(param, [])}
            for key in sorted(found):
                ctx.add_trigger(replace(blank, target=["entry", key], note=blank.note.format(key.split(":", 1)[1])))


RECOGNIZERS = [LambdaInvoke()]
