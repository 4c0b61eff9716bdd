"""``isinstance`` answers for libcst nodes, memoised by the node's type.

Every libcst node class is an ABC, so an ``isinstance`` that fails runs ``ABCMeta.__instancecheck__``
(a Python call) once per class of the tuple: the recognisers' own walks of each function's body
spent a tenth of the facts pass there. A node's type settles the answer, so walks ask a dict.
"""
from __future__ import annotations

from typing import Dict, Tuple, Union

Kinds = Union[type, Tuple[type, ...]]  # what ``isinstance`` takes
_MEMOS: Dict[Kinds, Dict[type, bool]] = {}


def kind_memo(kinds: Kinds) -> Dict[type, bool]:
    """The process-wide dict type -> ``issubclass(type, kinds)`` for ``kinds``, filled by its reader:
    ``hit = memo.get(type(node))``, and when None, ``memo[type(node)] = issubclass(type(node), kinds)``
    (the same answer as ``isinstance(node, kinds)``)."""
    memo = _MEMOS.get(kinds)
    if memo is None:
        memo = _MEMOS[kinds] = {}
    return memo


__all__ = ["kind_memo"]
