"""The recognisers' view of the facts pass (``catalog.triggers.api.Context``)."""
from __future__ import annotations

from typing import Any, Dict, Optional, Protocol, Set

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Recognizer
from llm_latency_lint.model import CallRef, Expr, FileFacts, FunctionFacts, Trigger
from llm_latency_lint.syntax.literals import literal


class Pass(Protocol):
    """What the context reads of the pass that owns it (``FactsVisitor``)."""

    facts: FileFacts
    module: cst.Module
    module_values: Dict[str, cst.BaseExpression]
    module_constants: Dict[str, Any]
    source: Optional[str]

    def line(self, node: cst.CSTNode) -> int: ...

    def expr(self, node: cst.BaseExpression) -> Expr: ...

    def current_function(self) -> FunctionFacts: ...


class FileContext:
    """What recognisers may read and record during the pass: the ``Context`` of ``catalog.triggers.api``."""

    def __init__(self, visitor: Pass) -> None:
        self._v = visitor
        self._state: Dict[str, Any] = {}
        self._mentions: Dict[str, bool] = {}
        self._prefixes: Optional[Set[str]] = None  # dotted prefixes of every imported name (``imports``)

    @property
    def facts(self) -> FileFacts:
        return self._v.facts

    @property
    def module(self) -> str:
        return self._v.facts.module

    @property
    def path(self) -> str:
        return self._v.facts.path

    @property
    def function(self) -> str:
        """Qualname of the function (or module pseudo-function) being visited."""
        return self._v.current_function().qualname

    def state(self, owner: Recognizer, factory: Any = dict) -> Any:
        if owner.id not in self._state:
            self._state[owner.id] = factory()
        return self._state[owner.id]

    def line(self, node: cst.CSTNode) -> int:
        return self._v.line(node)

    def qualified(self, node: Optional[cst.BaseExpression]) -> Optional[str]:
        """Dotted qualified name of a Name/Attribute chain, through imports and module names."""
        if node is None:
            return None
        expr = self._v.expr(node)
        return expr[1] if expr and expr[0] == "name" else None

    def expr(self, node: cst.BaseExpression) -> Expr:
        return self._v.expr(node)

    def module_value(self, name: str) -> Optional[cst.BaseExpression]:
        """The expression last bound to ``name`` at module level so far (``name = value``)."""
        return self._v.module_values.get(name)

    def literal(self, node: Optional[cst.BaseExpression]) -> Any:
        value = literal(node)
        if value is None and isinstance(node, cst.Name):
            constant = self._v.module_constants.get(node.value)
            return constant
        return value

    def mentions(self, word: str) -> bool:
        found = self._mentions.get(word)
        if found is None:  # one search of the file per word, not one per function asking
            source = self._v.source
            found = self._mentions[word] = source is None or word in source
        return found

    def imports(self, root: str) -> bool:
        """Does the file import ``root`` or anything under it? Recognisers ask on every call (a
        tenth of the facts pass when each question scanned the imports): answered from the set of
        every imported name's dotted prefixes, made again after the visitor records an import."""
        prefixes = self._prefixes
        if prefixes is None:
            prefixes = self._prefixes = set()
            for name in self._v.facts.imports.values():
                at = name.find(".")
                while at != -1:  # ``q.startswith(root + ".")``: root is ``q`` cut before a dot
                    prefixes.add(name[:at])
                    at = name.find(".", at + 1)
                prefixes.add(name)
        return root in prefixes

    def imports_changed(self) -> None:
        """The visitor recorded an import: ``imports`` reads them again."""
        self._prefixes = None

    def code(self, node: cst.CSTNode) -> str:
        return self._v.module.code_for_node(node)

    def tree(self) -> cst.Module:
        return self._v.module

    def add_trigger(self, trigger: Trigger) -> None:
        self._v.facts.triggers.append(trigger)

    def add_task_name(self, name: str, qualname: str) -> None:
        self._v.facts.task_names[name] = qualname

    def add_call(self, ref: CallRef, function: Optional[str] = None) -> None:
        """Record an extra edge (a callable a recogniser knows gets invoked)."""
        fn = self._v.facts.functions.get(function) if function else self._v.current_function()
        if fn is not None:
            fn.calls.append(ref)
