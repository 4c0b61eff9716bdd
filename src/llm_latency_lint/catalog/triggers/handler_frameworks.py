"""Handlers of frameworks a person talks to through another program: MCP servers, Microsoft Bot
Framework bots, NoneBot matchers. Each is real-time: the reply goes back to someone waiting in a
chat client (an MCP tool answers the model a person is chatting with).

One table: a decorator ``@<receiver>.<method>(...)`` whose receiver was built by one of the
constructors (``mcp = FastMCP("x")``; ``ask = on_command("ask")``), and base classes whose
``on_*`` methods the framework calls (``class EchoBot(ActivityHandler)``). A receiver this file
cannot trace counts only when the file imports the framework, so ``@app.tool`` of another
library, or a class named ``ActivityHandler`` of one's own, is not a handler.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.resolve import origin
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
    DecoratedHandlers("MCP server", "mcp-server",
                      ("mcp.server.Server", "mcp.server.lowlevel.Server", "mcp.server.lowlevel.server.Server"),
                      ("call_tool", "get_prompt", "read_resource"), ("mcp",)),
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


CLASSES: Tuple[HandlerClass, ...] = (
    HandlerClass("Bot Framework", "botframework-bot",
                 ("botbuilder.core.ActivityHandler", "botbuilder.core.activity_handler.ActivityHandler",
                  "botbuilder.core.teams.TeamsActivityHandler", "botbuilder.dialogs.DialogBot"),
                 ("on_message_activity", "on_turn", "on_members_added_activity", "on_teams_messaging_extension_query",
                  "on_invoke_activity", "on_adaptive_card_invoke")),
)


class FrameworkHandlers(Recognizer):
    id = "handler-frameworks"
    words = ("FastMCP", "mcp", "nonebot", "botbuilder")

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        for dec in decorators:
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
        for spec in CLASSES:
            base = next((b for b in bases if b in spec.bases), None)
            if base is None:
                continue
            for stmt in node.body.body:
                if isinstance(stmt, cst.FunctionDef) and stmt.name.value in spec.methods:
                    note = f"{spec.label} {base.rsplit('.', 1)[-1]}.{stmt.name.value} of {node.name.value}"
                    ctx.add_trigger(Trigger(kind=REAL_TIME, source=spec.source,
                                            target=["name", f"{qualname}.{stmt.name.value}"],
                                            line=ctx.line(stmt), note=note))


RECOGNIZERS = [FrameworkHandlers()]
