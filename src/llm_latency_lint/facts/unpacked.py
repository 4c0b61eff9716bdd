"""A request whose arguments are unpacked from a mapping: ``client.chat.completions.create(**params)``.

On a receiver of unknown type a call counts only when it names its model with the provider's
keyword (``providers.names_its_model``); unpacked, the keyword is visible when the mapping is: a
dict literal or ``dict(...)`` call bound in the same function (or the parameter's default) whose
keys include one of ``MODEL_KEYWORDS``. The call site then records that keyword prefixed with
``**`` (``CallSite.model_keyword == "**model"``), so the evidence can say where the model came from.
"""
from __future__ import annotations

from typing import Container, List, Optional, Sequence, Set

import libcst as cst

from llm_latency_lint.catalog.providers.spec import FORWARDED_KWARGS, MODEL_KEYWORDS
from llm_latency_lint.facts.scopes import Scope
from llm_latency_lint.syntax.literals import literal

UNPACKED = "**"
FORWARDED = FORWARDED_KWARGS


def unpacked_model_keyword(scopes: Sequence[Scope], node: cst.Call, signature: Optional[List[str]] = None,
                           imported: Container[str] = ()) -> str:
    """``"**model"`` when a ``**mapping`` argument of ``node`` visibly holds the model keyword;
    ``FORWARDED`` when it is the function's own ``**kwargs`` (``signature``: ``FunctionFacts.params``),
    which holds the model when the function's callers pass ``model=`` (the graph decides); else ""."""
    scope = next(s for s in reversed(scopes) if s.kind in ("function", "module"))
    for argument in node.args:
        if argument.star != "**":
            continue
        keys = _keys(scope, argument.value, set())
        found = next((k for k in sorted(MODEL_KEYWORDS) if k in keys), None)
        if found:
            return UNPACKED + found
        if _own_kwargs(scopes, argument.value, signature, imported):
            return FORWARDED
    return ""


def _own_kwargs(scopes: Sequence[Scope], value: cst.BaseExpression, signature: Optional[List[str]],
                imported: Container[str]) -> bool:
    """``value`` is the enclosing function's ``**kwargs``: a function with one, and a name no scope
    binds otherwise (no parameter, local, definition or import: the scopes record no ``**`` name)."""
    if not (isinstance(value, cst.Name) and signature and "**" in signature) or value.value in imported:
        return False
    name = value.value
    return not any(name in s.params or name in s.locals or name in s.defs for s in scopes)


def _keys(scope: Scope, value: Optional[cst.BaseExpression], seen: Set[str]) -> Set[str]:
    if isinstance(value, cst.Dict):
        found: Set[str] = set()
        for element in value.elements:
            if isinstance(element, cst.DictElement):
                key = literal(element.key)
                if isinstance(key, str):
                    found.add(key)
            elif isinstance(element, cst.StarredDictElement):  # ``{**base, "messages": m}``
                found |= _keys(scope, element.value, seen)
        return found
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value == "dict":
        found = {a.keyword.value for a in value.args if a.keyword is not None}
        for a in value.args:
            if a.keyword is None:
                found |= _keys(scope, a.value, seen)
        return found
    if isinstance(value, cst.Name) and value.value not in seen:
        seen.add(value.value)
        bound: List[cst.BaseExpression] = [v for v in scope.locals.get(value.value, [])
                                           if isinstance(v, cst.BaseExpression)]
        default = scope.defaults.get(value.value)
        if default is not None:
            bound.append(default)
        return {k for v in bound for k in _keys(scope, v, seen)}
    return set()
