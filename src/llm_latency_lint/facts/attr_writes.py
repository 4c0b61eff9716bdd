"""Attribute names a file writes: ``obj.mode = ...``, ``self.mode += 1``, ``a.x, a.y = ...``,
``for self.item in ...``, ``with ... as self.handle``, ``setattr(obj, "mode", v)``.

A flag a constructor stores (``self.dummy_mode = dummy_mode``) keeps the values its callers pass
only while nothing else writes an attribute of that name (``project/stored_flags.py``). A plain
``self.x = v`` is its class's (``ClassFacts.attrs`` holds it); every other write is counted by name,
whatever the receiver, so the project stage can tell. A file that writes attributes by computed
names (``setattr(obj, name, v)``, ``__dict__``, ``vars()``) counts ``DYNAMIC`` as well.
"""
from __future__ import annotations

import ast
import re
from typing import Callable, Dict, Iterable, Iterator, Optional

import libcst as cst

from llm_latency_lint.model import DYNAMIC_WRITES, FunctionFacts

__all__ = ["DYNAMIC", "count_targets", "count_dynamic"]

DYNAMIC = DYNAMIC_WRITES
_COMPUTED = re.compile(r"__dict__|\bvars[ \t]*\(")


def _attributes(target: Optional[cst.BaseExpression]) -> Iterator[str]:
    if isinstance(target, cst.Attribute):
        yield target.attr.value
    elif isinstance(target, (cst.Tuple, cst.List)):
        for element in target.elements:
            yield from _attributes(element.value)
    elif isinstance(target, cst.StarredElement):
        yield from _attributes(target.value)


def count_targets(writes: Dict[str, int], targets: Iterable[Optional[cst.BaseExpression]],
                  recorded: Callable[[cst.Attribute], bool] = lambda target: False) -> None:
    """Count the attribute names the assignment ``targets`` write into ``writes``, but for a target
    ``recorded`` says its class's attributes hold already (``self.x = v``: ``ClassFacts.attrs``)."""
    for target in targets:
        if isinstance(target, cst.Attribute) and recorded(target):
            continue
        for name in _attributes(target):
            writes[name] = writes.get(name, 0) + 1


def count_dynamic(writes: Dict[str, int], functions: Iterable[FunctionFacts], text: str) -> None:
    """Count ``setattr`` calls (by their literal name, else ``DYNAMIC``) and ``DYNAMIC`` for a
    file that names ``__dict__`` or ``vars(``."""
    for fn in functions:
        for ref in fn.calls:
            if ref.kind == "call" and ref.shape and ref.shape[0] == "setattr":
                name = _literal_name(ref.values[1] if ref.values and len(ref.values) > 1 else "")
                writes[name or DYNAMIC] = writes.get(name or DYNAMIC, 0) + 1
    if "__dict__" in text or "vars" in text and _COMPUTED.search(text):
        writes[DYNAMIC] = writes.get(DYNAMIC, 0) + 1


def _literal_name(value: str) -> str:
    try:
        name = ast.literal_eval(value) if value else None
    except (ValueError, SyntaxError):
        return ""
    return name if isinstance(name, str) else ""
