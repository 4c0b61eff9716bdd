"""Applying plans to a module: node replacement, helpers (imported or inline), imports.

Helpers come from the project's generated helper module (``helper_module.py``): the fixed module
gets ``from <package>._llm_batch import <helper>``. With ``fix-helper-module = "inline"`` they
are emitted once per module instead, after its last top-level import, so their annotations can
use what is imported and code at the bottom of the module can call them. Imports go where
Ruff's isort order puts them (``imports.py``), never appended out of order.
"""
from __future__ import annotations

import re
import textwrap
from typing import Dict, Iterable, List, Optional, Sequence, Set

import libcst as cst

from llm_latency_lint.fixes.base import Helper, Plan, Replacement
from llm_latency_lint.fixes.imports import FirstParty, Statement, from_line, spaced
from llm_latency_lint.fixes.imports import add_imports as add_sorted_imports


class _Replace(cst.CSTTransformer):
    """Swaps nodes for their replacements; with ``pin``, also writes the module's default indent
    into each of the file's own blocks that relied on it (replacements are not visited)."""

    def __init__(self, mapping: Dict[cst.CSTNode, Replacement], pin: Optional[str] = None) -> None:
        super().__init__()
        self.mapping = mapping
        self.pin = pin

    def on_leave(self, original_node, updated_node):
        replacement = self.mapping.get(original_node)
        if replacement is not None:
            return replacement
        if self.pin is not None and isinstance(updated_node, cst.IndentedBlock) and updated_node.indent is None:
            return updated_node.with_changes(indent=self.pin)
        return updated_node


# What libcst accepts as a module's default indent when it builds code (imports, helpers).
_PLAIN_INDENT = re.compile(r"[ \t]+")


def replace_nodes(node: cst.CSTNode, mapping: Dict[cst.CSTNode, Replacement]) -> cst.CSTNode:
    """``node`` with original subnodes swapped for their replacements (identity-keyed)."""
    updated = node.visit(_Replace(mapping))
    assert isinstance(updated, cst.CSTNode), "replacements are made below the node, never of it"
    return updated


def bound_at_top(module: cst.Module) -> Set[str]:
    bound: Set[str] = set()
    for stmt in module.body:
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            bound.add(stmt.name.value)
        elif isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, cst.Assign):
                    for target in small.targets:
                        if isinstance(target.target, cst.Name):
                            bound.add(target.target.value)
                elif isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                    bound.add(small.target.value)
    return bound


def ordered(helpers: Iterable[Helper]) -> List[Helper]:
    out: List[Helper] = []
    seen: Set[str] = set()

    def add(helper: Helper) -> None:
        if helper.name in seen:
            return
        for dep in helper.requires:
            add(dep)
        seen.add(helper.name)
        out.append(helper)

    for helper in helpers:
        add(helper)
    return out


def _is_import(stmt: cst.CSTNode) -> bool:
    return isinstance(stmt, cst.SimpleStatementLine) and all(
        isinstance(s, (cst.Import, cst.ImportFrom)) for s in stmt.body
    )


def _blank(n: int) -> List[cst.EmptyLine]:
    return [cst.EmptyLine() for _ in range(n)]


def add_helpers(module: cst.Module, helpers: Sequence[Helper]) -> cst.Module:
    bound = bound_at_top(module)
    new: List[Statement] = []
    for helper in ordered(helpers):
        if helper.name in bound:
            continue
        parsed = cst.parse_module(textwrap.dedent(helper.source).strip() + "\n").body
        if parsed:
            first = parsed[0].with_changes(leading_lines=_blank(2 if new or isinstance(parsed[0], cst.FunctionDef) else 1))
            parsed = [first, *parsed[1:]]
        new.extend(parsed)
        bound.add(helper.name)
    if not new:
        return module
    body = list(module.body)
    last_import = max((i for i, s in enumerate(body) if _is_import(s)), default=-1)
    if last_import < 0:  # after the docstring and any ``from __future__``
        last_import = 0 if body and _is_docstring(body[0]) else -1
    first_after = last_import + 1
    if first_after < len(body):
        body[first_after] = spaced(body[first_after], 2)
    body[first_after:first_after] = new
    return module.with_changes(body=body)


def _is_docstring(stmt: cst.CSTNode) -> bool:
    return (
        isinstance(stmt, cst.SimpleStatementLine)
        and len(stmt.body) == 1
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _nobody(module: str) -> bool:
    return False


def _top_level_bindings(module: cst.Module) -> Dict[str, str]:
    """Name -> what binds it at module level: "module:a.b", "from:a.b.c" or "other"."""
    found: Dict[str, str] = {}
    for stmt in module.body:
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            found[stmt.name.value] = "other"
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if isinstance(small, cst.Import):
                for alias in small.names:
                    full = cst.Module([]).code_for_node(alias.name)
                    name = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else full.split(".")[0]
                    found[name] = f"module:{full}" if not alias.asname else f"alias:{full}"
            elif isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar) and small.module is not None:
                base = "." * len(small.relative) + cst.Module([]).code_for_node(small.module)
                for alias in small.names:
                    bound = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else alias.name.value
                    found[str(bound)] = f"from:{base}.{alias.name.value}"
            elif isinstance(small, (cst.Assign, cst.AnnAssign)):
                targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target]
                for target in targets:
                    if isinstance(target, cst.Name):
                        found[target.value] = "other"
    return found


def name_conflicts(module: cst.Module, plan: Plan, helper_module: Optional[str] = None) -> List[str]:
    """Names the plan's imports would bind that the module already binds to something else."""
    bound = _top_level_bindings(module)
    imports = list(plan.imports)
    if helper_module is not None:
        imports.extend((helper_module, h.name) for h in plan.helpers if bound.get(h.name) != "other")
    else:
        for helper in ordered(plan.helpers):
            imports.extend(helper.imports)
    clashes = []
    for module_name, obj in imports:
        if obj is None:
            name, ok = module_name.split(".")[0], bound.get(module_name.split(".")[0], "").startswith("module:")
        else:
            name, ok = obj, bound.get(obj) == f"from:{module_name}.{obj}"
        if name in bound and not ok and name not in clashes:
            clashes.append(name)
    return clashes


_ANNOTATION_LIKE = re.compile(r"[A-Za-z_][\w.]*(?:\[[\w.\[\], |]*\])?(?: *\| *[A-Za-z_][\w.\[\], ]*)*")


class _Uses(cst.CSTVisitor):
    """Names the code reads (conservatively: any name outside imports, attribute tails and
    keywords, and any identifier inside a string, which may be an annotation or ``__all__``)."""

    def __init__(self) -> None:
        self.names: Set[str] = set()

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)
        return False

    def visit_Name(self, node: cst.Name) -> None:
        self.names.add(node.value)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        text = node.value.strip("\"'rbuRBU")
        if _ANNOTATION_LIKE.fullmatch(text):  # a string annotation or an ``__all__`` entry, not prose
            self.names.update(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))


def _uses(module: cst.Module) -> Set[str]:
    visitor = _Uses()
    module.visit(visitor)
    return visitor.names


def _import_keys(module: cst.Module) -> Set[tuple]:
    keys = set()
    for stmt in module.body:
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                for key, _ in _aliases(small):
                    keys.add(key)
    return keys


def _aliases(small: cst.BaseSmallStatement) -> List[tuple]:
    """((kind, module, name, alias), bound name) of each name an import statement binds."""
    code = cst.Module([]).code_for_node
    found = []
    if isinstance(small, cst.Import):
        for a in small.names:
            full = code(a.name)
            alias = code(a.asname.name) if a.asname else ""
            found.append((("import", full, "", alias), alias or full.split(".")[0]))
    elif isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
        base = "." * len(small.relative) + (code(small.module) if small.module is not None else "")
        for a in small.names:
            alias = code(a.asname.name) if a.asname else ""
            found.append((("from", base, code(a.name), alias), alias or code(a.name)))
    return found


def prune_imports(before: cst.Module, after: cst.Module) -> cst.Module:
    """``after`` without the top-level imports the rewrite left unused: ones it added that
    nothing reads, and the module's own that were read before and are not any more (the
    rewritten call was their only use). Other unused imports are the module's business."""
    used_before, used_after = _uses(before), _uses(after)
    original = _import_keys(before)
    body = list(after.body)
    changed = False
    for index in range(len(body)):
        stmt = body[index]  # as an earlier removal may have left it (its leading lines)
        if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
            continue
        small = stmt.body[0]
        if isinstance(small, cst.ImportFrom) and small.module is not None and cst.Module([]).code_for_node(small.module) == "__future__":
            continue
        if not isinstance(small, (cst.Import, cst.ImportFrom)) or isinstance(small.names, cst.ImportStar):
            continue  # binds no name an alias could drop
        drop = {
            key for key, bound in _aliases(small)
            if bound not in used_after and (key not in original or bound in used_before)
        }
        if not drop:
            continue
        kept = [a for (key, _), a in zip(_aliases(small), small.names) if key not in drop]
        changed = True
        if kept:
            code = cst.Module([]).code_for_node
            if isinstance(small, cst.ImportFrom) and not any(a.asname for a in kept) and "#" not in code(small):
                base = "." * len(small.relative) + (code(small.module) if small.module is not None else "")
                body[index] = from_line(base, [code(a.name) for a in kept]).with_changes(
                    leading_lines=stmt.leading_lines, trailing_whitespace=stmt.trailing_whitespace)
            else:
                kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
                body[index] = stmt.with_changes(body=[small.with_changes(names=kept)])
        else:
            body[index] = None  # type: ignore[call-overload]
            following = next((j for j in range(index + 1, len(body)) if body[j] is not None), None)
            if following is not None:  # its blank lines and comments stay where they were
                lines = list(body[following].leading_lines)
                ours = list(stmt.leading_lines)
                if not lines:
                    lines = ours
                elif any(line.comment for line in ours):
                    lines = ours + [line for line in lines if line.comment]
                body[following] = body[following].with_changes(leading_lines=lines)
    if not changed:
        return after
    return after.with_changes(body=[s for s in body if s is not None])


def apply_plans(
    module: cst.Module, plans: Sequence[Plan], helper_module: Optional[str] = None, first_party: FirstParty = _nobody
) -> cst.Module:
    """All plans at once (they must not touch overlapping nodes), then imports, then helpers.

    With ``helper_module`` the helpers are imported from it (the caller writes that module);
    without, they are emitted into ``module``."""
    mapping: Dict[cst.CSTNode, Replacement] = {}
    helpers: List[Helper] = []
    imports: List[tuple] = []
    for plan in plans:
        mapping.update(plan.replace)
        helpers.extend(plan.helpers)
        imports.extend(plan.imports)
    bound = bound_at_top(module)
    if helper_module is not None:
        imports.extend((helper_module, h.name) for h in helpers if h.name not in bound)
        helpers = []
    for helper in ordered(helpers):
        if helper.name not in bound:
            imports.extend(helper.imports)
    # libcst infers the default indent from the first block; one led by a form feed ("\x0c ")
    # is valid Python but libcst cannot build code against it, and new nested blocks would not
    # nest under it. The file's blocks keep their indent; new code gets four spaces.
    pin = None if _PLAIN_INDENT.fullmatch(module.default_indent) else module.default_indent
    updated = module.visit(_Replace(mapping, pin)) if mapping or pin else module
    assert isinstance(updated, cst.Module)
    if pin is not None:
        updated = updated.with_changes(default_indent="    ")
    if imports:
        updated = add_sorted_imports(updated, imports, first_party)
    if helpers:
        updated = add_helpers(updated, helpers)
    return prune_imports(module, updated)
