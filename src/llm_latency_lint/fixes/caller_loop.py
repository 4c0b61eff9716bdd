"""Batch at the caller's loop: a single call whose function a loop calls once per item.

``def team_section(team, week): response = client.<op>(...); ...; return text`` called as
``[team_section(t, week) for t in teams]`` would be a batch of one per team. Instead the module
gets ``team_section_batch(calls)``, which builds every request (the call's own keyword
arguments, with the function's parameters taken from each call), submits them as one batch and
runs the rest of ``team_section``'s body on each result, in order; the caller's loop calls it
once with the arguments it used to pass item by item:

- a list comprehension whose element is the call: ``list(team_section_batch([(t, week) for t in teams]))``;
- a ``for`` loop: the three phases of the loop rewrite (``batch.py``), ``next(batch_results)``
  where the call was, with every refusal of ``loops.analyse``.

``team_section`` itself is kept for any other caller. A loop in another module gets
``from <module> import team_section_batch`` and the same rewrite, in the same fix (both files or
neither). What is handled, everything else refused with the reason and the loop's place: called
directly from the loop (no function in between), the loop not inside another loop nor its
function called per item; a plain module-level ``def`` (no decorator, not async, no
``*args``/``**kwargs``) whose first statement (after a docstring) is ``name = <the call>`` or
``return <the call>`` and whose one ``return`` ends the body; arguments without calls.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, Optional, Tuple

import libcst as cst

from llm_latency_lint.fixes import loops, names
from llm_latency_lint.fixes.base import UNSAFE, Plan, Refuse, SiteContext
from llm_latency_lint.fixes.text import reindent, split_top_level

if TYPE_CHECKING:  # pragma: no cover
    from llm_latency_lint.fixes.callers import LoopHit

# ``fixer`` and ``client`` below are ``batch.BatchFixer`` and ``batch.Client``: ``batch`` imports
# this module, so they are typed ``Any`` here.


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def _function(ctx: SiteContext) -> cst.FunctionDef:
    """The top-level ``def`` holding the call, or ``Refuse``."""
    fn = next((a for a in ctx.ancestors(ctx.call) if isinstance(a, (cst.FunctionDef, cst.ClassDef, cst.Lambda))), None)
    if not isinstance(fn, cst.FunctionDef) or fn not in ctx.module.body:
        raise Refuse("the call's function is not a module-level `def`")
    if fn.decorators:
        raise Refuse(f"`{fn.name.value}` is decorated; the batch version would not be")
    if fn.asynchronous is not None:
        raise Refuse(f"`{fn.name.value}` is async; batching at an async caller's loop is not done yet")
    params = fn.params
    if isinstance(params.star_arg, (cst.Param, cst.ParamStar)) or params.star_kwarg or params.posonly_params:
        raise Refuse(f"`{fn.name.value}` takes `*args`, `**kwargs` or keyword-only parameters")
    if not params.params:
        raise Refuse(f"`{fn.name.value}` takes no parameters: every call makes the same request")
    return fn


def _split(ctx: SiteContext, fn: cst.FunctionDef) -> Tuple[Optional[str], List[cst.BaseStatement], cst.BaseExpression]:
    """(the name the response is bound to or None for ``return <call>``, the statements after
    it without the final return, the returned expression)."""
    body = list(fn.body.body) if isinstance(fn.body, cst.IndentedBlock) else []
    if body and isinstance(body[0], cst.SimpleStatementLine) and \
            isinstance(body[0].body[0], cst.Expr) and isinstance(body[0].body[0].value, cst.SimpleString):
        body = body[1:]
    outer = ctx.outer()
    holder = next((a for a in ctx.ancestors(outer) if a in body), None)
    if holder is not None and holder is not body[0]:
        raise Refuse(f"`{fn.name.value}` does work before the call; only a call that comes first is batched at the caller")
    if not body or not isinstance(body[0], cst.SimpleStatementLine) or len(body[0].body) != 1:
        raise Refuse(f"the call is not `name = <call>` or `return <call>` at the top of `{fn.name.value}`")
    first = body[0].body[0]
    if isinstance(first, cst.Return) and first.value is outer:
        return None, [], cst.Name("response")
    if not (isinstance(first, cst.Assign) and len(first.targets) == 1 and isinstance(first.targets[0].target, cst.Name)
            and first.value is outer):
        raise Refuse(f"the call is not `name = <call>` or `return <call>` at the top of `{fn.name.value}`")
    rest = body[1:]
    last = rest[-1] if rest else None
    if not (isinstance(last, cst.SimpleStatementLine) and len(last.body) == 1 and isinstance(last.body[0], cst.Return)
            and last.body[0].value is not None):
        raise Refuse(f"`{fn.name.value}` does not end in `return <value>`")
    for stmt in rest[:-1]:
        if _returns(stmt):
            raise Refuse(f"`{fn.name.value}` returns from more than one place")
    return first.targets[0].target.value, rest[:-1], last.body[0].value  # type: ignore[union-attr]


class _Returns(cst.CSTVisitor):
    def __init__(self) -> None:
        self.found = False

    def visit_Return(self, node: cst.Return) -> None:
        self.found = True

    def visit_Yield(self, node: cst.Yield) -> None:
        self.found = True

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False


def _returns(node: cst.CSTNode) -> bool:
    visitor = _Returns()
    node.visit(visitor)
    return visitor.found


def _call_at(ctx: SiteContext, line: int, name: str) -> cst.Call:
    found = [n for n, pos in ctx.positions.items() if isinstance(n, cst.Call) and pos.start.line == line
             and isinstance(n.func, cst.Name) and n.func.value == name]
    if len(found) != 1:
        raise Refuse(f"cannot single out the call of `{name}` on line {line}")
    return found[0]


def _arguments(fn: cst.FunctionDef, call: cst.Call, same_module: bool) -> List[cst.BaseExpression]:
    """The call's arguments in the order of ``fn``'s parameters (defaults filled in: literals
    only when the caller is in another module, where the default's names mean nothing)."""
    params = fn.params.params
    values: List[Optional[cst.BaseExpression]] = [None] * len(params)
    by_name = {p.name.value: i for i, p in enumerate(params)}
    for index, arg in enumerate(call.args):
        if arg.star:
            raise Refuse("the loop passes `*args` or `**kwargs`")
        at = index if arg.keyword is None else by_name.get(arg.keyword.value, -1)
        if at < 0 or at >= len(params) or values[at] is not None:
            raise Refuse("the loop's call does not match the function's parameters")
        values[at] = arg.value
    for i, param in enumerate(params):
        if values[i] is None:
            if param.default is None:
                raise Refuse("the loop's call does not match the function's parameters")
            if not same_module and names.collect(param.default).reads:
                raise Refuse(f"the loop leaves `{param.name.value}` to its default, which names something "
                             "of the function's module")
            values[i] = param.default
    out = [v for v in values if v is not None]
    info = names.collect(*out)
    if info.calls or info.impure:
        raise Refuse("the arguments the loop passes call code; building them all first would reorder that")
    return out


def _annotation(param: cst.Param) -> Optional[str]:
    return _code(param.annotation.annotation) if param.annotation is not None else None


def batch_function(fixer: Any, ctx: SiteContext, fn: cst.FunctionDef, helper_call: str, body: cst.Call,
                   new_name: str) -> Tuple[cst.FunctionDef, List[Tuple[str, Optional[str]]]]:
    """``<fn>_batch(calls)``: every request in one batch, the rest of ``fn`` on each result."""
    bound, rest, value = _split(ctx, fn)
    params = [p.name.value for p in fn.params.params]
    if bound in params:
        raise Refuse(f"the response is bound to `{bound}`, a parameter of `{fn.name.value}`")
    annotations = [_annotation(p) for p in fn.params.params]
    single = len(params) == 1
    target = params[0] if single else ", ".join(params)
    typed = all(annotations) and fn.returns is not None
    imports: List[Tuple[str, Optional[str]]] = []
    if typed:
        item = annotations[0] if single else f"Tuple[{', '.join(a for a in annotations if a)}]"
        signature = f"def {new_name}(calls: Iterable[{item}]) -> Iterator[{_code(fn.returns.annotation)}]:"  # type: ignore[union-attr]
        imports += [("typing", "Iterable"), ("typing", "Iterator")] + ([] if single else [("typing", "Tuple")])
    else:
        signature = f"def {new_name}(calls):"
    di = ctx.module.default_indent
    lines = [
        signature,
        f'{di}"""`{fn.name.value}` for many calls: their requests go to one {fixer.label} batch; results in order."""',
        f"{di}items = list(calls)",
    ]
    submit = _submit(helper_call, _code(_without_call_comment(body)), target, di, "return " if bound is None else "responses = ")
    lines.extend(f"{di}{reindent(line, di)}" for line in submit)  # into the function's body
    if bound is not None:
        loop_target = f"{target}, {bound}" if single else f"({target}), {bound}"
        lines.append(f"{di}for {loop_target} in zip(items, responses):")
        tail: List[Any] = [*rest, cst.SimpleStatementLine([cst.Expr(cst.Yield(value))])]
        module = cst.Module(body=tail, default_indent=di)
        for line in module.code.splitlines():
            lines.append(f"{di * 2}{line}" if line.strip() else "")
    text = "\n".join(lines) + "\n"
    new = cst.parse_module(text).body[0]
    assert isinstance(new, cst.FunctionDef)
    return new.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()]), imports


def _without_call_comment(call: cst.Call) -> cst.Call:
    """The request without a comment right after its ``(`` (it described the original line)."""
    ws = call.whitespace_before_args
    if isinstance(ws, cst.ParenthesizedWhitespace) and ws.first_line.comment is not None:
        return call.with_changes(whitespace_before_args=ws.with_changes(
            first_line=cst.TrailingWhitespace(newline=ws.first_line.newline)))
    return call


def _submit(helper_call: str, body: str, target: str, di: str, lead: str) -> List[str]:
    """``lead + helper(client, [<body> for <target> in items])``, wrapped when long."""
    one = lead + helper_call.replace("\x00bodies\x00", f"[{body} for {target} in items]")
    if "\n" not in one and len(di) + len(one) <= 100:
        return [one]
    head, _, rest = helper_call.partition("(")
    lines = [f"{lead}{head}("]
    for arg in (a.strip() for a in split_top_level(rest[:-1])):
        if arg == "\x00bodies\x00":
            lines += [f"{di}[", f"{di * 2}{reindent(body, di * 2)}", f"{di * 2}for {target} in items", f"{di}],"]
        else:
            lines.append(f"{di}{arg},")
    return lines + [")"]


def plan(fixer: Any, ctx: SiteContext, hit: "LoopHit", client: Any, body: cst.Call,
         helper_call: str, imports: List[Tuple[str, Optional[str]]]) -> Plan:
    """The rewrite at the caller's loop, or ``Refuse`` saying why not and where the loop is."""
    if len(hit.via) != 1:
        raise Refuse("the loop reaches the call through another function; only a direct caller's loop is rewritten")
    fn = _function(ctx)
    if hit.caller == fn.name.value:
        raise Refuse("the function calls itself")
    receiver_reads = names.collect(cst.parse_expression(helper_call.split("(", 1)[1].split(",", 1)[0])).reads \
        if "(" in helper_call else set()
    if receiver_reads & {p.name.value for p in fn.params.params}:
        raise Refuse("the client is a parameter of the function")
    same = hit.path == ctx.finding.path
    where = f"{hit.path}:{hit.line}"
    cc = ctx if same else _caller_context(ctx, hit.path)  # the caller's module
    call = _call_at(cc, hit.via[0][2], fn.name.value)
    args = _arguments(fn, call, same)
    taken = names.all_names(ctx.module) | names.all_names(cc.module)
    existing = _existing_batch_function(ctx.module, fn.name.value)
    batch_name = existing or names.fresh(f"{fn.name.value}_batch", taken)
    new_fn, typing_imports = batch_function(fixer, ctx, fn, helper_call, body, batch_name)
    request = args[0] if len(args) == 1 else cst.Tuple([cst.Element(a) for a in args])
    own: dict = {} if existing else {fn: cst.FlattenSentinel([fn, new_fn])}  # a second loop reuses it
    description = (f"batch at the caller's loop ({where}, `{hit.caller}`): `{batch_name}` sends the requests of "
                   f"`{fn.name.value}` as one {fixer.label} batch and runs the rest of it on the results, in order")
    outer = ctx.callers.per_item_loop(hit.caller_qualname) if ctx.callers is not None and hit.caller_qualname else None
    if outer is not None:
        raise Refuse(f"`{hit.caller}` is itself called once per item ({outer.kind} at {outer.where()}): "
                     "a batch there would be one batch per item of that loop")
    comp = _comprehension_of(cc, call)
    _not_nested(cc, comp if comp is not None else call, where, inner=comp is None)
    if comp is not None:
        gen = comp.for_in
        ifs = "".join(f" if {_code(i.test)}" for i in gen.ifs)
        if names.collect(*[i.test for i in gen.ifs]).calls:
            raise Refuse(f"the comprehension at {where} filters with a call")
        source = f"list({batch_name}([{_code(request)} for {_code(gen.target)} in {_code(gen.iter)}{ifs}]))"
        at_loop = Plan(description, UNSAFE, {comp: cst.parse_expression(source)})
    else:
        loop_ctx = SiteContext(ctx.finding, ctx.match, call, cc.module, cc.parents, cc.positions, ctx.config, cc.text)
        params = {p.name.value for p in fn.params.params}
        # What the request reads besides the parameters (module globals): the loop must not change
        # it either, as every request is now built before the loop body runs.
        global_reads = sorted(r for r in names.collect(body).reads if r.split(".", 1)[0] not in params) if same else []
        shape = loops.analyse(loop_ctx, [request, *(cst.parse_expression(r) for r in global_reads)])
        if shape.loop is None:
            raise Refuse(f"the call at {where} is not in a `for` loop or list comprehension the fix rewrites")
        at_loop = fixer._loop_plan(loop_ctx, shape, request, f"{batch_name}(\x00bodies\x00)", "", taken, client, [])
        at_loop.description = description
    if same:
        at_loop.replace.update(own)
        at_loop.helpers = [client.helper]
        at_loop.imports = imports + typing_imports + at_loop.imports
        return at_loop
    at_loop.helpers = []
    function_module = ctx.finding.site.resolved.facts.module  # type: ignore[union-attr]
    at_loop.imports = [(function_module, batch_name), *at_loop.imports]
    return Plan(description, UNSAFE, own, helpers=[client.helper], imports=imports + typing_imports,
                others={hit.path: at_loop})


def _caller_context(ctx: SiteContext, path: str) -> SiteContext:
    """A context on the caller's module (another file of the project, parsed for this pass)."""
    other = ctx.other_file(path) if ctx.other_file is not None else None
    if other is None:
        raise Refuse(f"the loop is in another module ({path}) this run cannot rewrite")
    return SiteContext(ctx.finding, ctx.match, ctx.call, other.module, other.parents, other.positions, ctx.config,
                       other.text)


_LOOPS = (cst.For, cst.While, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)


def _not_nested(ctx: SiteContext, node: cst.CSTNode, where: str, inner: bool) -> None:
    """Refuse when the loop being rewritten runs inside another loop of the caller (one batch per
    outer item), or, for a comprehension, inside ``try`` with handlers (they saw per-call failures).
    ``inner``: ``node`` is the call inside the ``for`` loop to rewrite (its first loop is that one)."""
    skipped = not inner
    for anc in ctx.ancestors(node):
        if isinstance(anc, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
            return
        if isinstance(anc, _LOOPS):
            if not skipped:
                skipped = True  # the loop being rewritten
                continue
            raise Refuse(f"the loop at {where} runs inside another loop (line {ctx.line_of(anc)}): "
                         "that would be one batch per item of the outer loop")
        if not inner and isinstance(anc, (cst.Try, cst.TryStar)) and anc.handlers:
            raise Refuse(f"the comprehension at {where} is inside `try` (line {ctx.line_of(anc)}) whose handlers "
                         "depend on the per-call failure")


def _existing_batch_function(module: cst.Module, name: str) -> Optional[str]:
    """``<name>_batch`` written by an earlier fix of another loop over ``name``, if any."""
    for stmt in module.body:
        if isinstance(stmt, cst.FunctionDef) and stmt.name.value == f"{name}_batch":
            doc = stmt.get_docstring() or ""
            if doc.startswith(f"`{name}` for many calls"):
                return stmt.name.value
    return None


def _comprehension_of(ctx: SiteContext, call: cst.Call) -> Optional[cst.ListComp]:
    """The list comprehension whose element is exactly ``call`` (one ``for``, not async)."""
    parent = ctx.parents.get(call)
    if isinstance(parent, cst.ListComp) and parent.elt is call:
        gen = parent.for_in
        if gen.inner_for_in is None and gen.asynchronous is None:
            return parent
        raise Refuse("the comprehension has nested or async `for`s")
    return None
