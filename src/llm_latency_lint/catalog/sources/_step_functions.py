"""AWS Step Functions state machines of a Serverless or SAM / CloudFormation template (``aws_lambda.py``).

A state machine runs the Lambdas its task states invoke (``"Resource": "arn:aws:states:::lambda:invoke"``
with ``Parameters.FunctionName``, or the function's ARN as the ``Resource``; inside ``Parallel``
branches and ``Map`` iterators too) for whoever starts it, so each is the entry ``states:<id>``
(its logical id, and its ``StateMachineName`` / plugin ``name:`` when literal) of those handlers.
What starts it: its own events (the serverless-step-functions plugin's ``stepFunctions:
stateMachines: X: events: [schedule: rate(...)]``, SAM ``Events`` of ``Type: Schedule``:
scheduled; an API or an event pattern: near-real-time, an API answers with the execution's id at
once), an ``AWS::Events::Rule`` / ``AWS::Scheduler::Schedule`` targeting it, and code calling
``start_execution`` with the ARN an environment variable holds (``AI_PIPELINE_ARN: !Ref
AIPipeline``: the entry ``states-env:AI_PIPELINE_ARN``, ``triggers/lambda_invoke.py``; round 17's
dhirajc963/timebrew.news, a scheduled Lambda starting the pipeline). A definition kept in another
file (``DefinitionUri``, ``definition: ${file(...)}``) is not read.
"""
from __future__ import annotations

import json
import re
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

from llm_latency_lint.catalog.sources import _yaml
from llm_latency_lint.catalog.sources._sam_queues import texts
from llm_latency_lint.model import Expr, Trigger

SOURCE = "step-functions"
STATES_KEY, STATES_ENV_KEY = "states:", "states-env:"  # as ``triggers/lambda_invoke.py`` names them
MACHINE_TYPES = ("AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine")
RULE_TYPES = ("AWS::Events::Rule", "AWS::Scheduler::Schedule")
_SCHEDULED = ("schedule", "Schedule", "ScheduleV2")
_LAMBDA_INVOKE = "lambda:invoke"


class Machine:
    """One state machine: its ids (logical id first), definition, events and line."""

    def __init__(self, ids: List[str], definition: Any, events: Any, line: int, substitutions: Any = None) -> None:
        self.ids, self.definition, self.events, self.line = ids, definition, events, line
        self.substitutions = substitutions if isinstance(substitutions, dict) else {}


def serverless(relpath: str, doc: dict, functions: Dict[str, Expr]) -> List[Trigger]:
    """``functions``: the serverless functions (by their key under ``functions:``) and what each runs."""
    machines = _resources(_yaml.get(doc, "resources", "Resources"))
    plugin = _yaml.get(doc, "stepFunctions", "stateMachines")
    for key, spec in plugin.items() if isinstance(plugin, dict) else []:
        if isinstance(spec, dict):
            ids = [str(spec["id"])] if isinstance(spec.get("id"), str) else []
            ids += [_plugin_id(str(key)), str(key)] + ([spec["name"]] if _literal(spec.get("name")) else [])
            machines.append(Machine(ids, spec.get("definition"), spec.get("events"), _yaml.line(plugin, key)))

    longest_first = sorted(functions.items(), key=lambda item: -len(item[0]))

    def named(text: str) -> List[Expr]:
        """The function a deployed name ends with (``news-dev-weekly-summarize``): the longest key
        it ends with, not ``summarize`` listed first."""
        logical = text.split(".")[0]
        return [e for n, e in longest_first if logical.lower() == f"{n}LambdaFunction".lower()
                or re.search(rf"(?:^|[-}}:]){re.escape(n)}(?::[\w$]+)?$", text)][:1]

    owners = [_yaml.typed(doc, "provider", dict, {})] + [f for f in _yaml.typed(doc, "functions", dict, {}).values()
                                                         if isinstance(f, dict)]
    return _triggers(relpath, machines, named, [o.get("environment") for o in owners],
                     _yaml.get(doc, "resources", "Resources"))


def sam(relpath: str, doc: dict, handlers: Dict[str, Expr]) -> List[Trigger]:
    """``handlers``: the template's functions by logical id and what each runs."""
    resources = doc.get("Resources")

    def named(text: str) -> List[Expr]:
        names = re.findall(r"\$\{(\w+)", text) + [text.split(".")[0]]
        return [handlers[n] for n in names if n in handlers][:1]

    owners = [_yaml.get(doc, "Globals", "Function")] + [_yaml.get(r, "Properties") for r in
                                                        (resources.values() if isinstance(resources, dict) else [])]
    return _triggers(relpath, _resources(resources), named,
                     [_yaml.get(o, "Environment", "Variables") for o in owners if isinstance(o, dict)], resources)


def _resources(resources: Any) -> List[Machine]:
    found: List[Machine] = []
    for name, resource in resources.items() if isinstance(resources, dict) else []:
        if isinstance(resource, dict) and resource.get("Type") in MACHINE_TYPES:
            props = _yaml.typed(resource, "Properties", dict, {})
            ids = [str(name)] + [str(n) for n in (props.get("StateMachineName"), props.get("Name")) if _literal(n)]
            definition = props.get("Definition", props.get("DefinitionString"))
            found.append(Machine(ids, definition, props.get("Events"), _yaml.line(resources, name),
                                 props.get("DefinitionSubstitutions")))
    return found


def _triggers(relpath: str, machines: List[Machine], named: Callable[[str], List[Expr]],
              environments: List[Any], resources: Any) -> List[Trigger]:
    found: List[Trigger] = []
    by_id: Dict[str, Machine] = {}
    for machine in machines:
        key, what = STATES_KEY + machine.ids[0], f"state machine '{machine.ids[0]}' ({relpath})"
        by_id.update((i, machine) for i in machine.ids)
        for state, target in _tasks(machine, named):
            found.extend(Trigger("entry", SOURCE, target, machine.line, f"{what} runs task state '{state}'",
                                 entry_key=STATES_KEY + i) for i in dict.fromkeys(machine.ids))
        for kind, spec in _events(machine.events):
            found.extend(_started(kind, spec, key, machine.line, what))
    for environment in environments:
        for variable, value in environment.items() if isinstance(environment, dict) else []:
            hit = next((by_id[t.split(".")[0]] for t in texts(value) if t.split(".")[0] in by_id), None)
            if hit is not None:
                found.append(Trigger("entry", SOURCE, ["entry", STATES_KEY + hit.ids[0]], _yaml.line(environment, variable),
                                     f"{variable} names state machine '{hit.ids[0]}' ({relpath})",
                                     entry_key=STATES_ENV_KEY + str(variable)))
    for name, resource in resources.items() if isinstance(resources, dict) else []:
        if isinstance(resource, dict) and resource.get("Type") in RULE_TYPES:
            props = _yaml.typed(resource, "Properties", dict, {})
            expr = props.get("ScheduleExpression")
            for target in _yaml.typed(props, "Targets", list, [props.get("Target")]):
                arn = target.get("Arn") if isinstance(target, dict) else None
                hit = next((by_id[t.split(".")[0]] for t in texts(arn) if t.split(".")[0] in by_id), None)
                if hit is not None:
                    found.extend(_started("schedule" if isinstance(expr, str) else "EventBridge rule", expr,
                                          STATES_KEY + hit.ids[0], _yaml.line(resources, name),
                                          f"{resource['Type']} '{name}' ({relpath})"))
    return found


def _tasks(machine: Machine, named: Callable[[str], List[Expr]]) -> Iterator[Tuple[str, Expr]]:
    """(state name, what it runs) for each task state invoking a Lambda of the template."""
    definition = machine.definition
    if isinstance(definition, list) and definition:  # ``Fn::Sub: [text, {...}]``
        definition = definition[0]
    if isinstance(definition, dict) and "Fn::Sub" in definition:
        definition = definition["Fn::Sub"]
    if isinstance(definition, str):
        try:
            definition = json.loads(definition)
        except ValueError:
            definition = _yaml.load(definition)
    for name, state in _states(definition):
        resource = state.get("Resource")
        invoked: Any = resource
        if isinstance(resource, str) and resource.split(".")[0].endswith(_LAMBDA_INVOKE):
            invoked = _yaml.get(state, "Parameters", "FunctionName") or _yaml.get(state, "Arguments", "FunctionName")
        for text in texts(invoked):
            for placeholder in re.findall(r"\$\{(\w+)\}", text):  # SAM ``DefinitionSubstitutions``
                text = text + " " + " ".join(texts(machine.substitutions.get(placeholder)))
            for target in [t for part in text.split() for t in named(part)][:1]:
                yield name, target


def _states(definition: Any) -> Iterator[Tuple[str, dict]]:
    """Every task state, also inside ``Parallel`` branches and ``Map`` iterators."""
    states = definition.get("States") if isinstance(definition, dict) else None
    for name, state in states.items() if isinstance(states, dict) else []:
        if not isinstance(state, dict):
            continue
        if state.get("Type") == "Task":
            yield str(name), state
        for inner in [*_yaml.typed(state, "Branches", list, []), state.get("Iterator"), state.get("ItemProcessor")]:
            yield from _states(inner)


def _events(events: Any) -> Iterator[Tuple[str, Any]]:
    """Plugin events (``[{schedule: rate(1 hour)}]``) and SAM events (``{Nightly: {Type: Schedule, ...}}``)."""
    if isinstance(events, list):
        for event in events:
            if isinstance(event, dict) and len(event) == 1:
                yield next(iter(event.items()))
    elif isinstance(events, dict):
        for event in events.values():
            if isinstance(event, dict) and isinstance(event.get("Type"), str):
                spec = _yaml.typed(event, "Properties", dict, {})
                yield event["Type"], spec.get("Schedule", spec.get("ScheduleExpression", spec))


def _started(kind: str, spec: Any, key: str, line: int, what: str) -> List[Trigger]:
    if kind == "eventBridge" and isinstance(spec, dict) and "schedule" in spec:
        kind, spec = "schedule", spec["schedule"]
    if kind in _SCHEDULED:
        from llm_latency_lint.catalog.schedule_words import aws_schedule_words

        return [Trigger("scheduled", SOURCE, ["entry", key], line, f"{what} schedule '{expr}'",
                        schedule=aws_schedule_words(expr)) for expr in _expressions(spec)]
    return [Trigger("near-real-time", SOURCE, ["entry", key], line,
                    f"{what} {kind} event (starts an execution and returns)")]


def _expressions(spec: Any) -> Iterator[str]:
    if isinstance(spec, str):
        yield spec
    elif isinstance(spec, dict) and spec.get("enabled") is not False and spec.get("Enabled") is not False:
        yield from _yaml.strings(spec.get("rate", spec.get("Schedule", spec.get("ScheduleExpression"))))


def _plugin_id(name: str) -> str:
    """The logical id the serverless-step-functions plugin gives a machine with no ``id``."""
    return re.sub(r"[^A-Za-z0-9]", "", name[:1].upper() + name[1:]) + "StepFunctionsStateMachine"


def _literal(name: Optional[object]) -> bool:
    return isinstance(name, str) and bool(name) and "$" not in name
