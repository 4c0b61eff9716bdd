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
  ``SqsEventSource(queue)`` (or ``Function(events=[...])``) also makes ``fn`` the consumer of ``queue``,
  by its ``queue_name`` and each variable an ``environment`` sets to ``queue.queue_url``: a queue whose
  every sender the scan finds runs for them (``project/fed_queues.py``);
- ``apigw.LambdaRestApi(handler=fn)``, ``apigw.LambdaIntegration(fn)``, ``HttpLambdaIntegration("id", fn)``,
  ``fn.add_function_url()``: real-time (a caller waits).

A rule may also run a container: ``targets.BatchJob(job_definition_scope=job)`` (the
``batch.EcsJobDefinition(container=...)``'s container) and ``targets.EcsTask(task_definition=td)``
(``td.add_container(image=, command=)``), or ``ecs_patterns.ScheduledFargateTask(schedule=,
scheduled_fargate_task_image_options=...)``: the container's ``command`` (``["python", "main.py"]``)
runs in the folder its image is built from (``ContainerImage.from_asset(dir, file=)``,
``from_docker_image_asset(DockerImageAsset(directory=dir))``), or without one the image's own
command (``docker:<dir>/<Dockerfile>``). Invokers are read at the file's end, so a construct reaches
them through locals, attributes and the stack's helper methods (``triggers/cdk_values.py``).

For code invoking a function by name (``triggers/lambda_invoke.py``): a literal ``function_name=``
is the entry ``lambda:<name>``, and an environment variable set to another function's
``function_name`` / ``function_arn`` (``environment={"X": fn.function_name}``,
``caller.add_environment("X", fn.function_arn)``) the entry ``lambda-env:X``.
"""
from __future__ import annotations

import functools
import posixpath
import shlex
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import libcst as cst

from llm_latency_lint.catalog import cdk_constructs as cdk
from llm_latency_lint.catalog.cdk_constructs import (
    EVENT_SOURCES,
    FUNCTIONS,
    IMAGE_FUNCTION,
    INVOKERS,
)
from llm_latency_lint.catalog.command_lines import describe_key, entry_keys
from llm_latency_lint.catalog.lambda_images import handler_expr, shown_handler
from llm_latency_lint.catalog.queues import (
    QUEUE_CONSUMER_SOURCE,
    SQS_CONSUMER_SOURCE,
    SQS_QUEUE_ENV_KEY,
    queue_words,
    sqs_name_key,
)
from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.cdk_values import Stack, asset_path
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.literals import arg, kwarg, positional

SOURCE = "aws-cdk"


def _last(node: cst.BaseExpression) -> str:
    func = node.func if isinstance(node, cst.Call) else node
    return func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""


class AwsCdk(Recognizer):
    id = "aws-cdk"
    words = ("aws_cdk",)

    def on_function(self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]) -> None:
        if ctx.imports("aws_cdk"):
            _stack(ctx, self).record_function(node)

    def on_assign(self, ctx: "Context", targets: List[str], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        if not isinstance(value, cst.Call) or not ctx.imports("aws_cdk"):
            return
        targets = _target_codes(ctx, node)  # ``fn`` and ``self.fn``, as later code names them
        for target in targets:  # what the file's end follows (``cdk_values.Stack.construct``)
            _stack(ctx, self).bound.setdefault(target, []).append(value)
        if not (ctx.qualified(value.func) or "").startswith("aws_cdk"):
            return
        state = ctx.state(self)
        if _last(value) in FUNCTIONS or _last(value) == IMAGE_FUNCTION:
            handler = self._image(ctx, value) if _last(value) == IMAGE_FUNCTION else self._handler(ctx, value)
            for target in targets if handler else []:
                state.setdefault("functions", {})[target] = handler
                state.pop("known", None)
            name = ctx.literal(kwarg(value, "function_name"))
            if handler and isinstance(name, str):
                ctx.add_trigger(Trigger(kind="entry", source=SOURCE, target=handler_expr(handler), line=ctx.line(node),
                                        note=f"CDK function '{name}' ({shown_handler(handler)})", entry_key=f"lambda:{name}"))
            events = kwarg(value, "events")  # ``Function(events=[SqsEventSource(queue)])``
            for event in events.elements if isinstance(events, (cst.List, cst.Tuple)) and targets else []:
                if isinstance(event.value, cst.Call) and _last(event.value) == cdk.SQS_EVENT_SOURCE:
                    self._later(ctx, functools.partial(self._consumer, ctx, cst.parse_expression(targets[0]),
                                                       positional(event.value, 0), node, _known(ctx, self)))
            environment = kwarg(value, "environment")
            for element in environment.elements if isinstance(environment, cst.Dict) else []:
                if isinstance(element, cst.DictElement):
                    self._environment(ctx, element.key, element.value, node)
        elif _last(value) == cdk.FROM_ASSET:  # ``code = Code.from_asset(...)`` shared by several functions
            for target in targets:
                state.setdefault("assets", {})[target] = self._asset(ctx, value)
        elif _last(value) == cdk.QUEUE:  # ``sqs.Queue(self, "Jobs", queue_name="digest-jobs")``
            for target in targets:
                state.setdefault("queues", {})[target] = ctx.literal(kwarg(value, "queue_name"))
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
            if isinstance(source, cst.Call) and _last(source) == cdk.SQS_EVENT_SOURCE:
                self._later(ctx, functools.partial(self._consumer, ctx, func.value, positional(source, 0), node,
                                                   _known(ctx, self)))
            elif isinstance(source, cst.Call) and _last(source) in EVENT_SOURCES:
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
            first = positional(node, 0)
            helper = ctx.function.rpartition(".")[2]
            if code in rules and isinstance(first, cst.Name) and first.value in _stack(ctx, self).params.get(helper, ()):
                _stack(ctx, self).param_rules[(helper, first.value)] = rules[code]  # the caller's argument
            elif code in rules:
                self._targets(ctx, cst.List([cst.Element(first)]) if first else None,
                              rules[code], node)
        elif isinstance(func, cst.Attribute) and name == cdk.ADD_CONTAINER:
            _stack(ctx, self).containers.append((func.value, node))
        elif name in cdk.SCHEDULED_TASKS and (callee or "").startswith("aws_cdk"):
            words = self._schedule(ctx, kwarg(node, "schedule"))
            options = next((o for o in map(lambda k: kwarg(node, k), cdk.SCHEDULED_TASK_OPTIONS) if o is not None), None)
            if isinstance(options, cst.Call):
                self._later(ctx, lambda: self._run(ctx, kwarg(options, "image"), kwarg(options, "command"), words,
                                                   node, name))
        if isinstance(func, cst.Name) or isinstance(func, cst.Attribute) and ctx.code(func.value) in ("self", "cls"):
            _stack(ctx, self).helper_calls.append((node, _known(ctx, self)))  # a helper, perhaps handed a rule target

    def on_module_end(self, ctx: "Context") -> None:
        """Invokers read once the file is seen: a helper's returns and a rule target a caller hands on."""
        stack, state = _stack(ctx, self), ctx.state(self)
        state["ended"] = True
        for call, known in stack.helper_calls if stack.param_rules else []:
            helper = stack.helper(call) or _last(call)
            for (owner, param), words in stack.param_rules.items():
                given = stack.argument(call, owner, param) if owner == helper else None
                if given is not None:
                    self._targets(ctx, cst.List([cst.Element(given)]), words, call, known)
        for later in state.pop("later", []):
            later()

    def _later(self, ctx: "Context", step: Callable[[], None]) -> None:
        ctx.state(self).setdefault("later", []).append(step)

    def _environment(self, ctx: "Context", key: cst.BaseExpression, value: cst.BaseExpression, node: cst.CSTNode) -> None:
        """``"ANALYZER": analyzer.function_name`` (or ``function_arn``): ``lambda-env:ANALYZER``."""
        variable = ctx.literal(key)
        if not isinstance(variable, str) or not isinstance(value, cst.Attribute):
            return
        if value.attr.value == cdk.QUEUE_URL:  # ``"QUEUE_URL": queue.queue_url``: senders name the queue so
            ctx.state(self).setdefault("queue_env", {}).setdefault(ctx.code(value.value), []).append(variable)
        handler = ctx.state(self).get("functions", {}).get(ctx.code(value.value))
        if handler and value.attr.value in ("function_name", "function_arn"):
            ctx.add_trigger(Trigger(kind="entry", source=SOURCE, target=handler_expr(handler), line=ctx.line(node),
                                    note=f"CDK sets {variable} to {ctx.code(value)}", entry_key=f"lambda-env:{variable}"))

    def _targets(self, ctx: "Context", targets: Optional[cst.BaseExpression], words: Optional[Tuple[str, Optional[str]]],
                 node: cst.Call, known: Optional[Dict[str, str]] = None) -> None:
        known = _known(ctx, self) if known is None else known
        for element in targets.elements if isinstance(targets, (cst.List, cst.Tuple)) else []:
            self._later(ctx, functools.partial(self._target, ctx, element.value, words, node, known))

    def _target(self, ctx: "Context", value: cst.BaseExpression, words: Optional[Tuple[str, Optional[str]]],
                node: cst.Call, known: Dict[str, str]) -> None:
        stack = _stack(ctx, self)
        target = stack.construct(ctx, value)
        if target is not None and _last(target) == cdk.RULE_TARGET:
            if words is None:
                self._emit(ctx, positional(target, 0), "near-real-time", node, "EventBridge rule (event pattern)", None,
                           known)
            else:
                self._emit(ctx, positional(target, 0), "scheduled", node, f"EventBridge rule {words[0]}", words[1],
                           known)
        elif target is not None and _last(target) in cdk.CONTAINER_TARGETS:
            for keyword, index in cdk.CONTAINER_TARGETS[_last(target)]:
                holder = stack.construct(ctx, arg(target, keyword, index) if index >= 0 else kwarg(target, keyword))
                if holder is None:
                    continue
                container = stack.construct(ctx, kwarg(holder, cdk.JOB_CONTAINER))
                runs = [c for receiver, c in stack.containers if stack.construct(ctx, receiver) is holder]
                for run in runs or ([container] if container is not None else []):
                    self._run(ctx, kwarg(run, "image"), kwarg(run, "command"), words, node, _last(target))
                break

    def _run(self, ctx: "Context", image: Optional[cst.BaseExpression], command: Optional[cst.BaseExpression],
             words: Optional[Tuple[str, Optional[str]]], node: cst.Call, what: str) -> None:
        """A container a rule starts runs ``command`` in the folder its image is built from, else the
        image's own command (the Dockerfile's ``CMD``, ``sources/dockerfile.py``)."""
        built = self._image_build(ctx, image)
        if built is None:
            return
        folder, dockerfile = built
        parts = [ctx.literal(e.value) for e in command.elements] if isinstance(command, (cst.List, cst.Tuple)) else []
        line = shlex.join(str(p) for p in parts) if parts and all(isinstance(p, (str, int)) for p in parts) else ""
        keys = entry_keys(line, folder) if line else [f"docker:{posixpath.normpath(posixpath.join(folder, dockerfile))}"]
        kind, schedule = ("near-real-time", None) if words is None else ("scheduled", words[1])
        rule = "EventBridge rule (event pattern)" if words is None else f"EventBridge rule {words[0]}"
        for key in keys:
            ctx.add_trigger(Trigger(kind=kind, source=SOURCE, target=["entry", key], line=ctx.line(node), schedule=schedule,
                                    note=f"CDK {rule} starts {what}, the image built from {folder or '.'}/ runs "
                                         f"{describe_key(key)}"))

    def _image_build(self, ctx: "Context", image: Optional[cst.BaseExpression]) -> Optional[Tuple[str, str]]:
        """``ContainerImage.from_asset("dir", file=)`` / ``from_docker_image_asset(DockerImageAsset(directory=,
        file=))``: (its folder, its Dockerfile)."""
        built = _stack(ctx, self).construct(ctx, image)
        if built is not None and _last(built) == cdk.IMAGE_OF_ASSET:
            built = _stack(ctx, self).construct(ctx, positional(built, 0))
        if built is None or _last(built) not in cdk.IMAGE_BUILDS:
            return None
        dockerfile, folder = ctx.literal(kwarg(built, "file")), self._asset(ctx, built, "directory")
        at_root = asset_path(ctx, arg(built, "directory", 0)) == "" or ctx.literal(arg(built, "directory", 0)) in (".", "./")
        return (folder, dockerfile if isinstance(dockerfile, str) else "Dockerfile") if folder or at_root else None

    def _emit(self, ctx: "Context", fn: Optional[cst.BaseExpression], kind: str, node: cst.CSTNode, what: str,
              schedule: Optional[str], known: Optional[Dict[str, str]] = None) -> None:
        handler = self._function(ctx, fn, known) if fn is not None else None
        if not handler and fn is not None and not ctx.state(self).get("ended"):  # a helper's, perhaps defined below
            self._later(ctx, lambda: self._emit(ctx, fn, kind, node, what, schedule, known))
            return
        handler = handler or self._built_function(ctx, fn)
        if handler and fn is not None:
            ctx.add_trigger(Trigger(kind=kind, source=SOURCE, target=handler_expr(handler), line=ctx.line(node),
                                    note=f"CDK {what} invokes Lambda {ctx.code(fn)} ({shown_handler(handler)})", schedule=schedule))

    def _consumer(self, ctx: "Context", fn: cst.BaseExpression, queue: Optional[cst.BaseExpression],
                  node: cst.CSTNode, known: Dict[str, str]) -> None:
        """``fn.add_event_source(SqsEventSource(queue))``: an SQS event (held back where the scan finds
        every sender, ``project/fed_queues.py``) and ``fn`` the consumer of the queue, by its
        ``queue_name`` and the variables a function's environment sets to its ``queue_url``."""
        handler = self._function(ctx, fn, known) or self._built_function(ctx, fn)
        if not handler:
            return
        code, state = ctx.code(queue) if queue is not None else "", ctx.state(self)
        name = state.get("queues", {}).get(code)
        keys = ([sqs_name_key(name)] if isinstance(name, str) else []) + [
            SQS_QUEUE_ENV_KEY + v for v in state.get("queue_env", {}).get(code, [])]
        line, target = ctx.line(node), handler_expr(handler)
        ctx.add_trigger(Trigger(kind="near-real-time", source=SQS_CONSUMER_SOURCE, target=target, line=line,
                                note=f"CDK SqsEventSource({code}) invokes Lambda {ctx.code(fn)} ({shown_handler(handler)})"))
        for key in keys:
            ctx.add_trigger(Trigger(kind="entry", source=QUEUE_CONSUMER_SOURCE, target=target, line=line, entry_key=key,
                                    note=f"CDK function {ctx.code(fn)} reads {queue_words(key)}"))

    def _function(self, ctx: "Context", fn: cst.BaseExpression, known: Optional[Dict[str, str]]) -> Optional[str]:
        """The handler ``fn`` names where the invoker is read (``known``: a local ``fn`` of one method is
        not another method's ``fn``), else as the file's end names it (``self.fn`` set by a later method)."""
        code = ctx.code(fn)
        handler: Optional[str] = (known or {}).get(code) or ctx.state(self).get("functions", {}).get(code)
        return handler

    def _built_function(self, ctx: "Context", fn: Optional[cst.BaseExpression]) -> Optional[str]:
        """The handler of the function a name holds through the stack's helpers (``function =
        self._create_function(env)``), read at the file's end."""
        built = _stack(ctx, self).construct(ctx, fn)
        if built is None or not (ctx.qualified(built.func) or "").startswith("aws_cdk"):
            return None
        return self._image(ctx, built) if _last(built) == IMAGE_FUNCTION else \
            self._handler(ctx, built) if _last(built) in FUNCTIONS else None

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
        anchored = asset_path(ctx, path)  # ``Path(__file__).parent.parent / "app"``: the repository's ``app``
        if anchored is not None:
            return anchored
        if isinstance(path, cst.Call) and path.args:  # os.path.join(os.path.dirname(__file__), "lambdas", "x")
            parts = [ctx.literal(a.value) for a in path.args]
            return "/".join(p for p in parts if isinstance(p, str)) if isinstance(parts[-1], str) else ""
        literal = ctx.literal(path)
        return literal if isinstance(literal, str) else ""

    @staticmethod
    def _schedule(ctx: "Context", node: Optional[cst.BaseExpression]) -> Optional[Tuple[str, Optional[str]]]:
        """``Schedule.cron(hour="3", minute="0")`` / ``Schedule.rate(Duration.hours(1))`` /
        ``Schedule.expression("rate(1 day)")``: (how the evidence quotes it, words); None: no schedule.
        ``schedule=schedule`` (a rule helper's parameter) is a schedule whose words are not here."""
        if isinstance(node, (cst.Name, cst.Attribute)) and ctx.code(node) != "None":  # a helper's parameter, a local
            return f"schedule {ctx.code(node)}", None  # a schedule all the same, its words written elsewhere
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


def _known(ctx: "Context", owner: Recognizer) -> Dict[str, str]:
    """The functions' handlers by the names they have so far, for an invoker read at the file's end
    (one copy until a function is bound again)."""
    state = ctx.state(owner)
    if "known" not in state:
        state["known"] = dict(state.get("functions", {}))
    known: Dict[str, str] = state["known"]
    return known


def _stack(ctx: "Context", owner: Recognizer) -> Stack:
    state = ctx.state(owner)
    if "stack" not in state:
        state["stack"] = Stack()
    stack: Stack = state["stack"]
    return stack


RECOGNIZERS = [AwsCdk()]
