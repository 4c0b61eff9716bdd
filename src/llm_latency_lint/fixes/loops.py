"""Where a call sits and whether moving it out of its loop keeps the program's meaning.

``analyse`` finds the statement holding the call and the ``for`` loop around it (if any), and
refuses, saying why, whenever building every request before the loop runs would not be
provably the same as making them one by one:

- the call runs conditionally inside an expression, a comprehension, a lambda or a ``while``;
- ``break``, ``return`` or ``yield`` in the loop (fewer requests would have been made);
- the call inside ``try`` with handlers (the handler depends on the per-call failure);
- the request reads a name the loop body rebinds or mutates (mutable state), in particular one
  derived from an earlier result (the loop feeds one result into the next request);
- the loop body consumes or changes the collection it iterates over (a generator consumed twice).

Statements before the call in the loop body may only be guards (``if cond: ...; continue``) and
assignments without calls; both are re-evaluated when building the requests, so each must be
free of side effects.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Set, Tuple

import libcst as cst

from llm_latency_lint.fixes import names
from llm_latency_lint.fixes.base import Refuse, SiteContext

_SCOPES = (cst.Lambda, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)

SKIP_IF, ONLY_IF, ASSIGN = "skip-if", "only-if", "assign"


@dataclass
class Shape:
    stmt: cst.CSTNode  # the statement whose execution makes the call
    loop: Optional[cst.For] = None
    # Execution-order steps deciding whether an iteration reaches the call and what it reads:
    # (SKIP_IF, test) a guard that ends in ``continue``; (ONLY_IF, test) an enclosing ``if``;
    # (ASSIGN, small statement) a call-free assignment before the call.
    steps: List[Tuple[str, cst.CSTNode]] = field(default_factory=list)

    # The ``try`` whose handlers see each item's failure (``analyse(per_item_errors=True)``).
    per_item_try: Optional[cst.Try] = None

    @property
    def has_assignments(self) -> bool:
        return any(kind == ASSIGN for kind, _ in self.steps)


def _first_line(ctx: SiteContext, node: cst.CSTNode) -> str:
    code = ctx.code(node).strip().splitlines()
    return code[0] if code else ""


def _statement_of(ctx: SiteContext, target: cst.CSTNode) -> cst.CSTNode:
    node = target
    for anc in ctx.ancestors(target):
        if isinstance(anc, _SCOPES):
            raise Refuse("the call is inside a comprehension or lambda; the fix does not restructure those")
        if isinstance(anc, cst.IfExp) and node is not anc.test:
            raise Refuse("the call runs on one side of a conditional expression only")
        if isinstance(anc, cst.BooleanOperation) and node is anc.right:
            raise Refuse("the call runs only when a short-circuit (and/or) lets it")
        if isinstance(anc, cst.SimpleStatementLine):
            return anc
        if isinstance(anc, cst.While):
            raise Refuse("the call is in a while condition, evaluated again on every pass")
        if isinstance(anc, (cst.If, cst.For, cst.With)):
            return anc  # the call is in the compound statement's header
        node = anc
    raise Refuse("could not find the statement holding the call")


def _ends_in_continue(block: cst.BaseSuite) -> bool:
    body = block.body
    if not body:
        return False
    last = body[-1]
    if isinstance(last, cst.SimpleStatementLine):
        return isinstance(last.body[-1], cst.Continue)
    return False


def _is_pure(collector: "names._Collector") -> bool:
    return collector.calls == 0 and collector.impure == 0


class _Exits(cst.CSTVisitor):
    """break/continue of this loop, return and yield anywhere in it (nested defs excluded)."""

    def __init__(self) -> None:
        self.found: List[Tuple[str, cst.CSTNode]] = []
        self.depth = 0

    def visit_For(self, node: cst.For) -> None:
        self.depth += 1

    def leave_For(self, node: cst.For) -> None:
        self.depth -= 1

    def visit_While(self, node: cst.While) -> None:
        self.depth += 1

    def leave_While(self, node: cst.While) -> None:
        self.depth -= 1

    def visit_Break(self, node: cst.Break) -> None:
        if self.depth == 0:
            self.found.append(("break", node))

    def visit_Return(self, node: cst.Return) -> None:
        self.found.append(("return", node))

    def visit_Yield(self, node: cst.Yield) -> None:
        self.found.append(("yield", node))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False


def _exits(block: cst.CSTNode) -> List[Tuple[str, cst.CSTNode]]:
    visitor = _Exits()
    block.visit(visitor)
    return visitor.found


def _prefix_step(ctx: SiteContext, stmt: cst.CSTNode) -> List[Tuple[str, cst.CSTNode]]:
    """What a statement before the call contributes to phase 1, or a refusal."""
    where = f"line {ctx.line_of(stmt)}: `{_first_line(ctx, stmt)}`"
    if isinstance(stmt, cst.If) and stmt.orelse is None and _ends_in_continue(stmt.body):
        if not _is_pure(names.collect(stmt.test)):
            raise Refuse(f"{where}: the guard's condition calls code; it would run twice")
        if _exits(stmt.body):
            raise Refuse(f"{where}: the guard leaves the loop")
        return [(SKIP_IF, stmt.test)]
    if isinstance(stmt, cst.SimpleStatementLine):
        steps: List[Tuple[str, cst.CSTNode]] = []
        for small in stmt.body:
            if isinstance(small, cst.Pass) or (isinstance(small, cst.Expr) and isinstance(small.value, cst.SimpleString)):
                continue
            single = isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name)
            annotated = isinstance(small, cst.AnnAssign) and small.value is not None and isinstance(small.target, cst.Name)
            if (single or annotated) and isinstance(small, (cst.Assign, cst.AnnAssign)) and small.value is not None \
                    and _is_pure(names.collect(small.value)):
                steps.append((ASSIGN, small))
                continue
            raise Refuse(
                f"{where} runs before the call in every iteration and may have side effects; "
                "the fix cannot run it ahead of the batch"
            )
        return steps
    raise Refuse(f"{where} runs before the call in every iteration; the fix handles only guards and plain assignments there")


def analyse(ctx: SiteContext, request_nodes: Sequence[cst.CSTNode], per_item_errors: bool = False) -> Shape:
    """The call's shape, or ``Refuse``. ``request_nodes`` are what the request is built from.

    ``per_item_errors``: the results raise each item's failure at its own ``next(...)`` and go on
    (``map``-based helpers), so a call that is the first statement of a ``try`` in the loop keeps
    its handlers' meaning: a failed item is caught there and the loop goes on (``_per_item_try``)."""
    target = ctx.outer()
    stmt = _statement_of(ctx, target)
    shape = Shape(stmt)
    loop_only: List[str] = []  # refusals that matter only if a loop turns out to enclose the call
    try_problem = ""  # why a per-item ``try`` around the call does not keep its meaning
    steps_rev: List[List[Tuple[str, cst.CSTNode]]] = []
    current: cst.CSTNode = stmt
    while True:
        block = ctx.parents.get(current)
        if block is None or isinstance(block, cst.Module):
            break
        if isinstance(block, cst.If):  # ``current`` is an ``elif``: the condition is not one test
            if shape.loop is None:
                loop_only.append("the call is in an elif branch inside the loop")
            current = block
            continue
        owner = ctx.parents.get(block)
        if owner is None:
            break
        body = list(getattr(block, "body", ()))
        before = body[: body.index(current)] if current in body else []
        if isinstance(owner, (cst.FunctionDef, cst.Lambda)):
            break
        if isinstance(owner, cst.ClassDef):
            raise Refuse("the call runs in a class body; the fix rewrites calls in functions and modules")
        if isinstance(owner, (cst.Try, cst.TryStar)) and block is owner.body and owner.handlers:
            why = (f"the call is inside `try` (line {ctx.line_of(owner)}) whose handlers depend on the per-call "
                   "failure; a batch reports failures differently")
            if not per_item_errors or shape.loop is not None or not isinstance(owner, cst.Try):
                raise Refuse(why)
            try:
                _per_item_try(ctx, owner, stmt, current, before)
            except Refuse as exc:
                try_problem = str(exc)  # said only if a loop turns out to enclose the try
            shape.per_item_try = owner
            current = owner
            continue
        if isinstance(owner, cst.ExceptHandler):
            raise Refuse("the call runs inside an exception handler")
        if shape.loop is None:
            if isinstance(owner, cst.For):
                if block is not owner.body:
                    loop_only.append("the call is in the loop's else clause")
                shape.loop = owner
                steps_rev.append([s for stmt_ in before for s in _prefix_step(ctx, stmt_)] if not loop_only else [])
            elif isinstance(owner, cst.While):
                raise Refuse(
                    f"the call is inside a while loop (line {ctx.line_of(owner)}); how many requests it makes "
                    "is not known before it runs"
                )
            elif isinstance(owner, cst.If) and block is owner.body:
                try:
                    level = [s for stmt_ in before for s in _prefix_step(ctx, stmt_)]
                except Refuse as exc:
                    loop_only.append(str(exc))
                    level = []
                if not _is_pure(names.collect(owner.test)):
                    loop_only.append(f"line {ctx.line_of(owner)}: the condition around the call calls code")
                steps_rev.append(level + [(ONLY_IF, owner.test)])
            elif isinstance(owner, (cst.Else, cst.If)):
                loop_only.append("the call is in an else/elif branch inside the loop")
            elif isinstance(owner, (cst.With, cst.Try, cst.TryStar, cst.Finally)):
                loop_only.append(f"the call is inside a `{type(owner).__name__.lower()}` block in the loop")
            else:
                loop_only.append(f"the call is inside a {type(owner).__name__} the fix does not handle")
        current = owner
    if shape.loop is None:
        if shape.per_item_try is not None:
            raise Refuse(f"the call is inside `try` (line {ctx.line_of(shape.per_item_try)}) whose handlers depend "
                         "on the per-call failure; a batch reports failures differently")
        return shape
    if try_problem:
        raise Refuse(try_problem)
    if loop_only:
        raise Refuse(loop_only[0])
    for level in reversed(steps_rev):
        shape.steps.extend(level)
    _check_loop(ctx, shape, request_nodes)
    return shape


def _per_item_try(ctx: SiteContext, owner: cst.Try, stmt: cst.CSTNode, current: cst.CSTNode,
                  before: Sequence[cst.CSTNode]) -> None:
    """Refuse unless a failed item's ``next(...)`` inside ``owner`` keeps the handlers' meaning:
    the call is the first thing the ``try`` runs (an earlier failure would skip its result and
    shift every later item onto the wrong one), and no handler re-raises (the original stops at
    the first failure; the batch has sent every request)."""
    where = f"the `try` at line {ctx.line_of(owner)}"
    if current is not stmt or before:
        raise Refuse(f"the call is not the first statement of {where}: a failure before it would skip its "
                     "result and give the next item the wrong one")
    small = stmt.body[0] if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 else None
    value = small.value if isinstance(small, (cst.Expr, cst.Assign, cst.AnnAssign)) else None
    if value is not ctx.outer():
        raise Refuse(f"in {where}, the call's statement does more than `name = <call>` or `<call>`: what "
                     "runs before the call there could fail and skip its result")
    found: List[cst.Raise] = []

    class _Raises(cst.CSTVisitor):
        def visit_Raise(self, node: cst.Raise) -> None:
            found.append(node)

        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return False

    for handler in owner.handlers:
        handler.visit(_Raises())
    if found:
        raise Refuse(f"a handler of {where} raises (line {ctx.line_of(found[0])}): the original stops at the first "
                     "failure, a batch would have sent every request")


def _check_loop(ctx: SiteContext, shape: Shape, request_nodes: Sequence[cst.CSTNode]) -> None:
    loop = shape.loop
    assert loop is not None
    if loop.asynchronous is not None:
        raise Refuse("`async for` loop: the items are not known before the loop runs")
    for kind, node in _exits(loop.body):
        raise Refuse(
            f"`{kind}` inside the loop (line {ctx.line_of(node)}): the original stops making requests early, "
            "a batch would send them all"
        )
    if not _plain_target(loop.target):
        raise Refuse("the loop assigns to an attribute or item on each pass; the fix needs plain names")
    loop_vars: Set[str] = set()
    names._target_names(loop.target, loop_vars)
    step_nodes = [node for _, node in shape.steps]
    assigned_ahead = names.collect(*[n for k, n in shape.steps if k == ASSIGN]).binds
    request = names.collect(*request_nodes, *step_nodes)
    body = names.collect(loop.body)

    # Anything derived from the call's result, transitively, through the loop body.
    # Paths rooted in a loop variable are per item: changing this item after its own call is fine.
    def per_item(path: str) -> bool:
        return path.split(".", 1)[0] in loop_vars

    seed = names.collect(shape.stmt) if isinstance(shape.stmt, cst.SimpleStatementLine) else None
    tainted = {p for p in (seed.binds | seed.mutates)} if seed else set()
    tainted = {p for p in tainted if not per_item(p)}
    smalls = _small_statements(loop.body)
    changed = True
    while changed:
        changed = False
        for small in smalls:
            info = names.collect(small)
            if any(names.conflicts(r, t) for r in info.reads for t in tainted):
                new = {p for p in (info.binds | info.mutates) - tainted if not per_item(p)}
                if new:
                    tainted |= new
                    changed = True
    for read in sorted(request.reads):
        hit = next((t for t in sorted(tainted) if names.conflicts(read, t)), None)
        if hit is not None:
            raise Refuse(f"the loop feeds one result into the next request (`{read}` depends on an earlier response)")

    rebound = (body.binds - loop_vars - assigned_ahead) | {m for m in body.mutates if not per_item(m)}
    for read in sorted(request.reads):
        hit = next((c for c in sorted(rebound) if names.conflicts(read, c)), None)
        if hit is not None:
            raise Refuse(
                f"the request reads `{read}`, which the loop body changes (`{hit}`): params computed from "
                "mutable state cannot be built before the loop"
            )

    iterated = names.collect(loop.iter).reads
    for path in sorted(iterated):
        if any(names.conflicts(path, m) for m in body.mutates | (body.binds - loop_vars)):
            raise Refuse(
                f"the loop body consumes or changes `{path}`, which it iterates over; building the requests "
                "first would consume it twice"
            )


def _plain_target(target: cst.BaseExpression) -> bool:
    if isinstance(target, cst.Name):
        return True
    if isinstance(target, (cst.Tuple, cst.List)):
        return all(_plain_target(e.value) for e in target.elements)
    return isinstance(target, cst.StarredElement) and _plain_target(target.value)


def _small_statements(block: cst.CSTNode) -> List[cst.CSTNode]:
    found: List[cst.CSTNode] = []

    class _Smalls(cst.CSTVisitor):
        def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
            found.extend(node.body)

        def visit_For(self, node: cst.For) -> None:
            found.append(cst.Assign([cst.AssignTarget(node.target)], node.iter))

    block.visit(_Smalls())
    return found
