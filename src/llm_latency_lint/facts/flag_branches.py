"""Blocks behind a module-level flag bound once to a false literal: ``ENABLE_VOICE = False`` at
the top of ``tasks.py`` and ``if ENABLE_VOICE:`` in any function (or at module level) of that file.

The file alone cannot tell that such a block never runs: another module may set the flag
(``tasks.ENABLE_VOICE = True``). So the facts pass records each block (``FlagBranch``) and the
project stage (``project/false_flags.py``) drops it only when no other module writes the flag.
The flag's rules are those of ``constant_flags``: one plain binding in the whole file (no other
assignment, ``global``, parameter, loop target or import of the name anywhere in it), no dynamic
writes (``globals()``, ``setattr(``, ``import *``), a test reading the name alone.
"""
from __future__ import annotations

from typing import Callable, Dict, List, Optional, Tuple, Union

import libcst as cst

from llm_latency_lint.model import FlagBranch
from llm_latency_lint.syntax.walk import nodes_of

__all__ = ["flag_branches"]

Lines = Callable[[List[cst.CSTNode]], Optional[Tuple[int, int]]]  # ``Positions.lines_of``


def _tested(test: cst.BaseExpression) -> Optional[str]:
    """The name a test reads alone (``if DEBUG:``, ``while (RUNNING):``)."""
    return test.value if isinstance(test, cst.Name) else None


def flag_branches(module: cst.Module, flags: Dict[str, cst.SimpleStatementLine], line: Callable[[cst.CSTNode], int],
                  lines_of: Lines) -> List[FlagBranch]:
    """Every ``if``/``elif``/``while`` body whose test is a module-level false flag of this file
    (``flags``: ``FileBindings.module_flags``)."""
    if not flags:
        return []
    elifs = {id(node.orelse) for node in nodes_of(module, cst.If) if isinstance(node.orelse, cst.If)}
    found: List[FlagBranch] = []
    tests: List[Union[cst.If, cst.While]] = [*nodes_of(module, cst.If), *nodes_of(module, cst.While)]
    for node in tests:
        name = _tested(node.test)
        if name not in flags or not isinstance(node.body, cst.IndentedBlock):
            continue
        lines = lines_of(list(node.body.body))
        if lines is None:  # nothing in the block a call edge or a call site could be on
            continue
        test = "while" if isinstance(node, cst.While) else "elif" if id(node) in elifs else "if"
        found.append(FlagBranch(name, line(flags[name]), line(node), lines[0], lines[1], test))
    return sorted(found, key=lambda b: (b.start, b.end))
