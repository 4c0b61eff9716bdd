"""A request whose URL is its function's parameter takes the URLs the file's callers pass.

``ParamUrlMixin``: one no caller in the file fills (or an attribute the constructor sets from its
parameter) is kept for the project stage, which reads what callers in every file pass.

``def invoke_gcf(url, payload): requests.post(url, json=payload)`` called as
``invoke_gcf("https://us-central1-p.cloudfunctions.net/ingestor", payload)`` is a POST to that URL
made by the caller (the hop is the caller's: ``project/http_hops.py``, ``project/route_entries.py``).
Only helpers defined and called in the same file are joined: facts depend on one file's bytes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Tuple

import libcst as cst

from llm_latency_lint.catalog.providers.http import PARAM_URL, deferred_url, is_llm_body
from llm_latency_lint.facts.pass_state import PassState
from llm_latency_lint.model import FileFacts, Request

__all__ = ["ParamUrlMixin", "UrlParams", "url_params"]


@dataclass
class UrlParams:
    # (function, verb, parameter name, parameter index, line) of requests to a parameter's URL
    requests: List[Tuple[str, str, str, int, int]] = field(default_factory=list)
    # (callee, argument position or keyword, URL text, caller, line) of calls passing a URL
    passed: List[Tuple[str, str, str, str, int]] = field(default_factory=list)

    def resolve(self, facts: FileFacts) -> None:
        """Add the callers' requests: one per call passing a URL to a helper's URL parameter."""
        for function, verb, name, index, _ in self.requests:
            for callee, where, url, caller, line in self.passed:
                if callee == function and where in (name, str(index)) and caller != function:
                    facts.requests.append(Request(caller, verb, url, line))


def url_params(visitor: object) -> UrlParams:
    """The visitor's record (made on first use, so the visitor's constructor stays as it is)."""
    found = visitor.__dict__.get("_url_params")
    if found is None:
        found = visitor.__dict__["_url_params"] = UrlParams()
    return found


class ParamUrlMixin(PassState):
    """Deferred parameter URLs for ``HttpMixin``."""

    def _parameter_url(self, url: cst.BaseExpression, body: List[str]) -> Optional[str]:
        """The whole URL is a parameter (``def post_chat(url, payload)``), or an attribute the
        constructor sets from one, no call in this file fills with a URL it can read, and the body
        is an LLM request's: kept for the project stage, which reads what callers in every file
        pass for it (``project/deferred_urls.py``)."""
        scope = self._function_scope()
        if not is_llm_body(body):
            return None
        if isinstance(url, cst.Attribute) and isinstance(url.value, cst.Name):
            param = self._constructor_param(url.value.value, url.attr.value)
        elif isinstance(url, cst.Name) and url.value not in scope.locals:
            param = _param_of(scope.params.get(url.value))
        else:
            return None
        return deferred_url(PARAM_URL.join(map(str, param[1:])), body) if param else None

    def _constructor_param(self, owner: str, attr: str) -> Optional[list]:
        """``self.embed_url`` set from the constructor's parameter (``self.embed_url = embed_url`` in
        ``__init__``) and nowhere else: the URL is what the code building the object passes (an
        Airflow DAG's ``EmbedOperator(embed_url="http://...:11434/api/embed")``)."""
        param = self._function_scope().params.get(owner)
        if not (param and param[0] == "self"):
            return None
        bound = getattr(self.facts.classes.get(str(param[1])), "attrs", {}).get(attr, [])
        params = [_param_of(expr) for expr in bound]
        if len(params) != 1 or params[0] is None or not str(params[0][1]).endswith(".__init__"):
            return None
        return params[0]


def _param_of(expr: Optional[list]) -> Optional[list]:
    """The ``["param", fn, name, index]`` a parameter's value is, or holds (``any``: its annotation too)."""
    if not expr:
        return None
    if expr[0] == "param":
        return expr
    return next((e for e in expr[1] if e and e[0] == "param"), None) if expr[0] == "any" else None
