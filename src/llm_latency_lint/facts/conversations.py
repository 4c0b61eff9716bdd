"""Does a hand-off pass the conversation on (``catalog/conversations.py``, label policy 5)?

A chat handler handing off work that answers the person passes what the answer needs: the update,
message or callback object, or an address read off it (``user_id = callback.from_user.id`` then
``task.delay(user_id)``). Read on the hand-off call's arguments (inside tuples, lists and dicts
too, ``Thread(target=f, args=(update,))``), following a local's assigned values a few steps.
"""
from __future__ import annotations

from typing import Callable, Iterator, List, Optional, Sequence, Tuple

import libcst as cst

from llm_latency_lint.catalog.conversations import (
    ADDRESS_FIELDS,
    ADDRESSEES,
    CONVERSATION_OBJECTS,
    PLAIN_ANNOTATIONS,
    SERIALIZERS,
)
from llm_latency_lint.facts.scopes import Scope
from llm_latency_lint.syntax.literals import last_name, literal

ValuesOf = Callable[[str], List[cst.BaseExpression]]
_CONVERSIONS = frozenset({"str", "int"})  # ``str(message.chat.id)`` is the same address
_MAX_LOCAL_STEPS = 3


def passes_conversation(node: cst.Call, scopes: Sequence[Scope], values_of: ValuesOf) -> bool:
    """Whether an argument of the hand-off ``node`` is a conversation or its address."""
    return any(_conversation(value, scopes, values_of, 0) for value in _values(node.args))


def _values(args: Sequence[cst.Arg]) -> Iterator[cst.BaseExpression]:
    for arg in args:
        if arg.star == "**":
            continue
        value = arg.value
        if isinstance(value, cst.Call) and last_name(value.func) in SERIALIZERS and value.args:
            value = value.args[0].value  # ``MessageBody=json.dumps({...})``: what the body holds
        yield value
        if isinstance(value, (cst.Tuple, cst.List)):
            yield from (e.value for e in value.elements if isinstance(e, cst.Element))
        elif isinstance(value, cst.Dict):
            yield from (e.value for e in value.elements if isinstance(e, cst.DictElement))


def _conversation(value: cst.BaseExpression, scopes: Sequence[Scope], values_of: ValuesOf, steps: int) -> bool:
    root, fields = _path(value)
    if root is None:
        return False
    scope = _parameter_scope(root, scopes)
    if scope is not None:
        return _addresses(root, fields, root in scope.plain)
    if fields or steps >= _MAX_LOCAL_STEPS:
        return False
    return any(_conversation(v, scopes, values_of, steps + 1) for v in values_of(root))


def _path(value: cst.BaseExpression) -> Tuple[Optional[str], List[str]]:
    """``callback.from_user.id`` -> ("callback", ["from_user", "id"]); ``body["event"]["channel"]``
    (or ``body["event"].get("channel")``) -> ("body", ["event", "channel"]); anything else rooted
    elsewhere -> (None, [])."""
    fields: List[str] = []
    node = value
    while True:
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value in _CONVERSIONS \
                and len(node.args) == 1:
            node = node.args[0].value
        elif isinstance(node, cst.Attribute):
            fields.append(node.attr.value)
            node = node.value
        elif isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
            key = literal(node.slice[0].slice.value)
            fields.append(key if isinstance(key, str) else "")
            node = node.value
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get" \
                and node.args and isinstance(literal(node.args[0].value), str):
            fields.append(str(literal(node.args[0].value)))  # ``event.get("channel")``: ``event["channel"]``
            node = node.func.value
        else:
            break
    if not isinstance(node, cst.Name):
        return None, []
    return node.value, fields[::-1]


def plain_annotation(param: cst.Param) -> bool:
    """``message: str``, ``text: Optional[str]``: a parameter declared as plain data."""
    annotation = param.annotation.annotation if param.annotation is not None else None
    if isinstance(annotation, cst.Subscript) and last_name(annotation.value) == "Optional" and annotation.slice:
        inner = annotation.slice[0].slice
        annotation = inner.value if isinstance(inner, cst.Index) else None
    if isinstance(annotation, cst.Subscript):
        annotation = annotation.value
    return annotation is not None and last_name(annotation) in PLAIN_ANNOTATIONS


def _parameter_scope(name: str, scopes: Sequence[Scope]) -> Optional[Scope]:
    for scope in reversed(scopes):
        if scope.kind == "class":
            continue
        if name in scope.params:
            return scope
        if name in scope.locals or scope.kind == "module":
            return None
    return None


def _addresses(root: str, fields: List[str], plain: bool) -> bool:
    if not fields:
        return root in CONVERSATION_OBJECTS and not plain
    last = fields[-1]
    return last in ADDRESS_FIELDS or last == "id" and len(fields) >= 2 and fields[-2] in ADDRESSEES
