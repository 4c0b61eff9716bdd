"""Why a call site is ``unknown``: where the trail from the site back towards an entry point stops.

The classifier walks forwards from triggers; a site nothing reaches gets this explanation
instead of an empty evidence list. Walking the call edges backwards from the site's function,
every function that has no caller (and that no trigger starts) is where a trail stops:

- a call somewhere names a method of that name on a receiver the graph could not type
  (``self.llm.summarize(...)`` with ``self.llm`` unset or injected untyped): the likely caller,
  with the line, so a reviewer can check it;
- a call of it sits in code that never runs (a block behind a module's false flag,
  ``project/false_flags.py``): that call, with why;
- otherwise "no caller found": library code, dead code, or something this tool does not
  recognise runs it (a framework, another repository, a person).

The last step says how to settle it: a function pragma on the function where the trail stops
(``# llm-latency: scheduled``), the ``scheduled-functions`` / ``real-time-functions`` lists, a
``wrappers`` entry, or a call pragma on the site.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Set, Tuple

from llm_latency_lint.files.testpaths import is_test_path
from llm_latency_lint.model import Expr
from llm_latency_lint.project.config_names import written
from llm_latency_lint.project.graph import Edge, Project
from llm_latency_lint.project.values import Kind

MAX_WALK = 200  # functions visited backwards from one site
MAX_STOPS = 3  # trail ends named per site
MAX_CANDIDATES = 2  # untyped calls named per trail end


@dataclass
class Step:
    path: str
    line: int
    note: str


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _short(qualname: str, project: Project) -> str:
    fn = project.functions.get(qualname)
    if fn is not None and fn[0].cls:
        return ".".join(qualname.split(".")[-2:])
    return qualname.rsplit(".", 1)[-1]


def _text(expr: Expr) -> str:
    """``self.llm.summarize`` for an attribute chain, for notes."""
    parts: List[str] = []
    node = expr
    while node and node[0] == "attr":
        parts.append(str(node[2]))
        node = node[1]
    if node and node[0] == "self":
        parts.append("self")
    elif node and node[0] == "param":
        parts.append(str(node[2]))
    elif node and node[0] in ("name", "unknown"):
        parts.append(str(node[1]).rsplit(".", 1)[-1])
    elif node and node[0] == "item":
        parts.append(f"{_text(node[1])}[...]" if node[1] and node[1][0] != "item" else "<element>")
    elif node and node[0] == "call":
        parts.append(f"{_text(node[1])}(...)")
    else:
        parts.append("<value>")
    return ".".join(reversed(parts))


class Explainer:
    def __init__(self, project: Project, edges: Dict[str, List[Edge]], started: Set[str],
                 dead: Optional[Dict[str, List[Tuple[Edge, str]]]] = None) -> None:
        self.p = project
        self.dead = dead or {}  # callee -> the calls of it in code that never runs, with why
        self.started = started  # functions some trigger (of any class, or an entry point) starts
        self.callers: Dict[str, List[Edge]] = {}
        tests: Dict[str, bool] = {}  # per path: edges are many, their files few
        for src, out in edges.items():
            for edge in out:
                if edge.src == edge.dst:
                    continue
                test = tests.get(edge.path)
                if test is None:
                    test = tests[edge.path] = is_test_path(edge.path)
                if not test:  # tests call everything
                    self.callers.setdefault(edge.dst, []).append(edge)
        # method name -> calls on an untyped receiver; "=" + name -> calls typed as some class (+ its method)
        self._untyped: Optional[Dict[str, List[tuple]]] = None

    def explain(self, function: str, path: str, line: int) -> List[Step]:
        stops = self._stops(function)
        steps: List[Step] = []
        for stop in stops[:MAX_STOPS]:
            steps.extend(self._why(stop))
        if function not in stops:  # known callers lead nowhere; an untyped call may be the live path
            found = self.p.functions.get(function)
            if found is not None and found[0].cls:
                name = _short(function, self.p)
                for caller, c_path, c_line, text in self._untyped_calls().get(function.rsplit(".", 1)[-1], [])[:MAX_CANDIDATES]:
                    steps.append(Step(c_path, c_line, f"{caller} calls {text}() on a receiver with no known type: "
                                                      f"if that is {_article(name.split('.')[0])} {name.split('.')[0]}, it reaches this call"))
        where = next((s for s in stops if not s.endswith((".<module>", ".__main__"))), None)
        if where is None:
            steps.append(Step(path, line, (
                "to settle it: put '# llm-latency: scheduled' (or real-time / near-real-time) on this call"
            )))
            return steps
        steps.append(Step(path, line, (
            f"to settle it: put '# llm-latency: scheduled' (or real-time / near-real-time) on def "
            f"{_short(where, self.p)}, or list {written(where, self.p)} under scheduled-functions / real-time-functions in "
            "[tool.llm-latency-lint], or put the pragma on this call"
        )))
        return steps

    def _stops(self, function: str) -> List[str]:
        """Functions with no caller on the way back from ``function`` (nearest first)."""
        seen, stops = {function}, []
        queue = deque([function])
        while queue and len(seen) < MAX_WALK:
            fn = queue.popleft()
            callers = [e.src for e in self.callers.get(fn, [])]
            if not callers and fn not in self.started:
                stops.append(fn)
            for src in callers:
                if src not in seen:
                    seen.add(src)
                    queue.append(src)
        return stops

    def _why(self, stop: str) -> List[Step]:
        found = self.p.functions.get(stop)
        path, line = (found[1].path, found[0].line) if found else ("", 0)
        name = _short(stop, self.p)
        if stop.endswith(".<module>"):
            return [Step(path, line, f"the trail stops at module-level code of {found[1].module if found else stop}: "
                                     "no entry point or schedule in the repository runs or imports it")]
        dead = [(edge, why) for edge, why in self.dead.get(stop, ()) if not is_test_path(edge.path)][:MAX_CANDIDATES]
        if dead:  # called, but only from code that never runs
            return [Step(edge.path, edge.line, f"the trail stops at {name}: {_short(edge.src, self.p)} calls it only "
                                               f"in code that never runs, {why}") for edge, why in dead]
        method = stop.rsplit(".", 1)[-1]
        candidates = self._untyped_calls().get(method, [])[:MAX_CANDIDATES]
        if candidates:
            return [Step(c_path, c_line, f"the trail stops at {caller}: it calls {text}() on a receiver with "
                                         f"no known type, so it is not known to reach {name}")
                    for caller, c_path, c_line, text in candidates]
        elsewhere = [c for c in self._untyped_calls().get("=" + method, []) if c[4] != stop][:MAX_CANDIDATES]
        if elsewhere:  # the receiver was typed, as another class (a factory that returns one of several?)
            return [Step(c_path, c_line, f"the trail stops at {caller}: its {text}() is typed as {other}, not "
                                         f"{name} (a factory or a setting that returns one of several classes?)")
                    for caller, c_path, c_line, text, other in
                    [(c[0], c[1], c[2], c[3], _short(c[4], self.p)) for c in elsewhere]]
        return [Step(path, line, f"no caller found for {name}: nothing in the repository calls it and no "
                                 "recognised trigger starts it (library code, dead code, or run from outside)")]

    def _untyped_calls(self) -> Dict[str, List[tuple]]:
        """Method name -> calls of that name whose receiver the graph could not type."""
        if self._untyped is None:
            self._untyped = {}
            wanted = {q.rsplit(".", 1)[-1] for q, (fn, _) in self.p.functions.items() if fn.cls}
            for facts in self.p.files:
                if is_test_path(facts.path):
                    continue
                for fn in facts.functions.values():
                    for ref in fn.calls:
                        if ref.kind != "call" or not ref.expr or ref.expr[0] != "attr" or str(ref.expr[2]) not in wanted:
                            continue
                        ev = self.p.evaluator
                        values = ev.solver.query(lambda: ev.eval(ref.expr), fn.qualname)
                        where = (_short(fn.qualname, self.p), facts.path, ref.line, _text(ref.expr))
                        if not values:  # no known type: a lost trail
                            self._untyped.setdefault(str(ref.expr[2]), []).append(where)
                            continue
                        methods = sorted(a.name for a in values if a.kind is Kind.FUNC)
                        if methods:  # typed: kept to say which class it was typed as
                            self._untyped.setdefault("=" + str(ref.expr[2]), []).append((*where, methods[0]))
        return self._untyped


def steps_for(explainer: Explainer, function: str, path: str, line: int) -> Sequence[Step]:
    return explainer.explain(function, path, line)
