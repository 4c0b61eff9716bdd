"""Airflow DAGs: ``DAG(...)`` (``with`` block or variable) and ``@dag`` functions.

A ``@dag`` function's trigger targets the function: its ``@task`` functions are called from
it, so ordinary call edges reach them. A classic DAG's trigger targets each operator's
``python_callable`` and each ``@task`` called at module level. The visitor hands us no
``with`` blocks, so an operator without ``dag=`` belongs to the nearest ``DAG(...)`` above it
in the same scope: the shape of the usual one-``with``-per-DAG file.

``BashOperator(bash_command="python x.py ...")`` schedules the entry point the command runs
(the script's ``__main__``, ``python -m`` module, management command);
``PapermillOperator(input_nb=...)`` and Databricks operators' ``notebook_task`` schedule the
notebook (its cells top to bottom).

``schedule=None`` (or ``"@once"``, a dataset/asset trigger, ``"@continuous"``) means someone or
something starts each run: near-real-time, not scheduled. With no schedule at all, Airflow 2
runs the DAG daily; Airflow 3 (``airflow.sdk``) does not schedule it.

A DAG with no schedule of its own is also an entry point ``airflow-dag:<dag_id>``: another DAG's
``TriggerDagRunOperator(trigger_dag_id=...)`` runs it, so it inherits that DAG's class (chains of
several hops follow entry keys; a cycle stops where a key repeats). Its own manual runs are weak
evidence, like a ``workflow_dispatch`` beside a schedule: a person starting a pipeline run does not
wait on it, so they never outrank a schedule that reaches the same code. A DAG scheduled on
datasets (``schedule=[Dataset("s3://x")]``) is likewise the entry point ``airflow-dataset:<uri>``
that a task with ``outlets=[Dataset("s3://x")]`` runs when it finishes (a constant both sides
import matches by its qualified name); with no producer in the scan it stays near-real-time.

A project operator the DAG instantiates (``SummarizeOperator(task_id=..., dag=dag)``, a subclass of
``BaseOperator``, a sensor, a deferrable operator) runs its ``execute`` (``pre_execute``,
``post_execute``, a sensor's ``poke``, ``execute_complete`` after a deferral) on the DAG's schedule;
the callables named by ``on_*_callback``/``sla_miss_callback`` (on a task, the DAG or its
``default_args``) run on it too.
"""
from __future__ import annotations

import posixpath
import shlex
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

import libcst as cst

from llm_latency_lint.catalog import schedule_words
from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.schedule_args import (
    callable_target,
    compact,
    cron_words,
    interval_words,
    last_name,
    resolve,
)
from llm_latency_lint.model import Expr, Trigger
from llm_latency_lint.syntax.literals import arg, kwarg

SOURCE = "airflow"
SCHEDULE_KWARGS = ("schedule", "schedule_interval", "timetable")
NOT_SCHEDULED = {"@once": "runs once", "@continuous": "runs continuously, one run after another"}
CRON_TIMETABLES = ("CronTriggerTimetable", "CronDataIntervalTimetable", "CronPartitionTimetable",
                   "MultipleCronTriggerTimetable")
DELTA_TIMETABLES = ("DeltaTriggerTimetable", "DeltaDataIntervalTimetable")
DATA_TRIGGERS = ("Dataset", "Asset", "DatasetAlias", "AssetAlias", "DatasetAll", "DatasetAny", "AssetAll", "AssetAny")
MIXED_TIMETABLES = ("DatasetOrTimeSchedule", "AssetOrTimeSchedule")
TASK_SUFFIXES = ("expand", "partial", "override")
DAG_KEY = "airflow-dag:"
TRIGGER_DAG_RUN = "TriggerDagRunOperator"
DATASET_KEY = "airflow-dataset:"
DATASET_SETS = ("DatasetAll", "DatasetAny", "AssetAll", "AssetAny")
# What Airflow runs on an operator the DAG instantiates (``BaseOperator`` and its subclasses, sensors,
# deferrable operators): the worker calls these on the task's run. Only the project's own classes
# define them, so a target on an Airflow-provided operator resolves to nothing.
OPERATOR_HOOKS = ("execute", "pre_execute", "post_execute", "execute_complete", "poke")
# Callables a task (or the DAG, or ``default_args``) names, run when a task succeeds, fails, retries,
# starts, is skipped, or misses its SLA: on the DAG's schedule too.
CALLBACK_KWARGS = ("on_success_callback", "on_failure_callback", "on_retry_callback", "on_execute_callback",
                   "on_skipped_callback", "sla_miss_callback")


@dataclass
class DagInfo:
    dag_id: str
    kind: str  # "scheduled" | "near-real-time"
    words: Optional[str]
    code: str
    line: int
    scope: str
    manual: bool = False  # no schedule of its own: run by hand, by another DAG or by a dataset
    keys: tuple = ()  # entry keys other DAGs run it by

    @property
    def note(self) -> str:
        return f"Airflow DAG '{self.dag_id}' {self.code}"


class Airflow(Recognizer):
    id = "airflow"
    words = ("airflow", "schedule_interval")

    def on_assign(self, ctx: "Context", targets: List[str], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        if isinstance(value, cst.Call) and _is_dag(ctx.qualified(value.func)):
            info = self._dag(ctx, value)
            for name in targets:
                self._state(ctx)["vars"][name] = info

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        for dec in decorators:
            name = dec.name or ""
            if not name.startswith("airflow."):
                continue
            if dec.attr == "dag" or name.endswith(".dag"):
                dag_id = ctx.literal(kwarg(dec.call, "dag_id")) if dec.call is not None else None
                info = self._info(ctx, dec.call, dag_id if isinstance(dag_id, str) else node.name.value, dec.line)
                self._state(ctx)["dag_fns"][qualname] = info
                self._emit(ctx, info, ["name", qualname], dec.node, info.note)
            elif ".task" in name or name.endswith("task"):
                self._state(ctx)["tasks"].add(qualname)
                if dec.call is not None:
                    for key in _dataset_keys(ctx, self, kwarg(dec.call, "outlets")):
                        self._for_dag(ctx, dec.call, ["entry", key], f"@task {node.name.value} updates "
                                      f"{key[len(DATASET_KEY):]}")

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        state = self._state(ctx)
        if _is_dag(callee):
            info = self._dag(ctx, node)
            state["dags"].append(info)
            for target, label in _callbacks(ctx, self, node):
                self._emit(ctx, info, target, node, f"{info.note} runs {label}")
            return
        if node.args and ctx.imports("airflow"):
            for target, label in _callbacks(ctx, self, node):
                self._for_dag(ctx, node, target, label, hook=True)
        outlets = kwarg(node, "outlets") if node.args else None
        if outlets is not None and ctx.imports("airflow"):
            for key in _dataset_keys(ctx, self, outlets):
                self._for_dag(ctx, node, ["entry", key], f"{last_name(node)} updates {key[len(DATASET_KEY):]}")
        if last_name(node) == TRIGGER_DAG_RUN and ctx.imports("airflow"):
            runs = ctx.literal(kwarg(node, "trigger_dag_id"))
            if isinstance(runs, str) and runs:
                self._for_dag(ctx, node, ["entry", DAG_KEY + runs], f"TriggerDagRunOperator DAG '{runs}'")
            return
        callable_node = kwarg(node, "python_callable") if node.args else None
        if callable_node is not None and ctx.imports("airflow"):
            task_id = ctx.literal(kwarg(node, "task_id"))
            label = f"task '{task_id}'" if isinstance(task_id, str) else f"{last_name(node)}"
            self._for_dag(ctx, node, callable_target(ctx, callable_node), label)
            return
        command = ctx.literal(kwarg(node, "bash_command")) if node.args else None
        if command is None and node.args:  # KubernetesPodOperator(cmds=[...], arguments=[...]), DockerOperator(command=)
            command = _argv(ctx.literal(kwarg(node, "cmds")), ctx.literal(kwarg(node, "arguments")),
                            ctx.literal(kwarg(node, "command")) if last_name(node).endswith("DockerOperator") else None)
        if isinstance(command, str) and ctx.imports("airflow"):
            from llm_latency_lint.catalog.command_lines import entry_keys

            task_id = ctx.literal(kwarg(node, "task_id"))
            label = f"task '{task_id}'" if isinstance(task_id, str) else f"{last_name(node)}"
            for key in entry_keys(command):
                self._for_dag(ctx, node, ["entry", key], f"{label} bash_command {key.split(':', 1)[1]}")
            return
        if node.args and ctx.imports("airflow") and self._notebook(ctx, node):
            return
        name = _strip_task_suffix(callee)
        if name in state["tasks"] and ctx.function.endswith(".<module>"):
            self._for_dag(ctx, node, ["name", name], f"@task {name.rsplit('.', 1)[-1]}")
            return
        if node.args and ctx.imports("airflow"):
            self._operator(ctx, node, callee)

    def _operator(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        """``SummarizeOperator(task_id=..., dag=dag)`` (or ``.partial(task_id=...)``): a class of the
        project the DAG instantiates as a task; the worker runs its ``execute`` (and its siblings)."""
        if kwarg(node, "task_id") is None or (callee or "").startswith("airflow."):
            return
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "partial":
            func = func.value
        cls = ctx.expr(func)
        if not cls or cls[0] not in ("name", "attr"):
            return
        task_id = ctx.literal(kwarg(node, "task_id"))
        label = f"task '{task_id}'" if isinstance(task_id, str) else last_name(node)
        for hook in OPERATOR_HOOKS:
            self._for_dag(ctx, node, ["attr", cls, hook], f"{label} {_name(func)}.{hook}", hook=True)

    def _notebook(self, ctx: "Context", node: cst.Call) -> bool:
        """``PapermillOperator(input_nb=...)`` and ``DatabricksSubmitRunOperator(notebook_task=
        {"notebook_path": ...})``: the DAG's schedule runs the notebook's cells."""
        paths: List[str] = []
        given = ctx.literal(kwarg(node, "input_nb"))
        if isinstance(given, str) and given:
            paths.append(given if given.endswith(".ipynb") else given + ".ipynb")
        path = _dict_value(ctx, kwarg(node, "notebook_task"), "notebook_path")
        if isinstance(path, str) and path:
            paths.extend([path] if path.endswith((".ipynb", ".py")) else [path + ".ipynb", path + ".py"])
        if not paths:
            return False
        task_id = ctx.literal(kwarg(node, "task_id"))
        label = f"task '{task_id}'" if isinstance(task_id, str) else f"{last_name(node)}"
        for path in paths:
            key = "script:" + posixpath.normpath(path).lstrip("/")
            self._for_dag(ctx, node, ["entry", key], f"{label} notebook {path}")
        return True

    # ---- DAG lookup ------------------------------------------------------------------
    def _state(self, ctx: "Context") -> Dict:
        state = ctx.state(self)
        state.setdefault("vars", {})
        state.setdefault("dags", [])
        state.setdefault("tasks", set())
        state.setdefault("by_call", {})
        state.setdefault("dag_fns", {})
        return state

    def _dag(self, ctx: "Context", call: cst.Call) -> DagInfo:
        cache = self._state(ctx)["by_call"]
        if id(call) not in cache:
            dag_id = ctx.literal(arg(call, "dag_id", 0))
            cache[id(call)] = self._info(ctx, call, dag_id if isinstance(dag_id, str) else "?", ctx.line(call))
        return cache[id(call)]

    def _for_dag(self, ctx: "Context", node: cst.Call, target: Optional[list], label: str, hook: bool = False) -> None:
        """The trigger of the DAG ``node`` belongs to. ``hook``: a target no call edge of a ``@dag``
        function reaches (an operator's ``execute``, a callback), so it is emitted there too."""
        state = self._state(ctx)
        dag_arg = kwarg(node, "dag")
        info: Optional[DagInfo] = None
        if isinstance(dag_arg, cst.Name):
            info = state["vars"].get(dag_arg.value)
        if info is None:
            line = ctx.line(node)
            above = [d for d in state["dags"] if d.line <= line and d.scope == ctx.function]
            info = above[-1] if above else None
        if info is None:  # an operator inside a ``@dag`` function (or a function nested in it)
            info = next((d for q, d in state["dag_fns"].items() if ctx.function == q
                         or ctx.function.startswith(q + ".")), None)
            if info is not None:  # the ``@dag`` function's own trigger already reaches python callables
                if target is None or (target[0] != "entry" and not hook):
                    return
        if info is not None:
            self._emit(ctx, info, target, node, f"{info.note} runs {label}")

    def _emit(self, ctx: "Context", info: DagInfo, target: Optional[Expr], node: cst.CSTNode, note: str) -> None:
        """The DAG's trigger for ``target``; a DAG with no schedule of its own also lends
        ``target`` to the DAGs that trigger it (entry ``airflow-dag:<dag_id>``)."""
        if target is None:
            return
        trigger = Trigger(kind=info.kind, source=SOURCE, target=target, line=ctx.line(node), note=note,
                          schedule=info.words, weak=info.manual)
        if info.manual:
            if not info.keys:
                trigger.note += " (manual runs: weak evidence)"
            for key in (DAG_KEY + info.dag_id,) + info.keys:
                ctx.add_trigger(Trigger(kind="entry", source="airflow-dag", target=target, line=ctx.line(node),
                                        note=note, entry_key=key))
        ctx.add_trigger(trigger)

    # ---- schedules -------------------------------------------------------------------
    def _info(self, ctx: "Context", call: Optional[cst.Call], dag_id: str, line: int) -> DagInfo:
        found = [(k, kwarg(call, k)) for k in SCHEDULE_KWARGS] if call is not None else []
        given = next(((k, v) for k, v in found if v is not None), None)
        if given is None:
            if ctx.imports("airflow.sdk"):
                return DagInfo(dag_id, "near-real-time", None, "has no schedule (Airflow 3: manual runs)", line,
                               ctx.function, manual=True)
            return DagInfo(dag_id, "scheduled", "daily", "has no schedule (Airflow 2 default: daily)", line,
                           ctx.function)
        key, node = given
        code = f"{key}={compact(ctx, node)}"
        value = resolve(ctx, self, node)
        kind, words = self._schedule(ctx, value)
        keys = tuple(_dataset_keys(ctx, self, value)) if kind != "scheduled" else ()
        manual = value is None or (isinstance(value, cst.Name) and value.value == "None") or bool(keys)
        return DagInfo(dag_id, kind, words, code, line, ctx.function, manual=manual, keys=keys)

    def _schedule(self, ctx: "Context", node: Optional[cst.BaseExpression]) -> tuple:
        if node is None or (isinstance(node, cst.Name) and node.value == "None"):
            return "near-real-time", None
        value = ctx.literal(node)
        if isinstance(value, str):
            if value in NOT_SCHEDULED:
                return "near-real-time", None
            return "scheduled", schedule_words.describe_cron(value)
        if isinstance(node, (cst.List, cst.Tuple, cst.BinaryOperation)):
            return "near-real-time", None  # [Dataset(...)], asset1 | asset2: runs when data lands
        if isinstance(node, cst.Call):
            name = last_name(node)
            if name in DATA_TRIGGERS:
                return "near-real-time", None
            if name in MIXED_TIMETABLES:
                return self._schedule(ctx, resolve(ctx, self, kwarg(node, "timetable")))
            if name in CRON_TIMETABLES:
                crons = [ctx.literal(resolve(ctx, self, a.value)) for a in node.args if a.keyword is None]
                crons = crons or [ctx.literal(kwarg(node, "cron"))]
                words = "; ".join(schedule_words.describe_cron(c) for c in crons if isinstance(c, str))
                return "scheduled", words or None
            if name in DELTA_TIMETABLES:
                return "scheduled", interval_words(ctx, self, arg(node, "delta", 0))
            return "scheduled", interval_words(ctx, self, node)
        return "scheduled", cron_words(ctx, self, node) or interval_words(ctx, self, node)


def _dict_value(ctx: "Context", node: Optional[cst.BaseExpression], key: str) -> object:
    """``{"key": value}`` or ``dict(key=value)``: the literal value of ``key``."""
    if isinstance(node, cst.Dict):
        for element in node.elements:
            if isinstance(element, cst.DictElement) and ctx.literal(element.key) == key:
                return ctx.literal(element.value)
    if isinstance(node, cst.Call) and last_name(node) == "dict":
        return ctx.literal(kwarg(node, key))
    return None


def _dataset_keys(ctx: "Context", owner: Recognizer, node: Optional[cst.BaseExpression]) -> List[str]:
    """``[Dataset("s3://x"), RAW]``, ``a | b``, ``DatasetAll(a, b)``: one key per dataset, by its
    URI when written here, else by the qualified name of the constant that holds it."""
    value = resolve(ctx, owner, node)
    if isinstance(node, cst.Name) and value is not None and value is not node:
        own = [DATASET_KEY + "@" + f"{ctx.module}.{node.value}"]  # a constant defined here, imported elsewhere
        return own + _dataset_keys(ctx, owner, value)
    if isinstance(value, (cst.List, cst.Tuple)):
        return [k for e in value.elements for k in _dataset_keys(ctx, owner, e.value)]
    if isinstance(value, cst.BinaryOperation):
        return _dataset_keys(ctx, owner, value.left) + _dataset_keys(ctx, owner, value.right)
    if isinstance(value, cst.Call) and last_name(value) in DATASET_SETS:
        return [k for a in value.args for k in _dataset_keys(ctx, owner, a.value)]
    if isinstance(value, cst.Call) and last_name(value) in DATA_TRIGGERS:
        uri = ctx.literal(arg(value, "uri", 0))
        return [DATASET_KEY + uri] if isinstance(uri, str) and uri else []
    if isinstance(value, (cst.Name, cst.Attribute)):
        qualified = ctx.qualified(value)
        return [DATASET_KEY + "@" + qualified] if qualified and "." in qualified else []
    return []


def _callbacks(ctx: "Context", owner: Recognizer, node: cst.Call) -> List[tuple]:
    """``on_failure_callback=notify`` (a callable or a list of them), directly or in ``default_args``."""
    given = [(k, kwarg(node, k)) for k in CALLBACK_KWARGS]
    defaults = resolve(ctx, owner, kwarg(node, "default_args"))
    if isinstance(defaults, cst.Dict):
        given += [(str(ctx.literal(e.key)), e.value) for e in defaults.elements
                  if isinstance(e, cst.DictElement) and ctx.literal(e.key) in CALLBACK_KWARGS]
    found: List[tuple] = []
    for key, value in given:
        items = [e.value for e in value.elements] if isinstance(value, (cst.List, cst.Tuple)) else [value]
        for item in items:
            target = callable_target(ctx, item) if item is not None else None
            if target is not None and item is not None:
                found.append((target, f"{key} {_name(item)}"))
    return found


def _name(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return node.attr.value
    return "callable"


def _is_dag(name: Optional[str]) -> bool:
    return bool(name) and name.startswith("airflow") and name.endswith(".DAG")  # type: ignore[union-attr]


def _argv(cmds: object, arguments: object, docker: object) -> Optional[str]:
    """A container task's command line: ``cmds`` + ``arguments`` (lists of strings), or a Docker ``command``.

    List items are argv words, so they are quoted back (``["bash", "-c", "cd x && python y.py"]``
    keeps its script as one word for the shell reader)."""
    if isinstance(docker, str):
        return docker
    if isinstance(docker, list) and docker and all(isinstance(w, str) for w in docker):
        return shlex.join(docker)
    words = [w for part in (cmds, arguments) if isinstance(part, list) for w in part]
    return shlex.join(words) if words and isinstance(cmds, list) and all(isinstance(w, str) for w in words) else None


def _strip_task_suffix(callee: Optional[str]) -> str:
    if not callee:
        return ""
    base, _, last = callee.rpartition(".")
    return base if last in TASK_SUFFIXES else callee


RECOGNIZERS = [Airflow()]
