"""A call whose arguments cannot bind to a function's parameters raises ``TypeError`` before the
body runs (``facts/signatures.py`` records both sides). Where a call may reach several functions
(a local bound to two classes, overrides with other parameters) it reaches those that can take its
arguments; where none can, it keeps them all: the path is read as its author means it, like a
person tracing the code (the corpus's label policy 12), and the first run's TypeError is a bug to
fix, not a reason to call the site unreached.

Checked only where the call names the function as written (``x.analyze(...)`` reaching some
``analyze``, ``Summary(...)`` reaching ``Summary.__init__``): a callable reached under another
name may be a ``partial`` or a bound wrapper holding some of the arguments. A method may be
reached bound (``obj.m(a)``) or unbound (``Cls.m(obj, a)``): the call binds if either does.
"""
from __future__ import annotations

from typing import List, Optional, Sequence

from llm_latency_lint.model import CLASSMETHOD, METHOD, STATICMETHOD

INIT = "__init__"
NEW = "__new__"


def cannot_bind(shape: Optional[Sequence[str]], params: Optional[Sequence[str]], name: str, cls: Optional[str]) -> bool:
    """``shape`` (a call) certainly fails to bind to ``params`` (function ``name`` of class ``cls``)."""
    if not shape or not params or len(shape) < 2:
        return False
    written = shape[0]
    if written != name and not (name == INIT and cls and written == cls.rsplit(".", 1)[-1]):
        return False
    mode, rest = params[0], list(params[1:])
    # written by name (``Base.__init__(self, x)``, ``super().__new__(cls)``) the receiver may be passed explicitly
    explicit = written == name
    shifts = (1, 0) if (mode == METHOD and (name != INIT or explicit)) or (name == NEW and explicit) else (
        (1,) if mode in (METHOD, CLASSMETHOD) else (0,))
    if mode == STATICMETHOD:
        shifts = (0,)
    given, keywords = int(shape[1]), list(shape[2:])
    return not any(_binds(rest, shift, given, keywords) for shift in shifts)


def _binds(params: List[str], shift: int, given: int, keywords: List[str]) -> bool:
    positional = [p for p in params if p not in ("/", "*", "**") and not p.startswith("kw:")]
    posonly = set(positional[: params.index("/")]) if "/" in params else set()
    positional = positional[shift:]  # ``self`` / ``cls`` bound by the receiver
    if given > len(positional) and "*" not in params:
        return False
    named = {p.rstrip("=") for p in positional[given:] if p.rstrip("=") not in posonly}
    taken = {p.rstrip("=") for p in positional[:given]}
    kwonly = {p[3:].rstrip("=") for p in params if p.startswith("kw:")}
    for keyword in keywords:
        if keyword in taken or (keyword not in named and keyword not in kwonly and "**" not in params):
            return False
    required = [p for p in positional[given:] if not p.endswith("=")]
    required += [p[3:] for p in params if p.startswith("kw:") and not p.endswith("=")]
    return all(p in keywords for p in required)
