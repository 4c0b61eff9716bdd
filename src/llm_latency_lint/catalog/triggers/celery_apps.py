"""The task modules a Celery app declares: what a worker of that app imports at start.

A worker registers the tasks of the modules its program imports: the app's module (``-A``) with what
it imports, and the modules the app declares (docs.celeryq.dev, "Configuration": ``include``,
``imports``; ``app.autodiscover_tasks(packages)`` imports each package's ``tasks`` module). A task
in a module none of these loads is not registered, so that worker never runs it
(``project/worker_programs.py``).

Each declaration is an ``entry`` trigger naming the module (``["entry",
"celery-app-loads:pkg.tasks"]``), plus one naming the file's own module where it builds an app, so
the project stage knows an app is defined there. No entry point defines those keys: they start
nothing themselves. A declaration the scan cannot read (a computed list, ``autodiscover_tasks()``
over Django's installed apps, ``config_from_object(...)`` whose settings may list modules) is
``celery-app-loads:*``: the app may load anything, and its workers run every task as before.
"""
from __future__ import annotations

from typing import List, Optional

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Recognizer
from llm_latency_lint.catalog.worker_commands import ANY_MODULE as ANY
from llm_latency_lint.catalog.worker_commands import APP_LOADS
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.literals import kwarg, positional

APP_CONSTRUCTORS = frozenset({"celery.Celery", "celery.app.Celery", "celery.app.base.Celery"})
# Settings naming modules the worker imports (old upper-case names too); ``conf.update(...)`` and
# the constructor's keywords take them.
LOAD_SETTINGS = frozenset({"include", "imports", "CELERY_INCLUDE", "CELERY_IMPORTS"})
# App methods that read settings from elsewhere: the modules those list are not visible here.
CONFIG_SOURCES = frozenset({"config_from_object", "config_from_envvar", "add_defaults", "config_from_cmdline"})
AUTODISCOVER = "autodiscover_tasks"
RELATED_NAME = "tasks"  # ``autodiscover_tasks(packages, related_name="tasks")``


class CeleryApps(Recognizer):
    """``Celery(..., include=[...])``, ``app.conf.update(include=...)``, ``app.conf.imports = ...``,
    ``app.autodiscover_tasks([...])``, ``app.config_from_object(...)``."""

    id = "celery-apps"
    words = ("Celery", "autodiscover_tasks", "config_from_object")

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        func = node.func
        method = func.attr.value if isinstance(func, cst.Attribute) else ""
        if callee in APP_CONSTRUCTORS:
            _load(ctx, node, [ctx.module])
            for setting in LOAD_SETTINGS:
                value = kwarg(node, setting)
                if value is not None:
                    _load(ctx, node, _names(ctx, value))
            if kwarg(node, "config_source") is not None:
                _load(ctx, node, None)
        elif method == "update" and isinstance(func, cst.Attribute) and _is_conf(func.value):
            for arg in node.args:
                if arg.keyword is not None and arg.keyword.value in LOAD_SETTINGS:
                    _load(ctx, node, _names(ctx, arg.value))
                elif arg.keyword is None and ctx.imports("celery"):  # ``conf.update({...})`` / ``(**settings)``
                    _load(ctx, node, _dict_names(ctx, arg.value) if not arg.star else None)
        elif method == AUTODISCOVER:
            packages = positional(node, 0) or kwarg(node, "packages")
            related = ctx.literal(kwarg(node, "related_name") or positional(node, 1))
            names = _names(ctx, packages) if packages is not None else None
            suffix = related if isinstance(related, str) else RELATED_NAME
            _load(ctx, node, None if names is None else [f"{n}.{suffix}" for n in names])
        elif method in CONFIG_SOURCES and isinstance(func, cst.Attribute) and not _is_conf(func.value):
            _load(ctx, node, None)

    def on_assign(self, ctx: "Context", targets: List[str], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        if not isinstance(node, cst.Assign):
            return
        for target in (t.target for t in node.targets):
            if isinstance(target, cst.Attribute) and target.attr.value in LOAD_SETTINGS and _is_conf(target.value):
                _load(ctx, node, _names(ctx, value))  # ``app.conf.imports = ("pkg.tasks",)``


def _is_conf(node: cst.BaseExpression) -> bool:
    """``app.conf`` / ``self.conf``: an app's settings."""
    return isinstance(node, cst.Attribute) and node.attr.value == "conf"


def _load(ctx: "Context", node: cst.CSTNode, names: Optional[List[str]]) -> None:
    for name in names if names is not None else [ANY]:
        ctx.add_trigger(Trigger(kind="entry", source=APP_LOADS, target=["entry", f"{APP_LOADS}:{name}"],
                                line=ctx.line(node), note=f"a Celery app loads {name}"))


def _names(ctx: "Context", node: Optional[cst.BaseExpression], depth: int = 0) -> Optional[List[str]]:
    """Module names a setting holds: a literal string, a list, tuple or set of them, or a module
    constant holding either; None when any is computed."""
    if node is None:
        return None
    value = ctx.literal(node)
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple, set, frozenset)) and all(isinstance(v, str) for v in value):
        return sorted(value) if isinstance(value, (set, frozenset)) else list(value)
    if isinstance(node, cst.Name) and depth < 3:
        bound = ctx.module_value(node.value)
        return _names(ctx, bound, depth + 1) if bound is not None else None
    return None


def _dict_names(ctx: "Context", node: cst.BaseExpression) -> Optional[List[str]]:
    """The module names a settings dict display lists; ``[]`` when it lists none; None when computed."""
    if not isinstance(node, cst.Dict):
        return None
    found: List[str] = []
    for element in node.elements:
        if not isinstance(element, cst.DictElement):
            return None
        key = ctx.literal(element.key)
        if key in LOAD_SETTINGS:
            names = _names(ctx, element.value)
            if names is None:
                return None
            found.extend(names)
    return found


RECOGNIZERS = [CeleryApps()]
