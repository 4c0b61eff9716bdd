"""Who calls a site's function, from where: what the call graph says about a rewrite.

Two questions a fixer cannot answer from the call's own module:

- **Is the call on a per-item path?** A function with a single call may be called from a loop
  (or a comprehension) in a caller, one module or three away. A batch of one there would submit
  one batch per item (12,000 sequential batches a night), so ``per_item_loop`` walks the project's
  call graph upwards (every caller, not only the evidence chain) and returns the nearest loop.
- **Does waiting change what the code means?** When the function or a caller of it pages on-call,
  sends an SMS or raises an alert, a batch (up to 24 h) holds that back: ``time_critical`` says
  where and what.

The graph is the one the analysis built (``project.graph.Project.edges``), rebuilt once per
analysed ``Result``; loops are found with ``ast`` in the callers' texts, read once per file.
"""
from __future__ import annotations

import ast
import re
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, List, Optional, Set, Tuple, Type

from llm_latency_lint.catalog import sinks
from llm_latency_lint.model import FileFacts, FunctionFacts
from llm_latency_lint.project.graph import Edge, Project

if TYPE_CHECKING:  # pragma: no cover
    from llm_latency_lint.config import Config
    from llm_latency_lint.result import Result

MAX_DEPTH = 8
# Function names that say the code pages or alerts someone (``page_on_call``, ``send_alert``).
_ALERT_NAME = re.compile(
    r"(?:^|_)(?:pager|pagerduty|opsgenie|oncall|on_call|alert|alerts|alerting|escalate|escalation)(?:_|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LoopHit:
    """A loop in a caller that reaches the site's function once per item."""

    path: str
    line: int  # the loop's first line
    kind: str  # "for" loop, "while" loop, "comprehension"
    caller: str  # short name of the function holding the loop
    via: Tuple[Tuple[str, str, int], ...]  # (caller short name, path, line of its call), site first
    caller_qualname: str = ""
    chain: Tuple[str, ...] = ()  # qualnames of the callers in ``via``, site first (the last holds the loop)
    retry: bool = False  # the loop stops at the first success: a retry or fallback loop, not per item

    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def describe(self, function: str) -> str:
        hops = ", ".join(f"`{name}` at {path}:{line}" for name, path, line in self.via[:-1])
        via = f" (via {hops})" if hops else ""
        return f"`{function}` is called once per item from the {self.kind} at {self.where()} in `{self.caller}`{via}"


# Calls that run a callable once per item without a loop in sight: ``pool.map(summarize, texts)``,
# ``executor.map``, ``itertools.starmap``, ``map``.
MAPPERS = frozenset({"map", "imap", "imap_unordered", "starmap", "map_async", "starmap_async"})


@dataclass
class _Call:
    line: int
    names: Set[str]  # identifiers in the callee and the arguments
    loop: Optional[Tuple[int, str]]  # the innermost enclosing loop in the same function: (line, kind)
    func: str = ""  # the callee's last name
    retry: bool = False  # that loop returns or breaks right after this call (``retry_calls``)


_EXITS = (ast.Return, ast.Break)
_TRIES: Tuple[Type[ast.Try], ...] = (ast.Try, getattr(ast, "TryStar", ast.Try))  # ``except*`` (3.11): the same fields
_NESTED = (ast.For, ast.AsyncFor, ast.While, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def retry_calls(body: List[ast.stmt]) -> Set[int]:
    """The ``id`` of every call in a loop's body that a ``return`` or ``break`` follows
    unconditionally in its own block or an enclosing one (``try: return call(x)``, ``r = call(x)``
    then ``break``, a ``try`` whose ``else`` returns): the loop stops at the first success, so it
    is a retry or fallback loop (``for attempt in range(3)``, ``for api in apis``), not a loop
    over items. Nested loops and functions are their own business."""
    found: Set[int] = set()

    def calls_in(node: ast.AST) -> None:
        stack = [node]
        while stack:
            item = stack.pop()
            if isinstance(item, ast.Call):
                found.add(id(item))
            stack.extend(c for c in ast.iter_child_nodes(item) if not isinstance(c, _NESTED))

    def block(stmts: List[ast.stmt], exits_after: bool) -> None:
        for index, stmt in enumerate(stmts):
            after = exits_after or any(isinstance(s, _EXITS) for s in stmts[index:])
            if isinstance(stmt, _NESTED):
                continue
            if isinstance(stmt, _TRIES):
                block(stmt.body, after or any(isinstance(s, _EXITS) for s in stmt.orelse))
                for part in (*(h.body for h in stmt.handlers), stmt.orelse, stmt.finalbody):
                    block(part, after)
            elif isinstance(stmt, (ast.If, ast.With, ast.AsyncWith)):
                heads: List[ast.AST] = [stmt.test] if isinstance(stmt, ast.If) else list(stmt.items)
                for head in heads if after else []:
                    calls_in(head)
                block(stmt.orelse if isinstance(stmt, ast.If) else [], after)
                block(stmt.body, after)
            elif after:
                calls_in(stmt)

    block(body, False)
    return found


class _Loops(ast.NodeVisitor):
    """Every call in a file with the innermost loop around it inside its own function."""

    def __init__(self) -> None:
        self.calls: List[_Call] = []
        self.stack: List[Tuple[int, str]] = []
        self.retry: List[Set[int]] = []  # per loop on ``stack``: its calls followed by an exit

    def _scope(self, node: ast.AST) -> None:
        saved, self.stack = self.stack, []
        saved_retry, self.retry = self.retry, []
        self.generic_visit(node)
        self.stack, self.retry = saved, saved_retry

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = visit_ClassDef = _scope

    def _loop(self, node: ast.AST, kind: str, once: List[ast.AST], repeated: List[ast.AST]) -> None:
        for child in once:
            self.visit(child)
        self.stack.append((node.lineno, kind))  # type: ignore[attr-defined]
        body = getattr(node, "body", None)
        self.retry.append(retry_calls(body) if isinstance(body, list) else set())
        for child in repeated:
            self.visit(child)
        self.stack.pop()
        self.retry.pop()

    def visit_For(self, node: ast.For) -> None:
        self._loop(node, "for loop", [node.iter, *node.orelse], [node.target, *node.body])

    visit_AsyncFor = visit_For  # type: ignore[assignment]

    def visit_While(self, node: ast.While) -> None:
        if isinstance(node.test, ast.Constant) and node.test.value in (True, 1):
            self.generic_visit(node)  # ``while True:`` runs a job again and again, not once per item
            return
        self._loop(node, "while loop", list(node.orelse), [node.test, *node.body])

    def _comprehension(self, node: ast.AST) -> None:
        generators = node.generators  # type: ignore[attr-defined]
        parts = [getattr(node, name) for name in ("elt", "key", "value") if hasattr(node, name)]
        rest: List[ast.AST] = []
        for index, gen in enumerate(generators):
            rest += [gen.target, *gen.ifs] + ([gen.iter] if index else [])
        self._loop(node, "comprehension", [generators[0].iter], parts + rest)

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _comprehension

    def visit_Call(self, node: ast.Call) -> None:
        found: Set[str] = set()
        for part in [node.func, *node.args, *(k.value for k in node.keywords)]:
            if isinstance(part, ast.Name):
                found.add(part.id)
            elif isinstance(part, ast.Attribute):
                found.add(part.attr)
                for inner in ast.walk(part):
                    if isinstance(inner, ast.Name):
                        found.add(inner.id)
                    elif isinstance(inner, ast.Attribute):
                        found.add(inner.attr)
        func = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id if isinstance(node.func, ast.Name) else ""
        retry = bool(self.retry) and id(node) in self.retry[-1]
        self.calls.append(_Call(node.lineno, found, self.stack[-1] if self.stack else None, func, retry))
        self.generic_visit(node)


def _short(qualname: str) -> str:
    return qualname.rsplit(".", 1)[-1]


class CallerIndex:
    """The project's call graph seen from a callee: callers, their loops, their side effects."""

    def __init__(self, result: "Result", config: "Config") -> None:
        project = Project(list(result.files), {w.function: (w.provider, w.operation) for w in config.wrappers})
        self.edges: Dict[str, List[Edge]] = project.edges()
        self.callers: Dict[str, List[Edge]] = {}
        for edges in self.edges.values():
            for edge in edges:
                if edge.kind != "http":  # a request to the project's own route: no loop to batch across it
                    self.callers.setdefault(edge.dst, []).append(edge)
        self.functions: Dict[str, Tuple[FileFacts, FunctionFacts]] = {
            q: (facts, fn) for facts in result.files for q, fn in facts.functions.items()
        }
        self.globals: Dict[str, list] = {q: v for facts in result.files for q, v in facts.globals.items()}
        self.texts = result.texts
        self.modules: Dict[str, str] = {f.module: f.path for f in result.files}  # import name -> path
        self._calls: Dict[str, Optional[List[_Call]]] = {}

    # ---- per-item loops ------------------------------------------------------------------
    def _file_calls(self, path: str) -> Optional[List[_Call]]:
        if path not in self._calls:
            try:
                visitor = _Loops()
                visitor.visit(ast.parse(self.texts[path]))
                self._calls[path] = visitor.calls
            except (KeyError, SyntaxError, ValueError, RecursionError):
                self._calls[path] = None
        return self._calls[path]

    def _loop_at(self, edge: Edge) -> Optional[Tuple[int, str, bool]]:
        """The loop around the call ``edge`` makes: (line, kind, whether it is a retry loop)."""
        calls = self._file_calls(edge.path) or []
        name = _short(edge.dst)
        for call in calls:
            if call.line == edge.line and name in call.names and call.loop is not None:
                return call.loop[0], ("retry/fallback loop" if call.retry else call.loop[1]), call.retry
        for call in calls:
            if call.line == edge.line and call.func in MAPPERS and name in call.names and call.func != name:
                return call.line, f"`{call.func}(...)` call", False
        return None

    def per_item_loop(self, function: str) -> Optional[LoopHit]:
        """The nearest loop, in any caller up the graph, that calls ``function`` once per item
        (or, ``retry`` set, once per attempt until one succeeds)."""
        start: Tuple[Tuple[str, str, int], ...] = ()
        queue: "deque[Tuple[str, Tuple[Tuple[str, str, int], ...], Tuple[str, ...]]]" = deque([(function, start, ())])
        seen = {function}
        while queue:
            fn, via, chain = queue.popleft()
            if len(via) >= MAX_DEPTH:
                continue
            for edge in sorted(self.callers.get(fn, []), key=lambda e: (e.path, e.line, e.src)):
                hop = via + ((_short(edge.src), edge.path, edge.line),)
                loop = self._loop_at(edge)
                if loop is not None:
                    return LoopHit(edge.path, loop[0], loop[1], _short(edge.src), hop, edge.src, chain + (edge.src,),
                                   retry=loop[2])
                if edge.src not in seen:
                    seen.add(edge.src)
                    queue.append((edge.src, hop, chain + (edge.src,)))
        return None

    # ---- time-critical side effects --------------------------------------------------------
    def _alerts(self, qualname: str) -> Optional[str]:
        """What ``qualname`` itself does that someone waits for now (paging, SMS, an alert)."""
        entry = self.functions.get(qualname)
        if entry is None:
            return None
        facts, fn = entry
        for sink in facts.sinks:
            if sink.function == qualname and sink.kind in sinks.TIME_CRITICAL:
                return f"{sink.note} ({facts.path}:{sink.line})"
        for ref in fn.calls:
            if ref.kind != "call" or not ref.expr or ref.expr[0] != "name":
                continue
            name = str(ref.expr[1])
            kind = self._client_kind(name)
            if kind in sinks.TIME_CRITICAL:
                return f"{_short(qualname)} sends {kind} through `{'.'.join(name.split('.')[-3:])}` ({facts.path}:{ref.line})"
        if _ALERT_NAME.search(fn.name):
            return f"`{fn.name}` ({facts.path}:{fn.line}) pages or alerts"
        return None

    def _client_kind(self, name: str) -> Optional[str]:
        """The sink kind of a dotted name: a sink itself, or a member of a global bound to a sink client."""
        kind = sinks.sink_kind(name, name.rsplit(".", 1)[-1], ())
        if kind:
            return kind
        parts = name.split(".")
        for end in range(len(parts) - 1, 0, -1):
            bound = self.globals.get(".".join(parts[:end]))
            if bound:
                for value in bound:
                    if isinstance(value, list) and value and value[0] == "call" and isinstance(value[1], list) \
                            and value[1] and value[1][0] == "name":
                        kind = sinks.sink_kind(str(value[1][1]), "", ())
                        if kind:
                            return kind
                return None
        return None

    def time_critical(self, function: str) -> Optional[str]:
        """Where ``function``, or a direct caller of it, pages, texts or alerts someone; None if nowhere."""
        scope = [function] + sorted({e.src for e in self.callers.get(function, [])})
        for fn in scope:
            found = self._alerts(fn)
            if found:
                return found if fn == function else f"its caller `{_short(fn)}`: {found}"
            for edge in self.edges.get(fn, []):
                if edge.dst == function:
                    continue
                found = self._alerts(edge.dst)
                if found:
                    owner = "it" if fn == function else f"its caller `{_short(fn)}`"
                    return f"{owner} calls `{_short(edge.dst)}` ({edge.path}:{edge.line}): {found}"
        return None
