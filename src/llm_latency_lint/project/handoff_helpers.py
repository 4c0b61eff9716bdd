"""The project's own hand-off helpers (issue 15, round 9): a function that starts what it is handed
in another thread or task and returns, ``def run_async_in_thread(coro): def run_in_thread():
loop.run_until_complete(coro)`` then ``Thread(target=run_in_thread).start()``, or ``def
in_background(fn, *args): executor.submit(fn, *args)``. A caller's ``run_async_in_thread(reply(m))``
or ``in_background(reply, m)`` starts ``reply`` and does not wait for it (label policy 4), as
``create_task`` and ``Thread`` themselves do: the edge to ``reply`` that the argument alone makes
(the coroutine's call, the callable's reference) is a hand-off.

A parameter is handed off when the helper gives it to a hand-off it does not wait for, or when a
function nested in the helper that the helper starts that way (and anything nested in that) calls,
runs or hands on the parameter. A helper that waits (``await loop.run_in_executor(None, fn)``) is
no hand-off: the caller keeps its class.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Dict, List, Set, Tuple

from llm_latency_lint.model import CallRef, FunctionFacts
from llm_latency_lint.project.edges import Edge
from llm_latency_lint.project.symbols import Symbols

Targets = Callable[[CallRef, str], List[str]]
_USES = ("call", "ref", "queue")


def handed_params(edges: Dict[str, List[Edge]], symbols: Symbols) -> Dict[str, Set[str]]:
    """Helper -> the positions (``"0"``) and names of the parameters it hands off."""
    out: Dict[str, Set[str]] = {}
    for src, found in edges.items():
        if src not in symbols.functions:
            continue
        started = {e.dst for e in found if e.kind == "queue" and e.handoff and not e.waited and e.dst.startswith(src + ".")}
        handed = {ref.expr[2]: ref.expr[3] for ref in symbols.functions[src][0].calls
                  if ref.kind == "queue" and not ref.waited and _param_of(ref, src)}
        for qual, (fn, _) in symbols.functions.items() if started else ():
            if any(qual == s or qual.startswith(s + ".") for s in started):
                handed.update({ref.expr[2]: ref.expr[3] for ref in fn.calls if ref.kind in _USES and _param_of(ref, src)})
        if handed:
            out[src] = {str(name) for name in handed} | {str(at) for at in handed.values()}
    return out


def _param_of(ref: CallRef, owner: str) -> bool:
    expr = ref.expr
    return bool(expr) and expr[0] == "param" and len(expr) >= 4 and expr[1] == owner


def hand_off_through_helpers(edges: Dict[str, List[Edge]], symbols: Symbols, targets: Targets) -> None:
    """Rewrite, in place, each caller's edge to work it hands a helper into a hand-off edge."""
    helpers = handed_params(edges, symbols)
    if not helpers:
        return
    for src, found in edges.items():
        called = {(e.line, e.dst) for e in found if e.kind == "call" and e.dst in helpers}
        if not called or src not in symbols.functions:
            continue
        swaps = _started(symbols.functions[src][0], called, helpers, targets)
        if swaps:
            edges[src] = [replace(e, kind="queue", waited=False, handoff=True, note=swaps[(e.line, e.dst)])
                          if e.kind in ("call", "ref") and (e.line, e.dst) in swaps else e for e in found]


def _started(fn: FunctionFacts, called: Set[Tuple[int, str]], helpers: Dict[str, Set[str]],
             targets: Targets) -> Dict[Tuple[int, str], str]:
    """(line, function) of each edge of ``fn`` that hands work to a helper -> the hop's note."""
    swaps: Dict[Tuple[int, str], str] = {}
    calls = fn.calls
    for at, outer in enumerate(calls):
        if outer.kind != "call":
            continue
        for helper in (h for line, h in called if line == outer.line and h in targets(outer, fn.qualname)):
            note = f"{helper.rsplit('.', 1)[-1]}()"
            for index in range(at + 1, len(calls)):
                ref = calls[index]
                if (ref.line, ref.col) != (outer.line, outer.col) or ref.kind not in ("arg", "ref"):
                    continue
                if ref.arg not in helpers[helper]:
                    continue
                if ref.kind == "ref":
                    swaps.update({(ref.line, dst): note for dst in targets(ref, fn.qualname)})
                elif ref.expr and ref.expr[0] == "call":  # ``helper(reply(m))``: the coroutine's call
                    inner = next((c for c in calls[index + 1:] if c.kind == "call" and c.expr == ref.expr[1]), None)
                    if inner is not None:
                        swaps.update({(inner.line, dst): note for dst in targets(inner, fn.qualname)})
    return swaps
