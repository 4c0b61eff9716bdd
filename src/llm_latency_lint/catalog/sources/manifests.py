"""YAML manifests that are not CI or compose files, read per document by what they declare.

One file can be any of them, whatever its name (``deploy/jobs.yaml``, ``kestra-workflow.yaml``,
``template.yaml``), so one source reads every such YAML file and hands each document to the
dialect it looks like: Kubernetes ``CronJob`` (``kubernetes.py``; also inside OpenShift
``Template`` objects, their ``${PARAM}`` defaults filled in, and ``kind: List`` items), Kestra flows (``kestra.py``),
Serverless Framework and SAM Lambda functions (``aws_lambda.py``), Zappa settings
(``zappa.py``), Render ``type: cron``
services (here), App Engine ``cron.yaml`` and other lists of scheduled jobs (``cron_lists.py``), OpenAPI specs' operations (``openapi.py``, Connexion), Prefect ``prefect.yaml``
deployments (``prefect_yaml.py``). A file that mentions none of their markers is not even parsed.
"""
from __future__ import annotations

import posixpath
import re
from typing import Any, Dict, List

from llm_latency_lint.catalog.sources import (
    Source,
    _yaml,
    aws_lambda,
    cron_lists,
    kestra,
    kubernetes,
    openapi,
    prefect_yaml,
    zappa,
)
from llm_latency_lint.catalog.sources._entries import schedule_triggers
from llm_latency_lint.model import Trigger

_SKIP_DIRS = (".github/", "node_modules/")
_PARAM = re.compile(r"\$\{\{?(\w+)\}?\}")
_HELM = re.compile(r"(?<!\$)\{\{")  # not OpenShift's ``${{PARAM}}``
_MARKERS = ("CronJob", "cron", "schedule:", kestra.HINT, "handler", "Handler", "type: cron", "type: \"cron\"", "function:", openapi.HINT, prefect_yaml.HINT)


def matches(relpath: str, name: str) -> bool:
    if not name.endswith((".yaml", ".yml")) or any(d in relpath for d in _SKIP_DIRS):
        return False
    return not (name.startswith((".gitlab-ci", "docker-compose", "compose")) or name.endswith(".gitlab-ci.yml")
                or name in ("action.yml", "action.yaml"))


def parse(relpath: str, text: str) -> List[Trigger]:
    if not any(marker in text for marker in _MARKERS):
        return []
    if "CronJob" in text and _HELM.search(text):
        return kubernetes.parse(relpath, text)  # a Helm template: read as such
    found: List[Trigger] = []
    try:
        docs = list(_yaml.documents(text))
    except Exception:  # yaml.YAMLError: a list of jobs may still be read line by line, else the error stands
        found = cron_lists.lenient(relpath, text) if "schedule" in text else []
        if found:
            return found
        raise
    for doc in docs:
        found.extend(_document(relpath, doc, text))
    return found


def _document(relpath: str, doc: Any, text: str = "") -> List[Trigger]:
    if not isinstance(doc, dict):
        return []
    if doc.get("kind") in ("Template", "List"):  # OpenShift templates, ``kind: List``: their objects
        values = _parameters(doc)
        inner = doc.get("objects") if doc.get("kind") == "Template" else doc.get("items")
        return [t for obj in (inner if isinstance(inner, list) else []) for t in _document(relpath, _fill(obj, values), text)]
    if doc.get("kind") == "CronJob":
        return kubernetes.cronjob(doc)
    if kestra.is_flow(doc):
        return kestra.parse_flow(relpath, doc)
    if aws_lambda.is_serverless(doc):
        return aws_lambda.parse_serverless(relpath, doc)
    if aws_lambda.is_sam(doc):
        return aws_lambda.parse_sam(relpath, doc)
    if prefect_yaml.is_deployments(doc):
        return prefect_yaml.parse_deployments(relpath, doc)
    if openapi.is_spec(doc):
        return openapi.parse_spec(relpath, doc)
    if zappa.is_settings(doc):
        return zappa.parse_settings(relpath, doc, text)
    found = _render(relpath, doc["services"]) if isinstance(doc.get("services"), list) else []
    return found + cron_lists.parse_cron_list(relpath, doc) if cron_lists.is_cron_list(doc) else found


def _parameters(doc: dict) -> Dict[str, str]:
    """An OpenShift template's ``parameters: [{name, value}]`` defaults."""
    found: Dict[str, str] = {}
    for item in _yaml.typed(doc, "parameters", list, []):
        if isinstance(item, dict) and isinstance(item.get("name"), str) and isinstance(item.get("value"), (str, int)):
            found[item["name"]] = str(item["value"])
    return found


def _fill(obj: Any, values: Dict[str, str]) -> Any:
    """``schedule: ${SCHEDULE}`` with the parameter's default (line numbers kept)."""
    if isinstance(obj, _yaml.Mapping):
        out = _yaml.Mapping((k, _fill(v, values)) for k, v in obj.items())
        out.lines = getattr(obj, "lines", {})
        return out
    if isinstance(obj, list):
        return [_fill(v, values) for v in obj]
    if isinstance(obj, str) and "${" in obj:
        return _PARAM.sub(lambda m: values.get(m.group(1), m.group(0)), obj)
    return obj


def _render(relpath: str, services: List[Any]) -> List[Trigger]:
    """Render blueprint: ``services: [{type: cron, schedule, startCommand, rootDir}]``."""
    from llm_latency_lint.catalog.schedule_words import describe_cron

    found: List[Trigger] = []
    for service in services:
        if not isinstance(service, dict) or service.get("type") != "cron":
            continue
        command, schedule = service.get("startCommand"), service.get("schedule")
        if not isinstance(command, str) or not isinstance(schedule, str):
            continue
        root = _yaml.typed(service, "rootDir", str, "")
        cwd = posixpath.join(posixpath.dirname(relpath), root) if root else posixpath.dirname(relpath)
        found.extend(schedule_triggers("scheduled", "render", command, _yaml.line(service, "schedule"),
                                       f"Render cron job '{service.get('name', '?')}' '{schedule}' ({relpath})",
                                       describe_cron(schedule), cwd))
    return found


SOURCE = Source("manifest", matches, parse)
