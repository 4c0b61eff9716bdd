"""``self.<attr>`` in a URL: the values a class's methods assign it, each read in the method that
assigns it (``HttpMixin._attr_text``, ``UrlChoicesMixin``).

``self.base_url = base_url.rstrip("/")`` in ``__init__(self, base_url=DEFAULT_BASE_URL)`` is read
with ``__init__``'s parameters: the default names the server, or what this file's
``Backend(base_url=...)`` passes (``HttpMixin._passed_text`` over the class's constructor calls).
"""
from __future__ import annotations

from typing import Dict, List

import libcst as cst

from llm_latency_lint.facts.pass_state import PassState
from llm_latency_lint.facts.scopes import Scope
from llm_latency_lint.syntax.walk import nodes_of

__all__ = ["SelfUrlsMixin"]


class SelfUrlsMixin(PassState):
    """What ``self.<attr>`` is set to, for ``HttpMixin``."""

    def _self_assignments(self, class_name: str, attr: str) -> List[cst.BaseExpression]:
        """The values ``self.<attr> = ...`` takes in this file's classes named ``class_name``."""
        if not hasattr(self, "_self_attrs"):
            self._self_attrs: Dict[str, Dict[str, List[cst.BaseExpression]]] = {}
            self._assigned_in: Dict[int, cst.FunctionDef] = {}
        memo = self._self_attrs
        if class_name not in memo:  # each class walked once, not once per attribute asked
            by_attr: Dict[str, List[cst.BaseExpression]] = {}
            for cls in (n for n in self.module.body if isinstance(n, cst.ClassDef) and n.name.value == class_name):
                for method in (n for n in cls.body.body if isinstance(n, cst.FunctionDef)):
                    for node in nodes_of(method, cst.Assign):
                        target = node.targets[0].target if len(node.targets) == 1 else None
                        if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and \
                                target.value.value in ("self", "cls"):
                            by_attr.setdefault(target.attr.value, []).append(node.value)
                            self._assigned_in[id(node.value)] = method
            memo[class_name] = by_attr
        return memo[class_name].get(attr, [])

    def _assigned_text(self, value: cst.BaseExpression, owner_class: str, depth: int) -> str:
        """The URL text of ``value`` read in the method that assigns it to ``self``: its parameters
        and locals are that method's, so ``self.base_url = base_url.rstrip("/")`` in ``__init__(self,
        base_url=DEFAULT_BASE_URL)`` reads the default, or what this file's ``Backend(base_url=...)``
        passes, and ``self.url = f"{base}/v1/messages"`` after ``base = os.getenv("BASE",
        "https://api.anthropic.com")`` reads the local's value."""
        method = getattr(self, "_assigned_in", {}).get(id(value))
        if method is None:
            return self.url_text(value, depth)
        name = method.name.value
        scope = Scope("function", owner_class if name == "__init__" else f"{owner_class}.{name}")
        params = [*method.params.posonly_params, *method.params.params, *method.params.kwonly_params]
        for index, param in enumerate(params):
            if index == 0 and param.name.value in ("self", "cls"):
                scope.self_name = param.name.value
            scope.params[param.name.value] = ["unknown", "parameter"]
            if param.default is not None:
                scope.defaults[param.name.value] = param.default
        for assign in nodes_of(method, cst.Assign):  # ``base = os.getenv("X", "https://...")`` before it
            for target in assign.targets:
                if isinstance(target.target, cst.Name) and target.target.value not in scope.params:
                    scope.locals.setdefault(target.target.value, []).append(assign.value)
        saved, self.scopes = self.scopes, [self.scopes[0], scope]
        try:
            return self.url_text(value, depth)
        finally:
            self.scopes = saved

