"""The batch variant of one function on a chain of calls: ``<name>_batch(calls)``.

A loop reaches an SDK call once per item, directly or through other functions
(``for t in tickets: summarize_ticket(t)`` -> ``summarize_thread(t.subject, ...)`` -> the call).
Each function ``f`` on that chain gets a variant built level by level (``caller_loop.py``):

    def f_batch(calls):
        items = list(calls)
        results = <one request per item, all at once: the SDK batch, or the lower level's ``_batch``>

        def finish(<f's parameters>):   # f's own body, the call replaced by ``next(results)``
            ...

        return map(finish, items)       # ``starmap`` for several parameters

``f``'s first statement must be the call (``x = call``, ``call``, ``return call``), so its
arguments read only ``f``'s parameters and can be built for every item first. The rest of ``f``
runs per item, lazily, where the loop takes the item's result, in order. ``map`` goes on after
a call that raised, and so do the helpers' results (``map`` over the items): a failed item
raises its SDK error at its own result, the items after it still get theirs.
"""
from __future__ import annotations

from typing import List, Optional, Set, Tuple

import libcst as cst

from llm_latency_lint.fixes.base import Refuse
from llm_latency_lint.fixes.emit import replace_nodes
from llm_latency_lint.fixes.names import fresh
from llm_latency_lint.fixes.text import reindent, split_top_level

Wanted = Tuple[str, Optional[str]]
BODIES = "\x00bodies\x00"  # the request list's place in a helper call (``batch._BODIES``)
_LINE = 100


PER_ITEM_TRY = "; a failed item raises its SDK error at its own result, inside the loop's `try`, and the loop goes on"


def per_item_note(label: str) -> str:
    """The comment above a loop whose per-item ``try`` catches each item's own failure."""
    return (f"The requests go to the {label} Batch API; the loop below runs on the results, in order.\n"
            "A failed request raises its error at its own `next(...)`, inside the `try`; the rest go on.")


def code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def check_function(fn: cst.FunctionDef) -> None:
    """Refuse a function whose batch variant would not behave like it."""
    name = fn.name.value
    if fn.decorators:
        raise Refuse(f"`{name}` is decorated; the batch version would not be")
    if fn.asynchronous is not None:
        raise Refuse(f"`{name}` is async; batching at an async caller's loop is not done yet")
    params = fn.params
    if isinstance(params.star_arg, (cst.Param, cst.ParamStar)) or params.star_kwarg or params.posonly_params \
            or params.kwonly_params:
        raise Refuse(f"`{name}` takes `*args`, `**kwargs` or keyword-only parameters")
    if not params.params:
        raise Refuse(f"`{name}` takes no parameters: every call makes the same request")
    if _has(fn.body, (cst.Yield,)):
        raise Refuse(f"`{name}` is a generator")


def _body(fn: cst.FunctionDef) -> List[cst.BaseStatement]:
    """``fn``'s statements without its docstring."""
    body = list(fn.body.body) if isinstance(fn.body, cst.IndentedBlock) else []
    if body and isinstance(body[0], cst.SimpleStatementLine) and isinstance(body[0].body[0], cst.Expr) \
            and isinstance(body[0].body[0].value, (cst.SimpleString, cst.ConcatenatedString)):
        body = body[1:]
    return body


def first_call(fn: cst.FunctionDef, outer: cst.BaseExpression) -> bool:
    """Check that ``outer`` is what ``fn`` runs first: its first statement is ``x = <outer>``,
    ``<outer>`` or ``return <outer>``. True when that is all ``fn`` does (``return <outer>``)."""
    body = _body(fn)
    name = fn.name.value
    first = body[0] if body else None
    small = first.body[0] if isinstance(first, cst.SimpleStatementLine) and len(first.body) == 1 else None
    if isinstance(small, (cst.Expr, cst.Return, cst.AnnAssign)) and small.value is outer:
        return isinstance(small, cst.Return) and len(body) == 1
    if isinstance(small, cst.Assign) and small.value is outer:
        return False
    if small is None or not _has(small, (type(outer),), outer):
        raise Refuse(f"`{name}` does work before the call; only a call that comes first is batched at the caller")
    raise Refuse(f"the call is not `name = <call>`, `<call>` or `return <call>` at the top of `{name}`")


def _has(node: cst.CSTNode, kinds: Tuple[type, ...], exact: Optional[cst.CSTNode] = None) -> bool:
    found: List[cst.CSTNode] = []

    class _Find(cst.CSTVisitor):
        def on_visit(self, n: cst.CSTNode) -> bool:
            if isinstance(n, kinds) and (exact is None or n is exact):
                found.append(n)
            return not isinstance(n, (cst.FunctionDef, cst.ClassDef, cst.Lambda)) or n is node

    node.visit(_Find())
    return bool(found)


def submit_lines(call: str, comprehension: Tuple[str, str, str], di: str, lead: str) -> List[str]:
    """``lead + call`` with ``BODIES`` replaced by ``[<element> for <target> in <items>]``,
    wrapped one argument per line when long."""
    element, target, items = comprehension
    if element.strip() == target:  # the items are the arguments
        return [lead + call.replace(BODIES, items)]
    one = lead + call.replace(BODIES, f"[{element} for {target} in {items}]")
    if "\n" not in one and len(di) + len(one) <= _LINE:
        return [one]
    head, _, rest = call.partition("(")
    lines = [f"{lead}{head}("]
    for arg in (a.strip() for a in split_top_level(rest[:-1])):
        if arg == BODIES:
            lines += [f"{di}[", f"{di * 2}{reindent(element, di * 2)}", f"{di * 2}for {target} in {items}", f"{di}],"]
        else:
            lines.append(f"{di}{arg},")
    return lines + [")"]


def batch_variant(fn: cst.FunctionDef, outer: cst.BaseExpression, submit: str, element: str, new_name: str,
                  doc: str, di: str, taken: Set[str]) -> Tuple[cst.FunctionDef, List[Wanted]]:
    """``<fn>_batch(calls)``: ``submit`` (a call with ``BODIES`` where the list of per-item
    ``element`` goes) for every item at once, then the rest of ``fn`` per item on its result."""
    only = first_call(fn, outer)
    params = fn.params.params
    names = [p.name.value for p in params]
    single = len(names) == 1
    target = names[0] if single else ", ".join(names)
    annotations = [code(p.annotation.annotation) if p.annotation is not None else None for p in params]
    typed = all(annotations) and fn.returns is not None
    imports: List[Wanted] = []
    if typed:
        item = annotations[0] if single else f"Tuple[{', '.join(a for a in annotations if a)}]"
        signature = f"def {new_name}(calls: Iterable[{item}]) -> Iterator[{code(fn.returns.annotation)}]:"  # type: ignore[union-attr]
        imports += [("typing", "Iterable"), ("typing", "Iterator")] + ([] if single else [("typing", "Tuple")])
    else:
        signature = f"def {new_name}(calls):"
    taken = taken | set(names)
    items, results, finish = fresh("items", taken), fresh("results", taken), fresh("finish", taken)
    lines = [signature, f'{di}"""{doc}"""', f"{di}{items} = list(calls)"]
    lead = "return " if only else f"{results} = "
    lines += [f"{di}{reindent(line, di)}" for line in submit_lines(submit, (element, target, items), di, lead)]
    if not only:
        rest = replace_nodes(fn, {outer: cst.parse_expression(f"next({results})")})
        assert isinstance(rest, cst.FunctionDef)
        plain = [p.with_changes(default=None, equal=cst.MaybeSentinel.DEFAULT) for p in rest.params.params]
        rest = rest.with_changes(name=cst.Name(finish), body=rest.body.with_changes(body=_body(rest)),
                                 params=rest.params.with_changes(params=plain), leading_lines=[], decorators=[])
        lines.append("")
        lines += [f"{di}{line}" if line.strip() else "" for line in cst.Module([rest], default_indent=di).code.splitlines()]
        lines += ["", f"{di}return {'map' if single else 'starmap'}({finish}, {items})"]
        if not single:
            imports.append(("itertools", "starmap"))
    new = cst.parse_module("\n".join(lines) + "\n").body[0]
    assert isinstance(new, cst.FunctionDef)
    return new.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()]), imports


def existing(module: cst.Module, name: str) -> Optional[str]:
    """``<name>_batch`` written by an earlier fix (of another loop over ``name``), if any."""
    for stmt in module.body:
        if isinstance(stmt, cst.FunctionDef) and stmt.name.value == f"{name}_batch":
            doc = stmt.get_docstring() or ""
            if doc.startswith(f"`{name}` for many calls"):
                return stmt.name.value
    return None


def stops_at_failure(module: cst.Module, name: str) -> bool:
    """The module's ``def name`` is a generator (how format 1 wrote ``_batch``): it ends at the
    first item that raises, so later items get no result."""
    return any(isinstance(s, cst.FunctionDef) and s.name.value == name and _has(s.body, (cst.Yield,))
               for s in module.body)


def find_function(module: cst.Module, name: str, where: str) -> cst.FunctionDef:
    """The module-level ``def name`` (the one function of the chain in that module), or ``Refuse``."""
    found = [s for s in module.body if isinstance(s, cst.FunctionDef) and s.name.value == name]
    if len(found) != 1:
        raise Refuse(f"`{name}` ({where}) is not one module-level `def`")
    return found[0]
