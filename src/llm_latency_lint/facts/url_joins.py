"""URL composition ``url_text`` reads beyond literals and ``+``: join calls and rebound constants.

- ``urljoin(OLLAMA_HOST, "/api/generate")``, ``os.path.join(BASE, "api", "chat")``
  (``hosts.URL_JOINS``): the parts joined by ``/``; an absolute second part replaces the base, as
  ``urljoin`` does; ``host or DEFAULT_URL`` is the side that shows a URL.
- A module constant bound more than once (``OLLAMA_URL = "http://localhost:11434"`` in an
  ``if``/``else``, then ``OLLAMA_URL = OLLAMA_URL + "/api/generate"``): its last binding this file
  can read, where the name itself stands for the bindings before it. The literal first binding
  alone would read as a bare host and hide the path.
"""
from __future__ import annotations

from typing import Dict, List

import libcst as cst

from llm_latency_lint.catalog.providers.hosts import URL_JOINS
from llm_latency_lint.facts.pass_state import PassState

UNREAD = "{}"


class UrlJoinsMixin(PassState):
    """For ``HttpMixin``: needs ``url_text``, ``ctx``, ``module_history`` and ``module_constants``."""

    def joined_text(self, node: cst.Call, depth: int) -> str:
        """The URL a join call builds, or ``UNREAD`` when ``node`` is no join."""
        if (self.ctx.qualified(node.func) or "") not in URL_JOINS or len(node.args) < 2 or any(
                a.star or a.keyword is not None for a in node.args):
            return UNREAD
        text = self.url_text(node.args[0].value, depth + 1)
        for argument in node.args[1:]:
            part = self.url_text(argument.value, depth + 1)
            text = part if "://" in part else text.rstrip("/") + "/" + part.lstrip("/")
        return text

    def either_text(self, node: cst.BooleanOperation, depth: int) -> str:
        """``host or "http://localhost:11434"``: the side that shows a URL, else the left one."""
        texts = [self.url_text(node.left, depth + 1), self.url_text(node.right, depth + 1)]
        return next((t for t in texts if "://" in t), texts[0])

    def module_text(self, name: str, depth: int) -> str:
        """The text of module constant ``name`` as far as the file has bound it (``UNREAD``: not one)."""
        cutoffs: Dict[str, int] = self.__dict__.setdefault("_rebinding", {})
        history: List[cst.BaseExpression] = self.module_history.get(name, [])
        bindings = history[: cutoffs.get(name, len(history))]
        if not bindings:
            constant = self.module_constants.get(name) if name not in cutoffs else None
            return constant if isinstance(constant, str) else UNREAD
        saved = cutoffs.get(name)
        try:
            for index in range(len(bindings) - 1, -1, -1):  # the last binding this file can read
                cutoffs[name] = index  # inside a binding the name is the one before
                text = self.url_text(bindings[index], depth + 1)
                if text != UNREAD:
                    return text
            return UNREAD
        finally:
            if saved is None:
                del cutoffs[name]
            else:
                cutoffs[name] = saved
