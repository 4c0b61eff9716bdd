"""AWS CDK apps in TypeScript / JavaScript (``cdk.json`` ``"app": "npx ts-node bin/app.ts"``): the
Python Lambda functions a stack declares and what invokes them.

The same constructs as the Python reader (``triggers/aws_cdk.py``; the knowledge is
``catalog/cdk_constructs.py``), in their camelCase spelling, read from the text (``_js.py``):

- ``const fn = new lambda.Function(this, "Fn", { runtime: lambda.Runtime.PYTHON_3_12, handler:
  "app.handler", code: lambda.Code.fromAsset(path.join(__dirname, "../lambdas/digest")) })`` runs
  ``lambdas/digest/app.py``'s ``handler``; ``new PythonFunction(this, "Fn", { entry, index, handler })``
  likewise; ``new DockerImageFunction(this, "Fn", { code: DockerImageCode.fromImageAsset(dir, { cmd }) })``
  (and ``Code.fromAssetImage``) the handler of the Lambda image built there. A path joined to
  ``__dirname`` is the stack file's folder's; a bare one is relative to where ``cdk synth`` runs,
  so the graph matches the handler's dotted name by its tail. A function on another runtime
  (``NODEJS_20_X``) is not Python: not ours.
- ``new LambdaRestApi(this, "Api", { handler: fn })``, ``new LambdaIntegration(fn)``,
  ``new HttpLambdaIntegration("Id", fn)``, ``fn.addFunctionUrl()``: real-time;
  ``new events.Rule(this, "R", { schedule: events.Schedule.cron({ hour: "3" }) / rate(Duration.hours(1))
  / expression("rate(1 day)"), targets: [new targets.LambdaFunction(fn)] })`` or ``rule.addTarget(...)``:
  scheduled (a rule with an event pattern: near-real-time); ``fn.addEventSource(new SqsEventSource(q))``,
  ``new s3n.LambdaDestination(fn)``, ``new subs.LambdaSubscription(fn)``: near-real-time.

Functions are known by the variable (``fn``) or property (``this.fn``) they are assigned to, in
the same file; ``functionName: "x"`` also makes the function the entry ``lambda:x``.
"""
from __future__ import annotations

import posixpath
import re
from typing import Dict, List, Optional, Tuple

from llm_latency_lint.catalog import cdk_constructs as cdk
from llm_latency_lint.catalog.lambda_images import handler_expr, shown_handler
from llm_latency_lint.catalog.sources import Source, _js
from llm_latency_lint.model import Trigger

SOURCE_ID = "aws-cdk"
MARKERS = ("aws-cdk-lib", "@aws-cdk/")
SUFFIXES = (".ts", ".js", ".mjs", ".cjs")
SKIPPED = (".d.ts", ".test.ts", ".spec.ts", ".test.js", ".spec.js", ".min.js")
SKIPPED_DIRS = ("node_modules/", "cdk.out/", "dist/", "build/", ".next/")
OTHER_RUNTIMES = re.compile(r"\b(?:NODEJS|JAVA|GO|DOTNET|RUBY|PROVIDED)", re.IGNORECASE)
_NEW = re.compile(r"\bnew\s+((?:[\w$]+\.)*([\w$]+))\s*(?:<[^<>()]*>)?\s*\(")
_ASSIGNED = re.compile(r"(?:(?:const|let|var)\s+([\w$]+)|(?:this\.)?([\w$.]+))\s*(?::[^=;]*?)?=\s*$")
_METHOD = re.compile(r"([\w$.]+)\s*\.\s*(addEventSource|addFunctionUrl|addTarget)\s*\(")
_PATH_CALL = re.compile(r"^(?:path\.)?(?:join|resolve)\s*\(")
Found = Dict[str, str]  # variable -> handler (or ``@lambda-image:<folder>``)


def matches(relpath: str, name: str) -> bool:
    return name.endswith(SUFFIXES) and not name.endswith(SKIPPED) and not any(
        d in "/" + relpath for d in ("/" + s for s in SKIPPED_DIRS))


def parse(relpath: str, text: str) -> List[Trigger]:
    if not any(marker in text for marker in MARKERS):
        return []
    code = _js.strip_comments(text)
    folder = posixpath.dirname(relpath)
    strings = _strings(code, folder)
    news = [(m, _assigned(code, m.start())) for m in _NEW.finditer(code)]
    assets = _asset_locals(code, strings, folder)
    functions: Found = {}
    found: List[Trigger] = []
    for m, var in news:
        handler = _function(code, m, strings, folder, assets)
        if handler and var:
            functions[var] = handler
        name = _js.literal(_props(code, m).get("functionName", "")) if handler else None
        if handler and isinstance(name, str):
            found.append(Trigger(kind="entry", source=SOURCE_ID, target=handler_expr(handler), line=_js.line_at(code, m.start()),
                                 note=f"CDK function '{name}' ({shown_handler(handler)}) in {relpath}", entry_key=f"lambda:{name}"))
    rules: Dict[str, Optional[Tuple[str, Optional[str]]]] = {}
    for m, var in news:
        found.extend(_invoker(code, m, var, functions, rules, relpath))
    for m in _METHOD.finditer(code):
        found.extend(_method(code, m, functions, rules, relpath))
    return found


def _assigned(code: str, start: int) -> str:
    """``fn`` for ``const fn = new ...`` / ``this.fn = new ...`` ("" when not assigned)."""
    m = _ASSIGNED.search(code[max(0, start - 160):start])
    return _ref(m.group(1) or m.group(2)) if m else ""


def _ref(text: str) -> str:
    """How code names a function: ``this.fn`` and ``fn`` alike."""
    text = re.sub(r"\s+", "", text)
    return text[len("this."):] if text.startswith("this.") else text


def _args(code: str, m: "re.Match[str]") -> List[str]:
    return _js.arguments(code, m.end() - 1) or []


def _props(code: str, m: "re.Match[str]") -> Dict[str, str]:
    """The props object of ``new X(scope, id, { ... })`` (its last argument)."""
    args = _args(code, m)
    return _js.object_props(args[-1]) if args else {}


def _strings(code: str, folder: str) -> Dict[str, str]:
    """``const lambdaDir = path.join(__dirname, "../lambda")``: names bound to a path or string."""
    found: Dict[str, str] = {}
    for m in re.finditer(r"\b(?:const|let|var)\s+([\w$]+)\s*(?::\s*string\s*)?=\s*", code):
        end = re.compile(r"[;\n]").search(code, m.end())
        value = code[m.end(): end.start() if end else len(code)]
        if "(" in value and value.count("(") != value.count(")"):
            close = _js.closing(code, code.index("(", m.end()))
            value = code[m.end(): close + 1] if close > 0 else value
        path = _path(value, folder, found)
        if path:
            found[m.group(1)] = path
    return found


def _path(expr: str, folder: str, strings: Dict[str, str]) -> str:
    """A path expression's value from the CDK app's folder: ``"lambdas/x"``, ``path.join(__dirname,
    "..", "lambdas/x")``, `` `${__dirname}/../lambdas` ``, a name bound to one ("" when computed)."""
    expr = expr.strip()
    value = _js.literal(expr)
    if isinstance(value, str):
        return _normal(value)
    if re.fullmatch(r"[\w$]+", expr):
        return strings.get(expr, "")
    if expr.startswith("`") and expr.endswith("`"):
        body = expr[1:-1].replace("${__dirname}", folder or ".")
        return "" if "${" in body else _normal(body)
    m = _PATH_CALL.match(expr)
    if not m:
        return ""
    parts: List[str] = []
    for arg in _js.arguments(expr, m.end() - 1) or []:
        value = _js.literal(arg)
        if arg == "__dirname":
            parts.append(folder or ".")
        elif isinstance(value, str):  # ``"../lambdas"``: relative to the parts before it
            parts.append(value)
        else:
            part = _path(arg, folder, strings)
            if not part:
                return ""
            parts.append(part)
    return _normal(posixpath.join(*parts)) if parts else ""


def _normal(path: str) -> str:
    path = posixpath.normpath(path) if path else ""
    while path.startswith("../"):
        path = path[3:]
    return "" if path in ("..", ".", "/") else path.lstrip("/")


def _asset_locals(code: str, strings: Dict[str, str], folder: str) -> Dict[str, str]:
    """``const code = lambda.Code.fromAsset("lambdas")`` shared by several functions."""
    found: Dict[str, str] = {}
    for m in re.finditer(r"\b(?:const|let|var)\s+([\w$]+)\s*(?::[^=;]*?)?=\s*(?:[\w$]+\.)*Code\.fromAsset\s*\(", code):
        args = _js.arguments(code, m.end() - 1)
        path = _path(args[0], folder, strings) if args else ""
        if path:
            found[m.group(1)] = path
    return found


def _call(expr: str, method: str) -> Optional[List[str]]:
    """The arguments of ``expr`` when it is a call of ``<...>.method(...)``."""
    m = re.match(rf"^\s*(?:[\w$]+\s*\.\s*)*{method}\s*\(", expr)
    return _js.arguments(expr, m.end() - 1) if m else None


def _function(code: str, m: "re.Match[str]", strings: Dict[str, str], folder: str, assets: Dict[str, str]) -> Optional[str]:
    """The handler a ``new Function / PythonFunction / DockerImageFunction`` runs (None: not Python)."""
    kind = m.group(2)
    if kind not in cdk.FUNCTIONS and kind != cdk.IMAGE_FUNCTION:
        return None
    props = _props(code, m)
    if OTHER_RUNTIMES.search(props.get("runtime", "")):
        return None
    if kind == "PythonFunction":
        entry = _path(props.get("entry", ""), folder, strings)
        index, handler = _js.literal(props.get("index", "")), _js.literal(props.get("handler", ""))
        return cdk.python_function_handler(entry, index if isinstance(index, str) else None,
                                           handler if isinstance(handler, str) else None) if entry else None
    source = props.get("code", "")
    image = _call(source, cdk.camel(cdk.FROM_IMAGE_ASSET)) or _call(source, cdk.camel(cdk.FROM_ASSET_IMAGE))
    if image:
        options = _js.object_props(image[1]) if len(image) > 1 else {}
        command = options.get("cmd", "").strip("[] \n")
        first = _js.literal(_js.split_top(command)[0]) if command else None
        dockerfile = _js.literal(options.get("file", ""))
        return cdk.image_handler(_path(image[0], folder, strings), first if isinstance(first, str) else None,
                                 dockerfile if isinstance(dockerfile, str) else None)
    handler = _js.literal(props.get("handler", ""))
    if kind == cdk.IMAGE_FUNCTION or not isinstance(handler, str) or not source:
        return None
    asset = _call(source, cdk.camel(cdk.FROM_ASSET))
    if asset is not None:
        where = _path(asset[0], folder, strings) if asset else ""
    else:
        where = assets.get(_ref(source), "")
    return cdk.function_handler(where, handler)


def _trigger(kind: str, handler: str, line: int, what: str, ref: str, relpath: str,
             schedule: Optional[str] = None) -> Trigger:
    return Trigger(kind=kind, source=SOURCE_ID, target=handler_expr(handler), line=line, schedule=schedule,
                   note=f"CDK {what} invokes Lambda {ref} ({shown_handler(handler)}) in {relpath}")


def _invoker(code: str, m: "re.Match[str]", var: str, functions: Found,
             rules: Dict[str, Optional[Tuple[str, Optional[str]]]], relpath: str) -> List[Trigger]:
    name, line = m.group(2), _js.line_at(code, m.start())
    if name in cdk.INVOKERS:
        kind, index = cdk.INVOKERS[name]
        args = _args(code, m)
        ref = _props(code, m).get("handler", "") if index < 0 else (args[index] if len(args) > index else "")
        handler = functions.get(_ref(ref))
        return [_trigger(kind, handler, line, name, _ref(ref), relpath)] if handler else []
    if name != cdk.RULE:
        return []
    props = _props(code, m)
    schedule = _schedule(props.get("schedule", ""))
    if var:
        rules[var] = schedule
    return _targets(code, props.get("targets", ""), schedule, functions, line, relpath)


def _targets(code: str, targets: str, schedule: Optional[Tuple[str, Optional[str]]], functions: Found,
             line: int, relpath: str) -> List[Trigger]:
    found: List[Trigger] = []
    for m in _NEW.finditer(targets):
        args = _js.arguments(targets, m.end() - 1) or []
        handler = functions.get(_ref(args[0])) if m.group(2) == cdk.RULE_TARGET and args else None
        if handler and schedule is None:
            found.append(_trigger(cdk.NEAR_REAL_TIME, handler, line, "EventBridge rule (event pattern)", _ref(args[0]), relpath))
        elif handler and schedule is not None:
            found.append(_trigger(cdk.SCHEDULED, handler, line, f"EventBridge rule {schedule[0]}", _ref(args[0]), relpath,
                                  schedule[1]))
    return found


def _method(code: str, m: "re.Match[str]", functions: Found,
            rules: Dict[str, Optional[Tuple[str, Optional[str]]]], relpath: str) -> List[Trigger]:
    receiver, method, line = _ref(m.group(1)), m.group(2), _js.line_at(code, m.start())
    args = _js.arguments(code, m.end() - 1) or []
    if method == "addTarget" and receiver in rules:
        return _targets(code, args[0] if args else "", rules[receiver], functions, line, relpath)
    handler = functions.get(receiver)
    if handler and method == "addFunctionUrl":
        return [_trigger(cdk.REAL_TIME, handler, line, "function URL", receiver, relpath)]
    source = _NEW.match(args[0].strip()) if handler and method == "addEventSource" and args else None
    if handler and source and source.group(2) in cdk.EVENT_SOURCES:
        return [_trigger(cdk.NEAR_REAL_TIME, handler, line, f"{source.group(2)} event", receiver, relpath)]
    return []


def _schedule(expr: str) -> Optional[Tuple[str, Optional[str]]]:
    """``events.Schedule.cron({ hour: "3" })`` / ``rate(Duration.hours(1))`` / ``expression("...")``."""
    cron = _call(expr, "cron")
    if cron is not None:
        fields = _js.object_props(cron[0]) if cron else {}
        return cdk.cron({f: _js.literal(fields.get(cdk.camel(f), "")) for f in cdk.CRON_FIELDS})
    rate = _call(expr, "rate")
    if rate:
        for unit in cdk.RATE_UNITS:
            duration = _call(rate[0], unit)
            if duration:
                return cdk.rate(_js.literal(duration[0]), unit)
        return "rate", None
    expression = _call(expr, "expression")
    if expression:
        return cdk.expression(_js.literal(expression[0]))
    return None


SOURCE = Source(SOURCE_ID, matches, parse, max_bytes=400_000)
