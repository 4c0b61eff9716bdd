"""Request handlers of frameworks ``web_routes.py`` and ``chat_bots.py`` do not cover: MCP
servers, Microsoft Bot Framework bots, NoneBot matchers, gRPC servicers, the standard library's
``http.server``, Pyramid, CherryPy, BlackSheep, Ray Serve, BentoML, LitServe, Slack Bolt lazy
listeners, Shiny outputs and reactive events, LINE bots (``@handler.add(MessageEvent)``), WeChat
``@itchat.msg_register``, Litestar websocket listeners, Rasa custom actions' ``run``, Taipy GUI callbacks (``on_action=ask`` in a page
string names the module's function ``ask``). Each is real-time: a client (or the person behind a chat client; an MCP tool answers
the model a person is chatting with) waits for the answer.

Tables, matched on qualified names so look-alikes of other libraries stay out:
- ``DECORATED``: ``@<receiver>.<method>(...)`` whose receiver was built by one of the
  constructors (``mcp = FastMCP("x")``; ``ask = on_command("ask")``), in a file importing the
  framework;
- ``DECORATORS``: a decorator's own qualified name (``@cherrypy.expose``, ``@bentoml.api``);
- ``CLASSES``: methods the framework calls on a subclass (``class EchoBot(ActivityHandler)``:
  ``on_message_activity``; an ``http.server`` handler in a file named for a webhook, as Vercel serves
  ``api/zendesk_webhook.py``, or a handler class so named, ``class WebhookHandler``, is a machine's call:
  near-real-time); a gRPC servicer (a base ``*Servicer`` from a ``*_pb2_grpc`` module):
  its public methods; ``CLASS_DECORATORS``: methods of a decorated class (``@serve.deployment``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.http_common import is_webhook, route_trigger
from llm_latency_lint.catalog.triggers.resolve import (
    callable_target,
    followable,
    origin,
    short,
)
from llm_latency_lint.model import Trigger

REAL_TIME = "real-time"


@dataclass(frozen=True)
class DecoratedHandlers:
    label: str
    source: str
    ctors: Tuple[str, ...]  # qualified constructors of the receiver
    methods: Tuple[str, ...]  # decorator attributes that register a handler
    roots: Tuple[str, ...]  # the file must import one of these


DECORATED: Tuple[DecoratedHandlers, ...] = (
    DecoratedHandlers("MCP server", "mcp-server",
                      ("mcp.server.fastmcp.FastMCP", "mcp.server.fastmcp.server.FastMCP", "fastmcp.FastMCP",
                       "fastmcp.server.FastMCP", "fastmcp.server.server.FastMCP"),
                      ("tool", "resource", "prompt"), ("mcp", "fastmcp")),
    # (the low-level ``Server`` has no ``tool()``; ``@server.tool()`` on one is FastMCP's decorator as
    # its author means it, label policy 12: round 12's gsannikov/2ndBrain_RAG)
    DecoratedHandlers("MCP server", "mcp-server",
                      ("mcp.server.Server", "mcp.server.lowlevel.Server", "mcp.server.lowlevel.server.Server"),
                      ("call_tool", "get_prompt", "read_resource", "tool", "resource", "prompt"), ("mcp",)),
    DecoratedHandlers("LINE bot", "line-bot",
                      ("linebot.WebhookHandler", "linebot.v3.WebhookHandler", "linebot.webhook.WebhookHandler",
                       "linebot.v3.webhook.WebhookHandler"), ("add",), ("linebot",)),
    DecoratedHandlers("NoneBot matcher", "nonebot-matcher",
                      tuple(f"{root}.{fn}" for root in ("nonebot", "nonebot.plugin", "nonebot.plugin.on")
                            for fn in ("on_command", "on_message", "on_keyword", "on_regex", "on_startswith",
                                       "on_endswith", "on_fullmatch", "on_shell_command", "on_notice",
                                       "on_request", "on_alconna")) + ("nonebot_plugin_alconna.on_alconna",),
                      ("handle", "got", "receive"), ("nonebot",)),
)


@dataclass(frozen=True)
class HandlerClass:
    label: str
    source: str
    bases: Tuple[str, ...]  # qualified base classes
    methods: Tuple[str, ...]  # methods the framework calls with a person's message
    # the module's file is the request path (Vercel serves ``api/zendesk_webhook.py`` at
    # ``/api/zendesk_webhook``): a webhook's file name makes its handler a machine's call
    served_by_file: bool = False


CLASSES: Tuple[HandlerClass, ...] = (
    HandlerClass("http.server", "http-server-handler",
                 ("http.server.BaseHTTPRequestHandler", "http.server.SimpleHTTPRequestHandler",
                  "http.server.CGIHTTPRequestHandler"),
                 ("do_GET", "do_POST", "do_PUT", "do_PATCH", "do_DELETE", "do_HEAD"), served_by_file=True),
    HandlerClass("socketserver", "socketserver-handler",
                 ("socketserver.BaseRequestHandler", "socketserver.StreamRequestHandler",
                  "socketserver.DatagramRequestHandler"), ("handle",)),
    HandlerClass("LitServe", "litserve-api", ("litserve.LitAPI", "litserve.api.LitAPI"), ("predict",)),
    HandlerClass("Rasa custom action", "rasa-action",
                 ("rasa_sdk.Action", "rasa_sdk.interfaces.Action", "rasa_sdk.forms.FormValidationAction",
                  "rasa_sdk.forms.FormAction"), ("run",)),
    HandlerClass("Bot Framework", "botframework-bot",
                 ("botbuilder.core.ActivityHandler", "botbuilder.core.activity_handler.ActivityHandler",
                  "botbuilder.core.teams.TeamsActivityHandler", "botbuilder.dialogs.DialogBot"),
                 ("on_message_activity", "on_turn", "on_members_added_activity", "on_teams_messaging_extension_query",
                  "on_invoke_activity", "on_adaptive_card_invoke")),
)


# decorator qualified name -> (label, source)
DECORATORS: Dict[str, Tuple[str, str]] = {
    "cherrypy.expose": ("CherryPy exposed handler", "cherrypy-handler"),
    "pyramid.view.view_config": ("Pyramid view", "pyramid-view"),
    "bentoml.api": ("BentoML API", "bentoml-api"),
    "itchat.msg_register": ("WeChat (itchat) message handler", "itchat-handler"),
    **{f"litestar.{m}": ("Litestar websocket", "litestar-websocket")
       for m in ("websocket_listener", "websocket", "handlers.websocket_listener")},
    **{f"shiny.render.{m}": ("Shiny output", "shiny-render")
       for m in ("text", "ui", "code", "table", "data_frame", "plot", "image", "download", "express")},
    **{f"shiny.reactive.{m}": ("Shiny reactive", "shiny-reactive") for m in ("event", "effect", "calc")},
    **{f"blacksheep.{m}": ("BlackSheep route", "blacksheep-route")
       for m in ("get", "post", "put", "patch", "delete", "route", "ws")},
    **{f"blacksheep.server.routing.{m}": ("BlackSheep route", "blacksheep-route")
       for m in ("get", "post", "put", "patch", "delete", "route", "ws")},
}
# class decorator qualified name -> (label, source, methods the framework calls)
CLASS_DECORATORS: Dict[str, Tuple[str, str, Tuple[str, ...]]] = {
    "ray.serve.deployment": ("Ray Serve deployment", "ray-serve", ("__call__",)),
}
GRPC_MODULE_SUFFIX = "_pb2_grpc"
GRPC_BASE_SUFFIX = "Servicer"
# Slack Bolt's lazy listeners: ``app.command("/ask")(ack=ack_fn, lazy=[work_fn])``.
SLACK_APPS = ("slack_bolt.App", "slack_bolt.async_app.AsyncApp", "slack_bolt.app.App",
              "slack_bolt.app.async_app.AsyncApp")
TAIPY_CALLBACK = re.compile(r"\bon_(?:action|change|click|submit|edit|add|delete|select)\s*=\s*\{?(\w+)")
SLACK_LISTENERS = ("command", "event", "message", "action", "shortcut", "view", "options")


class FrameworkHandlers(Recognizer):
    id = "handler-frameworks"
    words = ("FastMCP", "mcp", "nonebot", "botbuilder", "_pb2_grpc", "http.server", "socketserver", "pyramid",
             "cherrypy", "blacksheep", "serve", "bentoml", "litserve", "slack_bolt", "shiny", "taipy", "linebot", "itchat",
             "litestar", "rasa_sdk")

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        for dec in decorators:
            if dec.name in DECORATORS:
                label, source = DECORATORS[dec.name]
                ctx.add_trigger(Trigger(kind=REAL_TIME, source=source, target=["name", qualname], line=dec.line,
                                        note=f"{label} @{dec.name.rsplit('.', 1)[-1]} -> {node.name.value}"))
                return
            found = self._decorated(ctx, dec)
            if found is not None:
                note = f"{found.label} @{' '.join(ctx.code(dec.node.decorator).split())[:60]} -> {node.name.value}"
                ctx.add_trigger(Trigger(kind=REAL_TIME, source=found.source, target=["name", qualname],
                                        line=dec.line, note=note))
                return

    @staticmethod
    def _decorated(ctx: "Context", dec: Decorator) -> Optional[DecoratedHandlers]:
        expr = dec.call.func if dec.call is not None else dec.node.decorator
        if not isinstance(expr, cst.Attribute):
            return None
        for spec in DECORATED:
            if dec.attr not in spec.methods or not any(ctx.imports(root) for root in spec.roots):
                continue
            built = origin(ctx, ctx.expr(expr.value))
            if built is not None and built.ctor in spec.ctors and not built.path:
                return spec
        return None

    def on_class(self, ctx: "Context", node: cst.ClassDef, qualname: str, bases: List[Optional[str]]) -> None:
        methods = [s for s in node.body.body if isinstance(s, cst.FunctionDef)]
        for spec in CLASSES:
            base = next((b for b in bases if b in spec.bases), None)
            if base is not None:
                served = spec.served_by_file and is_webhook(ctx.path, qualname.rsplit(".", 1)[-1])
                self._methods(ctx, qualname, [m for m in methods if m.name.value in spec.methods],
                              f"{spec.label} {base.rsplit('.', 1)[-1]}", spec.source, ctx.path if served else None)
        servicer = next((b for b in bases if b and b.endswith(GRPC_BASE_SUFFIX)
                         and b.rpartition(".")[0].endswith(GRPC_MODULE_SUFFIX)), None)
        if servicer is not None:
            self._methods(ctx, qualname, [m for m in methods if not m.name.value.startswith("_")],
                          f"gRPC {servicer.rsplit('.', 1)[-1]} method", "grpc-servicer")
        for dec in node.decorators:
            expr = dec.decorator.func if isinstance(dec.decorator, cst.Call) else dec.decorator
            found = CLASS_DECORATORS.get(ctx.qualified(expr) or "")
            if found is not None:
                label, source, names = found
                self._methods(ctx, qualname, [m for m in methods if m.name.value in names], label, source)

    @staticmethod
    def _methods(ctx: "Context", qualname: str, methods: List[cst.FunctionDef], label: str, source: str,
                 webhook_file: Optional[str] = None) -> None:
        """Each method's trigger; in a ``webhook_file`` (a file or handler class named for a webhook) one
        read as a route at that path (``http_common.route_trigger``: a machine's webhook, or a chat
        platform's; the class's name counts as a view class's does)."""
        owner = qualname.rsplit(".", 1)[-1]
        for method in methods:
            target, line = ["name", f"{qualname}.{method.name.value}"], ctx.line(method)
            if webhook_file is not None:
                ctx.add_trigger(route_trigger(label=label, source=source, target=target, line=line, path=webhook_file,
                                              what=f"{owner}.{method.name.value} in",
                                              handler=owner if is_webhook(None, owner) else ""))
                continue
            ctx.add_trigger(Trigger(kind=REAL_TIME, source=source, target=target,
                                    line=line, note=f"{label} {owner}.{method.name.value}"))

    def on_module_end(self, ctx: "Context") -> None:
        """Taipy binds callbacks by name: ``<|Ask|button|on_action=on_ask|>`` in a page string."""
        if not ctx.imports("taipy"):
            return
        names = {m.group(1) for m in TAIPY_CALLBACK.finditer(ctx.code(ctx.tree()))}
        for stmt in ctx.tree().body:
            if isinstance(stmt, cst.FunctionDef) and stmt.name.value in names:
                ctx.add_trigger(Trigger(kind=REAL_TIME, source="taipy-callback",
                                        target=["name", f"{ctx.module}.{stmt.name.value}"], line=ctx.line(stmt),
                                        note=f"Taipy GUI callback {stmt.name.value} (named in a page)"))

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        """``app.command("/ask")(ack=..., lazy=[...])`` and ``app.event("message")(handle)``: the ack, the
        lazy functions and the listener answer the user."""
        inner = node.func
        if not (isinstance(inner, cst.Call) and isinstance(inner.func, cst.Attribute)
                and inner.func.attr.value in SLACK_LISTENERS):
            return
        receiver = ctx.expr(inner.func.value)
        built = origin(ctx, receiver)
        if built is not None and (built.ctor not in SLACK_APPS or built.path):
            return
        # an app this file does not build (a parameter, ``self.app``, another module's): the project
        # stage checks what built it (``Trigger.receiver``)
        candidate = followable(receiver) if built is None else None
        if built is None and candidate is None:
            return
        for argument in node.args:
            values = argument.value.elements if isinstance(argument.value, (cst.List, cst.Tuple)) else [argument]
            for value in values:
                target = callable_target(ctx, value.value)
                if target is not None:
                    note = f"Slack Bolt {short(ctx, inner)} listener {short(ctx, value.value)}"
                    ctx.add_trigger(Trigger(kind=REAL_TIME, source="slack-bolt-lazy", target=target,
                                            line=ctx.line(node), note=note, receiver=candidate,
                                            receiver_roots=["slack_bolt"] if candidate else []))


RECOGNIZERS = [FrameworkHandlers()]
