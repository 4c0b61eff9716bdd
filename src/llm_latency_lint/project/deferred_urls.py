"""Raw POSTs whose URL the facts pass could not read in its own file (``catalog/providers/http.py``
``deferred_url``), kept when the body is an LLM request's and classified here:

- another module's constant (``requests.post(env.ENDPOINT, json=...)``): its string literal, f-string
  template or environment read (``project/url_constants.py``);
- a parameter (``def post_chat(url, payload)``) no call in its file fills: what the callers in every
  file pass for it, as the bindings recorded them (``Bindings.arguments_for``): a URL string
  (``["str", text]``, ``facts/calls.py``), a module constant, or the caller's own parameter, followed
  back up to ``MAX_HOPS`` callers. The solved values hold no strings, so the argument expressions
  are read, not evaluated. The first URL the catalog knows decides; a webhook's makes no site.
  Where no caller passes a URL the project spells (a database record's field, no caller at all), a
  LLM request's body (``http.is_llm_body``) makes the request ``openai-compatible``, as a URL read
  from the environment does.
"""
from __future__ import annotations

from typing import List, Optional, Tuple

from llm_latency_lint.catalog import providers
from llm_latency_lint.catalog.providers.env_urls import environment_endpoint
from llm_latency_lint.catalog.providers.http import PARAM_URL, classify_url
from llm_latency_lint.catalog.providers.spec import Match
from llm_latency_lint.model import Expr
from llm_latency_lint.project.bindings import Bindings
from llm_latency_lint.project.url_constants import constant_endpoint

MAX_HOPS = 3


def deferred_match(bindings: Bindings, qualified: str, body: Tuple[str, ...]) -> Optional[Match]:
    """The operation the deferred URL ``qualified`` (a constant, or ``fn#name#index``) names."""
    if qualified.count(PARAM_URL) == 2:
        fn, name, index = qualified.split(PARAM_URL)
        texts = _passed(bindings, ["param", fn, name, int(index)] if index.isdigit() else [], 0)
    else:
        symbols = bindings.ev.s
        endpoint = constant_endpoint(symbols.globals, symbols.module_aliases, qualified, body)
        return providers.match_function(endpoint) if endpoint else None
    for text in texts:
        endpoint = classify_url(text, body)
        if endpoint:
            return providers.match_function(endpoint)
    # no caller passes a URL this project spells (a database record's field, no caller at all): a chat
    # or completion body is an LLM request whoever serves it, as for a URL read from the environment
    endpoint = None if texts else environment_endpoint(body)
    return providers.match_function(endpoint) if endpoint else None


def _constant(bindings: Bindings, qualified: str) -> List[str]:
    """The string literals a module constant is assigned."""
    symbols = bindings.ev.s
    exprs = symbols.globals.get(qualified)
    if exprs is None:  # a module imported by another name (``pkg.env`` as ``env``): as ``Evaluator._name``
        module, _, constant = qualified.rpartition(".")
        exprs = symbols.globals.get(f"{symbols.module_aliases.get(module, module)}.{constant}", [])
    return [str(e[1]) for e in exprs if e and e[0] == "str"]


def _passed(bindings: Bindings, param: Expr, hops: int) -> List[str]:
    """The URL texts callers pass for ``param``."""
    found: List[str] = []
    for _, expr in bindings.arguments_for(param) if param and hops <= MAX_HOPS else ():
        if expr and expr[0] == "str":
            found.append(str(expr[1]))
        elif expr and expr[0] == "name":
            found.extend(_constant(bindings, str(expr[1]))[-1:])
        elif expr and expr[0] == "param":
            found.extend(_passed(bindings, expr, hops + 1))
    return found
