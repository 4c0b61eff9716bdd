"""What a framework injects into a parameter: a route's or a wired function's argument is built by
the framework, not passed by a caller the graph sees. FastAPI's ``Depends(factory)`` gives what
``factory`` returns; dependency_injector's ``Provide[Container.service]`` (the default, alone or
inside ``Depends``) gives what the container's provider builds (``catalog/dispatch.py``); a container
asked for a class (``injector.get(Service)``) builds a ``Service``."""
from __future__ import annotations

from typing import Callable, Optional

import libcst as cst

from llm_latency_lint.catalog.dispatch import (
    DI_MARKERS,
    DI_RESOLVE_METHODS,
    DI_RESOLVER_SUFFIXES,
    INJECTION_CALLS,
)
from llm_latency_lint.expr import last_segment
from llm_latency_lint.model import Expr

Encode = Callable[[cst.BaseExpression], Expr]


def provided(node: Optional[cst.BaseExpression], expr: Encode) -> Optional[Expr]:
    """``Provide[Container.service]``: the object the provider builds (calling a provider builds it)."""
    if not isinstance(node, cst.Subscript) or len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return None
    marker = expr(node.value)
    if marker[0] != "name" or marker[1] not in DI_MARKERS:
        return None
    return ["call", expr(node.slice[0].slice.value), None]


def injected(node: Optional[cst.BaseExpression], expr: Encode) -> Optional[Expr]:
    """What a parameter's default (or an ``Annotated`` metadata item) injects, if it is an injection."""
    marked = provided(node, expr)
    if marked is not None:
        return marked
    if not isinstance(node, cst.Call) or not node.args or node.args[0].keyword is not None:
        return None
    func = expr(node.func)
    if func[0] != "name" or func[1] not in INJECTION_CALLS:
        return None
    dependency = node.args[0].value  # ``Depends(Provide[C.service])``: the container builds it
    return provided(dependency, expr) or ["call", expr(dependency), None]


def sibling(value: Expr, cls: str) -> Expr:
    """A bare name in a container's body (``client`` in ``providers.Factory(Service, client=client)``)
    is the class attribute defined above it: ``Container.client``."""
    if cls and value and value[0] == "unknown":
        return ["attr", ["name", cls], value[1]]
    return value


def resolves_class(func: Expr) -> bool:
    """Is ``func`` a DI container's lookup by class (``injector.get``, ``self._container.resolve``,
    ``get_global_injector().get``)?"""
    if func[0] == "name":
        receiver, _, method = str(func[1]).rpartition(".")
        owner = receiver.rpartition(".")[2]
    elif func[0] == "attr":
        base = func[1][1] if func[1] and func[1][0] == "call" else func[1]  # ``get_injector().get``
        method, owner = str(func[2]), last_segment(base)
    else:
        return False
    return method in DI_RESOLVE_METHODS and owner.lower().endswith(DI_RESOLVER_SUFFIXES)
