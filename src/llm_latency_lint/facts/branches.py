"""Branches a parameter's literal value selects: ``if provider == "anthropic":``, ``elif use_x:``,
``if model.startswith("claude")``, ``match provider: case "anthropic":``; with each literal default,
and each call's literal arguments.

The project stage (``project/dead_branches.py``) joins them: when every caller passes a literal
(or nothing, taking the default) and none selects a branch, the calls under it never run. Only
tests the facts pass can read are kept (a comparison with a literal, a tuple of literals, the
parameter's truth, ``startswith``/``endswith``); any other test may hold. A parameter the function
binds again anywhere (an assignment, a loop, a nested function's parameter of that name) has no
guards: its value at the test is not the caller's.
"""
from __future__ import annotations

import json
from typing import (
    Callable,
    Collection,
    Dict,
    Iterator,
    List,
    Optional,
    Sequence,
    Set,
    Tuple,
)

import libcst as cst

from llm_latency_lint.facts.constant_flags import bound_counts
from llm_latency_lint.model import GUARD_NEGATED as NEGATED
from llm_latency_lint.model import FunctionFacts
from llm_latency_lint.syntax.literals import literal

__all__ = ["branch_guards", "call_values", "keep_fixed", "literal_repr", "param_defaults"]

Cond = Tuple[str, str, List[str]]  # (parameter, test, literal reprs)
Lines = Callable[[List[cst.CSTNode]], Optional[Tuple[int, int]]]  # ``Positions.lines_of``
_COMPARE = {cst.Equal: "in", cst.NotEqual: "notin", cst.Is: "is", cst.IsNot: "isnot", cst.In: "in", cst.NotIn: "notin"}
_SINGLETONS = ("None", "True", "False")  # the only literals ``is`` compares (by identity: type and value)
_AFFIX = {"startswith": "prefix", "endswith": "suffix"}


def literal_repr(node: Optional[cst.BaseExpression]) -> Optional[str]:
    """``repr`` of a plain literal (a string, number, ``True``/``False``/``None``), else None."""
    if isinstance(node, cst.Name) and node.value in ("True", "False", "None"):
        return node.value
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.Integer, cst.Float, cst.UnaryOperation)):
        try:
            value = literal(node)
        except Exception:  # a malformed escape: no literal
            return None
        return repr(value) if isinstance(value, (str, int, float)) else None
    return None


def call_values(node: cst.Call, params: Collection[str] = ()) -> Optional[List[str]]:
    """Each argument's ``literal_repr``, ``@name`` for the caller's parameter ``name`` passed on,
    ``!name`` for ``not name``, "" for another value; positional ones first. None when none is
    one of those or an argument unpacks (``*args``: nothing binds visibly)."""
    if any(arg.star for arg in node.args):
        return None
    ordered = [a for a in node.args if a.keyword is None] + [a for a in node.args if a.keyword is not None]
    values = [literal_repr(arg.value) or _forwarded(arg.value, params) for arg in ordered]
    return values if any(values) else None


def _forwarded(value: cst.BaseExpression, params: Collection[str]) -> str:
    if isinstance(value, cst.Name) and value.value in params:
        return "@" + value.value
    if isinstance(value, cst.UnaryOperation) and isinstance(value.operator, cst.Not):
        inner = value.expression
        return "!" + inner.value if isinstance(inner, cst.Name) and inner.value in params else ""
    return ""


def keep_fixed(node: cst.FunctionDef, fn: FunctionFacts) -> None:
    """Forget the guards (``branch_guards``) and the ``@name``/``!name`` arguments of a parameter the
    function binds again: its value there is not the caller's. One count of the bindings serves both."""
    forwarding = [ref for ref in fn.calls if ref.values and any(v[:1] in ("@", "!") for v in ref.values)]
    if not forwarding and not fn.guards:
        return
    counts = bound_counts(node)
    if fn.guards:
        fn.guards = _bound_once(fn.guards, counts)
    for ref in forwarding:
        ref.values = [v if v[:1] not in ("@", "!") or counts.get(v[1:]) == 1 else "" for v in ref.values or ()]


def param_defaults(node: cst.FunctionDef) -> Dict[str, str]:
    params = node.params
    found: Dict[str, str] = {}
    for param in list(params.posonly_params) + list(params.params) + list(params.kwonly_params):
        value = literal_repr(param.default) if param.default is not None else None
        if value is not None:
            found[param.name.value] = value
    return found


def _literals(node: cst.BaseExpression) -> Optional[List[str]]:
    if isinstance(node, (cst.Tuple, cst.List, cst.Set)):
        found = [literal_repr(e.value) if not isinstance(e, cst.StarredElement) else None for e in node.elements]
        return None if any(v is None for v in found) else [v for v in found if v is not None]
    one = literal_repr(node)
    return None if one is None else [one]


def _atom(test: cst.BaseExpression, params: Set[str]) -> Optional[Cond]:
    if isinstance(test, cst.Name) and test.value in params:
        return test.value, "truthy", []
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        target = test.comparisons[0]
        op = _COMPARE.get(type(target.operator))
        left, right = test.left, target.comparator
        if isinstance(target.operator, (cst.Equal, cst.NotEqual)) and isinstance(right, cst.Name):
            left, right = right, left  # ``"x" == provider``
        if isinstance(target.operator, (cst.In, cst.NotIn)) and not isinstance(right, (cst.Tuple, cst.List, cst.Set)):
            return None  # ``x in "rw"`` tests a substring, ``x in names`` a container: not equality
        if op in ("is", "isnot") and not (isinstance(right, cst.Name) and right.value in _SINGLETONS):
            return None
        values = _literals(right) if op else None
        if values is not None and isinstance(left, cst.Name) and left.value in params and (
                len(values) == 1 or isinstance(target.operator, (cst.In, cst.NotIn))):
            return left.value, str(op), values
    if isinstance(test, cst.Call) and isinstance(test.func, cst.Attribute) and test.func.attr.value in _AFFIX:
        receiver = test.func.value
        values = _literals(test.args[0].value) if len(test.args) == 1 and not test.args[0].keyword else None
        if isinstance(receiver, cst.Name) and receiver.value in params and values:
            return receiver.value, _AFFIX[test.func.attr.value], values
    return None


def _conds(test: cst.BaseExpression, params: Set[str], negate: bool) -> List[Cond]:
    """Conditions that must all hold when ``test`` is true (false, with ``negate``); unread parts may hold."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        return _conds(test.expression, params, not negate)
    if isinstance(test, cst.BooleanOperation):
        if isinstance(test.operator, cst.And) != negate:  # ``a and b``, or ``not (a or b)``
            return _conds(test.left, params, negate) + _conds(test.right, params, negate)
        return []
    atom = _atom(test, params)
    if atom is None:
        return []
    return [(atom[0], NEGATED[atom[1]], atom[2])] if negate else [atom]


def _case_test(pattern: cst.MatchPattern) -> Optional[Tuple[str, List[str]]]:
    """The test and literals a ``case`` pattern matches (``case "a" | "b":`` by equality, ``case True:``
    by identity: ``1`` does not match it), else None: a capture, a wildcard or a structural pattern
    may match anything, and so may an alternation mixing the two tests."""
    if isinstance(pattern, cst.MatchAs):
        return _case_test(pattern.pattern) if pattern.pattern is not None else None
    if isinstance(pattern, cst.MatchValue):
        one = literal_repr(pattern.value)
        return ("in", [one]) if one is not None else None
    if isinstance(pattern, cst.MatchSingleton):  # ``None`` is only ever equal to itself: equality serves
        value = pattern.value.value
        return ("in" if value == "None" else "is", [value])
    if isinstance(pattern, cst.MatchOr):
        found = [_case_test(element.pattern) for element in pattern.patterns]
        tests = {one[0] for one in found if one is not None}
        if any(one is None for one in found) or len(tests) != 1:
            return None
        return tests.pop(), [v for one in found if one is not None for v in one[1]]
    return None


def _bodies(stmt: cst.CSTNode) -> Iterator[Sequence[cst.BaseStatement]]:
    """The statement lists inside ``stmt``, for the walk to nested branches (not into defs or classes)."""
    for name in ("body", "orelse", "finalbody"):
        part = getattr(stmt, name, None)
        if isinstance(part, cst.If):
            yield [part]
        elif isinstance(part, (cst.IndentedBlock, cst.Else, cst.Finally)):
            inner = part if isinstance(part, cst.IndentedBlock) else part.body
            if isinstance(inner, cst.IndentedBlock):
                yield inner.body
    for part in list(getattr(stmt, "handlers", ()) or ()) + list(getattr(stmt, "cases", ()) or ()):
        if isinstance(part.body, cst.IndentedBlock):
            yield part.body.body


def branch_guards(node: cst.FunctionDef, lines_of: Lines) -> List[List[str]]:
    """``FunctionFacts.guards`` of ``node``: each branch's lines and the conditions it needs."""
    if not isinstance(node.body, cst.IndentedBlock):
        return []
    params = {p.name.value for p in list(node.params.posonly_params) + list(node.params.params)
              + list(node.params.kwonly_params)}
    found: List[List[str]] = []

    def block(body: cst.BaseSuite, conds: List[Cond]) -> None:
        lines = lines_of(list(body.body)) if conds and isinstance(body, cst.IndentedBlock) and body.body else None
        if lines:  # no call in the block: no edge or site it could drop
            row = [str(lines[0]), str(lines[1])]
            for param, test, values in conds:
                row += [param, test, json.dumps(values)]
            found.append(row)

    pending: List[cst.CSTNode] = list(node.body.body)
    while pending:
        stmt = pending.pop()
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef, cst.SimpleStatementLine)):
            continue
        if isinstance(stmt, cst.If):
            prior: List[Cond] = []
            link: Optional[cst.CSTNode] = stmt
            while isinstance(link, cst.If):  # ``if`` / ``elif`` / ``else``: each needs the earlier tests false
                block(link.body, prior + _conds(link.test, params, False))
                prior = prior + _conds(link.test, params, True)
                pending.extend(link.body.body if isinstance(link.body, cst.IndentedBlock) else ())
                link = link.orelse
            if isinstance(link, cst.Else):
                block(link.body, prior)
                pending.extend(link.body.body if isinstance(link.body, cst.IndentedBlock) else ())
            continue
        if isinstance(stmt, cst.Match) and isinstance(stmt.subject, cst.Name) and stmt.subject.value in params:
            prior = []
            for case in stmt.cases:  # each case needs the earlier cases' patterns unmatched
                matched = _case_test(case.pattern)
                own = [(stmt.subject.value, matched[0], matched[1])] if matched else []
                block(case.body, prior + own)
                if matched and case.guard is None:  # a guarded case may fail on its guard: nothing follows
                    prior = prior + [(stmt.subject.value, NEGATED[matched[0]], matched[1])]
                pending.extend(case.body.body if isinstance(case.body, cst.IndentedBlock) else ())
            continue
        if isinstance(stmt, cst.While):
            block(stmt.body, _conds(stmt.test, params, False))
        for body in _bodies(stmt):
            pending.extend(body)
    return found  # ``keep_fixed`` drops the conditions on a parameter bound again once the body is walked


def _bound_once(rows: List[List[str]], counts: Dict[str, int]) -> List[List[str]]:
    """``rows`` without conditions on a parameter the function binds again (``counts``: bindings by name)."""
    kept = []
    for row in rows:
        conds = [row[i:i + 3] for i in range(2, len(row), 3) if counts.get(row[i]) == 1]
        if conds:
            kept.append(row[:2] + [part for cond in conds for part in cond])
    return kept
