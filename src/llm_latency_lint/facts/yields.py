"""What a call of a function gives its caller: what it returns and, for a generator, what it yields.

Python hands a generator's caller a generator, but the places applications take one from take
what it yields: ``with session() as s`` on a ``@contextmanager``, ``async with make_graph() as
agent`` on an ``@asynccontextmanager``, FastAPI's ``Depends(get_service)`` on a dependency that
``yield``s its object, ``for agent in build_agents()``. A lifespan (a context manager whose first
parameter is the application) that yields a dict gives each request that state: Starlette copies
it into ``request.state``, so ``request.state.agent`` is the ``"agent"`` value, the same
namespace as ``app.state`` (``catalog.dispatch.APP_STATE``).
"""
from __future__ import annotations

from typing import Optional, Union

import libcst as cst

from llm_latency_lint.catalog.dispatch import (
    APP_STATE,
    APPLICATION_NAMES,
    APPLICATION_TYPES,
)
from llm_latency_lint.facts.pass_state import PassState
from llm_latency_lint.syntax.literals import literal


class ReturnsMixin(PassState):
    """Returns and yields for ``FactsVisitor`` (which holds the scopes, facts and expressions)."""

    def visit_Return(self, node: cst.Return) -> None:
        self._returned(node.value)

    def visit_Yield(self, node: cst.Yield) -> None:
        value = node.value.item if isinstance(node.value, cst.From) else node.value
        self._returned(value)
        if isinstance(value, cst.Dict) and self._lifespan():
            for element in value.elements:
                key = literal(element.key) if isinstance(element, cst.DictElement) else None
                if isinstance(key, str) and key.isidentifier():
                    self.facts.globals.setdefault(f"{APP_STATE}.{key}", []).append(self.expr(element.value))

    def _returned(self, value: Optional[Union[cst.BaseExpression, cst.From]]) -> None:
        if isinstance(value, cst.BaseExpression):
            self.current_function().returns.append(self.expr(value))

    def _lifespan(self) -> bool:
        """Is the function a lifespan: its first parameter named or typed as the application?"""
        first = next(iter(self._function_scope().params.items()), None)
        if first is None:
            return False
        name, value = first
        return name in APPLICATION_NAMES or (value[:1] == ["type"] and str(value[1]) in APPLICATION_TYPES)
