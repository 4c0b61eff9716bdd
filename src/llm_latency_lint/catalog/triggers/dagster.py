"""Dagster schedules and sensors, pointed at the job they start.

A ``@job``/``@graph`` function calls its ops, so targeting the job function reaches them by
ordinary call edges. A ``define_asset_job`` has no body: its trigger targets the assets its
``selection`` names (functions, or asset names registered from ``@asset`` via
``ctx.add_task_name``). ``AssetSelection.all()`` and ``"*"`` stand for the ``@asset`` functions of
this file and of the modules it loads with ``load_assets_from_modules`` /
``load_assets_from_package_module`` (a ``definitions.py`` whose job selects ``"*"`` over assets
written elsewhere). A sensor runs its job when something happens: near-real-time.

A job or asset no schedule or sensor starts is launched from the Dagster UI (or ``dagster job
execute``) by a person who reads the result later: near-real-time, as weak evidence (like an
Airflow DAG with no schedule), so a schedule of the same job wins. A selection ``"*name"``,
``"*" + asset.key.path[0]`` or ``AssetSelection.assets(a).upstream()`` also runs the assets
upstream of ``name``: those its parameters (and ``deps=``) name, entry ``dagster-upstream:<name>``.
"""
from __future__ import annotations

from typing import List, Optional, Sequence

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.schedule_args import (
    callable_target,
    compact,
    cron_words,
    last_name,
    resolve,
    scheduled,
)
from llm_latency_lint.model import Expr, Trigger
from llm_latency_lint.syntax.literals import arg, kwarg, positional

SOURCE = "dagster"
JOB_KEY = "dagster-job:"
GROUP_KEY = "dagster-group:"
UPSTREAM_KEY = "dagster-upstream:"
# Every asset of a module (and of each package above it): what ``load_assets_from_modules([m])`` /
# ``load_assets_from_package_module(pkg)`` load, and the assets a ``"*"`` selection in the loading
# file selects (``LOADED_KEY`` + that file's module).
MODULE_KEY = "dagster-module:"
LOADED_KEY = "dagster-loaded:"
LOADERS = frozenset({"load_assets_from_modules", "load_assets_from_package_module", "load_assets_from_package_name"})
MANUAL = "launched from the Dagster UI (no schedule or sensor; manual runs: weak evidence)"
SENSORS = frozenset({"sensor", "asset_sensor", "multi_asset_sensor", "run_status_sensor", "run_failure_sensor"})
ASSETS = frozenset({"asset", "multi_asset", "graph_asset", "graph_multi_asset"})
JOBS = frozenset({"job", "graph"})
SELECTION_METHODS = frozenset({"assets", "keys"})


class Dagster(Recognizer):
    id = "dagster"
    words = ("dagster", "cron_schedule")

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        for dec in decorators:
            name = dec.name or ""
            if not name.startswith("dagster"):
                continue
            explicit = ctx.literal(kwarg(dec.call, "name")) if dec.call is not None else None
            registered = explicit if isinstance(explicit, str) else node.name.value
            if dec.attr in ASSETS:
                ctx.state(self).setdefault("assets", []).append(qualname)
                parts = ctx.module.split(".")
                for count in range(len(parts), 0, -1):  # loaded with its module, or with a package above it
                    ctx.add_trigger(Trigger(kind="entry", source="dagster-asset", target=["name", qualname],
                                            line=dec.line, note=f"asset {registered} in {ctx.module}",
                                            entry_key=f"{MODULE_KEY}{'.'.join(parts[:count])}"))
                ctx.add_task_name(registered, qualname)
                self._upstream(ctx, node, dec, qualname, registered)
                ctx.add_trigger(Trigger(kind="near-real-time", source=SOURCE, target=["name", qualname],
                                        line=dec.line, note=f"asset {registered} {MANUAL}", weak=True))
                self._on_cron_asset(ctx, dec, qualname)
                groups = _group_keys(ctx, kwarg(dec.call, "group_name")) if dec.call is not None else []
                for group in groups:  # a job selecting the group (``AssetSelection.groups(G)``) runs this asset
                    ctx.add_trigger(Trigger(kind="entry", source="dagster-group", target=["name", qualname],
                                            line=dec.line, note=f"asset {node.name.value} in group {groups[0]}",
                                            entry_key=f"{GROUP_KEY}{group}"))
            elif dec.attr in JOBS:
                ctx.add_task_name(registered, qualname)
                if dec.attr == "job":
                    ctx.add_trigger(Trigger(kind="near-real-time", source=SOURCE, target=["name", qualname],
                                            line=dec.line, note=f"job {registered} {MANUAL}", weak=True))
            elif dec.attr == "schedule" and dec.call is not None:
                cron = arg(dec.call, "cron_schedule", 0)
                note = f"@schedule(cron_schedule={compact(ctx, cron)})" if cron is not None else "@schedule"
                words = cron_words(ctx, self, cron)
                self._job_triggers(ctx, dec.call, dec.node, note, words, "scheduled")
                scheduled(ctx, SOURCE, ["name", qualname], dec.node, note, words)  # evaluated on each tick
            elif dec.attr in SENSORS and dec.call is not None:
                self._job_triggers(ctx, dec.call, dec.node, f"@{dec.attr} {node.name.value}", None, "near-real-time")

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        name = callee or ""
        if not name.startswith("dagster"):
            return
        if last_name(node) == "ScheduleDefinition":
            cron = kwarg(node, "cron_schedule")
            schedule_name = ctx.literal(kwarg(node, "name"))
            label = f"ScheduleDefinition '{schedule_name}'" if isinstance(schedule_name, str) else "ScheduleDefinition"
            note = f"{label} cron_schedule={compact(ctx, cron)}" if cron is not None else label
            self._job_triggers(ctx, node, node, note, cron_words(ctx, self, cron), "scheduled")
        elif last_name(node) in LOADERS:
            self._loaded(ctx, node)
        elif last_name(node) == "build_schedule_from_partitioned_job":
            job = arg(node, "job", 0)
            note = f"build_schedule_from_partitioned_job({compact(ctx, job)}) (one run per partition)" if job else ""
            for target in self._job_targets(ctx, job):
                scheduled(ctx, SOURCE, target, node, note, None)

    # ---- targets ---------------------------------------------------------------------
    def _job_triggers(
        self, ctx: "Context", call: cst.Call, where: cst.CSTNode, note: str, words: Optional[str], kind: str
    ) -> None:
        jobs = [kwarg(call, k) for k in ("job", "target")]
        targets: List[Expr] = [t for job in jobs for t in self._job_targets(ctx, job)]
        for key in ("jobs",):
            listed = resolve(ctx, self, kwarg(call, key))
            if isinstance(listed, (cst.List, cst.Tuple)):
                targets += [t for e in listed.elements for t in self._job_targets(ctx, e.value)]
        job_name = ctx.literal(kwarg(call, "job_name"))
        if isinstance(job_name, str):
            targets.append(["str", job_name])
        for target in targets:
            scheduled(ctx, SOURCE, target, where, note, words, kind=kind)

    def on_assign(self, ctx: "Context", targets: List[str], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        """``job = define_asset_job(selection=...)`` at module level: an entry point other files'
        schedules and sensors run by the job's qualified name (``dagster-job:pkg.jobs.job``)."""
        if not ctx.function.endswith(".<module>") or not isinstance(value, cst.Call):
            return
        if last_name(value) != "define_asset_job" or not (ctx.qualified(value.func) or "").startswith("dagster"):
            return
        for name in targets:
            if "." in name:
                continue
            for target in self._selection(ctx, arg(value, "selection", 1)):
                ctx.add_trigger(Trigger(kind="entry", source="dagster-job", target=target, line=ctx.line(node),
                                        note=f"asset job {name} materialises {_what(target)}",
                                        entry_key=f"{JOB_KEY}{ctx.module}.{name}"))
                ctx.add_trigger(Trigger(kind="near-real-time", source=SOURCE, target=target, line=ctx.line(node),
                                        note=f"asset job {name} {MANUAL} materialises {_what(target)}", weak=True))

    def _job_targets(self, ctx: "Context", node: Optional[cst.BaseExpression]) -> List[Expr]:
        value = resolve(ctx, self, node)
        if value is None:
            return []
        if isinstance(value, cst.Name) and value.value in ctx.facts.imports:  # a job another module defines
            imported = ctx.qualified(value)
            if imported and "." in imported:  # an asset job's entry, or the ``@job`` function itself
                return [["entry", f"{JOB_KEY}{imported}"], ["name", imported]]
        if isinstance(value, cst.Attribute) and isinstance(value.value, (cst.Name, cst.Attribute)):
            imported = ctx.qualified(value)  # ``jobs.embed_job`` of an imported module
            root: cst.BaseExpression = value.value
            while isinstance(root, cst.Attribute):
                root = root.value
            if imported and isinstance(root, cst.Name) and root.value in ctx.facts.imports:
                return [["entry", f"{JOB_KEY}{imported}"], ["name", imported]]
        if isinstance(value, cst.Call) and last_name(value) == "define_asset_job":
            return self._selection(ctx, arg(value, "selection", 1))
        if isinstance(value, (cst.List, cst.Tuple)) or _is_selection(value):
            return self._selection(ctx, value)
        target = callable_target(ctx, node)
        return [target] if target else []

    def _selection(self, ctx: "Context", node: Optional[cst.BaseExpression]) -> List[Expr]:
        node = resolve(ctx, self, node)
        if node is None:
            return []
        if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
            value = ctx.literal(node)
            if value == "*":
                return self._all_assets(ctx)
            return _string_selection(value) if isinstance(value, str) else []
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            return self._concatenated(ctx, node)
        if isinstance(node, (cst.List, cst.Tuple)):
            return [t for e in node.elements for t in self._selection(ctx, e.value)]
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr):
            return self._selection(ctx, node.left) + self._selection(ctx, node.right)
        if isinstance(node, cst.Call):
            method = last_name(node)
            if method == "groups" and _is_selection(node):
                keys = [_group_keys(ctx, a.value)[:1] for a in node.args if a.keyword is None]
                return [["entry", f"{GROUP_KEY}{k[0]}"] for k in keys if k]
            if method == "all" and _is_selection(node):
                return self._all_assets(ctx)
            if method == "upstream" and _is_selection(node) and isinstance(node.func, cst.Attribute):
                return [_upstream_of(t) for t in self._selection(ctx, node.func.value)]
            if method in SELECTION_METHODS and _is_selection(node):
                return [t for a in node.args if a.keyword is None for t in self._selection(ctx, a.value)]
            if method in ("AssetKey",):
                return self._selection(ctx, positional(node, 0))
            return []
        target = callable_target(ctx, node)
        return [target] if target else []

    def _concatenated(self, ctx: "Context", node: cst.BinaryOperation) -> List[Expr]:
        """``"*" + asset.key.path[0]`` (the asset and everything upstream), ``asset.key.path[0] + "*"``."""
        prefix = ctx.literal(node.left)
        root: cst.BaseExpression = node.right if isinstance(prefix, str) else node.left
        while isinstance(root, (cst.Attribute, cst.Subscript)):
            root = root.value
        target = callable_target(ctx, root) if isinstance(root, cst.Name) else None
        if target is None:
            return []
        return [_upstream_of(target)] if isinstance(prefix, str) and prefix.startswith(("*", "+")) else [target]

    def _upstream(self, ctx: "Context", node: cst.FunctionDef, dec: Decorator, qualname: str, name: str) -> None:
        """Entry ``dagster-upstream:<name>``: this asset, and the upstream entries of the assets its
        parameters (other than ``context``) and ``deps=[...]`` name."""
        key = f"{UPSTREAM_KEY}{name}"
        ctx.add_trigger(Trigger(kind="entry", source="dagster-asset", target=["name", qualname], line=dec.line,
                                note=f"asset {name}", entry_key=key))
        params = [p.name.value for p in [*node.params.params, *node.params.kwonly_params]]
        deps = kwarg(dec.call, "deps") if dec.call is not None else None
        deps = resolve(ctx, self, deps)
        for element in deps.elements if isinstance(deps, (cst.List, cst.Tuple)) else []:
            value = ctx.literal(element.value)
            params.append(value if isinstance(value, str) else last_name(element.value) or "")
        for upstream in dict.fromkeys(p for p in params if p and p not in ("self", "context", name)):
            ctx.add_trigger(Trigger(kind="entry", source="dagster-asset", target=["entry", f"{UPSTREAM_KEY}{upstream}"],
                                    line=dec.line, note=f"asset {name} reads upstream asset {upstream}", entry_key=key))

    def _all_assets(self, ctx: "Context") -> List[Expr]:
        """``"*"`` / ``AssetSelection.all()``: this file's assets and those it loads from other modules."""
        return [["name", q] for q in ctx.state(self).get("assets", [])] + [["entry", f"{LOADED_KEY}{ctx.module}"]]

    def _loaded(self, ctx: "Context", node: cst.Call) -> None:
        """``load_assets_from_modules([extract, summarize])`` / ``load_assets_from_package_module(assets)``
        / ``load_assets_from_package_name("pkg.assets")``: the entry ``dagster-loaded:<this module>``
        runs every asset of those modules, whichever order the file gives the loader and the job."""
        given = resolve(ctx, self, arg(node, "modules", 0) if last_name(node) == "load_assets_from_modules"
                        else arg(node, "package_module", 0) if last_name(node) == "load_assets_from_package_module"
                        else arg(node, "package_name", 0))
        elements = [e.value for e in given.elements] if isinstance(given, (cst.List, cst.Tuple)) else [given]
        for element in elements:
            named = ctx.literal(element) if element is not None else None
            module = named if isinstance(named, str) else (
                ctx.qualified(element) if isinstance(element, (cst.Name, cst.Attribute)) else None)
            if module:
                ctx.add_trigger(Trigger(kind="entry", source="dagster-asset", target=["entry", f"{MODULE_KEY}{module}"],
                                        line=ctx.line(node), note=f"{last_name(node)} loads the assets of {module}",
                                        entry_key=f"{LOADED_KEY}{ctx.module}"))

    def _on_cron_asset(self, ctx: "Context", dec: Decorator, qualname: str) -> None:
        """``@asset(automation_condition=AutomationCondition.on_cron("0 2 * * *"))``."""
        condition = kwarg(dec.call, "automation_condition") if dec.call is not None else None
        if isinstance(condition, cst.Call) and last_name(condition) == "on_cron":
            cron = arg(condition, "cron_schedule", 0)
            scheduled(ctx, SOURCE, ["name", qualname], dec.node, f"AutomationCondition.on_cron({compact(ctx, cron)})"
                      if cron is not None else "AutomationCondition.on_cron", cron_words(ctx, self, cron))


def _string_selection(value: str) -> List[Expr]:
    """Dagster's selection syntax: ``"*name"`` / ``"+name"`` the asset and its upstream assets,
    ``"name*"`` the asset (what runs downstream of it is not followed), a plain name the asset."""
    name = value.strip("*+ ")
    if not name:
        return []
    return [["entry", f"{UPSTREAM_KEY}{name}"]] if value.lstrip().startswith(("*", "+")) else [["str", name]]


def _upstream_of(target: Expr) -> Expr:
    """The upstream entry of a selected asset (by function name or registered name)."""
    if target[0] == "entry":
        return target
    return ["entry", f"{UPSTREAM_KEY}{str(target[1]).rsplit('.', 1)[-1]}"]


def _what(target: Expr) -> str:
    text = str(target[1])
    if text.startswith(UPSTREAM_KEY):
        return f"{text[len(UPSTREAM_KEY):]} and its upstream assets"
    return f"asset group {text[len(GROUP_KEY):].rsplit('.', 1)[-1]}" if text.startswith(GROUP_KEY) else text


def _group_keys(ctx: "Context", node: Optional[cst.BaseExpression]) -> List[str]:
    """A group's names: its literal value when this file shows it, and the qualified name of the
    constant (a job and its assets may name the group through the same imported constant)."""
    if node is None:
        return []
    keys: List[str] = []
    value = ctx.literal(node)
    if isinstance(value, str):
        keys.append(value)
    qualified = ctx.qualified(node) if isinstance(node, (cst.Name, cst.Attribute)) else None
    if qualified:
        keys.append(qualified)
    return keys


def _is_selection(node: cst.BaseExpression) -> bool:
    """``AssetSelection.<method>(...)`` (possibly chained)."""
    while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        node = node.func.value
    return isinstance(node, (cst.Name, cst.Attribute)) and last_name(node) == "AssetSelection"


RECOGNIZERS = [Dagster()]
