"""Signatures and call shapes: enough to tell that a call's arguments cannot bind (a TypeError).

``ExistingNoteAnalyzer().analyze(note, user)`` against ``def analyze(self, note, types, user)``
raises before the body runs, so the graph must not walk into it (``project/signatures.py``).
Flow-insensitive locals (``analyzer`` bound to two classes) and overrides with other parameters
make such edges; the facts pass records what deciding needs, and nothing for calls or functions
whose binding it cannot see (``*args`` at the call, decorators that may wrap the function).
"""
from __future__ import annotations

from typing import List, Optional

import libcst as cst

from llm_latency_lint.model import CLASSMETHOD, FUNCTION, METHOD, STATICMETHOD

# Decorators that keep a function's parameters as written (the rest may wrap or inject them).
PLAIN_DECORATORS = frozenset({"staticmethod", "classmethod", "abstractmethod", "override"})


def signature(node: cst.FunctionDef, in_class: bool) -> Optional[List[str]]:
    """``[mode, params...]``: a positional parameter's name (``name=`` with a default), ``/`` after
    positional-only ones, ``*`` for ``*args``, ``kw:name`` (``kw:name=``) keyword-only, ``**``."""
    names = [_last(d.decorator) for d in node.decorators]
    if any(name not in PLAIN_DECORATORS for name in names):
        return None
    mode = STATICMETHOD if "staticmethod" in names else CLASSMETHOD if (
        "classmethod" in names or node.name.value in ("__init_subclass__", "__class_getitem__", "__new__")) else (
        METHOD if in_class else FUNCTION)
    params = node.params
    out = [mode]
    out.extend(_param(p) for p in params.posonly_params)
    if params.posonly_params:
        out.append("/")
    out.extend(_param(p) for p in params.params)
    if isinstance(params.star_arg, cst.Param):
        out.append("*")
    out.extend("kw:" + _param(p) for p in params.kwonly_params)
    if params.star_kwarg is not None:
        out.append("**")
    return out


def call_shape(node: cst.Call) -> Optional[List[str]]:
    """``[callee name, positional count, keyword names...]``; ``None`` when ``*``/``**`` unpack
    arguments or the callee is no plain name or attribute (its binding is not visible)."""
    if any(arg.star for arg in node.args) or not isinstance(node.func, (cst.Name, cst.Attribute)):
        return None
    positional = sum(1 for arg in node.args if arg.keyword is None)
    return [_last(node.func), str(positional)] + [arg.keyword.value for arg in node.args if arg.keyword is not None]


def _param(param: cst.Param) -> str:
    return param.name.value + ("=" if param.default is not None else "")


def _last(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Call):
        node = node.func
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return node.attr.value
    return ""
