"""Code that never runs, by syntax alone: statements after one that always leaves its block
(``return``, ``raise``, ``continue``, ``break``, or an ``if``/``try`` all of whose ways out do, or
a ``with`` of managers known not to swallow exceptions whose body does),
and the body of ``if False:`` / ``if 0:`` / ``if None:`` / ``while False:``, or of ``if DEBUG:`` where
the file binds ``DEBUG`` once, to such a literal (``constant_flags.py``).

A call there is no edge and reaches nothing; an LLM call site there stays listed, with the reason
as its evidence (``CallSite.unreachable``). No constant folding beyond those literals. The rule is a
function of one statement list (``leaves``, ``dead_tail``), so any parser's tree can apply it.
"""
from __future__ import annotations

from typing import Callable, Dict, FrozenSet, Iterator, List, Optional, Sequence, Tuple

import libcst as cst

from llm_latency_lint.catalog.context_managers import PLAIN_MANAGERS
from llm_latency_lint.facts.constant_flags import MODULE, flag_false
from llm_latency_lint.facts.uncalled import uncalled_lambdas
from llm_latency_lint.model import FileFacts
from llm_latency_lint.syntax.walk import nodes_of

__all__ = ["dead_calls", "dead_tail", "leaves", "mark_unreachable"]

_LEAVING = {cst.Return: "return", cst.Raise: "raise", cst.Continue: "continue", cst.Break: "break"}
_FALSE = ("False", "None")
Spot = Tuple[int, int]  # a call's line and 1-based column, as the facts record it


def leaves(stmt: cst.CSTNode) -> Optional[str]:
    """The keyword by which ``stmt`` always leaves its block, if it always does."""
    if isinstance(stmt, cst.SimpleStatementLine):
        return next((_LEAVING[type(s)] for s in stmt.body if type(s) in _LEAVING), None)
    if isinstance(stmt, cst.If):
        body, other = _block_leaves(stmt.body), stmt.orelse
        if body is None or other is None:
            return None
        return body if (leaves(other) if isinstance(other, cst.If) else _block_leaves(other.body)) else None
    if isinstance(stmt, cst.With) and isinstance(stmt.body, cst.IndentedBlock):  # it may swallow a raise, not a return
        if not all(_plain_manager(item.item) for item in stmt.items):  # ``contextlib.suppress``: the code after runs
            return None
        return next((k for k in map(leaves, stmt.body.body)
                     if k in ("return", "continue", "break")), None) if _plain(stmt.body.body) else None
    if isinstance(stmt, (cst.Try, cst.TryStar)):
        if stmt.finalbody is not None and _block_leaves(stmt.finalbody.body):
            return _block_leaves(stmt.finalbody.body)
        body = _block_leaves(stmt.body) or (_block_leaves(stmt.orelse.body) if stmt.orelse else None)
        if body and all(_block_leaves(h.body) for h in stmt.handlers):
            return body
    return None


def _plain_manager(item: cst.BaseExpression) -> bool:
    """``item`` calls a manager known never to suppress an exception (``catalog/context_managers``)."""
    if not isinstance(item, cst.Call):
        return False
    func = item.func
    name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
    return name in PLAIN_MANAGERS


def _plain(body: Sequence[cst.CSTNode]) -> bool:
    """The first statement that leaves ``body`` is a simple one (no branch of it could raise instead)."""
    first = next((stmt for stmt in body if leaves(stmt)), None)
    return isinstance(first, cst.SimpleStatementLine)


def _block_leaves(block: cst.BaseSuite) -> Optional[str]:
    body: Sequence[cst.BaseStatement] = (
        block.body if isinstance(block, cst.IndentedBlock)
        else [cst.SimpleStatementLine(block.body)] if isinstance(block, cst.SimpleStatementSuite) else [])
    return next((found for found in map(leaves, body) if found), None)


def dead_tail(body: Sequence[cst.CSTNode]) -> Tuple[int, Optional[cst.CSTNode], str]:
    """(index of the first statement that never runs, the statement that leaves, its keyword);
    index ``len(body)`` when all of them may run."""
    for index, stmt in enumerate(body):
        keyword = leaves(stmt)
        if keyword and index + 1 < len(body):
            return index + 1, stmt, keyword
    return len(body), None, ""


def _constant_false(test: cst.BaseExpression) -> bool:
    return (isinstance(test, cst.Name) and test.value in _FALSE) or (isinstance(test, cst.Integer) and test.value == "0")


def _blocks(stmt: cst.CSTNode, false_test: Callable[[cst.BaseExpression], bool] = _constant_false,
            ) -> Iterator[Tuple[Sequence[cst.CSTNode], bool]]:
    """The statement lists directly inside ``stmt``, each with whether a constant-false test guards it."""
    if isinstance(stmt, cst.Module):
        yield stmt.body, False
        return
    false = isinstance(stmt, (cst.If, cst.While)) and false_test(stmt.test)
    for name in ("body", "orelse", "finalbody"):
        part = getattr(stmt, name, None)
        if isinstance(part, cst.If):  # ``elif``
            yield [part], False
        elif isinstance(part, (cst.IndentedBlock, cst.Else, cst.Finally)):
            inner = part if isinstance(part, cst.IndentedBlock) else part.body
            if isinstance(inner, cst.IndentedBlock):
                yield inner.body, false and name == "body"
    for handler in getattr(stmt, "handlers", ()) or ():
        if isinstance(handler.body, cst.IndentedBlock):
            yield handler.body.body, False
    for case in getattr(stmt, "cases", ()) or ():
        if isinstance(case.body, cst.IndentedBlock):
            yield case.body.body, False


def dead_calls(module: cst.Module, line: Callable[[cst.CSTNode], int],
               span: Callable[[cst.Call], Tuple[int, int, int, int]], lambdas: bool = True,
               flags: Optional[Dict[str, int]] = None) -> Dict[Spot, str]:
    """Every call in code that never runs -> why, e.g. ``"after the return at line 78"``; also the
    calls in a lambda nothing calls (``uncalled.py``). ``flags``: the file's function-local false
    flags (``FileBindings.false_flags``)."""
    found: Dict[Spot, str] = uncalled_lambdas(module, line, span) if lambdas else {}
    flags = flags or {}
    pending: List[Tuple[cst.CSTNode, FrozenSet[int]]] = [(module, frozenset({MODULE}))]
    while pending:
        stmt, owners = pending.pop()
        inner = owners | {id(stmt)} if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)) else owners
        for body, false in _blocks(stmt, lambda test: _constant_false(test) or flag_false(test, flags, inner)):
            start, cause, keyword = (0, stmt, "") if false else dead_tail(body)
            if cause is not None:
                why = f"under the constant-false test at line {line(stmt)}" if false else _after(cause, keyword, line)
                for call in (call for dead in body[start:] for call in nodes_of(dead, cst.Call)):
                    found.setdefault(span(call)[:2], why)
            pending.extend((s, inner) for s in body[:start] if not isinstance(s, cst.SimpleStatementLine))
    return found


def _after(cause: cst.CSTNode, keyword: str, line: Callable[[cst.CSTNode], int]) -> str:
    if isinstance(cause, cst.SimpleStatementLine):
        return f"after the {keyword} at line {line(cause)}"
    kind = "if" if isinstance(cause, cst.If) else "with" if isinstance(cause, cst.With) else "try"
    return f"after the {kind} at line {line(cause)}, every way out of which leaves the block ({keyword})"


def mark_unreachable(facts: FileFacts, dead: Dict[Spot, str]) -> None:
    """Drop the calls ``dead`` names from the functions' edges; mark the call sites among them."""
    if not dead:
        return
    for fn in facts.functions.values():
        fn.calls = [c for c in fn.calls if (c.line, c.col) not in dead]
    for site in facts.call_sites:
        site.unreachable = dead.get((site.line, site.col), "")
