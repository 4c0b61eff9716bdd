"""URLs a project's own method or function returns: ``endpoint = self._get_endpoint_url()`` where
``def _get_endpoint_url(self): return f"{self.config.base_url}/embeddings"``, ``build_url(path)``.

The facts pass reads the ``return`` values of the callee defined in this file (a method of the
calling method's class, a module function), and a returned local's assignments in that function, as
the URL's choices: each is classified on its own (``facts/url_choices.py``). Only a path in the
catalog's endpoint table makes a site, so a configured base URL alone (``{self.config.base_url}``)
names nothing. A callee defined in another file, or only in subclasses, is not read.

The same reading says which awaited factory hands back a client this file builds
(``client = await self._get_client()``): only then does a relative path join this file's base URLs.
"""
from __future__ import annotations

from typing import List, Optional, Type, TypeVar

import libcst as cst

from llm_latency_lint.catalog.providers.http import HTTP_CLIENTS
from llm_latency_lint.facts.pass_state import PassState
from llm_latency_lint.syntax.walk import nodes_of

Function = cst.FunctionDef
MAX_RETURNS = 8

_Node = TypeVar("_Node", bound=cst.CSTNode)


class UrlReturnsMixin(PassState):
    """For ``UrlChoicesMixin``: the expressions a called method or function of this file returns."""

    def returned_values(self, node: cst.BaseExpression) -> List[cst.BaseExpression]:
        """The return values of ``self.m(...)`` / ``cls.m(...)`` / ``f(...)`` defined in this file."""
        function = self._callee_def(node) if isinstance(node, cst.Call) else None
        if function is None:
            return []
        found: List[cst.BaseExpression] = []
        for ret in _own(function, cst.Return):
            value = ret.value
            if isinstance(value, cst.Name):  # ``return endpoint``: what the function binds it to
                bound = [a.value for a in _own(function, cst.Assign)
                         if len(a.targets) == 1 and isinstance(a.targets[0].target, cst.Name)
                         and a.targets[0].target.value == value.value]
                found.extend(bound or [value])
            elif value is not None:
                found.append(value)
        return found[:MAX_RETURNS]

    def _awaited_clients(self, awaited: cst.BaseExpression) -> Optional[List[cst.BaseExpression]]:
        """What an awaited factory of this file returns, when that is a client it builds (a client
        constructor, or ``self.<attr>`` the file assigns one): those values; else None."""
        returned = self.returned_values(awaited) if isinstance(awaited, cst.Call) else []
        built: List[cst.BaseExpression] = [v for v in returned if isinstance(v, cst.Call) and self._client_ctor(v)]
        held = [v for v in returned if isinstance(v, cst.Attribute) and isinstance(v.value, cst.Name)
                and v.value.value == "self" and v.attr.value in self._client_attrs()]
        return [awaited] if held else built or None

    def _client_attrs(self) -> List[str]:
        """``self.<attr>`` names this file assigns an HTTP client constructor to."""
        if not hasattr(self, "_http_attrs"):
            self._http_attrs = [t.target.attr.value for node in nodes_of(self.module, cst.Assign)
                                if isinstance(node.value, cst.Call) and self._client_ctor(node.value)
                                for t in node.targets if isinstance(t.target, cst.Attribute)] + \
                               [node.target.attr.value for node in nodes_of(self.module, cst.AnnAssign)
                                if isinstance(node.value, cst.Call) and self._client_ctor(node.value)
                                and isinstance(node.target, cst.Attribute)]
        return self._http_attrs

    def _client_ctor(self, call: cst.Call) -> bool:
        return (self.ctx.qualified(call.func) or "") in HTTP_CLIENTS

    def _callee_def(self, call: cst.Call) -> Optional[Function]:
        func = call.func
        if isinstance(func, cst.Name):
            return next((n for n in self.module.body if isinstance(n, cst.FunctionDef)
                         and n.name.value == func.value), None)
        if not (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name)):
            return None
        param = self._function_scope().params.get(func.value.value)
        if not param or param[0] != "self":
            return None
        class_name = str(param[1]).rpartition(".")[2]
        for cls in (n for n in self.module.body if isinstance(n, cst.ClassDef) and n.name.value == class_name):
            for item in cls.body.body:
                if isinstance(item, cst.FunctionDef) and item.name.value == func.attr.value:
                    return item
        return None


def _own(function: Function, kind: Type[_Node]) -> List[_Node]:
    """Nodes of ``kind`` in ``function`` outside nested functions and classes."""
    nested = [n for n in nodes_of(function.body, cst.FunctionDef) + nodes_of(function.body, cst.ClassDef)]
    inner = {id(x) for n in nested for x in nodes_of(n, kind)}
    return [n for n in nodes_of(function.body, kind) if id(n) not in inner]
