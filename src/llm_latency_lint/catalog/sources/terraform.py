"""Terraform (``*.tf``): schedules and events declared for cloud functions and jobs.

- ``google_cloud_scheduler_job`` whose ``http_target.uri`` runs a Cloud Run job
  (``.../jobs/<job>:run``): the ``google_cloud_run_v2_job``'s container ``command`` + ``args``
  when the file declares them, else the repository's image (``docker:Dockerfile``); scheduled. Any
  other ``http_target.uri`` (or ``app_engine_http_target.relative_uri``) calls the project's own
  route at that path, if it has one: the key ``url:<http_method> <uri>``.
- ``aws_cloudwatch_event_rule`` (``schedule_expression``: scheduled; ``event_pattern``:
  near-real-time) + ``aws_cloudwatch_event_target``, and ``aws_scheduler_schedule`` with a
  ``target { arn }``, pointing at an ``aws_lambda_function``: its ``handler`` (``mod.func``,
  under the ``source_dir`` / ``source_file`` of the archive it is built from when literal);
  ``aws_lambda_event_source_mapping`` (SQS, streams; a queue's consumer: ``_terraform_sqs``), ``aws_s3_bucket_notification``
  ``lambda_function {}`` blocks, ``aws_sns_topic_subscription``: near-real-time;
  ``aws_apigatewayv2_integration`` / ``aws_api_gateway_integration``, ``aws_lambda_function_url``,
  ``aws_lb_target_group_attachment``: real-time (a caller waits); ``aws_lambda_permission`` by its
  principal (API Gateway, load balancer: real-time; S3, SNS, SQS: near-real-time). A ``module``
  call with a literal ``handler`` (terraform-aws-modules/lambda, a project's own function module)
  is a function whose code lies under ``source_path`` / ``source_dir`` or beside its ``filename``
  zip, referenced as ``module.<name>.<output>``; that registry module's ``create_lambda_function_url``,
  ``allowed_triggers`` services and ``event_source_mapping`` count too. A function declared in
  another file of the module (folder) is the entry ``terraform:<folder>/<aws_lambda_function|module>.<name>``
  that file defines; so is a ``data "archive_file"`` packing a function's code in another file
  (``data.tf`` beside ``lambda.tf``): ``terraform:<folder>/data.archive_file.<name>`` names its
  source folder, and the function's handler is the entry ``terraform-archive:<that key>|<handler>``
  the project resolves below it (``project/classify_entries.add_archived_handlers``).

HCL is read with patterns, not a parser: blocks by balanced braces (those in strings, comments and
heredocs not counted; a scan ends at the next block at its indentation or lower), literal ``key = "value"``
attributes; interpolations other than ``${path.module}`` leave a value unread.
"""
from __future__ import annotations

import posixpath
import re
from typing import Dict, List, Optional, Tuple

from llm_latency_lint.catalog.command_lines import handler_module
from llm_latency_lint.catalog.command_urls import url_key
from llm_latency_lint.catalog.lambda_images import (
    GENERIC_NAMES,
    KIND,
    function_name,
    image_key,
)
from llm_latency_lint.catalog.sources import Source
from llm_latency_lint.catalog.sources import _terraform_ecs as ecs
from llm_latency_lint.catalog.sources import _terraform_sqs as sqs
from llm_latency_lint.catalog.sources._entries import schedule_triggers
from llm_latency_lint.catalog.sources._hcl import (
    Block,
    _attr,
    _block_end,
    _blocks,
    _list,
    _ref,
)
from llm_latency_lint.catalog.sources._packages import PACKAGE_KEY, package_names
from llm_latency_lint.model import Expr, Trigger

# A handler below the source folder of an archive another file declares, and that folder.
ARCHIVE_KEY, PACKED_KEY = "terraform-archive:", "terraform-folder:"
_JOB_URI = re.compile(r"/jobs/([^/:\s\"']+):run\b")
REAL_TIME, NEAR_REAL_TIME = "real-time", "near-real-time"


def matches(relpath: str, name: str) -> bool:
    return name.endswith(".tf")


def parse(relpath: str, text: str) -> List[Trigger]:
    if not any(word in text for word in ("cloud_scheduler_job", "event_rule", "scheduler_schedule",
                                         "lambda", "handler", "archive_file", "aws_sqs_queue")):
        return []
    blocks = list(_blocks(text))
    folder = posixpath.dirname(relpath)
    found: List[Trigger] = []
    found.extend(_cloud_scheduler(relpath, blocks, folder))
    found.extend(_aws(relpath, blocks, folder))
    return found + ecs.scheduled_tasks(relpath, blocks)  # an ECS task on a timer


def _cloud_scheduler(relpath: str, blocks: List[Block], folder: str) -> List[Trigger]:
    from llm_latency_lint.catalog.schedule_words import describe_cron

    jobs = {name: body for kind, name, _, body in blocks if kind in ("google_cloud_run_v2_job", "google_cloud_run_job")}
    found: List[Trigger] = []
    for kind, name, line, body in blocks:
        uri = _JOB_URI.search(body) if kind == "google_cloud_scheduler_job" else None
        schedule = _attr(body, "schedule")
        words = describe_cron(schedule) if schedule and "$" not in schedule else None
        if uri is None and kind == "google_cloud_scheduler_job":
            found.extend(_http_target(relpath, name, line, body, schedule, words))
        if uri is None:
            continue
        job = jobs.get(uri.group(1).split(".")[-2] if "." in uri.group(1) else uri.group(1))
        if job is None and len(jobs) == 1:
            job = next(iter(jobs.values()))
        command = " ".join(_list(job, "command") + _list(job, "args")) if job else ""
        what = f"Cloud Scheduler '{name}' '{schedule}' runs Cloud Run job ({relpath})"
        if command:
            found.extend(schedule_triggers("scheduled", "terraform", command, line, what, words))
        else:
            found.extend(schedule_triggers("scheduled", "terraform", "", line, what, words, keys=["docker:Dockerfile"]))
    return found


def _http_target(relpath: str, name: str, line: int, body: str, schedule: Optional[str], words) -> List[Trigger]:
    """``http_target { uri, http_method }`` (POST by default) or ``app_engine_http_target { relative_uri }``
    (GET): the project's own route at that path (``url:`` keys, ``project/route_entries.py``)."""
    found = re.search(r'^[ \t]*(uri|relative_uri)\s*=\s*"((?:[^"\n$]|\$\{[^}\n]*\})*)"', body, re.MULTILINE)
    if found is None:
        return []
    default = "GET" if found.group(1) == "relative_uri" else "POST"
    uri = re.sub(r"\$\{[^}]*\}", "{host}", found.group(2))
    key = url_key((_attr(body, "http_method") or default).upper(), "{app}" + uri if uri.startswith("/") else uri)
    what = f"Cloud Scheduler '{name}' '{schedule}' ({relpath})"
    return schedule_triggers("scheduled", "terraform", "", line, what, words, keys=[key]) if key else []


# Resources that start a function when something happens: type -> (attributes naming the
# function, class, what). A person waits on an API Gateway route, a function URL or a load
# balancer; S3 uploads, SNS messages and queue or stream records are events.
EVENT_RESOURCES: Dict[str, Tuple[Tuple[str, ...], str, str]] = {
    "aws_lambda_event_source_mapping": (("function_name",), NEAR_REAL_TIME, "event source mapping"),
    "aws_s3_bucket_notification": (("lambda_function_arn",), NEAR_REAL_TIME, "S3 bucket notification"),
    "aws_sns_topic_subscription": (("endpoint",), NEAR_REAL_TIME, "SNS subscription"),
    "aws_apigatewayv2_integration": (("integration_uri",), REAL_TIME, "API Gateway HTTP API integration"),
    "aws_api_gateway_integration": (("uri",), REAL_TIME, "API Gateway REST integration"),
    "aws_lambda_function_url": (("function_name",), REAL_TIME, "function URL"),
    "aws_lb_target_group_attachment": (("target_id",), REAL_TIME, "load balancer target"),
}
# ``aws_lambda_permission`` principals (and the ``service`` of terraform-aws-modules/lambda's
# ``allowed_triggers``) that say who invokes the function; ``events`` is left to the rule, which
# says whether it is a schedule.
PRINCIPALS: Dict[str, str] = {
    "apigateway": REAL_TIME, "elasticloadbalancing": REAL_TIME,
    "s3": NEAR_REAL_TIME, "sns": NEAR_REAL_TIME, "sqs": NEAR_REAL_TIME,
}
_FUNCTION_REF = re.compile(r"\b(aws_lambda_function\.[\w-]+|module\.[\w-]+(?:\.[\w-]+)?|var\.[\w-]+)")


def _aws(relpath: str, blocks: List[Block], folder: str) -> List[Trigger]:
    from llm_latency_lint.catalog.schedule_words import aws_schedule_words

    handlers = _handlers(blocks, folder)
    modules = _local_modules(blocks, folder)
    rules = {f"aws_cloudwatch_event_rule.{name}": (body, line) for kind, name, line, body in blocks
             if kind == "aws_cloudwatch_event_rule"}
    found: List[Trigger] = []
    for kind, name, line, body in blocks:  # a module's files share resources: other files name the function
        key = f"module.{name}" if kind == "module" else f"{kind}.{name}"
        if key in handlers:
            runs = _runs(handlers[key].split("|")[-1])  # (an archived handler: ``lambda_function.handler``)
            found.append(Trigger("entry", "terraform", _target(handlers[key]), line,
                                 f"Lambda function '{name}' runs {runs} ({relpath})",
                                 entry_key=f"terraform:{folder}/{key}"))
            if kind == "module":
                found.extend(_module_triggers(key, body, line, handlers, folder, relpath))
        packed = _source(body, folder) if kind == "data.archive_file" else None
        if packed is not None:  # for a function another file declares (``add_archived_handlers``)
            found.append(Trigger("entry", "terraform", ["entry", PACKED_KEY + packed], line,
                                 f"archive '{name}' packs {packed or '.'}/ ({relpath})", entry_key=f"terraform:{folder}/{key}"))
        if kind in ("aws_lambda_function", "module"):
            found.extend(_invoke_entries(key, name, body, line, handlers, folder, relpath, modules))
        found.extend(_wiring(kind, name, line, body, handlers, folder, relpath, modules))
    for kind, name, line, body in blocks:
        if kind == "aws_cloudwatch_event_target":
            rule = rules.get(_ref(body, "rule") or "")
            function = _function(handlers, _ref(body, "arn"), folder, modules)
            if rule and function:
                expr = _attr(rule[0], "schedule_expression")
                found.append(_trigger(expr, function, rule[1], f"EventBridge rule '{name}'", relpath, aws_schedule_words))
        elif kind == "aws_scheduler_schedule":
            function = _function(handlers, _ref(body, "arn"), folder, modules)
            if function:
                found.append(_trigger(_attr(body, "schedule_expression") or "", function, line,
                                      f"EventBridge Scheduler '{name}'", relpath, aws_schedule_words))
        elif kind in EVENT_RESOURCES:
            keys, latency, what = EVENT_RESOURCES[kind]
            queue = sqs.queue_of(body) if kind == "aws_lambda_event_source_mapping" else None
            for function in filter(None, [_function(handlers, r, folder, modules) for r in _refs(body, keys[0])]):
                found.extend(sqs.consumer(queue, _target(function), line, f"{what} '{name}'", relpath, folder) if queue else [])
            keys = () if queue else keys  # an SQS queue's consumer (``_terraform_sqs``)
            for ref in sorted({r for key in keys for r in _refs(body, key)}):
                function = _function(handlers, ref, folder, modules)
                if function:
                    found.append(_event(latency, function, line, f"{what} '{name}'", relpath))
        elif kind == "aws_lambda_permission":
            granted = PRINCIPALS.get((_attr(body, "principal") or "").split(".")[0])
            function = _function(handlers, next(iter(_refs(body, "function_name")), None), folder, modules)
            if granted and function:
                found.append(_event(granted, function, line, f"Lambda permission '{name}' for "
                                    f"{_attr(body, 'principal')}", relpath))
    return found + sqs.queue_entries(relpath, blocks, folder)


def _handlers(blocks: List[Block], folder: str) -> Dict[str, str]:
    """``aws_lambda_function.X`` / ``module.X`` -> the handler's dotted name. A module call with a
    literal ``handler`` (terraform-aws-modules/lambda and the project's own function modules) is
    a function too: its code under ``source_path`` / ``source_dir``, or beside the ``filename`` zip."""
    archives = {f"data.archive_file.{name}": _source(body, folder) for kind, name, _, body in blocks
                if kind == "data.archive_file"}
    handlers: Dict[str, str] = {}
    for kind, name, _, body in blocks:
        handler = _attr(body, "handler") if kind in ("aws_lambda_function", "module") else None
        if not handler and kind == "aws_lambda_function" and _attr(body, "package_type") == "Image":
            handlers[f"{kind}.{name}"] = "@" + image_key(_image_name(body, name))
        if not handler:
            continue
        archive = _ref(body, "filename") or _ref(body, "source_code_hash") or _ref(body, "local_existing_package") or ""
        key = f"module.{name}" if kind == "module" else f"{kind}.{name}"
        if archive.startswith("data.archive_file.") and archive not in archives:  # packed in another file
            handlers[key] = f"@{ARCHIVE_KEY}{folder}/{archive}|{handler}"
            continue
        base = archives.get(archive) or _code_folder(body, folder) or folder
        names = [] if archives.get(archive) is not None else package_names(body)
        handlers[key] = f"@{PACKAGE_KEY}{base}|{','.join(names)}|{handler}" if names else handler_module(base, handler)
    return handlers


_IMAGE_REF = re.compile(r"\baws_ecr_repository\.([\w-]+)|\bvar\.([\w-]+)|/([\w.-]+?)(?::[^/\"]*)?\"?\s*$")


def _image_name(body: str, name: str) -> str:
    """The function an image Lambda's ``image_uri`` names (``aws_ecr_repository.digest.repository_url``,
    ``var.digest_image_uri``, ``.../digest:latest``), else the resource's own name: the Dockerfile's
    folder it is matched to (``catalog/lambda_images.py``)."""
    uri = re.search(r"^[ \t]*image_uri\s*=\s*([^\n]+)$", body, re.MULTILINE)
    found = _IMAGE_REF.search(uri.group(1)) if uri else None
    named = next((g for g in found.groups() if g), None) if found else None
    stripped = function_name(named) if named else ""
    if not named or found is not None and found.group(2) and (stripped == named or stripped.lower() in GENERIC_NAMES):
        return name  # ``var.image_uri`` says nothing of the function
    return stripped


def _code_folder(body: str, folder: str) -> Optional[str]:
    """The folder a function's code lies in, from a literal path: a source folder as is, a zip or a
    single file's folder (``../lambda/embedding/embedding.zip`` -> ``lambda/embedding``)."""
    for key in ("source_path", "source_dir", "filename", "local_existing_package"):
        path = _attr(body, key)
        if path is None:
            continue
        path = path.replace("${path.module}/", "").replace("${path.module}", ".")
        if "$" in path or "://" in path:
            return None
        joined = posixpath.normpath(posixpath.join(folder, path))
        return posixpath.dirname(joined) if posixpath.splitext(joined)[1] else joined
    return None


def _module_triggers(key: str, body: str, line: int, handlers: Dict[str, str], folder: str,
                     relpath: str) -> List[Trigger]:
    """terraform-aws-modules/lambda's inline triggers: ``create_lambda_function_url = true``, the
    ``allowed_triggers`` services, ``event_source_mapping``."""
    function = _function(handlers, key, folder)
    found: List[Trigger] = []
    if function and re.search(r"^[ \t]*create_lambda_function_url\s*=\s*true", body, re.MULTILINE):
        found.append(_event(REAL_TIME, function, line, f"function URL of '{key}'", relpath))
    services = re.findall(r'^[ \t]*(?:service|principal)\s*=\s*"([\w-]+)', body, re.MULTILINE)
    for latency in sorted({PRINCIPALS[s] for s in services if s in PRINCIPALS}):
        if function:
            found.append(_event(latency, function, line, f"allowed trigger of '{key}'", relpath))
    if function and re.search(r"^[ \t]*event_source_mapping\s*=\s*\{\s*\w", body, re.MULTILINE):
        found.append(_event(NEAR_REAL_TIME, function, line, f"event source mapping of '{key}'", relpath))
    return found


_ENV_MAP = re.compile(r"^[ \t]*(?:variables|environment_variables)\s*=\s*\{", re.MULTILINE)
_ENV_ENTRY = re.compile(r'^[ \t]*"?(\w+)"?[ \t]*[=:][ \t]*([^\n]+?)[ \t\r]*,?[ \t\r]*$', re.MULTILINE)


def _invoke_entries(key: str, name: str, body: str, line: int, handlers: Dict[str, str], folder: str,
                    relpath: str, modules: Dict[str, str]) -> List[Trigger]:
    """What another function's ``lambda_client.invoke(FunctionName=...)`` names
    (``triggers/lambda_invoke.py``): this function by its literal ``function_name``
    (``lambda:<name>``), and the functions this one's environment variables point at
    (``BEDROCK_ANALYZER_ARN = aws_lambda_function.bedrock_analyzer.arn``: ``lambda-env:<VAR>``)."""
    found: List[Trigger] = []
    function = _function(handlers, key, folder)
    literal = _attr(body, "function_name")
    if function and literal and "$" not in literal:
        found.append(Trigger("entry", "terraform", _target(function), line,
                             f"Lambda function '{literal}' runs its handler ({relpath})", entry_key=f"lambda:{literal}"))
    opened = _ENV_MAP.search(body)
    if opened is None:
        return found
    variables = body[opened.end():_block_end(body, opened.end() - 1, len(body))]
    for variable, value in _ENV_ENTRY.findall(variables):
        refs = _FUNCTION_REF.findall(value)
        invoked = _function(handlers, refs[0], folder, modules) if refs else None
        if invoked and refs[0] != key:
            found.append(Trigger("entry", "terraform", _target(invoked), line,
                                 f"'{name}' sets {variable} to {refs[0]} ({relpath})", entry_key=f"lambda-env:{variable}"))
    return found


def _refs(body: str, key: str) -> List[str]:
    """Every function an attribute names (``lambda_function_arn`` in each ``lambda_function {}``
    block, an ARN inside an interpolated URI): ``aws_lambda_function.X`` or ``module.X``."""
    values = re.findall(rf"^[ \t]*{key}[ \t]*=[ \t]*([^\n]+)$", body, re.MULTILINE)
    refs = [ref for value in values for ref in _FUNCTION_REF.findall(value)]
    named = [ref for ref in refs if not ref.startswith("var.")]  # ``${var.region}`` inside an ARN names no function
    return named or refs


def _function(handlers: Dict[str, str], ref: Optional[str], folder: str,
              modules: Optional[Dict[str, str]] = None) -> Optional[str]:
    """The handler of the function ``ref`` names: from this file, else ``@entry`` of the module's
    (folder's) other file that declares it (``eventbridge.tf`` targeting ``lambda.tf``'s function).
    Across modules: ``var.lambda_arn`` is what the calling module passes (``@terraform-var:``), and
    ``module.lambda.lambda_arn`` of a local module is that module's output (``@terraform-output:``)."""
    if not ref:
        return None
    parts = ref.split(".")
    if parts[0] == "var" and len(parts) > 1:
        return f"@terraform-var:{folder}/{parts[1]}"
    if parts[0] == "module" and len(parts) > 1:
        head = ".".join(parts[:2])
        if head in handlers:
            return handlers[head]
        if len(parts) > 2 and modules and parts[1] in modules:
            return f"@terraform-output:{modules[parts[1]]}/{parts[2]}"
        return f"@terraform:{folder}/{head}"
    if parts[0] != "aws_lambda_function":
        return None
    ref = ".".join(parts[:2])
    return handlers.get(ref) or f"@terraform:{folder}/{ref}"


def _local_modules(blocks: List[Block], folder: str) -> Dict[str, str]:
    """``module "lambda" { source = "./modules/lambda" }`` -> ``{"lambda": "<folder>/modules/lambda"}``."""
    found: Dict[str, str] = {}
    for kind, name, _, body in blocks:
        source = _attr(body, "source") if kind == "module" else None
        if source and source.startswith(".") and "$" not in source:
            found[name] = posixpath.normpath(posixpath.join(folder, source))
    return found


_BARE_REF = re.compile(r"^(?:aws_lambda_function\.[\w-]+(?:\.\w+)?|module\.[\w-]+\.[\w-]+|var\.[\w-]+)$")


def _wiring(kind: str, name: str, line: int, body: str, handlers: Dict[str, str], folder: str, relpath: str,
            modules: Dict[str, str]) -> List[Trigger]:
    """Functions passed between modules: an ``output`` whose ``value`` names a function (the entry
    ``terraform-output:<folder>/<name>``) and a local module's inputs that name one
    (``lambda_arn = module.lambda.lambda_arn``: the entry ``terraform-var:<its folder>/lambda_arn``
    that its ``var.lambda_arn`` reads)."""
    if kind == "output":
        refs = _refs(body, "value")
        function = _function(handlers, refs[0], folder, modules) if refs else None
        return [Trigger("entry", "terraform", _target(function), line, f"output '{name}' ({relpath})",
                        entry_key=f"terraform-output:{folder}/{name}")] if function else []
    if kind != "module" or name not in modules or f"module.{name}" in handlers:
        return []
    found: List[Trigger] = []
    for variable, value in re.findall(r"^[ \t]*(\w+)[ \t]*=[ \t]*([^\n]+?)[ \t\r]*$", body, re.MULTILINE):
        refs = [value] if _BARE_REF.match(value) else []
        function = _function(handlers, ".".join(refs[0].split(".")[:3]), folder, modules) if refs else None
        if function:
            found.append(Trigger("entry", "terraform", _target(function), line,
                                 f"module '{name}' gets {variable} = {refs[0]} ({relpath})",
                                 entry_key=f"terraform-var:{modules[name]}/{variable}"))
    return found


def _runs(handler: str) -> str:
    kind, _, value = handler[1:].partition(":")
    return f"the handler of its image (a Lambda image in '{value}')" if kind == KIND else handler


def _target(function: str) -> Expr:
    return ["entry", function[1:]] if function.startswith("@") else ["str", function]


def _trigger(expr: Optional[str], function: str, line: int, what: str, relpath: str, words) -> Trigger:
    if expr:
        return Trigger("scheduled", "terraform", _target(function), line, f"{what} '{expr}' ({relpath})",
                       schedule=words(expr))
    return _event(NEAR_REAL_TIME, function, line, what, relpath)


def _event(latency: str, function: str, line: int, what: str, relpath: str) -> Trigger:
    how = "a caller waits" if latency == REAL_TIME else "runs when it happens"
    return Trigger(latency, "terraform", _target(function), line, f"{what} ({how}) ({relpath})")


def _source(body: str, folder: str) -> Optional[str]:
    path = _attr(body, "source_dir") or _attr(body, "source_file")
    if path is None:
        return None
    path = path.replace("${path.module}/", "").replace("${path.module}", ".")
    if "$" in path:
        return None
    joined = posixpath.normpath(posixpath.join(folder, path))
    return posixpath.dirname(joined) if _attr(body, "source_file") else joined


SOURCE = Source("terraform", matches, parse)
