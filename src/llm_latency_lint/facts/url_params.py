"""A request whose URL is its function's parameter takes the URLs the file's callers pass.

``def invoke_gcf(url, payload): requests.post(url, json=payload)`` called as
``invoke_gcf("https://us-central1-p.cloudfunctions.net/ingestor", payload)`` is a POST to that URL
made by the caller (the hop is the caller's: ``project/http_hops.py``, ``project/route_entries.py``).
Only helpers defined and called in the same file are joined: facts depend on one file's bytes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Tuple

from llm_latency_lint.model import FileFacts, Request

__all__ = ["UrlParams", "url_params"]


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
