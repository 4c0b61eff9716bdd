"""Lambdas nothing can call: the calls in their bodies never run.

``llm = lambda p: ollama.generate(model=m, prompt=p)`` inside a function binds a local (or a
global the function declares) that no code of the module reads: nothing calls the lambda, so its
body is no call of the function that builds it (round 12's eumel8/ollama-chatbot). Only names bound
inside a function count (a module-level name may be imported elsewhere), and any other occurrence of
the name in the module (a call, an argument, an attribute or a parameter of that name) keeps the
lambda live.
"""
from __future__ import annotations

from typing import Callable, Dict, List, Set, Tuple, Union

import libcst as cst

from llm_latency_lint.syntax.walk import nodes_of

Spot = Tuple[int, int]  # a call's line and 1-based column, as the facts record it


def uncalled_lambdas(module: cst.Module, line: Callable[[cst.CSTNode], int],
                     span: Callable[[cst.Call], Tuple[int, int, int, int]]) -> Dict[Spot, str]:
    """Every call inside a lambda bound to a name nothing reads -> why."""
    lambdas = [a for a in nodes_of(module, cst.Assign) if isinstance(a.value, cst.Lambda) and len(a.targets) == 1
               and isinstance(a.targets[0].target, cst.Name)]
    if not lambdas:
        return {}
    inside = {id(a) for fn in nodes_of(module, cst.FunctionDef) for a in nodes_of(fn.body, cst.Assign)}
    bound = [(str(a.targets[0].target.value), a) for a in lambdas if id(a) in inside]  # type: ignore[attr-defined]
    names = {name for name, _ in bound}
    binding: Set[int] = set()
    declared: List[Union[cst.Global, cst.Nonlocal]] = [*nodes_of(module, cst.Global), *nodes_of(module, cst.Nonlocal)]
    for statement in declared:
        binding.update(id(item.name) for item in statement.names)
    for assign in nodes_of(module, cst.Assign):  # ``ask = None`` binds the name, it does not read it
        binding.update(id(t.target) for t in assign.targets if isinstance(t.target, cst.Name))
    read = {n.value for n in nodes_of(module, cst.Name) if n.value in names and id(n) not in binding}
    found: Dict[Spot, str] = {}
    for name, assign in bound:
        if name in read:
            continue
        why = f"in the lambda bound to {name} at line {line(assign)}, which nothing calls"
        for call in nodes_of(assign.value, cst.Call):
            found.setdefault(span(call)[:2], why)
    return found
