"""Modal (modal.com) functions: what starts them.

- ``@app.function(schedule=modal.Cron(...) | modal.Period(...))`` (``@stub.function`` in older code,
  ``@app.cls(schedule=...)`` for a class's methods): scheduled.
- ``@modal.fastapi_endpoint`` / ``@modal.web_endpoint`` (``from modal import web_endpoint``): the
  function answers an HTTP request, a caller waits: real-time; read as any route
  (``http_common.route_trigger``): a webhook (by its name or ``label=``) is a machine's call,
  near-real-time, and a chat platform's webhook (``telegram_webhook``, a Slack or Twilio payload)
  a person's message, whose first hand-off (``process.spawn(text)``) still answers them (policy 5). (``@modal.asgi_app`` /
  ``@modal.wsgi_app`` return an app whose routes the route recognisers read.)
- ``@app.local_entrypoint()``: what ``modal run app.py`` runs, a command a person starts (an entry
  point nothing else runs is run by hand).

A Modal function's own methods run it: ``f.remote(x)``, ``f.map(xs)``, ``f.starmap(...)``,
``f.for_each(...)``, ``f.local(x)`` (and their ``.aio`` variants) are calls of ``f``
(``catalog.dispatch.DECORATED_RUN_METHODS``); ``f.spawn(x)`` queues it
(``catalog.queues.QUEUE_CALLS``).
"""
from __future__ import annotations

from typing import List, Optional, Sequence

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.chat_payloads import chat_payload
from llm_latency_lint.catalog.triggers.http_common import route_trigger
from llm_latency_lint.catalog.triggers.schedule_args import (
    compact,
    cron_words,
    interval_words,
    last_name,
    resolve,
    scheduled,
)
from llm_latency_lint.model import Expr, Trigger
from llm_latency_lint.syntax.literals import arg, kwarg

SOURCE = "modal"
ENTRYPOINT = "modal-entrypoint"  # ``catalog.queues.BY_HAND_SOURCES``
# Decorators that serve the function over HTTP: a caller waits for the answer.
WEB_ENDPOINTS = frozenset({"web_endpoint", "fastapi_endpoint"})
# The decorator ``modal run`` starts.
LOCAL_ENTRYPOINTS = frozenset({"local_entrypoint"})


class Modal(Recognizer):
    id = "modal"
    words = ("import modal", "from modal")

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        for dec in decorators:
            if dec.attr in WEB_ENDPOINTS and _from_modal(ctx, dec):
                # an HTTP endpoint, read as any route: a webhook's name makes it a machine's call, a chat
                # platform's (``telegram_webhook``, a Slack or Twilio payload) a person's message (policy 5)
                label = ctx.literal(kwarg(dec.call, "label")) if dec.call is not None else None
                ctx.add_trigger(route_trigger(label=f"Modal @{dec.attr}", source=SOURCE, target=["name", qualname],
                                              line=dec.line, path=label if isinstance(label, str) else None,
                                              methods=_methods(ctx, dec), what="endpoint",
                                              handler=_short(qualname), payload=chat_payload(ctx, node)))
            elif dec.attr in LOCAL_ENTRYPOINTS and dec.call is not None and ctx.imports("modal"):
                ctx.add_trigger(Trigger(kind="entry", source=ENTRYPOINT, target=["name", qualname], line=dec.line,
                                        note=f"Modal @{dec.attr} (`modal run`) -> {_short(qualname)}"))
            elif dec.attr == "function" and dec.call is not None:
                self._schedule(ctx, ["name", qualname], dec.call, dec.node)

    def on_class(self, ctx: "Context", node: cst.ClassDef, qualname: str, bases: List[Optional[str]]) -> None:
        """``@app.cls(schedule=...)``: each of the class's public methods runs on the schedule."""
        for dec in node.decorators:
            call = dec.decorator
            if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and call.func.attr.value == "cls"):
                continue
            for item in node.body.body if isinstance(node.body, cst.IndentedBlock) else ():
                if isinstance(item, cst.FunctionDef) and not item.name.value.startswith("_"):
                    self._schedule(ctx, ["name", f"{qualname}.{item.name.value}"], call, dec)

    def _schedule(self, ctx: "Context", target: Expr, call: cst.Call, node: cst.CSTNode) -> None:
        given = kwarg(call, "schedule")
        schedule = resolve(ctx, self, given)
        if given is None or not isinstance(schedule, cst.Call):
            return
        kind = last_name(schedule)
        from_modal = ctx.imports("modal") or (ctx.qualified(schedule.func) or "").startswith("modal")
        if kind not in ("Cron", "Period") or not from_modal:
            return
        words = self._words(ctx, schedule, kind)
        scheduled(ctx, SOURCE, target, node, f"modal schedule={compact(ctx, given)}", words)

    def _words(self, ctx: "Context", schedule: cst.Call, kind: str) -> Optional[str]:
        if kind == "Cron":
            return cron_words(ctx, self, arg(schedule, "cron_string", 0))
        return interval_words(ctx, self, schedule)


def _from_modal(ctx: "Context", dec: Decorator) -> bool:
    return (dec.name or "").startswith("modal.") or ctx.imports("modal")


def _short(qualname: str) -> str:
    return qualname.rsplit(".", 1)[-1]


RECOGNIZERS = [Modal()]


def _methods(ctx: "Context", dec: Decorator) -> List[str]:
    """``@modal.fastapi_endpoint(method="POST")``: the one HTTP method it serves (GET by default)."""
    method = ctx.literal(kwarg(dec.call, "method")) if dec.call is not None else None
    return [method.lower()] if isinstance(method, str) else []
