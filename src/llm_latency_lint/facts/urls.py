"""URLs of the facts pass: the text of a request's URL argument, and raw HTTP call sites.

``url_text`` reads what this file shows of a URL: literals, f-strings, ``+`` and ``.format``,
module constants, locals and ``self.`` attributes set to one of those, and the default of
``os.getenv("X", "http://...")``; every part it cannot read becomes ``{<its code>}`` (``{}`` when it
has no name), so the catalog can read a hint in the name (``{OLLAMA_API_HOST}``). ``HttpMixin.record_http_site`` asks the catalog (``providers.http``) whether a
POST to that URL is an LLM request and records the call site under the synthetic callee
``POST <host> <path>`` the graph matches like a module function.
"""
from __future__ import annotations

from typing import List, Optional

import libcst as cst

from llm_latency_lint.catalog.providers.http import SENDERS, classify_url
from llm_latency_lint.syntax.literals import arg, kwarg, literal, positional

MAX_DEPTH = 6
UNKNOWN = "{}"


class HttpMixin:
    """Raw HTTP call sites for ``FactsVisitor`` (scopes, module constants and facts it holds)."""

    def record_http_site(self, node: cst.Call, method: str, span) -> bool:
        spec = SENDERS.get(method)
        if spec is None or not isinstance(node.func, (cst.Attribute, cst.Name)):
            return False
        index, verb_first = spec
        if verb_first:
            verb = literal(kwarg(node, "method") or positional(node, 0))
            if not isinstance(verb, str) or verb.upper() != "POST":
                return False
        url = arg(node, "url", index)
        if url is None:
            return False
        text = self.url_text(url)
        name = classify_url(text, self.body_keys(node)) if text and text != UNKNOWN else None
        if name is None:
            return False
        self._record_site(node, ["name", name], method, span)
        return True

    def url_text(self, node: Optional[cst.BaseExpression], depth: int = 0) -> str:
        if node is None or depth > MAX_DEPTH:
            return UNKNOWN
        value = literal(node)
        if isinstance(value, str):
            return value
        if isinstance(node, cst.FormattedString):
            out = []
            for part in node.parts:
                if isinstance(part, cst.FormattedStringText):
                    out.append(part.value)
                elif isinstance(part, cst.FormattedStringExpression):
                    out.append(self.url_text(part.expression, depth + 1))
            return "".join(out)
        if isinstance(node, cst.ConcatenatedString):
            return self.url_text(node.left, depth + 1) + self.url_text(node.right, depth + 1)
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            return self.url_text(node.left, depth + 1) + self.url_text(node.right, depth + 1)
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in (
            "format", "rstrip", "strip", "lstrip"
        ):
            return self.url_text(node.func.value, depth + 1)
        if isinstance(node, cst.Call):
            return self._env_text(node, depth)
        if isinstance(node, cst.Name):
            return self._named(node, self._name_text(node.value, depth))
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
            return self._named(node, self._attr_text(node.value.value, node.attr.value, depth))
        if isinstance(node, cst.Attribute):
            return self._named(node, UNKNOWN)
        return UNKNOWN

    def _named(self, node: cst.BaseExpression, text: str) -> str:
        """An unreadable name keeps its spelling: ``{OLLAMA_API_HOST}``, ``{settings.GROQ_URL}``."""
        if text != UNKNOWN:
            return text
        code = self.module.code_for_node(node)
        return "{%s}" % code if "{" not in code and "}" not in code else UNKNOWN

    def _env_text(self, node: cst.Call, depth: int) -> str:
        """``os.getenv("HOST", "http://localhost:11434")`` / ``os.environ.get``: the default, else
        the variable's name as a placeholder (``{OLLAMA_HOST}``)."""
        qualified = self.ctx.qualified(node.func) or ""
        if qualified not in ("os.getenv", "os.environ.get") or not node.args:
            return UNKNOWN
        default = arg(node, "default", 1)
        if default is not None:
            text = self.url_text(default, depth + 1)
            if text != UNKNOWN:
                return text
        variable = literal(node.args[0].value)
        return "{%s}" % variable if isinstance(variable, str) else UNKNOWN

    def body_keys(self, node: cst.Call) -> List[str]:
        """Keys of the request's JSON body (``json={...}`` or a local dict), for the catalog to
        tell an LLM request (``{"model", "messages"}``) from any other POST."""
        body = kwarg(node, "json")
        if isinstance(body, cst.Name):
            scope = self._function_scope()
            values = [v for v in scope.locals.get(body.value, []) if isinstance(v, cst.Dict)]
            body = values[-1] if values else None
        if not isinstance(body, cst.Dict):
            return []
        keys = (literal(element.key) for element in body.elements if isinstance(element, cst.DictElement))
        return [key for key in keys if isinstance(key, str)]

    def _name_text(self, name: str, depth: int) -> str:
        for scope in reversed(self.scopes):
            if scope.kind == "function" and name in scope.locals:
                values = [v for v in scope.locals[name] if isinstance(v, cst.BaseExpression)]
                texts = [self.url_text(v, depth + 1) for v in values]
                known = [t for t in texts if classify_url(t)]
                return known[-1] if known else (texts[-1] if texts else UNKNOWN)
            if name in scope.params:  # ``def send(url=settings.OLLAMA_URL)``: the default names it
                default = scope.defaults.get(name)
                return UNKNOWN if default is None else self._named(default, self.url_text(default, depth + 1))
        if name in self.module_constants and isinstance(self.module_constants[name], str):
            return self.module_constants[name]
        if name in self.module_values:
            return self.url_text(self.module_values[name], depth + 1)
        return UNKNOWN

    def _attr_text(self, owner: str, attr: str, depth: int) -> str:
        """``self.base_url`` set to a literal anywhere in the class (``__init__`` usually)."""
        scope = self._function_scope()
        param = scope.params.get(owner)
        if not param or param[0] != "self":
            return UNKNOWN
        facts = self.facts.classes.get(str(param[1]))
        for expr in reversed(getattr(facts, "attrs", {}).get(attr, [])):
            if expr and expr[0] == "str" and isinstance(expr[1], str):
                return expr[1]
        return UNKNOWN
