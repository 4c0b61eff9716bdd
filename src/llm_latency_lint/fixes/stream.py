"""LLM004: drop a stream nobody reads live and read the whole response instead.

Only shapes that are provably the same are rewritten: a ``for`` loop directly over the streaming
call whose body only appends each chunk's text to one target with ``+=`` (optionally under the
one event-type test the provider's stream needs). ``text += whole_text`` then gives the same
string the chunks added up to. Anything else in the loop is refused.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Dict, Optional, Tuple

import libcst as cst

from llm_latency_lint.fixes import names
from llm_latency_lint.fixes.base import (
    SAFE,
    STREAM,
    Fixer,
    Plan,
    Refuse,
    SiteContext,
    without_args,
)


@dataclass(frozen=True)
class ChunkShape:
    chunk: str  # the per-chunk text, with ``{chunk}`` for the loop variable
    whole: str  # the same text from the whole response, with ``{response}``
    guard: Optional[str] = None  # the ``if`` the body must have around the ``+=``
    refuse_kwargs: Tuple[str, ...] = ()  # arguments under which chunks are not one text


def _same(code: str, template: str) -> bool:
    try:
        return ast.dump(ast.parse(code.strip(), mode="eval")) == ast.dump(ast.parse(template, mode="eval"))
    except SyntaxError:
        return False


def _only(block: cst.BaseSuite) -> Optional[cst.CSTNode]:
    body = [s for s in block.body]
    if len(body) != 1:
        return None
    stmt = body[0]
    if isinstance(stmt, cst.SimpleStatementLine):
        return stmt.body[0] if len(stmt.body) == 1 else None
    return stmt


@dataclass
class StreamFixer(Fixer):
    provider: str
    shapes: Dict[str, ChunkShape]
    strategy: str = field(default=STREAM, init=False)

    @property
    def keys(self) -> Tuple[Tuple[str, str], ...]:  # type: ignore[override]
        return tuple((self.provider, op) for op in self.shapes)

    def plan(self, ctx: SiteContext) -> Plan:
        shape = self.shapes[ctx.operation]
        stream = ctx.kwarg("stream")
        if stream is None or not (isinstance(stream.value, cst.Name) and stream.value.value == "True"):
            raise Refuse("the call does not pass stream=True literally")
        for key in shape.refuse_kwargs:
            if ctx.kwarg(key) is not None:
                raise Refuse(f"with `{key}=` the chunks are not one text; no fix")
        outer = ctx.outer()
        loop = ctx.parents.get(outer)
        if not isinstance(loop, cst.For) or loop.iter is not outer:
            raise Refuse("the stream is not read by a `for` loop directly over the call")
        if loop.orelse is not None or not isinstance(loop.target, cst.Name):
            raise Refuse("the loop over the stream has an else clause or unpacks its items")
        chunk = loop.target.value
        stmt = _only(loop.body)
        if shape.guard is not None:
            if not (isinstance(stmt, cst.If) and stmt.orelse is None and _same(ctx.code(stmt.test), shape.guard.format(chunk=chunk))):
                raise Refuse(f"the loop body is not `if {shape.guard.format(chunk=chunk)}: <text> += ...`")
            stmt = _only(stmt.body)
        if not (isinstance(stmt, cst.AugAssign) and isinstance(stmt.operator, cst.AddAssign)):
            raise Refuse("the loop does more than add up each chunk's text with +=; no provably equal rewrite")
        if not _same(ctx.code(stmt.value), shape.chunk.format(chunk=chunk)):
            raise Refuse(f"the loop adds `{ctx.code(stmt.value).strip()}`, not the chunk's text `{shape.chunk.format(chunk=chunk)}`")
        if chunk in names.collect(stmt.target).reads:
            raise Refuse("the target depends on the chunk")
        response = names.fresh("full_response", names.all_names(ctx.module))
        args = without_args(ctx.call.args, lambda a: a is stream)
        call = ctx.call.with_changes(args=args)
        new_outer = outer.with_changes(expression=call) if isinstance(outer, cst.Await) else call
        assign = cst.SimpleStatementLine(
            [cst.Assign([cst.AssignTarget(cst.Name(response))], new_outer)],
            leading_lines=loop.leading_lines,
        )
        add = cst.parse_statement(f"{ctx.code(stmt.target).strip()} += {shape.whole.format(response=response)}\n")
        return Plan(
            description="request the whole response instead of a stream nobody reads live",
            safety=SAFE,
            replace={loop: cst.FlattenSentinel([assign, add])},
        )
