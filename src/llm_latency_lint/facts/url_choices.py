"""The URLs a request may go to when the code chooses one: a conditional expression, a local
bound in several branches, a ``self.`` attribute set to a conditional, a dict of provider URLs looked up by a key (``URLS[provider]``,
``URLS.get(provider)``). Each choice is classified on its own (``providers.http.classify_url``), so
a request whose URL can hold several catalogued endpoints is a site for each possible provider.

A URL that comes only from the environment (``os.environ["LLM_URL"]``, ``os.getenv("API_URL")``
with no default, a local set from one) names no server at all; with an LLM request's JSON body
(``model`` and ``messages``, ``prompt`` or ``input``, no answer: ``http.is_llm_body``) it is an OpenAI-compatible endpoint of unknown host
(``ENV_ENDPOINT``). So is a URL read off the application's configuration (``self.config.endpoint``,
``settings.LLM_URL``, ``cfg["llm"]["url"]``, ``self.url`` set from one in the class:
``providers.endpoints.configuration_path``). A plain ``requests.post(url, json=payload)`` without such a
body is no site.
"""
from __future__ import annotations

from itertools import product
from typing import Dict, List, Optional, Tuple

import libcst as cst

from llm_latency_lint.catalog.providers.endpoints import configuration_path
from llm_latency_lint.catalog.providers.env_urls import ENV_READS, environment_endpoint
from llm_latency_lint.facts.scopes import Scope
from llm_latency_lint.facts.url_returns import UrlReturnsMixin
from llm_latency_lint.syntax.literals import arg, literal

MAX_CHOICES = 8


class UrlChoicesMixin(UrlReturnsMixin):
    """For ``HttpMixin``: the alternatives of a URL expression, and URLs read from the environment."""

    def url_choices(self, node: cst.BaseExpression, depth: int = 0) -> List[str]:
        """Every text ``node`` may hold (``url_text`` of each alternative), at most ``MAX_CHOICES``."""
        if depth > 4:
            return [self.url_text(node)]
        if isinstance(node, cst.IfExp):
            return _cap(self.url_choices(node.body, depth + 1) + self.url_choices(node.orelse, depth + 1))
        if isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.Or):  # ``x or DEFAULT``
            return _cap(self.url_choices(node.left, depth + 1) + self.url_choices(node.right, depth + 1))
        returned = self.returned_values(node)
        if returned:  # ``self._endpoint()``: what it returns, read outside the caller's locals
            return self._returns_choices(returned, depth)
        table = self._url_table(node)
        if table:
            return _cap([t for value in table for t in self.url_choices(value, depth + 1)])
        if isinstance(node, cst.Name):
            values = self._local_values(node.value)
            if len(values) > 1:
                return _cap([t for value in values for t in self.url_choices(value, depth + 1)])
            if len(values) == 1 and (isinstance(values[0], (cst.IfExp, cst.BooleanOperation))
                                     or self._url_table(values[0]) or self.returned_values(values[0])):
                return self.url_choices(values[0], depth + 1)
        chosen = self._attribute_choices(node)
        if chosen is not None:  # ``self.base_url = DEEPSEEK_URL if use_deepseek else OPENAI_URL`` in ``__init__``
            return chosen
        if isinstance(node, cst.FormattedString) and any(
                isinstance(p, cst.FormattedStringExpression) and self._chooses(p.expression) for p in node.parts):
            options = [self.url_choices(p.expression, depth + 1)[:MAX_CHOICES]
                       if isinstance(p, cst.FormattedStringExpression)
                       else [p.value] if isinstance(p, cst.FormattedStringText) else [] for p in node.parts]
            return _first_joins(options)
        return [self.url_text(node)]

    def _returns_choices(self, returned: List[cst.BaseExpression], depth: int) -> List[str]:
        own = {k: v for k, v in self._function_scope().params.items() if v and v[0] == "self"}
        saved, self.scopes = self.scopes, [*self.scopes[:1], Scope("function", "<returns>", params=own)]
        try:
            return _cap([t for value in returned for t in self.url_choices(value, depth + 1)])
        finally:
            self.scopes = saved

    def _chooses(self, node: cst.BaseExpression) -> bool:
        return isinstance(node, cst.IfExp) or bool(self._url_table(node)) or (
            isinstance(node, cst.Name) and len(self._local_values(node.value)) > 1)

    def _url_table(self, node: cst.BaseExpression) -> List[cst.BaseExpression]:
        """The values of a module (or local) dict literal looked up by key: ``URLS[p]``, ``URLS.get(p)``
        (every value); ``URLS["slack"]`` with a literal key is only that entry's value (none if absent)."""
        owner: Optional[cst.BaseExpression] = None
        key: Optional[cst.BaseExpression] = None
        if isinstance(node, cst.Subscript):
            owner = node.value
            index = node.slice[0].slice if len(node.slice) == 1 else None
            key = index.value if isinstance(index, cst.Index) else None
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get":
            owner, key = node.func.value, arg(node, "key", 0)
        if not isinstance(owner, cst.Name):
            return []
        values = self._local_values(owner.value) or self._bound_values(owner.value)
        table = values[-1] if values else None
        if not isinstance(table, cst.Dict):
            return []
        entries = [e for e in table.elements if isinstance(e, cst.DictElement)]
        chosen = literal(key) if isinstance(key, (cst.SimpleString, cst.Integer)) else None
        if chosen is None:
            return [e.value for e in entries]
        return [e.value for e in entries if literal(e.key) in (chosen, None)]  # a key by name may be it

    def _local_values(self, name: str) -> List[cst.BaseExpression]:
        """What the enclosing function binds ``name`` to (``_bound_values`` without the module's
        binding: a nested function's ``requests.post(url, ...)`` posts the ``url`` its enclosing
        function built); outside a function, the scope's own binding."""
        scope = self._function_scope()
        if scope.kind != "function":
            return [v for v in scope.locals.get(name, []) if isinstance(v, cst.BaseExpression)]
        return self._bound_values(name, module=False)

    def environment_url(self, node: cst.BaseExpression, body: List[str], depth: int = 0) -> Optional[str]:
        """The endpoint (``env_urls.environment_endpoint``: ``ENV_ENDPOINT`` for a chat or completion
        body) of a URL read only from the environment or the configuration. A name is read where it
        is bound: a local, the enclosing function's (a closure), else the module's
        (``url = cfg.get("deepseek", "url")`` at the top of the file)."""
        endpoint = environment_endpoint(body)
        if endpoint is None or depth > 3:
            return None
        if isinstance(node, cst.Name):
            values = self._local_values(node.value) or self._bound_values(node.value)
            if values and all(self.environment_url(v, body, depth + 1) for v in values):
                return endpoint
            return None
        if isinstance(node, cst.Subscript) and (self.ctx.qualified(node.value) or "") == "os.environ":
            return endpoint
        if isinstance(node, cst.Call) and (self.ctx.qualified(node.func) or "") in ENV_READS:
            default = arg(node, "default", 1)
            return endpoint if default is None or literal(default) in (None, "") else None
        parts = access_path(node) or _config_read(node)
        if parts and configuration_path(parts) and not self._literal_table(parts[0]):
            return endpoint
        if parts and len(parts) == 2 and parts[0] in ("self", "cls"):  # ``self.url = config.endpoint``
            values = self._self_values(parts[1])
            if values and all(self.environment_url(v, body, depth + 1) for v in values):
                return endpoint
        return None

    def _literal_table(self, name: str) -> bool:
        """``name`` is bound in this file to a dict literal (``CONFIG = {"openai": "https://..."}``):
        the file holds its URLs, so a key it lacks names none."""
        return any(isinstance(v, cst.Dict) for v in self._local_values(name) or self._bound_values(name))

    def _attribute_choices(self, node: cst.BaseExpression) -> Optional[List[str]]:
        """The texts ``self.<attr>`` may hold when one of its values chooses (a conditional, an
        ``or``), else None. Each choice is read outside this method's locals, as a method's returns
        are, once per (class, attribute) in the file: a class of many setters
        (``self.url = self.url if a else other``) costs one reading per assignment, not one per
        assignment per hop. A value that reads the attribute back while it is being read adds
        nothing (``[]``): its choices are the attribute's other values."""
        parts = access_path(node) if isinstance(node, cst.Attribute) else []
        owner = self._self_owner() if len(parts) == 2 and parts[0] == "self" else ""
        if not owner:
            return None
        if not hasattr(self, "_attr_choices"):
            self._attr_choices: Dict[Tuple[str, str], List[str]] = {}
        key = (owner, parts[1])
        if key in self._attr_choices:
            return self._attr_choices[key]
        values = self._self_assignments(owner, parts[1])
        if not any(isinstance(v, cst.IfExp) or isinstance(v, cst.BooleanOperation) and isinstance(v.operator, cst.Or)
                   for v in values):
            return None
        self._attr_choices[key] = []  # being read: a value referring back to it adds nothing
        self._attr_choices[key] = self._returns_choices(values, 0)  # as if the request read it itself
        return self._attr_choices[key]

    def _self_values(self, attr: str) -> List[cst.BaseExpression]:
        """What ``self.<attr>`` is set to in the class of the enclosing method (``HttpMixin``)."""
        owner = self._self_owner()
        return self._self_assignments(owner, attr) if owner else []

    def _self_owner(self) -> str:
        """The class name of the enclosing method's ``self``, "" outside one."""
        param = self._function_scope().params.get("self")
        return str(param[1]).rpartition(".")[2] if param and param[0] == "self" else ""


def access_path(node: cst.BaseExpression) -> List[str]:
    """``self.config.endpoint`` -> ``["self", "config", "endpoint"]``; ``cfg["llm"]["url"]`` ->
    ``["cfg", "llm", "url"]``; anything else (a call, a computed key) -> ``[]``."""
    parts: List[str] = []
    while isinstance(node, (cst.Attribute, cst.Subscript)):
        if isinstance(node, cst.Attribute):
            parts.append(node.attr.value)
        else:
            key = literal(node.slice[0].slice.value) if len(node.slice) == 1 and isinstance(
                node.slice[0].slice, cst.Index) else None
            if not isinstance(key, str):
                return []
            parts.append(key)
        node = node.value
    return [node.value, *reversed(parts)] if isinstance(node, cst.Name) and parts else []


def _config_read(node: cst.BaseExpression) -> List[str]:
    """``cfg.get("deepseek", "url")`` (ConfigParser), ``settings.get("LLM_URL")``: the receiver's
    access path and the key read, as ``access_path`` gives ``cfg["deepseek"]["url"]``; else ``[]``."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get"
            and node.args):
        return []
    receiver = node.func.value
    owner = access_path(receiver) or ([receiver.value] if isinstance(receiver, cst.Name) else [])
    key = literal(node.args[-1].value) if len(node.args) == 2 else literal(node.args[0].value)
    if not owner or owner[0] in ("self", "cls") or not isinstance(key, str):
        return []
    return [*owner, key]


def _first_joins(options: List[List[str]]) -> List[str]:
    """The first ``MAX_CHOICES`` distinct joins of one option per part, built lazily: an f-string of
    many chosen parts has a product too large to list."""
    found: Dict[str, None] = {}
    for parts in product(*options):
        found.setdefault("".join(parts), None)
        if len(found) >= MAX_CHOICES:
            break
    return list(found)


def _cap(found: List[str]) -> List[str]:
    return list(dict.fromkeys(found))[:MAX_CHOICES]
