"""Branches a parameter's literal value selects: ``if provider == "anthropic":``, ``elif use_x:``,
``if model.startswith("claude")``, ``match provider: case "anthropic":``, ``p == "a" or p == "b"``,
and the statements after ``if dry: return``; with each literal default, and each call's literal
arguments. A method's tests of its own attributes (``if self.dummy_mode:``) are kept by the
attribute's name, and a value may be a dotted constant (``LLMProvider.OPENAI``) as well as a
literal: the project stage reads what the constructor stores and what the constant holds.

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

Cond = Tuple[str, str, List[str]]  # (parameter or ``self.attr``, test, literal reprs)
Lines = Callable[[List[cst.CSTNode]], Optional[Tuple[int, int]]]  # ``Positions.lines_of``
# A dotted module-level name a value may be (``LLMProvider.OPENAI``, ``config.MODE``): ``CONSTANT`` and
# its qualified name, as the visitor resolves it; the project stage reads its literal (``project/constants``).
Constant = Callable[[cst.BaseExpression], Optional[str]]


def _no_constant(node: cst.BaseExpression) -> Optional[str]:
    return None
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


def call_values(node: cst.Call, params: Collection[str] = (), constant: Constant = _no_constant) -> Optional[List[str]]:
    """Each argument's ``literal_repr`` (or ``constant``'s dotted name), ``@name`` for the caller's
    parameter ``name`` passed on, ``!name`` for ``not name``, "" for another value; positional ones
    first. None when none is one of those or an argument unpacks (``*args``: nothing binds visibly)."""
    if any(arg.star for arg in node.args):
        return None
    ordered = [a for a in node.args if a.keyword is None] + [a for a in node.args if a.keyword is not None]
    values = [_value(arg.value, constant) or _forwarded(arg.value, params) for arg in ordered]
    return values if any(values) else None


def _value(node: Optional[cst.BaseExpression], constant: Constant) -> Optional[str]:
    """A literal's ``repr``, or a dotted constant's ``$qualified.name`` (only an attribute chain)."""
    found = literal_repr(node)
    if found is None and isinstance(node, cst.Attribute):
        return constant(node)
    return found


def _forwarded(value: cst.BaseExpression, params: Collection[str]) -> str:
    if isinstance(value, cst.Name) and value.value in params:
        return "@" + value.value
    if isinstance(value, cst.UnaryOperation) and isinstance(value.operator, cst.Not):
        inner = value.expression
        return "!" + inner.value if isinstance(inner, cst.Name) and inner.value in params else ""
    return ""


def keep_fixed(node: cst.FunctionDef, fn: FunctionFacts, receiver: Optional[str] = None) -> None:
    """Forget the guards (``branch_guards``) and the ``@name``/``!name`` arguments of a parameter the
    function binds again: its value there is not the caller's; keep a constructor's stores of
    parameters it binds once (``FunctionFacts.stores``). One count of the bindings serves all."""
    forwarding = [ref for ref in fn.calls if ref.values and any(v[:1] in ("@", "!") for v in ref.values)]
    stores = _stores(node, receiver) if receiver and fn.name == "__init__" else {}
    if not forwarding and not fn.guards and not stores:
        return
    counts = bound_counts(node)
    if fn.guards:
        fn.guards = _bound_once(fn.guards, counts)
    for ref in forwarding:
        ref.values = [v if v[:1] not in ("@", "!") or counts.get(v[1:]) == 1 else "" for v in ref.values or ()]
    fn.stores = {attr: param for attr, param in stores.items() if counts.get(param) == 1}


def _stores(node: cst.FunctionDef, receiver: str) -> Dict[str, str]:
    """``self.attr = param`` statements of a constructor (outside nested functions): attr -> param."""
    params = {p.name.value for p in list(node.params.posonly_params) + list(node.params.params)
              + list(node.params.kwonly_params)}
    found: Dict[str, str] = {}
    pending: List[Sequence[cst.BaseStatement]] = [node.body.body] if isinstance(node.body, cst.IndentedBlock) else []
    while pending:
        for stmt in pending.pop():
            if isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    target = small.targets[0].target if isinstance(small, cst.Assign) and len(small.targets) == 1 else None
                    if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) \
                            and target.value.value == receiver and isinstance(small, cst.Assign) \
                            and isinstance(small.value, cst.Name) and small.value.value in params:
                        found[target.attr.value] = small.value.value
            elif not isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
                pending.extend(_bodies(stmt))
    return found


def param_defaults(node: cst.FunctionDef, constant: Constant = _no_constant) -> Dict[str, str]:
    params = node.params
    found: Dict[str, str] = {}
    for param in list(params.posonly_params) + list(params.params) + list(params.kwonly_params):
        value = _value(param.default, constant) if param.default is not None else None
        if value is not None:
            found[param.name.value] = value
    return found


class _Tests:
    """What a function's tests read: its parameters, attributes of its first parameter (``self.mode``:
    the project stage finds what the constructor stores there), literals and dotted constants."""

    def __init__(self, params: Set[str], receiver: Optional[str], constant: Constant) -> None:
        self.params, self.receiver, self.constant = params, receiver, constant

    def key(self, node: cst.BaseExpression) -> Optional[str]:
        if isinstance(node, cst.Name):
            return node.value if node.value in self.params else None
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and self.receiver \
                and node.value.value == self.receiver:
            return f"{self.receiver}.{node.attr.value}"
        return None

    def literals(self, node: cst.BaseExpression) -> Optional[List[str]]:
        if isinstance(node, (cst.Tuple, cst.List, cst.Set)):
            found = [_value(e.value, self.constant) if not isinstance(e, cst.StarredElement) else None
                     for e in node.elements]
            return None if any(v is None for v in found) else [v for v in found if v is not None]
        one = _value(node, self.constant)
        return None if one is None else [one]

    def atom(self, test: cst.BaseExpression) -> Optional[Cond]:
        key = self.key(test)
        if key is not None:
            return key, "truthy", []
        if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
            target = test.comparisons[0]
            op = _COMPARE.get(type(target.operator))
            left, right = test.left, target.comparator
            if isinstance(target.operator, (cst.Equal, cst.NotEqual)) and self.key(right) is not None:
                left, right = right, left  # ``"x" == provider``
            if isinstance(target.operator, (cst.In, cst.NotIn)) and not isinstance(right, (cst.Tuple, cst.List, cst.Set)):
                return None  # ``x in "rw"`` tests a substring, ``x in names`` a container: not equality
            if op in ("is", "isnot") and not (isinstance(right, cst.Name) and right.value in _SINGLETONS):
                return None
            values = self.literals(right) if op else None
            key = self.key(left)
            if values is not None and key is not None and (
                    len(values) == 1 or isinstance(target.operator, (cst.In, cst.NotIn))):
                return key, str(op), values
        if isinstance(test, cst.Call) and isinstance(test.func, cst.Attribute) and test.func.attr.value in _AFFIX:
            key = self.key(test.func.value)
            values = self.literals(test.args[0].value) if len(test.args) == 1 and not test.args[0].keyword else None
            if key is not None and values:
                return key, _AFFIX[test.func.attr.value], values
        return None

    def conds(self, test: cst.BaseExpression, negate: bool) -> List[Cond]:
        """Conditions that must all hold when ``test`` is true (false, with ``negate``); unread parts may hold."""
        if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            return self.conds(test.expression, not negate)
        if isinstance(test, cst.BooleanOperation):
            if isinstance(test.operator, cst.And) != negate:  # ``a and b``, or ``not (a or b)``
                return self.conds(test.left, negate) + self.conds(test.right, negate)
            one = self._either(test) if not negate else None
            return [one] if one else []
        atom = self.atom(test)
        if atom is None:
            return []
        return [(atom[0], NEGATED[atom[1]], atom[2])] if negate else [atom]

    def _either(self, test: cst.BooleanOperation) -> Optional[Cond]:
        """``p == "a" or p == "b"`` (any chain of ``or``) as ``p in ("a", "b")``, when every part
        compares the same value by equality."""
        parts: List[cst.BaseExpression] = []
        pending: List[cst.BaseExpression] = [test]
        while pending:
            node = pending.pop()
            if isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.Or):
                pending += [node.right, node.left]
            else:
                parts.append(node)
        atoms = [self.atom(part) for part in parts]
        keys = {a[0] for a in atoms if a is not None}
        if len(keys) != 1 or any(a is None or a[1] != "in" for a in atoms):
            return None
        return keys.pop(), "in", [v for a in atoms if a is not None for v in a[2]]


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


_EXITS = (cst.Return, cst.Raise, cst.Continue, cst.Break)


def _exits(body: cst.BaseSuite) -> bool:
    """Does the block always leave the statement list it sits in (its last line a ``return``,
    ``raise``, ``continue`` or ``break``)?"""
    inner = body.body if isinstance(body, cst.IndentedBlock) else [body]
    last = inner[-1] if inner else None
    if isinstance(last, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
        return bool(last.body) and isinstance(last.body[-1], _EXITS)
    return False


def branch_guards(node: cst.FunctionDef, lines_of: Lines, receiver: Optional[str] = None,
                  constant: Constant = _no_constant) -> List[List[str]]:
    """``FunctionFacts.guards`` of ``node``: each branch's lines and the conditions it needs; the
    statements after ``if mode: return`` need ``mode`` false. ``receiver``: a method's first
    parameter, whose attributes its tests may read (``if self.dummy:``)."""
    if not isinstance(node.body, cst.IndentedBlock):
        return []
    params = {p.name.value for p in list(node.params.posonly_params) + list(node.params.params)
              + list(node.params.kwonly_params)}
    tests = _Tests(params, receiver, constant)
    found: List[List[str]] = []

    def block(statements: Sequence[cst.BaseStatement], conds: List[Cond]) -> None:
        lines = lines_of(list(statements)) if conds and statements else None
        if lines:  # no call in the block: no edge or site it could drop
            row = [str(lines[0]), str(lines[1])]
            for param, test, values in conds:
                row += [param, test, json.dumps(values)]
            found.append(row)

    def body_of(suite: cst.BaseSuite) -> Sequence[cst.BaseStatement]:
        return suite.body if isinstance(suite, cst.IndentedBlock) else ()

    pending: List[Sequence[cst.BaseStatement]] = [node.body.body]
    while pending:
        statements = pending.pop()
        for index, stmt in enumerate(statements):
            if isinstance(stmt, (cst.FunctionDef, cst.ClassDef, cst.SimpleStatementLine)):
                continue
            if isinstance(stmt, cst.If):
                prior: List[Cond] = []
                after: List[Cond] = []  # what the statements after the chain need: its leading exits' tests false
                exiting = True
                link: Optional[cst.CSTNode] = stmt
                while isinstance(link, cst.If):  # ``if`` / ``elif`` / ``else``: each needs the earlier tests false
                    block(body_of(link.body), prior + tests.conds(link.test, False))
                    prior = prior + tests.conds(link.test, True)
                    exiting = exiting and _exits(link.body)
                    after = prior if exiting else after
                    pending.append(body_of(link.body))
                    link = link.orelse
                if isinstance(link, cst.Else):
                    block(body_of(link.body), prior)
                    pending.append(body_of(link.body))
                block(statements[index + 1:], after)
                continue
            if isinstance(stmt, cst.Match) and tests.key(stmt.subject) is not None:
                subject = str(tests.key(stmt.subject))
                prior = []
                for case in stmt.cases:  # each case needs the earlier cases' patterns unmatched
                    matched = _case_test(case.pattern)
                    own = [(subject, matched[0], matched[1])] if matched else []
                    block(body_of(case.body), prior + own)
                    if matched and case.guard is None:  # a guarded case may fail on its guard: nothing follows
                        prior = prior + [(subject, NEGATED[matched[0]], matched[1])]
                    pending.append(body_of(case.body))
                continue
            if isinstance(stmt, cst.While):
                block(body_of(stmt.body), tests.conds(stmt.test, False))
            pending.extend(_bodies(stmt))
    return found  # ``keep_fixed`` drops the conditions on a parameter bound again once the body is walked


def _bound_once(rows: List[List[str]], counts: Dict[str, int]) -> List[List[str]]:
    """``rows`` without conditions on a parameter the function binds again (``counts``: bindings by name)."""
    kept = []
    for row in rows:
        conds = [row[i:i + 3] for i in range(2, len(row), 3) if counts.get(row[i].split(".", 1)[0]) == 1]
        if conds:
            kept.append(row[:2] + [part for cond in conds for part in cond])
    return kept
