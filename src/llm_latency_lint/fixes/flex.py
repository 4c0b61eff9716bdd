"""The flex-tier alternative to a batch rewrite: ``service_tier="flex"``, a longer timeout and
more retries.

The call stays synchronous (same code shape, results where they were), priced at batch rates
where the provider says so, but slower and sometimes rejected under load (OpenAI: 429 "resource
unavailable"): unsafe. OpenAI's flex guide raises the timeout to 15 minutes; the fix passes
``timeout=900.0`` and, where ``max_retries`` is set, reaches the call through
``client.with_options(max_retries=...)`` so the SDK's own exponential backoff retries the 429s.
Offered only where the model is one the provider documents for flex (``catalog/tiers.py``), or
the user opted in through ``flex-models`` in the config (``"*"``: any model).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

import libcst as cst

from llm_latency_lint.catalog.tiers import Tier
from llm_latency_lint.fixes.base import FLEX, UNSAFE, Fixer, Plan, Refuse, SiteContext

_SNAPSHOT = r"(-\d{4}-\d{2}-\d{2})?"  # dated snapshots of a model name


@dataclass
class FlexFixer(Fixer):
    provider: str
    label: str
    operations: Tuple[str, ...]
    known_models: Tuple[str, ...]  # documented flex models (see ``source``)
    source: str
    clients: Tuple[str, ...]
    timeout_seconds: float = 900.0
    max_retries: Optional[int] = None  # reach the call through client.with_options(max_retries=...)
    tier: Optional[Tier] = None  # the discount table's row: excluded models, rate
    strategy: str = field(default=FLEX, init=False)

    @property
    def keys(self) -> Tuple[Tuple[str, str], ...]:  # type: ignore[override]
        return tuple((self.provider, op) for op in self.operations)

    def supports(self, model: str) -> bool:
        if self.tier is not None:
            return self.tier.allows(model)
        return any(re.fullmatch(re.escape(m) + _SNAPSHOT, model) for m in self.known_models)

    def check_model(self, ctx: SiteContext) -> None:
        opted = ctx.config.flex_models
        model = ctx.model
        if "*" not in opted and not (model and (self.supports(model) or model in opted)):
            known = ", ".join(self.known_models) or "none documented"
            what = f"model {model!r}" if model else "the model (not a literal)"
            raise Refuse(
                f"{what} is not known to support the {self.label} flex tier ({known}; {self.source}); "
                "opt in with flex-models in [tool.llm-latency-lint]"
            )

    def plan(self, ctx: SiteContext) -> Plan:
        if ctx.client_type not in self.clients:
            raise Refuse(f"flex tier: {ctx.client_type or 'module-level client'} is not a {self.label} client the fix knows")
        if ctx.kwarg("service_tier") is not None:
            raise Refuse("the call already sets service_tier")
        if any(a.star == "**" for a in ctx.call.args):
            raise Refuse("the call passes `**` keyword arguments, which may already hold timeout or service_tier "
                         "(a keyword given twice is a TypeError)")
        if self.tier is not None and self.tier.rate <= 0:
            raise Refuse(f"the {self.label} flex tier costs the same as the standard one ({self.tier.source}, "
                         f"read {self.tier.checked}): no saving")
        self.check_model(ctx)
        timeout = ctx.kwarg("timeout")
        if timeout is not None and isinstance(timeout.value, (cst.Integer, cst.Float)) and \
                float(timeout.value.evaluated_value) < self.timeout_seconds:
            raise Refuse(f"the call sets timeout={timeout.value.value} s; a flex request may take up to "
                         f"{self.timeout_seconds:.0f} s, so it would time out: raise the timeout first")
        additions: List[Tuple[str, cst.BaseExpression]] = [("service_tier", cst.SimpleString('"flex"'))]
        if timeout is None:
            additions.append(("timeout", cst.Float(repr(self.timeout_seconds))))
        call = ctx.call.with_changes(args=_append_kwargs(list(ctx.call.args), additions, ctx.call.whitespace_before_args))
        retries = ""
        if self.max_retries is not None:
            call = call.with_changes(func=_with_options(call.func, ctx.operation, self.max_retries))
            retries = f", {self.max_retries} retries with the SDK's backoff for 429 resource unavailable"
        rate = f", {self.tier.rate:.0%} off ({self.tier.source}, read {self.tier.checked})" if self.tier else ""
        return Plan(
            description=f"use the {self.label} flex tier (service_tier=\"flex\", timeout {self.timeout_seconds:.0f} s{retries}{rate})",
            safety=UNSAFE,
            replace={ctx.call: call},
        )


def _with_options(func: cst.BaseExpression, operation: str, retries: int) -> cst.BaseExpression:
    """``client.chat.completions.create`` -> ``client.with_options(max_retries=N).chat.completions.create``."""
    names = operation.split(".")
    chain: List[cst.Attribute] = []
    node = func
    for name in reversed(names):
        if not (isinstance(node, cst.Attribute) and node.attr.value == name):
            raise Refuse(f"the call is not reached as `<client>.{operation}`")
        chain.append(node)
        node = node.value
    base: cst.BaseExpression = cst.Call(
        func=cst.Attribute(value=node, attr=cst.Name("with_options")),
        args=[cst.Arg(value=cst.Integer(str(retries)), keyword=cst.Name("max_retries"),
                      equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")))],
    )
    for attribute in reversed(chain):
        base = attribute.with_changes(value=base)
    return base


def _append_kwargs(args: List[cst.Arg], additions: List[Tuple[str, cst.BaseExpression]],
                   before_args: Optional[cst.BaseParenthesizableWhitespace] = None) -> List[cst.Arg]:
    """Add keyword arguments in the layout the call already uses: one per line (with or without a
    trailing comma; comments stay on their argument's line) or inline. ``before_args``: the call's
    whitespace after ``(``, which gives the indentation of a one-argument call laid out over lines."""
    new = [cst.Arg(value=v, keyword=cst.Name(k), equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace(""))) for k, v in additions]
    inline = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    if not args:
        return [*(a.with_changes(comma=inline) for a in new[:-1]), new[-1]]
    last = args[-1]
    trailing = isinstance(last.comma, cst.Comma)
    closing = last.comma.whitespace_after if isinstance(last.comma, cst.Comma) else last.whitespace_after_arg
    between = _line_break(args[-2].comma.whitespace_after if len(args) > 1 and isinstance(args[-2].comma, cst.Comma)
                          else before_args)
    if between is not None and isinstance(closing, cst.ParenthesizedWhitespace):  # one argument per line
        plain = cst.TrailingWhitespace()
        step = cst.Comma(whitespace_after=between.with_changes(first_line=plain, empty_lines=[]))
        # The last argument keeps the end of its line (a comment), then the new ones follow on lines
        # of their own; the last new one ends as the call ended (trailing comma or not, then ``)``).
        kept = last.with_changes(whitespace_after_arg=cst.SimpleWhitespace(""), comma=cst.Comma(
            whitespace_before=last.comma.whitespace_before if trailing else cst.SimpleWhitespace(""),  # type: ignore[union-attr]
            whitespace_after=closing.with_changes(indent=between.indent, last_line=between.last_line)))
        end = closing.with_changes(first_line=plain, empty_lines=[])
        final = new[-1].with_changes(comma=cst.Comma(whitespace_after=end)) if trailing else new[-1].with_changes(whitespace_after_arg=end)
        return [*args[:-1], kept, *(a.with_changes(comma=step) for a in new[:-1]), final]
    if trailing:  # a trailing comma on one line: ``f(a, b, )``
        return [*args[:-1], last.with_changes(comma=inline), *(a.with_changes(comma=inline) for a in new[:-1]),
                new[-1].with_changes(comma=last.comma)]
    out = [*args[:-1], last.with_changes(comma=inline, whitespace_after_arg=cst.SimpleWhitespace(""))]
    out.extend(a.with_changes(comma=inline) for a in new[:-1])
    out.append(new[-1].with_changes(whitespace_after_arg=last.whitespace_after_arg))
    return out


def _line_break(ws: Optional[cst.BaseParenthesizableWhitespace]) -> Optional[cst.ParenthesizedWhitespace]:
    return ws if isinstance(ws, cst.ParenthesizedWhitespace) else None
