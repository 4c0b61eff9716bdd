"""What a constructor stores and what a dotted constant holds, for ``dead_branches``.

A method's ``if self.dummy_mode: return`` reads what ``__init__`` stored from its parameter
(``FunctionFacts.stores``: ``self.dummy_mode = dummy_mode``): the values every construction
passes for it, as for any parameter, when that store is the only assignment of the attribute in
the instance's class hierarchy (``ClassFacts.attrs``), nothing else writes an attribute of that name
(``FileFacts.attr_writes``: ``obj.dummy_mode = ...``, ``self.dummy_mode += 1``, any receiver, tests
included: they may set it for the code they run), and the class's file writes no attribute by a
computed name. Label policy 14: "a flag a constructor stores".

A dotted constant (``LLMProvider.OPENAI``, ``settings.MODE``: ``facts/branches.py`` writes it
``$qualified.name``) is the string literal a project class attribute or module global is bound to,
once, with no write of that name elsewhere; an attribute the class and its project bases lack, where
no base outside the project could supply it, raises before the call that names it (``RAISES``: the
call passes nothing). Any other constant is unknown, and the branches it touches stay live.
"""
from __future__ import annotations

import ast
from typing import Dict, List, Optional, Tuple

from llm_latency_lint.expr import ANY, PARAM, STR, TYPE, UNKNOWN, Expr
from llm_latency_lint.model import CONSTANT, METHOD, FunctionFacts
from llm_latency_lint.model import DYNAMIC_WRITES as DYNAMIC
from llm_latency_lint.project.false_flags import set_elsewhere
from llm_latency_lint.project.graph import Project

__all__ = ["RAISES", "Stored"]

RAISES = "!raises"  # reading the constant raises (``AttributeError``): the call naming it never happens
# Bases that define no upper-case constants of their own: a name missing from the class is missing.
_PLAIN_BASES = frozenset({"enum.Enum", "enum.IntEnum", "enum.StrEnum", "enum.Flag", "enum.IntFlag", "object",
                          "str", "int"})


class Stored:
    """The project's attribute writes, counted once, and the lookups ``dead_branches`` asks."""

    def __init__(self, project: Project) -> None:
        self.p = project
        self._writes: Optional[Dict[str, int]] = None
        self._elsewhere: Optional[set] = None

    def writes(self, attr: str) -> int:
        if self._writes is None:
            self._writes = {}
            for facts in self.p.files:
                for name, count in facts.attr_writes.items():
                    self._writes[name] = self._writes.get(name, 0) + count
        return self._writes.get(attr, 0)

    def _dynamic(self, cls: str) -> bool:
        facts = self.p.symbols.class_files.get(cls)
        return facts is None or DYNAMIC in facts.attr_writes

    def constructor_param(self, fn: FunctionFacts, attr: str) -> Optional[Tuple[str, str]]:
        """(constructor, parameter) whose value ``self.<attr>`` holds in method ``fn``, else None (a
        decorated method has no ``params``: the facts pass keys only an instance method's ``self``)."""
        if not fn.cls or fn.params and fn.params[0] != METHOD or self.writes(attr):
            return None
        hierarchy = self.p.evaluator.classes
        family = list(dict.fromkeys(hierarchy.mro(fn.cls) + hierarchy.subclasses(fn.cls)))
        owners = [k for k in family if k in self.p.classes and attr in self.p.classes[k].attrs]
        if len(owners) != 1 or self._dynamic(owners[0]):
            return None
        init = f"{owners[0]}.__init__"
        found = self.p.functions.get(init)
        param = found[0].stores.get(attr) if found else None
        if param is None or not _only_param(self.p.classes[owners[0]].attrs[attr], init, param):
            return None
        return init, param

    def literal(self, value: str) -> Optional[str]:
        """``value`` as a literal's ``repr``: itself unless a dotted constant; the constant's literal,
        ``RAISES``, or None when it cannot tell."""
        if not value.startswith(CONSTANT):
            return value
        owner, _, attr = value[len(CONSTANT):].rpartition(".")
        owner = self._defined(owner)
        dotted = f"{owner}.{attr}"
        if owner in self.p.classes:
            return self._class_constant(owner, attr)
        exprs = self.p.symbols.globals.get(dotted)
        if exprs and len(exprs) == 1 and owner in self.p.modules:
            if self._elsewhere is None:
                self._elsewhere = set_elsewhere(self.p)
            return None if attr in self._elsewhere else _literal(exprs[0])
        return None

    def _defined(self, name: str) -> str:
        """Where a re-exported name is defined: ``pkg.client.Provider`` for ``from .consts import
        Provider`` there is ``pkg.consts.Provider`` (a few hops of ``from x import y``)."""
        for _ in range(4):
            module, _, last = name.rpartition(".")
            facts = self.p.modules.get(module)
            imported = facts.imports.get(last) if facts is not None and name not in self.p.classes else None
            if not imported or imported == name:
                break
            name = imported
        return name

    def _class_constant(self, cls: str, attr: str) -> Optional[str]:
        hierarchy = self.p.evaluator.classes
        order = hierarchy.mro(cls)
        owner = next((k for k in order if k in self.p.classes and attr in self.p.classes[k].attrs), None)
        if owner is not None:
            exprs = [e for e in self.p.classes[owner].attrs[attr] if e[:1] != [TYPE]]
            if len(exprs) != 1 or self.writes(attr) or self._dynamic(owner):
                return None
            return _literal(exprs[0])
        for klass in order:
            for base in self.p.classes[klass].bases if klass in self.p.classes else [["unknown", "?"]]:
                name = str(base[1]) if base and base[0] in ("name", UNKNOWN) else ""
                if name not in self.p.classes and name not in _PLAIN_BASES:
                    return None  # a base outside the project may define it
        return RAISES


def _only_param(exprs: List[Expr], init: str, param: str) -> bool:
    """The class's assignments to the attribute are the constructor's store of ``param`` alone
    (annotations aside: ``flag: bool`` in the body, or the parameter's own annotation)."""
    held = [e for e in exprs if e[:1] != [TYPE]]
    if len(held) != 1:
        return False
    one = held[0]
    if one[:1] == [ANY]:
        parts = [e for e in one[1] if e[:1] != [TYPE]]
        one = parts[0] if len(parts) == 1 else []
    return one[:1] == [PARAM] and one[1] == init and one[2] == param


def _literal(expr: Expr) -> Optional[str]:
    if expr[:1] == [STR]:
        return repr(expr[1])
    if expr[:1] == [UNKNOWN]:  # a literal the expressions keep as its text (``True``, ``None``)
        try:
            value = ast.literal_eval(str(expr[1]))
        except (ValueError, SyntaxError):
            return None
        return repr(value) if isinstance(value, (str, int, float, bool, type(None))) else None
    return None
