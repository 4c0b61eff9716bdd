"""Subcommands an argparse program picks by comparing the parsed command word in an ``if`` chain.

``bsky = "bsky_cli.cli:main"`` with ``main`` doing ``if args.command == "notify": from .notify
import run`` / ``elif args.command == "engage": from .engage import run`` ... ``return run(args)``:
a crontab line running ``bsky notify --execute`` runs only the ``notify`` branch. Each branch is
the entry ``object:<module>.<function>/<word>`` (the key a console script run with words looks
for, as a Typer or Click command is, ``project/classify``) running the functions the branch
imports and the function calls (the name each branch rebinds), and the functions the branch
calls itself (``return dms_show(args)``), and what the function runs outside its chains (a setup
call before the chain runs whichever word picks the branch). The words a branch accepts are the
string a test compares an attribute with (``args.command == "notify"``, ``"notify" == args.cmd``,
``args.command in ("notify", "n")``).
"""
from __future__ import annotations

from typing import AbstractSet, Dict, List, Optional, Sequence, Set, Tuple

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.literals import dotted, literal
from llm_latency_lint.syntax.walk import nodes_of

OBJECT = "object:"  # the entry a console script's target with subcommand words names (``project/classify``)
SOURCE = "subcommand-branch"
MAX_BRANCHES = 64


def _words(test: cst.BaseExpression) -> List[str]:
    """The command words ``test`` accepts: ``args.command == "notify"`` and its mirror, ``in`` a
    literal tuple, list or set of strings; nothing for any other test."""
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return []
    target = test.comparisons[0]
    left, right = test.left, target.comparator
    if isinstance(target.operator, cst.Equal):
        if isinstance(right, cst.Attribute) and not isinstance(left, cst.Attribute):
            left, right = right, left
        value = literal(right)
        return [value] if isinstance(left, cst.Attribute) and isinstance(value, str) and value else []
    if isinstance(target.operator, cst.In) and isinstance(left, cst.Attribute):
        values = literal(right)
        if isinstance(values, (tuple, list, set, frozenset)) and values and all(isinstance(v, str) for v in values):
            return [str(v) for v in values]
    return []


def _chain(statement: cst.If) -> List[Tuple[List[str], cst.If]]:
    """(words, branch) of each ``if`` / ``elif`` of a chain testing the command word."""
    found: List[Tuple[List[str], cst.If]] = []
    current: Optional[cst.If] = statement
    while current is not None and len(found) < MAX_BRANCHES:
        words = _words(current.test)
        if words:
            found.append((words, current))
        current = current.orelse if isinstance(current.orelse, cst.If) else None
    return found


class SubcommandBranches(Recognizer):
    id = "subcommand-branches"
    words = ("argparse",)

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        if ctx.imports("argparse"):
            ctx.state(self).setdefault("functions", []).append((qualname, node))

    def _package(self, ctx: "Context") -> List[str]:
        module = ctx.module.split(".")
        return module if ctx.path.endswith("__init__.py") else module[:-1]

    def _imported(self, ctx: "Context", node: cst.ImportFrom) -> Dict[str, str]:
        """Local name -> qualified name of what a ``from ... import`` binds (relative dots read
        against the file's package)."""
        if isinstance(node.names, cst.ImportStar):
            return {}
        base = dotted(node.module) if node.module is not None else ""
        if node.relative:
            package = self._package(ctx)
            up = len(node.relative) - 1
            if up > len(package):
                return {}
            package = package[: len(package) - up] if up else package
            base = ".".join([*package, base] if base else package)
        found: Dict[str, str] = {}
        for alias in node.names:
            name = dotted(alias.name)
            if base and name:
                local = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else name
                found[local] = f"{base}.{name}"
        return found

    def on_module_end(self, ctx: "Context") -> None:
        for qualname, function in ctx.state(self).get("functions", []):
            called: Set[str] = {c.func.value for c in nodes_of(function.body, cst.Call) if isinstance(c.func, cst.Name)}
            statements = nodes_of(function.body, cst.If)
            elifs = {id(s.orelse) for s in statements if isinstance(s.orelse, cst.If)}
            chains = [(statement, _chain(statement)) for statement in statements if id(statement) not in elifs]
            chains = [(statement, branches) for statement, branches in chains if branches]
            if not chains:
                continue
            # the function's code outside its chains runs whichever word picks a branch
            inside = {id(n) for statement, _ in chains for n in (*nodes_of(statement, cst.Call),
                                                                  *nodes_of(statement, cst.ImportFrom))}
            branch_bound = {local for statement, _ in chains for n in nodes_of(statement, cst.ImportFrom)
                            for local in self._imported(ctx, n)}
            common = self._targets(ctx, function.body, called, inside, branch_bound)
            for statement, branches in chains:
                for words, branch in branches:
                    targets = self._targets(ctx, branch.body, called)
                    for word in words:
                        for target in targets:
                            self._add(ctx, qualname, word, target, branch, "")
                        for target in common:
                            self._add(ctx, qualname, word, target, function, " (outside the command chain)")

    def _add(self, ctx: "Context", qualname: str, word: str, target: str, node: cst.CSTNode, how: str) -> None:
        ctx.add_trigger(Trigger(
            kind="entry", source=SOURCE, target=["name", target], line=ctx.line(node),
            note=f"{qualname.rsplit('.', 1)[-1]} runs {target.rsplit('.', 1)[-1]} for the command word '{word}'{how}",
            entry_key=f"{OBJECT}{qualname}/{word}"))

    def _targets(self, ctx: "Context", body: cst.BaseSuite, called: Set[str], skip: AbstractSet[int] = frozenset(),
                 unbound: AbstractSet[str] = frozenset()) -> List[str]:
        """What a branch runs: the names its imports bind that the function calls, and the project
        functions it calls itself; ``skip`` the nodes (the chains') left out, ``unbound`` the names
        only a branch binds."""
        bound: Dict[str, str] = {}
        for node in nodes_of(body, cst.ImportFrom):
            if id(node) not in skip:
                bound.update(self._imported(ctx, node))
        targets = [target for local, target in bound.items() if local in called]
        for call in nodes_of(body, cst.Call):
            if id(call) in skip or isinstance(call.func, cst.Name) and call.func.value in unbound:
                continue
            if isinstance(call.func, cst.Name) and call.func.value in bound:
                continue
            name = ctx.qualified(call.func)
            if name and not name.startswith(("builtins.", "argparse.")):
                targets.append(name)
        return list(dict.fromkeys(targets))


RECOGNIZERS = [SubcommandBranches()]
