"""The name-based fallback (class-hierarchy analysis) where receiver types run out.

A method call whose receiver has no known value (``p.generate_tldr(...)`` on an element nothing
typed, ``bot.generate_summary()`` on an object handed through an untyped chain) is linked to the
project's methods of that name, on these conditions (docs/dynamic-dispatch.md):

- the receiver holds nothing the graph knows (a project object whose class lacks the method gets
  it from a library base: ``super().run(token)`` in a ``discord.Client`` subclass), and is not a
  library's object: a receiver rooted in an external name or call (``requests.get(url).json()``,
  ``self.session = requests.Session()``) is typed enough, just not by the project;
- the name is not a dunder, not one of ``catalog.dispatch.GENERIC_METHOD_NAMES`` (container, I/O
  and lifecycle verbs libraries share), and at most ``MAX_CLASSES`` project classes define it
  (test files excluded); a runner verb libraries share (``catalog.dispatch.SHARED_RUN_NAMES``:
  ``session.run(...)``) links only to classes of modules some program loading the caller also
  loads (``programs``): a backup script of its own never holds the bot's object;
- the receiver is not rooted in an unbound name (``NameError``) or in a name a project module it is
  imported from lacks (``ImportError``);
- at least one of those methods reaches an LLM call site (over typed edges and the links this
  fallback adds, to a fixpoint), so only links that matter are added, and only to those methods.

Each link is an ``Edge`` with ``by_name`` set: its evidence step says "X.m resolved by name".
"""
from __future__ import annotations

import builtins
from typing import Dict, Iterable, List, Optional, Set, Tuple

from llm_latency_lint.catalog.dispatch import (
    GENERIC_METHOD_NAMES,
    MAX_LOADED_FUNCTIONS,
    MODULE_LOADERS,
    SHARED_RUN_NAMES,
)
from llm_latency_lint.files.testpaths import is_test_path
from llm_latency_lint.model import CallRef, Expr, FileFacts, FunctionFacts
from llm_latency_lint.project.edges import Edge
from llm_latency_lint.project.evaluate import Evaluator
from llm_latency_lint.project.values import Kind, Values

MAX_CLASSES = 3  # a name more classes define is too common to guess from
MAX_ROOT_DEPTH = 4  # assignments followed back when asking whether a receiver is a library's object
PROJECT_KINDS = frozenset({Kind.OBJ, Kind.CLASS, Kind.SUPER, Kind.MODULE})
# Reasons the facts pass gives for an ``["unknown", ...]`` that is not a name left unbound.
UNKNOWN_REASONS = frozenset({"recursive", "lambda", "built"})

Untyped = Tuple[FunctionFacts, FileFacts, CallRef]


def method_index(evaluator: Evaluator) -> Dict[str, List[str]]:
    """Method name -> the project methods of that name (outside tests), when few classes define it."""
    found: Dict[str, List[str]] = {}
    tests = test_files(evaluator)
    for qual, (fn, facts) in evaluator.s.functions.items():
        name = fn.name
        if not fn.cls or facts.path in tests or name.startswith("__") or name in GENERIC_METHOD_NAMES:
            continue
        found.setdefault(name, []).append(qual)
    return {name: quals for name, quals in found.items()
            if len({evaluator.s.functions[q][0].cls for q in quals}) <= MAX_CLASSES}


def loaded_module_functions(evaluator: Evaluator) -> Dict[str, List[str]]:
    """Function name -> the module-level project functions of that name (outside tests), when at
    most ``MAX_LOADED_FUNCTIONS`` modules define one: what ``module.<name>()`` may run on a module
    loaded at run time."""
    found: Dict[str, List[str]] = {}
    tests = test_files(evaluator)
    for qual, (fn, facts) in evaluator.s.functions.items():
        if not fn.cls and qual == f"{facts.module}.{fn.name}" and facts.path not in tests and not fn.name.startswith("<"):
            found.setdefault(fn.name, []).append(qual)
    return {name: quals for name, quals in found.items() if len(quals) <= MAX_LOADED_FUNCTIONS}


def _loaded_module(expr: Expr) -> bool:
    """``importlib.util.module_from_spec(spec)`` / ``importlib.import_module(name)`` (inlined locals)."""
    return bool(expr) and expr[0] == "call" and bool(expr[1]) and expr[1][0] == "name" and expr[1][1] in MODULE_LOADERS


def _undefined(expr: Expr, facts: FileFacts) -> bool:
    """The receiver is rooted in a name no scope of its file binds, no import or star import
    gives, no builtin is, and no function of the file writes (``global gemini`` or
    ``globals()["gemini"]``): running the call raises ``NameError`` (a renamed module's leftover)."""
    while expr and expr[0] in ("attr", "call", "item"):
        expr = expr[1]
    return (bool(expr) and expr[0] == "unknown" and str(expr[1]).isidentifier()
            and str(expr[1]) not in UNKNOWN_REASONS and not hasattr(builtins, str(expr[1]))
            and f"{facts.module}.{expr[1]}" not in facts.globals)


def test_files(evaluator: Evaluator) -> Set[str]:
    return {facts.path for facts in evaluator.s.files if is_test_path(facts.path)}


class ByName:
    def __init__(self, evaluator: Evaluator, edges: Dict[str, List[Edge]], untyped: Iterable[Untyped],
                 site_functions: Set[str]) -> None:
        self.ev = evaluator
        self.edges = edges
        self.untyped = list(untyped)
        self.sites = site_functions

    def extend(self) -> Dict[str, List[Edge]]:
        """``edges`` plus the links by name, to a fixpoint of "reaches an LLM call site"."""
        index = method_index(self.ev)
        candidates: List[Tuple[Untyped, List[str]]] = []
        tests = test_files(self.ev)
        loaded = loaded_module_functions(self.ev)
        for call in self.untyped:
            methods = index.get(str(call[2].expr[2]))
            receiver, owner = call[2].expr[1], call[0].qualname
            if _loaded_module(receiver) and call[1].path not in tests and str(call[2].expr[2]) in loaded:
                candidates.append((call, loaded[str(call[2].expr[2])]))  # ``module.job()`` on a plugin loaded at run time
                continue
            if self._value(receiver, owner):
                continue  # a known object without that method: a library base class has it (``super().run()``)
            if _undefined(receiver, call[1]) or self._not_importable(receiver):
                continue  # ``claude.generate(...)`` where no scope binds ``claude``: a NameError, no call
            if methods and str(call[2].expr[2]) in SHARED_RUN_NAMES:
                methods = self._in_program(call[1].module, methods)  # ``session.run()`` in a script of its own
            if methods and call[1].path not in tests and not self._library_rooted(receiver, owner):
                candidates.append((call, methods))
        if not candidates:
            return self.edges
        out = {src: list(found) for src, found in self.edges.items()}
        linked: Set[Tuple[str, str, int, str]] = set()
        while True:
            reaching = self._reaching(out)
            added = False
            for (fn, facts, ref), methods in candidates:
                for method in methods:
                    key = (fn.qualname, facts.path, ref.line, method)
                    if method in reaching and method != fn.qualname and key not in linked:
                        linked.add(key)
                        out.setdefault(fn.qualname, []).append(
                            Edge(fn.qualname, method, ref.kind, facts.path, ref.line, by_name=True))
                        added = True
            if not added:
                return out

    def _in_program(self, module: str, methods: List[str]) -> List[str]:
        """The methods whose class's module some program loading ``module`` also loads."""
        functions, programs = self.ev.s.functions, self.ev.s.programs
        return [m for m in methods if programs.may_share(module, functions[m][1].module)]

    def _reaching(self, edges: Dict[str, List[Edge]]) -> Set[str]:
        """Functions from which some LLM call site's function is reachable."""
        callers: Dict[str, List[str]] = {}
        for src, found in edges.items():
            for edge in found:
                callers.setdefault(edge.dst, []).append(src)
        seen = set(self.sites)
        stack = list(seen)
        while stack:
            for src in callers.get(stack.pop(), ()):
                if src not in seen:
                    seen.add(src)
                    stack.append(src)
        return seen

    def _not_importable(self, expr: Expr, depth: int = 0) -> bool:
        """The receiver is built from a name imported from a project module that does not define it
        (``from src.summarizer import Summarizer`` where ``src/summarizer.py`` has no ``Summarizer``
        and no star import): the import raises ``ImportError`` before the call can run."""
        while expr and expr[0] in ("attr", "call", "item"):
            expr = expr[1]
        if expr and expr[0] == "var" and depth < MAX_ROOT_DEPTH:
            values = self.ev.s.locals.get(str(expr[1]), [])
            return bool(values) and all(self._not_importable(e, depth + 1) for e in values)
        if not expr or expr[0] != "name":
            return False
        s, name = self.ev.s, str(expr[1])
        parent, _, last = name.rpartition(".")
        module = s.modules.get(parent)
        return module is not None and not any(name in table for table in (s.functions, s.classes, s.globals, s.modules)) \
            and last not in module.imports and not any(key.startswith("*") for key in module.imports)

    # ---- is the receiver a library's object? -------------------------------------------
    def _value(self, expr: Expr, owner: str) -> Values:
        return self.ev.solver.query(lambda: self.ev.eval(expr), owner)

    def _library_rooted(self, expr: Expr, owner: str, depth: int = 0) -> bool:
        """The receiver (or what it was assigned) is typed as something outside the project."""
        if depth > MAX_ROOT_DEPTH or not expr:
            return False
        node: Optional[Expr] = expr
        while node and node[0] in ("attr", "call", "item"):
            value = self._value(node, owner)
            if value:
                return not all(a.kind in PROJECT_KINDS for a in value)
            if node[0] == "attr":
                base = self._value(node[1], owner)
                if base and all(a.kind in PROJECT_KINDS for a in base):
                    return any(self._library_rooted(e, owner, depth + 1) for e in self._assigned(base, str(node[2])))
            node = node[1]
        if not node:
            return False
        tag = node[0]
        if tag == "var":
            return any(self._library_rooted(e, owner, depth + 1) for e in self.ev.s.locals.get(str(node[1]), []))
        if tag == "param":
            peek = self.ev.solver.peek
            passed = set(peek(("arg", str(node[1]), str(node[3])))) | set(peek(("arg", str(node[1]), str(node[2]))))
            return any(a.kind in (Kind.EXTERNAL, Kind.CLIENT) for a in passed)
        value = self._value(node, owner)
        return bool(value) and not all(a.kind in PROJECT_KINDS for a in value)

    def _assigned(self, base: Values, attr: str) -> List[Expr]:
        """What code assigns to ``attr`` on the classes ``base`` holds (through their MROs)."""
        found: List[Expr] = []
        for atom in base:
            if atom.kind in (Kind.OBJ, Kind.CLASS):
                for klass in self.ev.classes.mro(atom.name):
                    facts = self.ev.s.classes.get(klass)
                    if facts is not None:
                        found.extend(facts.attrs.get(attr, []))
        return found
