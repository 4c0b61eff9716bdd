"""A POST in one module to a URL constant of another (``from settings import LLM_CHAT_URL``): the
facts pass of the sending file cannot read the constant, so it defers the site
(``providers.http.deferred_url``) and the project stage reads the constant's stored value here."""
from __future__ import annotations

from typing import Dict, List, Mapping, Optional, Tuple

from llm_latency_lint.catalog.providers.endpoints import configuration_path
from llm_latency_lint.catalog.providers.env_urls import (
    environment_endpoint,
    environment_read,
)
from llm_latency_lint.catalog.providers.http import TEMPLATE, classify_url
from llm_latency_lint.model import Expr


def constant_endpoint(globals_: Mapping[str, List[Expr]], aliases: Dict[str, str], qualified: str,
                      body: Tuple[str, ...]) -> Optional[str]:
    """The synthetic callee of a POST to the constant ``qualified``: the endpoint its string literal
    or f-string template names (``f"{LLM_ENDPOINT}/chat/completions"``), or, for a constant read
    only from the environment (``os.getenv("LLM_URL")``), or an attribute of an imported configuration
    object no constant holds (``settings.LLM_URL``), sent a chat body: some compatible server."""
    exprs = globals_.get(qualified)
    if exprs is None:  # a module imported by another name (``pkg.env`` as ``env``): as ``Evaluator._name``
        module, _, constant = qualified.rpartition(".")
        exprs = globals_.get(f"{aliases.get(module, module)}.{constant}", [])
    texts = [str(e[1]).removeprefix(TEMPLATE) for e in exprs if e and (
        e[0] == "str" or e[0] == "unknown" and str(e[1]).startswith(TEMPLATE))]
    name = classify_url(texts[-1], body) if texts else None
    if name is None and exprs and all(environment_read(e) for e in exprs):
        name = environment_endpoint(body)
    owner = qualified.rpartition(".")[0]
    if name is None and not exprs and configuration_path(qualified.split(".")) and not (
            owner in aliases or any(g.startswith(f"{owner}.") for g in globals_)):  # not a module's missing constant
        name = environment_endpoint(body)  # ``settings.LLM_URL`` of an imported settings object: no constant
    return name
