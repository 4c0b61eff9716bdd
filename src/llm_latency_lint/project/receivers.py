"""What built a listener decorator's receiver, across modules.

``def register_handlers(app): @app.event("message") def on_message(...)`` registers a Slack
listener only if the ``app`` its callers pass is a Bolt ``App``; a route decorator on
``self.router`` or on ``bot`` imported from another module likewise. The file alone cannot tell,
so the facts pass records such a trigger with its receiver (``Trigger.receiver``) and the
framework roots that would make it one; this module follows the receiver back through callers'
arguments, ``self`` attributes, module globals, locals and factory returns to the constructors
that built it. Framework objects are no values of the propagation (only SDK clients and project
objects are), hence this small backward walk over the facts' expressions.
"""
from __future__ import annotations

from typing import Iterator, List, Sequence, Set

from llm_latency_lint.model import Expr
from llm_latency_lint.project.bindings import Bindings
from llm_latency_lint.project.symbols import Symbols

MAX_DEPTH = 8


class Receivers:
    def __init__(self, symbols: Symbols, bindings: Bindings) -> None:
        self.s = symbols
        self.bindings = bindings

    def built_by(self, receiver: Expr, roots: Sequence[str]) -> bool:
        """Was ``receiver`` built by a constructor under one of ``roots`` (``slack_bolt`` ...)?"""
        return any(any(ctor == r or ctor.startswith(r + ".") for r in roots)
                   for ctor in self.constructors(receiver))

    def constructors(self, expr: Expr) -> List[str]:
        seen: Set[str] = set()
        return list(dict.fromkeys(self._ctors(expr, 0, seen)))

    def _ctors(self, expr: Expr, depth: int, seen: Set[str]) -> Iterator[str]:
        if not expr or depth > MAX_DEPTH:
            return
        key = repr(expr)
        if key in seen:
            return
        seen.add(key)
        tag = expr[0]
        if tag == "call" and expr[1] and expr[1][0] == "name":
            yield from self._built(str(expr[1][1]), depth, seen)
        elif tag in ("type", "declared") and expr[1]:
            yield from self._class(str(expr[1]), depth, seen)
        elif tag == "name":
            for value in self._global(str(expr[1])):
                yield from self._ctors(value, depth + 1, seen)
        elif tag == "param":
            for _, value in self.bindings.arguments_for(expr):
                yield from self._ctors(value, depth + 1, seen)
        elif tag == "attr" and expr[1] and expr[1][0] == "self":
            klass = self.s.classes.get(str(expr[1][1]))
            for value in (klass.attrs.get(str(expr[2]), []) if klass is not None else []):
                yield from self._ctors(value, depth + 1, seen)
        elif tag == "var":
            for value in self.s.locals.get(str(expr[1]), []):
                yield from self._ctors(value, depth + 1, seen)
        elif tag == "any":
            for value in expr[1]:
                yield from self._ctors(value, depth + 1, seen)

    def _built(self, callee: str, depth: int, seen: Set[str]) -> Iterator[str]:
        """``App(...)``: the class (and a project class's bases); ``create_app()``: what it returns."""
        callee = self._canonical(callee)
        if callee in self.s.functions:
            for value in self.s.functions[callee][0].returns:
                yield from self._ctors(value, depth + 1, seen)
            return
        yield from self._class(callee, depth, seen)

    def _class(self, name: str, depth: int, seen: Set[str]) -> Iterator[str]:
        name = self._canonical(name)
        yield name
        klass = self.s.classes.get(name)
        for base in (klass.bases if klass is not None and depth <= MAX_DEPTH else []):
            if base and base[0] == "name" and str(base[1]) not in seen:
                seen.add(str(base[1]))
                yield from self._class(str(base[1]), depth + 1, seen)

    def _global(self, name: str) -> List[Expr]:
        name = self._canonical(name)
        return self.s.globals.get(name, [])

    def _canonical(self, name: str) -> str:
        """A name written through a module alias (a path-derived import name) as the module's own."""
        self.s.ask(name)
        if name in self.s.globals or name in self.s.functions or name in self.s.classes:
            return name
        parts = name.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            module = self.s.module_aliases.get(".".join(parts[:cut]))
            if module is not None:
                return ".".join([module, *parts[cut:]])
        return name
