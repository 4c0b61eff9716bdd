"""The shared batch rewrite: single call -> batch of one; ``for`` loop -> three phases.

A provider module describes its batch plumbing as data (``BatchFixer`` arguments): which
operations map to which batch endpoint and result type, which client types it accepts, and the
private helper emitted once per module. This module does the rest for every provider:

1. single call: ``resp = next(_helper(client, endpoint, [dict(<the call's arguments>)], parse))``;
2. ``for`` loop: build the request list, submit one batch and wait, then run the original loop
   body over the results in the original order (``next(batch_results)`` where the call was).

The request body is the sync call's own argument list under ``dict(...)``, so formatting and
comments inside it survive untouched.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Dict, FrozenSet, List, Optional, Tuple

import libcst as cst

from llm_latency_lint.catalog.providers import provider_by_id
from llm_latency_lint.catalog.providers.spec import TRANSPARENT_SEGMENTS
from llm_latency_lint.fixes import caller_loop, loops, names
from llm_latency_lint.fixes.base import (
    BATCH,
    UNSAFE,
    Fixer,
    Helper,
    Plan,
    Refuse,
    SiteContext,
    without_args,
)
from llm_latency_lint.fixes.chain import PER_ITEM_TRY, per_item_note
from llm_latency_lint.fixes.sdk_versions import SdkRequirement
from llm_latency_lint.fixes.text import reindent as _reindent
from llm_latency_lint.fixes.text import split_top_level as _split_top_level

RESULT_TYPEVAR = Helper(
    name="_BatchResult",
    source='_BatchResult = TypeVar("_BatchResult")',
    imports=(("typing", "TypeVar"),),
)

# Keywords that configure the HTTP request, not the request body.
TRANSPORT_KWARGS = frozenset({"timeout"})
UNSUPPORTED_KWARGS = frozenset({"extra_headers", "extra_query", "extra_body", "stream_options"})
_WRAPPERS_THAT_CHANGE_THE_RESULT = {"with_raw_response", "with_streaming_response"}
_LINE = 100
_BODIES = "\x00bodies\x00"  # placeholder for the request list in ``call_template``


def catalog_endpoint(provider: str, operation: str) -> str:
    """The batch endpoint the provider catalog names for ``operation``: fixers read it there, its one home."""
    found = provider_by_id(provider)
    op = (found.operations.get(operation) or found.module_functions.get(operation)) if found else None
    if op is None or not op.endpoint:
        raise LookupError(f"the provider catalog names no batch endpoint for {provider} {operation}")
    return op.endpoint


@dataclass(frozen=True)
class Endpoint:
    """An operation's batch endpoint and how to validate a result into the sync call's type."""

    url: str
    parse: str  # expression, e.g. "openai.types.chat.ChatCompletion.model_validate"
    parse_import: str  # module to import for it, e.g. "openai.types.chat"


@dataclass(frozen=True)
class Client:
    """A client type the fixer accepts and the helper its calls go through."""

    helper: Helper
    is_async: bool = False
    # Hook to adjust or refuse the body for this client (Azure: the batch deployment name).
    adjust: Optional[Callable[[SiteContext, cst.Call], cst.Call]] = None
    label: str = ""


@dataclass
class BatchFixer(Fixer):
    provider: str
    label: str  # "OpenAI", for descriptions
    endpoints: Dict[str, Endpoint]
    clients: Dict[str, Client]
    # "{helper}({client}, {endpoint}, {bodies}, {parse})" by default.
    call_template: str = "{helper}({client}, {endpoint}, {bodies}, {parse})"
    transport_kwargs: FrozenSet[str] = TRANSPORT_KWARGS
    unsupported_kwargs: FrozenSet[str] = UNSUPPORTED_KWARGS
    # The SDK version the emitted helper needs; an older installed SDK gets a refusal naming it.
    requires: Optional[SdkRequirement] = None
    strategy: str = field(default=BATCH, init=False)
    # Wording of the rewrite; another strategy reusing the loop rewrite (LLM003's list input) sets its own.
    single_call: bool = True  # a call outside a loop is rewritten too
    loop_note: str = "The requests go to the {label} Batch API; the loop below runs on the results, in order."
    loop_description: str = "build the requests, submit them as one {label} batch and wait, then run the loop body on the results"

    @property
    def keys(self) -> Tuple[Tuple[str, str], ...]:  # type: ignore[override]
        return tuple((self.provider, op) for op in self.endpoints)

    # ---- the request ---------------------------------------------------------------------
    def _client_expr(self, ctx: SiteContext) -> cst.BaseExpression:
        node: cst.BaseExpression = ctx.call.func
        wanted = list(reversed(ctx.operation.split(".")))
        while wanted:
            if not isinstance(node, cst.Attribute):
                raise Refuse("the callee is not spelled `client.<operation>` (an alias?); cannot find the client")
            attr = node.attr.value
            if attr in _WRAPPERS_THAT_CHANGE_THE_RESULT:
                raise Refuse(f"`.{attr}` returns a raw response, not the object a batch result gives")
            if attr in TRANSPARENT_SEGMENTS:
                node = node.value
                continue
            if attr != wanted[0]:
                raise Refuse(f"unexpected `.{attr}` in the callee")
            wanted.pop(0)
            node = node.value
        while isinstance(node, cst.Attribute) and node.attr.value in TRANSPARENT_SEGMENTS:
            if node.attr.value in _WRAPPERS_THAT_CHANGE_THE_RESULT:
                raise Refuse(f"`.{node.attr.value}` returns a raw response")
            node = node.value
        return node

    def _body(self, ctx: SiteContext, client: Client) -> cst.Call:
        for arg in ctx.call.args:
            if arg.keyword is None and not arg.star:
                raise Refuse("positional arguments: the SDK call takes keywords only")
            if arg.star == "*":
                raise Refuse("`*args` in the call")
            key = arg.keyword.value if arg.keyword is not None else ""
            if key == "stream" and not (isinstance(arg.value, cst.Name) and arg.value.value == "False"):
                raise Refuse("the call streams; batch results are whole responses (the LLM004 fix comes first)")
            if key in self.unsupported_kwargs:
                raise Refuse(f"`{key}=` has no place in a batch request line")

        def dropped(arg: cst.Arg) -> bool:
            key = arg.keyword.value if arg.keyword is not None else ""
            return key == "stream" or key in self.transport_kwargs

        body = ctx.call.with_changes(func=cst.Name("dict"), args=without_args(ctx.call.args, dropped))
        return client.adjust(ctx, body) if client.adjust else body

    # ---- the plan ------------------------------------------------------------------------
    def client_for(self, ctx: SiteContext) -> Optional[Client]:
        """The client entry for this call; an SDK whose async client is a segment
        (google-genai's ``client.aio``) overrides this."""
        return self.clients.get(ctx.client_type)

    def plan(self, ctx: SiteContext) -> Plan:
        client = self.client_for(ctx)
        if client is None:
            if not ctx.client_type:
                raise Refuse(f"module-level {self.label} client: bind a client object first")
            raise Refuse(f"no batch rewrite for {ctx.client_type} calls")
        too_old = self.requires.refusal() if self.requires else None
        if too_old:
            raise Refuse(too_old)
        endpoint = self.endpoints[ctx.operation]
        awaited = isinstance(ctx.outer(), cst.Await)
        if client.is_async and not awaited:
            raise Refuse("the async call is not awaited where it is made (gathered or passed on)")
        receiver = self._client_expr(ctx)
        body = self._body(ctx, client)
        shape = loops.analyse(ctx, [body, receiver], per_item_errors=True)
        taken = names.all_names(ctx.module)
        helper_call = self.call_template.format(
            helper=client.helper.name,
            client=ctx.code(receiver),
            endpoint=f'"{endpoint.url}"',
            bodies=_BODIES,
            parse=endpoint.parse,
        )
        prefix = "await " if client.is_async else ""
        imports: List[Tuple[str, Optional[str]]] = [(endpoint.parse_import, None)]
        if shape.loop is None and not self.single_call:
            raise Refuse("the call is not in a `for` loop; nothing to combine")
        if shape.loop is None:
            hit = ctx.callers.per_item_loop(ctx.function) if ctx.callers is not None else None
            if hit is not None:
                return self._at_callers_loop(ctx, hit, client, body, helper_call, prefix, imports)
            body_code = ctx.code(body)
            text = f"next({prefix}{helper_call.replace(_BODIES, '[' + body_code + ']')})"
            if "\n" in body_code or len(ctx.indent_of(shape.stmt)) + len(text) > _LINE:
                text = self._single_multiline(ctx, body, helper_call, prefix)
            new = cst.parse_expression(text)
            return Plan(
                description=f"submit the request as a one-request {self.label} batch and wait for it",
                safety=UNSAFE,
                replace={ctx.outer(): new},
                helpers=[client.helper],
                imports=imports,
            )
        if shape.per_item_try is None:
            return self._loop_plan(ctx, shape, body, helper_call, prefix, taken, client, imports)
        plan = self._loop_plan(ctx, shape, body, helper_call, prefix, taken, client, imports,
                               note=per_item_note(self.label))
        plan.description += PER_ITEM_TRY
        plan.helper_format = 2  # results that go on after a failed item
        return plan

    def _at_callers_loop(self, ctx, hit, client, body, helper_call, prefix, imports) -> Plan:
        """A batch of one is a fix only off per-item paths: batch at the caller's loop, or refuse
        naming the loop."""
        name = ctx.function.rsplit(".", 1)[-1]
        if hit.retry:
            raise Refuse(
                f"the call is inside a retry/fallback loop at {hit.where()} in `{hit.caller}` (it stops at the "
                f"first success): not a loop over items, and a batch of one per attempt would wait hours before "
                f"the next attempt"
            )
        try:
            if prefix:
                raise Refuse("async calls are not batched at a caller's loop yet")
            return caller_loop.plan(self, ctx, hit, client, body, helper_call, imports)
        except Refuse as exc:
            raise Refuse(
                f"{hit.describe(name)}: a batch of one here would submit one batch per item, one after another; "
                f"batch at that loop instead (collect the requests over the items, one batch, then the rest of "
                f"the loop over the results). Not rewritten there: {exc}"
            ) from None

    def _single_multiline(self, ctx: SiteContext, body: cst.Call, helper_call: str, prefix: str) -> str:
        di = ctx.module.default_indent
        head, _, rest = helper_call.partition("(")
        args = [a.strip() for a in _split_top_level(rest[:-1])]
        lines = ["next(", f"{di}{prefix}{head}("]
        for arg in args:
            if arg == _BODIES:
                arg = "[" + _reindent(ctx.code(body), di * 2) + "]"
            lines.append(f"{di * 2}{arg},")
        lines += [f"{di})", ")"]
        return "\n".join(lines)

    def _loop_plan(self, ctx, shape, body, helper_call, prefix, taken, client, imports, note=None) -> Plan:
        """Three phases at ``shape.loop``; ``note`` replaces the comment above them."""
        loop = shape.loop
        ind = ctx.indent_of(loop)
        di = ctx.module.default_indent
        items = names.fresh("batch_items", taken)
        bodies = names.fresh("batch_bodies", taken)
        results = names.fresh("batch_results", taken)
        target = ctx.code(loop.target).strip()
        body_code = ctx.code(body)
        comments = (note or self.loop_note.format(label=self.label)).split("\n")
        lines = [f"{items} = list({ctx.code(loop.iter).strip()})"]
        if not shape.steps and body_code.strip() == target:  # the items are the requests
            bodies = items
        elif shape.has_assignments:
            imports = imports + [("typing", "Any"), ("typing", "Dict"), ("typing", "List")]
            lines.append(f"{bodies}: List[Dict[str, Any]] = []")
            lines.append(f"for {target} in {items}:")
            for kind, node in shape.steps:
                if kind == loops.ASSIGN:
                    lines.append(f"{di}{_reindent(ctx.code(node).strip(), di)}")
                else:
                    test = ctx.code(node).strip()
                    lines.append(f"{di}if {test if kind == loops.SKIP_IF else _negate(test, node)}:")
                    lines.append(f"{di}{di}continue")
            lines.append(f"{di}{bodies}.append({_reindent(body_code, di)})")
        else:
            conditions = [
                _negate(ctx.code(n).strip(), n) if kind == loops.SKIP_IF else _clause(ctx.code(n).strip(), n)
                for kind, n in shape.steps
            ]
            clauses = "".join(f" if {c}" for c in conditions)
            one_line = f"{bodies} = [{body_code} for {target} in {items}{clauses}]"
            if "\n" not in body_code and len(ind) + len(one_line) <= _LINE:
                lines.append(one_line)
            else:
                lines.append(f"{bodies} = [")
                lines.append(f"{di}{_reindent(body_code, di)}")
                lines.append(f"{di}for {target} in {items}")
                lines.extend(f"{di}if {c}" for c in conditions)
                lines.append("]")
        call = helper_call.replace(_BODIES, bodies)
        submit = f"{results} = {prefix}{call}"
        if len(ind) + len(submit) > _LINE:
            head, _, rest = call.partition("(")
            submit = f"{results} = {prefix}{head}(\n{di}{rest[:-1]},\n)"
        lines.append(submit)
        # Continuation lines are relative to their statement: libcst adds the block's indentation.
        phases = list(cst.parse_module("\n".join(lines) + "\n").body)
        notes = [cst.EmptyLine(comment=cst.Comment(f"# {c}")) for c in comments]
        phases[0] = phases[0].with_changes(leading_lines=[*loop.leading_lines, *notes])
        next_call = cst.parse_expression(f"next({results})")
        new_body = loops_body_replace(loop.body, ctx.outer(), next_call)
        new_loop = loop.with_changes(
            iter=cst.Name(items),
            body=new_body,
            leading_lines=[],
            whitespace_after_in=cst.SimpleWhitespace(" "),
        )
        return Plan(
            description=self.loop_description.format(label=self.label),
            safety=UNSAFE,
            replace={loop: cst.FlattenSentinel([*phases, new_loop])},
            helpers=[client.helper],
            imports=imports,
        )


def loops_body_replace(block: cst.BaseSuite, old: cst.CSTNode, new: cst.CSTNode) -> cst.BaseSuite:
    from llm_latency_lint.fixes.emit import replace_nodes

    result = replace_nodes(block, {old: new})
    assert isinstance(result, cst.BaseSuite)
    return result


def _atomic(node: cst.CSTNode) -> bool:
    return isinstance(node, (cst.Name, cst.Attribute, cst.Call, cst.Subscript)) or bool(getattr(node, "lpar", ()))


def _negate(test: str, node: cst.CSTNode) -> str:
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Not):
        return test[len("not"):].strip()
    return f"not {test}" if _atomic(node) else f"not ({test})"


def _clause(test: str, node: cst.CSTNode) -> str:
    return f"({test})" if isinstance(node, (cst.IfExp, cst.Lambda, cst.NamedExpr)) else test
