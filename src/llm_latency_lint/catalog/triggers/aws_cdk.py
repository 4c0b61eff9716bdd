"""AWS CDK apps in Python: a Lambda function and what invokes it, declared in the same file.

``fn = lambda_.Function(self, "Fn", handler="app.handler", code=lambda_.Code.from_asset("lambdas/digest"))``
(or ``PythonFunction(entry="lambdas/digest", index="app.py", handler="handler")``; a
``DockerImageFunction(code=DockerImageCode.from_image_asset("lambdas/digest"))`` the handler of the
Lambda image built there, or its ``cmd=``) runs
``lambdas/digest/app.py``'s ``handler``, named ``lambdas.digest.app.handler`` (the asset path is
relative to where ``cdk synth`` runs, so the graph matches it by its tail). The asset may be a local
several functions share (``code = Code.from_asset("../packages/lambdas/src")``, ``code=code``) or a
path computed at synth time (``Code.from_asset(lambdas_src_dir().as_posix())``): then a handler inside
a package (``lambdas.digest.handler``) names its module as the code imports it, and a bare
``index.handler`` names nothing. Its invokers:

- ``events.Rule(schedule=events.Schedule.cron(...) / rate(...) / expression(...), targets=[targets.LambdaFunction(fn)])``
  and ``rule.add_target(targets.LambdaFunction(fn))``: scheduled (a rule with an event pattern: near-real-time);
- ``fn.add_event_source(S3EventSource(...) / SqsEventSource / SnsEventSource / DynamoEventSource /
  KinesisEventSource)``, ``s3n.LambdaDestination(fn)``, ``subs.LambdaSubscription(fn)``: near-real-time;
- ``apigw.LambdaRestApi(handler=fn)``, ``apigw.LambdaIntegration(fn)``, ``HttpLambdaIntegration("id", fn)``,
  ``fn.add_function_url()``: real-time (a caller waits).

For code invoking a function by name (``triggers/lambda_invoke.py``): a literal ``function_name=``
is the entry ``lambda:<name>``, and an environment variable set to another function's
``function_name`` / ``function_arn`` (``environment={"X": fn.function_name}``,
``caller.add_environment("X", fn.function_arn)``) the entry ``lambda-env:X``.
"""
from __future__ import annotations

from typing import List, Optional, Tuple

import libcst as cst

from llm_latency_lint.catalog import cdk_constructs as cdk
from llm_latency_lint.catalog.cdk_constructs import (
    EVENT_SOURCES,
    FUNCTIONS,
    IMAGE_FUNCTION,
    INVOKERS,
)
from llm_latency_lint.catalog.lambda_images import handler_expr, shown_handler
from llm_latency_lint.catalog.triggers.api import Context, Recognizer
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.literals import arg, kwarg, positional

SOURCE = "aws-cdk"


def _last(node: cst.BaseExpression) -> str:
    func = node.func if isinstance(node, cst.Call) else node
    return func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""


class AwsCdk(Recognizer):
    id = "aws-cdk"
    words = ("aws_cdk",)

    def on_assign(self, ctx: "Context", targets: List[str], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        if not isinstance(value, cst.Call) or not (ctx.qualified(value.func) or "").startswith("aws_cdk"):
            return
        state = ctx.state(self)
        targets = _target_codes(ctx, node)  # ``fn`` and ``self.fn``, as later code names them
        if _last(value) in FUNCTIONS or _last(value) == IMAGE_FUNCTION:
            handler = self._image(ctx, value) if _last(value) == IMAGE_FUNCTION else self._handler(ctx, value)
            for target in targets if handler else []:
                state.setdefault("functions", {})[target] = handler
            name = ctx.literal(kwarg(value, "function_name"))
            if handler and isinstance(name, str):
                ctx.add_trigger(Trigger(kind="entry", source=SOURCE, target=handler_expr(handler), line=ctx.line(node),
                                        note=f"CDK function '{name}' ({shown_handler(handler)})", entry_key=f"lambda:{name}"))
            environment = kwarg(value, "environment")
            for element in environment.elements if isinstance(environment, cst.Dict) else []:
                if isinstance(element, cst.DictElement):
                    self._environment(ctx, element.key, element.value, node)
        elif _last(value) == cdk.FROM_ASSET:  # ``code = Code.from_asset(...)`` shared by several functions
            for target in targets:
                state.setdefault("assets", {})[target] = self._asset(ctx, value)
        elif _last(value) == cdk.RULE:
            for target in targets:
                state.setdefault("rules", {})[target] = self._schedule(ctx, kwarg(value, "schedule"))

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        if not ctx.imports("aws_cdk"):
            return
        name = _last(node)
        func = node.func
        if isinstance(func, cst.Attribute) and name == cdk.ADD_EVENT_SOURCE:
            source = positional(node, 0)
            if isinstance(source, cst.Call) and _last(source) in EVENT_SOURCES:
                self._emit(ctx, func.value, "near-real-time", node, f"{_last(source)} event", None)
        elif isinstance(func, cst.Attribute) and name == "add_environment" and len(node.args) >= 2:
            self._environment(ctx, node.args[0].value, node.args[1].value, node)
        elif isinstance(func, cst.Attribute) and name == cdk.ADD_FUNCTION_URL:
            self._emit(ctx, func.value, "real-time", node, "function URL", None)
        elif name in INVOKERS and (callee or "").startswith("aws_cdk"):
            kind, index = INVOKERS[name]
            self._emit(ctx, arg(node, "handler", index), kind, node, name, None)
        elif name == cdk.RULE and (callee or "").startswith("aws_cdk"):
            words = self._schedule(ctx, kwarg(node, "schedule"))
            self._targets(ctx, kwarg(node, "targets"), words, node)
        elif isinstance(func, cst.Attribute) and name == cdk.ADD_TARGET:
            rules = ctx.state(self).get("rules", {})
            code = ctx.code(func.value)
            if code in rules:
                first = positional(node, 0)
                self._targets(ctx, cst.List([cst.Element(first)]) if first else None,
                              rules[code], node)

    def _environment(self, ctx: "Context", key: cst.BaseExpression, value: cst.BaseExpression, node: cst.CSTNode) -> None:
        """``"ANALYZER": analyzer.function_name`` (or ``function_arn``): ``lambda-env:ANALYZER``."""
        variable = ctx.literal(key)
        if not isinstance(variable, str) or not isinstance(value, cst.Attribute):
            return
        handler = ctx.state(self).get("functions", {}).get(ctx.code(value.value))
        if handler and value.attr.value in ("function_name", "function_arn"):
            ctx.add_trigger(Trigger(kind="entry", source=SOURCE, target=handler_expr(handler), line=ctx.line(node),
                                    note=f"CDK sets {variable} to {ctx.code(value)}", entry_key=f"lambda-env:{variable}"))

    def _targets(self, ctx: "Context", targets: Optional[cst.BaseExpression], words: Optional[Tuple[str, Optional[str]]],
                 node: cst.Call) -> None:
        for element in targets.elements if isinstance(targets, (cst.List, cst.Tuple)) else []:
            target = element.value
            if isinstance(target, cst.Call) and _last(target) == cdk.RULE_TARGET:
                if words is None:
                    self._emit(ctx, positional(target, 0), "near-real-time", node, "EventBridge rule (event pattern)", None)
                else:
                    self._emit(ctx, positional(target, 0), "scheduled", node, f"EventBridge rule {words[0]}", words[1])

    def _emit(self, ctx: "Context", fn: Optional[cst.BaseExpression], kind: str, node: cst.CSTNode, what: str,
              schedule: Optional[str]) -> None:
        handler = ctx.state(self).get("functions", {}).get(ctx.code(fn)) if fn is not None else None
        if handler and fn is not None:
            ctx.add_trigger(Trigger(kind=kind, source=SOURCE, target=handler_expr(handler), line=ctx.line(node),
                                    note=f"CDK {what} invokes Lambda {ctx.code(fn)} ({shown_handler(handler)})", schedule=schedule))

    def _handler(self, ctx: "Context", call: cst.Call) -> Optional[str]:
        """``Function(handler="app.handler", code=Code.from_asset("dir"))`` / ``PythonFunction(entry=,
        index=, handler=)``: the handler's dotted name (``catalog/cdk_constructs.py``)."""
        if _last(call) == "PythonFunction":
            entry, index = ctx.literal(kwarg(call, "entry")), ctx.literal(kwarg(call, "index"))
            handler = ctx.literal(kwarg(call, "handler"))
            if not isinstance(entry, str) or not isinstance(index, (str, type(None))) \
                    or not isinstance(handler, (str, type(None))):
                return None
            return cdk.python_function_handler(entry, index, handler)
        handler, code = ctx.literal(kwarg(call, "handler")), kwarg(call, "code")
        if not isinstance(handler, str) or code is None:
            return None
        if isinstance(code, cst.Call):
            folder = self._asset(ctx, code) if _last(code) == cdk.FROM_ASSET else ""
        else:  # a local or attribute holding ``Code.from_asset(...)``, or a parameter
            folder = ctx.state(self).get("assets", {}).get(ctx.code(code), "")
        return cdk.function_handler(folder, handler)

    def _image(self, ctx: "Context", call: cst.Call) -> Optional[str]:
        """``DockerImageFunction(code=DockerImageCode.from_image_asset("dir", file=, cmd=[...]))``."""
        code = kwarg(call, "code")
        if not isinstance(code, cst.Call) or _last(code) != cdk.FROM_IMAGE_ASSET:
            return None
        command = kwarg(code, "cmd")
        first = command.elements[0].value if isinstance(command, cst.List) and command.elements else None
        handler, dockerfile = ctx.literal(first) if first is not None else None, ctx.literal(kwarg(code, "file"))
        return cdk.image_handler(self._asset(ctx, code, "directory"), handler if isinstance(handler, str) else None,
                                 dockerfile if isinstance(dockerfile, str) else None)

    @staticmethod
    def _asset(ctx: "Context", code: cst.Call, keyword: str = "path") -> str:
        """``Code.from_asset("dir")`` / ``from_asset(path=os.path.join(..., "dir"))`` -> ``dir``;
        "" when the path is computed (a function's return, ``Path`` arithmetic)."""
        path = arg(code, keyword, 0)
        if isinstance(path, cst.Call) and path.args:  # os.path.join(os.path.dirname(__file__), "lambdas", "x")
            parts = [ctx.literal(a.value) for a in path.args]
            return "/".join(p for p in parts if isinstance(p, str)) if isinstance(parts[-1], str) else ""
        literal = ctx.literal(path)
        return literal if isinstance(literal, str) else ""

    @staticmethod
    def _schedule(ctx: "Context", node: Optional[cst.BaseExpression]) -> Optional[Tuple[str, Optional[str]]]:
        """``Schedule.cron(hour="3", minute="0")`` / ``Schedule.rate(Duration.hours(1))`` /
        ``Schedule.expression("rate(1 day)")``: (how the evidence quotes it, words); None: no schedule."""
        if not isinstance(node, cst.Call):
            return None
        method = _last(node)
        if method == "cron":
            return cdk.cron({f: ctx.literal(kwarg(node, f)) for f in cdk.CRON_FIELDS})
        if method == "rate":
            duration = positional(node, 0)
            unit = _last(duration) if isinstance(duration, cst.Call) else ""
            return cdk.rate(ctx.literal(positional(duration, 0)) if isinstance(duration, cst.Call) else None, unit)
        if method == "expression":
            return cdk.expression(ctx.literal(positional(node, 0)))
        return None


def _target_codes(ctx: "Context", node: cst.CSTNode) -> List[str]:
    if isinstance(node, cst.Assign):
        return [ctx.code(t.target) for t in node.targets]
    return [ctx.code(node.target)] if isinstance(node, (cst.AnnAssign, cst.AugAssign)) else []


RECOGNIZERS = [AwsCdk()]
