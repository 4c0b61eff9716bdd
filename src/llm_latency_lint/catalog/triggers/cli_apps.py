"""Programs whose runner call dispatches to functions registered elsewhere in the file: running
``app()`` runs the Typer commands, ``luigi.run()`` / ``luigi.build([...])`` runs the Luigi tasks.

These are call edges, not triggers: the class comes from whatever runs the calling code (a
``__main__`` block a person starts is real-time; a crontab line running it makes it scheduled).

- Typer: ``@app.command()`` / ``@app.callback()`` on ``app = typer.Typer()``; the edge goes from
  the function that calls ``app()`` to each command (also sub-apps added with ``app.add_typer``
  in the same file). Each Typer app is also the entry point ``object:<module>.<app>`` (its
  commands), which a console script naming it (``erp = "erp.cli.main:app"``) runs; an app mounting
  another module's app (``app.add_typer(daily.app)``) is an entry naming that app's entry.
- Click: a ``@click.group()`` function calls its ``@<group>.command()`` / ``@<group>.group()``
  functions (and those ``<group>.add_command(fn)`` adds): calling the group runs them.
- Flask: ``@app.cli.command("digest")`` (also a blueprint's ``cli``, a ``flask.cli.AppGroup``)
  is the entry point ``flask:digest`` that ``flask --app app digest`` in a crontab, workflow or
  script runs (a trigger, not an edge; the name defaults to the function's, ``_`` as ``-``).
- marimo: ``app.run()`` of ``app = marimo.App()`` runs every ``@app.cell`` function of the file.
- Luigi: ``luigi.run()``, ``luigi.build(...)``, ``luigi.interface.run(...)``: an edge to ``run``
  of every class of the file that subclasses a Luigi task (``luigi.Task``, ``WrapperTask``,
  ``ExternalTask``, contrib tasks).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.resolve import origin
from llm_latency_lint.model import CallRef, Trigger

TYPER = frozenset({"typer.Typer", "typer.main.Typer"})
OBJECT = "object:"  # the entry an app object or a group a console script names is (``project/classify``)
MARIMO = frozenset({"marimo.App"})
FLASK_APPS = ("flask.Flask", "flask.Blueprint", "flask.blueprints.Blueprint", "flask.app.Flask")
FLASK_GROUPS = frozenset({"flask.cli.AppGroup"})
TYPER_DECORATORS = ("command", "callback")
CLICK_GROUPS = frozenset({"click.group", "click.decorators.group", "rich_click.group", "asyncclick.group"})
CLICK_MEMBERS = ("command", "group")
LUIGI_RUNNERS = frozenset({"luigi.run", "luigi.build", "luigi.interface.run", "luigi.interface.build"})
LUIGI_ROOT = "luigi"


class CliApps(Recognizer):
    id = "cli-apps"
    words = ("typer", "luigi", "click", "marimo", "cli.command", "AppGroup")

    def _state(self, ctx: "Context") -> Dict[str, list]:
        state = ctx.state(self)
        for key in ("commands", "runs", "tasks", "luigi_runs", "members", "cells", "marimo_runs", "apps",
                    "named", "subapps"):
            state.setdefault(key, [])
        return state

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        self._click(ctx, node, qualname, decorators)
        self._flask(ctx, node, qualname, decorators)
        if ctx.imports("marimo") and any(d.attr == "cell" and self._built(ctx, d, MARIMO) for d in decorators):
            self._state(ctx)["cells"].append((qualname, node.name.value))
        if not ctx.imports("typer"):
            return
        for dec in decorators:
            func = dec.call.func if dec.call is not None else dec.node.decorator
            if dec.attr in TYPER_DECORATORS and isinstance(func, cst.Attribute) and self._typer(ctx, func.value):
                self._state(ctx)["commands"].append((qualname, node.name.value))
                if isinstance(func.value, cst.Name):
                    self._state(ctx)["apps"].append(func.value.value)
                    if dec.attr == "command":  # its name on the command line: ``erp phase1 run``
                        self._state(ctx)["named"].append((func.value.value, _command_name(ctx, dec, node), qualname))
                return

    def _click(self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]) -> None:
        """Remember click groups (by function name) and what each registers."""
        if not any(ctx.imports(r.split(".")[0]) for r in CLICK_GROUPS):
            return
        groups: Dict[str, str] = ctx.state(self).setdefault("groups", {})
        for dec in decorators:
            func = dec.call.func if dec.call is not None else dec.node.decorator
            if dec.name in CLICK_GROUPS:
                groups[node.name.value] = qualname
            elif (dec.attr in CLICK_MEMBERS and isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name)
                  and func.value.value in groups):
                self._state(ctx)["members"].append((groups[func.value.value], qualname, node.name.value))
                self._state(ctx)["named"].append((groups[func.value.value], _command_name(ctx, dec, node), qualname))
                if dec.attr == "group":
                    groups[node.name.value] = qualname

    def _flask(self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]) -> None:
        if not ctx.imports("flask"):
            return
        for dec in decorators:
            func = dec.call.func if dec.call is not None else dec.node.decorator
            if dec.attr != "command" or not isinstance(func, cst.Attribute):
                continue
            receiver = func.value
            built = origin(ctx, ctx.expr(receiver.value)) if (
                isinstance(receiver, cst.Attribute) and receiver.attr.value == "cli") else None
            flask_cli = built is not None and built.ctor in FLASK_APPS and not built.path
            group = None if flask_cli else origin(ctx, ctx.expr(receiver))
            if not (flask_cli or group is not None and group.ctor in FLASK_GROUPS and not group.path):
                continue
            name = _command_name(ctx, dec, node)
            if group is not None and group.literal:  # ``AppGroup("user")``: ``flask user create``
                name = f"{group.literal} {name}"
            ctx.add_trigger(Trigger(kind="entry", source="flask-command", target=["name", qualname], line=dec.line,
                                    note=f"Flask CLI command 'flask {name}'", entry_key=f"flask:{name}"))
            return

    def on_class(self, ctx: "Context", node: cst.ClassDef, qualname: str, bases: List[Optional[str]]) -> None:
        if not any(b and b.split(".")[0] == LUIGI_ROOT for b in bases):
            return
        if any(isinstance(s, cst.FunctionDef) and s.name.value == "run" for s in node.body.body):
            self._state(ctx)["tasks"].append((f"{qualname}.run", node.name.value))

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        func = node.func
        if (isinstance(func, cst.Attribute) and func.attr.value == "add_command" and isinstance(func.value, cst.Name)
                and func.value.value in ctx.state(self).get("groups", {}) and node.args):
            added = node.args[0].value
            if isinstance(added, cst.Name):
                group = ctx.state(self)["groups"][func.value.value]
                self._state(ctx)["members"].append((group, f"{ctx.module}.{added.value}", added.value))
                given = ctx.literal(node.args[1].value) if len(node.args) > 1 else None
                name = given if isinstance(given, str) else added.value.replace("_", "-")
                self._state(ctx)["named"].append((group, name, f"{ctx.module}.{added.value}"))
            return
        if (isinstance(func, cst.Attribute) and func.attr.value == "run" and ctx.imports("marimo")
                and self._origin_in(ctx, func.value, MARIMO)):
            self._state(ctx)["marimo_runs"].append((ctx.function, ctx.line(node), "marimo app.run"))
            return
        if (isinstance(func, cst.Attribute) and func.attr.value == "add_typer" and isinstance(func.value, cst.Name)
                and ctx.imports("typer") and self._typer(ctx, func.value)):
            self._state(ctx)["apps"].append(func.value.value)  # the root app a console script names
            app = node.args[0].value if node.args else None
            app_name = next((ctx.literal(a.value) for a in node.args if a.keyword and a.keyword.value == "name"), None)
            mounted = ctx.qualified(app) if isinstance(app, (cst.Name, cst.Attribute)) else None
            if mounted and app is not None and (isinstance(app, cst.Attribute) or mounted != f"{ctx.module}.{ctx.code(app)}"):
                # another module's app (``daily.app``, ``from .daily import app as daily_app``): its commands too
                ctx.add_trigger(Trigger(kind="entry", source="cli-app", target=["entry", f"{OBJECT}{mounted}"],
                                        line=ctx.line(node), note=f"Typer app {func.value.value} mounts {mounted}",
                                        entry_key=f"{OBJECT}{ctx.module}.{func.value.value}"))
            elif isinstance(app, cst.Name):
                self._state(ctx)["subapps"].append((func.value.value, app.value, app_name if isinstance(app_name, str) else ""))
            return
        if callee in LUIGI_RUNNERS:
            self._state(ctx)["luigi_runs"].append((ctx.function, ctx.line(node), callee))
        elif ctx.imports("typer") and isinstance(node.func, cst.Name) and self._typer(ctx, node.func):
            self._state(ctx)["runs"].append((ctx.function, ctx.line(node), node.func.value))

    @staticmethod
    def _origin_in(ctx: "Context", receiver: cst.BaseExpression, ctors: FrozenSet[str]) -> bool:
        built = origin(ctx, ctx.expr(receiver))
        return built is not None and built.ctor in ctors and not built.path

    def _typer(self, ctx: "Context", receiver: cst.BaseExpression) -> bool:
        return self._origin_in(ctx, receiver, TYPER)

    def _built(self, ctx: "Context", dec: Decorator, ctors: FrozenSet[str]) -> bool:
        func = dec.call.func if dec.call is not None else dec.node.decorator
        return isinstance(func, cst.Attribute) and self._origin_in(ctx, func.value, ctors)

    def on_module_end(self, ctx: "Context") -> None:
        state = self._state(ctx)
        pairs: List[Tuple[Tuple[str, int, str], List[Tuple[str, str]], str]] = [
            *((run, state["commands"], "Typer app {runner}() runs command {name}") for run in state["runs"]),
            *((run, state["tasks"], "{runner}() runs Luigi task {name}") for run in state["luigi_runs"]),
            *((run, state["cells"], "{runner}() runs cell {name}") for run in state["marimo_runs"]),
        ]
        for group, member, name in state["members"]:
            ctx.add_call(CallRef(["name", member], 0, 0, kind="call", note=f"click group runs command {name}"),
                         function=group)
        for app in dict.fromkeys(state["apps"]):  # ``erp = "erp.cli.main:app"`` runs the app's commands
            for target, name in state["commands"]:
                ctx.add_trigger(Trigger(kind="entry", source="cli-app", target=["name", target], line=1,
                                        note=f"Typer app {app} runs command {name}", entry_key=f"object:{ctx.module}.{app}"))
        for key, words, target in _command_paths(ctx.module, state):  # ``erp phase1 run``: that command only
            ctx.add_trigger(Trigger(kind="entry", source="cli-app", target=["name", target], line=1,
                                    note=f"command line '{words}' runs {target.rsplit('.', 1)[-1]}", entry_key=key))
        for (function, line, runner), targets, text in pairs:
            for target, name in targets:
                ctx.add_call(CallRef(["name", target], line, 0, kind="call",
                                     note=text.format(runner=runner, name=name)), function=function)


def _command_name(ctx: "Context", dec: Decorator, node: cst.FunctionDef) -> str:
    """``@app.command("run")`` / ``name="run"``, else the function's name with ``_`` as ``-`` (as
    Typer and Click name commands)."""
    args = dec.call.args if dec.call is not None else ()
    given = next((ctx.literal(a.value) for a in args if a.keyword is None or a.keyword.value == "name"), None)
    return given if isinstance(given, str) else node.name.value.replace("_", "-")


def _command_paths(module: str, state: Dict[str, list]) -> List[Tuple[str, str, str]]:
    """(``object:<app>/<words>`` key, the words, command function) for each command of a Typer app
    (sub-apps added with ``add_typer(sub, name=...)``; a sub-app without a name merges its commands)
    or a Click group (nested groups), and for each sub-app or sub-group (all its commands)."""
    children: Dict[str, List[Tuple[str, str]]] = {}  # app or group -> (child, name)
    for parent, child, name in state["subapps"]:
        children.setdefault(parent, []).append((child, name))
    commands: Dict[str, List[Tuple[str, str]]] = {}
    for owner, name, target in state["named"]:
        commands.setdefault(owner, []).append((name, target))
    groups = {owner for owner, _, _ in state["named"] if "." in owner}
    for owner in groups:  # a click group's member groups are its children
        children.setdefault(owner, []).extend((t, n) for n, t in commands.get(owner, []) if t in groups)
    inner = {child for kids in children.values() for child, _ in kids}
    found: List[Tuple[str, str, str]] = []

    def walk(root: str, owner: str, words: Tuple[str, ...], depth: int) -> List[str]:
        targets: List[str] = []
        for name, target in commands.get(owner, []):
            path = words + (name,)
            found.append((f"{OBJECT}{_dotted(module, root)}/{'/'.join(path)}", " ".join(path), target))
            targets.append(target)
        for child, name in children.get(owner, []) if depth < 4 else []:
            below = walk(root, child, words + ((name,) if name else ()), depth + 1)
            if name:
                found.extend((f"{OBJECT}{_dotted(module, root)}/{'/'.join(words + (name,))}", " ".join(words + (name,)), t)
                             for t in below)
            targets.extend(below)
        return targets

    for root in dict.fromkeys(o for o in list(commands) + list(children) if o not in inner):
        walk(root, root, (), 0)
    return list(dict.fromkeys(found))


def _dotted(module: str, owner: str) -> str:
    """A Typer app is a module variable (``app``), a Click group a function (``pkg.cli.cli``)."""
    return owner if "." in owner else f"{module}.{owner}"


RECOGNIZERS = [CliApps()]
