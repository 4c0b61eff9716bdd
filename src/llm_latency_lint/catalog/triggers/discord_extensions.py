"""discord.py extensions the bot loads: ``await bot.load_extension("cogs.chat")``, also in a loop over
a list of names (``for ext in EXTENSIONS: await self.load_extension(ext)``). A cog module
(``async def setup(bot): await bot.add_cog(Chat(bot))``) registers its commands only when loaded, so
when every load names its extension, a cog left out of them (and imported by nothing) answers no
command (round 9's rubikan/good-boi). A name computed at run time (``f"cogs.{file[:-3]}"`` over a
folder's listing) may load any cog: recorded as ``*``.

Each load is an ``entry`` trigger whose target names the extension (``["entry",
"discord-extension:cogs.chat"]``): no entry point defines that key, so it starts nothing itself; the
project stage reads the names (``project/classify_entries.connected``).
"""
from __future__ import annotations

from typing import List, Optional

import libcst as cst

from llm_latency_lint.catalog.loaded_modules import ANY_EXTENSION as ANY
from llm_latency_lint.catalog.loaded_modules import EXTENSION
from llm_latency_lint.catalog.triggers.api import Context, Recognizer
from llm_latency_lint.model import Trigger

LOADS = frozenset({"load_extension", "reload_extension"})


class _Loads(cst.CSTVisitor):
    """``load_extension`` calls with the loop bindings around them (target name -> iterated node)."""

    def __init__(self) -> None:
        self.loops: List[cst.For] = []
        self.found: List[tuple] = []

    def visit_For(self, node: cst.For) -> None:
        self.loops.append(node)

    def leave_For(self, original_node: cst.For) -> None:
        self.loops.pop()

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in LOADS and node.args:
            self.found.append((node, {loop.target.value: loop.iter for loop in self.loops
                                      if isinstance(loop.target, cst.Name)}))


class DiscordExtensions(Recognizer):
    def on_module_end(self, ctx: "Context") -> None:
        if not ctx.mentions("load_extension") or not any(ctx.imports(r) for r in ("discord", "nextcord", "disnake")):
            return
        visitor = _Loads()
        ctx.tree().visit(visitor)
        for node, loops in visitor.found:
            for name in _names(ctx, node.args[0].value, loops) or [ANY]:
                ctx.add_trigger(Trigger(kind="entry", source=EXTENSION, target=["entry", f"{EXTENSION}:{name}"],
                                        line=ctx.line(node), note=f"loads the extension {name}"))


def _names(ctx: "Context", node: cst.BaseExpression, loops: dict, depth: int = 0) -> Optional[List[str]]:
    """The extension names ``node`` holds: a literal, a loop variable over a list of literals, a
    module constant holding either; None when any is computed."""
    value = ctx.literal(node)
    if isinstance(value, str):
        return [value]
    if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
        found = [ctx.literal(e.value) for e in node.elements]
        return [v for v in found if isinstance(v, str)] if all(isinstance(v, str) for v in found) else None
    if isinstance(node, cst.Name) and depth < 3:
        bound = loops.get(node.value) if node.value in loops else ctx.module_value(node.value)
        return _names(ctx, bound, {}, depth + 1) if bound is not None else None
    return None


RECOGNIZERS = (DiscordExtensions(),)
