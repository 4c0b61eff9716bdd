"""Batch at the caller's loop: a single call a loop reaches once per item, directly or through
other functions.

``def team_section(team, week): response = client.<op>(...); ...; return text`` called as
``[team_section(t, week) for t in teams]`` would be a batch of one per team. Instead each
function from the call's up to the one the loop calls gets ``<function>_batch(calls)``
(``chain.py``): the call's own function builds every request and submits them as one batch;
a function above it (``summarize_ticket`` calling ``summarize_thread`` first thing) builds the
arguments it passes for every item and calls the level below's ``_batch`` once; each runs the
rest of its body per item on its result, in order. The loop calls the top one once:

- a list comprehension whose element is the call: ``list(team_section_batch([(t, week) for t in teams]))``;
- a ``for`` loop: the three phases of the loop rewrite (``batch.py``), ``next(batch_results)``
  where the call was, with every refusal of ``loops.analyse``; the call may be the first
  statement of a ``try`` whose handlers catch a failed item (it raises at its ``next``, the
  other items still get their results).

The original functions stay for their other callers. Each ``_batch`` lives in the module of
the function it mirrors, imported where the level above or the loop needs it; every file of the
chain changes in the same fix or none (``Plan.others``). What is handled, everything else
refused with the reason and the loop's place: the loop not inside another loop nor its function
called per item, nothing on the way paging or alerting; plain module-level ``def``s (no
decorator, not async, no ``*args``/``**kwargs``, not a generator) whose first statement (after
a docstring) is ``name = <the call>``, ``<the call>`` or ``return <the call>``; a loop passing
arguments without calls.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

import libcst as cst

from llm_latency_lint.fixes import chain, loops, names
from llm_latency_lint.fixes.base import UNSAFE, Plan, Refuse, SiteContext
from llm_latency_lint.model import LatencyClass

if TYPE_CHECKING:  # pragma: no cover
    from llm_latency_lint.fixes.callers import LoopHit

# ``fixer`` and ``client`` below are ``batch.BatchFixer`` and ``batch.Client``: ``batch`` imports
# this module, so they are typed ``Any`` here.


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def _call_at(ctx: SiteContext, line: int, name: str) -> cst.Call:
    found = [n for n, pos in ctx.positions.items() if isinstance(n, cst.Call) and pos.start.line == line
             and isinstance(n.func, cst.Name) and n.func.value == name]
    if len(found) != 1:
        raise Refuse(f"cannot single out the call of `{name}` on line {line}")
    return found[0]


def _arguments(fn: cst.FunctionDef, call: cst.Call, same_module: bool, calls_ok: bool = False) -> List[cst.BaseExpression]:
    """The call's arguments in the order of ``fn``'s parameters (defaults filled in: literals
    only when the caller is in another module, where the default's names mean nothing).
    ``calls_ok``: a function on the chain passes them; they are part of building each request,
    like the request's own calls (a loop's arguments must not call code)."""
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
    if info.impure or (info.calls and not calls_ok):
        raise Refuse("the arguments the loop passes call code; building them all first would reorder that")
    return out


def _without_call_comment(call: cst.Call) -> cst.Call:
    """The request without a comment right after its ``(`` (it described the original line)."""
    ws = call.whitespace_before_args
    if isinstance(ws, cst.ParenthesizedWhitespace) and ws.first_line.comment is not None:
        return call.with_changes(whitespace_before_args=ws.with_changes(
            first_line=cst.TrailingWhitespace(newline=ws.first_line.newline)))
    return call


@dataclass
class _Level:
    """One function of the chain: the one holding the SDK call (level 0) or one calling the level below."""

    fn: cst.FunctionDef
    path: str
    module: str  # its import name
    ctx: SiteContext  # on its file
    batch: str = ""  # its batch variant's name
    outer: Optional[cst.BaseExpression] = None  # the call of the level below (level 0: the SDK call)
    args: List[cst.BaseExpression] = field(default_factory=list)  # what it passes the level below


def _site_function(ctx: SiteContext) -> cst.FunctionDef:
    """The top-level ``def`` holding the call, or ``Refuse``."""
    fn = next((a for a in ctx.ancestors(ctx.call) if isinstance(a, (cst.FunctionDef, cst.ClassDef, cst.Lambda))), None)
    if not isinstance(fn, cst.FunctionDef) or fn not in ctx.module.body:
        raise Refuse("the call's function is not a module-level `def`")
    return fn


def _levels(ctx: SiteContext, hit: "LoopHit") -> List[_Level]:
    """Every function from the SDK call's up to the one the loop calls, each checked."""
    site = _Level(_site_function(ctx), ctx.finding.path, ctx.finding.site.resolved.facts.module, ctx,  # type: ignore[union-attr]
                  outer=ctx.outer())
    levels = [site]
    chain.check_function(site.fn)
    for (name, path, line), qualname in zip(hit.via[:-1], hit.chain[:-1]):
        below = levels[-1]
        facts = ctx.callers.functions.get(qualname) if ctx.callers is not None else None
        where = f"{path}:{line}"
        if facts is None or qualname != f"{facts[0].module}.{name}":
            raise Refuse(f"`{name}` ({where}) on the way to the loop is not a module-level function")
        lc = ctx if path == ctx.finding.path else _caller_context(ctx, path)
        fn = chain.find_function(lc.module, name, where)
        chain.check_function(fn)
        call = _call_at(lc, line, below.fn.name.value)
        if isinstance(lc.parents.get(call), cst.Await):
            raise Refuse(f"`{name}` awaits `{below.fn.name.value}`")
        args = _arguments(below.fn, call, path == below.path, calls_ok=True)
        levels.append(_Level(fn, path, facts[0].module, lc, outer=call, args=args))
    names_seen = [level.fn.name.value for level in levels]
    if hit.caller in names_seen or len(set(hit.chain)) != len(hit.chain):
        raise Refuse("the function calls itself")
    return levels


def plan(fixer: Any, ctx: SiteContext, hit: "LoopHit", client: Any, body: cst.Call,
         helper_call: str, imports: List[Tuple[str, Optional[str]]]) -> Plan:
    """The rewrite at the loop (and every function between it and the call), or ``Refuse``
    saying why not and where the loop is."""
    levels = _levels(ctx, hit)
    site, top = levels[0], levels[-1]
    receiver_reads = names.collect(cst.parse_expression(helper_call.split("(", 1)[1].split(",", 1)[0])).reads \
        if "(" in helper_call else set()
    if receiver_reads & {p.name.value for p in site.fn.params.params}:
        raise Refuse("the client is a parameter of the function")
    if ctx.callers is not None and not ctx.config.fix_time_critical:
        for qualname in hit.chain:  # every function on the way, the loop's too (and their callers)
            alert = ctx.callers.time_critical(qualname)
            if alert:
                raise Refuse(f"time-critical side effect (paging, SMS, alerting) on the way to the loop: {alert}")
    _not_on_a_request_path(ctx, hit)
    where = f"{hit.path}:{hit.line}"
    outer = ctx.callers.per_item_loop(hit.caller_qualname) if ctx.callers is not None and hit.caller_qualname else None
    if outer is not None and outer.retry:
        raise Refuse(f"`{hit.caller}` is called from a retry/fallback loop at {outer.where()}: a batch there "
                     "would be one batch per attempt")
    if outer is not None:
        raise Refuse(f"`{hit.caller}` is itself called once per item ({outer.kind} at {outer.where()}): "
                     "a batch there would be one batch per item of that loop")
    cc = ctx if hit.path == ctx.finding.path else _caller_context(ctx, hit.path)  # the loop's module
    call = _call_at(cc, hit.via[-1][2], top.fn.name.value)
    args = _arguments(top.fn, call, hit.path == top.path)
    parts: Dict[str, Plan] = {}
    di = ctx.module.default_indent
    stale: List[str] = []  # reused ``_batch`` functions an older version wrote as generators
    for index, level in enumerate(levels):
        above = levels[index + 1].ctx.module if index + 1 < len(levels) else cc.module
        taken = names.all_names(level.ctx.module) | names.all_names(above)
        existing = chain.existing(level.ctx.module, level.fn.name.value)
        level.batch = existing or names.fresh(f"{level.fn.name.value}_batch", taken)
        if existing:
            if chain.stops_at_failure(level.ctx.module, existing):
                stale.append(f"`{existing}` ({level.path})")
            continue
        if index == 0:
            submit, element = helper_call, _code(_without_call_comment(body))
            doc = f"`{level.fn.name.value}` for many calls: their requests go to one {fixer.label} batch; results in order."
        else:
            below = levels[index - 1]
            submit = f"{below.batch}({chain.BODIES})"
            element = _code(level.args[0] if len(level.args) == 1 else cst.Tuple([cst.Element(a) for a in level.args]))
            doc = f"`{level.fn.name.value}` for many calls: one {fixer.label} batch through `{below.batch}`; results in order."
        assert level.outer is not None
        new, wanted = chain.batch_variant(level.fn, level.outer, submit, element, level.batch, doc, di,
                                          names.all_names(level.ctx.module, variables_only=True))
        part = parts.setdefault(level.path, Plan("", UNSAFE))
        part.replace[level.fn] = cst.FlattenSentinel([level.fn, new])
        part.imports += wanted
        if index == 0:
            part.imports = imports + part.imports
        elif levels[index - 1].path != level.path:
            part.imports.append((levels[index - 1].module, levels[index - 1].batch))
    via = ", ".join(f"`{level.fn.name.value}`" for level in levels[1:])
    steps = " -> ".join(f"`{level.batch}`" for level in reversed(levels))
    description = (f"batch at the caller's loop ({where}, `{hit.caller}`{', via ' + via if via else ''}): {steps} "
                   f"send{'s' if len(levels) == 1 else ''} the requests of `{site.fn.name.value}` as one "
                   f"{fixer.label} batch and run{'s' if len(levels) == 1 else ''} the rest of "
                   f"{'it' if len(levels) == 1 else 'each function'} on the results, in order")
    request = args[0] if len(args) == 1 else cst.Tuple([cst.Element(a) for a in args])
    at_loop, in_try = _at_loop(fixer, ctx, cc, hit, call, body, request, top, levels, client, where)
    if in_try and stale:
        raise Refuse(f"{', '.join(stale)} was written by an older llm-latency-lint as a generator, which stops at "
                     "a failed item; the loop's per-item `try` needs the results to go on (delete it to have it "
                     "written anew)")
    at_loop.description = description + (chain.PER_ITEM_TRY if in_try else "")
    if hit.path != top.path:
        at_loop.imports = [(top.module, top.batch), *at_loop.imports]
    part = parts.setdefault(hit.path, Plan("", UNSAFE))
    part.replace.update(at_loop.replace)
    part.imports += at_loop.imports
    main = parts.pop(site.path, Plan("", UNSAFE))
    main.description, main.helpers, main.others = at_loop.description, [client.helper], parts
    main.helper_format = 2 if in_try else 0  # results that go on after a failed item
    for other in parts.values():
        other.description = main.description
    return main


def _not_on_a_request_path(ctx: SiteContext, hit: "LoopHit") -> None:
    """Refuse when a request (or work someone waits on) reaches a function of the chain: the
    loop's function would wait for the batch inside that request; a function on the way would be
    copied into the batch path while the request keeps the original (classification normally
    makes such a site mixed, LLM006, with no batch fix: this guards pragmas and partial reach)."""
    site = ctx.finding.site
    for reach in site.reaches if site is not None else []:
        if reach.cls not in (LatencyClass.REAL_TIME.value, LatencyClass.NEAR_REAL_TIME.value):
            continue
        shared = next((q for q in hit.chain if q in reach.functions), None)
        if shared is not None:
            first = reach.chain[0] if reach.chain else None
            whence = f" ({first.note} at {first.path}:{first.line})" if first is not None else ""
            why = ("the rewritten loop would make it wait for the batch" if shared == hit.chain[-1] else
                   "its batch variant would copy code the request runs into the batch path; split the path first")
            raise Refuse(f"`{shared.rsplit('.', 1)[-1]}` is also on a {reach.cls} path{whence}: {why}")


def _at_loop(fixer: Any, ctx: SiteContext, cc: SiteContext, hit: "LoopHit", call: cst.Call, body: cst.Call,
             request: cst.BaseExpression, top: _Level, levels: List[_Level], client: Any,
             where: str) -> Tuple[Plan, bool]:
    """The loop or comprehension rewritten to call ``top.batch`` once (``loops.analyse``'s
    refusals); True when the call is in a per-item ``try`` (its handlers catch a failed item)."""
    comp = _comprehension_of(cc, call)
    _not_nested(cc, comp if comp is not None else call, where, inner=comp is None)
    if comp is not None:
        gen = comp.for_in
        ifs = "".join(f" if {_code(i.test)}" for i in gen.ifs)
        if names.collect(*[i.test for i in gen.ifs]).calls:
            raise Refuse(f"the comprehension at {where} filters with a call")
        source = f"list({top.batch}([{_code(request)} for {_code(gen.target)} in {_code(gen.iter)}{ifs}]))"
        return Plan("", UNSAFE, {comp: cst.parse_expression(source)}), False
    loop_ctx = SiteContext(ctx.finding, ctx.match, call, cc.module, cc.parents, cc.positions, ctx.config, cc.text)
    # What the requests read besides the parameters (module globals, in the loop's module): the
    # loop must not change it either, as every request is now built before the loop body runs.
    reads: List[str] = []
    for index, level in enumerate(levels):
        if level.path == hit.path:
            params = {p.name.value for p in level.fn.params.params}
            built = names.collect(*level.args) if index else names.collect(body)
            reads += sorted(r for r in built.reads if r.split(".", 1)[0] not in params)
    shape = loops.analyse(loop_ctx, [request, *(cst.parse_expression(r) for r in reads)], per_item_errors=True)
    if shape.loop is None:
        raise Refuse(f"the call at {where} is not in a `for` loop or list comprehension the fix rewrites")
    note = None
    if shape.per_item_try is not None:
        note = chain.per_item_note(fixer.label)
    taken = names.all_names(ctx.module) | names.all_names(cc.module)
    at_loop = fixer._loop_plan(loop_ctx, shape, request, f"{top.batch}({chain.BODIES})", "", taken, client, [],
                               note=note)
    at_loop.helpers = []
    return at_loop, note is not None


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


def _comprehension_of(ctx: SiteContext, call: cst.Call) -> Optional[cst.ListComp]:
    """The list comprehension whose element is exactly ``call`` (one ``for``, not async)."""
    parent = ctx.parents.get(call)
    if isinstance(parent, cst.ListComp) and parent.elt is call:
        gen = parent.for_in
        if gen.inner_for_in is None and gen.asynchronous is None:
            return parent
        raise Refuse("the comprehension has nested or async `for`s")
    return None
