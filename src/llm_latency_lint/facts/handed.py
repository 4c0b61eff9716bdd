"""SDK callables handed over rather than called: ``asyncio.to_thread(completion, **params)``,
``loop.run_in_executor(None, partial(client.chat.completions.create, ...))``, or the project's own
helper that runs what it is given (``await run_blocking(bot, replicate.run, model, input=x)``). The
request is made where the callable is handed over, so that reference is the site; for a helper the
project stage keeps it only where the helper resolves to a project function (``handed_to``)."""
from __future__ import annotations

import sys
from typing import Optional, Tuple

import libcst as cst

from llm_latency_lint.catalog import providers
from llm_latency_lint.catalog.providers.callables import (
    BINDERS,
    RUNNER_FUNCTIONS,
    RUNNER_METHODS,
)
from llm_latency_lint.facts.pass_state import PassState
from llm_latency_lint.model import Expr

# A call of one of these packages is no project helper (``print(client.chat.completions.create)``).
_NOT_HELPERS = frozenset(getattr(sys, "stdlib_module_names", ())) | frozenset(providers.import_roots()) | {
    "print", "repr", "str", "id", "type", "isinstance", "callable", "getattr", "hasattr", "setattr", "len"}
_HELPER_TAGS = ("name", "attr", "param", "var")


class HandedMixin(PassState):
    """For ``FactsVisitor``: records a site where an SDK callable is handed to a runner or helper."""

    def record_handed_callables(self, node: cst.Call, method: str, callee: Expr) -> None:
        qualified = self.ctx.qualified(node.func)
        if qualified in BINDERS:
            return  # ``ask = partial(create, ...)`` alone: the site is where ``ask`` is called
        runner = method in RUNNER_METHODS or qualified in RUNNER_FUNCTIONS or (  # ``retry(stop=...)(fn)``
            isinstance(node.func, cst.Call) and self.ctx.qualified(node.func.func) in RUNNER_FUNCTIONS)
        if not runner and not _may_be_helper(callee):
            return
        for arg in node.args:
            at, value = node, arg.value
            if isinstance(value, cst.Call) and self.ctx.qualified(value.func) in BINDERS and value.args:
                at, value = value, value.args[0].value  # ``partial(client...create, x)`` handed over
            found = self._sdk_callable(value)
            if found is not None:
                self._record_site(at, found[0], found[1], self.span(value, at), text_of=value,
                                  handed_to=None if runner else callee)

    def _sdk_callable(self, value: cst.BaseExpression) -> Optional[Tuple[Expr, str]]:
        """``client.chat.completions.create`` / ``replicate.run`` (a catalogued method name on a
        name or attribute), or a name imported from an SDK (``from litellm import completion``)."""
        names = self.method_names
        if isinstance(value, cst.Attribute) and value.attr.value in names and isinstance(value.value, (cst.Attribute, cst.Name)):
            return self.expr(value), value.attr.value
        if isinstance(value, cst.Name):  # an imported name: no expression to build for every argument
            qualified = self.facts.imports.get(value.value, "")
            root, _, last = qualified.partition(".")
            if last and root in providers.import_roots() and providers.match_function(qualified) is not None:
                return ["name", qualified], qualified.rsplit(".", 1)[-1]
        return None


def _may_be_helper(callee: Expr) -> bool:
    """A call of a name or method the project may define (not a builtin, standard or SDK one)."""
    if not callee or callee[0] not in _HELPER_TAGS:
        return False
    return callee[0] != "name" or str(callee[1]).split(".", 1)[0] not in _NOT_HELPERS
