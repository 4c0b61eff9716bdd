"""Pulumi programs in Python: cloud functions, containers and what invokes them, declared in one program.

A Pulumi program (``import pulumi_aws as aws`` / ``pulumi_gcp``) is read statically, never run: its
resources are calls whose type the table below names, bound to locals that later resources name
(``rule = aws.cloudwatch.EventRule(...)`` then ``aws.cloudwatch.EventTarget(rule=rule.name, ...)``).
What a resource runs:

- ``aws.lambda_.Function(handler="app.handler", code=pulumi.FileArchive("./lambda"))`` (also
  ``AssetArchive({".": FileArchive(...)})``, ``FileAsset``): ``lambda/app.py``'s ``handler``, the
  path relative to the program's folder (where ``Pulumi.yaml`` is), matched by its tail; a function
  with ``package_type="Image"`` the handler of the Lambda image built by the program or named like it
  (``catalog/lambda_images.py``);
- ``aws.ecs.TaskDefinition(container_definitions=json.dumps([{"command": [...]}]))``: that command;
  without one the image's ``CMD``: the Dockerfile the program builds (``docker.Image`` / ``awsx``
  ``ecr.Image`` with a ``context``), else the repository's root ``Dockerfile`` (as Terraform's);
- GCP ``cloudfunctions.Function`` / ``cloudfunctionsv2.Function(entry_point=...)``: ``main.py``'s
  entry point in the folder its ``storage.BucketObject`` archives; ``cloudrunv2.Job``: its
  container's ``commands`` + ``args``, else the image as above.

What invokes it (``INVOKERS``): EventBridge rules with a ``schedule_expression`` + ``EventTarget``
(Lambda ``arn=fn.arn`` or ``ecs_target`` naming a task definition), EventBridge Scheduler
``scheduler.Schedule``, Cloud Scheduler ``cloudscheduler.Job`` (an HTTP target naming a function or
a job, or a Pub/Sub target naming the topic a function subscribes to): scheduled; a rule with an
event pattern, event source mappings, S3 notifications, SNS subscriptions, a GCP function's
``event_trigger``: near-real-time; function URLs and API Gateway integrations: real-time. A GCP HTTP
function is called by whoever knows its URL: weak real-time, so the program's own scheduler wins.
The program's own lines are infrastructure, not application code: it reaches no call site itself.
"""
from __future__ import annotations

import posixpath
import shlex
from typing import AbstractSet, Dict, Iterator, List, Optional, Set, Tuple

import libcst as cst

from llm_latency_lint.catalog import schedule_words
from llm_latency_lint.catalog.command_lines import (
    describe_key,
    entry_keys,
    handler_module,
)
from llm_latency_lint.catalog.lambda_images import (
    HANDLER,
    function_name,
    handler_expr,
    image_key,
    shown_handler,
)
from llm_latency_lint.catalog.triggers.api import Context, Recognizer
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.literals import kwarg, positional
from llm_latency_lint.syntax.walk import nodes_of, walk

SOURCE = "pulumi"
ROOTS = ("pulumi_aws", "pulumi_gcp", "pulumi_awsx", "pulumi_docker", "pulumi_docker_build")
# ``<module>.<Class>`` of a resource (after the provider package) -> its role in the program.
RESOURCES: Dict[str, str] = {
    "lambda_.Function": "function", "ecs.TaskDefinition": "task", "ecs.FargateTaskDefinition": "task",
    "cloudwatch.EventRule": "rule", "cloudwatch.EventTarget": "target", "scheduler.Schedule": "schedule",
    "cloudfunctions.Function": "gcp-function", "cloudfunctionsv2.Function": "gcp-function",
    "storage.BucketObject": "archive", "pubsub.Topic": "topic", "cloudrunv2.Job": "job",
    "cloudscheduler.Job": "gcp-schedule", "ecr.Image": "image", ".Image": "image",
}
# Resources handed a function that invoke it, and the class of what they start.
INVOKERS: Dict[str, str] = {
    "lambda_.EventSourceMapping": "near-real-time", "s3.BucketNotification": "near-real-time",
    "sns.TopicSubscription": "near-real-time", "lambda_.FunctionUrl": "real-time",
    "apigatewayv2.Integration": "real-time", "apigateway.Integration": "real-time",
    "lb.TargetGroupAttachment": "real-time",
}
# ``lambda_.Permission(principal=...)``: who may invoke the function (``events`` leaves it to the rule).
PRINCIPALS: Dict[str, str] = {"apigateway": "real-time", "elasticloadbalancing": "real-time",
                              "s3": "near-real-time", "sns": "near-real-time", "sqs": "near-real-time"}
IMAGE_ROOTS = ("pulumi_docker", "pulumi_docker_build")  # their ``Image`` builds a Dockerfile
Resource = Tuple[str, cst.Call, List[str], int]  # (role or invoker type, call, names bound, line)


class Pulumi(Recognizer):
    id = "pulumi"
    words = ROOTS

    def on_assign(self, ctx: "Context", targets: List[str], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        if isinstance(value, cst.Call) and self._type(ctx, value):
            names = [ctx.code(t.target) for t in node.targets] if isinstance(node, cst.Assign) else (
                [ctx.code(node.target)] if isinstance(node, cst.AnnAssign) else [])
            self._record(ctx, value, names)

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        if (callee or "").startswith(ROOTS):
            self._record(ctx, node, [])

    def _record(self, ctx: "Context", call: cst.Call, names: List[str]) -> None:
        kind = self._type(ctx, call)
        if kind is None:
            return
        found: Dict[int, Resource] = ctx.state(self).setdefault("resources", {})
        known = found.get(id(call))
        found[id(call)] = (kind, call, (known[2] if known else []) + names, ctx.line(call))

    @staticmethod
    def _type(ctx: "Context", call: cst.Call) -> Optional[str]:
        qualified = ctx.qualified(call.func) or ""
        if not qualified.startswith(ROOTS):
            return None
        parts = qualified.split(".")
        key = f"{parts[-2] if len(parts) > 2 else ''}.{parts[-1]}"
        if key in RESOURCES or key in INVOKERS or key == "lambda_.Permission":
            return key
        return ".Image" if parts[-1] == "Image" and parts[0] in IMAGE_ROOTS else None

    def on_module_end(self, ctx: "Context") -> None:
        resources = sorted(ctx.state(self).get("resources", {}).values(), key=lambda r: r[3])
        if resources:
            for trigger in Program(ctx, resources).triggers():
                ctx.add_trigger(trigger)


class Program:
    """One file's resources, resolved against each other."""

    def __init__(self, ctx: "Context", resources: List[Resource]) -> None:
        self.ctx, self.resources = ctx, resources
        self.folder = posixpath.dirname(ctx.path)
        self.by_role: Dict[str, Dict[str, Resource]] = {}
        for resource in resources:
            role = RESOURCES.get(resource[0], resource[0])
            for name in resource[2]:
                self.by_role.setdefault(role, {})[name] = resource

    def triggers(self) -> Iterator[Trigger]:
        published: Set[str] = set()  # topics a Cloud Scheduler job publishes to
        for kind, call, _, line in self.resources:
            role = RESOURCES.get(kind)
            if role == "target":
                rule = self._named(kwarg(call, "rule"), "rule")
                if rule is not None and not _disabled(self.ctx, rule[1]):
                    yield from self._invoke(call, *self._schedule(rule[1], "EventBridge rule"), rule[3])
            elif role == "schedule":
                yield from self._invoke(call, *self._schedule(call, "EventBridge Scheduler schedule"), line)
            elif role == "gcp-schedule":
                cron = self.ctx.literal(kwarg(call, "schedule"))
                what = f"Cloud Scheduler job '{cron}'" if isinstance(cron, str) else "Cloud Scheduler job"
                words = schedule_words.describe_cron(cron) if isinstance(cron, str) else None
                topics = self._names(call) & set(self.by_role.get("topic", {}))
                published |= topics
                yield from self._invoke(call, "scheduled", what, words, line, topics)
            elif kind in INVOKERS:
                yield from self._invoke(call, INVOKERS[kind], kind.split(".")[-1], None, line)
            elif kind == "lambda_.Permission":
                principal = self.ctx.literal(kwarg(call, "principal"))
                service = principal.split(".")[0] if isinstance(principal, str) else ""
                if service in PRINCIPALS:
                    yield from self._invoke(call, PRINCIPALS[service], f"permission for {principal}", None, line)
        yield from self._gcp_events(published)

    def _gcp_events(self, published: Set[str]) -> Iterator[Trigger]:
        """A GCP function's own trigger: an event (near-real-time, unless its topic's only publisher
        is the program's scheduler) or HTTP (weak real-time)."""
        for name, (_, call, _, line) in self.by_role.get("gcp-function", {}).items():
            event = _keyword(call, "event_trigger")
            topics = self._names(event) & set(self.by_role.get("topic", {}))
            if event is not None:
                if not topics or not topics <= published:
                    yield from self._runs(name, "near-real-time", "event trigger", None, line, weak=False)
            elif self.ctx.literal(kwarg(call, "trigger_http")) is True or "v2" in self._type_of(name):
                yield from self._runs(name, "real-time", "HTTP trigger", None, line, weak=True)

    def _type_of(self, name: str) -> str:
        return next(r[0] for role in self.by_role.values() for n, r in role.items() if n == name)

    def _schedule(self, call: cst.Call, what: str) -> Tuple[str, str, Optional[str]]:
        expr = self.ctx.literal(kwarg(call, "schedule_expression"))
        if isinstance(expr, str):
            return "scheduled", f"{what} '{expr}'", schedule_words.aws_schedule_words(expr)
        return "near-real-time", f"{what} (event pattern)", None

    def _invoke(self, call: cst.Call, kind: str, what: str, words: Optional[str], line: int,
                extra: AbstractSet[str] = frozenset()) -> Iterator[Trigger]:
        """What the resource ``call`` names (besides its rule) runs, with class ``kind``."""
        if _disabled(self.ctx, call):
            return
        names = self._names(call, skip="rule")
        for role in ("function", "task", "gcp-function", "job"):
            for name in sorted(names & set(self.by_role.get(role, {}))):
                yield from self._runs(name, kind, what, words, line)
        for topic in sorted(extra):
            for name, function in self.by_role.get("gcp-function", {}).items():
                event = _keyword(function[1], "event_trigger")
                if event is not None and topic in self._names(event):
                    yield from self._runs(name, kind, f"{what} publishes to topic {topic}", words, line)

    def _runs(self, name: str, kind: str, what: str, words: Optional[str], line: int,
              weak: bool = False) -> Iterator[Trigger]:
        resource = next(r for role in self.by_role.values() for n, r in role.items() if n == name)
        role = RESOURCES.get(resource[0])
        note = f"Pulumi {what} ({self.ctx.path}) invokes {name}"
        if role in ("function", "gcp-function"):
            handler = self._handler(resource[1]) if role == "function" else self._entry_point(resource[1])
            if handler:
                yield Trigger(kind=kind, source=SOURCE, target=handler_expr(handler), line=line,
                              note=f"{note} ({shown_handler(handler)})", schedule=words, weak=weak)
            return
        for key in self._container(resource[1]):
            yield Trigger(kind=kind, source=SOURCE, target=["entry", key], line=line,
                          note=f"{note}, which runs {describe_key(key)}", schedule=words, weak=weak)

    def _handler(self, call: cst.Call) -> Optional[str]:
        if self.ctx.literal(kwarg(call, "package_type")) == "Image":
            image = self._image(call)
            if image:
                return "@" + image_key(posixpath.dirname(image[len("docker:"):]))
            name = self.ctx.literal(positional(call, 0))
            return "@" + image_key(function_name(name)) if isinstance(name, str) else None
        handler = self.ctx.literal(kwarg(call, "handler"))
        if not isinstance(handler, str) or not HANDLER.match(handler):
            return None
        folder = self._archive(kwarg(call, "code"))
        if folder is not None:
            return handler_module(folder, handler)
        return handler if handler.count(".") >= 2 else None

    def _entry_point(self, call: cst.Call) -> Optional[str]:
        entry = self.ctx.literal(_keyword(call, "entry_point"))
        if not isinstance(entry, str) or not entry.isidentifier():
            return None
        archives = self.by_role.get("archive", {})
        held = sorted(self._names(call) & set(archives))
        folder = self._archive(archives[held[0]][1]) if held else self._archive(call)
        return handler_module(folder or "", f"main.{entry}")

    def _archive(self, node: Optional[cst.CSTNode]) -> Optional[str]:
        """The folder a ``FileArchive("dir")`` / ``FileAsset("dir/x.py")`` inside ``node`` packs,
        relative to the scan root; None when there is none."""
        for call in _calls(node):
            last = call.func.attr.value if isinstance(call.func, cst.Attribute) else getattr(call.func, "value", "")
            path = self.ctx.literal(positional(call, 0))
            if last in ("FileArchive", "FileAsset") and isinstance(path, str):
                if last == "FileAsset" or path.endswith(".zip"):
                    path = posixpath.dirname(path)
                return self._path(path)
        return None

    def _path(self, path: str) -> str:
        """A path in the program, relative to its folder (``pulumi up`` runs there), from the scan root;
        a path above the scan root keeps its tail."""
        joined = posixpath.normpath(posixpath.join(self.folder, path))
        while joined.startswith("../"):
            joined = joined[3:]
        return "" if joined in (".", "..") else joined

    def _container(self, call: cst.Call) -> List[str]:
        """The command a task definition's or job's container runs: its literal ``command`` (and
        ``entryPoint`` / ``args``), else the ``CMD`` of the image it runs."""
        words: List[str] = []
        for key in ("entryPoint", "entry_point", "command", "commands", "args"):
            value = _dict_value(call, key)
            strings = [self.ctx.literal(e.value) for e in value.elements] if isinstance(value, cst.List) else []
            if strings and all(isinstance(s, str) for s in strings):
                words.extend(strings)
        if words:
            return entry_keys(shlex.join(words))
        return [self._image(call) or "docker:Dockerfile"]

    def _image(self, call: cst.Call) -> Optional[str]:
        """``docker:<context>/<dockerfile>`` of the image the resource names, or of the program's only one."""
        images = self.by_role.get("image", {})
        named = sorted(self._names(call) & set(images))
        built = {id(r[1]): r for r in images.values()}
        image = images[named[0]] if named else next(iter(built.values())) if len(built) == 1 else None
        if image is None:
            return None
        context = _dict_value(image[1], "context")  # a keyword, or a key of ``build={...}``
        if isinstance(context, (cst.Call, cst.Dict)):  # docker-build's ``BuildContextArgs(location=...)``
            context = _dict_value(context, "location")
        folder = self.ctx.literal(context)
        dockerfile = self.ctx.literal(_dict_value(image[1], "dockerfile"))
        if not isinstance(folder, str):
            return None
        path = dockerfile if isinstance(dockerfile, str) else posixpath.join(folder, "Dockerfile")
        return f"docker:{self._path(path) or 'Dockerfile'}"

    def _named(self, node: Optional[cst.BaseExpression], role: str) -> Optional[Resource]:
        names = sorted(self._names(node) & set(self.by_role.get(role, {}))) if node is not None else []
        return self.by_role[role][names[0]] if names else None

    def _names(self, node: Optional[cst.CSTNode], skip: str = "") -> Set[str]:
        """The codes of the names and attributes inside ``node`` (``rule``, ``self.rule``), but not
        inside its ``skip`` keyword argument."""
        if node is None:
            return set()
        gather = _Names(self.ctx, skip)
        walk(node, gather, layout=False)
        return gather.found


class _Names:
    """Collects the code of every name and attribute, skipping one keyword argument's value."""

    def __init__(self, ctx: "Context", skip: str) -> None:
        self.ctx, self.skip, self.found = ctx, skip, set()  # type: Context, str, Set[str]

    def visit_Arg(self, node: cst.Arg) -> Optional[bool]:
        return False if node.keyword is not None and node.keyword.value == self.skip else None

    def visit_Name(self, node: cst.Name) -> None:
        self.found.add(self.ctx.code(node))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.found.add(self.ctx.code(node))


def _calls(node: Optional[cst.CSTNode]) -> List[cst.Call]:
    return nodes_of(node, cst.Call) if node is not None else []


def _keyword(node: Optional[cst.CSTNode], name: str) -> Optional[cst.BaseExpression]:
    """The value of keyword argument ``name`` anywhere inside ``node`` (``build_config=BuildConfigArgs(entry_point=...)``)."""
    for call in _calls(node):
        found = kwarg(call, name)
        if found is not None:
            return found
    return None


def _dict_value(node: cst.CSTNode, key: str) -> Optional[cst.BaseExpression]:
    """The value of ``"key": ...`` in a dict literal, or of ``key=...`` in a call, inside ``node``
    (the first in source order)."""
    first = _FirstValue(key)
    walk(node, first, layout=False)
    return first.found


class _FirstValue:
    """Keeps the value of the first ``"key": ...`` dict element or ``key=...`` argument."""

    def __init__(self, key: str) -> None:
        self.key, self.found = key, None  # type: str, Optional[cst.BaseExpression]

    def visit_DictElement(self, node: cst.DictElement) -> None:
        if self.found is None and isinstance(node.key, cst.SimpleString) and node.key.evaluated_value == self.key:
            self.found = node.value

    def visit_Arg(self, node: cst.Arg) -> None:
        if self.found is None and node.keyword is not None and node.keyword.value == self.key:
            self.found = node.value


def _disabled(ctx: "Context", call: cst.Call) -> bool:
    return ctx.literal(kwarg(call, "state")) == "DISABLED" or ctx.literal(kwarg(call, "is_enabled")) is False \
        or ctx.literal(kwarg(call, "paused")) is True


RECOGNIZERS = [Pulumi()]
