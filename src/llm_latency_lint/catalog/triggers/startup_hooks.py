"""Application start-up hooks: what a server runs once when it starts, not on a request.

A worker a web application starts beside its routes (a thread or task draining a database queue,
a poll loop) is started by the server's start-up, where nobody waits for its work: near-real-time.
A route reaching the same code makes it mixed; a loop the hook starts that sleeps to a cadence
keeps its schedule (``sleep_loops.py``: the walk from a hook stops there, ``project/classify``);
it replaces the weakest evidence (the app module read as a script a person runs). The hooks, as
each framework documents them:

- FastAPI / Starlette / Litestar / Quart: ``FastAPI(lifespan=fn)`` (also ``on_startup=[fn]``),
  ``@app.on_event("startup")``, ``app.add_event_handler("startup", fn)``, Quart / Sanic
  ``@app.before_serving`` / ``@app.before_server_start`` / ``@app.main_process_start``;
- aiohttp: ``app.on_startup.append(fn)`` (and ``cleanup_ctx``);
- Django: ``AppConfig.ready`` of an app config class.
"""
from __future__ import annotations

from typing import List, Optional, Sequence

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.resolve import callable_target, short
from llm_latency_lint.model import Expr, Trigger
from llm_latency_lint.syntax.literals import kwarg

SOURCE = "startup-hook"
APP_CLASSES = frozenset({"fastapi.FastAPI", "starlette.applications.Starlette", "litestar.Litestar",
                         "quart.Quart", "sanic.Sanic"})
HOOK_KEYWORDS = ("lifespan", "on_startup")
STARTUP_DECORATORS = frozenset({"before_serving", "before_server_start", "main_process_start", "after_server_start"})
APP_CONFIG_BASES = frozenset({"django.apps.AppConfig", "django.apps.config.AppConfig"})


def _hook(target: Expr, line: int, note: str) -> Trigger:
    return Trigger(kind="near-real-time", source=SOURCE, target=target, line=line,
                   note=f"{note} (runs when the server starts; nobody waits on its background work)")


class StartupHooks(Recognizer):
    id = SOURCE
    words = ("lifespan", "on_startup", "on_event", "add_event_handler", "before_serving", "before_server_start",
             "main_process_start", "AppConfig")

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        if callee in APP_CLASSES:
            for keyword in HOOK_KEYWORDS:
                value = kwarg(node, keyword)
                values = [e.value for e in value.elements] if isinstance(value, (cst.List, cst.Tuple)) else [value]
                self._add(ctx, [v for v in values if v is not None], node, f"{callee.rsplit('.', 1)[-1]}({keyword}=...)")
            return
        func = node.func
        if not isinstance(func, cst.Attribute):
            return
        if func.attr.value == "add_event_handler" and len(node.args) >= 2 and ctx.literal(node.args[0].value) == "startup":
            self._add(ctx, [node.args[1].value], node, "add_event_handler('startup')")
        elif func.attr.value == "append" and isinstance(func.value, cst.Attribute) \
                and func.value.attr.value in ("on_startup", "cleanup_ctx") and node.args:
            self._add(ctx, [node.args[0].value], node, f"{func.value.attr.value}.append")

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        for dec in decorators:
            startup = dec.attr == "on_event" and dec.call is not None and dec.call.args \
                and ctx.literal(dec.call.args[0].value) == "startup"
            if startup or dec.attr in STARTUP_DECORATORS:
                ctx.add_trigger(_hook(["name", qualname], dec.line, f"start-up hook @{dec.attr} -> {node.name.value}"))
                return

    def on_class(self, ctx: "Context", node: cst.ClassDef, qualname: str, bases: List[Optional[str]]) -> None:
        if not any(b in APP_CONFIG_BASES for b in bases):
            return
        for statement in node.body.body:
            if isinstance(statement, cst.FunctionDef) and statement.name.value == "ready":
                ctx.add_trigger(_hook(["name", f"{qualname}.ready"], ctx.line(statement),
                                      f"Django {node.name.value}.ready"))

    @staticmethod
    def _add(ctx: "Context", values: List[cst.BaseExpression], node: cst.Call, what: str) -> None:
        for value in values:
            target = callable_target(ctx, value)
            if target is not None:
                ctx.add_trigger(_hook(target, ctx.line(node), f"start-up hook {what} -> {short(ctx, value)}"))


RECOGNIZERS = [StartupHooks()]
