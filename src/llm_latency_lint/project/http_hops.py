"""HTTP hops: a call to the project's own route is a call edge to the route's handler.

A scheduled job that POSTs to the application's own ``/api/chat`` runs what that route runs
(corpus label policy 6), so the job's class must reach the handler's LLM calls, and a route
users also call becomes ``mixed``. The facts pass records routes with the object they are
declared on, mounts with their prefixes, and requests with their URL text
(``facts.routes``); here router objects are named through the project's imports, each route's
full path is composed from its mounts, and a request whose verb and path match exactly one
handler gets an edge of kind ``http``.

Precision: no edge to a provider's host (the catalog's raw-HTTP table and its host-name hints,
``{OLLAMA_HOST}``), to another service's (a public domain, ``{SEARXNG_URL}``: ``service_hosts``),
for a URL the catalog reads as an LLM request, for an empty path, ``/`` or a match on parameters
alone, or when routes of different handlers match equally well.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from llm_latency_lint.catalog.providers.http import (
    HOST_HINTS,
    HOSTS,
    LOCAL_SERVER,
    classify_url,
)
from llm_latency_lint.catalog.service_hosts import outside_host
from llm_latency_lint.files.testpaths import is_test_path
from llm_latency_lint.model import Expr, FileFacts, Mount, Request
from llm_latency_lint.project.edges import Edge
from llm_latency_lint.project.symbols import Symbols

MAX_DEPTH = 6  # mounts of mounts
BUILT = "built"


@dataclass(frozen=True)
class FullRoute:
    methods: Tuple[str, ...]
    segments: Tuple[str, ...]
    handler: Expr
    path: str  # the full path, for notes
    where: str  # "configure.py:332 mounts it at /api/chat", or ""
    file: str = ""  # where the route is declared
    line: int = 0


@dataclass(frozen=True)
class _Prefix:
    text: str
    where: str


def split_url(url: str) -> Optional[Tuple[str, str]]:
    """(host, path) of a request's URL text; None when it shows no path on a host."""
    if "://" in url:
        rest = url.split("://", 1)[1]
        host, _, path = rest.partition("/")
        path = "/" + path
    elif url.startswith("{") and "}" in url:
        host, path = url[: url.index("}") + 1], url[url.index("}") + 1:]
    else:
        host, path = "", url
    if not path.startswith("/"):
        return None
    return host, path.split("?", 1)[0].split("#", 1)[0]


def segments(path: str) -> Tuple[str, ...]:
    return tuple(s for s in path.split("/") if s)


def _is_param(segment: str) -> bool:
    return (segment.startswith("{") and segment.endswith("}")) or (segment.startswith("<") and segment.endswith(">"))


def _is_rest(segment: str) -> bool:
    """``{p:path}``, ``<path:p>``: the rest of the path."""
    return segment in ("{path:path}",) or segment.endswith(":path}") or segment.startswith("<path:")


def match_score(route: Sequence[str], url: Sequence[str]) -> Optional[int]:
    """How many literal segments of ``url`` equal the route's (None: no match). A route parameter
    matches any segment; a URL part the file does not show (``{item_id}``) matches any segment."""
    score = 0
    for index, part in enumerate(route):
        if _is_rest(part):
            return score if index < len(url) else None
        if index >= len(url):
            return None
        seen = url[index]
        if _is_param(part) or (seen.startswith("{") and seen.endswith("}") and seen.count("{") == 1):
            continue  # a route parameter, or a whole segment the file does not show
        if seen != part:
            return None  # ``list={tickers}`` names no route segment but a parameter
        score += 1
    return score if len(route) == len(url) else None


class HttpHops:
    """Routes joined with their mounts, and the edges requests to them make."""

    def __init__(self, symbols: Symbols, resolve: Callable[[Expr], List[str]]) -> None:
        self.s = symbols
        self.resolve = resolve
        self.mounts: Dict[str, List[Tuple[Mount, FileFacts]]] = {}
        self.built: Dict[str, str] = {}
        for facts in symbols.files:
            for mount in facts.mounts:
                child = self.canonical(mount.child)
                if child is None:
                    continue
                if mount.parent[:2] == ["unknown", BUILT]:
                    self.built.setdefault(child, mount.prefix)
                else:
                    self.mounts.setdefault(child, []).append((mount, facts))

    def canonical(self, expr: Expr) -> Optional[str]:
        """The project-wide name of a router object, through imports and re-exports."""
        if not expr:
            return None
        if expr[0] in ("name", "str"):
            name = str(expr[1])
        elif expr[0] == "attr":
            base = self.canonical(expr[1])
            if base is None:
                return None
            name = f"{base}.{expr[2]}"
        else:
            return None
        for _ in range(MAX_DEPTH):
            if name in self.s.globals:
                return name
            module, _, attr = name.rpartition(".")
            facts = self.s.modules.get(module) or self.s.modules.get(self.s.module_aliases.get(module, ""))
            if facts is None:
                return name
            target = facts.imports.get(attr)
            if target is None:
                return f"{facts.module}.{attr}"
            name = target
        return name

    def prefixes(self, router: Optional[str], depth: int = 0) -> List[_Prefix]:
        """Every full prefix ``router`` is served under (one per chain of mounts)."""
        if router is None or depth > MAX_DEPTH:
            return [_Prefix("", "")]
        own = self.built.get(router, "")
        mounts = self.mounts.get(router, [])
        if not mounts:
            return [_Prefix(own, "")]
        found: List[_Prefix] = []
        for mount, facts in mounts:
            prefix = mount.prefix if mount.replaces else _join(mount.prefix, own)
            for parent in self.prefixes(self.canonical(mount.parent), depth + 1):
                full = _join(parent.text, prefix)
                where = parent.where or (f"{facts.path}:{mount.line} mounts it at {full}" if full else "")
                found.append(_Prefix(full, where))
        return found

    def routes(self) -> List[FullRoute]:
        out: List[FullRoute] = []
        for facts in self.s.files:
            for route in facts.routes:
                for prefix in self.prefixes(self.canonical(route.router)):
                    full = _join(prefix.text, route.path)
                    out.append(FullRoute(tuple(route.methods), segments(full), route.handler, full or "/", prefix.where,
                                         facts.path, route.line))
        return out

    def edges(self) -> Dict[str, List[Edge]]:
        routes = self.routes()
        out: Dict[str, List[Edge]] = {}
        if not routes:
            return out
        for facts in self.s.files:
            if is_test_path(facts.path):
                continue
            for request in facts.requests:
                edge = self._edge(request, facts, routes)
                if edge is not None:
                    out.setdefault(edge.src, []).append(edge)
        return out

    def _edge(self, request: Request, facts: FileFacts, routes: List[FullRoute]) -> Optional[Edge]:
        split = split_url(request.url)
        if split is None or outside_host(split[0]):
            return None  # no path, another service's host
        found = self.match(request.method, request.url, routes)
        if found is None or found[0] == request.function:
            return None
        handler, route = found
        src = request.function.rsplit(".", 1)[-1]
        where = f" ({route.where})" if route.where else ""
        name = handler.rsplit(".", 1)[-1].split("@", 1)[0]
        note = f"{src} {request.method}s to {route.path}, the project's own route {name}{where}"
        return Edge(request.function, handler, "http", facts.path, request.line, note=note)

    def match(self, method: str, url: str, routes: List[FullRoute]) -> Optional[Tuple[str, FullRoute]]:
        """The one handler whose route best matches ``method`` and ``url`` (None: none or several)."""
        split = split_url(url)
        if split is None or _provider_host(split[0]) or classify_url(url):
            return None  # no path, a provider's endpoint (an LLM request itself)
        wanted = segments(split[1])
        if not wanted:
            return None
        scored = [(match_score(r.segments, wanted), r) for r in routes if not r.methods or method in r.methods]
        best = max((score for score, _ in scored if score is not None), default=None)
        if not best:
            return None  # nothing matched, or only parameters did: no literal segment names the route
        matches = [r for score, r in scored if score == best]
        handlers = {q for r in matches for q in self.resolve(r.handler)}
        return (handlers.pop(), matches[0]) if len(handlers) == 1 else None


def _join(left: str, right: str) -> str:
    if not right:
        return left
    if not left:
        return right if right.startswith("/") else "/" + right
    return left.rstrip("/") + "/" + right.lstrip("/")


def _provider_host(host: str) -> bool:
    """A provider's host, or a host set elsewhere whose name says whose (``{OLLAMA_HOST}``). A
    host on this machine (``localhost``) may serve a local model or the project itself: the path
    decides, so it is no provider's here."""
    hinted = host.startswith("{") and any(word in host.lower() for word, _ in HOST_HINTS)
    return hinted or any(known in host for known, pid in HOSTS if pid != LOCAL_SERVER)
